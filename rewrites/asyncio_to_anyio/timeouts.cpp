// AM203 timeouts: `async with asyncio.timeout(t):` -> `with anyio.fail_after(t):` (a None delay
// means no timeout in both). asyncio.timeout_at(when) is flagged: its deadline is on the
// asyncio loop clock and anyio has no released fail_at().
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

using namespace structured;

extern const PyRule kTimeouts{
    .info = {.id = "AM203",
     .name = "timeouts",
     .category = "wait-for",
     .summary = "Replace async with asyncio.timeout(t) with with anyio.fail_after(t)",
     .safety = FixSafety::Conditional,
     .brief = R"md(`async with asyncio.timeout(t):` → `with anyio.fail_after(t):` (also `None`), under the same cancellation check as AM202; `timeout_at`, `as cm`, multi-item `async with`, yield inside are flagged)md",
     .doc = R"md(
## What it does

Rewrites `async with asyncio.timeout(t):` to `with anyio.fail_after(t):` (a plain `with`: anyio's
timeouts are synchronous context managers). `asyncio.timeout(None)` becomes `anyio.fail_after(None)`,
which likewise never expires. `delay=` keywords are kept (fail_after's parameter has the same name).

## Why

`asyncio.timeout` (Python 3.11) only runs on asyncio. Both raise the builtin `TimeoutError` when the
deadline passes, so handlers keep working.

## Example

From `test-inputs/python/timeouts/basic.py`:

```python
@fixture basic.py 4-16
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 4-16
```


## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | `asyncio.timeout() bound with as: the asyncio Timeout object (reschedule(), expired(), when()) has no anyio equivalent; ...` | anyio's scope offers `deadline` and `cancel_called` instead. |
| needs-review | `asyncio.timeout_at(when) takes a deadline on the asyncio loop clock, ...` | anyio has no released `fail_at()`, and its clock differs on trio. |
| needs-review | `asyncio.timeout() shares its async with with other context managers: ...` | Removing `async` would break the other items; split the statement. |
| needs-review | `asyncio.timeout() not used directly in async with: ...` | Stored in a variable first. |
| needs-review | `asyncio.timeout() block contains yield: ...` | A cancel scope must not be suspended across a yield of an async generator. |
| needs-review | ``asyncio.timeout() kept: the `finally` block at line N in `f` awaits (line M) while the task is being cancelled: ...`` | The round's cancellation check (see [AM202 wait-for](wait-for.md)): a handler reached from the block (in it, in a module function it calls, or in a function of another module of the run it calls through an import) awaits unshielded or swallows the cancellation (`cancellation_handlers.py`). |
| needs-review | ``asyncio.timeout() kept: it runs in the `finally` block at line N in `f`, while asyncio may be cancelling the task (asyncio.timeout kept at line M reaches its try body); ...`` | The site is in cleanup code (a `finally`, a handler catching the cancellation, or a module function called from one) whose try body a native asyncio cancellation may reach (a kept `wait_for`/`timeout`, a kept task, a `.cancel()`). During that cancellation asyncio's own timeout gives way to the pending cancellation, while anyio's `fail_after` raises `TimeoutError` and leaves its cancel request on the task, so an enclosing `asyncio.timeout` then ends in `CancelledError` instead of `TimeoutError` (CPython's `test_timeouts.py` `test_nested_timeout_in_finally`; fixture `timeouts/in_cleanup.py`, behaviour program `timeout_in_cleanup_refused.py`). Migrate that canceller first; the check is repeated after each backed-out site. |
| needs-review | ``asyncio.timeout() kept: it awaits `what` (line N), a method of an object whose class cannot be told, whose cancellation handlers cannot be read: ... (rewritten with --unsafe-fixes)`` | Unsafe fix: the block awaits code outside the run (see [AM202](wait-for.md), "Code outside the run"); rewritten with `--unsafe-fixes`, the message then ending `(unsafe fix, opted in: ...)`. |
| needs-review | ``asyncio.timeout() kept: ... may raise an exception of its own (`what` (line M)) while the task is being cancelled: below anyio 4.0 ...``, ``... the `with` catching exceptions at line N in `f` swallows the cancellation ...`` | As for [AM202](wait-for.md): below anyio 4.0 `fail_after` replaces an exception raised by cleanup during the cancellation with `TimeoutError` (CPython's `test_foreign_exception_on_timeout`); a `with` that catches the cancellation by class swallows it. |

From `test-inputs/python/timeouts/flagged.py` (`flagged.expected.txt`):

```text
5:16: AM203 [needs-review] asyncio.timeout() bound with `as`: the asyncio Timeout object (reschedule(), expired(), when()) has no anyio equivalent; use `with anyio.fail_after(t) as scope:` and its `deadline` / `cancel_called` attributes
8:16: AM203 [needs-review] asyncio.timeout_at(when) takes a deadline on the asyncio loop clock, and anyio has no fail_at() in released versions: use `with anyio.fail_after(when - anyio.current_time()):` with `when` computed from anyio.current_time()
10:16: AM203 [needs-review] asyncio.timeout() shares its `async with` with other context managers: anyio.fail_after() is a plain `with`; split the statement first
12:11: AM203 [needs-review] asyncio.timeout() not used directly in `async with`: migrate by hand to `with anyio.fail_after(t):`
18:16: AM203 [needs-review] asyncio.timeout() block contains `yield`: an anyio cancel scope must not be suspended across a yield in an async generator; restructure first
```

## Fix safety

Safe under these conditions, all checked: the timeout is the only item of an `async with`, is not bound
with `as`, its block does not `yield`, and no cancellation handler reached from the block awaits
unshielded or swallows the cancellation (the same consistency check as [AM202](wait-for.md); an
`except asyncio.CancelledError` handler is completed by [AM107](cancelled-error.md) in the same round). It is not
entered in cleanup code (a `finally` or cancellation handler, or a function called from one) that a native
asyncio cancellation left in the module may reach (see the table). What the block awaits must be code
whose handlers are known, as for [AM202](wait-for.md) (Fix safety, "Code outside the run"): a library
coroutine, a method of an object whose class cannot be told, a value whose code cannot be told makes the
fix unsafe (``asyncio.timeout() kept: it awaits `session.get("http://x")` (line 53), a method of an object
whose class cannot be told, whose cancellation handlers cannot be read: ... (rewritten with
--unsafe-fixes)``; fixtures `wait-for/outside_run.py`, `wait-for/outside_run_unsafe.py`). When `anyio` (or `functools`) is bound to something else at the site, the site is reported as needs-review instead (see [AM001 imports](imports.md)). Generated local names (`tg`, `results`, `store_result`, ...) are chosen so they are used nowhere else in the function (`tg2`, ... otherwise).

## Target versions

None: the output is the same for every `--target-anyio` and `--target-python`.
)md"},
    .calls = {"asyncio.timeout", "asyncio.timeouts.timeout", "asyncio.timeout_at", "asyncio.timeouts.timeout_at"},
    .onCall = [](const CallSite& site, Context& ctx) -> Outcome {
        if (member(site.qualified) == "timeout_at")
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout_at(when) takes a deadline on the asyncio loop clock, and anyio has no "
                        "fail_at() in released versions: use `with anyio.fail_after(when - anyio.current_time()):` "
                        "with `when` computed from anyio.current_time()"};
        python::CallArgs a = ctx.args(site.arguments);
        bool oneArg = (a.positional.size() == 1 && a.keywords.empty()) ||
                      (a.positional.empty() && a.keywords.size() == 1 &&
                       ctx.text(field(a.keywords[0], "name")) == "delay");
        if (!oneArg || a.hasStar || a.hasDoubleStar || a.hasComment)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() with unusual arguments: migrate by hand to `with anyio.fail_after(t):`"};
        TSNode item = ctx.syntax.parent(site.call);
        if (is(item, "as_pattern"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() bound with `as`: the asyncio Timeout object (reschedule(), expired(), "
                        "when()) has no anyio equivalent; use `with anyio.fail_after(t) as scope:` and its "
                        "`deadline` / `cancel_called` attributes"};
        TSNode clause = ctx.syntax.parent(item);
        TSNode with = ctx.syntax.parent(clause);
        if (!is(item, "with_item") || !is(with, "with_statement"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() not used directly in `async with`: migrate by hand to "
                        "`with anyio.fail_after(t):`"};
        TSNode asyncTok{};
        for (TSNode c : python::children(with))
            if (python::type(c) == "async") asyncTok = c;
        if (isNull(asyncTok))
            return Flag{SiteStatus::NeedsReview, "asyncio.timeout() in a plain `with`: it is an async context manager"};
        if (python::namedChildren(clause).size() != 1)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() shares its `async with` with other context managers: anyio.fail_after() "
                        "is a plain `with`; split the statement first"};
        if (containsType(field(with, "body"), {"yield"}))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() block contains `yield`: an anyio cancel scope must not be suspended "
                        "across a yield in an async generator; restructure first"};
        // "async with" -> "with": drop the keyword and the blanks after it.
        std::size_t b = python::beginOf(asyncTok), e = python::endOf(asyncTok);
        const std::string& text = ctx.source.text();
        while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) ++e;
        Rewrite r;
        r.fix.edits.push_back(replaceRange(b, e, ""));
        r.fix.edits.push_back(replaceNode(site.callee, "anyio.fail_after"));
        r.fix.imports.push_back("anyio");
        r.message = "async with asyncio.timeout(t) -> with anyio.fail_after(t) (raises TimeoutError; a plain `with`)";
        return r;
    }};

}  // namespace anymig::asyncio_to_anyio
