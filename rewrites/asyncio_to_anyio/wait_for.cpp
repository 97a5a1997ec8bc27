// AM202 wait-for: `await asyncio.wait_for(aw, t)` as a whole statement (bare, assigned, or
// returned) -> `with anyio.fail_after(t):` around `await aw`. `timeout=None` drops the timeout.
// A wait_for whose value feeds a larger expression becomes a call of the generated module
// helper `_anymig_wait_for(aw, t)` (helpers.cpp), which keeps the evaluation order exactly.
#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>

#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/helpers.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

namespace {

using namespace structured;

bool isTimeoutErrorRef(const python::Reference& r) {
    return r.qualified == "asyncio.TimeoutError" || r.qualified == "asyncio.exceptions.TimeoutError";
}

// A statement-level `await asyncio.wait_for(...)` this rule rewrites (shape only).
bool rewritableShape(const Context& ctx, const python::Reference& r) {
    if (r.qualified != "asyncio.wait_for" && r.qualified != "asyncio.tasks.wait_for") return false;
    TSNode call = ctx.syntax.parent(r.node);
    return is(call, "call") && awaitStatement(ctx, call).has_value();
}

// Before Python 3.11 asyncio.TimeoutError is not the builtin TimeoutError that fail_after raises.
// A surrounding `except asyncio.TimeoutError` keeps working only if the import rule's partner,
// AM106, rewrites it: it does so once nothing else in the try body uses asyncio.
std::string handlerBlocker(const Context& ctx, TSNode call) {
    if (targetPython(ctx).atLeast(3, 11)) return {};
    for (TSNode p = ctx.syntax.parent(call); !isNull(p); p = ctx.syntax.parent(p)) {
        if (is(p, "function_definition") || is(p, "lambda") || is(p, "class_definition")) break;
        // `with self.assertRaises(asyncio.TimeoutError):` / `with pytest.raises(...)` expect
        // asyncio's class, which AM106 does not rewrite outside `except` before 3.11.
        if (is(p, "with_statement")) {
            TSNode clause{};
            for (TSNode c : python::namedChildren(p))
                if (is(c, "with_clause")) clause = c;
            for (const python::Reference* r : ctx.model.referencesTo("asyncio"))
                if (!isNull(clause) && isTimeoutErrorRef(*r) && python::contains(clause, r->node))
                    return "the surrounding `with` (line " + std::to_string(python::rowOf(p)) +
                           ") expects asyncio.TimeoutError, which is not fail_after's builtin TimeoutError before "
                           "Python 3.11 (target is " + targetPython(ctx).str() + "); expect `TimeoutError` there first";
            continue;
        }
        if (!is(p, "try_statement")) continue;
        TSNode body = field(p, "body");
        if (!python::contains(body, call)) continue;
        bool catchesAsyncio = false;
        for (const python::Reference* r : ctx.model.referencesTo("asyncio")) {
            if (!isTimeoutErrorRef(*r) || !python::contains(p, r->node) || python::contains(body, r->node)) continue;
            catchesAsyncio = true;
            // AM106 keeps a handler whose `TimeoutError` would not be the builtin.
            if (std::string why = timeoutNameTaken(ctx, *r); !why.empty())
                return "the surrounding `except` (line " + std::to_string(python::rowOf(r->node)) +
                       ") catches asyncio.TimeoutError, not fail_after's builtin TimeoutError before Python 3.11 "
                       "(target is " + targetPython(ctx).str() + "): " + why;
        }
        if (!catchesAsyncio) continue;
        for (const python::Reference* r : ctx.model.referencesTo("asyncio")) {
            if (!python::contains(body, r->node) || python::contains(call, r->node)) continue;
            if (rewritableShape(ctx, *r)) continue;
            return "the surrounding `except asyncio.TimeoutError` (line " + std::to_string(python::rowOf(p)) +
                   ") would not catch fail_after's builtin TimeoutError before Python 3.11 (target is " +
                   targetPython(ctx).str() + "), and the try body still uses asyncio (line " +
                   std::to_string(python::rowOf(r->node)) + "); catch `TimeoutError` there first";
        }
    }
    return {};
}

// What an asyncio.wait_for() site is, found once; the cases below read it.
struct WaitForPlan {
    const CallSite* site = nullptr;
    python::CallArgs a;
    TSNode aw{}, timeout{};
    std::string unexpectedKeyword;
    std::string blocker;  // a cancellation handler the timeout would reach ("" when none)
    std::optional<AwaitStatement> stmt;
    bool keepOrder = false;  // `with fail_after(t):` would evaluate t before the awaitable's arguments
    std::string ownTask;     // what the awaitable's code reads or sets of its own task ("" when nothing)
};

// Before Python 3.12 asyncio.wait_for runs its coroutine in a task of its own (3.12 awaits it in
// the caller's task, as fail_after does): asyncio.current_task()/all_tasks() there see that task,
// and a ContextVar set there is gone when wait_for returns. The first such use in the awaitable
// or in the module functions it reaches ("`asyncio.current_task` (line N)"), or "".
std::string ownTaskUse(Context& ctx, TSNode aw) {
    const std::vector<std::pair<std::size_t, std::size_t>> ranges = reachedRanges(ctx, aw);
    auto inside = [&](TSNode n) {
        for (const auto& [b, e] : ranges)
            if (python::beginOf(n) >= b && python::endOf(n) <= e) return true;
        return false;
    };
    static const std::set<std::string> identity = {"asyncio.current_task", "asyncio.all_tasks",
                                                   "asyncio.tasks.current_task", "asyncio.tasks.all_tasks",
                                                   "anyio.get_current_task", "anyio.get_running_tasks"};
    for (const char* module : {"asyncio", "anyio"})
        for (const python::Reference* r : ctx.model.referencesTo(module))
            if (identity.count(ctx.canonical(r->qualified)) && inside(r->node))
                return "`" + ctx.str(r->node) + "` (line " + std::to_string(python::rowOf(r->node)) + ")";
    // Module-level context variables set in reach.
    return contextVarCall(ctx, ranges, {"set", "reset"});
}

// Whether the awaitable is a call whose function and arguments are all side-effect free.
bool pureCall(TSNode aw) {
    if (!is(aw, "call") || !isPure(field(aw, "function"))) return false;
    for (TSNode c : python::namedChildren(field(aw, "arguments")))
        if (!isPure(c) && !(is(c, "keyword_argument") && isPure(field(c, "value")))) return false;
    return true;
}

std::optional<WaitForPlan> planWaitFor(const CallSite& site, Context& ctx) {
    WaitForPlan w;
    w.site = &site;
    w.a = ctx.args(site.arguments);
    w.timeout = w.a.positional.size() > 1 ? w.a.positional[1] : TSNode{};
    for (TSNode k : w.a.keywords) {
        if (ctx.text(field(k, "name")) == "timeout" && isNull(w.timeout)) w.timeout = field(k, "value");
        else if (w.unexpectedKeyword.empty()) w.unexpectedKeyword = ctx.str(field(k, "name"));
    }
    if (!w.a.positional.empty()) w.aw = w.a.positional[0];
    if (isNull(w.aw) || isNull(w.timeout) || is(w.timeout, "none")) return w;
    w.blocker = handlerBlocker(ctx, site.call);
    w.stmt = awaitStatement(ctx, site.call);
    w.keepOrder = !isPure(w.timeout) && !pureCall(w.aw);
    if (!targetPython(ctx).atLeast(3, 12)) w.ownTask = ownTaskUse(ctx, w.aw);
    return w;
}

Outcome failAfter(const WaitForPlan& w, Context& ctx) {
    Rewrite r;
    r.fix.edits = wrapAwaitStatement(ctx, *w.stmt, w.site->call, w.aw, "with anyio.fail_after(" + ctx.str(w.timeout) + ")", "", {});
    r.fix.imports.push_back("anyio");
    r.message = "await asyncio.wait_for(aw, t) -> with anyio.fail_after(t): await aw (raises TimeoutError)";
    return r;
}

using P = WaitForPlan;

Outcome review(const std::string& why) { return Flag{SiteStatus::NeedsReview, why}; }

// The timeout is a number literal <= 0 (`0`, `0.0`, `-1`); other literals and expressions: false.
bool atMostZero(const Context& ctx, TSNode t) {
    bool negative = is(t, "unary_operator") && ctx.text(field(t, "operator")) == "-";
    if (negative) t = field(t, "argument");
    if (!is(t, "integer") && !is(t, "float")) return false;
    std::string text = ctx.str(t);
    text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
    try {
        return negative || std::stod(text) <= 0;
    } catch (const std::exception&) {
        return false;  // hex/octal/binary literals, complex: not decided here
    }
}

// The cases, in order. Long on purpose: a table of the cases, in order, one entry per case.
std::vector<PlanCase<P>> waitForCases() {
    return {
        {"*args/**kwargs", [](const P& w, const Context&) { return w.a.hasStar || w.a.hasDoubleStar; },
         [](const P&, Context&) {
             return review("asyncio.wait_for(*args/**kwargs): migrate by hand to `with anyio.fail_after(t): await aw`");
         }},
        {"comments inside the arguments", [](const P& w, const Context&) { return w.a.hasComment; },
         [](const P&, Context&) {
             return review("asyncio.wait_for(...) has comments inside its arguments: migrate by hand to "
                           "`with anyio.fail_after(t): await aw` so they are kept");
         }},
        {"an unexpected keyword", [](const P& w, const Context&) { return !w.unexpectedKeyword.empty(); },
         [](const P& w, Context&) {
             return review("asyncio.wait_for() with the unexpected argument `" + w.unexpectedKeyword + "=`: migrate by hand");
         }},
        {"unusual arguments",
         [](const P& w, const Context&) { return w.a.positional.empty() || w.a.positional.size() > 2 || isNull(w.timeout); },
         [](const P&, Context&) { return review("asyncio.wait_for() with unusual arguments: migrate by hand"); }},
        {"not awaited where it is called", [](const P& w, const Context& ctx) { return !is(ctx.syntax.parent(w.site->call), "await"); },
         [](const P&, Context&) {
             return review("asyncio.wait_for() is not awaited where it is called (its coroutine is stored or passed on): "
                           "anyio's timeout is a `with anyio.fail_after(t):` block around the await");
         }},
        {"outside an async function", [](const P& w, const Context& ctx) { return !inAsyncDef(ctx.syntax, w.site->call); },
         [](const P&, Context&) { return review("asyncio.wait_for() outside an async function: migrate by hand"); }},
        // No timeout: wait_for(aw, None) is just aw.
        {"timeout None", [](const P& w, const Context&) { return is(w.timeout, "none"); },
         [](const P& w, Context&) -> Outcome {
             Rewrite r;
             r.fix.edits.push_back(replaceRange(python::beginOf(w.site->call), python::beginOf(w.aw), ""));
             r.fix.edits.push_back(replaceRange(python::endOf(w.aw), python::endOf(w.site->call), ""));
             r.message = "asyncio.wait_for(aw, None) -> aw: a None timeout never expires";
             return r;
         }},
        // asyncio.wait_for(aw, t <= 0) cancels the awaitable's task before it starts (its code before
        // its first await never runs; one that returns without awaiting still times out);
        // fail_after runs it until its first await.
        {"a literal timeout of zero or less", [](const P& w, const Context& ctx) { return atMostZero(ctx, w.timeout); },
         [](const P&, Context&) {
             return review("asyncio.wait_for() kept: a timeout of zero or less makes asyncio time out without starting "
                           "the awaitable (its code before its first await never runs, and one that returns without "
                           "awaiting still times out), while anyio's fail_after runs it until its first await: "
                           "migrate by hand");
         }},
        {"the awaitable uses its own task", [](const P& w, const Context&) { return !w.ownTask.empty(); },
         [](const P& w, Context& ctx) {
             return review("asyncio.wait_for() kept: before Python 3.12 it runs the awaitable in a task of its own, "
                           "and the awaitable's code uses that task: " + w.ownTask +
                           "; fail_after runs it in the caller's task (target Python " + targetPython(ctx).str() + ")");
         }},
        {"a cancellation handler the timeout would reach", [](const P& w, const Context&) { return !w.blocker.empty(); },
         [](const P& w, Context&) { return review("asyncio.wait_for() kept: " + w.blocker); }},
        // In an expression, or when `with fail_after(t):` would evaluate the timeout before the
        // awaitable's arguments: the generated helper keeps the evaluation order exactly.
        {"the helper's name is taken",
         [](const P& w, const Context& ctx) {
             return (!w.stmt || w.keepOrder) && !helperNameBlocked(ctx, w.site->call, kWaitForHelper).empty();
         },
         [](const P& w, Context& ctx) {
             return review("asyncio.wait_for() kept: " +
                           (w.stmt ? "its timeout is evaluated after the awaitable's arguments"
                                   : notStatementReason(ctx, w.site->call)) +
                           ", and " + helperNameBlocked(ctx, w.site->call, kWaitForHelper));
         }},
        {"awaited inside an expression, or argument order to keep", [](const P& w, const Context&) { return !w.stmt || w.keepOrder; },
         [](const P& w, Context& ctx) -> Outcome {
             return callHelper(*w.site, ctx, kWaitForHelper,
                               "asyncio.wait_for(aw, t) -> _anymig_wait_for(aw, t), a generated module helper that runs "
                               "`with anyio.fail_after(t): return await aw`",
                               w.stmt ? "keeps the argument evaluation order" : "");
         }},
        {"a statement-level await", {}, failAfter},
    };
}

}  // namespace

extern const PyRule kWaitFor{
    .info = {.id = "AM202",
     .name = "wait-for",
     .category = "wait-for",
     .summary = "Replace statement-level await asyncio.wait_for(aw, t) with `with anyio.fail_after(t): await aw`",
     .safety = FixSafety::Conditional,
     .brief = R"md(statement-level `await asyncio.wait_for(aw, t)` (bare, assigned, returned) → `with anyio.fail_after(t): await aw`; `timeout=None` → `aw`; inside a larger expression (`print(await wait_for(...))`) → `await _anymig_wait_for(aw, t)`, a module helper generated after the imports (removed when unused); backed out, naming the handler, when code it times out reaches a cancellation handler that awaits unshielded or swallows the cancellation (also in another module of the run, through imports, a class's `__aexit__`, or an object's method matched by name); an `except asyncio.TimeoutError` that would stop matching on Python < 3.11 is flagged)md",
     .doc = R"md(
## What it does

Rewrites a whole-statement `await asyncio.wait_for(aw, t)` (bare, assigned, augmented-assigned, or
returned) into `with anyio.fail_after(t):` around `await aw`. The awaited expression keeps its bytes;
continuation lines are re-indented except inside string literals. `wait_for(aw, None)` (or
`timeout=None`) becomes just `aw`, wherever it is. An awaited `wait_for` inside a larger
expression (`print(await asyncio.wait_for(c(), t))`, comprehensions, call arguments, `a; b`
lines), or one whose timeout and awaitable arguments both have side effects, becomes
`await _anymig_wait_for(aw, t)`: a module-level helper generated once per module, after the
imports, whose body is the statement form:

```python
@fixture flagged.expected.py 6-9
```

The arguments are evaluated in the original order, so the call is exact in any position. The
helper is added only while a call to it exists and removed when none is left (a second run
changes nothing); a module that already binds the name to something else keeps the site
flagged.

**Cancellation consistency.** anyio's timeouts are level-triggered: once the deadline passes,
every `await` inside the scope is cancelled again, while asyncio's `wait_for` cancels the
awaited task once. So a rewrite is kept only if every handler reached from the awaited code
(in the module: plain calls, `self.method()`, `Class.method()`, transitively) behaves the same:
a handler catching the cancellation (`except asyncio.CancelledError`, `except BaseException`,
a bare `except:`, a `finally` block, or the `async def __aexit__` of a module class the code enters
with `async with C(...)`) that awaits outside a shielded scope, or swallows the cancellation, backs
the rewrite out; the flag names that handler's line and function (`aexit_handler.py`). A
`except asyncio.CancelledError:` handler that awaits and re-raises is completed in the same
round by [AM107](cancelled-error.md) (cleanup shielded), so the timeout is then kept.
Across modules: when the run migrates a package (several files), a first pass summarises every
module with async functions (`matchers/python/run_summary.h`), and the check follows calls into
imported functions of the run's other modules (`from .store import commit`, `import jobs;
jobs.fetch()`, `from pkg import mod; mod.f()`, methods of module-level classes as
`mod.C.m`, and on through the modules those import). A handler there that AM107 completes in the
same run is fine; any other one backs the rewrite out, naming the function, the other file and
the handler's line (`test-inputs/behavior/cross_module_refused/`;
`cross_module_cleanup/` is a package migrated exactly).
Methods of objects whose class the model cannot tell (`self.repo.load_page()`, `conn.fetch()` of a
local or a parameter, here or in code it reaches in other modules): when in doubt, refuse. Every
async method of that name, in a class of the module or of a module of the run it imports
(transitively) or that imports it, counts; one reaching such a handler backs the rewrite out,
naming the call and the method (``it calls `self.repo.load_page()` (line 14) on an object whose
class cannot be told, and `repo.Repository.load_page` of another module of this run has that name;
...``; `untyped_method.py`, behaviour programs `cross_module_method_refused/` and
`cross_module_method_cleanup/`, where the injected ledger's handler is completed by AM107 and
the timeouts are migrated). Code outside the run (see Fix safety, "Code outside the run") makes
the fix unsafe. A
surrounding `except asyncio.TimeoutError` keeps
working: `fail_after` raises the builtin `TimeoutError`, and [AM106 timeout-error](timeout-error.md)
rewrites the handler once the try body no longer uses asyncio.

## Why

`asyncio.wait_for` only runs on asyncio. The seed report listed it as "needs migration to
anyio.fail_after()". anyio's timeouts are synchronous `with` blocks (cancel scopes), so the
value must be produced inside the block: `print(await wait_for(c(), t))` would need the value to
escape before the timeout is decided, which is why such sites are flagged rather than rewritten.

## Example

From `test-inputs/python/wait-for/basic.py`:

```python
@fixture basic.py 9-21
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 9-23
```


From `test-inputs/python/wait-for/handlers.py`:

```python
@fixture handlers.py 8-12
```

becomes (`handlers.expected.py`):

```python
@fixture handlers.expected.py 8-13
```


## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | ``asyncio.wait_for() kept: the cancellation handler at line N in `f` swallows the cancellation: ...`` | asyncio's `wait_for` returns what the function returns after a swallowed cancellation; `fail_after` raises `TimeoutError` (`cancellation_handlers.py`). |
| needs-review | ``asyncio.wait_for() kept: the `finally` block at line N in `f` awaits (line M) while the task is being cancelled: ...`` | The cleanup await would be cancelled again by anyio (same for `except BaseException:` / bare `except:` handlers that await, and for ``C.__aexit__ at line N (left by an `async with`)``). |
| needs-review | ``asyncio.wait_for() kept: the surrounding `except asyncio.TimeoutError` (line N) stays because the wait_for at line M in the same try body is kept, ...`` | Before Python 3.11: a neighbour in the same try body was backed out, so the handler stays asyncio's and would not catch `fail_after`'s builtin `TimeoutError` (`kept_neighbour.py`). |
| needs-review | ``asyncio.wait_for() kept: the surrounding `except` (line N) catches asyncio.TimeoutError, not fail_after's builtin TimeoutError before Python 3.11 (target is <version>): `TimeoutError` is asyncio's class here, imported by that name (line M) ...`` | Before Python 3.11: the handler's `TimeoutError` is not the builtin (`from asyncio import TimeoutError`, or another binding of the name), so [AM106](timeout-error.md) keeps it and it would not catch `fail_after`'s timeout (`timeout_imported_by_name.py`, slixmpp's `waiter.py`). |
| needs-review | ``asyncio.wait_for() kept: the awaited value is used inside a larger expression, and the helper name `_anymig_wait_for` is bound to something else here`` | The helper's name is taken (`helper_name_taken.py`). |
| needs-review | ``asyncio.wait_for() kept: it runs in the `finally` block at line N in `f`, while asyncio may be cancelling the task (asyncio.timeout kept at line M reaches its try body); ...`` | The site is in cleanup code (a `finally`, a handler catching the cancellation, or a module function called from one) whose try body a native asyncio cancellation may reach (a kept `wait_for`/`timeout`, a kept task, a `.cancel()`). During that cancellation asyncio's own timeout gives way to the pending cancellation, while anyio's `fail_after` raises `TimeoutError` and leaves its cancel request on the task, so an enclosing `asyncio.timeout` then ends in `CancelledError` instead of `TimeoutError` (CPython's `test_timeouts.py` `test_nested_timeout_in_finally`; fixture `timeouts/in_cleanup.py`, behaviour program `timeout_in_cleanup_refused.py`). Migrate that canceller first; the check is repeated after each backed-out site. |
| needs-review | ``asyncio.wait_for() kept: the cancellation handler at line N in `f` may raise an exception of its own (`what` (line M)[, a call the model cannot follow][, which may raise (...)]) while the task is being cancelled: below anyio 4.0 (target X) fail_after replaces any exception leaving its block after the deadline with TimeoutError, ...`` | Only with `--target-anyio` below 4.0: anyio 3.x's `fail_after` raises `TimeoutError` whenever its deadline passed, replacing an exception that a `finally` or cancellation handler reached from the block raised during the cancellation (`raise ConnectionAbortedError(...)`, `1 / 0`); asyncio's `wait_for` and `timeout` let it through. Counted, in the handler's block and in the module functions it calls (and those they reach), outside the body of a `try` that catches everything (bare `except:`, `except Exception`/`BaseException`): `raise X` (not a bare `raise` or `raise e` of the caught name), `assert`, an expression statement that is not a call, await, assignment, literal or name, and every call the model cannot follow into the module (a library function, a method of an object whose class it cannot tell: ``the `finally` block at line 55 in `calls_unknown` may raise an exception of its own (`conn.close()` (line 56), a call the model cannot follow)``). Known not to raise: a logging call (`logging.info(...)`, `log.warning(...)` on a module-level `log = logging.getLogger(...)`) whose arguments are names, numbers, constants and strings without interpolation (logging reports its own errors instead of raising them). A module function counts by what it contains (``... (`check_twice(state)` (line 63), which may raise (`raise RuntimeError("left over")` (line 19)))``; fixture `wait-for/cleanup_calls.py`, behaviour program `cleanup_call_raises_refused.py`: asyncio `ConnectionAbortedError upload aborted with 1 part pending`, the session-start migration at 3.6.2 `TimeoutError`). Handlers in other modules of the run are searched for awaits and swallowed cancellations only (AM202's cross-module check), not for raising calls. A `wait_for(t, ...)` of a task `t = asyncio.create_task(f())` of the same function is followed into `f` (CPython's `test_timeouts.py` `test_foreign_exception_on_timeout`, `test_waitfor.py` `test_wait_for_reraises_exception_during_cancellation`; fixture `wait-for/raises_in_cleanup.py`, behaviour program `timeout_cleanup_raises_refused.py`). |
| needs-review | ``asyncio.wait_for() kept: the `with` catching exceptions at line N in `f` swallows the cancellation: ...`` | A `with` whose context manager catches the cancellation by class (`self.assertRaises(asyncio.CancelledError)`, `pytest.raises(...)`, `contextlib.suppress(asyncio.CancelledError)`) is a handler that swallows it: the code after it runs on and the function returns, which asyncio's `wait_for` returns and `fail_after` turns into `TimeoutError` (CPython's `test_waitfor.py` `test_wait_for_cancellation_race_condition`; fixture `wait-for/swallowed_by_with.py`, behaviour program `wait_for_swallowed_by_with_refused.py`). |
| needs-review | ``asyncio.wait_for() kept: it awaits `what` (line N), a function outside the run, whose cancellation handlers cannot be read: ... (rewritten with --unsafe-fixes)`` (also `... a method of an object whose class cannot be told`, `... a call whose code cannot be told`, `... a value whose code cannot be told`, `... asyncio code not in the table ...`, ``... `pkg.mod.f` of another module of this run, which awaits (in path) ...``) | Unsafe fix: the timed-out code awaits code outside the run, whose cancellation handlers cannot be read (see Fix safety, "Code outside the run"; `outside_run.py`, `outside_run_unsafe.py`, behaviour program `outside_run_timeout_refused/`). |
| needs-review | ``asyncio.wait_for() kept: the awaited `t` is a task or coroutine whose code cannot be told here: ...``, ``... the cancellation handler at line N in `f`, in the task `t`, awaits (line M) while the task is being cancelled: anyio's fail_after cancels that task natively again at every step ...`` | The awaitable is a name: see Fix safety, "A task or a value as the awaitable" (`task_awaitable.py`, behaviour program `wait_for_task_cleanup_refused.py`). |
| needs-review | `asyncio.wait_for() is not awaited where it is called ...` | The coroutine is stored or passed on. |
| needs-review | ``asyncio.wait_for() kept: the surrounding `with` (line N) expects asyncio.TimeoutError, which is not fail_after's builtin TimeoutError before Python 3.11 (target is <version>); expect `TimeoutError` there first`` | `with self.assertRaises(asyncio.TimeoutError):` or `with pytest.raises(asyncio.TimeoutError):` around the call: before 3.11 the builtin `TimeoutError` that `fail_after` raises is another class, and AM106 rewrites the expected class only in `except` clauses (found on CPython's `test_asyncio/test_locks.py`; fixture `expects_asyncio_timeout.py`). From a 3.11 target both are rewritten. |
| needs-review | `asyncio.wait_for() kept: the surrounding except asyncio.TimeoutError (line N) would not catch fail_after's builtin TimeoutError before Python 3.11 ...` | The try body keeps other asyncio code, so AM106 keeps the handler. |
| needs-review | `asyncio.wait_for(*args/**kwargs)`, comments inside the arguments, unexpected keywords, missing timeout, outside an async function | Cannot be proven equivalent. |
| needs-review | `asyncio.wait_for() kept: a timeout of zero or less makes asyncio time out without starting the awaitable ...` | A literal timeout `<= 0` (`wait_for(poll(), 0)`): asyncio cancels the awaitable's task before its first step, so its code before its first await never runs and even one that returns without awaiting times out; `fail_after(0)` runs it until its first await (behaviour program `wait_for_zero_refused.py`: `['empty']` on asyncio, `['polled', 'empty']` after the old migration; fixture `zero_timeout.py`). A timeout held in a variable that is 0 at run time is not seen. |
| needs-review | ``asyncio.wait_for() kept: before Python 3.12 it runs the awaitable in a task of its own, and the awaitable's code uses that task: `asyncio.current_task` (line N); fail_after runs it in the caller's task (target Python <version>)`` | Up to Python 3.11 `wait_for` wraps the awaitable in a new task; from 3.12, and with `fail_after`, it runs in the caller's. So `asyncio.current_task()` / `asyncio.all_tasks()` in the awaited code (or in the module functions it calls) see another task, and a module-level `ContextVar` it `.set()`s is reset when `wait_for` returns; after the rewrite the value stays set (behaviour program `wait_for_own_task_refused.py`: `-` and `2` on asyncio, `r1` and `1` after the old migration; CPython's `test_futures2.py` `test_recursive_repr_for_pending_tasks` counts on it; fixture `own_task.py`). Only names bound to `contextvars.ContextVar(...)` at module level are followed; not checked from `--target-python 3.12`. |

From `test-inputs/python/wait-for/cancellation_handlers.py` (`cancellation_handlers.expected.txt`):

```text
6:15: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
14:15: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
21:15: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
33:15: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
41:15: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
52:19: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
34:12: AM107 [fixed] except asyncio.CancelledError -> except anyio.get_cancelled_exc_class(), its awaiting cleanup under `with anyio.CancelScope(shield=True):` (asyncio delivers a cancellation once; anyio would cancel the cleanup's awaits again)
64:11: AM202 [fixed] await asyncio.wait_for(aw, t) -> with anyio.fail_after(t): await aw (raises TimeoutError)
65:11: AM202 [fixed] await asyncio.wait_for(aw, t) -> with anyio.fail_after(t): await aw (raises TimeoutError)
66:11: AM202 [fixed] await asyncio.wait_for(aw, t) -> with anyio.fail_after(t): await aw (raises TimeoutError)
9:12: AM107 [needs-review] the cancellation handler does not always re-raise (it must end with a bare `raise` and never return, break or continue): anyio and trio require the cancellation exception to propagate
59:22: AM202 [needs-review] asyncio.wait_for() kept: the cancellation handler at line 55 in `_read` swallows the cancellation: asyncio's wait_for then returns what the function returns, anyio's timeout raises TimeoutError; make the handler re-raise first
63:19: AM202 [needs-review] asyncio.wait_for() kept: the cancellation handler at line 9 in `fallback` swallows the cancellation: asyncio's wait_for then returns what the function returns, anyio's timeout raises TimeoutError; make the handler re-raise first
64:11: AM202 [needs-review] asyncio.wait_for() kept: the `finally` block at line 16 in `releases` awaits (line 17) while the task is being cancelled: asyncio delivers the cancellation once, anyio's timeout cancels that await again, so the cleanup would be lost; put it under `with anyio.CancelScope(shield=True):` first
65:11: AM202 [needs-review] asyncio.wait_for() kept: the cancellation handler at line 23 in `catches_all` awaits (line 24) while the task is being cancelled: asyncio delivers the cancellation once, anyio's timeout cancels that await again, so the cleanup would be lost; put it under `with anyio.CancelScope(shield=True):` first
```

## Fix safety

Safe under these conditions, all checked: the call is awaited in an async function; as a whole
statement on its own lines when the timeout or the awaitable's arguments are side-effect free
(names, literals, attributes, arithmetic), so evaluating the timeout first changes nothing, else
through the generated helper; no cancellation handler reached from the awaited code in the module,
or in the other modules of the run it calls through imports, awaits unshielded or swallows the
cancellation (checked over the round's combined result and the run's module summaries); with
`--target-python` below 3.11, every enclosing `except asyncio.TimeoutError` will be rewritten to
`TimeoutError`. **Code outside the run.** A handler in code the run does not include (a library,
a module not migrated with this one) cannot be read, and one that awaits cleanup (or swallows the
cancellation) runs once under asyncio's timeout while anyio's cancels that cleanup again at every
await (behaviour program `outside_run_timeout_refused/`: a library coroutine whose
`except asyncio.CancelledError:` awaits a close frame; asyncio prints `['closed cleanly', 'timed
out']`, the old migration `['timed out']`). So every awaited thing the timed-out code reaches (an
`await`, an `async with` item, an `async for` iterable, in the awaitable, in the module functions it
reaches, the coroutines handed to `asyncio.gather`/`shield`/`ensure_future`/`create_task`, the
calls of tasks it awaits) must be known: a module function or module class (its code is
searched), a call this round migrates to anyio, anyio's or trio's own, an imported function of
another module of the run (its summary answers for what it awaits, transitively), a future, an
await inside a shielded scope or a cleanup AM107 shields, or asyncio's short table, read in CPython
3.11's `Lib/asyncio` (no handler there awaits or swallows a cancellation): `asyncio.sleep`
(tasks.py:627), `asyncio.to_thread` (threads.py:12), `asyncio.wait` (tasks.py:389), and on an object
assigned from asyncio's constructor `Event.wait` (locks.py:200), `Lock`/`Semaphore`/
`BoundedSemaphore.acquire` and `async with` (locks.py:93, 364, 14), `async with` a `Condition`,
`Queue.get`/`put`/`join` (queues.py:149, 110, 206). Anything else (a library function, a method of
an object whose class cannot be told, `Condition.wait` (locks.py:274, a `finally` that awaits),
a kept `asyncio.wait_for` (its handler awaits `_cancel_and_wait`), `create_subprocess_exec` (its
`except BaseException:` awaits the transport), a value whose code cannot be told) makes the fix
unsafe: ``asyncio.wait_for() kept: it awaits `reader.readline()` (line 49), a method of an object
whose class cannot be told, whose cancellation handlers cannot be read: ... (rewritten with
--unsafe-fixes)``; with `--unsafe-fixes` it is rewritten and the message ends ``(unsafe fix, opted
in: it awaits ...)`` (fixtures `outside_run.py`, `outside_run_unsafe.py`). A class of another module of the run that
the timed-out code calls counts with its `async def __aexit__` (a `finally` of every `async with`
of it: `cross_module_aexit_refused/`). **A task or a value as the awaitable.** On timeout
asyncio's `wait_for` cancels the awaitable once and waits for it; anyio's `fail_after` cancels the
waiting task again at every loop step until the block is left, and each time that task's
`cancel()` cancels what it awaits natively: for a coroutine call that is the code checked above,
for a task `t` it is `t` itself, where no shield stops a native cancellation (an anyio shield that
AM107 puts around the cleanup included). So `wait_for(t, ...)` of a task is kept when the task's
code (`t = asyncio.create_task(f())` / `ensure_future(f())` earlier in the function, or every
assignment of the local or `self.<attr>`) has a handler catching the cancellation that awaits or
swallows it; and when what the name holds cannot be told (a parameter, a tuple target, an
attribute of another object: a task, or a coroutine object whose handlers the model cannot see
either), it is kept too: ``asyncio.wait_for() kept: the awaited `task` is a task or coroutine
whose code cannot be told here: ...`` (fixture `task_awaitable.py`; behaviour program
`wait_for_task_cleanup_refused.py`: asyncio prints `['worker cleaned up', 'timed out'] True`, the
old migration `['timed out'] True`). A future (`loop.create_future()`) has no code: cancelling it
is the same in both, and it is migrated. When `anyio` (or `functools`) is bound to something else at the site, the site is reported as needs-review instead (see [AM001 imports](imports.md)). Generated local names (`tg`, `results`, `store_result`, ...) are chosen so they are used nowhere else in the function (`tg2`, ... otherwise).

## Target versions

`--target-python` below 3.11 adds the handler check above (from 3.11 `asyncio.TimeoutError` is
`TimeoutError`). The output is the same for every `--target-anyio` (fail_after exists since anyio 3.0).
)md"},
    .calls = {"asyncio.wait_for", "asyncio.tasks.wait_for"},
    .cases = {{.name = "a wait_for", .then = planned<WaitForPlan>(planWaitFor, waitForCases())}}};

}  // namespace anymig::asyncio_to_anyio
