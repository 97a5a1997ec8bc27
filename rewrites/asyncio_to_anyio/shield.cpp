// AM206 shield: `await asyncio.shield(aw)` as a whole statement -> the await inside
// `with anyio.CancelScope(shield=True):`, followed by `await anyio.lowlevel.checkpoint()` so
// that a cancellation (or an expired fail_after deadline) that arrived during the shielded
// work is delivered right after it, as asyncio does, on every anyio version. An awaited shield
// inside a larger expression calls the generated module helper `_anymig_shield(aw)` (the same
// statements in a function). The round's check (cancellation.cpp) backs the rewrite out while
// the module still cancels through asyncio: anyio's shield does not stop that.
#include "matchers/python/guards.h"
#include "rewrites/asyncio_to_anyio/helpers.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

using namespace structured;

namespace {

// Awaited directly, inside a larger expression, where the module helper's name is free.
python::Guard awaitedInExpression() {
    return {"awaited inside an expression, helper name free", [](const CallSite& site, const Context& ctx) {
                return is(ctx.syntax.parent(site.call), "await") &&
                       helperNameBlocked(ctx, site.call, kShieldHelper).empty();
            }};
}

Outcome expressionHelper(const CallSite& site, Context& ctx) {
    return callHelper(site, ctx, kShieldHelper,
                      "asyncio.shield(aw) -> _anymig_shield(aw), a generated module helper that awaits aw in "
                      "`with anyio.CancelScope(shield=True):`, then checkpoints");
}

Outcome notAStatement(const CallSite& site, Context& ctx) {
    return Flag{SiteStatus::NeedsReview,
                "asyncio.shield() kept: " + notStatementReason(ctx, site.call) +
                    "; use `with anyio.CancelScope(shield=True): value = await aw` and use `value` after "
                    "the block (note: anyio shields the current task, it starts no new task)"};
}

Outcome shieldStatement(const CallSite& site, Context& ctx) {
    AwaitStatement stmt = *awaitStatement(ctx, site.call);
    std::set<std::string> taken;
    std::string hoist = stmt.kind == AwaitStatement::Return ? freshName(ctx, site.call, "result", taken) : "";
    Rewrite r;
    r.fix.edits = wrapAwaitStatement(ctx, stmt, site.call, ctx.args(site.arguments).positional[0],
                                     "with anyio.CancelScope(shield=True)", hoist, {"await anyio.lowlevel.checkpoint()"});
    r.fix.imports.push_back("anyio");
    r.message = "await asyncio.shield(aw) -> with anyio.CancelScope(shield=True): await aw, then a checkpoint "
                "(the awaitable now runs in the current task; a cancellation waits until it finishes)";
    return r;
}

}  // namespace

extern const PyRule kShield{
    .info = {.id = "AM206",
    .name = "shield",
    .category = "shield",
    .summary = "Replace statement-level await asyncio.shield(aw) with a shielded anyio.CancelScope",
    .safety = FixSafety::Conditional,
    .brief = R"md(statement-level `await asyncio.shield(aw)` → `with anyio.CancelScope(shield=True): await aw` followed by `await anyio.lowlevel.checkpoint()`; awaited inside an expression → `await _anymig_shield(aw)` (generated helper); refused, naming the site, while the module, or a module of the run that calls it (directly or through other modules), still cancels through asyncio in a way that may reach it (a kept `wait_for`/`create_task`/`ensure_future`/`gather`/`wait` of a call that reaches it, a kept `asyncio.timeout`, or a library timeout of the pack's table `native_cancellers.def` (async-timeout's `async_timeout.timeout`, aiohttp's `ceil_timeout`, ...), whose body does, a library call of that table running a call that reaches it (asyncpg's `compat.wait_for`), a task started on a loop object, a program runner (`asyncio.run`, `anyio.run`, `asyncio.Runner`: a Ctrl-C cancels the main task natively from Python 3.11) whose main coroutine keeps running after that cancellation, a call to another module's function that cancels through asyncio, `task.cancel()` or `task.cancel` handed on as a value; a loop callback handle's `.cancel()` is no task cancellation); other uses are flagged)md",
    .doc = R"md(
## What it does

Rewrites a whole-statement `await asyncio.shield(aw)` (bare, assigned, or returned) into
`with anyio.CancelScope(shield=True):` around `await aw`, followed by `await anyio.lowlevel.checkpoint()`.
A `return await asyncio.shield(aw)` assigns `result` inside the block, checkpoints, and returns it.
An awaited shield inside a larger expression (`print(await asyncio.shield(save()))`, a
comprehension) becomes `await _anymig_shield(aw)`, a module-level helper generated once per
module after the imports (the same statements in a function; removed again when no call is left).

**Refused while asyncio still cancels.** anyio's shield stops anyio cancellation only; a native
asyncio cancellation (`task.cancel()`, a kept `asyncio.wait_for`/`asyncio.timeout`, a kept
`create_task`/`ensure_future`/`TaskGroup` whose task can be cancelled) goes straight through it
and cancels the shielded work that asyncio's shield protected. So after every other rule has run
in a round, a shield rewrite is backed out while the module keeps any such site, and the flag
names it (`... the module still cancels through asyncio (asyncio.create_task kept at line 20) ...`).
Calls to `.cancel()` on anyio scopes (`tg.cancel_scope.cancel()`, `scope.cancel()` of a
`with anyio.CancelScope() as scope:`) are not asyncio sources, nor is `.cancel()` on a loop
callback's handle: a local name or `self.<attr>` (in the same class) every assignment of which is
`<loop>.call_later/call_at/call_soon/call_soon_threadsafe(...)` or `None` (a `TimerHandle`: its
`cancel()` unschedules a callback and cancels no task; any other binding of it and it counts).

**Only what may reach the shield.** A kept `asyncio.wait_for(c(...), t)` cancels only the code
`c(...)` runs, a kept `create_task(c(...))`/`ensure_future(c(...))`/`loop.create_task(c(...))`
only its task's code, a kept `async with asyncio.timeout(t):` only its body: such a source refuses
the shield only when that code may reach the shield's function: calls the model resolves, a
method called on an object whose class cannot be told by every method of that name in the module,
and a call into another module of the run that may call back into this one (its summary calls a
function of this module or a method named like one of it), when in doubt it reaches
(`precise_cancellers.py`: a timer handle, a kept heartbeat task and a kept wait_for that reach no
shield leave it migrated; behaviour program `shield_timer_handle.py`). A kept `asyncio.gather(c(), ...)`, `asyncio.wait([...])` or
`asyncio.as_completed([...])` runs each awaitable in a task and cancels those natively when it is
cancelled itself — by anyio's scopes too, which cancel the waiting task — so each argument's code
counts (behaviour program `gather_shield_refused.py`: before this the shield under a kept
`gather(..., return_exceptions=True)` was migrated and the order it protects was lost). A
`.cancel()` on anything else, a kept `TaskGroup`, or a task of something other than a call refuses
every shield of the module (`handle_not_timer.py`). async-timeout's `async_timeout.timeout(t)` /
`timeout_at(t)` (aiohttp's and redis's timeouts) cancel their task natively like
`asyncio.timeout`: their body counts (`third_party_cancellers.py`; behaviour program
`async_timeout_shield_refused.py`). The model never reads a library outside the run, so the
library functions known to cancel natively are listed in the pack's table
`rewrites/asyncio_to_anyio/native_cancellers.def`, each as a context manager whose body it cancels
(async-timeout's `timeout`/`timeout_at`, aiohttp's `helpers.ceil_timeout`, websockets' copy of
async-timeout) or as a function running its first argument (asyncpg's `compat.wait_for`)
(`library_cancellers.py`; behaviour program `library_timeout_shield_refused.py`: before the table
the shield under aiohttp's `ceil_timeout` was migrated and the commit it protects was lost). A `.cancel` handed on as a value (`loop.call_later(t,
task.cancel)`) counts as a call would, by what the object holds (`cancel_handed_on.py`,
`cancel_handed_on_precise.py`; behaviour program `cancel_handed_on_shield_refused.py`): before
these two the shield was migrated and the commit it protects was lost. A call to a function of another module of the run that still
cancels through asyncio after its own round (a driver's `compat.wait_for(coro, t)` wrapping
`asyncio.wait_for`) is a source too, for the code the call hands it
(``the module still cancels through asyncio (`compat.wait_for()` at line 34, which cancels through
asyncio in compat.py (asyncio.ensure_future kept at line 8 there))``; behaviour program
`cross_module_wrapper_shield_refused/`: before this check the shield was migrated there and the
connection it protects was lost). Such a call entered by a `with` (`async with
helpers.request_timeout(t):`, a sync wrapper returning async-timeout's timeout, as aiohttp's
`ceil_timeout` is) counts for the body of the `with`, whatever the name is in that module
(behaviour program `cross_module_timeout_wrapper_shield_refused/`: before this the shield was
migrated and the commit lost).

**Ctrl-C.** From Python 3.11, `asyncio.run(main())` (and `anyio.run(main)` on the asyncio
backend, which is `asyncio.run`, and an `asyncio.Runner` entered by a `with`) cancels the main
task natively on SIGINT. That changes what a migrated shield in the main task's code does only
when the main task keeps running after the cancellation reached it: asyncio's shield lets the
shielded task finish while a handler reached from the main coroutine awaits a graceful shutdown
(or swallows the cancellation and carries on); anyio's shield does not stop the native
cancellation, so the shielded work is lost. Without such a handler the runner's shutdown cancels
every task left, asyncio's shielded one included, at once: nothing differs and the runner does not
count. So the runner is a source, for the code the main coroutine runs, when a handler reached
from it in the module catches the cancellation and awaits or swallows it (flag: ``(asyncio.run at
line 44: from Python 3.11 a Ctrl-C cancels its main task natively, and the cancellation handler at
line 37 in `main` awaits (line 39) meanwhile)``; `runner_interrupt.py`; behaviour programs
`interrupt_shutdown_shield_refused.py`, where before this the commit was lost on Ctrl-C, and
`interrupt_shield.py`, migrated). A handler in another module of the run that the main coroutine
reaches counts too: the run's first pass records, per async function, the first such handler it
reaches (``from Python 3.11 a Ctrl-C cancels its main task natively, and `server.serve` of another
module of this run (in server.py: the cancellation handler at line 11 in `serve` awaits (line 13))
meanwhile``; behaviour program `cross_module_interrupt_shield_refused/`: runner, handler and shield
in three modules, the commit lost on Ctrl-C before this). Across modules, for a run over
several files: the run's first pass summarises every module; a module that calls the function the
shield is in (or a module function that reaches it), through an import, and still cancels
through asyncio after its own first round backs the shield out too, naming that file, its call's
line and its source (``asyncio.shield() kept: `store.save` is called from src/main.py (line 15),
which still cancels through asyncio (asyncio.create_task kept at line 15 there) ...``; behaviour
program `cross_module_shield_refused/`). Callers are followed through other modules' functions
too (main.py cancels a task running `worker.run_job`, which calls `store.save`:
`cross_module_shield_chain_refused/`), and a method the shield runs in also by its name, called
on an object whose class cannot be told. With no canceller left in any of them the shield is
migrated (`cross_module_shield/`: a request timeout migrated in main.py, the order write shielded
in orders.py).

## Why

`asyncio.shield` only runs on asyncio. The checkpoint handles a trap: when a cancellation (or an
expired `fail_after` deadline) arrives during the shielded work, asyncio raises at once; without the
checkpoint anyio 4 would not deliver it at all after the shielded block (anyio 3.6.2 raises
`TimeoutError` anyway), so the checkpoint delivers it right after the block on every version.

## Example

From `test-inputs/python/shield/basic.py`:

```python
@fixture basic.py 9-13
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 9-20
```


## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | `asyncio.shield() kept: the module still cancels through asyncio (<site> at line N), and anyio's shield does not stop an asyncio cancellation; migrate that site first` | See above (`asyncio_cancellers.py`, behaviour program `shield_refused.py`). |
| needs-review | `asyncio.shield() kept: a timeout may cancel it (<site> at line N): asyncio's shield then releases the caller at once ...` | An anyio timeout of the module reaches the shield; see Fix safety (`under_timeout.py`, behaviour program `shield_under_timeout_refused.py`). |
| needs-review | `asyncio.shield() kept: its result is not awaited directly; ...` | The shielded future is stored or passed on. |
| needs-review | `asyncio.shield(...) has comments inside its arguments: ...`, unusual arguments, outside an async function | Cannot be proven equivalent. |

From `test-inputs/python/shield/flagged.py` (`flagged.expected.txt`):

```text
6:20: AM206 [fixed] asyncio.shield(aw) -> _anymig_shield(aw), a generated module helper that awaits aw in `with anyio.CancelScope(shield=True):`, then checkpoints (the awaited value is used inside a larger expression)
14:12: AM206 [needs-review] asyncio.shield() kept: its result is not awaited directly; use `with anyio.CancelScope(shield=True): value = await aw` and use `value` after the block (note: anyio shields the current task, it starts no new task)
20:38: AM206 [needs-review] asyncio.shield() kept: its result is not awaited directly; use `with anyio.CancelScope(shield=True): value = await aw` and use `value` after the block (note: anyio shields the current task, it starts no new task)
22:11: AM206 [needs-review] asyncio.shield(...) has comments inside its arguments: migrate by hand to `with anyio.CancelScope(shield=True): await aw` so they are kept
29:12: AM206 [needs-review] asyncio.shield() outside an async function: migrate by hand
```

## Fix safety

Safe under stated conditions: the call is awaited in an async function and the module has no asyncio
cancellation source left after the round, nor does a module of the run that calls it through an
import, directly or through other modules' functions (all checked; a function code outside the run
may call makes the fix unsafe, below), and no anyio timeout of the module may cancel it
(checked, below).

**When the caller sees the cancellation.** asyncio runs the shielded awaitable as a task of its own
and, when the caller is cancelled, raises in the caller at once while the work goes on; anyio
shields the current task, so the caller sees the cancellation only once the work is done (at the
added checkpoint). A request timeout around a shielded write is then seen only after the write
(behaviour program `shield_under_timeout_refused.py`: asyncio prints `['request timed out', 'saved
7']`, the old migration `['saved 7', 'request timed out']`). So a shield that an anyio timeout of
the module may cancel is kept: a `wait_for`/`timeout` this round rewrites to `fail_after`, a `with
anyio.fail_after/move_on_after/fail_at/move_on_at` already in the source, a call of the generated
`_anymig_wait_for` helper, whose code reaches the shield (followed as for the asyncio sources
above): ``asyncio.shield() kept: a timeout may cancel it (`anyio.fail_after` at line 25): asyncio's
shield then releases the caller at once ...`` (fixtures `under_timeout.py`, `kept_wait_for.py`).
An anyio task group of the module whose cancellation (a failing task, `tg.cancel_scope.cancel()`)
may reach the shield is treated the same (an `async with anyio.create_task_group()` in the source,
or a task group AM201/AM204/AM205 write this round): ``asyncio.shield() kept: an anyio task group
may cancel it (`anyio.create_task_group()` at line 28): ...`` (fixture `task_group.py`; behaviour
program `shield_task_group_refused.py`: asyncio prints `['writer cancelled', 'group failed: disk
full', 'saved']`, the old migration `['saved', 'writer cancelled', 'group failed: disk full']`).
**Code outside the run.** A shield in a function that code outside the run may call (and cancel),
or in one such a function reaches through the module's calls, is an unsafe fix: the function is
registered by a decorator (not staticmethod/classmethod/property/abstractmethod), handed on as a
value (a callback; not to `anyio.run`/`trio.run`/`tg.start_soon`/`tg.start`, checked above), a
protocol method (`__aexit__`, ...), or public with no call in the module nor in a module of the run
that imports it (a public function the run calls is taken as the run's own). Such a caller may
cancel natively, which anyio's shield does not stop (the work is lost), or through anyio (the caller
is released only when the work is done): ``asyncio.shield() kept: `handle` is handed on as a value
(line 27), and the code it is handed to may call it, so it may be called, and cancelled, by code
outside the run: ... (rewritten with --unsafe-fixes)``; with `--unsafe-fixes` rewritten, the message
ending `(unsafe fix, opted in: ...)` (fixture `outside_caller.py`; behaviour program
`shield_outside_caller_refused/`, a framework excluded from the run cancels the handler: asyncio
prints `['handler cancelled', 'saved']`, the old migration `['handler cancelled']`).
When `anyio` (or `functools`) is bound to something else at the site, the site is reported as needs-review instead (see [AM001 imports](imports.md)). Generated local names (`tg`, `results`, `store_result`, ...) are chosen so they are used nowhere else in the function (`tg2`, ... otherwise).

## Target versions

None: the output is the same for every `--target-anyio` (CancelScope(shield=True) and
`anyio.lowlevel.checkpoint()` exist since anyio 3.0) and `--target-python`.
)md"},
    .calls = {"asyncio.shield"},
    .cases = {
        {.name = "unusual arguments",
         .unless = {python::positionalArgs(1)},
         .then = python::flag(SiteStatus::NeedsReview, "asyncio.shield() with unusual arguments: migrate by hand to "
                                                       "`with anyio.CancelScope(shield=True): await aw`")},
        {.name = "comments inside the arguments",
         .unless = {python::noCommentsInArgs()},
         .then = python::flag(SiteStatus::NeedsReview,
                              "asyncio.shield(...) has comments inside its arguments: migrate by hand to "
                              "`with anyio.CancelScope(shield=True): await aw` so they are kept")},
        {.name = "outside async def",
         .unless = {python::inAsyncDef()},
         .then = python::flag(SiteStatus::NeedsReview, "asyncio.shield() outside an async function: migrate by hand")},
        {.name = "awaited inside an expression",
         .when = {awaitedInExpression()},
         .unless = {statementLevelAwait()},
         .then = expressionHelper},
        {.name = "not a whole-statement await", .unless = {statementLevelAwait()}, .then = notAStatement},
        {.name = "statement-level await", .then = shieldStatement},
    }};

}  // namespace anymig::asyncio_to_anyio
