#include "matchers/python/rule.h"

#include <map>

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

namespace {

// The message and classification of one unclaimed reference.
void flagReference(Context& ctx, const PyRule& rule, const ReferenceTable& t,
                   const std::map<std::string, ReferenceRow, std::less<>>& byName, const Reference& ref) {
    const std::string module(t.module);
    const std::string& q = ref.qualified;
    std::string first = q.size() > module.size() + 1 ? q.substr(module.size() + 1) : "";  // after "module."
    first = first.substr(0, first.find('.'));
    SiteStatus status = SiteStatus::NotYetMigrated;
    std::string category = "other", msg;
    if (auto it = byName.find(first); it != byName.end()) {
        status = it->second.status;
        category = std::string(it->second.category);
        msg = q + (status == SiteStatus::NoEquivalent ? " has no " + std::string(t.target) + " equivalent: " : " is not migrated: ") +
              std::string(it->second.hint);
    } else if (q == module) {
        msg = "the " + module + " module is used as a value; migrate by hand";
    } else {
        msg = q + " is not migrated by the " + std::string(t.pack) + " pack";
    }
    ctx.flag(rule.info, ref.node, status, msg, category);
}

// `from module import *` hides which names come from the module.
void flagStarImports(Context& ctx, const PyRule& rule, std::string_view module) {
    for (TSNode n : ctx.syntax.nodesOfType("import_from_statement")) {
        if (ctx.text(field(n, "module_name")) != module) continue;
        for (TSNode c : namedChildren(n))
            if (is(c, "wildcard_import"))
                ctx.flag(rule.info, n, SiteStatus::NeedsReview,
                         "`from " + std::string(module) + " import *` hides which names come from " +
                             std::string(module) + ": import them by name",
                         "import");
    }
}

}  // namespace

PyRule referenceTableRule(anymig::RuleInfo info, ReferenceTable table) {
    PyRule rule{.info = info};
    std::map<std::string, ReferenceRow, std::less<>> byName;
    for (const ReferenceRow& r : table.rows) byName.emplace(std::string(r.name), r);
    rule.onModule = [table = std::move(table), byName = std::move(byName)](Context& ctx, const PyRule& self) {
        for (const Reference* ref : ctx.model.referencesTo(std::string(table.module)))
            if (!ctx.claimed(*ref)) flagReference(ctx, self, table, byName, *ref);
        flagStarImports(ctx, self, table.module);
    };
    return rule;
}

}  // namespace anymig::python
