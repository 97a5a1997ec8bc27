// AM900 legacy-reference: every asyncio reference no other rule handled is a legacy
// site, so nothing is silently missed. Detection only: this rule never rewrites.
#include <map>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

// The table: the first name after `asyncio.` decides (asyncio.subprocess.PIPE uses `subprocess`).
std::vector<python::ReferenceRow> rows() {
    using S = SiteStatus;
    return {
        {"get_event_loop", S::NoEquivalent, "event-loop", "anyio has no event loop object: start with anyio.run(), and use anyio.to_thread / anyio.from_thread for threads"},
        {"get_running_loop", S::NoEquivalent, "event-loop", "anyio has no event loop object: use anyio.to_thread.run_sync() instead of run_in_executor, anyio.current_time() instead of loop.time()"},
        {"new_event_loop", S::NoEquivalent, "event-loop", "anyio has no event loop object: start with anyio.run()"},
        {"set_event_loop", S::NoEquivalent, "event-loop", "anyio has no event loop object: start with anyio.run()"},
        {"get_event_loop_policy", S::NoEquivalent, "event-loop", "event loop policies are asyncio-only: anyio.run(..., backend_options=...) configures the backend"},
        {"set_event_loop_policy", S::NoEquivalent, "event-loop", "event loop policies are asyncio-only: anyio.run(..., backend_options=...) configures the backend"},
        {"AbstractEventLoop", S::NoEquivalent, "event-loop", "anyio has no event loop type"},
        {"Future", S::NoEquivalent, "future", "anyio has no Future in released versions: use an anyio.Event with a result attribute, or a memory object stream"},
        {"run_coroutine_threadsafe", S::NoEquivalent, "threads", "use anyio.from_thread.run() (or a BlockingPortal) from the worker thread"},
        {"wrap_future", S::NoEquivalent, "future", "anyio has no Future: run blocking work with anyio.to_thread.run_sync()"},
        {"all_tasks", S::NoEquivalent, "create-task", "anyio tasks have no handle objects to enumerate: keep the task group instead"},
        {"Task", S::NoEquivalent, "create-task", "anyio tasks have no handle objects: own them with a task group"},
        {"current_task", S::NotYetMigrated, "create-task", "anyio.get_current_task() returns a TaskInfo, not a Task"},
        {"gather", S::NotYetMigrated, "gather", "run the awaitables in an anyio task group (async with anyio.create_task_group() as tg)"},
        {"wait", S::NotYetMigrated, "gather", "run the awaitables in an anyio task group"},
        {"as_completed", S::NotYetMigrated, "gather", "use a task group that sends results into a memory object stream"},
        {"wait_for", S::NotYetMigrated, "wait-for", "use `with anyio.fail_after(t):` around the awaited call"},
        {"timeout", S::NotYetMigrated, "wait-for", "use `with anyio.fail_after(t):`"},
        {"timeout_at", S::NotYetMigrated, "wait-for", "use `with anyio.fail_after(deadline - anyio.current_time()):`"},
        {"create_task", S::NotYetMigrated, "create-task", "start the task in a task group that owns it: tg.start_soon(func, *args)"},
        {"ensure_future", S::NotYetMigrated, "create-task", "start the task in a task group that owns it: tg.start_soon(func, *args)"},
        {"TaskGroup", S::NotYetMigrated, "create-task", "use anyio.create_task_group()"},
        {"to_thread", S::NotYetMigrated, "threads", "use anyio.to_thread.run_sync(func, *args)"},
        {"shield", S::NotYetMigrated, "shield", "use `with anyio.CancelScope(shield=True):`"},
        {"Queue", S::NotYetMigrated, "queue", "use anyio.create_memory_object_stream() (note: Queue(0) is unbounded, a stream of 0 is a rendezvous)"},
        {"create_subprocess_exec", S::NotYetMigrated, "subprocess", "use anyio.run_process(..., check=False) or anyio.open_process()"},
        {"create_subprocess_shell", S::NotYetMigrated, "subprocess", "use anyio.run_process(..., check=False) or anyio.open_process()"},
        {"subprocess", S::NotYetMigrated, "subprocess", "use the subprocess module's constants with anyio.run_process()"},
        {"open_connection", S::NotYetMigrated, "sockets", "use anyio.connect_tcp()"},
        {"start_server", S::NotYetMigrated, "sockets", "use anyio.create_tcp_listener() and listener.serve()"},
    };
}

}  // namespace

extern const PyRule kLegacyReference = python::referenceTableRule(
    {.id = "AM900",
     .name = "legacy-reference",
     .category = "legacy",
     .summary = "Report every asyncio reference no rule migrated (detection only)",
     .safety = FixSafety::ReviewOnly,
     .brief = R"md(reports every other asyncio reference (no equivalent / not migrated), so nothing is silently missed)md",
     .doc = R"md(
## What it does

Detection only: this rule never rewrites. After every other rule has run, each remaining
reference to asyncio, by any spelling (`asyncio.X`, `aio.X`, a name from
`from asyncio import X`), that no rule claimed is reported as a legacy site, so nothing is
silently missed: `anymig check` lists it and exits 1 while any remain. It also reports
`from asyncio import *`, which hides which names come from asyncio.

References are resolved by meaning: a parameter or attribute called `asyncio` is not
asyncio, and mentions in comments, strings and docstrings are not sites. Those mentions are
counted separately, as the seed's summary did, in the last lines of `migrate`'s summary:
`legacy-library mentions outside code: N in comments, M in strings/docstrings`.

A site can be silenced with an inline comment on its line: `# anymig: ignore[AM900]`
(or `# anymig: ignore` for every rule); it is then counted as suppressed.

## Why

The seed's batch report ended with "133 mentions" of asyncio left and no list of where they
were or why: FastAPI startup handlers, deep subdirectories, conditional imports and comments
all in one number. A migration that skips a site without saying so looks finished and is
not. This rule turns every reference no rule migrated into a line with a location, a status
(`no-equivalent`: anyio has nothing like it; `not-yet-migrated`: anyio has an equivalent,
but no rule rewrote this site) and a hint naming the anyio form.

## Example

`test-inputs/python/legacy-reference/basic.py`:

```python
@fixture basic.py 1-23
```

The AM900 diagnostics (`basic.expected.txt`; the file's other diagnostics come from AM201
gather, AM211 event-loop and AM101, and line 31's AM101 site is suppressed by its comment):

```text
3:1: AM900 [needs-review] `from asyncio import *` hides which names come from asyncio: import them by name
8:11: AM900 [no-equivalent] asyncio.Future has no anyio equivalent: anyio has no Future in released versions: use an anyio.Event with a result attribute, or a memory object stream
9:5: AM900 [no-equivalent] asyncio.run_coroutine_threadsafe has no anyio equivalent: use anyio.from_thread.run() (or a BlockingPortal) from the worker thread
10:11: AM900 [not-yet-migrated] the asyncio module is used as a value; migrate by hand
11:14: AM900 [not-yet-migrated] asyncio.sleep is not migrated by the asyncio-to-anyio pack
```

The flagged code is left exactly as it was (`basic.expected.py`):

```python
@fixture basic.expected.py 7-13
```

A file with a syntax error is not rewritten: it is reported as skipped with the error's
line, and each of its sites is reported as kept-by-policy
(`test-inputs/python/legacy-reference/syntax_error.py`):

```python
@fixture syntax_error.expected.py 1-5
```

```text
# skipped-syntax-error: syntax error at line 4, column 18: missing )
5:11: AM101 [kept-by-policy] asyncio.sleep() -> anyio.sleep() (not migrated: the file has a syntax error)
```

## Flagged instead of rewritten

Every site is flagged. The message forms:

- `<asyncio.name> has no anyio equivalent: <hint>` (status no-equivalent)
- `<asyncio.name> is not migrated: <hint>` (status not-yet-migrated)
- `<asyncio.name> is not migrated by the asyncio-to-anyio pack` (not-yet-migrated, category
  `other`): a name not in the table below, or a reference that is not a call a rule handles,
  such as `helper = asyncio.sleep`.
- `the asyncio module is used as a value; migrate by hand` (not-yet-migrated): `mod = asyncio`.
- `` `from asyncio import *` hides which names come from asyncio: import them by name `` (needs-review, category `import`).

The table of known names (the first name after `asyncio.` decides; `asyncio.subprocess.PIPE`
uses the `subprocess` row). Many of these names also have a rule of their own (AM2xx) that
rewrites or flags the sites it understands; AM900 only sees the references those rules left
unclaimed.

| `asyncio.` name | Status | Category | Hint (the message's second half) |
|---|---|---|---|
| `get_event_loop` | no-equivalent | event-loop | `anyio has no event loop object: start with anyio.run(), and use anyio.to_thread / anyio.from_thread for threads` |
| `get_running_loop` | no-equivalent | event-loop | `anyio has no event loop object: use anyio.to_thread.run_sync() instead of run_in_executor, anyio.current_time() instead of loop.time()` |
| `new_event_loop` | no-equivalent | event-loop | `anyio has no event loop object: start with anyio.run()` |
| `set_event_loop` | no-equivalent | event-loop | `anyio has no event loop object: start with anyio.run()` |
| `get_event_loop_policy` | no-equivalent | event-loop | `event loop policies are asyncio-only: anyio.run(..., backend_options=...) configures the backend` |
| `set_event_loop_policy` | no-equivalent | event-loop | `event loop policies are asyncio-only: anyio.run(..., backend_options=...) configures the backend` |
| `AbstractEventLoop` | no-equivalent | event-loop | `anyio has no event loop type` |
| `Future` | no-equivalent | future | `anyio has no Future in released versions: use an anyio.Event with a result attribute, or a memory object stream` |
| `run_coroutine_threadsafe` | no-equivalent | threads | `use anyio.from_thread.run() (or a BlockingPortal) from the worker thread` |
| `wrap_future` | no-equivalent | future | `anyio has no Future: run blocking work with anyio.to_thread.run_sync()` |
| `all_tasks` | no-equivalent | create-task | `anyio tasks have no handle objects to enumerate: keep the task group instead` |
| `Task` | no-equivalent | create-task | `anyio tasks have no handle objects: own them with a task group` |
| `current_task` | not-yet-migrated | create-task | `anyio.get_current_task() returns a TaskInfo, not a Task` |
| `gather` | not-yet-migrated | gather | `run the awaitables in an anyio task group (async with anyio.create_task_group() as tg)` |
| `wait` | not-yet-migrated | gather | `run the awaitables in an anyio task group` |
| `as_completed` | not-yet-migrated | gather | `use a task group that sends results into a memory object stream` |
| `wait_for` | not-yet-migrated | wait-for | ``use `with anyio.fail_after(t):` around the awaited call`` |
| `timeout` | not-yet-migrated | wait-for | ``use `with anyio.fail_after(t):``` |
| `timeout_at` | not-yet-migrated | wait-for | ``use `with anyio.fail_after(deadline - anyio.current_time()):``` |
| `create_task` | not-yet-migrated | create-task | `start the task in a task group that owns it: tg.start_soon(func, *args)` |
| `ensure_future` | not-yet-migrated | create-task | `start the task in a task group that owns it: tg.start_soon(func, *args)` |
| `TaskGroup` | not-yet-migrated | create-task | `use anyio.create_task_group()` |
| `to_thread` | not-yet-migrated | threads | `use anyio.to_thread.run_sync(func, *args)` |
| `shield` | not-yet-migrated | shield | ``use `with anyio.CancelScope(shield=True):``` |
| `Queue` | not-yet-migrated | queue | `use anyio.create_memory_object_stream() (note: Queue(0) is unbounded, a stream of 0 is a rendezvous)` |
| `create_subprocess_exec` | not-yet-migrated | subprocess | `use anyio.run_process(..., check=False) or anyio.open_process()` |
| `create_subprocess_shell` | not-yet-migrated | subprocess | `use anyio.run_process(..., check=False) or anyio.open_process()` |
| `subprocess` | not-yet-migrated | subprocess | `use the subprocess module's constants with anyio.run_process()` |
| `open_connection` | not-yet-migrated | sockets | `use anyio.connect_tcp()` |
| `start_server` | not-yet-migrated | sockets | `use anyio.create_tcp_listener() and listener.serve()` |

## Fix safety

Review only: the rule never edits a file. Each site needs a decision by hand (restructure,
rewrite with the hinted anyio API, or suppress with `# anymig: ignore[AM900]`).

## Target versions

None: the same sites are reported for every `--target-anyio` and `--target-python`
(which names other rules migrate, and therefore leave for AM900, can depend on them).
)md"},
    {.module = "asyncio", .target = "anyio", .pack = "asyncio-to-anyio", .rows = rows()});

}  // namespace anymig::asyncio_to_anyio
