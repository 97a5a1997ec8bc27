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

#include "rewrites/asyncio_to_anyio/local_names.h"

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
    // Keep `target = ` of an assignment.
    TSNode e = namedChildren(runStmt)[0];
    std::string prefix = is(e, "assignment") ? std::string(ctx.source.text().substr(beginOf(e), beginOf(runCall) - beginOf(e))) : "";
    fix.edits.push_back(replaceRange(beginOf(first), endOf(last), prefix + run));
    ctx.fixed(kEventLoop.info, site.call,
              "hand-driven event loop (" + ctx.str(site.call) + " ... run_until_complete) -> " + run, fix);
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
        fix.edits.push_back(replaceNode(call, run));
        ctx.fixed(kEventLoop.info, call, what + " -> " + run, fix);
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
count (`leftover_task_plain.py`: only the stderr warning goes). Not checked: an async generator
left unfinished (asyncio.run's `shutdown_asyncgens` runs its `finally`, a closed loop never does),
tasks started from another module of the run, and a later `asyncio.get_event_loop()` in the same
process (after `anyio.run()` it raises RuntimeError; after the idiom it returns the closed loop,
which raises when used).

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
