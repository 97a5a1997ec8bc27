// AM102 asyncio-run: asyncio.run(main(a, b)) -> anyio.run(main, a, b). anyio.run takes
// the coroutine function and its positional arguments, never a coroutine object.
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

// Where the module reads the event loop's debug mode: `<loop>.get_debug()`, asyncio's
// `coroutines._is_debug_mode()`, `sys.flags.dev_mode`: "`text` at line N", or "".
std::string debugModeRead(const Context& ctx) {
    for (TSNode n : ctx.syntax.nodesOfType("attribute")) {
        std::string_view m = ctx.text(field(n, "attribute"));
        if (m == "get_debug" || m == "_is_debug_mode" || (m == "dev_mode" && ctx.text(field(n, "object")) == "sys.flags"))
            return "`" + ctx.str(n) + "` at line " + std::to_string(python::rowOf(n));
    }
    return {};
}

}  // namespace

extern const PyRule kAsyncioRun{
    .info = {.id = "AM102",
     .name = "asyncio-run",
     .category = "run",
     .summary = "Replace asyncio.run(main(...)) with anyio.run(main, ...)",
     .safety = FixSafety::Safe,
     .brief = R"md(`asyncio.run(main(a, b))` → `anyio.run(main, a, b)`; keywords through `functools.partial`; a coroutine object or `debug=` flagged, and below anyio 4.4 a module that reads the loop's debug mode)md",
     .doc = R"md(
## What it does

Rewrites `asyncio.run(main(...))` to `anyio.run(main, ...)`. `anyio.run` takes the coroutine
*function* and its positional arguments, so the call's arguments move:

| Before | After |
|---|---|
| `asyncio.run(main())` | `anyio.run(main)` |
| `asyncio.run(main(a, b))` | `anyio.run(main, a, b)` |
| `asyncio.run(main(*args))` | `anyio.run(main, *args)` |
| `asyncio.run(main(1, b=5))` | `anyio.run(functools.partial(main, 1, b=5))` (anyio.run passes no keyword arguments; `import functools` is added) |

Multi-line argument lists keep their comments and line breaks. Aliases are resolved
(`from asyncio import run as start`, `import asyncio as aio`); a local function called
`run` is not asyncio's. The return value is kept (`total = anyio.run(...)`): `anyio.run`
returns what the coroutine returns, as `asyncio.run` does.

## Why

This is pattern 3 of the seed's batch report (`asyncio.run(main())` → `anyio.run(main)`),
found in every CLI entry point. The obvious text substitution, `anyio.run(main())`, passes a
coroutine object where a function is expected: it imports fine, passes `py_compile` (the
seed's only verification), and fails the first time the program starts:
`TypeError: 'coroutine' object is not callable`, plus a `coroutine 'main' was never awaited`
warning. The real migration shipped exactly that; this rule never emits it: a site whose
argument is not a call it can split is flagged instead.

## Example

`test-inputs/python/asyncio-run/basic.py`:

```python
@fixture basic.py 1-17
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 1-19
```

```text
9:5: AM102 [fixed] asyncio.run(main(...)) -> anyio.run(main): anyio.run takes the function, not a coroutine
10:5: AM102 [fixed] asyncio.run(main(...)) -> anyio.run(main, ...): anyio.run takes the function, not a coroutine
11:13: AM102 [fixed] asyncio.run(main(..., key=...)) -> anyio.run(functools.partial(main, ..., key=...)): anyio.run passes no keyword arguments
12:5: AM102 [fixed] asyncio.run(main(...)) -> anyio.run(main, ...): anyio.run takes the function, not a coroutine
17:5: AM102 [fixed] asyncio.run(main(...)) -> anyio.run(main, ...): anyio.run takes the function, not a coroutine
```

## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | `asyncio.run(coro) is given a coroutine object; anyio.run() needs the coroutine function and its arguments: anyio.run(func, *args)` | The argument is not a call (e.g. `coro = main(); asyncio.run(coro)`): the function and its arguments cannot be recovered from the coroutine object. |
| needs-review | `asyncio.run(..., debug=...): anyio has no portable debug switch; use anyio.run(main, backend_options={"debug": True}) on the asyncio backend only` | `debug=` is an asyncio event-loop option; trio has no equivalent. |
| needs-review | ``asyncio.run() kept: the module reads the event loop's debug mode (`loop.get_debug` at line N); before anyio 4.4 (target is <version>) anyio.run() turns debug mode off, where asyncio.run() follows PYTHONASYNCIODEBUG and -X dev; target anyio 4.4`` | Below anyio 4.4 `anyio.run()` passes `debug=False` to asyncio (4.4 changed the default to `None`, asyncio's own), so under `PYTHONASYNCIODEBUG=1` or `python -X dev` the loop no longer runs in debug mode. Kept only where the module reads the debug mode (`.get_debug()`, `coroutines._is_debug_mode()`, `sys.flags.dev_mode`: CPython's `test_asyncio_run_debug`); elsewhere only asyncio's own diagnostics differ (slow-callback logs, the debug checks), see Fix safety. Fixtures `debug_mode.py`, `debug_mode_4_4.py`. |
| needs-review | `asyncio.run() with unusual arguments: migrate by hand` | `asyncio.run` itself is called with other keywords (e.g. `loop_factory=`), `*`/`**` unpacking, or not exactly one positional argument. |

From `test-inputs/python/asyncio-run/flagged.py`:

```python
@fixture flagged.expected.py 1-10
```

```text
9:1: AM102 [needs-review] asyncio.run(coro) is given a coroutine object; anyio.run() needs the coroutine function and its arguments: anyio.run(func, *args)
10:1: AM102 [needs-review] asyncio.run(..., debug=...): anyio has no portable debug switch; use anyio.run(main, backend_options={"debug": True}) on the asyncio backend only
```

## Fix safety

Always safe for the sites it rewrites: the coroutine function is called with the same
arguments, evaluated in the same order, and its result returned. The one observable
difference is timing: `main(...)` is now called by `anyio.run` inside the event loop
instead of just before it, which only matters if `main` is a plain function that does work
before returning a coroutine.

Debug mode: before anyio 4.4, `anyio.run()` runs the loop with `debug=False`, while
`asyncio.run()` leaves it to `PYTHONASYNCIODEBUG` and `-X dev`. A module that reads the debug
mode keeps `asyncio.run()` (flag above); anywhere else, under those switches, asyncio's own debug
diagnostics (slow-callback warnings, the thread-safety and never-awaited checks) are off after the
migration. Target anyio 4.4, or pass `backend_options={"debug": True}` while debugging.

## Target versions

`--target-anyio` (or `anyio>=X` in `pyproject.toml`; default 4.0):

- ≥ 4.4: a module that reads the loop's debug mode is migrated too (`anyio.run()` follows
  asyncio's default there); `debug_mode_4_4.py` runs with `--target-anyio 4.4`.

(anyio 4.14 also accepts callables returning any awaitable; the rewrite does not depend on it.)
)md"},
    .calls = {"asyncio.run"},
    .onCall = [](const CallSite& site, Context& ctx) -> Outcome {
        python::CallArgs outer = ctx.args(site.arguments);
        if (!isNull(outer.keyword("debug", ctx.syntax)))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.run(..., debug=...): anyio has no portable debug switch; use "
                        "anyio.run(main, backend_options={\"debug\": True}) on the asyncio backend only"};
        if (!outer.keywords.empty() || outer.hasStar || outer.hasDoubleStar || outer.positional.size() != 1)
            return Flag{SiteStatus::NeedsReview, "asyncio.run() with unusual arguments: migrate by hand"};
        if (std::string read = debugModeRead(ctx); !read.empty() && !targetAnyio(ctx).atLeast(4, 4))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.run() kept: the module reads the event loop's debug mode (" + read +
                            "); before anyio 4.4 (target is " + targetAnyio(ctx).str() +
                            ") anyio.run() turns debug mode off, where asyncio.run() follows PYTHONASYNCIODEBUG and "
                            "-X dev; target anyio 4.4"};
        TSNode coro = outer.positional[0];
        if (!is(coro, "call") || !is(field(coro, "arguments"), "argument_list"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.run(coro) is given a coroutine object; anyio.run() needs the coroutine function "
                        "and its arguments: anyio.run(func, *args)"};
        TSNode fn = field(coro, "function");
        TSNode inner = field(coro, "arguments");
        python::CallArgs ia = ctx.args(inner);
        Rewrite r;
        r.fix.edits.push_back(replaceNode(site.callee, "anyio.run"));
        r.fix.imports.push_back("anyio");
        // The argument list's parentheses: "(" at its start, ")" at its end.
        std::size_t open = python::beginOf(inner), close = python::endOf(inner) - 1;
        bool empty = ia.positional.empty() && ia.keywords.empty() && !ia.hasStar && !ia.hasDoubleStar;
        if (ia.keywords.empty() && !ia.hasDoubleStar) {
            if (empty) {
                r.fix.edits.push_back(replaceRange(open, close + 1, ""));  // main() -> main
            } else {
                // main(a, b) -> main, a, b (no trailing space when the arguments start on the next line)
                const std::string& t = ctx.source.text();
                bool lineBreak = open + 1 < t.size() && (t[open + 1] == '\n' || t[open + 1] == '\r');
                r.fix.edits.push_back(replaceRange(open, open + 1, lineBreak ? "," : ", "));
                r.fix.edits.push_back(replaceRange(close, close + 1, ""));
            }
            r.message = "asyncio.run(" + ctx.str(fn) + "(...)) -> anyio.run(" + ctx.str(fn) +
                        (empty ? ")" : ", ...)") + ": anyio.run takes the function, not a coroutine";
        } else {
            // Keyword arguments cannot be passed through anyio.run: bind them with functools.partial.
            r.fix.edits.push_back(replaceRange(python::beginOf(fn), python::beginOf(fn), "functools.partial("));
            r.fix.edits.push_back(replaceRange(open, open + 1, ", "));
            r.fix.imports.push_back("functools");
            r.message = "asyncio.run(" + ctx.str(fn) + "(..., key=...)) -> anyio.run(functools.partial(" +
                        ctx.str(fn) + ", ..., key=...)): anyio.run passes no keyword arguments";
        }
        return r;
    }};

}  // namespace anymig::asyncio_to_anyio
