// AM201 gather: `await asyncio.gather(...)` as a whole statement -> an anyio task group.
// Results unused: one tg.start_soon(f, *args) per awaitable. Results used (assigned or
// returned): they are collected in order by a small generated local helper (or, for a
// target anyio >= 4.14, by tg.create_task() handles and their return_value).
// return_exceptions=True, a surrounding try/except, and values used in a larger expression
// are flagged with the reason.
#include "rewrites/asyncio_to_anyio/helpers.h"
#include "rewrites/asyncio_to_anyio/module_summary.h"
#include "rewrites/asyncio_to_anyio/sibling_failure.h"
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

// What an asyncio.gather() site is, found once; the cases below read it.
struct GatherPlan {
    const CallSite* site = nullptr;
    python::CallArgs a;
    TSNode returnExceptions{};     // return_exceptions=<not False>
    std::string unexpectedKeyword;  // another keyword
    std::optional<AwaitStatement> stmt;
    TSNode handler{};              // an enclosing try with except clauses
    std::string farHandler;        // else: a caller's in another module of the run (crossModuleCatcher)
    bool caught() const { return !isNull(handler) || !farHandler.empty(); }
    bool helperFree = false;       // the module helper's name is free here
    std::vector<Element> elements;
    bool needsFunctools = false;
    SiblingFailure failure;        // how a failure of one awaitable is seen (when not caught)
    // Every other case lets the site be rewritten (statement or helper form).
    bool rewritable(const Context& ctx) const {
        return is(ctx.syntax.parent(site->call), "await") && inAsyncDef(ctx.syntax, site->call) && !caught() &&
               (stmt || (a.keywords.empty() && helperFree)) && !elements.empty() &&
               !containsType(site->arguments, {"await", "yield", "named_expression"});
    }
};

// The arguments as elements: calls that start_soon() can run, `*iterable`, other awaitables.
void readElements(GatherPlan& g, const Context& ctx) {
    for (TSNode c : namedChildren(g.site->arguments)) {
        if (is(c, "keyword_argument") || is(c, "comment")) continue;
        Element e;
        if (is(c, "list_splat")) {
            e.kind = Element::Star;
            e.node = namedChildren(c).empty() ? c : namedChildren(c)[0];
        } else {
            e.node = c;
            bool partial = false;
            if (is(c, "call") && !knownSyncFunction(ctx, field(c, "function"))) e.startSoon = startSoonArgs(ctx, c, partial);
            if (!e.startSoon.empty()) {
                e.kind = Element::Call;
                g.needsFunctools = g.needsFunctools || partial;
            }
        }
        g.elements.push_back(e);
    }
}

std::optional<GatherPlan> planGather(const CallSite& site, Context& ctx) {
    GatherPlan g;
    g.site = &site;
    g.a = ctx.args(site.arguments);
    for (TSNode k : g.a.keywords) {
        std::string name = ctx.str(field(k, "name"));
        TSNode v = field(k, "value");
        if (name == "return_exceptions" && is(v, "false")) continue;
        if (name == "return_exceptions") g.returnExceptions = v;
        else g.unexpectedKeyword = name;
        break;
    }
    g.stmt = awaitStatement(ctx, site.call);
    g.handler = enclosingHandlerTry(ctx, site.call);
    if (isNull(g.handler)) g.handler = callerHandlerTry(ctx, site.call);
    if (isNull(g.handler)) g.farHandler = crossModuleCatcher(ctx, site.call);
    g.helperFree = helperNameBlocked(ctx, site.call, kGatherHelper).empty();
    readElements(g, ctx);
    if (g.rewritable(ctx)) {
        std::vector<TSNode> args;
        for (const Element& e : g.elements) args.push_back(e.node);
        g.failure = siblingFailure(ctx, site.call, args);
    }
    return g;
}

// The generated statement's pieces: names are taken in the order the text needs them.
struct GatherText {
    const GatherPlan& g;
    Context& ctx;
    std::set<std::string> taken;
    std::string u, tg, groupLine, prefix;  // prefix: "r1, r2 = " or "return "
    std::vector<std::string> lines;
    bool needsFunctools;

    GatherText(const GatherPlan& plan, Context& c) : g(plan), ctx(c), needsFunctools(plan.needsFunctools) {
        u = indentUnit(ctx, g.stmt->stmt);
        tg = fresh("tg");
        groupLine = "async with anyio.create_task_group() as " + tg + ":";
        if (g.stmt->kind != AwaitStatement::Bare)
            prefix = std::string(ctx.source.text(), python::beginOf(g.stmt->stmt),
                                 python::beginOf(g.stmt->await) - python::beginOf(g.stmt->stmt));
    }
    std::string fresh(const std::string& base) { return freshName(ctx, g.site->call, base, taken); }
    bool hasStar() const {
        for (const Element& e : g.elements)
            if (e.kind == Element::Star) return true;
        return false;
    }
    // The awaitables as one iterable expression (for the loop forms).
    std::string iterable(bool needList) const {
        const auto& el = g.elements;
        if (el.size() == 1 && el[0].kind == Element::Star) {
            TSNode x = el[0].node;
            if (is(x, "list_comprehension") || is(x, "list") || !needList) return ctx.str(x);
            return "list(" + ctx.str(x) + ")";
        }
        std::string s = "[";
        for (std::size_t i = 0; i < el.size(); ++i) s += (i ? ", " : "") + std::string(el[i].kind == Element::Star ? "*" : "") + ctx.str(el[i].node);
        return s + "]";
    }
};

// `*[f(x) for x in xs if c]`: a for statement starting one task per item (false: not that shape).
bool startComprehension(GatherText& t, const Element& e, std::vector<std::string>& body) {
    TSNode compBody{}, forClause{};
    std::vector<TSNode> ifs;
    TSNode fn = enclosingFunction(t.ctx.syntax, t.g.site->call);
    if (e.kind != Element::Star || !simpleComprehension(t.ctx, e.node, fn, compBody, forClause, ifs)) return false;
    bool partial = false;
    std::string args =
        knownSyncFunction(t.ctx, field(compBody, "function")) ? std::string() : startSoonArgs(t.ctx, compBody, partial);
    if (args.empty()) return false;
    t.needsFunctools = t.needsFunctools || partial;
    std::string in = t.u;
    body.push_back(in + "for " + t.ctx.str(field(forClause, "left")) + " in " + t.ctx.str(field(forClause, "right")) + ":");
    in += t.u;
    for (TSNode c : ifs) {
        body.push_back(in + "if " + t.ctx.str(namedChildren(c)[0]) + ":");
        in += t.u;
    }
    body.push_back(in + t.tg + ".start_soon(" + args + ")");
    return true;
}

// Results unused: one task per awaitable (coroutine objects through a small local helper
// below anyio 4.14, tg.create_task() from 4.14).
std::string startAll(GatherText& t) {
    const bool at414 = targetAnyio(t.ctx).atLeast(4, 14);
    std::string run;  // helper awaiting a coroutine object (anyio < 4.14)
    std::vector<std::string> body;
    for (const Element& e : t.g.elements) {
        if (e.kind == Element::Call) {
            body.push_back(t.u + t.tg + ".start_soon(" + e.startSoon + ")");
            continue;
        }
        if (startComprehension(t, e, body)) continue;
        if (!at414 && run.empty()) run = t.fresh("run_awaitable");
        auto spawn = [&](const std::string& x) {
            return at414 ? t.tg + ".create_task(" + x + ")" : t.tg + ".start_soon(" + run + ", " + x + ")";
        };
        if (e.kind == Element::Star) {
            std::string aw = t.fresh("coro");
            body.push_back(t.u + "for " + aw + " in " + t.ctx.str(e.node) + ":");
            body.push_back(t.u + t.u + spawn(aw));
        } else {
            body.push_back(t.u + spawn(t.ctx.str(e.node)));
        }
    }
    if (!run.empty()) t.lines.insert(t.lines.end(), {"async def " + run + "(coro):", t.u + "await coro", ""});
    t.lines.push_back(t.groupLine);
    t.lines.insert(t.lines.end(), body.begin(), body.end());
    return "await asyncio.gather(...) -> async with anyio.create_task_group(): one task per awaitable";
}

// Results used, anyio >= 4.14: tg.create_task() handles and their return_value, in order.
std::string createTasks(GatherText& t) {
    t.lines.push_back(t.groupLine);
    const auto& el = t.g.elements;
    if (!t.hasStar()) {
        std::vector<std::string> handles;
        for (std::size_t i = 0; i < el.size(); ++i) {
            handles.push_back(t.fresh("task" + std::to_string(i + 1)));
            t.lines.push_back(t.u + handles.back() + " = " + t.tg + ".create_task(" + t.ctx.str(el[i].node) + ")");
        }
        std::string values = "[";
        for (std::size_t i = 0; i < handles.size(); ++i) values += (i ? ", " : "") + handles[i] + ".return_value";
        t.lines.push_back(t.prefix + values + "]");
    } else {
        std::string handles = t.fresh("tasks");
        t.lines.push_back(t.u + handles + " = [" + t.tg + ".create_task(coro) for coro in " + t.iterable(false) + "]");
        t.lines.push_back(t.prefix + "[task.return_value for task in " + handles + "]");
    }
    return "await asyncio.gather(...) -> anyio task group with tg.create_task(); results read from each handle's "
           "return_value in order";
}

// Results used, anyio < 4.14: collected by index through a small local helper.
std::string storeResults(GatherText& t) {
    const GatherPlan& g = t.g;
    std::string results;
    TSNode assign = g.stmt->kind == AwaitStatement::Assign ? namedChildren(g.stmt->stmt)[0] : TSNode{};
    TSNode left = field(assign, "left");
    if (is(assign, "assignment") && is(left, "identifier") && isNull(field(assign, "type")) && t.ctx.text(left) != "index" &&
        t.ctx.text(left) != "coro" && nameUnused(t.ctx, g.site->call, t.ctx.str(left)))
        results = t.ctx.str(left);  // `results = await gather(...)`: fill that list directly
    std::string listName = results.empty() ? t.fresh("results") : results;
    std::string store = t.fresh("store_result");
    std::vector<std::string> body;
    std::string count;
    if (!t.hasStar()) {
        count = std::to_string(g.elements.size());
        for (std::size_t i = 0; i < g.elements.size(); ++i)
            body.push_back(t.u + t.tg + ".start_soon(" + store + ", " + std::to_string(i) + ", " +
                           t.ctx.str(g.elements[i].node) + ")");
    } else {
        std::string awaitables = t.fresh("awaitables"), index = t.fresh("index"), coro = t.fresh("coro");
        t.lines.push_back(awaitables + " = " + t.iterable(true));
        count = "len(" + awaitables + ")";
        body.push_back(t.u + "for " + index + ", " + coro + " in enumerate(" + awaitables + "):");
        body.push_back(t.u + t.u + t.tg + ".start_soon(" + store + ", " + index + ", " + coro + ")");
    }
    t.lines.insert(t.lines.end(), {listName + " = [None] * " + count, "", "async def " + store + "(index, coro):",
                                   t.u + listName + "[index] = await coro", "", t.groupLine});
    t.lines.insert(t.lines.end(), body.begin(), body.end());
    if (results.empty()) t.lines.push_back(t.prefix + listName);
    t.needsFunctools = false;
    return "await asyncio.gather(...) -> anyio task group; results collected in order by a local helper";
}

Outcome taskGroup(const GatherPlan& g, Context& ctx) {
    GatherText t(g, ctx);
    std::string message = g.stmt->kind == AwaitStatement::Bare ? startAll(t)
                          : targetAnyio(ctx).atLeast(4, 14)     ? createTasks(t)
                                                                : storeResults(t);
    Rewrite r;
    r.fix.edits.push_back(replaceNode(g.stmt->stmt, join(t.lines, ctx.indentAt(python::beginOf(g.stmt->stmt)), ctx.newline())));
    r.fix.imports.push_back("anyio");
    if (t.needsFunctools) r.fix.imports.push_back("functools");
    r.message = message;
    return r;
}

using P = GatherPlan;

Outcome review(const std::string& why) { return Flag{SiteStatus::NeedsReview, why}; }

// With --unsafe-fixes a site whose failure reaches code the module does not show is rewritten,
// and its message says so.
Outcome optedIn(Outcome o, const GatherPlan& g) {
    if (auto* r = std::get_if<Rewrite>(&o); r && !g.failure.unseen.empty())
        r->message += " (unsafe fix, opted in: " + g.failure.unseen + ")";
    return o;
}

// Long on purpose: a table of the cases, in order, one entry per case.
std::vector<PlanCase<P>> gatherCases() {
    return {
        // `t = asyncio.create_task(...)` ... `await asyncio.gather(t, ...)`: AM205 runs the
        // tasks in one task group and reads their results, or keeps them and this gather.
        {"tasks created in the same function", [](const P& g, const Context& ctx) { return gathersCreatedTasks(ctx, g.site->call); },
         [](const P&, Context&) -> Outcome { return Skip{}; }},
        {"comments inside the arguments", [](const P& g, const Context&) { return g.a.hasComment; },
         [](const P&, Context&) {
             return review("asyncio.gather(...) has comments inside its arguments: migrate by hand to an anyio task "
                           "group so they are kept");
         }},
        {"**kwargs", [](const P& g, const Context&) { return g.a.hasDoubleStar; },
         [](const P&, Context&) {
             return review("asyncio.gather(**kwargs): cannot tell whether return_exceptions is passed; migrate by hand");
         }},
        {"return_exceptions", [](const P& g, const Context&) { return !isNull(g.returnExceptions); },
         [](const P& g, Context& ctx) {
             return review("asyncio.gather(..., return_exceptions=" + ctx.str(g.returnExceptions) +
                           ") turns failures into result values; an anyio task group cancels the other tasks and "
                           "raises instead: catch the exception inside each task and store it in the results list to "
                           "keep this behaviour");
         }},
        {"an unexpected keyword", [](const P& g, const Context&) { return !g.unexpectedKeyword.empty(); },
         [](const P& g, Context&) {
             return review("asyncio.gather() with the unexpected argument `" + g.unexpectedKeyword + "=`: migrate by hand");
         }},
        {"not awaited where it is called", [](const P& g, const Context& ctx) { return !is(ctx.syntax.parent(g.site->call), "await"); },
         [](const P&, Context&) {
             return review("asyncio.gather() is not awaited where it is called (its future is stored, cancelled or "
                           "passed on): anyio has no gathering future; run the awaitables in "
                           "`async with anyio.create_task_group() as tg:` where they are awaited");
         }},
        {"outside an async function", [](const P& g, const Context& ctx) { return !inAsyncDef(ctx.syntax, g.site->call); },
         [](const P&, Context&) { return review("asyncio.gather() outside an async function: migrate by hand"); }},
        // A failure of one awaitable: asyncio leaves the others running, a task group cancels
        // them first; kept where that can be told apart (sibling_failure.h).
        {"the others' work observable after a failure",
         [](const P& g, const Context& ctx) { return g.rewritable(ctx) && !g.failure.why.empty(); },
         [](const P& g, Context&) { return review("asyncio.gather() kept: " + g.failure.why); }},
        {"a failure reaching code not seen, without --unsafe-fixes",
         [](const P& g, const Context& ctx) {
             return g.rewritable(ctx) && !g.failure.unseen.empty() && !ctx.unsafeFixes();
         },
         [](const P& g, Context&) {
             return review("asyncio.gather(): its failure reaches code this module does not show (" + g.failure.unseen +
                           "), where asyncio leaves the other awaitables running and raises the failure itself, a "
                           "task group cancels them and raises an ExceptionGroup (anyio 4); check what the callers "
                           "do with a failure (rewritten with --unsafe-fixes)");
         }},
        // In an expression: the generated helper runs the same task group and returns the
        // results list; the arguments are evaluated before it starts, as before.
        {"awaited inside an expression",
         [](const P& g, const Context&) {
             return !g.stmt && !g.caught() && g.a.keywords.empty() && !namedChildren(g.site->arguments).empty() &&
                    g.helperFree;
         },
         [](const P& g, Context& ctx) -> Outcome {
             return optedIn(callHelper(*g.site, ctx, kGatherHelper,
                               "asyncio.gather(...) -> _anymig_gather(...), a generated module helper that runs the "
                               "awaitables in an anyio task group and returns their results in order"),
                            g);
         }},
        {"inside try/except", [](const P& g, const Context&) { return g.caught(); },
         [](const P& g, Context& ctx) {
             return review("asyncio.gather() inside " +
                           (isNull(g.handler) ? std::string("try/except") : handlerPhrase(ctx, g.handler)) + " (" +
                           (isNull(g.handler) ? g.farHandler : "line " + std::to_string(python::rowOf(g.handler))) +
                           (isNull(g.handler) || contains(g.handler, g.site->call) ? std::string()
                                                                                   : ", in a function calling this one") +
                           "): a task group raises an ExceptionGroup on anyio 4, not the first exception, and cancels "
                           "the other awaitables when one fails; rewrite the handler with `except*` (or "
                           "exceptiongroup.catch()) and migrate by hand");
         }},
        {"not a statement", [](const P& g, const Context&) { return !g.stmt; },
         [](const P& g, Context& ctx) {
             return review("asyncio.gather() kept: " + notStatementReason(ctx, g.site->call) +
                           "; an anyio task group is a block, so assign the results first "
                           "(`results = await asyncio.gather(...)`) and use them after it");
         }},
        {"await/yield/:= in the arguments",
         [](const P& g, const Context&) { return containsType(g.site->arguments, {"await", "yield", "named_expression"}); },
         [](const P&, Context&) {
             return review("asyncio.gather() arguments contain await/yield/:=, which would now run interleaved with the "
                           "started tasks; compute them before the gather");
         }},
        {"no awaitables", [](const P& g, const Context&) { return g.elements.empty(); },
         [](const P&, Context&) { return review("asyncio.gather() with no awaitables: replace it with `[]`"); }},
        {"a statement-level gather", {}, [](const P& g, Context& ctx) { return optedIn(taskGroup(g, ctx), g); }},
    };
}

}  // namespace

extern const PyRule kGather{
    .info = {.id = "AM201",
     .name = "gather",
     .category = "gather",
     .summary = "Replace await asyncio.gather(...) with an anyio task group, collecting results in order",
     .safety = FixSafety::Conditional,
     .brief = R"md(statement-level `await asyncio.gather(...)` → `async with anyio.create_task_group() as tg:` + `tg.start_soon(f, *args)` (keywords via `functools.partial`); results used → collected in argument order by a small local helper (anyio ≥ 4.14: `tg.create_task()` + `return_value`); inside a larger expression → `await _anymig_gather(...)` (a generated module helper returning the results in order); `return_exceptions=True` and a try/except around it, in its function or a calling one of the module (exception groups, cancelled siblings), are flagged; kept where another awaitable's work after one fails stays observable (its awaiting cleanup, a `finally` that awaits on the failure's way out, a task the program outlives), unsafe where the failure reaches callers the module does not show)md",
     .doc = R"md(
## What it does

Rewrites `await asyncio.gather(...)` used as a whole statement into an anyio task group. An awaited
gather inside a larger expression (`sum(await asyncio.gather(...))`, `print(...)`, `return f(...)`)
becomes `await _anymig_gather(...)`, a module-level helper generated once per module after the imports
(removed again when no call is left) that runs the awaitables in a task group and returns their
results in argument order; its arguments are evaluated before it starts, as asyncio's are. The same
try/except condition applies; keyword arguments (`return_exceptions=False`) keep the site flagged.

A gather whose arguments are all names of tasks created in the same function
(`t = asyncio.create_task(...)`) is left to [AM205 create-task](create-task.md), which runs those
tasks in one task group and turns the gather into their results, or keeps and flags both.

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
@fixture basic.expected.py 11-17
```

From `test-inputs/python/gather/basic.py`:

```python
@fixture basic.py 14-16
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 20-30
```

From `test-inputs/python/gather/basic.py`:

```python
@fixture basic.py 19-21
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 33-43
```


With `--target-anyio 4.14` (`target_414.py` → `target_414.expected.py`):

```python
@fixture target_414.expected.py 20-25
```

## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | `asyncio.gather(..., return_exceptions=True) turns failures into result values; ...` | A task group cancels the other tasks and raises instead; catch inside each task to keep the behaviour. |
| needs-review | ``asyncio.gather() inside a task whose failure is read by `t.exception()` (line N, in a function calling this one): ...`` | The function is run as a task (`t = asyncio.create_task(f())`, `ensure_future`) whose failure is read from the task (`t.exception()`, `t.result()`) or awaited inside a handler: the task group's failure is a group, and it finishes a loop step later (it waits for the cancelled siblings), so an early read finds the task still running (CPython's `test_tasks.py` `test_exception_marking`; fixture `task_read.py`, behaviour program `gather_task_exception_refused.py`). |
| needs-review | `asyncio.gather() inside try/except (line N): a task group raises an ExceptionGroup on anyio 4, ...` | `except SomeError` would no longer match on anyio 4; needs `except*` or `exceptiongroup.catch()`. The same for a `with` block that catches by class (`self.assertRaises(E)`, `pytest.raises(E)`, `contextlib.suppress(E)`): ``asyncio.gather() inside a `with` that catches its exceptions (line N): ...`` (fixture `caught_by_with.py`). |
| needs-review | `asyncio.gather() kept: when one awaitable fails the task group cancels the others, and ...`, `asyncio.gather() kept: the \`finally\` block at line N in \`f\` awaits ...`, `... the \`async with\` at line N in \`f\` is left by the failure ...`, `... \`f\` runs as a task ...` | asyncio leaves the other awaitables running after a failure, a task group cancels them first: kept where that shows (see Fix safety; fixture `siblings.py`). |
| needs-review | `asyncio.gather(): its failure reaches code this module does not show (...) ... (rewritten with --unsafe-fixes)` | Unsafe fix: the callers that see the failure are not in the module (fixture `siblings_unsafe.py` with `--unsafe-fixes`). |
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

Safe under these conditions, all checked: the gather is awaited in an async
function (a whole statement, or through the helper), not inside a `try` with `except` clauses in the same function nor
in a function of the module that calls it (directly or through other functions; a method also by its name on an object of
unknown class: `asyncio.gather() inside try/except (line N, in a function calling this one)`), without
`return_exceptions=True`, without await/yield/walrus in its arguments; each argument that is a call of a
function is a call of a coroutine function (calls of asyncio functions and of the module's own plain
`def`s are awaited through the helper instead). When one awaitable fails, asyncio.gather raises
that failure at once and leaves the others running, orphaned (asyncio.run() cancels them once, at
its end); a task group cancels them first, waits for them, then raises (on anyio 4 in an
`ExceptionGroup`). So the rule also checks, over the module (`sibling_failure.cpp`), that nothing
can tell the two apart, and keeps the gather, naming the site, where something can:
- a cancellation handler of another awaitable (followed into the module's functions) awaits
  unshielded or swallows the cancellation: ``asyncio.gather() kept: when one awaitable fails the
  task group cancels the others, and the `finally` block at line N in `f` awaits (line M) ...``
  (behaviour program `gather_sibling_cleanup_refused.py`: asyncio `['upload a: flushed', 'upload b:
  flushed']`, the old migration lost b's flush);
- on the failure's way out, in the gather's function or a calling one, a `finally` block that awaits
  or an `async with` (its `__aexit__` may await): asyncio's orphans run on meanwhile; or any `finally`
  block or `with` exit while another awaitable has a cleanup handler (asyncio runs it before that
  cleanup, a task group after);
- the gather's function, or a function calling it, runs as a task (`create_task`, `ensure_future`,
  `start_soon`, `run_coroutine_threadsafe`): the program goes on after the task fails, and the
  orphans finish their work (behaviour program `gather_worker_task_refused.py`: asyncio
  `['stored a', 'replica-b: row 1']`, the old migration lost replica b's write).
The failure must reach `asyncio.run()` (or `anyio.run`/`trio.run`) through calls the module shows.
Where it cannot be decided (a function with no caller in the module, called from other modules or
by a framework; a function used as a value, e.g. a callback; run by `loop.run_until_complete`, after
which the loop may run the orphans again), the fix is unsafe: flagged ``asyncio.gather(): its
failure reaches code this module does not show (`f` has no caller in this module), ... (rewritten
with --unsafe-fixes)``, and with `--unsafe-fixes` rewritten with the message ending ``(unsafe fix,
opted in: <why>)`` (fixtures `siblings.py`, `siblings_unsafe.py`). A caller in the module that
catches the failure would see both the cancelled siblings and the group, so such a gather is kept
(behaviour program `gather_caller_except_refused.py`: `fetch_all()`'s gather, caught in `main`, was
migrated before and the other backend's fetch was cancelled: `['failed: inventory down']` instead of
`['failed: inventory down', 'prices']`). For a run over several files, a caller in another module
of the run counts too: the run's first pass records, per module, the calls made inside a `try` with
`except` clauses, and the modules importing this one (transitively, through their functions that
reach it) are searched for a call of the gather's function, or of a function reaching it, inside one
(flag: ``asyncio.gather() inside try/except (`main.report` is called from main.py inside
try/except (line 21)): ...``; behaviour program `cross_module_gather_caller_except_refused/`, migrated
before and the prices lost). After the failure asyncio's orphans run on for
the few loop steps before asyncio.run() cancels them (the gather's callback, the caller's wake-up,
the main task's end); this is observable without a race where an awaitable's code yields for
exactly one step and code follows: an `await asyncio.sleep(0)` (a literal zero, also
`anyio.sleep(0)` after the sleep rule) reached from another awaitable (its own code or the module
functions it calls), not followed only by `pass` or a `return` whose value calls nothing. That
gather is kept: ``asyncio.gather() kept: when one awaitable fails asyncio leaves the others running
until asyncio.run() ends, and `ticker()` reaches `anyio.sleep(0)` (line N), which lets it run on
for those loop steps (the task group cancels it at once)`` (behaviour program
`gather_orphan_step_refused.py`: asyncio prints ticks 0-3 before the failure ends the program, the
session-start migration tick 0 only, on both backends; fixture `one_step_yield.py`; AM205 applies
the same check to its task groups). Any other await of an orphan resumes in those steps only when
what it waits for completes in them (a timer that expires, a socket that becomes ready, another
orphan that sets an Event within a few loop steps): that depends on the clock and the peers, not on
the code, so it is timing only and not checked. Cleanup handlers in code outside the run (library coroutines given to the gather) are not
seen, as for every rule of the pack.
When `anyio` (or `functools`) is bound to something else at the site, the site is reported as needs-review instead (see [AM001 imports](imports.md)). Generated local names (`tg`, `results`, `store_result`, ...) are chosen so they are used nowhere else in the function (`tg2`, ... otherwise).

## Target versions

`--target-anyio` below 4.14 (default 4.0): the start_soon/helper forms, which also run on anyio 3.x.
4.14 and later: `tg.create_task()` and `TaskHandle.return_value` for results.
)md"},
    .calls = {"asyncio.gather", "asyncio.tasks.gather"},
    .cases = {{.name = "a gather", .then = planned<GatherPlan>(planGather, gatherCases())}}};

}  // namespace anymig::asyncio_to_anyio
