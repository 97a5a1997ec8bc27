// Language-neutral rule metadata and rule selection. A front end owns how rules run;
// the core only needs to know which rules exist, for selection, listing and
// documentation (core/pack.h holds the packs).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace anymig {

struct RuleInfo {
    std::string_view id;        // stable code, e.g. "AM101"
    std::string_view name;      // kebab slug; docs/rules/<pack>/<name>.md
    std::string_view category;  // pattern category, e.g. "sleep"
    std::string_view summary;   // one line: what it does
    FixSafety safety = FixSafety::Safe;
    // The rule's documentation, written in its rule file and nowhere else: `brief` is its
    // one-line Markdown table cell, `doc` the body of its page (What it does, Why, Example,
    // Fix safety, ...). scripts/gen-docs writes docs/rules/ and the README tables from them.
    std::string_view brief;
    std::string_view doc;
};

// Which rules run: --select and --ignore take ids, names, or category names.
struct RuleSelection {
    std::vector<std::string> select;  // empty = all
    std::vector<std::string> ignore;
    bool enabled(const RuleInfo& rule) const;
};

}  // namespace anymig
