// The Python rule model. A rule is a value with named fields:
//
//   extern const PyRule kShield{
//       .info = {.id = "AM206", .name = "shield", ...},
//       .calls = {"pkg.shield"},
//       .cases = {
//           {.name = "unusual arguments", .unless = {exactArgs(1)}, .then = flag(NeedsReview, "...")},
//           {.name = "outside async def", .unless = {inAsyncDef}, .then = flag(NeedsReview, "...")},
//           {.name = "statement-level await", .then = shieldStatement},
//       }};
//
// For each call to one of `calls` the cases are tried in order: the first case whose `when`
// guards all hold and whose `unless` guards do not all hold decides the outcome (a rewrite, a
// flag with its reason, or a skip); when no case applies the site is left to other rules.
// Guards are named, reusable predicates (matchers/python/guards.h); a case's `then` is an
// Action, usually a shared edit builder or `flag(...)`. Rules that look at a whole module
// (imports, flag folding, the catch-all) supply onModule; rules not yet split into cases
// supply onCall. Renames and "no equivalent" reports are data: see tableRule().
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/rule.h"
#include "matchers/python/context.h"

namespace anymig::python {

struct Rewrite {
    Fix fix;
    std::string message;
};
struct Flag {
    SiteStatus status = SiteStatus::NeedsReview;
    std::string message;
};
struct Skip {};  // not this rule's business after all (leave it to others)
using Outcome = std::variant<Rewrite, Flag, Skip>;

// A named predicate over one call site.
struct Guard {
    std::string_view name;
    std::function<bool(const CallSite&, const Context&)> test;
    bool operator()(const CallSite& site, const Context& ctx) const { return test(site, ctx); }
};

// What a case answers for a site.
using Action = std::function<Outcome(const CallSite&, Context&)>;
// A flag with a fixed reason.
Action flag(SiteStatus status, std::string message);

struct Case {
    std::string_view name;     // what the case is about, e.g. "comments inside the arguments"
    std::vector<Guard> when;   // every one must hold (none: always)
    std::vector<Guard> unless; // the case does not apply when all of these hold (none: never)
    Action then;
    bool applies(const CallSite& site, const Context& ctx) const;
};

struct PyRule {
    anymig::RuleInfo info;
    std::vector<std::string_view> calls;  // qualified callees this rule owns, e.g. "pkg.sleep"
    std::function<Outcome(const CallSite&, Context&)> onCall;  // a rule not (yet) split into cases
    std::function<void(Context&, const PyRule&)> onModule;
    std::vector<Case> cases;              // ordered; the first that applies decides
};

// The outcome of the first case that applies to `site` (Skip when none does).
Outcome decide(const std::vector<Case>& cases, const CallSite& site, Context& ctx);

// Cases over a per-site plan: a rule whose checks read facts that take work to find (the
// variable a call is assigned to, its later uses, the statement that finishes it) computes
// them once into a Plan; each named case then tests the plan and answers. A case with no
// `when` always applies (the last, usually the rewrite).
template <class Plan>
struct PlanCase {
    std::string_view name;
    std::function<bool(const Plan&, const Context&)> when;
    std::function<Outcome(const Plan&, Context&)> then;
};
// An Action that builds the site's plan (nullopt: Skip) and answers with the first case
// whose `when` holds.
template <class Plan>
Action planned(std::function<std::optional<Plan>(const CallSite&, Context&)> make, std::vector<PlanCase<Plan>> cases) {
    return [make = std::move(make), cases = std::move(cases)](const CallSite& site, Context& ctx) -> Outcome {
        std::optional<Plan> plan = make(site, ctx);
        if (!plan) return Skip{};
        for (const PlanCase<Plan>& c : cases)
            if (!c.when || c.when(*plan, ctx)) return c.then(*plan, ctx);
        return Skip{};
    };
}
// A case that flags with a message built from the plan.
template <class Plan>
std::function<Outcome(const Plan&, Context&)> flagWith(std::function<std::string(const Plan&, const Context&)> message,
                                                       SiteStatus status = SiteStatus::NeedsReview) {
    return [message = std::move(message), status](const Plan& p, Context& ctx) -> Outcome {
        return Flag{status, message(p, ctx)};
    };
}

// Runs one rule over a module.
void runRule(const PyRule& rule, Context& ctx);

// One row of a table rule: calls to `qualified` are renamed to `replacement` (which needs the
// import `module`), or, with an empty replacement, flagged with `status` and `reason`.
struct TableEntry {
    std::string_view qualified;    // "pkg.name"
    std::string_view replacement;  // "other.name"; empty: no rewrite
    std::string_view module;       // the import the replacement needs
    SiteStatus status = SiteStatus::NoEquivalent;
    std::string_view reason;       // why it is flagged (or a note added to the rewrite message)
};
// A rule whose calls and outcomes are a table; `cases` run before the table (for the few
// sites of a renamed function that cannot be renamed).
PyRule tableRule(anymig::RuleInfo info, std::vector<TableEntry> table, std::vector<Case> cases = {});

// A catch-all over references rather than calls: every reference to `module` that no other
// rule claimed is a site, classified by the first name after `module.` through `rows`
// (status, category, hint); a name not in the table is not-yet-migrated (category "other"),
// the module used as a value and `from module import *` are flagged too. Detection only.
struct ReferenceRow {
    std::string_view name;  // "get_event_loop": the first name after `module.`
    SiteStatus status = SiteStatus::NotYetMigrated;
    std::string_view category;
    std::string_view hint;  // the message's second half
};
struct ReferenceTable {
    std::string_view module;  // "pkg": the library whose references are reported
    std::string_view target;  // the library migrated to, named in "has no <target> equivalent"
    std::string_view pack;    // the pack, named in "is not migrated by the <pack> pack"
    std::vector<ReferenceRow> rows;
};
PyRule referenceTableRule(anymig::RuleInfo info, ReferenceTable table);

}  // namespace anymig::python
