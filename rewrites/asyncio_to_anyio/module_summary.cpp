#include "rewrites/asyncio_to_anyio/module_summary.h"

#include <algorithm>
#include <set>

#include "rewrites/asyncio_to_anyio/cancellation.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kCancelledError;

namespace {

// "f" for a module-level function, "C.m" for a method of a module-level class, "" otherwise.
std::string summaryName(const Context& ctx, const python::FunctionInfo& f) {
    const python::Scope* scope = ctx.model.scopeOf(f.node);
    if (!scope) return {};
    if (scope->kind == python::ScopeKind::Module) return f.name;
    if (scope->kind != python::ScopeKind::Class || !scope->parent || scope->parent->kind != python::ScopeKind::Module ||
        isNull(f.classNode))
        return {};
    return ctx.str(field(f.classNode, "name")) + "." + f.name;
}

// The absolute names of the imported functions called inside `region` or inside the module
// functions it reaches, in document order, each once.
std::vector<std::string> importedCalls(const Context& ctx, TSNode region) {
    std::vector<TSNode> regions{region};
    for (int fn : ctx.semantics().reachableFrom(region))
        regions.push_back(ctx.semantics().functions()[static_cast<std::size_t>(fn)].node);
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (TSNode r : regions)
        for (TSNode call : ctx.semantics().callNodesIn(r)) {
            std::string target = python::importedName(ctx.model, field(call, "function"), ctx.package);
            if (!target.empty() && seen.insert(target).second) out.push_back(target);
        }
    return out;
}

// The method names called on untyped objects inside `region` or the module functions it reaches,
// in document order, each once.
std::vector<std::string> untypedMethods(const Context& ctx, TSNode region) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (TSNode call : ctx.semantics().untypedMethodCalls(region)) {
        std::string m = ctx.str(field(field(call, "function"), "attribute"));
        if (seen.insert(m).second) out.push_back(m);
    }
    return out;
}

// The module's own part: an untyped method call reached from `region` whose name is an async
// method of one of the module's classes that reaches a handler an anyio timeout would change.
std::string localMethodHazard(const Context& ctx, TSNode region) {
    const python::Semantics& sem = ctx.semantics();
    for (TSNode call : sem.untypedMethodCalls(region)) {
        std::string m = ctx.str(field(field(call, "function"), "attribute"));
        for (int fn : sem.asyncMethodsNamed(m)) {
            const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
            for (const python::HandlerInfo* h : sem.handlersReachableFrom(field(f.node, "body")))
                if (std::string why = unsafeUnderAnyioTimeout(ctx, *h); !why.empty())
                    return "it calls `" + ctx.str(field(call, "function")) + "()` (line " + std::to_string(rowOf(call)) +
                           ") on an object whose class cannot be told, and `" + ctx.str(field(f.classNode, "name")) +
                           "." + m + "` of this module has that name: " + why;
        }
    }
    return {};
}

struct Hazard {
    std::string path;
    std::string why;
    std::string via;  // the method this was reached through, when it was found by its name
};

// The first hazard reached from the imported function `target`, following the imported
// functions it calls in turn, and the methods named like those it calls on untyped objects in
// the modules related to `root` (the file being checked: RunSummaries::methodsNamed), each once.
Hazard follow(const python::RunSummaries& run, const std::string& root, const std::string& target,
              std::set<std::string>& seen) {
    if (!seen.insert(target).second) return {};
    python::RunSummaries::Found found = run.find(target);
    // A class of another module: its `__aexit__` runs when an `async with` of it is left (by a
    // cancellation too); the object may be entered wherever it goes, so count it.
    if (found.module && !found.function) found = run.find(target + ".__aexit__");
    if (!found.function) return {};
    if (!found.function->hazard.empty()) return {found.module->path, found.function->hazard, {}};
    for (const std::string& next : found.function->calls)
        if (Hazard h = follow(run, root, next, seen); !h.why.empty()) return h;
    for (const std::string& m : found.function->methods)
        for (const std::string& next : run.methodsNamed(root, m))
            if (Hazard h = follow(run, root, next, seen); !h.why.empty()) return h;
    return {};
}

}  // namespace

void summarizeModule(Context& ctx, const RuleSelection& rules, python::ModuleSummary& out) {
    if (rules.enabled(kCancelledError.info)) python::runRule(kCancelledError, ctx);
    const python::Semantics& sem = ctx.semantics();
    for (const python::FunctionInfo& f : sem.functions()) {
        if (!f.isAsync) continue;
        std::string name = summaryName(ctx, f);
        if (name.empty()) continue;
        TSNode body = field(f.node, "body");
        python::FunctionSummary s;
        if (f.name == "__aexit__" && !isNull(f.classNode))  // itself a `finally` of the `async with`
            for (const python::HandlerInfo& h : sem.exitHandlers())
                if (sameNode(h.clause, f.node) && s.hazard.empty()) s.hazard = unsafeUnderAnyioTimeout(ctx, h);
        if (s.hazard.empty())
            for (const python::HandlerInfo* h : sem.handlersReachableFrom(body))
                if (s.hazard = unsafeUnderAnyioTimeout(ctx, *h); !s.hazard.empty()) break;
        if (s.hazard.empty()) s.hazard = localMethodHazard(ctx, body);
        s.calls = importedCalls(ctx, body);
        s.methods = untypedMethods(ctx, body);
        out.functions[name] = std::move(s);
    }
}

std::string crossModuleHazard(const Context& ctx, TSNode region) {
    if (std::string why = localMethodHazard(ctx, region); !why.empty()) return why;
    if (!ctx.run) return {};
    std::set<std::string> seen;
    for (const std::string& target : importedCalls(ctx, region))
        if (Hazard h = follow(*ctx.run, ctx.source.path(), target, seen); !h.why.empty())
            return "it calls `" + target + "` of another module of this run, and in " + h.path + " " + h.why;
    // Methods called on objects whose class cannot be told: any class of a related module with a
    // method of that name may be it.
    for (TSNode call : ctx.semantics().untypedMethodCalls(region)) {
        std::string m = ctx.str(field(field(call, "function"), "attribute"));
        for (const std::string& target : ctx.run->methodsNamed(ctx.source.path(), m))
            if (Hazard h = follow(*ctx.run, ctx.source.path(), target, seen); !h.why.empty())
                return "it calls `" + ctx.str(field(call, "function")) + "()` (line " + std::to_string(rowOf(call)) +
                       ") on an object whose class cannot be told, and `" + target +
                       "` of another module of this run has that name; in " + h.path + " " + h.why;
    }
    return {};
}

std::string summarizeModuleRound(Context& ctx) { return remainingAsyncioCanceller(ctx); }

namespace {

// The module's functions a site runs in: its function, and the module functions that call that
// one, transitively, by their absolute names (and, for methods, their names, which a call on an
// object whose class cannot be told may mean).
void functionsReaching(const Context& ctx, TSNode site, const std::string& module, std::set<std::string>& names,
                       std::set<std::string>& methods) {
    const python::Semantics& sem = ctx.semantics();
    std::vector<int> todo;
    if (int fn = sem.functionAt(site); fn >= 0) todo.push_back(fn);
    std::set<int> seen;
    while (!todo.empty()) {
        int fn = todo.back();
        todo.pop_back();
        if (!seen.insert(fn).second) continue;
        const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
        if (std::string name = summaryName(ctx, f); !name.empty()) names.insert(module + "." + name);
        if (!isNull(f.classNode)) methods.insert(f.name);
        todo.insert(todo.end(), f.callers.begin(), f.callers.end());
    }
}

// How module `m` calls one of `names` or `methods` ("" when it does not), and the call's line.
std::string callInto(const python::ModuleSummary& m, const std::set<std::string>& names,
                     const std::set<std::string>& methods, int& line) {
    for (const auto& [target, at] : m.calls)
        if (names.count(target)) {
            line = at;
            return "`" + target + "` is called from " + m.path;
        }
    for (const auto& [method, at] : m.methods)
        if (methods.count(method)) {
            line = at;
            return "a method named `" + method + "` is called on an object whose class cannot be told in " + m.path;
        }
    return {};
}

// Adds m's functions that call one of `names`/`methods` to them (their callers in other modules
// count too); true when either grew.
bool addReachingFunctions(const python::ModuleSummary& m, std::set<std::string>& names, std::set<std::string>& methods) {
    bool grew = false;
    for (const auto& [name, f] : m.functions) {
        bool reaches = std::any_of(f.calls.begin(), f.calls.end(), [&](const std::string& c) { return names.count(c) > 0; }) ||
                       std::any_of(f.methods.begin(), f.methods.end(), [&](const std::string& c) { return methods.count(c) > 0; });
        if (!reaches) continue;
        grew = names.insert(m.module + "." + name).second || grew;
        if (std::size_t dot = name.rfind('.'); dot != std::string::npos)
            grew = methods.insert(name.substr(dot + 1)).second || grew;
    }
    return grew;
}

}  // namespace

std::string crossModuleCanceller(const Context& ctx, TSNode site) {
    if (!ctx.run || ctx.inRunSummary) return {};
    const std::string& module = ctx.run->moduleOf(ctx.source.path());
    if (module.empty()) return {};
    std::set<std::string> names, methods;
    functionsReaching(ctx, site, module, names, methods);
    // The modules importing this one (or, transitively, a module whose functions reach those) that
    // call those functions, and still cancel through asyncio after their own first round.
    std::vector<std::string> paths{ctx.source.path()};
    std::set<std::string> reached{ctx.source.path()};
    for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t p = 0; p < paths.size(); ++p)
            for (const python::ModuleSummary* m : ctx.run->importersOf(paths[p])) {
                int line = 0;
                std::string what = callInto(*m, names, methods, line);
                if (what.empty()) continue;
                const std::string& canceller = ctx.run->roundFact(*m);
                if (!canceller.empty())
                    return what + " (line " + std::to_string(line) + "), which still cancels through asyncio (" +
                           canceller + " there)";
                grew = addReachingFunctions(*m, names, methods) || grew;
                if (reached.insert(m->path).second) {
                    paths.push_back(m->path);
                    grew = true;
                }
            }
    }
    return {};
}

}  // namespace anymig::asyncio_to_anyio
