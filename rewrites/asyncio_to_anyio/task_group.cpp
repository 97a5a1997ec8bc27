// AM204 task-group: `async with asyncio.TaskGroup() as tg:` -> `async with
// anyio.create_task_group() as tg:`, with every `tg.create_task(f(a, b))` whose task is
// unused -> `tg.start_soon(f, a, b)`. Any other use of `tg` (a used task, a coroutine
// object that is not a call, tg passed elsewhere) blocks the rewrite and is named.
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

using namespace structured;

namespace {

// What an asyncio.TaskGroup() site is, found once; the cases below read it.
struct GroupPlan {
    const CallSite* site = nullptr;
    bool hasArgs = false;
    TSNode pattern{}, with{};
    bool enteredDirectly = false;  // `async with asyncio.TaskGroup() [as tg]:`
    bool hasYield = false;
    bool bound = false;            // `as <target>`
    TSNode name{};                 // the target, when a plain name
    std::string blocker;           // a use of the group start_soon() cannot serve
    std::vector<Edit> edits;       // create_task(f(...)) -> start_soon(f, ...)
    bool functools = false;
    int converted = 0;
};

// One use of the group's name in its block: a create_task() statement (translated, or kept at
// anyio >= 4.14), or a blocker. False: blocked.
bool groupUse(GroupPlan& g, const Context& ctx, TSNode n, bool at414) {
    const std::string tg = ctx.str(g.name);
    std::string line = " (line " + std::to_string(python::rowOf(n)) + ")";
    TSNode attr = ctx.syntax.parent(n);
    TSNode call = ctx.syntax.parent(attr);
    bool isCreate = is(attr, "attribute") && python::sameNode(field(attr, "object"), n) &&
                    ctx.text(field(attr, "attribute")) == "create_task" && is(call, "call") &&
                    python::sameNode(field(call, "function"), attr);
    if (!isCreate) {
        if (is(attr, "as_pattern_target")) return true;  // a nested group reusing the name
        g.blocker = "`" + tg + "` is used other than by tg.create_task()" + line +
                    "; anyio's task group only offers start_soon()/start()" + (at414 ? "/create_task()" : "");
        return false;
    }
    if (!is(ctx.syntax.parent(call), "expression_statement")) {
        g.blocker = "the task returned by " + tg + ".create_task() is used" + line +
                    "; anyio's start_soon() returns nothing: collect the result inside the task (e.g. append it to a "
                    "list) instead";
        return false;
    }
    python::CallArgs ca = ctx.args(field(call, "arguments"));
    if (ca.hasStar || ca.hasDoubleStar || ca.hasComment || ca.positional.size() != 1) {
        g.blocker = tg + ".create_task() with unusual arguments" + line;
        return false;
    }
    std::string name;
    for (TSNode k : ca.keywords) {
        if (ctx.text(field(k, "name")) != "name") {
            g.blocker = tg + ".create_task(..., " + ctx.str(field(k, "name")) + "=...) has no anyio equivalent" + line;
            return false;
        }
        name = ", name=" + ctx.str(field(k, "value"));
    }
    ++g.converted;
    if (at414) return true;  // anyio 4.14 has TaskGroup.create_task(coro, name=...)
    bool partial = false;
    std::string args = startSoonArgs(ctx, ca.positional[0], partial);
    if (args.empty()) {
        g.blocker = tg + ".create_task() is given `" + ctx.str(ca.positional[0]) +
                    "`, not a call f(...); anyio's start_soon() needs the coroutine function and its arguments" + line;
        return false;
    }
    g.functools = g.functools || partial;
    g.edits.push_back(replaceNode(call, tg + ".start_soon(" + args + name + ")"));
    return true;
}

std::optional<GroupPlan> planGroup(const CallSite& site, Context& ctx) {
    GroupPlan g;
    g.site = &site;
    python::CallArgs a = ctx.args(site.arguments);
    g.hasArgs = !a.positional.empty() || !a.keywords.empty() || a.hasStar || a.hasDoubleStar;
    g.pattern = ctx.syntax.parent(site.call);
    TSNode item = is(g.pattern, "as_pattern") ? ctx.syntax.parent(g.pattern) : g.pattern;
    g.with = ctx.syntax.parent(ctx.syntax.parent(item));
    bool isAsyncWith = false;
    for (TSNode c : python::children(g.with))
        if (python::type(c) == "async") isAsyncWith = true;
    g.enteredDirectly = is(item, "with_item") && is(g.with, "with_statement") && isAsyncWith;
    if (g.hasArgs || !g.enteredDirectly) return g;
    g.hasYield = containsType(field(g.with, "body"), {"yield"});
    g.bound = is(g.pattern, "as_pattern");
    if (g.hasYield || !g.bound) return g;
    auto names = python::namedChildren(field(g.pattern, "alias"));
    if (names.size() != 1 || !is(names[0], "identifier")) return g;
    g.name = names[0];
    // Uses of the group inside its block (a second group may reuse the name elsewhere).
    TSNode region = field(g.with, "body");
    const bool at414 = targetAnyio(ctx).atLeast(4, 14);
    for (TSNode n : ctx.syntax.namedNodes()) {
        if (python::beginOf(n) < python::beginOf(region)) continue;
        if (python::beginOf(n) >= python::endOf(region)) break;
        if (!is(n, "identifier") || ctx.text(n) != ctx.text(g.name) || python::sameNode(n, g.name)) continue;
        if (!groupUse(g, ctx, n, at414)) break;
    }
    return g;
}

Outcome anyioGroup(const GroupPlan& g, Context& ctx) {
    Rewrite r;
    r.fix.edits.push_back(replaceNode(g.site->call, "anyio.create_task_group()"));
    for (const Edit& e : g.edits) r.fix.edits.push_back(e);
    r.fix.imports.push_back("anyio");
    if (g.functools) r.fix.imports.push_back("functools");
    r.message = "asyncio.TaskGroup() -> anyio.create_task_group()";
    if (g.converted)
        r.message += targetAnyio(ctx).atLeast(4, 14) ? ", create_task() kept (anyio >= 4.14 has it)"
                                                     : ", create_task(f(...)) -> start_soon(f, ...)";
    return r;
}

using P = GroupPlan;

Outcome review(const std::string& why) { return Flag{SiteStatus::NeedsReview, why}; }

std::vector<PlanCase<P>> groupCases() {
    return {
        {"arguments", [](const P& g, const Context&) { return g.hasArgs; },
         [](const P&, Context&) { return review("asyncio.TaskGroup() with arguments: migrate by hand"); }},
        {"not entered directly by async with", [](const P& g, const Context&) { return !g.enteredDirectly; },
         [](const P&, Context&) {
             return review("asyncio.TaskGroup() not used directly in `async with`: anyio task groups must be entered "
                           "where they are created: `async with anyio.create_task_group() as tg:`");
         }},
        {"a yield in the block", [](const P& g, const Context&) { return g.hasYield; },
         [](const P&, Context&) {
             return review("asyncio.TaskGroup() block contains `yield`: an anyio task group must not be suspended "
                           "across a yield in an async generator; restructure first");
         }},
        {"an unusual target", [](const P& g, const Context&) { return g.bound && isNull(g.name); },
         [](const P&, Context&) { return review("asyncio.TaskGroup() bound to an unusual target: migrate by hand"); }},
        {"a use start_soon() cannot serve", [](const P& g, const Context&) { return !g.blocker.empty(); },
         [](const P& g, Context&) { return review("asyncio.TaskGroup() kept: " + g.blocker); }},
        {"the anyio task group", {}, anyioGroup},
    };
}

}  // namespace

extern const PyRule kTaskGroup{
    .info = {.id = "AM204",
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
    .calls = {"asyncio.TaskGroup", "asyncio.taskgroups.TaskGroup"},
    .cases = {{.name = "a task group", .then = planned<GroupPlan>(planGroup, groupCases())}}};

}  // namespace anymig::asyncio_to_anyio
