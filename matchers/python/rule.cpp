#include "matchers/python/rule.h"

#include "matchers/python/guards.h"

namespace anymig::python {

Action flag(SiteStatus status, std::string message) {
    return [status, message = std::move(message)](const CallSite&, Context&) -> Outcome {
        return Flag{status, message};
    };
}

bool Case::applies(const CallSite& site, const Context& ctx) const {
    for (const Guard& g : when)
        if (!g(site, ctx)) return false;
    if (unless.empty()) return true;
    for (const Guard& g : unless)
        if (!g(site, ctx)) return true;
    return false;
}

Outcome decide(const std::vector<Case>& cases, const CallSite& site, Context& ctx) {
    for (const Case& c : cases)
        if (c.applies(site, ctx)) return c.then(site, ctx);
    return Skip{};
}

void runRule(const PyRule& rule, Context& ctx) {
    if ((rule.onCall || !rule.cases.empty()) && !rule.calls.empty()) {
        for (const CallSite& site : ctx.callsTo(rule.calls)) {
            if (ctx.claimed(*site.ref)) continue;
            Outcome o = rule.cases.empty() ? rule.onCall(site, ctx) : decide(rule.cases, site, ctx);
            if (auto* r = std::get_if<Rewrite>(&o)) ctx.fixed(rule.info, site.call, r->message, r->fix);
            else if (auto* f = std::get_if<Flag>(&o)) ctx.flag(rule.info, site.call, f->status, f->message);
        }
    }
    if (rule.onModule) rule.onModule(ctx, rule);
}

namespace {

// The table's row for a call (matched on the canonical qualified name).
const TableEntry* rowFor(const std::vector<TableEntry>& table, const CallSite& site, const Context& ctx) {
    std::string q = ctx.canonical(site.qualified);
    for (const TableEntry& e : table)
        if (e.qualified == q) return &e;
    return nullptr;
}

}  // namespace

PyRule tableRule(anymig::RuleInfo info, std::vector<TableEntry> table, std::vector<Case> cases) {
    PyRule rule{.info = info};
    for (const TableEntry& e : table) rule.calls.push_back(e.qualified);
    rule.cases = std::move(cases);
    rule.cases.push_back(Case{
        .name = "table row",
        .then = [table](const CallSite& site, Context& ctx) -> Outcome {
            const TableEntry* e = rowFor(table, site, ctx);
            if (!e) return Skip{};
            std::string from(e->qualified);
            if (e->replacement.empty())
                return Flag{e->status, from + "() has no equivalent: " + std::string(e->reason)};
            std::string to(e->replacement);
            return renameCallee(site, to, std::string(e->module),
                                from + "() -> " + to + "()" + (e->reason.empty() ? "" : " (" + std::string(e->reason) + ")"));
        }});
    return rule;
}

}  // namespace anymig::python
