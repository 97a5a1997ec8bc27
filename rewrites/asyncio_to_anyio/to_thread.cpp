// AM210 to-thread: asyncio.to_thread(f, *a, **kw) and loop.run_in_executor(None, f, *a)
// (the loop from asyncio.get_event_loop() / get_running_loop(), inline or as a local
// name) -> anyio.to_thread.run_sync(f, *a); keywords are bound with functools.partial.
// A run_in_executor with an executor, or whose future is not awaited at once, is flagged.
#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/local_names.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kToThread;

namespace {

const char* kExecutorHint =
    "anyio runs blocking calls in its own worker threads: use `await anyio.to_thread.run_sync(func, *args)`, "
    "with `limiter=anyio.CapacityLimiter(n)` to bound them like the executor's max_workers";

// asyncio's thread future releases a cancelled waiter at once and leaves the thread running;
// anyio's run_sync shields the wait until the thread returns unless told to abandon it. The
// keyword that says so: `cancellable=True` (anyio 3.x, 4.0), `abandon_on_cancel=True` from 4.1.
std::string abandonKeyword(const Context& ctx) {
    return targetAnyio(ctx).atLeast(4, 1) ? "abandon_on_cancel=True" : "cancellable=True";
}

// Where `, <keyword>` goes: after the last argument (before a trailing comma or comment).
std::size_t afterLastArgument(TSNode arguments) {
    std::size_t at = python::beginOf(arguments) + 1;
    for (TSNode c : python::namedChildren(arguments))
        if (!is(c, "comment")) at = python::endOf(c);
    return at;
}

// asyncio.to_thread(f, a, k=v) -> anyio.to_thread.run_sync(f, a) / (functools.partial(f, a, k=v)).
Outcome toThread(const CallSite& site, Context& ctx) {
    python::CallArgs a = ctx.args(site.arguments);
    if (!is(site.arguments, "argument_list") || (a.positional.empty() && !a.hasStar))
        return Flag{SiteStatus::NeedsReview, "asyncio.to_thread() without a function argument: migrate by hand"};
    if (a.positional.empty() || !python::sameNode(python::namedChildren(site.arguments)[0], a.positional[0]))
        return Flag{SiteStatus::NeedsReview,
                    "asyncio.to_thread(*args): cannot tell which argument is the function; use "
                    "anyio.to_thread.run_sync(func, *args)"};
    Rewrite r;
    r.fix.edits.push_back(replaceNode(site.callee, "anyio.to_thread.run_sync"));
    r.fix.imports.push_back("anyio");
    std::string fn = ctx.str(a.positional[0]);
    const std::string abandon = abandonKeyword(ctx);
    if (a.keywords.empty() && !a.hasDoubleStar) {
        std::size_t at = afterLastArgument(site.arguments);
        r.fix.edits.push_back(replaceRange(at, at, ", " + abandon));
        r.message = "asyncio.to_thread(" + fn + ", ...) -> anyio.to_thread.run_sync(" + fn + ", ..., " + abandon +
                    "): a cancelled wait returns at once, the thread runs on, as asyncio's does";
        return r;
    }
    // Keyword arguments cannot be passed through run_sync: bind everything with functools.partial.
    std::size_t close = endOf(site.arguments) - 1;
    r.fix.edits.push_back(replaceRange(beginOf(a.positional[0]), beginOf(a.positional[0]), "functools.partial("));
    r.fix.edits.push_back(replaceRange(close, close, "), " + abandon));
    r.fix.imports.push_back("functools");
    r.message = "asyncio.to_thread(" + fn + ", ..., key=...) -> anyio.to_thread.run_sync(functools.partial(" + fn +
                ", ..., key=...), " + abandon +
                "): run_sync passes no keyword arguments; a cancelled wait returns at once, the thread runs on, as "
                "asyncio's does";
    return r;
}

// The function run_in_executor runs (`f`, `self.m`, a lambda, `functools.partial(f, ...)`) reads or sets
// a module-level ContextVar, in its code or in the module functions it reaches: "`v.get()` of a
// ContextVar (line N)", else "". run_in_executor does not copy the caller's context into the thread
// (asyncio.to_thread and anyio's run_sync do).
std::string contextRead(const Context& ctx, TSNode fn) {
    auto q = is(fn, "call") ? ctx.model.resolve(field(fn, "function"), ctx.model.scopeOf(fn)) : std::nullopt;
    if (q && ctx.canonical(*q) == "functools.partial") {
        std::vector<TSNode> inner = python::namedChildren(field(fn, "arguments"));
        if (inner.empty()) return {};
        fn = inner[0];
    }
    TSNode region = fn;
    if (!is(fn, "lambda")) {
        int f = ctx.semantics().resolveCallee(fn);
        if (f < 0) return {};
        region = ctx.semantics().functions()[static_cast<std::size_t>(f)].node;
    }
    return contextVarCall(ctx, reachedRanges(ctx, region), {"get", "set", "reset"});
}

// `<loop>.run_in_executor(None, f, a)` -> `anyio.to_thread.run_sync(f, a)`: the fix, or the reason it is not one.
// `callee` is the whole `<loop>.run_in_executor` expression.
void executorCall(Context& ctx, TSNode call, TSNode callee, const std::string& loopText) {
    TSNode args = field(call, "arguments");
    python::CallArgs a = ctx.args(args);
    std::string what = loopText + ".run_in_executor()";
    if (!a.keywords.empty() || a.hasDoubleStar || a.positional.size() < 2) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + " with unusual arguments: use `await anyio.to_thread.run_sync(func, *args)`", "threads");
        return;
    }
    if (!is(a.positional[0], "none")) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + " with the executor `" + ctx.str(a.positional[0]) + "` is not migrated: " + kExecutorHint,
                 "threads");
        return;
    }
    if (isNull(awaitOf(ctx, call))) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + "'s future is not awaited where it is made: it starts the call at once, while "
                        "anyio.to_thread.run_sync() is a coroutine that starts when awaited; await it in a task group "
                        "(tg.start_soon(anyio.to_thread.run_sync, func, *args))",
                 "threads");
        return;
    }
    if (std::string use = contextRead(ctx, a.positional[1]); !use.empty()) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + " kept: the function it runs uses context variables (" + use +
                     "); run_in_executor runs it in the worker thread's own context, anyio.to_thread.run_sync in a "
                     "copy of the caller's, so it would see the caller's values",
                 "threads");
        return;
    }
    Fix fix;
    fix.edits.push_back(replaceNode(callee, "anyio.to_thread.run_sync"));
    fix.edits.push_back(replaceRange(beginOf(a.positional[0]), beginOf(a.positional[1]), ""));
    const std::string abandon = abandonKeyword(ctx);
    std::size_t at = afterLastArgument(args);
    fix.edits.push_back(replaceRange(at, at, ", " + abandon));
    fix.imports.push_back("anyio");
    ctx.fixed(kToThread.info, call,
              what + " with the default executor -> anyio.to_thread.run_sync(" + ctx.str(a.positional[1]) +
                  (a.positional.size() > 2 || a.hasStar ? ", ..., " : ", ") + abandon +
                  "): a cancelled wait returns at once, the thread runs on, as asyncio's does",
              fix);
}

Outcome loopSite(const CallSite& site, Context& ctx) {
    // Inline: asyncio.get_running_loop().run_in_executor(None, f, ...)
    TSNode attr = ctx.syntax.parent(site.call);
    if (is(attr, "attribute") && python::sameNode(field(attr, "object"), site.call) &&
        ctx.text(field(attr, "attribute")) == "run_in_executor") {
        TSNode call = ctx.syntax.parent(attr);
        if (is(call, "call") && python::sameNode(field(call, "function"), attr)) {
            executorCall(ctx, call, attr, ctx.str(site.call));
            ctx.claim(site.call);  // whatever came of it, the loop reference is accounted for here
            return Skip{};
        }
    }
    // A local name: loop = asyncio.get_running_loop(); ... await loop.run_in_executor(None, f)
    auto v = assignedName(ctx, site.call);
    if (!v) return Skip{};
    for (TSNode load : loadsOf(ctx, *v)) {
        auto use = methodCall(ctx, load);
        if (!use || use->method != "run_in_executor") continue;
        executorCall(ctx, use->call, use->attribute, v->name);
    }
    return Skip{};  // the loop variable itself is the event-loop rule's business (AM211)
}

}  // namespace

extern const PyRule kToThread{
    .info = {.id = "AM210",
     .name = "to-thread",
     .category = "threads",
     .summary = "Replace asyncio.to_thread() and loop.run_in_executor(None, ...) with anyio.to_thread.run_sync()",
     .safety = FixSafety::Conditional,
     .brief = R"md(`await asyncio.to_thread(f, *a)` and `await loop.run_in_executor(None, f, *a)` (loop from `get_running_loop()`/`get_event_loop()`, inline or a local) → `await anyio.to_thread.run_sync(f, *a)`; keywords via `functools.partial`; a non-`None` executor or an un-awaited future flagged)md",
     .doc = R"md(
## What it does

Moves blocking calls run in threads to anyio's worker threads:

| asyncio | anyio |
|---|---|
| `await asyncio.to_thread(f, a, b)` | `await anyio.to_thread.run_sync(f, a, b)` |
| `await asyncio.to_thread(f, a, key=v)`, `to_thread(f, **kw)` | `await anyio.to_thread.run_sync(functools.partial(f, a, key=v))` |
| `loop = asyncio.get_running_loop()` (or `get_event_loop()`) … `await loop.run_in_executor(None, f, a)` | `await anyio.to_thread.run_sync(f, a)` |
| `await asyncio.get_running_loop().run_in_executor(None, f, a)` | `await anyio.to_thread.run_sync(f, a)` |

Aliases (`import asyncio as aio`, `from asyncio import to_thread, get_running_loop`) are
followed. The loop name must be a local bound once, by `name = asyncio.get_running_loop()`
(or `get_event_loop()`) as a statement; a loop that nothing uses any more is then removed by
AM211 event-loop in a later round. `import anyio` is enough for `anyio.to_thread`: anyio's
`__init__` imports the submodule (checked on Debian's anyio 3.6.2 and in anyio 4).

## Why

`asyncio.to_thread` and `loop.run_in_executor` are asyncio-only and fail under the trio
backend. `anyio.to_thread.run_sync` passes positional arguments only (like `anyio.run` and
`start_soon`), so keyword arguments must be bound with `functools.partial`; a text
substitution that keeps `key=v` raises `TypeError` at run time. Both `asyncio.to_thread()`
and `run_sync()` are coroutines that start when awaited, so un-awaited `to_thread` calls
(handed to `gather`, a task group...) keep their meaning. Context variables are copied into
the worker thread in both (anyio ≥ 3.4); not by `run_in_executor` (see Fix safety).

## Example

`test-inputs/python/to-thread/aliases.py`:

```python
@fixture aliases.py 1-14
```

becomes (`aliases.expected.py`):

```python
@fixture aliases.expected.py 2-13
```

Keyword arguments (`basic.py`): `await asyncio.to_thread(blocking, 1, y=2)` becomes
`await anyio.to_thread.run_sync(functools.partial(blocking, 1, y=2))` with `import functools`.

## Flagged instead of rewritten

All needs-review (see `test-inputs/python/to-thread/flagged.py`):

- ``loop.run_in_executor() with the executor `POOL` is not migrated: anyio runs blocking calls in its own worker threads: use `await anyio.to_thread.run_sync(func, *args)`, with `limiter=anyio.CapacityLimiter(n)` to bound them like the executor's max_workers``: a non-`None` executor (a process pool, a dedicated thread pool) has no drop-in anyio form.
- `loop.run_in_executor()'s future is not awaited where it is made: ...`: the future starts the call at once, a `run_sync()` coroutine only when awaited; the message suggests `tg.start_soon(anyio.to_thread.run_sync, func, *args)`.
- `asyncio.to_thread(*args): cannot tell which argument is the function; ...`, `asyncio.to_thread() without a function argument: migrate by hand`.
- `loop.run_in_executor() with unusual arguments: ...`: keywords or `**kwargs`, or no function.

A loop kept for such a use is reported by AM211 event-loop (`the loop is kept for: loop.run_in_executor() (line N)`).
Loops that are parameters or attributes (`self.loop.run_in_executor(...)`) are not known to be asyncio loops and are left alone.

## Fix safety

Conditional: rewritten only when the call is `asyncio.to_thread(f, ...)` with the function as
its first argument, or `run_in_executor(None, f, ...)` awaited where it is made on a loop
from `get_running_loop()` / `get_event_loop()` (inline or a local bound once).

**Cancellation while the thread runs.** asyncio's thread future releases the waiting task at once
when it is cancelled (a timeout, `task.cancel()`): the call goes on in its thread, its result is
dropped, and a call still queued in the executor never starts. anyio's `run_sync` shields the wait
by default and raises the cancellation only once the thread returns, so a `wait_for` around a slow
blocking call timed out only after it finished (behaviour program `to_thread_cancel.py`: asyncio
prints `['export timed out', 'export done']`, the migration without the keyword `['export done',
'export timed out']`). The rewrite passes `cancellable=True` (anyio below 4.1) or
`abandon_on_cancel=True` (from 4.1), which is asyncio's behaviour on both backends: the wait
returns at once, the thread runs on, and a call still waiting for a worker token never starts.

**Context variables.** `asyncio.to_thread` and anyio's `run_sync` run the function in a copy of
the caller's context; `run_in_executor` runs it in the worker thread's own context, where the
caller's values are not set. So a `run_in_executor` whose function (a module function, a method
`self.m`, a lambda, `functools.partial(f, ...)`), or a module function it reaches, reads or sets a
module-level `contextvars.ContextVar` is kept, naming the use: ``loop.run_in_executor() kept: the
function it runs uses context variables (`request_id.get()` of a ContextVar (line 10)); ...``
(fixture `context_vars.py`; behaviour program `executor_context_refused.py`: `-` on asyncio, `r7`
after the old migration). Code outside the run is not read (the tool's general limit): a library
function handed to `run_in_executor` that reads context variables of its own library sees the
caller's values after the rewrite.

**Thread limits.** anyio limits worker threads with its default `CapacityLimiter` (40 tokens),
asyncio with the default executor's `max_workers` (`min(32, cpu + 4)`: 6 on a 2-core machine).
Only the order in which more blocking calls than that start differs (which calls wait for a
worker), not what any call computes; a program can tell only by timing the calls or by
blocking more threads than the limit on each other (a call that waits for another queued call
deadlocks on asyncio and not on anyio, or the reverse at 40). Not checked.

## Target versions

anyio ≥ 3.0 (`anyio.to_thread.run_sync`); context propagation into threads since 3.4.
`cancellable=` was renamed `abandon_on_cancel=` in 4.1 (the old name warns there): with
`--target-anyio` 4.1 or later the rewrite passes `abandon_on_cancel=True`
(`test-inputs/python/to-thread/anyio_4_1.py`).
)md"},
    .calls = {"asyncio.to_thread", "asyncio.threads.to_thread", "asyncio.get_event_loop", "asyncio.get_running_loop",
     "asyncio.events.get_event_loop", "asyncio.events.get_running_loop"},
    .onCall = [](const CallSite& site, Context& ctx) -> Outcome {
        if (member(site.qualified) == "to_thread") return toThread(site, ctx);
        return loopSite(site, ctx);
    }};

}  // namespace anymig::asyncio_to_anyio
