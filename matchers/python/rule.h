// A Python rule is a small value: its metadata, the qualified names whose calls it
// handles, and what it does with one call (a fix or a flag). Rules that look at a
// whole module (imports, flag folding, the catch-all) supply onModule instead.
#pragma once
#include <functional>
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

struct PyRule {
    anymig::RuleInfo info;
    std::vector<std::string_view> calls;  // qualified callees this rule owns, e.g. "asyncio.sleep"
    std::function<Outcome(const CallSite&, Context&)> onCall;
    std::function<void(Context&, const PyRule&)> onModule;
};

// Runs one rule over a module.
void runRule(const PyRule& rule, Context& ctx);

}  // namespace anymig::python
