// AM211 event-loop: the entry-point idioms that drive an asyncio event loop by hand
// become anyio.run():
//   asyncio.get_event_loop().run_until_complete(main())          -> anyio.run(main)
//   loop = asyncio.new_event_loop(); asyncio.set_event_loop(loop)
//   loop.run_until_complete(main()); loop.close()                 -> anyio.run(main)
// (also with get_event_loop(), without set_event_loop/close, with `x = ...` and with
// try/finally: loop.close()). `loop.time()` in a coroutine becomes anyio.current_time().
// Every other use of a loop object is flagged with the anyio way to do it; a loop name
// nothing uses any more is removed.
#include <map>

#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/local_names.h"
#include "rewrites/asyncio_to_anyio/module_summary.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kEventLoop;

namespace {

std::string methodHint(const std::string& m) {
    static const std::map<std::string, std::string> hints = {
        {"run_forever", "run one async main with anyio.run(main) whose task group owns the long-running tasks "
                        "(park it with await anyio.sleep_forever())"},
        {"run_until_complete", "call anyio.run(main) once at the entry point: anyio starts and closes an event "
                               "loop per run, so merge the coroutines into one async main"},
        {"create_task", "start the task in a task group that owns it: tg.start_soon(func, *args)"},
        {"call_soon", "anyio has no callbacks: tg.start_soon(func, *args) in a task group"},
        {"call_later", "anyio has no timer callbacks: a task that does `await anyio.sleep(delay)` then the call, "
                       "started with tg.start_soon()"},
        {"call_at", "anyio has no timer callbacks: a task that sleeps with anyio.sleep_until(deadline), started "
                    "with tg.start_soon()"},
        {"call_soon_threadsafe", "from a worker thread use anyio.from_thread.run_sync(func, *args)"},
        {"add_signal_handler", "receive signals with `with anyio.open_signal_receiver(signum) as signals:`"},
        {"remove_signal_handler", "receive signals with `with anyio.open_signal_receiver(signum) as signals:`"},
        {"time", "anyio.current_time() (inside async code)"},
        {"create_future", "use an anyio.Event with a result attribute, or a memory object stream"},
        {"stop", "cancel the main task group's scope (tg.cancel_scope.cancel()) instead of stopping the loop"},
        {"close", "anyio.run() closes its event loop itself"},
        {"is_running", "anyio has no loop object; sniffio.current_async_library() tells whether async code runs"},
        {"set_exception_handler", "asyncio-only: let errors propagate out of the task group instead"},
        {"set_debug", "asyncio-only: anyio.run(main, backend_options={\"debug\": True}) on the asyncio backend"},
        {"set_default_executor", "anyio's worker threads are bounded by anyio.to_thread.current_default_thread_limiter()"},
        {"run_in_executor", "use `await anyio.to_thread.run_sync(func, *args)`"},
        {"create_connection", "use anyio.connect_tcp()"},
        {"create_server", "use anyio.create_tcp_listener()"},
        {"getaddrinfo", "use anyio.getaddrinfo()"},
        {"subprocess_exec", "use anyio.run_process() or anyio.open_process()"},
        {"subprocess_shell", "use anyio.run_process() or anyio.open_process()"},
    };
    auto it = hints.find(m);
    return it == hints.end() ? "anyio has no event loop object: migrate this use by hand" : it->second;
}

// A module may run one entry point through anyio.run(); several run_until_complete
// calls share one asyncio loop (and whatever lives on it), anyio.run() does not.
// Found through the text, each occurrence checked in the tree: this runs once per loop call
// site, and a walk over every node of the module each time made large test modules quadratic.
int runUntilCompleteCount(const Context& ctx) {
    static constexpr std::string_view kName = "run_until_complete";
    std::string_view text = ctx.syntax.source().text();
    int n = 0;
    for (std::size_t at = text.find(kName); at != std::string_view::npos; at = text.find(kName, at + kName.size())) {
        auto b = static_cast<uint32_t>(at), e = static_cast<uint32_t>(at + kName.size());
        TSNode id = ts_node_named_descendant_for_byte_range(ctx.syntax.root(), b, e);
        if (!is(id, "identifier") || beginOf(id) != at || endOf(id) != e) continue;
        TSNode parent = ctx.syntax.parent(id);
        if (is(parent, "attribute") && sameNode(field(parent, "attribute"), id)) ++n;
    }
    return n;
}

// "anyio.run(...)" for `<loop>.run_until_complete(coro)`, or "" with the reason.
std::string anyioRunFor(const Context& ctx, TSNode rucCall, std::vector<std::string>& imports, std::string& why) {
    python::CallArgs a = ctx.args(field(rucCall, "arguments"));
    if (a.positional.size() != 1 || !a.keywords.empty() || a.hasStar || a.hasDoubleStar || a.hasComment) {
        why = "run_until_complete() with unusual arguments: use anyio.run(func, *args)";
        return {};
    }
    bool functools = false;
    std::string args = runArguments(ctx, a.positional[0], functools, why);
    if (args.empty()) return {};
    imports = {"anyio"};
    if (functools) imports.push_back("functools");
    return "anyio.run(" + args + ")";
}

// What anyio.run() would do differently from the hand-driven loop at `rucCall` (its
// run_until_complete call; `own` the get_event_loop()/new_event_loop() call of the idiom): `refuse`
// when the module shows it, `unsafe` when it cannot be told.
//  - asyncio.run() (which anyio.run() is on that backend) ends with loop.shutdown_asyncgens(): an
//    async generator left unfinished (an `async for` left by break/return/an exception) has its
//    cleanup run then; a closed loop never runs it (the aclose() its finaliser schedules comes after
//    run_until_complete returned).
//  - asyncio.run() leaves no current event loop: a later asyncio.get_event_loop() outside async code
//    raises RuntimeError, where after the idiom it returns the idiom's loop (closed or not).
struct RunHazard {
    std::string refuse, unsafe;
};
constexpr std::string_view kOptedIn =
    " (unsafe fix, opted in: code the module does not show may leave a task or an async generator behind or call "
    "asyncio.get_event_loop() afterwards, which anyio.run() changes)";

std::string atLine(TSNode n) { return "line " + std::to_string(rowOf(n)); }

// The module function `fn` is an async generator (a `yield` of its own in an `async def`).
TSNode ownYield(const Context& ctx, int fn) {
    const python::FunctionInfo& f = ctx.semantics().functions()[static_cast<std::size_t>(fn)];
    if (!f.isAsync) return TSNode{};
    for (TSNode y : ctx.syntax.nodesOfType("yield", f.node))
        if (ctx.semantics().functionAt(y) == fn) return y;
    return TSNode{};
}

// The cleanup an async generator runs when it is closed unfinished: a `finally`, a handler of
// GeneratorExit/BaseException (or bare), a `with`/`async with` around a yield. "" when none.
std::string generatorCleanup(const Context& ctx, int fn) {
    const python::Semantics& sem = ctx.semantics();
    for (const python::HandlerInfo& h : sem.handlers()) {
        if (h.function != fn || is(h.clause, "with_statement")) continue;
        bool generatorExit = false;
        for (TSNode c : h.caught)
            if (ctx.text(c) == "GeneratorExit") generatorExit = true;
        if (h.kind == python::HandlerInfo::Kind::Finally || generatorExit || catchesCancellation(ctx, h))
            return handlerWhere(ctx, h);
    }
    const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
    for (TSNode with : ctx.syntax.nodesOfType("with_statement", f.node)) {
        if (sem.functionAt(with) != fn) continue;
        for (TSNode y : ctx.syntax.nodesOfType("yield", with))
            if (sem.functionAt(y) == fn) return "the `with` at " + atLine(with) + " around a yield";
    }
    return {};
}

// Another get_event_loop() call outside async code than `own`: why it differs, or "".
std::string laterGetEventLoop(const Context& ctx, TSNode own) {
    for (const python::Reference& r : ctx.model.references()) {
        std::string q = ctx.canonical(r.qualified);
        if (q != "asyncio.get_event_loop" && q != "asyncio.events.get_event_loop") continue;
        TSNode call = ctx.syntax.parent(r.node);
        if (!is(call, "call") || !sameNode(field(call, "function"), r.node) || sameNode(call, own) ||
            inAsyncDef(ctx.syntax, call))
            continue;
        return "`" + ctx.str(call) + "` at " + atLine(call) +
               " may run after it: after the hand-driven loop it returns that loop (closed, when it was closed), after "
               "anyio.run() there is no current event loop and it raises RuntimeError";
    }
    return {};
}

std::string unseenAwait(const Context& ctx, TSNode mainCall, const std::vector<int>& reached);

RunHazard loopRunHazard(const Context& ctx, TSNode rucCall, TSNode own) {
    RunHazard out;
    const python::Semantics& sem = ctx.semantics();
    if (out.refuse = laterGetEventLoop(ctx, own); !out.refuse.empty()) return out;
    std::vector<TSNode> args = namedChildren(field(rucCall, "arguments"));
    if (args.empty()) return out;
    TSNode mainCall = args.front();
    std::vector<int> reached = sem.reachableFrom(mainCall);
    // Async generators with cleanup the main coroutine reaches.
    for (int fn : reached) {
        if (isNull(ownYield(ctx, fn))) continue;
        std::string cleanup = generatorCleanup(ctx, fn);
        if (cleanup.empty()) continue;
        const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
        out.refuse = "the async generator `" + f.name + "` (" + atLine(f.node) + ") has cleanup (" + cleanup +
                     ") and may be left unfinished: the hand-driven loop is closed without running it, anyio.run() "
                     "runs it (asyncio.run's shutdown_asyncgens)";
        return out;
    }
    // A task with cleanup started by a function of another module of the run the main coroutine reaches.
    if (std::string task = crossModuleTask(ctx, mainCall); !task.empty()) {
        out.refuse = "a task may still be running when the main coroutine returns (it calls " + task +
                     "); run_until_complete() leaves it pending and loop.close() drops it without running its "
                     "cleanup, anyio.run() cancels it and runs that cleanup";
        return out;
    }
    // The idiom inside a function another module of the run may call: code there may run after it.
    if (int fn = sem.functionAt(rucCall); fn >= 0 && ctx.run && !ctx.inRunSummary)
        if (std::string importer = ctx.run->firstImporterOf(ctx.source.path()); !importer.empty()) {
            out.unsafe = "`" + sem.functions()[static_cast<std::size_t>(fn)].name +
                         "` may return to code of another module of the run (" + importer +
                         " imports this module), which may then call asyncio.get_event_loop(): after the hand-driven "
                         "loop it returns that loop, after anyio.run() it raises RuntimeError";
            return out;
        }
    // `async for` over something the module does not show (it may be an async generator with cleanup).
    for (int fn : reached) {
        const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
        for (TSNode loop : ctx.syntax.nodesOfType("for_statement", f.node)) {
            if (sem.functionAt(loop) != fn || !ctx.text(loop).starts_with("async")) continue;
            TSNode it = field(loop, "right");
            int g = is(it, "call") ? sem.resolveCall(it) : -1;
            if (g >= 0 && !isNull(ownYield(ctx, g))) continue;  // the module's own generator: counted above
            out.unsafe = "`async for` over `" + ctx.str(it) + "` at " + atLine(loop) +
                         ", whose code the module does not show: an async generator left unfinished there has its "
                         "cleanup run by anyio.run() (asyncio.run's shutdown_asyncgens), never by the closed loop";
            return out;
        }
    }
    out.unsafe = unseenAwait(ctx, mainCall, reached);
    return out;
}

// Code the main coroutine runs that the module does not show (the main coroutine itself, or an awaited
// call that is not one of the module's functions nor asyncio's/anyio's own): it may leave a task or
// an async generator with cleanup behind. "" when none.
std::string unseenAwait(const Context& ctx, TSNode mainCall, const std::vector<int>& reached) {
    const python::Semantics& sem = ctx.semantics();
    const char* why = " code the module does not show: a task or an async generator with cleanup it leaves behind "
                      "is cleaned up by anyio.run() (asyncio.run cancels the tasks and closes the generators), "
                      "dropped by the closed loop";
    auto unseen = [&](TSNode call) {
        if (sem.resolveCall(call) >= 0) return false;
        auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
        std::string c = q ? ctx.canonical(*q) : std::string();
        return !(c.starts_with("asyncio.") || c.starts_with("anyio.") || c.starts_with("trio."));
    };
    if (unseen(mainCall)) return "the main coroutine `" + ctx.str(mainCall) + "` is" + why;
    for (int fn : reached) {
        const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
        for (TSNode aw : ctx.syntax.nodesOfType("await", f.node)) {
            std::vector<TSNode> kids = namedChildren(aw);
            if (sem.functionAt(aw) != fn || kids.empty() || !is(kids[0], "call") || !unseen(kids[0])) continue;
            return "`" + ctx.str(aw) + "` at " + atLine(aw) + " runs" + why;
        }
    }
    return {};
}

// A statement `[target =] <name>.run_until_complete(...)`: the call, else null.
TSNode runStatementCall(const Context& ctx, TSNode stmt, const std::string& name) {
    if (!is(stmt, "expression_statement") || namedChildren(stmt).size() != 1) return TSNode{};
    TSNode e = namedChildren(stmt)[0];
    if (is(e, "assignment")) e = field(e, "right");
    if (!is(e, "call")) return TSNode{};
    TSNode f = field(e, "function");
    if (!is(f, "attribute") || ctx.text(field(f, "object")) != name ||
        ctx.text(field(f, "attribute")) != "run_until_complete")
        return TSNode{};
    return e;
}

bool isCallStatement(const Context& ctx, TSNode stmt, const std::string& text) {
    if (!is(stmt, "expression_statement") || namedChildren(stmt).size() != 1) return false;
    TSNode e = namedChildren(stmt)[0];
    if (!is(e, "call")) return false;
    std::string compact;
    for (char c : ctx.text(e))
        if (c != ' ') compact += c;
    return compact == text;
}

bool isSetEventLoop(const Context& ctx, TSNode stmt, const std::string& name) {
    if (!is(stmt, "expression_statement") || namedChildren(stmt).size() != 1) return false;
    TSNode call = namedChildren(stmt)[0];
    if (!is(call, "call")) return false;
    auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
    python::CallArgs a = ctx.args(field(call, "arguments"));
    return q && (*q == "asyncio.set_event_loop" || *q == "asyncio.events.set_event_loop") &&
           a.positional.size() == 1 && a.keywords.empty() && ctx.text(a.positional[0]) == name;
}

// The idiom `first`..`last` kept for `hazard` (flagged, its statements claimed): true; false when the
// fix may go ahead.
bool keptIdiom(Context& ctx, const CallSite& site, const RunHazard& hazard, TSNode first, TSNode last) {
    if (hazard.refuse.empty() && (hazard.unsafe.empty() || ctx.unsafeFixes())) return false;
    ctx.flag(kEventLoop.info, site.call, SiteStatus::NeedsReview,
             hazard.refuse.empty() ? "hand-driven event loop: " + hazard.unsafe + " (rewritten with --unsafe-fixes)"
                                   : "hand-driven event loop kept: " + hazard.refuse,
             "event-loop");
    for (TSNode n = first; !isNull(n); n = nextStatement(ctx, n)) {  // the idiom is reported here, once
        ctx.claim(n);
        if (sameNode(n, last)) break;
    }
    return true;
}

// The hand-driven loop idiom starting at `loop = asyncio.new_event_loop()`. True when fixed.
bool entryIdiom(Context& ctx, const CallSite& site, const LocalName& v) {
    TSNode first = v.statement;
    TSNode s = nextStatement(ctx, first);
    if (!isNull(s) && isSetEventLoop(ctx, s, v.name)) s = nextStatement(ctx, s);
    if (isNull(s)) return false;
    TSNode last = s, runCall{}, runStmt{};
    if (is(s, "try_statement")) {
        // try: loop.run_until_complete(main()) / finally: loop.close()
        TSNode body = field(s, "body");
        auto stmts = namedChildren(body);
        TSNode fin{};
        for (TSNode c : namedChildren(s)) {
            if (is(c, "finally_clause")) fin = c;
            else if (!sameNode(c, body) && !is(c, "comment")) return false;  // except / else clauses
        }
        if (isNull(fin) || stmts.size() != 1) return false;
        runStmt = stmts[0];
        runCall = runStatementCall(ctx, runStmt, v.name);
        TSNode finBody = namedChildren(fin).empty() ? TSNode{} : namedChildren(fin).back();
        auto finStmts = namedChildren(finBody);
        if (isNull(runCall) || finStmts.size() != 1 || !isCallStatement(ctx, finStmts[0], v.name + ".close()"))
            return false;
    } else {
        runStmt = s;
        runCall = runStatementCall(ctx, s, v.name);
        if (isNull(runCall)) return false;
        TSNode c = nextStatement(ctx, s);
        if (!isNull(c) && isCallStatement(ctx, c, v.name + ".close()")) last = c;
    }
    for (TSNode load : loadsOf(ctx, v))
        if (beginOf(load) < beginOf(first) || endOf(load) > endOf(last)) return false;
    std::string why;
    Fix fix;
    std::string run = anyioRunFor(ctx, runCall, fix.imports, why);
    if (run.empty()) {
        ctx.flag(kEventLoop.info, runCall, SiteStatus::NeedsReview, "loop.run_until_complete(): " + why, "event-loop");
        ctx.claim(first);
        return true;
    }
    RunHazard hazard = loopRunHazard(ctx, runCall, site.call);
    if (keptIdiom(ctx, site, hazard, first, last)) return true;
    // Keep `target = ` of an assignment.
    TSNode e = namedChildren(runStmt)[0];
    std::string prefix = is(e, "assignment") ? std::string(ctx.source.text().substr(beginOf(e), beginOf(runCall) - beginOf(e))) : "";
    fix.edits.push_back(replaceRange(beginOf(first), endOf(last), prefix + run));
    ctx.fixed(kEventLoop.info, site.call,
              "hand-driven event loop (" + ctx.str(site.call) + " ... run_until_complete) -> " + run +
                  (hazard.unsafe.empty() ? "" : std::string(kOptedIn)),
              fix);
    for (TSNode n = first; !isNull(n); n = nextStatement(ctx, n)) {
        ctx.claim(n);
        if (sameNode(n, last)) break;
    }
    return true;
}

Outcome inlineUse(const CallSite& site, Context& ctx, TSNode call, const std::string& m) {
    std::string what = ctx.str(site.call) + "." + m + "()";
    bool async = inAsyncDef(ctx.syntax, call);
    std::string q = member(site.qualified);
    if (m == "run_in_executor") return Skip{};  // AM210's
    if (m == "run_until_complete" && q != "get_running_loop" && !async) {
        if (runUntilCompleteCount(ctx) > 1) {
            ctx.flag(kEventLoop.info, call, SiteStatus::NeedsReview,
                     what + ": the module calls run_until_complete() more than once on a shared loop; " + methodHint(m),
                     "event-loop");
            return Skip{};
        }
        std::string why;
        Fix fix;
        std::string run = anyioRunFor(ctx, call, fix.imports, why);
        if (run.empty()) {
            ctx.flag(kEventLoop.info, call, SiteStatus::NeedsReview, what + ": " + why, "event-loop");
            return Skip{};
        }
        RunHazard hazard = loopRunHazard(ctx, call, site.call);
        if (!hazard.refuse.empty() || (!hazard.unsafe.empty() && !ctx.unsafeFixes())) {
            ctx.flag(kEventLoop.info, call, SiteStatus::NeedsReview,
                     hazard.refuse.empty() ? what + ": " + hazard.unsafe + " (rewritten with --unsafe-fixes)"
                                           : what + " kept: " + hazard.refuse,
                     "event-loop");
            return Skip{};
        }
        fix.edits.push_back(replaceNode(call, run));
        ctx.fixed(kEventLoop.info, call, what + " -> " + run + (hazard.unsafe.empty() ? "" : std::string(kOptedIn)), fix);
        return Skip{};
    }
    if (m == "time" && async && ctx.args(field(call, "arguments")).positional.empty()) {
        Fix fix{{replaceNode(call, "anyio.current_time()")}, {"anyio"}};
        ctx.fixed(kEventLoop.info, call, what + " -> anyio.current_time()", fix);
        return Skip{};
    }
    ctx.flag(kEventLoop.info, call, SiteStatus::NoEquivalent, what + " has no anyio equivalent: " + methodHint(m),
             "event-loop");
    return Skip{};
}

Outcome loopName(const CallSite& site, Context& ctx, const LocalName& v) {
    std::string q = member(site.qualified);
    bool async = inAsyncDef(ctx.syntax, site.call);
    if (!async && q != "get_running_loop" && runUntilCompleteCount(ctx) == 1 && entryIdiom(ctx, site, v))
        return Skip{};
    std::vector<TSNode> loads = loadsOf(ctx, v);
    if (loads.empty()) {
        Fix fix;
        fix.edits = removeStatement(ctx, v.statement);
        if (fix.edits.empty()) return Skip{};
        return Rewrite{fix, "`" + ctx.str(v.assignment) + "` removed: nothing uses the loop any more"};
    }
    std::vector<std::string> kept;
    for (TSNode load : loads) {
        std::string line = " (line " + std::to_string(python::rowOf(load)) + ")";
        auto use = methodCall(ctx, load);
        TSNode stmt = ctx.statementOf(load);
        if (!use && isSetEventLoop(ctx, stmt, v.name)) {
            kept.push_back("asyncio.set_event_loop(" + v.name + ")" + line);
            ctx.flag(kEventLoop.info, stmt, SiteStatus::NoEquivalent,
                     "asyncio.set_event_loop() has no anyio equivalent: anyio.run() creates and installs its own "
                     "event loop",
                     "event-loop");
            continue;
        }
        if (!use) {
            kept.push_back("`" + v.name + "` used as a value" + line);
            ctx.flag(kEventLoop.info, load, SiteStatus::NoEquivalent,
                     "the event loop object `" + v.name + "` is passed on or stored: anyio has no event loop object; "
                     "pass a task group or call anyio functions directly",
                     "event-loop");
            continue;
        }
        if (use->method == "run_in_executor") {
            // AM210 rewrites or flags it; it is handled once its edit is accepted.
            if (!ctx.consumed(beginOf(use->attribute), endOf(use->attribute)))
                kept.push_back(v.name + ".run_in_executor()" + line);
            continue;
        }
        if (use->method == "time" && inAsyncDef(ctx.syntax, use->call) &&
            ctx.args(field(use->call, "arguments")).positional.empty()) {
            Fix fix{{replaceNode(use->call, "anyio.current_time()")}, {"anyio"}};
            ctx.fixed(kEventLoop.info, use->call, v.name + ".time() -> anyio.current_time()", fix);
            continue;
        }
        kept.push_back(v.name + "." + use->method + "()" + line);
        ctx.flag(kEventLoop.info, use->call, SiteStatus::NoEquivalent,
                 v.name + "." + use->method + "() has no anyio equivalent: " + methodHint(use->method), "event-loop");
    }
    if (kept.empty()) {
        ctx.claim(site.call);  // every use is being rewritten; the name goes in a later round
        return Skip{};
    }
    std::string list;
    for (const std::string& k : kept) list += (list.empty() ? "" : ", ") + k;
    return Flag{SiteStatus::NoEquivalent, ctx.str(site.call) +
                                              " has no anyio equivalent (anyio has no event loop object); the loop is "
                                              "kept for: " + list};
}

}  // namespace

extern const PyRule kEventLoop{
    .info = {.id = "AM211",
     .name = "event-loop",
     .category = "event-loop",
     .summary = "Replace hand-driven event loops (run_until_complete) with anyio.run() and flag other loop uses",
     .safety = FixSafety::Conditional,
     .brief = R"md(`get_event_loop().run_until_complete(main())` and the `new_event_loop`/`set_event_loop`/`run_until_complete`/`close` idiom (also try/finally) → `anyio.run(main)`; `loop.time()` → `anyio.current_time()`; unused loop names removed; every other loop use flagged with its anyio alternative)md",
     .doc = R"md(
## What it does

Replaces hand-driven asyncio event loops at the entry point with `anyio.run()` and handles
or flags every other use of a loop object:

| asyncio | anyio |
|---|---|
| `asyncio.get_event_loop().run_until_complete(main(a))` | `anyio.run(main, a)` |
| `loop = asyncio.new_event_loop()`<br>`asyncio.set_event_loop(loop)`<br>`[x =] loop.run_until_complete(main())`<br>`loop.close()` | `[x =] anyio.run(main)` |
| the same with `try: loop.run_until_complete(...)` / `finally: loop.close()` | `anyio.run(main)` |
| `loop = asyncio.get_event_loop()`; `loop.run_until_complete(main())` | `anyio.run(main)` |
| `asyncio.get_running_loop().time()`, `loop.time()` in a coroutine | `anyio.current_time()` |
| `loop = asyncio.get_running_loop()` that nothing uses any more | removed |

The arguments follow AM102 asyncio-run: `anyio.run` takes the coroutine function and its
positional arguments (never a coroutine object), and keyword arguments are bound with
`functools.partial`. The idiom must be consecutive statements in one block (comments
between are fine), `set_event_loop` and `close` optional, and the loop name must have no
other use.

## Why

anyio has no event loop object: `anyio.run()` creates, runs and closes the loop of the chosen
backend. Every `get_event_loop()` / `new_event_loop()` site is therefore asyncio-only, and the
seed migration counted ~220 of them. The entry-point idioms have an exact anyio form; the
other loop methods do not, and each gets a flag naming the anyio way to do it (task groups
instead of `create_task`/`call_soon`, `anyio.from_thread.run_sync` instead of
`call_soon_threadsafe`, `open_signal_receiver` instead of `add_signal_handler`, ...).

## Example

`test-inputs/python/event-loop/idiom.py`:

```python
@fixture idiom.py 1-14
```

becomes (`idiom.expected.py`):

```python
@fixture idiom.expected.py 1-11
```

## Flagged instead of rewritten

No-equivalent unless noted (see `test-inputs/python/event-loop/flagged.py` and `coroutine_object.py`):

- `loop.<method>() has no anyio equivalent: <hint>` for `run_forever`, `create_task`, `call_soon`, `call_later`, `call_at`, `call_soon_threadsafe`, `add_signal_handler`, `stop`, `close`, `set_debug`, ... each with its anyio alternative; the same for inline `asyncio.get_running_loop().<method>()`.
- `loop.run_until_complete() has no anyio equivalent: call anyio.run(main) once at the entry point: anyio starts and closes an event loop per run, so merge the coroutines into one async main`: a module that calls `run_until_complete` more than once shares one asyncio loop (and what lives on it) between the calls, which separate `anyio.run()` calls do not.
- `asyncio.set_event_loop() has no anyio equivalent: anyio.run() creates and installs its own event loop` outside the idiom.
- ``the event loop object `loop` is passed on or stored: ...``.
- `asyncio.get_running_loop() has no anyio equivalent (anyio has no event loop object); the loop is kept for: <uses with lines>` on the assignment of a loop that keeps other uses.
- needs-review: ``hand-driven event loop kept: ...`` (also ``asyncio.get_event_loop().run_until_complete() kept: ...``) while a task may outlive the main coroutine, an async generator with cleanup may be left unfinished, or the module calls `asyncio.get_event_loop()` elsewhere outside async code; ``hand-driven event loop: ... (rewritten with --unsafe-fixes)`` where it cannot be told: see Fix safety.
- needs-review: `asyncio.get_event_loop().run_until_complete(): it is given a coroutine object, not a call; anyio.run() needs the coroutine function and its arguments: anyio.run(func, *args)`.

Loop objects that are not assigned to a local name (attributes, arguments) are reported by AM900 legacy-reference.

## Fix safety

Conditional. The conditions checked: the entry point is not inside a coroutine, the module has
exactly one `run_until_complete`, the loop name is bound once and used only by the idiom, and
the argument is a call of a coroutine function.

**Tasks left running when `main` returns.** `run_until_complete()` returns as soon as `main`
does, leaving the other tasks pending; `loop.close()` (or the end of the program) drops them
without running their cleanup ("Task was destroyed but it is pending!" on stderr). `anyio.run()`
is `asyncio.run()` on that backend: it cancels them and runs their cancellation handlers and
`finally` blocks. So the rewrite is kept back (checked over the round's result, in
`cancellation.cpp`) while the module keeps a task (`asyncio.create_task`/`ensure_future`,
`loop.create_task`) whose code reaches a handler that catches the cancellation (a `finally`, an
`except CancelledError`/`BaseException`/bare `except:`), or whose code cannot be told (a task of
something other than a call): ``hand-driven event loop kept: a task may still be running when the
main coroutine returns (asyncio.ensure_future kept at line 17, whose code has the `finally` block
at line 12 in `heartbeat`); ...`` (fixture `leftover_task.py`; behaviour program
`loop_leftover_task_refused.py`: asyncio prints `served []`, the old migration `served
['heartbeat stopped']`). A kept task with no such handler is cancelled silently, so it does not
count (`leftover_task_plain.py`: only the stderr warning goes). A task started by a function of
another module of the run that the main coroutine reaches (through imports, transitively; the run's
summary of each module records the tasks with cleanup its functions start, before that module's
own migration) is refused the same way, naming it: ``hand-driven event loop kept: a task may still
be running when the main coroutine returns (it calls `monitor.start` of another module of this run
(in monitor.py: asyncio.ensure_future (line 15), whose code has the `finally` block at line 10 in
`heartbeat`)); ...`` (behaviour program `loop_cross_module_task_refused/`: `served []` on asyncio,
`served ['heartbeat stopped']` after the old migration).

**Async generators left unfinished.** `asyncio.run()` ends with `loop.shutdown_asyncgens()`, which
closes every async generator still suspended (an `async for` left by `break`, `return` or an
exception), running its cleanup; after `run_until_complete()` the `aclose()` its finaliser
schedules never runs, and `loop.close()` drops it. So the rewrite is kept when the main coroutine
reaches (in the module's functions) an async generator with cleanup — a `finally`, a handler of
`GeneratorExit`/`BaseException`/bare `except:`, a `with`/`async with` around a `yield`: ``hand-driven
event loop kept: the async generator `rows` (line 14) has cleanup (the `finally` block at line 19 in
`rows`) and may be left unfinished: ...`` (fixtures `asyncgen_cleanup.py`, `asyncgen_with.py`;
behaviour program `loop_asyncgen_refused.py`: `2 []` on asyncio, `2 ['cursor closed']` after the
old migration). Whether the generator is left unfinished is not decided (a generator always
iterated to its end is refused too). An async generator without cleanup is closed silently, so it
does not count (`asyncgen_plain.py`: migrated). An `async for` over something the module does not
show (a library's or another module's iterator, a value made elsewhere) may be such a generator:
the fix is **unsafe** (``hand-driven event loop: `async for` over `feeds.subscribe(url)` at line 7,
whose code the module does not show: ... (rewritten with --unsafe-fixes)``; fixtures
`asyncgen_unknown.py`, `asyncgen_unknown_unsafe.py`; behaviour program
`loop_asyncgen_unsafe_refused.py`).

**Code the module does not show.** The same two differences come from code the module cannot
read: a main coroutine that is not one of its functions (`run_until_complete(client.fetch(url))`),
or an `await` in the main coroutine's code (and the module functions it reaches) of a call that is
not one of the module's functions nor asyncio's/anyio's own (a library, another module, a method of
an object whose class cannot be told) may leave a task or an async generator with cleanup behind.
The fix is **unsafe** there: ``hand-driven event loop: `await client.fetch(url)` at line 9 runs
code the module does not show: ... (rewritten with --unsafe-fixes)`` (fixtures `unseen_await.py`,
`unseen_main.py`, `unseen_await_unsafe.py`; behaviour program
`loop_unseen_task_unsafe_refused.py`: `served []` on asyncio, `served ['heartbeat stopped']` after
the old migration). On the three corpora of the notes this changed no site (their hand-driven
loops run module code).

**A later `asyncio.get_event_loop()`.** After the idiom the loop stays the current event loop
(closed when the idiom closed it); `asyncio.run()` leaves no current loop, so a later
`asyncio.get_event_loop()` outside async code raises `RuntimeError: There is no current event
loop`. So the rewrite is kept while the module has another `asyncio.get_event_loop()` call outside
an `async def` (in async code it returns the running loop on both): ``hand-driven event loop kept:
`asyncio.get_event_loop()` at line 18 may run after it: ...`` (fixture `later_get_event_loop.py`;
behaviour program `loop_later_get_event_loop_refused.py`: `served open` on asyncio, the
RuntimeError after the old migration). When the idiom is inside a function and another module of
the run imports this one, that module's code may run after the function returns and call
`get_event_loop()`: the fix is **unsafe** (``hand-driven event loop: `run` may return to code of
another module of the run (cli.py imports this module), which may then call
asyncio.get_event_loop(): ... (rewritten with --unsafe-fixes)``; behaviour program
`loop_imported_runner_unsafe_refused/`). Code outside the run is not read (the tool's general
limit): a function driving a loop by hand that a program outside the run calls is rewritten.

## Target versions

All anyio versions (`anyio.run`, `anyio.current_time` since 1.0; `current_time()` is
synchronous since 3.0).
)md"},
    .calls = {"asyncio.get_event_loop", "asyncio.get_running_loop", "asyncio.new_event_loop", "asyncio.events.get_event_loop",
     "asyncio.events.get_running_loop", "asyncio.events.new_event_loop"},
    .onCall = [](const CallSite& site, Context& ctx) -> Outcome {
        TSNode attr = ctx.syntax.parent(site.call);
        if (is(attr, "attribute") && sameNode(field(attr, "object"), site.call)) {
            TSNode call = ctx.syntax.parent(attr);
            if (is(call, "call") && sameNode(field(call, "function"), attr))
                return inlineUse(site, ctx, call, ctx.str(field(attr, "attribute")));
            return Skip{};
        }
        if (auto v = assignedName(ctx, site.call)) return loopName(site, ctx, *v);
        return Skip{};  // passed on, stored on an object...: AM900 reports it
    }};

}  // namespace anymig::asyncio_to_anyio
