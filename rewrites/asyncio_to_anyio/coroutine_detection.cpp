// AM104 coroutine-detection: asyncio.iscoroutinefunction -> inspect.iscoroutinefunction.
// asyncio.iscoroutine(x) -> inspect.iscoroutine(x) only with --unsafe-fixes: asyncio's also
// accepts generators and any collections.abc.Coroutine (Cython coroutines, registered
// classes); inspect's accepts native coroutine objects only (CPython's own test suite
// checks asyncio.iscoroutine(FakeCoro()) is True, which inspect's would make False).
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

python::Guard unsafeFixesOn() {
    return {"--unsafe-fixes given", [](const CallSite&, const Context& ctx) { return ctx.unsafeFixes(); }};
}

}  // namespace

extern const PyRule kCoroutineDetection = python::tableRule(
    {.id = "AM104",
     .name = "coroutine-detection",
     .category = "coroutine-detection",
     .summary = "Replace asyncio.iscoroutinefunction (and, opted in, iscoroutine) with the inspect module's",
     .safety = FixSafety::Conditional,
     .brief = R"md(`asyncio.iscoroutinefunction` → `inspect.iscoroutinefunction`; `asyncio.iscoroutine` only with `--unsafe-fixes`)md",
     .doc = R"md(
## What it does

- `asyncio.iscoroutinefunction(f)` → `inspect.iscoroutinefunction(f)`, with `import inspect`
  requested from [AM001 imports](imports.md). Also spelled `asyncio.coroutines.iscoroutinefunction`,
  through `import asyncio as aio`, and `from asyncio import iscoroutinefunction as is_async`.
- `asyncio.iscoroutine(x)` is flagged; with `--unsafe-fixes` it becomes `inspect.iscoroutine(x)`.

Only the callee is replaced; the arguments and the surrounding expression keep every byte.

## Why

This is pattern 5 of the seed's batch report. `asyncio.iscoroutinefunction` is not an anyio
API and is deprecated from Python 3.14; `inspect`'s is the portable spelling. The seed's
batches broke files while doing this by hand: they inserted `import inspect` at column 0
inside an indented `try:` block, which is a syntax error. Here the import is placed only by
AM001, with the module's top-level imports, and the asyncio import (even one inside a
`try/except ImportError` block) goes only when nothing uses it
(`test-inputs/python/coroutine-detection/try_block.py`):

```python
@fixture try_block.py 1-12
```

```python
"""The seed's batches broke files by inserting `import inspect` inside a try block."""
import inspect


def check(func):
    try:
        return inspect.iscoroutinefunction(func)
    except AttributeError:
        return False
```

## Example

`test-inputs/python/coroutine-detection/basic.py`:

```python
@fixture basic.py 1-10
```

becomes (`basic.expected.py`; `import asyncio` stays because `asyncio.iscoroutine` is kept):

```python
@fixture basic.expected.py 1-10
```

```text
6:8: AM104 [fixed] asyncio.iscoroutinefunction() -> inspect.iscoroutinefunction()
6:45: AM104 [fixed] asyncio.iscoroutinefunction() -> inspect.iscoroutinefunction()
10:18: AM104 [needs-review] asyncio.iscoroutine() also accepts generators and any collections.abc.Coroutine; inspect.iscoroutine() only native coroutines: use inspect.iscoroutine(x) if x is always native, else isinstance(x, collections.abc.Coroutine) (rewritten with --unsafe-fixes)
```

## Flagged instead of rewritten

- needs-review: `asyncio.iscoroutine() also accepts generators and any collections.abc.Coroutine; inspect.iscoroutine() only native coroutines: use inspect.iscoroutine(x) if x is always native, else isinstance(x, collections.abc.Coroutine) (rewritten with --unsafe-fixes)`

  `asyncio.iscoroutine(x)` is also true for objects that are not native coroutines
  (Cython coroutines, classes registered as `collections.abc.Coroutine`; CPython's own test
  suite checks `asyncio.iscoroutine(FakeCoro())` is true), where `inspect.iscoroutine(x)`
  is false. Whether that matters depends on what `x` can be, which the syntax tree does not
  say.

## Fix safety

- `iscoroutinefunction`: safe under one condition: the function tested is not marked only
  by asyncio's private `_is_coroutine` attribute (set by the legacy `@asyncio.coroutine`
  decorator, removed in Python 3.11). For `async def` functions, `functools.partial` of them
  and `unittest.mock.AsyncMock` both functions answer the same (checked on Python 3.11).
- `iscoroutine`: unsafe; rewritten only with `--unsafe-fixes`, and the diagnostic then says
  `asyncio.iscoroutine() -> inspect.iscoroutine() (unsafe fix, opted in)`.

## Target versions

`--unsafe-fixes` turns the `iscoroutine` flag into a rewrite
(`test-inputs/python/coroutine-detection/unsafe_opt_in.py`):

```python
@fixture unsafe_opt_in.expected.py 1-9
```

```text
6:8: AM104 [fixed] asyncio.iscoroutinefunction() -> inspect.iscoroutinefunction()
6:45: AM104 [fixed] asyncio.iscoroutinefunction() -> inspect.iscoroutinefunction()
10:18: AM104 [fixed] asyncio.iscoroutine() -> inspect.iscoroutine() (unsafe fix, opted in)
```

`--target-anyio` and `--target-python` change nothing.
)md"},
    {{.qualified = "asyncio.iscoroutinefunction", .replacement = "inspect.iscoroutinefunction", .module = "inspect"},
     {.qualified = "asyncio.iscoroutine",
      .replacement = "inspect.iscoroutine",
      .module = "inspect",
      .reason = "unsafe fix, opted in"}},
    {
        {.name = "iscoroutine without --unsafe-fixes",
         .when = {python::calls("asyncio.iscoroutine")},
         .unless = {unsafeFixesOn()},
         .then = python::flag(SiteStatus::NeedsReview,
                              "asyncio.iscoroutine() also accepts generators and any collections.abc.Coroutine; "
                              "inspect.iscoroutine() only native coroutines: use inspect.iscoroutine(x) if x is "
                              "always native, else isinstance(x, collections.abc.Coroutine) (rewritten with "
                              "--unsafe-fixes)")},
    });

}  // namespace anymig::asyncio_to_anyio
