// What a rule says about one site: which rule, which pattern category, where,
// what, and whether it was (or can be) fixed. Reports and `check` read these.
#pragma once
#include <string>
#include <vector>

#include "core/source.h"

namespace anymig {

// How sure a rule's fix is. Documented per rule.
enum class FixSafety {
    Safe,         // always behaves the same
    Conditional,  // safe under conditions the rule checks and documents
    ReviewOnly,   // the rule only detects; it never rewrites
};

// What happened at a site.
enum class SiteStatus {
    Fixed,           // an edit was applied (migrate) or is available (check)
    NeedsReview,     // the rule recognised the pattern but cannot prove a rewrite safe
    NoEquivalent,    // the target library has no equivalent API
    NotYetMigrated,  // a legacy reference no rule handles yet
    KeptByPolicy,    // deliberately left alone (a --ignore'd rule, a configured policy)
    Suppressed,      // silenced by an inline `anymig: ignore` comment
};

const char* toString(FixSafety s);
const char* toString(SiteStatus s);

struct Diagnostic {
    std::string ruleId;     // e.g. "AM101"
    std::string ruleName;   // e.g. "pkg-sleep"
    std::string category;   // the pattern category, e.g. "sleep", "sync-primitive"
    SiteStatus status = SiteStatus::NotYetMigrated;
    std::string path;
    Position begin;
    Position end;
    std::string message;    // one line
    std::string before;     // the source text of the site
    std::string after;      // its replacement, when fixed
    // A fix that overlapped another fix in the same round: not applied this round;
    // the runner's next round sees the site again.
    bool deferred = false;
    bool isLegacy() const { return status != SiteStatus::Fixed && status != SiteStatus::Suppressed; }
};

}  // namespace anymig
