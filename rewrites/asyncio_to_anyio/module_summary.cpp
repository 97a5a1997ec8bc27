#include "rewrites/asyncio_to_anyio/module_summary.h"

#include <algorithm>
#include <functional>
#include <set>

#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/structured.h"

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

using Finding = std::string python::FunctionSummary::*;

// The first hazard (or other finding: `fact`) reached from the imported function `target`,
// following the imported functions it calls in turn, and the methods named like those it calls on
// untyped objects in the modules related to `root` (the file being checked:
// RunSummaries::methodsNamed), each once.
Hazard follow(const python::RunSummaries& run, const std::string& root, const std::string& target,
              std::set<std::string>& seen, Finding fact = &python::FunctionSummary::hazard) {
    if (!seen.insert(target).second) return {};
    python::RunSummaries::Found found = run.find(target);
    // A class of another module: its `__aexit__` runs when an `async with` of it is left (by a
    // cancellation too); the object may be entered wherever it goes, so count it.
    if (found.module && !found.function) found = run.find(target + ".__aexit__");
    if (!found.function) return {};
    if (!(found.function->*fact).empty()) return {found.module->path, found.function->*fact, {}};
    for (const std::string& next : found.function->calls)
        if (Hazard h = follow(run, root, next, seen, fact); !h.why.empty()) return h;
    for (const std::string& m : found.function->methods)
        for (const std::string& next : run.methodsNamed(root, m))
            if (Hazard h = follow(run, root, next, seen, fact); !h.why.empty()) return h;
    return {};
}

// The first handler reached from `region` that catches a cancellation and keeps its task running
// after it (awaits, shielded or not, or swallows it): "<where> awaits (line N)", "<where> swallows
// it", or "".
std::string handlerKeepingRunning(const Context& ctx, TSNode region) {
    for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(region))
        if (catchesCancellation(ctx, *h) && (!h->awaits.empty() || h->swallows()))
            return handlerWhere(ctx, *h) +
                   (h->awaits.empty() ? " swallows it" : " awaits (line " + std::to_string(rowOf(h->awaits.front())) + ")");
    return {};
}

// The module's calls (to imported names and its own functions, by their absolute names, and
// methods on untyped objects) made inside a try statement with except clauses of their own
// function: what a failure of the callee reaches.
void caughtCalls(const Context& ctx, python::ModuleSummary& out) {
    const python::Semantics& sem = ctx.semantics();
    for (TSNode call : sem.callNodesIn(ctx.syntax.root())) {
        std::string target = python::importedName(ctx.model, field(call, "function"), ctx.package);
        if (int fn = target.empty() ? sem.resolveCall(call) : -1; fn >= 0)  // a function of this module
            if (std::string name = summaryName(ctx, sem.functions()[static_cast<std::size_t>(fn)]); !name.empty())
                target = out.module + "." + name;
        if (target.empty()) continue;
        if (TSNode t = structured::enclosingHandlerTry(ctx, call); !isNull(t)) out.caughtCalls.emplace(target, rowOf(t));
    }
    for (TSNode call : sem.moduleUntypedMethodCalls())
        if (TSNode t = structured::enclosingHandlerTry(ctx, call); !isNull(t))
            out.caughtMethods.emplace(ctx.str(field(field(call, "function"), "attribute")), rowOf(t));
}

// `anyio.run(serve)` (AM102's form of `asyncio.run(serve())`), `trio.run(serve)`: the runner calls
// the imported function it is handed, so the module calls it (as the call `serve()` did).
void runnerCalls(const Context& ctx, python::ModuleSummary& out) {
    for (const python::Reference& r : ctx.model.references()) {
        if (r.qualified != "anyio.run" && r.qualified != "trio.run") continue;
        TSNode call = ctx.syntax.parent(r.node);
        if (!is(call, "call") || !sameNode(field(call, "function"), r.node)) continue;
        std::vector<TSNode> args = namedChildren(field(call, "arguments"));
        std::string target = args.empty() ? std::string() : python::importedName(ctx.model, args.front(), ctx.package);
        if (!target.empty()) out.calls.emplace(target, rowOf(call));
    }
}

// The module's task starts whose task has cleanup: `asyncio.create_task(c())`/`ensure_future(c())`,
// `<...loop>.create_task(c())`, with c's code reaching a handler that catches the cancellation, or
// of something other than a call: each start call and "what (line N), whose code has <handler>".
std::vector<std::pair<TSNode, std::string>> tasksWithCleanup(const Context& ctx) {
    std::vector<std::pair<TSNode, std::string>> out;
    auto add = [&](TSNode call, const std::string& what) {
        std::vector<TSNode> args = namedChildren(field(call, "arguments"));
        std::string at = what + " (line " + std::to_string(rowOf(call)) + ")";
        if (args.empty() || !is(args.front(), "call")) {
            out.emplace_back(call, at + ", a task whose code cannot be told");
            return;
        }
        for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(args.front()))
            if (catchesCancellation(ctx, *h)) {
                out.emplace_back(call, at + ", whose code has " + handlerWhere(ctx, *h));
                return;
            }
    };
    for (const python::Reference* r : ctx.model.referencesTo("asyncio")) {
        std::string q = ctx.canonical(r->qualified);
        if (q != "asyncio.create_task" && q != "asyncio.ensure_future" && q != "asyncio.tasks.create_task" &&
            q != "asyncio.tasks.ensure_future")
            continue;
        TSNode call = ctx.syntax.parent(r->node);
        if (is(call, "call") && sameNode(field(call, "function"), r->node)) add(call, r->qualified);
    }
    for (TSNode call : ctx.semantics().methodCalls("create_task")) {
        TSNode object = field(field(call, "function"), "object");
        std::string_view receiver = is(object, "attribute") ? ctx.text(field(object, "attribute")) : ctx.text(object);
        if (is(object, "call")) receiver = ctx.text(field(field(object, "function"), "attribute"));
        if (receiver.ends_with("loop") || receiver == "get_running_loop" || receiver == "get_event_loop")
            add(call, "`" + ctx.str(field(call, "function")) + "()`");
    }
    return out;
}

}  // namespace

void summarizeModule(Context& ctx, const RuleSelection& rules, python::ModuleSummary& out) {
    if (rules.enabled(kCancelledError.info)) python::runRule(kCancelledError, ctx);
    const python::Semantics& sem = ctx.semantics();
    const AsyncioTimeouts timeouts = asyncioTimeoutSources(ctx);
    const bool timeoutLibrary = !libraryTimeoutClass(ctx, ctx.syntax.root()).empty();
    const std::vector<std::pair<TSNode, std::string>> tasks = tasksWithCleanup(ctx);
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
        s.timeoutClass = asyncioTimeoutReaching(ctx, timeouts, body);
        if (s.timeoutClass.empty() && timeoutLibrary) s.timeoutClass = libraryTimeoutClass(ctx, body);
        s.keepsRunning = handlerKeepingRunning(ctx, body);
        if (!tasks.empty())
            for (const auto& [b, e] : reachedRanges(ctx, body))
                for (const auto& [call, what] : tasks)
                    if (s.startsTask.empty() && beginOf(call) >= b && endOf(call) <= e) s.startsTask = what;
        AwaitedElsewhere elsewhere;
        elsewhere.summary = true;
        s.outside = outsideAwaited(ctx, {}, body, &elsewhere);
        for (const AwaitedElsewhere::Call& c : elsewhere.imports) s.awaitedImports.push_back(c.name + "\t" + c.quote);
        for (const AwaitedElsewhere::Call& c : elsewhere.methods)
            s.awaitedMethods.push_back((c.local ? "=" : "") + c.name + "\t" + c.quote);
        s.calls = importedCalls(ctx, body);
        s.methods = untypedMethods(ctx, body);
        out.functions[name] = std::move(s);
    }
    caughtCalls(ctx, out);
    runnerCalls(ctx, out);
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

namespace {

// A runner of the run's own that calls a function handed to it (`anyio.run(main)`, AM102's form,
// `tg.start_soon(f, ...)`, `tg.start(f)`): its cancellation is the task group's (checked by the
// rules themselves), not code outside the run's.
bool handedToOwnRunner(const Context& ctx, TSNode value) {
    TSNode args = ctx.syntax.parent(value);
    TSNode call = is(args, "argument_list") ? ctx.syntax.parent(args) : TSNode{};
    if (!is(call, "call")) return false;
    TSNode callee = field(call, "function");
    if (is(callee, "attribute")) {
        std::string_view m = ctx.text(field(callee, "attribute"));
        if (m == "start_soon" || m == "start") return true;
    }
    auto q = ctx.model.resolve(callee, ctx.model.scopeOf(call));
    return q && (*q == "anyio.run" || *q == "trio.run");
}

// The first use of the module function `fn` as a value (not called where it is named: a callback,
// `loop.run_in_executor(None, f)`, `functools.partial(f)`, `register(self.handle)`), or null.
TSNode valueUse(const Context& ctx, int fn) {
    const python::Semantics& sem = ctx.semantics();
    const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
    for (std::string_view type : {"identifier", "attribute"})
        for (TSNode n : ctx.syntax.nodesOfType(type, ctx.syntax.root())) {
            std::string_view last = is(n, "attribute") ? ctx.text(field(n, "attribute")) : ctx.text(n);
            if (last != f.name) continue;
            TSNode parent = ctx.syntax.parent(n);
            if (is(parent, "call") && sameNode(field(parent, "function"), n)) continue;
            if (is(parent, "attribute") && sameNode(field(parent, "attribute"), n)) continue;  // the attribute's own name
            if (is(parent, "function_definition") || is(parent, "class_definition")) continue;  // its name
            if (sem.resolveCallee(n) != fn || handedToOwnRunner(ctx, n)) continue;
            return n;
        }
    return TSNode{};
}

}  // namespace

std::string outsideCaller(const Context& ctx, int fn) {
    const python::Semantics& sem = ctx.semantics();
    const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
    std::string name = summaryName(ctx, f);
    const std::string quoted = "`" + (name.empty() ? f.name : name) + "`";
    // Registered by a decorator: whatever the decorator hands it to may call it (a route, a handler).
    TSNode up = ctx.syntax.parent(f.node);
    if (is(up, "decorated_definition"))
        for (TSNode d : namedChildren(up)) {
            static const std::set<std::string_view> plain = {"@staticmethod", "@classmethod", "@property",
                                                             "@abstractmethod", "@abc.abstractmethod"};
            if (!is(d, "decorator") || plain.count(ctx.text(d))) continue;
            return quoted + " is registered by the decorator `" + ctx.str(d) + "` (line " + std::to_string(rowOf(d)) +
                   "), whose code may call it";
        }
    if (TSNode use = valueUse(ctx, fn); !isNull(use))
        return quoted + " is handed on as a value (line " + std::to_string(rowOf(use)) +
               "), and the code it is handed to may call it";
    if (name.empty()) return {};  // a nested function: reached only through the module's own code
    // A protocol method runs wherever an object of its class goes (`async with`, `await`, `async for`).
    if (f.name.size() > 4 && f.name.rfind("__", 0) == 0 && f.name.compare(f.name.size() - 2, 2, "__") == 0)
        return quoted + " runs wherever an object of its class is used (by code outside the run too)";
    bool isPublic = f.name[0] != '_' && name[0] != '_';
    if (!isPublic) return {};
    // A public function the run calls is taken as the run's own; one no code of the run calls is
    // there for code outside the run (an importer, a framework, a test runner).
    if (!sem.callersByFunction()[static_cast<std::size_t>(fn)].empty()) return {};
    if (!isNull(f.classNode))
        for (TSNode call : sem.moduleUntypedMethodCalls())
            if (ctx.text(field(field(call, "function"), "attribute")) == f.name) return {};
    if (ctx.run) {
        const std::string absolute = ctx.run->moduleOf(ctx.source.path()) + "." + name;
        for (const python::ModuleSummary* m : ctx.run->importersOf(ctx.source.path()))
            if (m->calls.count(absolute) || (!isNull(f.classNode) && m->methods.count(f.name))) return {};
    }
    return quoted + " is public and no code of the run calls it";
}

std::string outsideCallerOf(const Context& ctx, TSNode site) {
    const python::Semantics& sem = ctx.semantics();
    int fn = sem.functionAt(site);
    if (fn < 0) return {};
    std::vector<char> asked(sem.functions().size(), 0);
    asked[static_cast<std::size_t>(fn)] = 1;
    std::string why = outsideCaller(ctx, fn);
    if (!why.empty()) return why;
    structured::walkCallerCalls(ctx, fn, [&](TSNode call) {
        int caller = sem.functionAt(call);
        if (caller < 0 || asked[static_cast<std::size_t>(caller)]) return false;
        asked[static_cast<std::size_t>(caller)] = 1;
        why = outsideCaller(ctx, caller);
        if (!why.empty())
            why += " (it reaches `" + sem.functions()[static_cast<std::size_t>(fn)].name + "` through the call at line " +
                   std::to_string(rowOf(call)) + ")";
        return !why.empty();
    });
    return why;
}

namespace {

// What an awaited function of another module of the run (`target`, absolute) awaits outside the
// run, following what it awaits in further modules (each once): "" when nothing.
std::string followOutside(const python::RunSummaries& run, const std::string& root, const std::string& target,
                          std::set<std::string>& seen);

// Methods awaited on objects whose class cannot be told: the async methods of that name in the
// run's modules related to `root` (RunSummaries::methodsNamed) are followed; a name no class of
// the run (nor of the module itself: `local`) has is an object from outside the run.
std::string followMethod(const python::RunSummaries* run, const std::string& root, const std::string& method,
                         const std::string& quote, bool local, std::set<std::string>& seen) {
    std::vector<std::string> targets = run ? run->methodsNamed(root, method) : std::vector<std::string>{};
    if (targets.empty() && !local)
        return quote + ", a method of an object whose class cannot be told, named like no async method of the run";
    for (const std::string& t : targets)
        if (std::string why = followOutside(*run, root, t, seen); !why.empty()) return why;
    return {};
}

std::string followOutside(const python::RunSummaries& run, const std::string& root, const std::string& target,
                          std::set<std::string>& seen) {
    if (!seen.insert(target).second) return {};
    if (!run.inRun(target)) return "`" + target + "`, a function outside the run";
    python::RunSummaries::Found found = run.find(target);
    if (found.module && !found.function) {  // a class: what `async with` of it runs
        python::RunSummaries::Found exit = run.find(target + ".__aexit__");
        python::RunSummaries::Found enter = run.find(target + ".__aenter__");
        if (exit.function || enter.function) {
            for (const python::RunSummaries::Found& f : {enter, exit})
                if (f.function && !f.function->outside.empty())
                    return "`" + target + "` of another module of this run, which awaits (in " + f.module->path + ") " +
                           f.function->outside;
            return {};
        }
    }
    if (!found.function)
        return "`" + target + "`, a name of another module of this run that is not an async def (its code is not summarised)";
    const python::FunctionSummary& f = *found.function;
    auto via = [&](const std::string& why) {
        return "`" + target + "` of another module of this run, which awaits (in " + found.module->path + ") " + why;
    };
    if (!f.outside.empty()) return via(f.outside);
    for (const std::string& entry : f.awaitedImports) {
        std::string next = entry.substr(0, entry.find('\t'));
        if (!run.inRun(next)) return via(entry.substr(entry.find('\t') + 1) + ", a function outside the run");
        if (std::string why = followOutside(run, root, next, seen); !why.empty()) return why;
    }
    for (const std::string& entry : f.awaitedMethods) {
        bool local = !entry.empty() && entry[0] == '=';
        std::string name = entry.substr(local ? 1 : 0, entry.find('\t') - (local ? 1 : 0));
        std::string quote = entry.substr(entry.find('\t') + 1);
        if (std::string why = followMethod(&run, root, name, quote, local, seen); !why.empty())
            return why.rfind(quote, 0) == 0 ? via(why) : why;
    }
    return {};
}

}  // namespace

std::string awaitsOutsideRun(const Context& ctx, const std::vector<TSNode>& awaitables, TSNode region) {
    AwaitedElsewhere elsewhere;
    if (std::string local = outsideAwaited(ctx, awaitables, region, &elsewhere); !local.empty()) return local;
    std::set<std::string> seen;
    if (ctx.run)
        for (const AwaitedElsewhere::Call& c : elsewhere.imports)
            if (std::string why = followOutside(*ctx.run, ctx.source.path(), c.name, seen); !why.empty())
                return why.rfind("`" + c.name + "`, a", 0) == 0 ? c.quote + why.substr(c.name.size() + 2) : why;
    for (const AwaitedElsewhere::Call& c : elsewhere.methods)
        if (std::string why = followMethod(ctx.run, ctx.source.path(), c.name, c.quote, c.local, seen); !why.empty())
            return why;
    return {};
}

namespace {

// The first finding `fact` of a function of another module of the run reached from `region` (an
// imported function it calls, or one named like a method it calls on an object whose class cannot
// be told, and what those reach, transitively): "`pkg.mod.f` of another module of this run (in
// path: finding)", or "".
std::string crossModuleFact(const Context& ctx, TSNode region, Finding fact) {
    if (!ctx.run) return {};
    std::set<std::string> seen;
    for (const std::string& target : importedCalls(ctx, region))
        if (Hazard h = follow(*ctx.run, ctx.source.path(), target, seen, fact); !h.why.empty())
            return "`" + target + "` of another module of this run (in " + h.path + ": " + h.why + ")";
    for (const std::string& m : untypedMethods(ctx, region))
        for (const std::string& target : ctx.run->methodsNamed(ctx.source.path(), m))
            if (Hazard h = follow(*ctx.run, ctx.source.path(), target, seen, fact); !h.why.empty())
                return "a method `" + m + "` called on an object whose class cannot be told (`" + target +
                       "` of another module of this run has that name; in " + h.path + ": " + h.why + ")";
    return {};
}

}  // namespace

std::string crossModuleKeepsRunning(const Context& ctx, TSNode region) {
    return crossModuleFact(ctx, region, &python::FunctionSummary::keepsRunning);
}

std::string crossModuleTask(const Context& ctx, TSNode region) {
    return crossModuleFact(ctx, region, &python::FunctionSummary::startsTask);
}

std::string crossModuleKeepsRunning(const Context& ctx, const std::string& target) {
    if (!ctx.run) return {};
    std::set<std::string> seen;
    Hazard h = follow(*ctx.run, ctx.source.path(), target, seen, &python::FunctionSummary::keepsRunning);
    return h.why.empty() ? std::string() : "`" + target + "` of another module of this run (in " + h.path + ": " + h.why + ")";
}

namespace {

constexpr std::string_view kTimeoutLine = "asyncio.TimeoutError from ";

// What the async function `name` of the module whose round fact is `fact` still raises
// asyncio's TimeoutError through after its round, "" when nothing.
std::string roundTimeout(const std::string& fact, const std::string& name) {
    std::string key = "\n" + std::string(kTimeoutLine) + name + "\t";
    std::size_t at = fact.find(key);
    if (at == std::string::npos) return {};
    at += key.size();
    return fact.substr(at, fact.find('\n', at) - at);
}

// crossModuleAsyncioTimeout's search: the function `target` of another module, its summary
// (the module's text before migration) saying it reaches a source, and the module's round fact
// that it still does after its round; else the imported functions and methods it calls, as follow().
Hazard followTimeout(const python::RunSummaries& run, const std::string& root, const std::string& target,
                     std::set<std::string>& seen) {
    if (!seen.insert(target).second) return {};
    python::RunSummaries::Found found = run.find(target);
    if (!found.function) return {};
    if (!found.function->timeoutClass.empty())
        if (std::string what = roundTimeout(run.roundFact(*found.module), found.name); !what.empty())
            return {found.module->path, what, {}};
    for (const std::string& next : found.function->calls)
        if (Hazard h = followTimeout(run, root, next, seen); !h.why.empty()) return h;
    for (const std::string& m : found.function->methods)
        for (const std::string& next : run.methodsNamed(root, m))
            if (Hazard h = followTimeout(run, root, next, seen); !h.why.empty()) return h;
    return {};
}

}  // namespace

std::string summarizeModuleRound(Context& ctx) {
    std::string fact = remainingAsyncioCanceller(ctx);
    // Sources this round migrated are fixedThisRound: asyncioTimeoutSources leaves them out.
    const AsyncioTimeouts timeouts = asyncioTimeoutSources(ctx);
    const bool timeoutLibrary = !libraryTimeoutClass(ctx, ctx.syntax.root()).empty();
    for (const python::FunctionInfo& f : ctx.semantics().functions()) {
        std::string name = f.isAsync ? summaryName(ctx, f) : std::string();
        if (name.empty()) continue;
        std::string what = asyncioTimeoutReaching(ctx, timeouts, f.node);
        if (what.empty() && timeoutLibrary) what = libraryTimeoutClass(ctx, f.node);
        if (!what.empty()) fact += "\n" + std::string(kTimeoutLine) + name + "\t" + what;
    }
    return fact;
}

std::string roundCanceller(const std::string& fact) { return fact.substr(0, fact.find('\n')); }

std::string crossModuleAsyncioTimeout(const Context& ctx, TSNode region) {
    // A round (computed for another module's check) asks for no other module's round.
    if (!ctx.run || ctx.inRunSummary) return {};
    std::set<std::string> seen;
    for (const std::string& target : importedCalls(ctx, region))
        if (Hazard h = followTimeout(*ctx.run, ctx.source.path(), target, seen); !h.why.empty())
            return "`" + target + "` of another module of this run (in " + h.path + ": " + h.why + ")";
    for (const std::string& m : untypedMethods(ctx, region))
        for (const std::string& target : ctx.run->methodsNamed(ctx.source.path(), m))
            if (Hazard h = followTimeout(*ctx.run, ctx.source.path(), target, seen); !h.why.empty())
                return "a method `" + m + "` called on an object whose class cannot be told (`" + target +
                       "` of another module of this run has that name; in " + h.path + ": " + h.why + ")";
    return {};
}

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

// What an importer answers: nothing (skip it: its functions are not followed), go on through it
// (its functions that reach `site` are followed further), or the answer.
struct ImporterAnswer {
    bool follow = false;
    std::string found;
};

// The modules of the run importing this one, then (transitively) those importing a module whose
// functions reach `site`, each asked once per pass until nothing grows: the first answer found.
std::string overImporters(const Context& ctx, TSNode site,
                          const std::function<ImporterAnswer(const python::ModuleSummary&, const std::set<std::string>&,
                                                             const std::set<std::string>&)>& ask) {
    const std::string& module = ctx.run->moduleOf(ctx.source.path());
    if (module.empty()) return {};
    std::set<std::string> names, methods;
    functionsReaching(ctx, site, module, names, methods);
    std::vector<std::string> paths{ctx.source.path()};
    std::set<std::string> reached{ctx.source.path()};
    for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t p = 0; p < paths.size(); ++p)
            for (const python::ModuleSummary* m : ctx.run->importersOf(paths[p])) {
                ImporterAnswer a = ask(*m, names, methods);
                if (!a.found.empty()) return a.found;
                if (!a.follow) continue;
                grew = addReachingFunctions(*m, names, methods) || grew;
                if (reached.insert(m->path).second) {
                    paths.push_back(m->path);
                    grew = true;
                }
            }
    }
    return {};
}

}  // namespace

std::string crossModuleCanceller(const Context& ctx, TSNode site) {
    if (!ctx.run || ctx.inRunSummary) return {};
    // The importers that call those functions and still cancel through asyncio after their own
    // first round.
    return overImporters(ctx, site, [&](const python::ModuleSummary& m, const auto& names, const auto& methods) {
        int line = 0;
        std::string what = callInto(m, names, methods, line);
        if (what.empty()) return ImporterAnswer{};
        const std::string canceller = roundCanceller(ctx.run->roundFact(m));
        if (!canceller.empty())
            return ImporterAnswer{true, what + " (line " + std::to_string(line) + "), which still cancels through asyncio (" +
                                            canceller + " there)"};
        return ImporterAnswer{true, {}};
    });
}

std::string crossModuleCatcher(const Context& ctx, TSNode site) {
    if (!ctx.run) return {};
    return overImporters(ctx, site, [](const python::ModuleSummary& m, const auto& names, const auto& methods) {
        python::ModuleSummary caught;  // the calls of m inside a try with except clauses
        caught.path = m.path;
        caught.calls = m.caughtCalls;
        caught.methods = m.caughtMethods;
        int line = 0;
        if (std::string what = callInto(caught, names, methods, line); !what.empty())
            return ImporterAnswer{true, what + " inside try/except (line " + std::to_string(line) + ")"};
        return ImporterAnswer{true, {}};
    });
}

}  // namespace anymig::asyncio_to_anyio
