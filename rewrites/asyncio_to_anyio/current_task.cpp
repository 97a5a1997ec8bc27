// AM216 current-task: the task introspection calls. `asyncio.current_task().get_name()`,
// `id(asyncio.current_task())` and `len(asyncio.all_tasks())` become anyio's TaskInfo reads;
// every other use is reported with the reason: anyio hands out TaskInfo records, not Tasks.
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

// `<call>.<method>()` with no arguments: the outer call, else null.
TSNode methodCallOn(const Context& ctx, TSNode call, std::string_view method) {
    TSNode attr = ctx.syntax.parent(call);
    if (!is(attr, "attribute") || !sameNode(field(attr, "object"), call) || ctx.text(field(attr, "attribute")) != method)
        return TSNode{};
    TSNode outer = ctx.syntax.parent(attr);
    if (!is(outer, "call") || !namedChildren(field(outer, "arguments")).empty()) return TSNode{};
    return outer;
}

// `<builtin>(<call>)` where the builtin's name is not rebound: the outer call, else null.
TSNode builtinCallOf(const Context& ctx, TSNode call, const std::string& builtin) {
    TSNode args = ctx.syntax.parent(call);
    if (!is(args, "argument_list") || namedChildren(args).size() != 1) return TSNode{};
    TSNode outer = ctx.syntax.parent(args);
    TSNode fn = field(outer, "function");
    if (!is(fn, "identifier") || ctx.text(fn) != builtin) return TSNode{};
    if (ctx.model.lookup(ctx.model.scopeOf(outer), builtin)) return TSNode{};  // shadowed
    return outer;
}

python::Guard found(std::string_view what, std::function<TSNode(const Context&, TSNode)> find) {
    return {what, [find](const CallSite& site, const Context& ctx) { return !isNull(find(ctx, site.call)); }};
}

python::Action replaceWith(std::function<TSNode(const Context&, TSNode)> find, std::string text, std::string message) {
    return [find, text, message](const CallSite& site, Context& ctx) -> Outcome {
        Rewrite r;
        r.fix.edits.push_back(replaceNode(find(ctx, site.call), text));
        r.fix.imports.push_back("anyio");
        r.message = message;
        return r;
    };
}

TSNode nameOfCurrent(const Context& ctx, TSNode call) { return methodCallOn(ctx, call, "get_name"); }
TSNode idOfCurrent(const Context& ctx, TSNode call) { return builtinCallOf(ctx, call, "id"); }
TSNode countOfAll(const Context& ctx, TSNode call) { return builtinCallOf(ctx, call, "len"); }

}  // namespace

extern const PyRule kCurrentTask{
    .info = {.id = "AM216",
             .name = "current-task",
             .category = "current-task",
             .summary = "Replace a task's name, id and the running-task count with anyio's TaskInfo; report other "
                        "uses of current_task()/all_tasks()",
             .safety = FixSafety::Conditional,
             .brief = R"md(`asyncio.current_task().get_name()` → `anyio.get_current_task().name`, `id(asyncio.current_task())` → `anyio.get_current_task().id`, `len(asyncio.all_tasks())` → `len(anyio.get_running_tasks())`; other uses flagged (anyio has TaskInfo records, not Tasks))md",
             .doc = R"md(
## What it does

Rewrites the three task-introspection reads that anyio answers exactly:

- `asyncio.current_task().get_name()` → `anyio.get_current_task().name`
- `id(asyncio.current_task())` → `anyio.get_current_task().id`
- `len(asyncio.all_tasks())` → `len(anyio.get_running_tasks())`

## Why

`asyncio.current_task()` and `asyncio.all_tasks()` only run on asyncio. anyio describes tasks with
`TaskInfo` records: on the asyncio backend `get_current_task()` wraps the running `asyncio.Task`,
whose `name` is `task.get_name()` and whose `id` is `id(task)`, and `get_running_tasks()` lists the
loop's unfinished tasks, the same set `asyncio.all_tasks()` returns. So the three reads give the
same values on asyncio, and the corresponding values on trio.

## Example

From `test-inputs/python/current-task/basic.py`:

```python
@fixture basic.py 4-7
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 4-7
```

## Flagged instead of rewritten

- any other use of `asyncio.current_task()` (kept as a value, `.cancel()`, `.add_done_callback()`,
  awaited, compared): a `TaskInfo` cannot be cancelled, awaited or given callbacks; cancel through
  a `CancelScope`, or keep the task group that owns the task (no anyio equivalent);
- any other use of `asyncio.all_tasks()` (iterated, cancelled): the same reason;
- `current_task(loop)` / `all_tasks(loop)`: anyio has no loop argument;
- `id` or `len` rebound in the module: the call is not the builtin.

## Fix safety

Conditional: only the three reads above are rewritten; they return the same values on asyncio.

## Target versions

anyio 4.0 or later (`get_current_task()` and `get_running_tasks()` exist since anyio 3.0).
)md"},
    .calls = {"asyncio.current_task", "asyncio.all_tasks"},
    .cases = {
        {.name = "a loop argument",
         .unless = {python::positionalArgs(0)},
         .then = python::flag(SiteStatus::NeedsReview,
                              "asyncio.current_task(loop)/all_tasks(loop): anyio has no loop argument: migrate by hand")},
        {.name = "the current task's name",
         .when = {python::calls("asyncio.current_task"), found("name read", nameOfCurrent)},
         .then = replaceWith(nameOfCurrent, "anyio.get_current_task().name",
                             "asyncio.current_task().get_name() -> anyio.get_current_task().name")},
        {.name = "the current task's id",
         .when = {python::calls("asyncio.current_task"), found("id read", idOfCurrent)},
         .then = replaceWith(idOfCurrent, "anyio.get_current_task().id",
                             "id(asyncio.current_task()) -> anyio.get_current_task().id")},
        {.name = "the number of running tasks",
         .when = {python::calls("asyncio.all_tasks"), found("count", countOfAll)},
         .then = replaceWith(countOfAll, "len(anyio.get_running_tasks())",
                             "len(asyncio.all_tasks()) -> len(anyio.get_running_tasks())")},
        {.name = "the current task as a value",
         .when = {python::calls("asyncio.current_task")},
         .then = python::flag(SiteStatus::NoEquivalent,
                              "asyncio.current_task() has no anyio equivalent as a value: anyio.get_current_task() "
                              "returns a TaskInfo (id, name, parent_id, coro) that cannot be cancelled, awaited or "
                              "given callbacks: cancel through a CancelScope or the task group that owns the task")},
        {.name = "the running tasks as values",
         .then = python::flag(SiteStatus::NoEquivalent,
                              "asyncio.all_tasks() has no anyio equivalent as values: anyio.get_running_tasks() "
                              "returns TaskInfo records that cannot be cancelled or awaited: keep the task group "
                              "that owns the tasks")},
    }};

}  // namespace anymig::asyncio_to_anyio
