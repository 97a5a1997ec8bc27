// AM204 task-group: `async with asyncio.TaskGroup() as tg:` -> `async with
// anyio.create_task_group() as tg:`, with every `tg.create_task(f(a, b))` whose task is
// unused -> `tg.start_soon(f, a, b)`, and every `t = tg.create_task(c)` whose task is only read
// after the block (`t.result()`, `await t`) started through a result-storing helper, the reads
// replaced by the stored results. Any other use of `tg` or of such a task (a coroutine object
// that is not a call, tg passed elsewhere) blocks the rewrite and is named.
#include "rewrites/asyncio_to_anyio/module_summary.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

using namespace structured;

namespace {

// A task whose result is read after the block: `t = tg.create_task(c)` in the block, then only
// `t.result()` or `await t` once the group has exited (the task is done then).
struct NamedTask {
    TSNode stmt{}, coro{};
    std::string name, taskName;
    std::vector<TSNode> reads;  // the `t.result()` calls and `await t` nodes
};

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
    std::vector<NamedTask> named;
    // Below anyio 4.0 only: the handler the group's failure reaches (an enclosing try with except
    // clauses or catching `with`, else a caller's in this module), else a caller's in another
    // module of the run (farHandler).
    TSNode handler{};
    std::string farHandler;
    bool caught() const { return !isNull(handler) || !farHandler.empty(); }
};

bool inNestedScope(const Context& ctx, TSNode n, TSNode region) {
    for (TSNode p = ctx.syntax.parent(n); !isNull(p) && !python::sameNode(p, region); p = ctx.syntax.parent(p))
        if (is(p, "function_definition") || is(p, "lambda") || is(p, "class_definition") || is(p, "list_comprehension") ||
            is(p, "set_comprehension") || is(p, "dictionary_comprehension") || is(p, "generator_expression"))
            return true;
    return false;
}

// The reads of a named task's result after the block, or why there are other uses.
std::string readsAfter(const Context& ctx, const GroupPlan& g, NamedTask& t, TSNode left) {
    TSNode fn = python::enclosingFunction(ctx.syntax, g.with);
    if (isNull(fn)) return "the group's block is not inside a function, so the uses of `" + t.name + "` cannot be bounded";
    for (TSNode n : ctx.syntax.nodesOfType("identifier", fn)) {
        if (ctx.text(n) != t.name || python::sameNode(n, left)) continue;
        std::string why = "the task `" + t.name + "` returned by tg.create_task() is used (line " +
                          std::to_string(python::rowOf(n)) + ") ";
        if (python::beginOf(n) < python::endOf(g.with))
            return why + "inside or before the group's block; anyio's start_soon() returns no task";
        if (inNestedScope(ctx, n, fn)) return why + "in a nested function or comprehension";
        TSNode p = ctx.syntax.parent(n), call = ctx.syntax.parent(p);
        if (is(p, "await")) {
            t.reads.push_back(p);
        } else if (is(p, "attribute") && python::sameNode(field(p, "object"), n) && ctx.text(field(p, "attribute")) == "result" &&
                   is(call, "call") && python::sameNode(field(call, "function"), p) &&
                   python::namedChildren(field(call, "arguments")).empty()) {
            t.reads.push_back(call);
        } else {
            return why + "other than by `" + t.name + ".result()` or `await " + t.name +
                   "` after the block; anyio's start_soon() returns no task: collect the result inside the task";
        }
    }
    return {};
}

// `t = tg.create_task(...)` on lines of its own: the assignment, or null.
TSNode namedTaskAssignment(const Context& ctx, TSNode call) {
    TSNode assign = ctx.syntax.parent(call);
    if (!is(assign, "assignment") || !python::sameNode(field(assign, "right"), call) || !is(field(assign, "left"), "identifier") ||
        !isNull(field(assign, "type")) || !is(ctx.syntax.parent(assign), "expression_statement") ||
        !ownsLines(ctx, ctx.syntax.parent(assign)))
        return TSNode{};
    return assign;
}

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
    TSNode assign = namedTaskAssignment(ctx, call);
    if (!is(ctx.syntax.parent(call), "expression_statement") && isNull(assign)) {
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
    if (!isNull(assign)) {
        NamedTask t{ctx.syntax.parent(assign), ca.positional[0], ctx.str(field(assign, "left")), name, {}};
        g.blocker = readsAfter(ctx, g, t, field(assign, "left"));
        g.named.push_back(t);
        return g.blocker.empty();
    }
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
    if (!targetAnyio(ctx).atLeast(4, 0)) {
        g.handler = enclosingHandlerTry(ctx, g.with);
        if (isNull(g.handler)) g.handler = callerHandlerTry(ctx, g.with);
        if (isNull(g.handler)) g.farHandler = crossModuleCatcher(ctx, site.call);
    }
    g.hasYield = containsType(field(g.with, "body"), {"yield"});
    g.bound = is(g.pattern, "as_pattern");
    if (g.hasYield || !g.bound) return g;
    auto names = python::namedChildren(field(g.pattern, "alias"));
    if (names.size() != 1 || !is(names[0], "identifier")) return g;
    g.name = names[0];
    // Uses of the group inside its block (a second group may reuse the name elsewhere).
    TSNode region = field(g.with, "body");
    const bool at414 = targetAnyio(ctx).atLeast(4, 14);
    for (TSNode n : ctx.syntax.nodesOfType("identifier", region)) {
        if (ctx.text(n) != ctx.text(g.name) || python::sameNode(n, g.name)) continue;
        if (!groupUse(g, ctx, n, at414)) break;
    }
    return g;
}

// The named tasks: started through a result-storing helper defined before the block, their
// reads after it replaced by the stored results (anyio >= 4.14: `t.return_value`).
void collectResults(const GroupPlan& g, Context& ctx, Rewrite& r) {
    if (g.named.empty()) return;
    const bool at414 = targetAnyio(ctx).atLeast(4, 14);
    std::set<std::string> taken;
    std::string results = at414 ? "" : freshName(ctx, g.with, "results", taken);
    std::string store = at414 ? "" : freshName(ctx, g.with, "store_result", taken);
    if (!at414) {
        std::size_t ls = ctx.source.lineStart(python::rowOf(g.with));
        r.fix.edits.push_back(replaceRange(ls, ls, storeHelper(ctx, ctx.indentAt(python::beginOf(g.with)), indentUnit(ctx, g.with),
                                                               results, std::to_string(g.named.size()), store)));
    }
    for (std::size_t k = 0; k < g.named.size(); ++k) {
        const NamedTask& t = g.named[k];
        std::string value = at414 ? t.name + ".return_value" : results + "[" + std::to_string(k) + "]";
        if (!at414)
            r.fix.edits.push_back(replaceNode(t.stmt, ctx.str(g.name) + ".start_soon(" + store + ", " + std::to_string(k) +
                                                          ", " + ctx.str(t.coro) + t.taskName + ")"));
        for (TSNode read : t.reads) r.fix.edits.push_back(replaceNode(read, value));
    }
    r.message += at414 ? "; task results read from return_value" : "; task results collected by a local helper";
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
    collectResults(g, ctx, r);
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
        {"a handler sees the failure below anyio 4.0", [](const P& g, const Context&) { return g.caught(); },
         [](const P& g, Context& ctx) {
             std::string where = isNull(g.handler) ? "try/except (" + g.farHandler + ")"
                                                   : handlerPhrase(ctx, g.handler) + " (line " +
                                                         std::to_string(python::rowOf(g.handler)) +
                                                         (python::contains(g.handler, g.with) ? "" : ", in a function calling this one") + ")";
             return review("asyncio.TaskGroup() kept: its failure reaches " + where + ", and below anyio 4.0 (target " +
                           targetAnyio(ctx).str() +
                           ") anyio's task group raises a single failure bare and several in anyio.ExceptionGroup "
                           "(with the other tasks' CancelledErrors), where asyncio raises the builtin ExceptionGroup; "
                           "target anyio 4.0 or later, or migrate by hand");
         }},
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
     .brief = R"md(`async with asyncio.TaskGroup() as tg:` → `anyio.create_task_group()`, `tg.create_task(f(a))` → `tg.start_soon(f, a)` (kept at anyio ≥ 4.14); tasks whose results are read after the block (`t.result()`, `await t`) → results collected by a local helper; other uses of a task or of `tg` are flagged)md",
     .doc = R"md(
## What it does

Rewrites `async with asyncio.TaskGroup() as tg:` to `async with anyio.create_task_group() as tg:`, and
every `tg.create_task(f(a, b))` statement in its block whose task is unused to `tg.start_soon(f, a, b)`
(keywords through `functools.partial`; `name=` kept, start_soon accepts it). With
`--target-anyio 4.14` or later, `tg.create_task(...)` is kept: anyio's task group has it.

A task assigned to a name in the block (`t = tg.create_task(c)`) whose only uses are reads of its
result after the block, in the same function (`t.result()`, `await t`: the group has finished, so the
task is done), is started as `tg.start_soon(store_result, k, c)`; a small local helper defined just
before the block stores the result in `results[k]`, and each read becomes `results[k]` (anyio ≥ 4.14:
`tg.create_task()` kept, reads become `t.return_value`).

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


From `test-inputs/python/task-group/results_after.py`:

```python
@fixture results_after.py 9-14
```

becomes (`results_after.expected.py`):

```python
@fixture results_after.expected.py 11-21
```

## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | `asyncio.TaskGroup() kept: the task t returned by tg.create_task() is used (line N) inside or before the group's block ...`, `... other than by t.result() or await t after the block ...`, `... in a nested function or comprehension`, `the task returned by tg.create_task() is used (line N)` (not assigned to a plain name) | start_soon returns nothing; only reads of a finished task's result have an exact form. |
| needs-review | `asyncio.TaskGroup() kept: tg.create_task() is given coro, not a call f(...); ...` | start_soon needs the coroutine function and its arguments. |
| needs-review | `asyncio.TaskGroup() kept: tg is used other than by tg.create_task() (line N); ...` | The group is passed on or used otherwise. |
| needs-review | ``asyncio.TaskGroup() kept: its failure reaches try/except (line N[, in a function calling this one]), and below anyio 4.0 (target X) anyio's task group raises a single failure bare and several in anyio.ExceptionGroup ...`` (also ``a `with` that catches its exceptions``, or a caller in another module of the run) | Only with `--target-anyio` below 4.0: asyncio raises the builtin `ExceptionGroup` (a body failure wrapped too); anyio 3.x raises a lone failure unwrapped and several in its own `anyio.ExceptionGroup`, the other tasks' `CancelledError`s included, so `except ExceptionGroup`, `except*` and `assertRaises(ExceptionGroup)` see something else (fixture `below_anyio_4.py`, behaviour program `task_group_anyio3_refused.py`). Where no handler can see the failure (no try/except or catching `with` around the block, in its function or its callers), the group is migrated: an uncaught failure ends the program either way. |
| needs-review | `asyncio.TaskGroup() not used directly in async with: ...` | anyio task groups are entered where they are created. |
| needs-review | `asyncio.TaskGroup() block contains yield: ...`, `create_task(..., context=...)`, unusual arguments | Cannot be proven equivalent. |

From `test-inputs/python/task-group/flagged.py` (`flagged.expected.txt`):

```text
5:16: AM204 [needs-review] asyncio.TaskGroup() kept: the task `task` returned by tg.create_task() is used (line 7) other than by `task.result()` or `await task` after the block; anyio's start_soon() returns no task: collect the result inside the task
8:16: AM204 [needs-review] asyncio.TaskGroup() kept: tg.create_task() is given `coro`, not a call f(...); anyio's start_soon() needs the coroutine function and its arguments (line 9)
10:16: AM204 [needs-review] asyncio.TaskGroup() kept: `tg` is used other than by tg.create_task() (line 11); anyio's task group only offers start_soon()/start()
12:13: AM204 [needs-review] asyncio.TaskGroup() not used directly in `async with`: anyio task groups must be entered where they are created: `async with anyio.create_task_group() as tg:`
```

From `test-inputs/python/task-group/results_after.py` (`results_after.expected.txt`):

```text
25:16: AM204 [needs-review] asyncio.TaskGroup() kept: the task `task` returned by tg.create_task() is used (line 27) inside or before the group's block; anyio's start_soon() returns no task
32:16: AM204 [needs-review] asyncio.TaskGroup() kept: the task `task` returned by tg.create_task() is used (line 34) other than by `task.result()` or `await task` after the block; anyio's start_soon() returns no task: collect the result inside the task
38:16: AM204 [needs-review] asyncio.TaskGroup() kept: the task `task` returned by tg.create_task() is used (line 40) in a nested function or comprehension
```

## Fix safety

Safe under these conditions, all checked: the group is entered directly by `async with`, its name is
used only by `create_task()` statements whose task is unused, each given a call `f(...)` of a coroutine
function (assumed from the call form), or assigned to a name used only by `t.result()` / `await t`
after the block in the same function (not in a nested function or comprehension, not rebound). Below
anyio 4.0, no handler may see the group's failure (see the table above): anyio 3.x raises a single failure unwrapped
rather than in an `ExceptionGroup`. When `anyio` (or `functools`) is bound to something else at the site, the site is reported as needs-review instead (see [AM001 imports](imports.md)). Generated local names (`tg`, `results`, `store_result`, ...) are chosen so they are used nowhere else in the function (`tg2`, ... otherwise).

## Target versions

Below 4.0: kept where a handler sees the group's failure (anyio 3.x has no builtin `ExceptionGroup`
semantics). Below 4.14: `start_soon`. 4.14 and later: `create_task()` is kept.
)md"},
    .calls = {"asyncio.TaskGroup", "asyncio.taskgroups.TaskGroup"},
    .cases = {{.name = "a task group", .then = planned<GroupPlan>(planGroup, groupCases())}}};

}  // namespace anymig::asyncio_to_anyio
