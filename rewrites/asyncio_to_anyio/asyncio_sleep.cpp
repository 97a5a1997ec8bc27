// AM101 asyncio-sleep: asyncio.sleep(d) -> anyio.sleep(d).
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

using python::flag;

extern const PyRule kAsyncioSleep = python::tableRule(
    {.id = "AM101",
     .name = "asyncio-sleep",
     .category = "sleep",
     .summary = "Replace asyncio.sleep(delay) with anyio.sleep(delay)",
     .safety = FixSafety::Safe,
     .brief = R"md(`asyncio.sleep(d)` → `anyio.sleep(d)`; `sleep(d, result)` flagged (no equivalent))md",
     .doc = R"md(
## What it does

Rewrites every call of asyncio's `sleep` to `anyio.sleep`, keeping the arguments byte for
byte (including `delay=` keywords, `sleep(0)`, and multi-line argument lists with comments
inside). The callee is found by meaning, not by text, so all of these are recognised:

- `asyncio.sleep(d)`, and `aio.sleep(d)` after `import asyncio as aio`;
- `sleep(d)` after `from asyncio import sleep`, and `nap(d)` after `from asyncio import sleep as nap`.

`import anyio` is requested from [AM001 imports](imports.md), which also removes the asyncio
import once nothing uses it.

Not touched: `self.asyncio.sleep(...)` (an attribute), a parameter or local variable named
`asyncio`, a local function named `sleep`, and `asyncio.sleep(1)` inside strings,
docstrings and comments. A reference that is not a call (`helper = asyncio.sleep`) is left
to [AM900 legacy-reference](legacy-reference.md), which reports it.

## Why

This is pattern 2 of the seed's batch report (`await asyncio.sleep(60)` →
`await anyio.sleep(60)`), the most common asyncio call in the migrated codebase.
`asyncio.sleep` only works on the asyncio event loop: under anyio's trio backend it fails
with `TypeError: trio.run received unrecognized yield message None`. `anyio.sleep` works on
both backends.

## Example

`test-inputs/python/asyncio-sleep/basic.py`:

```python
@fixture basic.py 1-10
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 1-10
```

with the diagnostics (`basic.expected.txt`):

```text
5:11: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
6:11: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
7:11: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
8:11: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
```

Aliases (`aliases.py` → `aliases.expected.py`):

```python
@fixture aliases.py 1-8
```

```python
@fixture aliases.expected.py 2-8
```

## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| no-equivalent | `asyncio.sleep(delay, result) has no anyio equivalent: anyio.sleep() always returns None` | A second positional argument or `result=`: the caller uses the value `await sleep()` returns, which `anyio.sleep` does not provide. Assign the value yourself after `await anyio.sleep(delay)`. |
| needs-review | ``asyncio.sleep(*args/**kwargs): cannot tell whether a `result` argument is passed`` | The arguments are unpacked at run time, so the rule cannot prove that no `result` is passed. |
| needs-review | ``asyncio.sleep() -> anyio.sleep() — not rewritten: the coroutine of `f` is stepped by hand (`coro.send` at line N), outside any task, where anyio cannot find its event loop`` | The round's consistency check (`cancellation.cpp`): the module calls `coro = f(...)` (or `self.f(...)`) and steps the coroutine itself with `coro.send`/`coro.throw` (called, or handed to `loop.call_soon_threadsafe`). Its first steps then run outside any task and, from a callback another thread scheduled, outside anyio's context too, where anyio's functions cannot tell which event loop runs them (sniffio raises `AsyncLibraryNotFoundError`; asyncio's functions run there). Every fix of the pack inside `f`, and inside the module functions `f` reaches, is backed out with this ending (CPython's `test_run_coroutine_threadsafe_task_factory_exception`; fixture `hand_driven.py`, behaviour program `hand_driven_refused.py`: the build before printed `['AsyncLibraryNotFoundError']` instead of `[]`). |

From `test-inputs/python/asyncio-sleep/flagged.py`:

```python
@fixture flagged.expected.py 1-11
```

```text
5:19: AM101 [no-equivalent] asyncio.sleep(delay, result) has no anyio equivalent: anyio.sleep() always returns None
6:19: AM101 [no-equivalent] asyncio.sleep(delay, result) has no anyio equivalent: anyio.sleep() always returns None
11:11: AM101 [needs-review] asyncio.sleep(*args/**kwargs): cannot tell whether a `result` argument is passed
```

## Fix safety

Always safe. With a delay and no `result`, `asyncio.sleep(d)` and `anyio.sleep(d)` both
suspend the task for `d` seconds (a checkpoint when `d` is 0) and return `None`; the only
argument with different behaviour is flagged. When `anyio` is bound to something else at
the call site (e.g. a parameter called `anyio`) the site is not rewritten and is reported
as needs-review (see [AM001 imports](imports.md)).

## Target versions

None: the output is the same for every `--target-anyio` and `--target-python`.
)md"},
    {{.qualified = "asyncio.sleep", .replacement = "anyio.sleep", .module = "anyio"}},
    {
        {.name = "a result argument",
         .unless = {python::maxPositionalArgs(1), python::noKeyword("result")},
         .then = flag(SiteStatus::NoEquivalent,
                      "asyncio.sleep(delay, result) has no anyio equivalent: anyio.sleep() always returns None")},
        {.name = "*args or **kwargs",
         .unless = {python::noStarArgs()},
         .then = flag(SiteStatus::NeedsReview,
                      "asyncio.sleep(*args/**kwargs): cannot tell whether a `result` argument is passed")},
    });

}  // namespace anymig::asyncio_to_anyio
