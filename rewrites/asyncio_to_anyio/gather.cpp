// AM201 gather: `await asyncio.gather(...)` as a whole statement -> an anyio task group.
// Results unused: one tg.start_soon(f, *args) per awaitable. Results used (assigned or
// returned): they are collected in order by a small generated local helper (or, for a
// target anyio >= 4.14, by tg.create_task() handles and their return_value).
// return_exceptions=True, a surrounding try/except, and values used in a larger expression
// are flagged with the reason.
#include "rewrites/asyncio_to_anyio/helpers.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

namespace {

using namespace structured;

struct Element {
    enum Kind { Call, Star, Other } kind = Other;
    TSNode node{};        // the argument (for Star: the list_splat's expression)
    std::string startSoon;  // Call: "f, a, b" or "functools.partial(...)"
};

// A name bound to a plain (non-async) def in this module, or an asyncio function: calling
// it may give a future or another awaitable, not a coroutine that start_soon() can run.
bool knownSyncFunction(const Context& ctx, TSNode fn) {
    if (auto q = ctx.model.resolve(fn, ctx.model.scopeOf(fn)))
        if (q->rfind("asyncio.", 0) == 0) return true;
    if (!is(fn, "identifier")) return false;
    const auto* bs = ctx.model.lookup(ctx.model.scopeOf(fn), ctx.str(fn));
    if (!bs) return false;
    for (const python::Binding& b : *bs) {
        TSNode def = ctx.syntax.parent(b.node);
        if (is(def, "function_definition") && !isAsyncFunction(def)) return true;
    }
    return false;
}

// `[f(x) for x in xs if c]` with one synchronous for clause: the loop can become a plain for
// statement starting one task per item when its variables are free in the function.
bool simpleComprehension(const Context& ctx, TSNode comp, TSNode fn, TSNode& body, TSNode& forClause,
                         std::vector<TSNode>& ifs) {
    if (!is(comp, "list_comprehension") && !is(comp, "generator_expression")) return false;
    body = field(comp, "body");
    int fors = 0;
    for (TSNode c : namedChildren(comp)) {
        if (is(c, "for_in_clause")) {
            ++fors;
            forClause = c;
            for (TSNode k : python::children(c))
                if (python::type(k) == "async") return false;
        } else if (is(c, "if_clause")) {
            if (fors == 0) return false;
            ifs.push_back(c);
        } else if (is(c, "comment")) {
            return false;
        }
    }
    if (fors != 1 || !is(body, "call")) return false;
    TSNode left = field(forClause, "left");
    std::vector<TSNode> names;
    if (is(left, "identifier")) names.push_back(left);
    else
        for (TSNode c : namedChildren(left)) {
            if (!is(c, "identifier")) return false;
            names.push_back(c);
        }
    for (TSNode n : names)
        if (!nameUnused(ctx, isNull(fn) ? ctx.syntax.root() : fn, ctx.str(n), comp)) return false;
    return true;
}

std::string join(const std::vector<std::string>& lines, const std::string& indent, const std::string& nl) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) out += nl + (lines[i].empty() ? "" : indent);
        out += lines[i];
    }
    return out;
}

}  // namespace

extern const PyRule kGather{
    {.id = "AM201",
     .name = "gather",
     .category = "gather",
     .summary = "Replace await asyncio.gather(...) with an anyio task group, collecting results in order",
     .safety = FixSafety::Conditional,
     .brief = R"md(statement-level `await asyncio.gather(...)` → `async with anyio.create_task_group() as tg:` + `tg.start_soon(f, *args)` (keywords via `functools.partial`); results used → collected in argument order by a small local helper (anyio ≥ 4.14: `tg.create_task()` + `return_value`); inside a larger expression → `await _anymig_gather(...)` (a generated module helper returning the results in order); `return_exceptions=True` and a surrounding try/except (exception groups) are flagged)md",
     .doc = R"md(
## What it does

Rewrites `await asyncio.gather(...)` used as a whole statement into an anyio task group. An awaited
gather inside a larger expression (`sum(await asyncio.gather(...))`, `print(...)`, `return f(...)`)
becomes `await _anymig_gather(...)`, a module-level helper generated once per module after the imports
(removed again when no call is left) that runs the awaitables in a task group and returns their
results in argument order; its arguments are evaluated before it starts, as asyncio's are. The same
try/except condition applies; keyword arguments (`return_exceptions=False`) keep the site flagged.

- Results unused: `await asyncio.gather(a(), b(x))` → `async with anyio.create_task_group() as tg:` with
  `tg.start_soon(a)` and `tg.start_soon(b, x)`; keyword arguments go through `functools.partial`.
  `gather(*[f(i) for i in xs if c])` becomes a `for` loop starting one task per item (when the loop
  variable is free in the function); other awaitables (coroutine objects, `*coros`) are awaited by a
  two-line local helper `run_awaitable`.
- Results used (`r1, r2 = await gather(...)`, `results = await gather(*coros)`, `return await gather(...)`,
  augmented assignments): a small local helper `store_result(index, coro)` stores each result at its
  argument's index in a list (`results = [None] * n`), so the order is the argument order whatever the
  finishing order; the list is then assigned or returned. `results = await gather(...)` fills `results`
  directly. `*args` and mixed arguments are first collected into `awaitables = [...]`.
- With `--target-anyio 4.14` or later, results are collected with `tg.create_task(coro)` handles and
  their `return_value` (shorter: no helper).
- `return_exceptions=False` is dropped. Calls of plain `def` functions of the module and of asyncio
  functions are treated as awaitables (their result may be a future, which `start_soon` cannot run).

## Why

The seed report left gather "needing manual implementation" because "results need to be collected
differently". `asyncio.gather` only runs on the asyncio loop; a task group runs on asyncio and trio and
never leaves orphaned tasks behind.

## Example

From `test-inputs/python/gather/basic.py`:

```python
@fixture basic.py 9-11
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 10-16
```

From `test-inputs/python/gather/basic.py`:

```python
async def pairs(x):
    first, second = await asyncio.gather(fetch(1), fetch(x))
    return first + second
```

becomes (`basic.expected.py`):

```python
async def pairs(x):
    results = [None] * 2

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        tg.start_soon(store_result, 0, fetch(1))
        tg.start_soon(store_result, 1, fetch(x))
    first, second = results
    return first + second
```

From `test-inputs/python/gather/basic.py`:

```python
async def listed(coros):
    results = await asyncio.gather(*coros)
    return results
```

becomes (`basic.expected.py`):

```python
async def listed(coros):
    awaitables = list(coros)
    results = [None] * len(awaitables)

    async def store_result(index, coro):
        results[index] = await coro

    async with anyio.create_task_group() as tg:
        for index, coro in enumerate(awaitables):
            tg.start_soon(store_result, index, coro)
    return results
```


With `--target-anyio 4.14` (`target_414.py` → `target_414.expected.py`):

```python
async def pairs(x):
    async with anyio.create_task_group() as tg:
        task1 = tg.create_task(fetch(1))
        task2 = tg.create_task(fetch(x))
    first, second = [task1.return_value, task2.return_value]
    return first + second
```

## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | `asyncio.gather(..., return_exceptions=True) turns failures into result values; ...` | A task group cancels the other tasks and raises instead; catch inside each task to keep the behaviour. |
| needs-review | `asyncio.gather() inside try/except (line N): a task group raises an ExceptionGroup on anyio 4, ...` | `except SomeError` would no longer match on anyio 4; needs `except*` or `exceptiongroup.catch()`. |
| needs-review | `asyncio.gather() kept: the awaited value is used inside a larger expression; ...` | Only with keyword arguments or when the helper name `_anymig_gather` is taken; else the helper is used. |
| needs-review | `asyncio.gather() is not awaited where it is called ...` | The gathering future is stored, cancelled or passed on; anyio has no such future. |
| needs-review | `asyncio.gather() arguments contain await/yield/:=, ...` | Argument evaluation would interleave with the started tasks. |
| needs-review | `asyncio.gather(...) has comments inside its arguments: ...` | The rewrite regenerates the argument list; comments would be lost. |
| needs-review | `asyncio.gather(**kwargs): ...`, `asyncio.gather() with no awaitables: ...`, unexpected keywords, outside an async function | Cannot be proven equivalent. |

From `test-inputs/python/gather/flagged.py` (`flagged.expected.txt`):

```text
14:23: AM201 [fixed] asyncio.gather(...) -> _anymig_gather(...), a generated module helper that runs the awaitables in an anyio task group and returns their results in order (the awaited value is used inside a larger expression)
49:11: AM201 [fixed] await asyncio.gather(...) -> async with anyio.create_task_group(): one task per awaitable
23:11: AM201 [needs-review] asyncio.gather(..., return_exceptions=True) turns failures into result values; an anyio task group cancels the other tasks and raises instead: catch the exception inside each task and store it in the results list to keep this behaviour
25:22: AM201 [needs-review] asyncio.gather() inside try/except (line 24): a task group raises an ExceptionGroup on anyio 4, not the first exception, and cancels the other awaitables when one fails; rewrite the handler with `except*` (or exceptiongroup.catch()) and migrate by hand
29:14: AM201 [needs-review] asyncio.gather() is not awaited where it is called (its future is stored, cancelled or passed on): anyio has no gathering future; run the awaitables in `async with anyio.create_task_group() as tg:` where they are awaited
30:11: AM201 [needs-review] asyncio.gather() arguments contain await/yield/:=, which would now run interleaved with the started tasks; compute them before the gather
31:11: AM201 [needs-review] asyncio.gather(...) has comments inside its arguments: migrate by hand to an anyio task group so they are kept
35:11: AM201 [needs-review] asyncio.gather(**kwargs): cannot tell whether return_exceptions is passed; migrate by hand
36:11: AM201 [needs-review] asyncio.gather() with no awaitables: replace it with `[]`
41:12: AM201 [needs-review] asyncio.gather() is not awaited where it is called (its future is stored, cancelled or passed on): anyio has no gathering future; run the awaitables in `async with anyio.create_task_group() as tg:` where they are awaited
```

## Fix safety

Safe under these conditions (the rule checks all but the last two): the gather is awaited in an async
function (a whole statement, or through the helper), not inside a `try` with `except` clauses in the same function, without
`return_exceptions=True`, without await/yield/walrus in its arguments; each argument that is a call of a
function is a call of a coroutine function (calls of asyncio functions and of the module's own plain
`def`s are awaited through the helper instead). Differences that remain, by design of structured
concurrency: when one awaitable fails, the others are cancelled (asyncio lets them run on, orphaned),
and on anyio 4 the failure reaches callers wrapped in an `ExceptionGroup` (anyio 3 raises a single
failure unwrapped). Callers that catch the exception further up must handle the group.
When `anyio` (or `functools`) is bound to something else at the site, the site is reported as needs-review instead (see [AM001 imports](imports.md)). Generated local names (`tg`, `results`, `store_result`, ...) are chosen so they are used nowhere else in the function (`tg2`, ... otherwise).

## Target versions

`--target-anyio` below 4.14 (default 4.0): the start_soon/helper forms, which also run on anyio 3.x.
4.14 and later: `tg.create_task()` and `TaskHandle.return_value` for results.
)md"},
    {"asyncio.gather", "asyncio.tasks.gather"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        python::CallArgs a = ctx.args(site.arguments);
        if (a.hasComment)
            return Flag{SiteStatus::NeedsReview, "asyncio.gather(...) has comments inside its arguments: migrate by "
                                                 "hand to an anyio task group so they are kept"};
        if (a.hasDoubleStar)
            return Flag{SiteStatus::NeedsReview, "asyncio.gather(**kwargs): cannot tell whether return_exceptions "
                                                 "is passed; migrate by hand"};
        for (TSNode k : a.keywords) {
            std::string name = ctx.str(field(k, "name"));
            TSNode v = field(k, "value");
            if (name == "return_exceptions" && is(v, "false")) continue;
            if (name == "return_exceptions")
                return Flag{SiteStatus::NeedsReview,
                            "asyncio.gather(..., return_exceptions=" + ctx.str(v) +
                                ") turns failures into result values; an anyio task group cancels the other tasks "
                                "and raises instead: catch the exception inside each task and store it in the "
                                "results list to keep this behaviour"};
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.gather() with the unexpected argument `" + name + "=`: migrate by hand"};
        }
        if (!is(ctx.syntax.parent(site.call), "await"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.gather() is not awaited where it is called (its future is stored, cancelled or "
                        "passed on): anyio has no gathering future; run the awaitables in "
                        "`async with anyio.create_task_group() as tg:` where they are awaited"};
        if (!inAsyncDef(ctx.syntax, site.call))
            return Flag{SiteStatus::NeedsReview, "asyncio.gather() outside an async function: migrate by hand"};
        auto stmt = awaitStatement(ctx, site.call);
        TSNode handler = enclosingHandlerTry(ctx, site.call);
        if (!stmt && isNull(handler) && a.keywords.empty() && !namedChildren(site.arguments).empty() &&
            helperNameBlocked(ctx, site.call, kGatherHelper).empty()) {
            // In an expression: the generated helper runs the same task group and returns the
            // results list; the arguments are evaluated before it starts, as before.
            Rewrite r;
            r.fix.edits.push_back(replaceNode(site.callee, kGatherHelper));
            r.fix.imports.push_back("anyio");
            r.message = "asyncio.gather(...) -> _anymig_gather(...), a generated module helper that runs the "
                        "awaitables in an anyio task group and returns their results in order (" +
                        notStatementReason(ctx, site.call) + ")";
            return r;
        }
        if (!isNull(handler))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.gather() inside try/except (line " + std::to_string(python::rowOf(handler)) +
                            "): a task group raises an ExceptionGroup on anyio 4, not the first exception, and "
                            "cancels the other awaitables when one fails; rewrite the handler with `except*` "
                            "(or exceptiongroup.catch()) and migrate by hand"};
        if (!stmt)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.gather() kept: " + notStatementReason(ctx, site.call) +
                            "; an anyio task group is a block, so assign the results first "
                            "(`results = await asyncio.gather(...)`) and use them after it"};
        if (containsType(site.arguments, {"await", "yield", "named_expression"}))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.gather() arguments contain await/yield/:=, which would now run interleaved with the "
                        "started tasks; compute them before the gather"};
        TSNode fn = enclosingFunction(ctx.syntax, site.call);
        bool at414 = targetAnyio(ctx).atLeast(4, 14);
        std::vector<Element> elements;
        bool needsFunctools = false;
        for (TSNode c : namedChildren(site.arguments)) {
            if (is(c, "keyword_argument") || is(c, "comment")) continue;
            Element e;
            if (is(c, "list_splat")) {
                e.kind = Element::Star;
                e.node = namedChildren(c).empty() ? c : namedChildren(c)[0];
            } else {
                e.node = c;
                bool partial = false;
                if (is(c, "call") && !knownSyncFunction(ctx, field(c, "function")))
                    e.startSoon = startSoonArgs(ctx, c, partial);
                if (!e.startSoon.empty()) {
                    e.kind = Element::Call;
                    needsFunctools = needsFunctools || partial;
                }
            }
            elements.push_back(e);
        }
        if (elements.empty())
            return Flag{SiteStatus::NeedsReview, "asyncio.gather() with no awaitables: replace it with `[]`"};

        std::set<std::string> taken;
        const std::string& nl = ctx.newline();
        std::string indent = ctx.indentAt(python::beginOf(stmt->stmt));
        std::string u = indentUnit(ctx, stmt->stmt);
        std::string tg = freshName(ctx, site.call, "tg", taken);
        std::string groupLine = "async with anyio.create_task_group() as " + tg + ":";
        bool used = stmt->kind != AwaitStatement::Bare;
        std::string prefix;  // "r1, r2 = " or "return "
        if (used)
            prefix = std::string(ctx.source.text(), python::beginOf(stmt->stmt),
                                 python::beginOf(stmt->await) - python::beginOf(stmt->stmt));
        bool hasStar = false, allCalls = true;
        for (const Element& e : elements) {
            hasStar = hasStar || e.kind == Element::Star;
            allCalls = allCalls && e.kind == Element::Call;
        }
        // The awaitables as one iterable expression (for the loop forms).
        auto iterable = [&](bool needList) -> std::string {
            if (elements.size() == 1 && elements[0].kind == Element::Star) {
                TSNode x = elements[0].node;
                if (is(x, "list_comprehension") || is(x, "list")) return ctx.str(x);
                if (!needList) return ctx.str(x);
                return "list(" + ctx.str(x) + ")";
            }
            std::string s = "[";
            for (std::size_t i = 0; i < elements.size(); ++i) {
                if (i) s += ", ";
                s += (elements[i].kind == Element::Star ? "*" : "") + ctx.str(elements[i].node);
            }
            return s + "]";
        };

        std::vector<std::string> lines;
        std::string message;
        if (!used) {
            std::string run;  // helper awaiting a coroutine object (anyio < 4.14)
            std::vector<std::string> body;
            for (const Element& e : elements) {
                if (e.kind == Element::Call) {
                    body.push_back(u + tg + ".start_soon(" + e.startSoon + ")");
                    continue;
                }
                TSNode compBody{}, forClause{};
                std::vector<TSNode> ifs;
                if (e.kind == Element::Star && simpleComprehension(ctx, e.node, fn, compBody, forClause, ifs)) {
                    bool partial = false;
                    std::string args = knownSyncFunction(ctx, field(compBody, "function"))
                                           ? std::string()
                                           : startSoonArgs(ctx, compBody, partial);
                    if (!args.empty()) {
                        needsFunctools = needsFunctools || partial;
                        std::string in = u;
                        body.push_back(in + "for " + ctx.str(field(forClause, "left")) + " in " +
                                       ctx.str(field(forClause, "right")) + ":");
                        in += u;
                        for (TSNode c : ifs) {
                            body.push_back(in + "if " + ctx.str(namedChildren(c)[0]) + ":");
                            in += u;
                        }
                        body.push_back(in + tg + ".start_soon(" + args + ")");
                        continue;
                    }
                }
                if (!at414 && run.empty()) run = freshName(ctx, site.call, "run_awaitable", taken);
                std::string spawn = at414 ? tg + ".create_task(%)" : tg + ".start_soon(" + run + ", %)";
                auto with = [&](const std::string& x) {
                    std::string s = spawn;
                    return s.replace(s.find('%'), 1, x);
                };
                if (e.kind == Element::Star) {
                    std::string aw = freshName(ctx, site.call, "coro", taken);
                    body.push_back(u + "for " + aw + " in " + ctx.str(e.node) + ":");
                    body.push_back(u + u + with(aw));
                } else {
                    body.push_back(u + with(ctx.str(e.node)));
                }
            }
            if (!run.empty()) {
                lines.push_back("async def " + run + "(coro):");
                lines.push_back(u + "await coro");
                lines.push_back("");
            }
            lines.push_back(groupLine);
            lines.insert(lines.end(), body.begin(), body.end());
            message = "await asyncio.gather(...) -> async with anyio.create_task_group(): one task per awaitable";
        } else if (at414) {
            lines.push_back(groupLine);
            if (!hasStar) {
                std::vector<std::string> handles;
                for (std::size_t i = 0; i < elements.size(); ++i) {
                    handles.push_back(freshName(ctx, site.call, "task" + std::to_string(i + 1), taken));
                    lines.push_back(u + handles.back() + " = " + tg + ".create_task(" + ctx.str(elements[i].node) + ")");
                }
                std::string values = "[";
                for (std::size_t i = 0; i < handles.size(); ++i) values += (i ? ", " : "") + handles[i] + ".return_value";
                lines.push_back(prefix + values + "]");
            } else {
                std::string handles = freshName(ctx, site.call, "tasks", taken);
                lines.push_back(u + handles + " = [" + tg + ".create_task(coro) for coro in " + iterable(false) + "]");
                lines.push_back(prefix + "[task.return_value for task in " + handles + "]");
            }
            message = "await asyncio.gather(...) -> anyio task group with tg.create_task(); results read from each "
                      "handle's return_value in order";
        } else {
            // Results collected by index through a small local helper.
            std::string results;
            TSNode assign = stmt->kind == AwaitStatement::Assign ? namedChildren(stmt->stmt)[0] : TSNode{};
            TSNode left = field(assign, "left");
            if (is(assign, "assignment") && is(left, "identifier") && isNull(field(assign, "type")) &&
                ctx.text(left) != "index" && ctx.text(left) != "coro" && nameUnused(ctx, site.call, ctx.str(left)))
                results = ctx.str(left);  // `results = await gather(...)`: fill that list directly
            std::string listName = results.empty() ? freshName(ctx, site.call, "results", taken) : results;
            std::string store = freshName(ctx, site.call, "store_result", taken);
            std::vector<std::string> body;
            std::string count;
            std::string awaitables;
            if (!hasStar) {
                count = std::to_string(elements.size());
                for (std::size_t i = 0; i < elements.size(); ++i)
                    body.push_back(u + tg + ".start_soon(" + store + ", " + std::to_string(i) + ", " +
                                   ctx.str(elements[i].node) + ")");
            } else {
                awaitables = freshName(ctx, site.call, "awaitables", taken);
                std::string index = freshName(ctx, site.call, "index", taken);
                std::string coro = freshName(ctx, site.call, "coro", taken);
                lines.push_back(awaitables + " = " + iterable(true));
                count = "len(" + awaitables + ")";
                body.push_back(u + "for " + index + ", " + coro + " in enumerate(" + awaitables + "):");
                body.push_back(u + u + tg + ".start_soon(" + store + ", " + index + ", " + coro + ")");
            }
            lines.push_back(listName + " = [None] * " + count);
            lines.push_back("");
            lines.push_back("async def " + store + "(index, coro):");
            lines.push_back(u + listName + "[index] = await coro");
            lines.push_back("");
            lines.push_back(groupLine);
            lines.insert(lines.end(), body.begin(), body.end());
            if (results.empty()) lines.push_back(prefix + listName);
            message = "await asyncio.gather(...) -> anyio task group; results collected in order by a local helper";
            needsFunctools = false;
        }
        Rewrite r;
        r.fix.edits.push_back(replaceNode(stmt->stmt, join(lines, indent, nl)));
        r.fix.imports.push_back("anyio");
        if (needsFunctools) r.fix.imports.push_back("functools");
        r.message = message;
        return r;
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
