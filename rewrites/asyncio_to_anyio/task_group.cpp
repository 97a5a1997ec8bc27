// AM204 task-group: `async with asyncio.TaskGroup() as tg:` -> `async with
// anyio.create_task_group() as tg:`, with every `tg.create_task(f(a, b))` whose task is
// unused -> `tg.start_soon(f, a, b)`. Any other use of `tg` (a used task, a coroutine
// object that is not a call, tg passed elsewhere) blocks the rewrite and is named.
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

using namespace structured;

extern const PyRule kTaskGroup{
    {.id = "AM204",
     .name = "task-group",
     .category = "task-group",
     .summary = "Replace async with asyncio.TaskGroup() with anyio.create_task_group(), create_task -> start_soon",
     .safety = FixSafety::Conditional,
     .brief = R"md(`async with asyncio.TaskGroup() as tg:` → `anyio.create_task_group()`, `tg.create_task(f(a))` → `tg.start_soon(f, a)` (kept at anyio ≥ 4.14); a used task or other uses of `tg` are flagged)md",
     .doc = R"md(
## What it does

Rewrites `async with asyncio.TaskGroup() as tg:` to `async with anyio.create_task_group() as tg:`, and
every `tg.create_task(f(a, b))` statement in its block whose task is unused to `tg.start_soon(f, a, b)`
(keywords through `functools.partial`; `name=` kept, start_soon accepts it). With
`--target-anyio 4.14` or later, `tg.create_task(...)` is kept: anyio's task group has it.

## Why

`asyncio.TaskGroup` (Python 3.11) only runs on asyncio. Both cancel the other tasks when one fails
and raise an `ExceptionGroup` (anyio 4), so the semantics match.

## Example

From `test-inputs/python/task-group/basic.py`:

```python
@fixture basic.py 9-18
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 11-20
```


## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | `asyncio.TaskGroup() kept: the task returned by tg.create_task() is used (line N); ...` | start_soon returns nothing; collect the result inside the task. |
| needs-review | `asyncio.TaskGroup() kept: tg.create_task() is given coro, not a call f(...); ...` | start_soon needs the coroutine function and its arguments. |
| needs-review | `asyncio.TaskGroup() kept: tg is used other than by tg.create_task() (line N); ...` | The group is passed on or used otherwise. |
| needs-review | `asyncio.TaskGroup() not used directly in async with: ...` | anyio task groups are entered where they are created. |
| needs-review | `asyncio.TaskGroup() block contains yield: ...`, `create_task(..., context=...)`, unusual arguments | Cannot be proven equivalent. |

From `test-inputs/python/task-group/flagged.py` (`flagged.expected.txt`):

```text
5:16: AM204 [needs-review] asyncio.TaskGroup() kept: the task returned by tg.create_task() is used (line 6); anyio's start_soon() returns nothing: collect the result inside the task (e.g. append it to a list) instead
8:16: AM204 [needs-review] asyncio.TaskGroup() kept: tg.create_task() is given `coro`, not a call f(...); anyio's start_soon() needs the coroutine function and its arguments (line 9)
10:16: AM204 [needs-review] asyncio.TaskGroup() kept: `tg` is used other than by tg.create_task() (line 11); anyio's task group only offers start_soon()/start()
12:13: AM204 [needs-review] asyncio.TaskGroup() not used directly in `async with`: anyio task groups must be entered where they are created: `async with anyio.create_task_group() as tg:`
```

## Fix safety

Safe under these conditions, all checked: the group is entered directly by `async with`, its name is
used only by `create_task()` statements whose task is unused, each given a call `f(...)` of a coroutine
function (assumed from the call form). On anyio 3.x a single failure is raised unwrapped rather than in
an `ExceptionGroup`. When `anyio` (or `functools`) is bound to something else at the site, the site is reported as needs-review instead (see [AM001 imports](imports.md)). Generated local names (`tg`, `results`, `store_result`, ...) are chosen so they are used nowhere else in the function (`tg2`, ... otherwise).

## Target versions

Below 4.14: `start_soon`. 4.14 and later: `create_task()` is kept.
)md"},
    {"asyncio.TaskGroup", "asyncio.taskgroups.TaskGroup"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        python::CallArgs a = ctx.args(site.arguments);
        if (!a.positional.empty() || !a.keywords.empty() || a.hasStar || a.hasDoubleStar)
            return Flag{SiteStatus::NeedsReview, "asyncio.TaskGroup() with arguments: migrate by hand"};
        TSNode pattern = ctx.syntax.parent(site.call);
        TSNode item = is(pattern, "as_pattern") ? ctx.syntax.parent(pattern) : pattern;
        TSNode with = ctx.syntax.parent(ctx.syntax.parent(item));
        bool isAsyncWith = false;
        for (TSNode c : python::children(with))
            if (python::type(c) == "async") isAsyncWith = true;
        if (!is(item, "with_item") || !is(with, "with_statement") || !isAsyncWith)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.TaskGroup() not used directly in `async with`: anyio task groups must be entered "
                        "where they are created: `async with anyio.create_task_group() as tg:`"};
        Rewrite r;
        r.fix.edits.push_back(replaceNode(site.call, "anyio.create_task_group()"));
        r.fix.imports.push_back("anyio");
        if (containsType(field(with, "body"), {"yield"}))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.TaskGroup() block contains `yield`: an anyio task group must not be suspended "
                        "across a yield in an async generator; restructure first"};
        if (!is(pattern, "as_pattern")) {
            r.message = "asyncio.TaskGroup() -> anyio.create_task_group()";
            return r;
        }
        TSNode target = field(pattern, "alias");
        auto names = python::namedChildren(target);
        if (names.size() != 1 || !is(names[0], "identifier"))
            return Flag{SiteStatus::NeedsReview, "asyncio.TaskGroup() bound to an unusual target: migrate by hand"};
        std::string tg = ctx.str(names[0]);
        // Uses of the group inside its block (a second group may reuse the name elsewhere).
        TSNode region = field(with, "body");
        bool at414 = targetAnyio(ctx).atLeast(4, 14);
        int converted = 0;
        for (TSNode n : ctx.syntax.namedNodes()) {
            if (python::beginOf(n) < python::beginOf(region)) continue;
            if (python::beginOf(n) >= python::endOf(region)) break;
            if (!is(n, "identifier") || ctx.text(n) != tg || python::sameNode(n, names[0])) continue;
            std::string line = " (line " + std::to_string(python::rowOf(n)) + ")";
            TSNode attr = ctx.syntax.parent(n);
            TSNode call = ctx.syntax.parent(attr);
            bool isCreate = is(attr, "attribute") && python::sameNode(field(attr, "object"), n) &&
                            ctx.text(field(attr, "attribute")) == "create_task" && is(call, "call") &&
                            python::sameNode(field(call, "function"), attr);
            if (!isCreate) {
                if (is(attr, "as_pattern_target")) continue;  // a nested group reusing the name
                return Flag{SiteStatus::NeedsReview,
                            "asyncio.TaskGroup() kept: `" + tg + "` is used other than by tg.create_task()" + line +
                                "; anyio's task group only offers start_soon()/start()" +
                                (at414 ? "/create_task()" : "")};
            }
            if (!is(ctx.syntax.parent(call), "expression_statement"))
                return Flag{SiteStatus::NeedsReview,
                            "asyncio.TaskGroup() kept: the task returned by " + tg + ".create_task() is used" + line +
                                "; anyio's start_soon() returns nothing: collect the result inside the task "
                                "(e.g. append it to a list) instead"};
            python::CallArgs ca = ctx.args(field(call, "arguments"));
            if (ca.hasStar || ca.hasDoubleStar || ca.hasComment || ca.positional.size() != 1)
                return Flag{SiteStatus::NeedsReview,
                            "asyncio.TaskGroup() kept: " + tg + ".create_task() with unusual arguments" + line};
            std::string name;
            for (TSNode k : ca.keywords) {
                if (ctx.text(field(k, "name")) != "name")
                    return Flag{SiteStatus::NeedsReview, "asyncio.TaskGroup() kept: " + tg +
                                                             ".create_task(..., " + ctx.str(field(k, "name")) +
                                                             "=...) has no anyio equivalent" + line};
                name = ", name=" + ctx.str(field(k, "value"));
            }
            if (at414) {  // anyio 4.14 has TaskGroup.create_task(coro, name=...)
                ++converted;
                continue;
            }
            bool partial = false;
            std::string args = startSoonArgs(ctx, ca.positional[0], partial);
            if (args.empty())
                return Flag{SiteStatus::NeedsReview,
                            "asyncio.TaskGroup() kept: " + tg + ".create_task() is given `" +
                                ctx.str(ca.positional[0]) + "`, not a call f(...); anyio's start_soon() needs the "
                                "coroutine function and its arguments" + line};
            if (partial) r.fix.imports.push_back("functools");
            r.fix.edits.push_back(replaceNode(call, tg + ".start_soon(" + args + name + ")"));
            ++converted;
        }
        r.message = "asyncio.TaskGroup() -> anyio.create_task_group()";
        if (converted) r.message += at414 ? ", create_task() kept (anyio >= 4.14 has it)" : ", create_task(f(...)) -> start_soon(f, ...)";
        return r;
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
