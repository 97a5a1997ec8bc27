// What a Python rule sees and how it answers: the parsed module, its semantic model,
// the target versions, and two verbs, fix() and flag(). Fixes are plain text edits;
// the imports a fix needs are requested by module name and placed by the import rule.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/frontend.h"
#include <memory>

#include "matchers/python/model.h"
#include "matchers/python/run_summary.h"
#include "matchers/python/semantics.h"
#include "matchers/python/syntax.h"

namespace anymig::python {

struct Version {
    int major = 0;
    int minor = 0;
    bool atLeast(int ma, int mi) const { return major > ma || (major == ma && minor >= mi); }
    std::string str() const { return std::to_string(major) + "." + std::to_string(minor); }
    static std::optional<Version> parse(std::string_view text);
};

// A call whose callee resolved to a qualified name.
struct CallSite {
    TSNode call{};
    TSNode callee{};
    TSNode arguments{};  // argument_list (may be a generator_expression)
    const Reference* ref = nullptr;
    std::string qualified;
};

struct CallArgs {
    std::vector<TSNode> positional;  // plain positional arguments
    std::vector<TSNode> keywords;    // keyword_argument nodes
    bool hasStar = false;            // *args
    bool hasDoubleStar = false;      // **kwargs
    bool hasComment = false;
    TSNode keyword(std::string_view name, const Syntax& syntax) const;
};

struct Fix {
    std::vector<Edit> edits;
    std::vector<std::string> imports;  // modules the replacement refers to ("newlib", "inspect")
};

struct RuleInfo;

// A fix accepted in this round (not deferred), as the round's consistency check sees it.
struct AcceptedFix {
    std::string ruleId;
    TSNode site{};
    std::size_t diagnostic = 0;  // index into the round's diagnostics
    std::vector<Edit> edits;
    std::vector<std::string> imports;
    bool retracted = false;
};

class Context {
public:
    Context(const Syntax& syntax, const Model& model, const Settings& settings, Analysis& out,
            const std::string* originalText = nullptr, std::map<std::string, std::string>* roundNotes = nullptr);

    const Syntax& syntax;
    const Model& model;
    const SourceFile& source;
    const Settings& settings;
    // A version option of the pack (its value, else its default; 0.0 when neither parses).
    Version version(const PackOption& option) const;
    // The file's text before the run's first round; null when this is the first round.
    const std::string* originalText = nullptr;
    // AnalysisOptions::roundNotes: facts about the original file kept across rounds (or null).
    std::map<std::string, std::string>* roundNotes = nullptr;
    // The summaries of the run's modules (null outside a run, e.g. in the language server), and
    // the package this module's relative imports start from.
    const RunSummaries* run = nullptr;
    std::string package;
    // This round is a module's first round run for its round fact (RunSummaries::roundFact): a
    // check must not ask for round facts in turn.
    bool inRunSummary = false;
    // Opt-in for fixes documented as unsafe (--unsafe-fixes).
    bool unsafeFixes() const { return settings.get(kUnsafeFixesKey) == "1"; }

    std::string_view text(TSNode n) const { return syntax.text(n); }
    std::string str(TSNode n) const { return std::string(syntax.text(n)); }
    CallArgs args(TSNode argumentList) const;
    // Qualified-name prefixes that name the same thing as a shorter one (a module re-exporting
    // its submodules' names: "pkg.sub." is "pkg."), from the pack's front-end configuration.
    const std::vector<std::pair<std::string, std::string>>* aliases = nullptr;
    // The qualified name with an aliased prefix replaced ("pkg.sub.f" -> "pkg.f").
    std::string canonical(const std::string& qualified) const;
    // Calls to any of the qualified names (as written or canonical), in document order.
    std::vector<CallSite> callsTo(const std::vector<std::string_view>& names) const;
    // The statement node containing `n` (expression_statement, return_statement, ...).
    TSNode statementOf(TSNode n) const;
    // The leading whitespace of the line `offset` is on.
    std::string indentAt(std::size_t offset) const;
    const std::string& newline() const { return source.newline(); }
    bool flagAssumed(const std::string& name, bool& value) const;

    // Report a site fixed by `fix`. Imports the fix needs must be usable at the site;
    // otherwise the site is flagged instead. Overlapping fixes are deferred to the next round.
    void fixed(const anymig::RuleInfo& rule, TSNode site, std::string message, Fix fix);
    // Report a site the rule will not rewrite.
    void flag(const anymig::RuleInfo& rule, TSNode site, SiteStatus status, std::string message,
              std::string category = {});
    // Mark references inside `site` as handled, so the catch-all rule does not report them again.
    void claim(TSNode site);
    bool claimed(const Reference& ref) const;

    // State the import rule reads.
    const std::map<std::string, int>& neededImports() const { return neededImports_; }
    void provideModuleImport(const std::string& module) { providedImports_.insert(module); }
    const std::set<std::string>& providedImports() const { return providedImports_; }
    const EditSet& edits() const { return out_.edits; }

    // The module-level semantic model, built on first use, once per module per round.
    const Semantics& semantics() const;
    // The fixes accepted so far in this round, in the order they were accepted.
    const std::vector<AcceptedFix>& acceptedFixes() const { return accepted_; }
    // Backs an accepted fix out: its edits and import requests are withdrawn and its site is
    // reported with `status` and `message` instead (which must name the site that caused it).
    void retract(std::size_t acceptedIndex, SiteStatus status, std::string message, bool appendMessage = false);
    // Appends `suffix` to the report of an accepted fix (an unsafe fix kept with --unsafe-fixes
    // says why it is unsafe: " (unsafe fix, opted in: ...)").
    void noteOnFix(std::size_t acceptedIndex, const std::string& suffix);
    // True when an accepted, not retracted fix's site contains `n`.
    bool fixedThisRound(TSNode n) const;
    // True when an accepted edit replaces the range [begin, end).
    bool consumed(std::size_t begin, std::size_t end) const;
    // Adds a fix's edits all-or-none. `layoutCheck`: refuse (defer) a fix that lays out lines
    // another accepted fix lays out too; only the import rule, which inserts whole top-level
    // lines the other fixes depend on in the same round, turns it off.
    bool tryAdd(std::vector<Edit> edits, bool layoutCheck = true);

private:
    Diagnostic makeDiagnostic(const anymig::RuleInfo& rule, TSNode site, SiteStatus status, std::string message) const;
    bool suppressed(const anymig::RuleInfo& rule, TSNode site) const;

    Analysis& out_;
    std::vector<AcceptedFix> accepted_;
    mutable std::unique_ptr<Semantics> semantics_;
    // Lines laid out anew by an accepted fix (a line break in its text, or a re-indented line),
    // first line -> last line, disjoint. See tryAdd.
    std::map<int, int> relaidLines_;
    // Claimed ranges, begin -> end, none inside another (so ends grow with begins): a lookup is
    // one map search, not a scan of every claim (which made files with many sites quadratic).
    std::map<std::size_t, std::size_t> claims_;
    std::map<std::string, int> neededImports_;
    std::set<std::string> providedImports_;
};

}  // namespace anymig::python
