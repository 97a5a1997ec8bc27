// AM102 asyncio-run: asyncio.run(main(a, b)) -> anyio.run(main, a, b). anyio.run takes
// the coroutine function and its positional arguments, never a coroutine object.
#include <optional>

#include "matchers/python/run_summary.h"
#include "matchers/python/semantics.h"
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

// asyncio.run(fn(...)) calls fn before the loop starts; anyio.run(fn, ...) calls it inside the
// loop. Only a coroutine function's call runs none of its code then, so the move is exact only
// for those: "" when `fn` is an undecorated `async def` of this module; else why not, and
// whether that is known (`known`: a plain function, a class, a decorated def) or only not
// proven (an imported or unresolved callee).
std::string notCoroutineFunction(const Context& ctx, TSNode coroCall, bool& known) {
    const python::Semantics& sem = ctx.semantics();
    int f = sem.resolveCall(coroCall);
    std::string name = "`" + ctx.str(field(coroCall, "function")) + "`";
    known = true;
    if (f >= 0) {
        const python::FunctionInfo& info = sem.functions()[static_cast<std::size_t>(f)];
        std::string at = " (line " + std::to_string(python::rowOf(info.node)) + ")";
        if (!info.isAsync)
            return name + at + " is a plain function: asyncio.run() calls it before the event loop starts, "
                               "anyio.run() inside the loop, so its code runs at another time";
        if (is(ctx.syntax.parent(info.node), "decorated_definition"))
            return name + at + " is decorated: the decorator may return a plain function, whose code "
                               "asyncio.run() runs before the event loop starts and anyio.run() inside it";
        return "";
    }
    TSNode callee = field(coroCall, "function");
    // A function of another module of the run: its summary lists the module's async defs.
    if (ctx.run) {
        std::string absolute = python::importedName(ctx.model, callee, ctx.package);
        if (!absolute.empty() && ctx.run->find(absolute).function) return "";
    }
    if (is(callee, "identifier")) {
        const auto* bindings = ctx.model.lookup(ctx.model.scopeOf(coroCall), ctx.str(callee));
        if (bindings && !bindings->empty() && is(ctx.syntax.parent(bindings->back().node), "class_definition"))
            return name + " is a class: asyncio.run() builds the object before the event loop starts, "
                          "anyio.run() inside it";
    }
    known = false;
    return "cannot tell whether " + name + " is a coroutine function (it is not an `async def` of this run's modules): if it is a "
           "plain function returning a coroutine, asyncio.run() runs its code before the event loop starts and "
           "anyio.run() inside it";
}

// asyncio.run()'s own arguments: only the coroutine and `debug=`. debug=X: asyncio.run() sets
// the loop's debug mode to X; anyio.run() passes its asyncio backend's `debug` option to
// asyncio.run() (anyio 3.6.2: `native_run(wrapper(), debug=debug)`; 4.x: the Runner's debug), so
// backend_options={"debug": X} is the same. Without it, below anyio 4.4 a module reading the
// debug mode is kept.
std::optional<Flag> argumentsKept(const Context& ctx, const python::CallArgs& outer, TSNode debug) {
    if (outer.keywords.size() != (isNull(debug) ? 0u : 1u) || outer.hasStar || outer.hasDoubleStar ||
        outer.positional.size() != 1)
        return Flag{SiteStatus::NeedsReview, "asyncio.run() with unusual arguments: migrate by hand"};
    if (std::string read = debugModeRead(ctx); isNull(debug) && !read.empty() && !targetAnyio(ctx).atLeast(4, 4))
        return Flag{SiteStatus::NeedsReview,
                    "asyncio.run() kept: the module reads the event loop's debug mode (" + read +
                        "); before anyio 4.4 (target is " + targetAnyio(ctx).str() +
                        ") anyio.run() turns debug mode off, where asyncio.run() follows PYTHONASYNCIODEBUG and "
                        "-X dev; target anyio 4.4"};
    return std::nullopt;
}

}  // namespace

extern const PyRule kAsyncioRun{
    .info = {.id = "AM102",
     .name = "asyncio-run",
     .category = "run",
     .summary = "Replace asyncio.run(main(...)) with anyio.run(main, ...)",
     .safety = FixSafety::Safe,
     .brief = R"md(`asyncio.run(main(a, b))` → `anyio.run(main, a, b)` when `main` is an `async def` of the run; keywords through `functools.partial`; `debug=X` → `backend_options={"debug": X}`; a plain function, class, decorated def or coroutine object kept (a callee from outside the run only with `--unsafe-fixes`), and below anyio 4.4 a module that reads the loop's debug mode)md",
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
| `asyncio.run(main(a), debug=X)` | `anyio.run(main, a, backend_options={"debug": X})` (anyio's asyncio backend hands `debug` to `asyncio.run()`: 3.6.2 `native_run(wrapper(), debug=debug)`, 4.x the `Runner`'s) |

Only a call of a coroutine function is moved into `anyio.run` (an undecorated `async def` of
the module, a method `self.f` of its class, an `async def` of another module of the run that
the callee is imported from): see Fix safety for why.

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
| needs-review | ``asyncio.run() kept: `main` (line N) is a plain function: asyncio.run() calls it before the event loop starts, anyio.run() inside the loop, so its code runs at another time`` | The callee is a `def` of the module returning a coroutine (bleak's `discover()`, which warns first); likewise ``... `Job` is a class ...`` and ``... `f` (line N) is decorated ...`` (`callee_kinds.py`; behaviour program `run_plain_main_refused.py`: asyncio prints `main called before the loop`, the migration before this check `main called inside the loop`). |
| needs-review | ``asyncio.run() kept: cannot tell whether `entry` is a coroutine function (it is not an `async def` of this run's modules): ... (rewritten with --unsafe-fixes)`` | A function imported from outside the run, a method of an object of unknown class, any other callable expression: rewritten only with `--unsafe-fixes` (`callee_unsafe.py`), and the message then ends `(unsafe fix, opted in: ...)`. |
| needs-review | ``asyncio.run() kept: the module reads the event loop's debug mode (`loop.get_debug` at line N); before anyio 4.4 (target is <version>) anyio.run() turns debug mode off, where asyncio.run() follows PYTHONASYNCIODEBUG and -X dev; target anyio 4.4`` | Below anyio 4.4 `anyio.run()` passes `debug=False` to asyncio (4.4 changed the default to `None`, asyncio's own), so under `PYTHONASYNCIODEBUG=1` or `python -X dev` the loop no longer runs in debug mode. Kept only where the module reads the debug mode (`.get_debug()`, `coroutines._is_debug_mode()`, `sys.flags.dev_mode`: CPython's `test_asyncio_run_debug`); elsewhere only asyncio's own diagnostics differ (slow-callback logs, the debug checks), see Fix safety. Fixtures `debug_mode.py`, `debug_mode_4_4.py`. |
| needs-review | `asyncio.run() with unusual arguments: migrate by hand` | `asyncio.run` itself is called with other keywords (e.g. `loop_factory=`), `*`/`**` unpacking, or not exactly one positional argument. |

From `test-inputs/python/asyncio-run/flagged.py`:

```python
@fixture flagged.expected.py 1-12
```

```text
10:1: AM102 [fixed] asyncio.run(main(...)) -> anyio.run(main): anyio.run takes the function, not a coroutine; debug= -> backend_options={"debug": ...} (anyio hands it to asyncio.run())
11:1: AM102 [needs-review] asyncio.run(coro) is given a coroutine object; anyio.run() needs the coroutine function and its arguments: anyio.run(func, *args)
```

## Fix safety

Safe for the sites it rewrites: the coroutine function is called with the same arguments,
evaluated in the same order, and its result returned. `main(...)` is now called by
`anyio.run` inside the event loop instead of just before it. For a coroutine function that
call runs none of its code (it only creates the coroutine), so nothing changes; for a plain
function returning a coroutine its code runs inside the loop, which is observable
(`asyncio.get_running_loop()` succeeds there, a `warnings.warn(..., stacklevel=2)` names
anyio's frame: behaviour program `run_plain_main_refused.py`). So the rule rewrites only
calls of the module's own undecorated `async def`s (and `self.f` methods of the enclosing
class) and of `async def`s imported from another module of the run (**assumed** there: a
decorator does not turn one into a plain function; the run's summaries list async defs, not
their decorators); it keeps a plain function, a class or a decorated function of the module,
and rewrites any other callee (a library's, an object's method) only with `--unsafe-fixes`.

`debug=X` is passed on exactly (`debug_flag.py`, behaviour program `run_debug.py`); the
behaviour-test launcher hands `backend_options` to the asyncio backend only, as a program
run on trio has no loop debug mode.

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
        TSNode debug = outer.keyword("debug", ctx.syntax);
        if (std::optional<Flag> f = argumentsKept(ctx, outer, debug)) return *f;
        TSNode coro = outer.positional[0];
        if (!is(coro, "call") || !is(field(coro, "arguments"), "argument_list"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.run(coro) is given a coroutine object; anyio.run() needs the coroutine function "
                        "and its arguments: anyio.run(func, *args)"};
        bool known = false;
        std::string notCoroutine = notCoroutineFunction(ctx, coro, known);
        if (!notCoroutine.empty() && (known || !ctx.unsafeFixes()))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.run() kept: " + notCoroutine + (known ? "" : " (rewritten with --unsafe-fixes)")};
        TSNode fn = field(coro, "function");
        TSNode inner = field(coro, "arguments");
        python::CallArgs ia = ctx.args(inner);
        Rewrite r;
        r.fix.edits.push_back(replaceNode(site.callee, "anyio.run"));
        if (!isNull(debug))  // after the coroutine: `, debug=X` -> `, backend_options={"debug": X}`
            r.fix.edits.push_back(replaceNode(debug, "backend_options={\"debug\": " + ctx.str(field(debug, "value")) + "}"));
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
        if (!isNull(debug))
            r.message += "; debug= -> backend_options={\"debug\": ...} (anyio hands it to asyncio.run())";
        if (!notCoroutine.empty()) r.message += " (unsafe fix, opted in: " + notCoroutine + ")";
        return r;
    }};

}  // namespace anymig::asyncio_to_anyio
