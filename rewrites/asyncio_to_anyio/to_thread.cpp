// AM210 to-thread: asyncio.to_thread(f, *a, **kw) and loop.run_in_executor(None, f, *a)
// (the loop from asyncio.get_event_loop() / get_running_loop(), inline or as a local
// name) -> anyio.to_thread.run_sync(f, *a); keywords are bound with functools.partial.
// A run_in_executor with an executor, or whose future is not awaited at once, is flagged.
#include "rewrites/asyncio_to_anyio/local_names.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kToThread;

namespace {

const char* kExecutorHint =
    "anyio runs blocking calls in its own worker threads: use `await anyio.to_thread.run_sync(func, *args)`, "
    "with `limiter=anyio.CapacityLimiter(n)` to bound them like the executor's max_workers";

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
    if (a.keywords.empty() && !a.hasDoubleStar) {
        r.message = "asyncio.to_thread(" + fn + ", ...) -> anyio.to_thread.run_sync(" + fn + ", ...)";
        return r;
    }
    // Keyword arguments cannot be passed through run_sync: bind everything with functools.partial.
    std::size_t close = endOf(site.arguments) - 1;
    r.fix.edits.push_back(replaceRange(beginOf(a.positional[0]), beginOf(a.positional[0]), "functools.partial("));
    r.fix.edits.push_back(replaceRange(close, close, ")"));
    r.fix.imports.push_back("functools");
    r.message = "asyncio.to_thread(" + fn + ", ..., key=...) -> anyio.to_thread.run_sync(functools.partial(" + fn +
                ", ..., key=...)): run_sync passes no keyword arguments";
    return r;
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
    Fix fix;
    fix.edits.push_back(replaceNode(callee, "anyio.to_thread.run_sync"));
    fix.edits.push_back(replaceRange(beginOf(a.positional[0]), beginOf(a.positional[1]), ""));
    fix.imports.push_back("anyio");
    ctx.fixed(kToThread.info, call,
              what + " with the default executor -> anyio.to_thread.run_sync(" + ctx.str(a.positional[1]) +
                  (a.positional.size() > 2 || a.hasStar ? ", ...)" : ")"),
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
the worker thread in both (anyio ≥ 3.4).

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
from `get_running_loop()` / `get_event_loop()` (inline or a local bound once). One difference
remains and is documented, not checked: anyio limits worker threads with its default
`CapacityLimiter` (40 tokens), asyncio with the default executor's `max_workers`
(`min(32, cpu + 4)`); code that runs more blocking calls at once than that queues at a
different point.

## Target versions

anyio ≥ 3.0 (`anyio.to_thread.run_sync`); context propagation into threads since 3.4.
`cancellable=` was renamed `abandon_on_cancel=` in 4.1; the rule passes neither (asyncio's
thread calls are not abandoned on cancellation either, matching the default).
)md"},
    .calls = {"asyncio.to_thread", "asyncio.threads.to_thread", "asyncio.get_event_loop", "asyncio.get_running_loop",
     "asyncio.events.get_event_loop", "asyncio.events.get_running_loop"},
    .onCall = [](const CallSite& site, Context& ctx) -> Outcome {
        if (member(site.qualified) == "to_thread") return toThread(site, ctx);
        return loopSite(site, ctx);
    }};

}  // namespace anymig::asyncio_to_anyio
