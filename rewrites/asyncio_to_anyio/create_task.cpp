// AM205 create-task: `t = asyncio.create_task(c(...))` followed, in the same block, by a
// statement `await t` / `x = await t` / `return await t`, by `await asyncio.gather(t, u)` of
// such tasks, or by `t.cancel()` (optionally waited for under `except CancelledError: pass`)
// -> a task group spanning those statements, results collected, a cancel through
// `tg.cancel_scope.cancel()` (only a one-task group, and only when the task's cancellation
// handlers behave the same under a cancelled scope). Several such tasks whose spans overlap
// share one group when their awaits are the group's last statements.
// Fire-and-forget tasks, ensure_future, other .cancel() uses and FastAPI startup handlers are
// flagged with the structured-concurrency alternative.
#include <algorithm>
#include <map>

#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/module_summary.h"
#include "rewrites/asyncio_to_anyio/sibling_failure.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

namespace {

using namespace structured;

std::string lineOf(TSNode n) { return " (line " + std::to_string(rowOf(n)) + ")"; }

const char* kFastApiReason =
    "anyio task groups need an owning async context; FastAPI startup events do not provide one: use a lifespan "
    "context manager";

// The `@<x>.on_event("<event>")` decorator of the function around `n`, or null.
TSNode onEventDecorator(const Context& ctx, TSNode fn, std::string_view event) {
    TSNode decorated = ctx.syntax.parent(fn);
    if (!is(decorated, "decorated_definition")) return TSNode{};
    for (TSNode d : namedChildren(decorated)) {
        if (!is(d, "decorator")) continue;
        auto kids = namedChildren(d);
        if (kids.empty() || !is(kids[0], "call")) continue;
        TSNode f = field(kids[0], "function");
        if (!is(f, "attribute") || ctx.text(field(f, "attribute")) != "on_event") continue;
        auto args = namedChildren(field(kids[0], "arguments"));
        if (args.empty() || !is(args[0], "string")) continue;
        std::string_view s = ctx.text(args[0]);
        if (s == "\"" + std::string(event) + "\"" || s == "'" + std::string(event) + "'") return d;
    }
    return TSNode{};
}

struct Task {
    CallSite site;
    TSNode create{};  // the `t = asyncio.create_task(...)` statement
    // How the task ends: `await t` (await.stmt), `asyncio.gather(t, ...)` awaited as a statement
    // (gather, await.stmt), or `t.cancel()` (cancel) and optionally the statement right after it
    // that waits for the cancelled task (drain).
    enum class End { Await, Gather, Cancel } end = End::Await;
    AwaitStatement await;
    TSNode gather{};
    TSNode cancel{}, cancelCall{}, drain{};
    std::string name;
    TSNode coro{};      // the coroutine argument
    std::string taskName;  // ", name=..." or ""
    bool collects = false;  // goes through the result helper (pre-4.14)
    // The first statement after the group's block that finishes the task, and the last one.
    TSNode firstFinish() const { return end == End::Cancel ? drain : await.stmt; }
    TSNode lastFinish() const { return end != End::Cancel ? await.stmt : isNull(drain) ? cancel : drain; }
};

// "asyncio.create_task()" or "asyncio.ensure_future()", as the site calls it.
std::string what(const CallSite& site) { return "asyncio." + std::string(member(site.qualified)) + "()"; }

// `asyncio.ensure_future(f(...))` where f is an `async def` of this module that is not an async
// generator: ensure_future then wraps the coroutine in a task, exactly as create_task does.
bool wrapsCoroutine(const Context& ctx, const CallSite& site) {
    python::CallArgs a = ctx.args(site.arguments);
    if (a.positional.size() != 1 || !a.keywords.empty() || a.hasStar || a.hasDoubleStar || !is(a.positional[0], "call"))
        return false;
    int fn = ctx.semantics().resolveCall(a.positional[0]);
    if (fn < 0) return false;
    const python::FunctionInfo& f = ctx.semantics().functions()[static_cast<std::size_t>(fn)];
    return f.isAsync && !containsType(field(f.node, "body"), {"yield"});
}

// A create_task()/ensure_future() site: the task it can become part of a group, or why not.
struct TaskSite {
    std::optional<Task> task;
    std::string flag;          // the site's flag ("" for a task)
    bool startupHandler = false;
    TSNode fn{};
};

// The uses of the task's name in its function (other than its own binding).
std::vector<TSNode> usesOfTask(const Context& ctx, const Task& t, TSNode fn, TSNode left) {
    std::vector<TSNode> uses;
    for (TSNode n : ctx.syntax.nodesOfType("identifier", fn)) {
        if (ctx.text(n) == t.name && !sameNode(n, left)) uses.push_back(n);
    }
    return uses;
}

// The canonical name the callee of `call` resolves to ("" when it does not resolve).
std::string calleeName(const Context& ctx, TSNode call) {
    if (!is(call, "call")) return "";
    auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
    return q ? ctx.canonical(*q) : "";
}

// `asyncio.CancelledError`, or `anyio.get_cancelled_exc_class()` (what AM107 makes of it).
bool isCancelledClass(const Context& ctx, TSNode e) {
    if (is(e, "call")) return calleeName(ctx, e) == "anyio.get_cancelled_exc_class" && namedChildren(field(e, "arguments")).empty();
    auto q = ctx.model.resolve(e, ctx.model.scopeOf(e));
    return q && (ctx.canonical(*q) == "asyncio.CancelledError" || ctx.canonical(*q) == "asyncio.exceptions.CancelledError");
}

std::vector<TSNode> statementsOf(TSNode block) {
    std::vector<TSNode> out;
    for (TSNode c : namedChildren(block))
        if (!is(c, "comment")) out.push_back(c);
    return out;
}

// `block` holds exactly the statement `await <use>`.
bool onlyAwaits(TSNode block, TSNode use) {
    auto st = statementsOf(block);
    if (st.size() != 1 || !is(st[0], "expression_statement") || namedChildren(st[0]).size() != 1) return false;
    TSNode aw = namedChildren(st[0])[0];
    return is(aw, "await") && namedChildren(aw).size() == 1 && sameNode(namedChildren(aw)[0], use);
}

// `stmt` waits for the cancelled task and drops its cancellation, nothing else:
//   try: await t / except asyncio.CancelledError: pass     or
//   with contextlib.suppress(asyncio.CancelledError): await t
bool drainsCancelled(const Context& ctx, TSNode stmt, TSNode use) {
    if (is(stmt, "try_statement")) {
        if (!onlyAwaits(field(stmt, "body"), use)) return false;
        std::vector<TSNode> clauses;
        for (TSNode c : namedChildren(stmt))
            if (!is(c, "comment") && !sameNode(c, field(stmt, "body"))) clauses.push_back(c);
        const python::HandlerInfo* h = clauses.size() == 1 ? handlerOf(ctx, clauses[0]) : nullptr;
        if (!h || h->kind != python::HandlerInfo::Kind::Except || h->caught.size() != 1) return false;
        auto body = statementsOf(h->block);
        return isCancelledClass(ctx, h->caught[0]) && body.size() == 1 && is(body[0], "pass_statement");
    }
    if (!is(stmt, "with_statement") || !onlyAwaits(field(stmt, "body"), use)) return false;
    for (TSNode c : python::children(stmt))
        if (python::type(c) == "async") return false;
    auto clause = namedChildren(namedChildren(stmt)[0]);
    if (!is(namedChildren(stmt)[0], "with_clause") || clause.size() != 1) return false;
    TSNode value = field(clause[0], "value");
    if (calleeName(ctx, value) != "contextlib.suppress") return false;
    auto args = namedChildren(field(value, "arguments"));
    return args.size() == 1 && isCancelledClass(ctx, args[0]);
}

// The statement after `stmt` in its block (null at the end).
TSNode nextStatement(const Context& ctx, TSNode stmt) {
    auto st = statementsOf(ctx.syntax.parent(stmt));
    for (std::size_t i = 0; i + 1 < st.size(); ++i)
        if (sameNode(st[i], stmt)) return st[i + 1];
    return TSNode{};
}

// The call `<use>.cancel()` without arguments, or null.
TSNode cancelCallOf(const Context& ctx, TSNode use) {
    TSNode attr = ctx.syntax.parent(use);
    TSNode call = ctx.syntax.parent(attr);
    if (!is(attr, "attribute") || !sameNode(field(attr, "object"), use) || ctx.text(field(attr, "attribute")) != "cancel" ||
        !is(call, "call") || !namedChildren(field(call, "arguments")).empty())
        return TSNode{};
    return call;
}

void flagCancel(Context& ctx, const PyRule& rule, const std::string& task, TSNode call) {
    ctx.flag(rule.info, call, SiteStatus::NeedsReview,
             task + ".cancel(): anyio has no task handles to cancel; run the task in its own task group and cancel that "
                    "with `tg.cancel_scope.cancel()`");
}

// A shield in the cancelled task's code (asyncio.shield, or a shielded anyio scope): the shielded
// work goes on after the cancel; asyncio's caller does not wait for it, a task group does.
std::string shieldWhy(const Context& ctx, const Task& t) {
    for (int fn : ctx.semantics().reachableFrom(t.coro)) {
        const python::FunctionInfo& f = ctx.semantics().functions()[static_cast<std::size_t>(fn)];
        for (const python::Reference& r : ctx.model.references()) {
            bool shieldedScope = r.qualified == "anyio.CancelScope" &&
                                 ctx.str(ctx.syntax.parent(r.node)).find("shield") != std::string::npos;
            if ((ctx.canonical(r.qualified) == "asyncio.shield" || shieldedScope) && contains(f.node, r.node))
                return "the task's code shields work from cancellation (line " + std::to_string(rowOf(r.node)) + " in `" +
                       f.name + "`): it goes on after " + t.name +
                       ".cancel(); asyncio lets this function go on meanwhile, a task group waits for it";
        }
    }
    return {};
}

// Why a cancelled task's handlers would run differently in a task group ("" when they would not).
std::string cancelHandlersWhy(const Context& ctx, const Task& t) {
    // Code the model cannot see (a method of an unknown object, an imported function) may
    // handle the cancellation in any way.
    if (!is(t.coro, "call") || ctx.semantics().resolveCall(t.coro) < 0)
        return "the task runs `" + ctx.str(t.coro) + "`, which is not a function of this module, so how it handles " +
               t.name + ".cancel() cannot be checked: migrate by hand";
    if (std::string why = shieldWhy(ctx, t); !why.empty()) return why;
    for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(t.coro)) {
        if (!catchesCancellation(ctx, *h)) continue;
        if (isNull(t.drain))
            return handlerWhere(ctx, *h) + " runs when the task is cancelled: asyncio runs it after this function goes "
                   "on, a task group before; wait for the task after cancelling it (`try: await " + t.name +
                   "` / `except asyncio.CancelledError: pass`) to keep the order";
        std::string why = unsafeUnderAnyioCancel(ctx, *h, "the task group's cancelled scope",
                                                 "the asyncio task would run on, the task group's cancelled scope "
                                                 "cancels its next await again; make the handler re-raise first");
        if (!why.empty()) return why;
    }
    return {};
}

// `t.cancel()` (uses[0]) as a statement of the create's block, optionally followed by a
// statement that waits for the cancelled task (uses[1]): the task ends by cancellation.
std::string cancelledEnd(Context& ctx, Task& t, const std::vector<TSNode>& uses) {
    TSNode call = cancelCallOf(ctx, uses[0]);
    TSNode stmt = ctx.syntax.parent(call);
    if (!is(stmt, "expression_statement") || namedChildren(stmt).size() != 1 || !ownsLines(ctx, stmt) ||
        !sameNode(ctx.syntax.parent(stmt), ctx.syntax.parent(t.create)) || beginOf(stmt) < endOf(t.create))
        return "the task is cancelled with " + t.name + ".cancel()" + lineOf(uses[0]) +
               " other than as a statement of the block that starts it; run it in its own task group and cancel that "
               "with `tg.cancel_scope.cancel()`";
    TSNode next = nextStatement(ctx, stmt);
    if (uses.size() > 2 || (uses.size() == 2 && (isNull(next) || !drainsCancelled(ctx, next, uses[1]))))
        return "the task is used after " + t.name + ".cancel()" + lineOf(uses[0]) + " other than by `try: await " + t.name +
               "` / `except asyncio.CancelledError: pass` right after it" + lineOf(uses.back()) +
               "; run it in its own task group and cancel that with `tg.cancel_scope.cancel()`";
    t.end = Task::End::Cancel;
    t.cancel = stmt;
    t.cancelCall = call;
    t.drain = uses.size() == 2 ? next : TSNode{};
    return cancelHandlersWhy(ctx, t);
}

// `asyncio.gather(t, ...)` (the single use `use`) awaited as a statement of the create's block.
std::string gatheredEnd(Context& ctx, Task& t, TSNode use) {
    TSNode call = ctx.syntax.parent(ctx.syntax.parent(use));
    auto aw = awaitStatement(ctx, call);
    if (!aw)
        return "asyncio.gather(" + t.name + ", ...)" + lineOf(call) + ": " + notStatementReason(ctx, call) +
               "; assign the results first (`results = await asyncio.gather(...)`)";
    if (!sameNode(ctx.syntax.parent(aw->stmt), ctx.syntax.parent(t.create)) || beginOf(aw->stmt) < endOf(t.create))
        return "asyncio.gather(" + t.name + ", ...)" + lineOf(call) +
               " is in another block than the create_task() call; the task group must span both: migrate by hand";
    t.end = Task::End::Gather;
    t.gather = call;
    t.await = *aw;
    return {};
}

// Why the task cannot be run by a group spanning create..the statement that finishes it ("" when
// it can; then t.end and its statements are set).
std::string whyKept(Context& ctx, const PyRule& rule, Task& t, const std::vector<TSNode>& uses) {
    if (!uses.empty() && !isNull(cancelCallOf(ctx, uses[0]))) {
        std::string why = cancelledEnd(ctx, t, uses);
        if (!why.empty())
            flagCancel(ctx, rule, t.name, cancelCallOf(ctx, uses[0]));
        return why;
    }
    std::string why;
    for (TSNode u : uses) {
        if (isNull(cancelCallOf(ctx, u))) continue;
        flagCancel(ctx, rule, t.name, cancelCallOf(ctx, u));
        if (why.empty())
            why = "the task is cancelled with " + t.name + ".cancel()" + lineOf(u) +
                  " after other uses; run it in its own task group and cancel that with `tg.cancel_scope.cancel()`";
    }
    if (!why.empty()) return why;
    if (uses.size() == 1 && is(ctx.syntax.parent(uses[0]), "argument_list") &&
        isGatherCall(ctx, ctx.syntax.parent(ctx.syntax.parent(uses[0]))) &&
        gathersCreatedTasks(ctx, ctx.syntax.parent(ctx.syntax.parent(uses[0]))))
        return gatheredEnd(ctx, t, uses[0]);
    for (TSNode u : uses)
        if (is(ctx.syntax.parent(u), "argument_list"))
            return "the task is passed on or stored (" + ctx.str(ctx.syntax.parent(ctx.syntax.parent(u))) + ", line " +
                   std::to_string(rowOf(u)) + "): a fire-and-forget task has no owner in anyio; start it with "
                   "`tg.start_soon(func, *args)` in a task group that outlives it (opened in main() or a lifespan context)";
    if (uses.empty())
        return "the task is never awaited (fire-and-forget): anyio tasks need an owning task group; start it with "
               "`tg.start_soon(func, *args)` in a task group that outlives it";
    if (uses.size() > 1)
        return "`" + t.name + "` is used more than once" + lineOf(uses[1]) +
               "; a task group offers no handle: collect results inside the task, cancel with tg.cancel_scope.cancel()";
    auto aw = awaitStatement(ctx, uses[0]);
    if (!aw)
        return "`" + t.name + "` is used other than by a whole-statement `await " + t.name + "`" + lineOf(uses[0]) +
               "; a task group offers no handle: collect the result inside the task";
    if (!sameNode(ctx.syntax.parent(aw->stmt), ctx.syntax.parent(t.create)) || beginOf(aw->stmt) < endOf(t.create))
        return "`await " + t.name + "`" + lineOf(uses[0]) +
               " is in another block than the create_task() call; the task group must span both: migrate by hand";
    t.await = *aw;
    return {};
}

// `t = asyncio.create_task(coro[, name=...])` as a statement of its own: the task, or the flag.
TaskSite assignedTask(Context& ctx, const PyRule& rule, const CallSite& site, TaskSite s) {
    TSNode parent = ctx.syntax.parent(site.call);
    if (!is(parent, "assignment") || !sameNode(field(parent, "right"), site.call) || !is(field(parent, "left"), "identifier") ||
        !isNull(field(parent, "type")) || !is(ctx.syntax.parent(parent), "expression_statement") ||
        !ownsLines(ctx, ctx.syntax.parent(parent))) {
        s.flag = what(site) + " result stored or passed on (a set, list, attribute or call): anyio has no task "
                 "handles; start the work with `tg.start_soon(func, *args)` in a task group that owns it, and collect "
                 "results or cancel through that group (tg.cancel_scope.cancel())";
        return s;
    }
    Task t;
    t.site = site;
    t.create = ctx.syntax.parent(parent);
    t.name = ctx.str(field(parent, "left"));
    python::CallArgs a = ctx.args(site.arguments);
    if (a.hasStar || a.hasDoubleStar || a.hasComment || a.positional.size() != 1) {
        s.flag = what(site) + " with unusual arguments: migrate by hand to a task group";
        return s;
    }
    t.coro = a.positional[0];
    for (TSNode k : a.keywords) {
        if (ctx.text(field(k, "name")) != "name") {
            s.flag = "asyncio.create_task(..., context=...) has no anyio equivalent: migrate by hand";
            return s;
        }
        t.taskName = ", name=" + ctx.str(field(k, "value"));
    }
    std::string why = whyKept(ctx, rule, t, usesOfTask(ctx, t, s.fn, field(parent, "left")));
    if (!why.empty()) s.flag = what(site) + " kept: " + why;
    else s.task = t;
    return s;
}

TaskSite classify(Context& ctx, const PyRule& rule, const CallSite& site) {
    TaskSite s;
    s.fn = enclosingFunction(ctx.syntax, site.call);
    if (!isNull(s.fn) && !isNull(onEventDecorator(ctx, s.fn, "startup"))) {
        s.startupHandler = true;
        s.flag = std::string("asyncio.") + member(site.qualified) + "() in a FastAPI startup handler: " + kFastApiReason +
                 " that opens `async with anyio.create_task_group() as tg:`, starts the task with tg.start_soon() "
                 "before `yield`, and cancels it after";
    } else if (member(site.qualified) == "ensure_future" && !wrapsCoroutine(ctx, site)) {
        s.flag = "asyncio.ensure_future() has no anyio equivalent: await the coroutine directly, or start it with "
                 "`tg.start_soon(func, *args)` in a task group that owns it";
    } else if (!isAsyncFunction(s.fn)) {
        s.flag = what(site) + " outside an async function: anyio tasks are started from a task group inside "
                 "async code (`async with anyio.create_task_group() as tg: tg.start_soon(func, *args)`)";
    } else if (is(ctx.syntax.parent(site.call), "expression_statement")) {
        s.flag = what(site) + " result dropped (fire-and-forget): anyio tasks need an owning task group; start "
                 "it with `tg.start_soon(func, *args)` in a task group that outlives it (opened in main() or a "
                 "lifespan context), which waits for it or cancels it";
    } else {
        return assignedTask(ctx, rule, site, s);
    }
    return s;
}

// FastAPI shutdown handlers paired with a flagged startup handler.
void flagShutdownHandlers(Context& ctx, const PyRule& rule, TSNode startupHandler) {
    for (TSNode n : ctx.syntax.nodesOfType("function_definition")) {
        TSNode d = onEventDecorator(ctx, n, "shutdown");
        if (isNull(d)) continue;
        ctx.flag(rule.info, d, SiteStatus::NeedsReview,
                 std::string("FastAPI shutdown handler paired with a startup handler that starts background tasks") +
                     lineOf(startupHandler) + ": " + kFastApiReason +
                     "; its code goes after the lifespan's `yield`, with the task group's cancellation");
    }
}

// Clusters of tasks in one block whose [create, await] spans overlap.
std::vector<std::vector<Task>> clustersOf(const Context& ctx, std::vector<Task> candidates) {
    std::sort(candidates.begin(), candidates.end(),
              [](const Task& a, const Task& b) { return beginOf(a.create) < beginOf(b.create); });
    std::vector<std::vector<Task>> clusters;
    for (const Task& t : candidates) {
        if (!clusters.empty()) {
            std::vector<Task>& last = clusters.back();
            std::size_t end = 0;
            for (const Task& o : last) end = std::max(end, endOf(o.lastFinish()));
            if (sameNode(ctx.syntax.parent(last[0].create), ctx.syntax.parent(t.create)) && beginOf(t.create) < end) {
                last.push_back(t);
                continue;
            }
        }
        clusters.push_back({t});
    }
    return clusters;
}

// A cluster's block: its statements, and where the span and the awaits are among them.
struct Span {
    TSNode block{};
    std::vector<TSNode> stmts;
    std::size_t first = 0, firstAwait = 0, lastAwait = 0;
};

Span spanOf(const Context& ctx, const std::vector<Task>& cluster) {
    Span s;
    s.block = ctx.syntax.parent(cluster[0].create);
    for (TSNode c : namedChildren(s.block))
        if (!is(c, "comment")) s.stmts.push_back(c);
    auto indexOf = [&](TSNode st) {
        for (std::size_t i = 0; i < s.stmts.size(); ++i)
            if (sameNode(s.stmts[i], st)) return i;
        return s.stmts.size();
    };
    s.first = indexOf(cluster[0].create);
    s.firstAwait = s.stmts.size();
    for (const Task& t : cluster) {
        // A cancelled task's `t.cancel()` is the group's last statement.
        s.firstAwait = std::min(s.firstAwait, t.end == Task::End::Cancel ? indexOf(t.cancel) + 1 : indexOf(t.await.stmt));
        s.lastAwait = std::max(s.lastAwait, indexOf(t.lastFinish()));
    }
    return s;
}

// Why a task group cannot span the cluster ("" when it can).
std::string clusterBlocker(const Context& ctx, const std::vector<Task>& cluster, const Span& s) {
    for (std::size_t i = s.firstAwait; i <= s.lastAwait; ++i)
        if (!std::any_of(cluster.begin(), cluster.end(), [&](const Task& t) { return sameNode(t.firstFinish(), s.stmts[i]); }))
            return "other code" + lineOf(s.stmts[i]) + " runs between the awaits of tasks started together; in a task "
                   "group it would run only after every task finished: migrate by hand";
    for (std::size_t i = s.first; i < s.firstAwait; ++i)
        if (leavesEarly(s.stmts[i]))
            return "a return/break/continue/yield" + lineOf(s.stmts[i]) + " between create_task() and the await would "
                   "make the task group wait for the task there: migrate by hand";
    TSNode handler = enclosingHandlerTry(ctx, cluster[0].create);
    if (isNull(handler)) handler = callerHandlerTry(ctx, cluster[0].create);
    std::string far = isNull(handler) ? crossModuleCatcher(ctx, cluster[0].create) : std::string();
    if (!isNull(handler) || !far.empty())
        return "inside " + (far.empty() ? handlerPhrase(ctx, handler) : std::string("try/except")) + (far.empty() ? lineOf(handler) : " (" + far + ")") +
               (far.empty() && !contains(handler, cluster[0].create) ? " (in a function calling this one)" : "") +
               ": a task group raises an ExceptionGroup on anyio 4 and cancels "
               "the task when the surrounding code fails; rewrite the handler with `except*` and migrate by hand";
    if (containsType(s.block, {"yield"}))
        for (std::size_t i = s.first; i < s.firstAwait; ++i)
            if (containsType(s.stmts[i], {"yield"})) return "a yield" + lineOf(s.stmts[i]) + " inside the span";
    return {};
}

// The task group's text: names, the header inserted before the first create_task(), and the
// edits each task needs.
struct Group {
    Context& ctx;
    const bool at414;
    std::vector<Task>& cluster;
    std::string u, tg, results, store;
    int collected = 0, slot = 0;
    bool functools = false;
    std::vector<Edit> edits;
    std::map<std::string, std::string> values;  // a task's name -> its result after the group
    std::vector<std::pair<std::size_t, std::size_t>> replaced;  // the create statements rewritten whole
    Edit anchor;  // the first edit: whether the fix was accepted
    std::size_t ls = 0;

    Group(Context& c, bool to414, std::vector<Task>& tasks) : ctx(c), at414(to414), cluster(tasks) {
        TSNode c1 = cluster[0].create;
        std::string indent = ctx.indentAt(beginOf(c1));
        u = indentUnit(ctx, c1);
        std::set<std::string> taken;
        tg = freshName(ctx, c1, "tg", taken);
        for (Task& t : cluster) {
            bool used = t.end != Task::End::Cancel && t.await.kind != AwaitStatement::Bare;
            t.collects = used || !is(t.coro, "call");
            if (t.collects && !at414) ++collected;
        }
        if (collected) {
            results = freshName(ctx, c1, "results", taken);
            store = freshName(ctx, c1, "store_result", taken);
        }
        ls = ctx.source.lineStart(rowOf(c1));
        std::string header = collected ? storeHelper(ctx, indent, u, results, std::to_string(collected), store) : "";
        header += indent + "async with anyio.create_task_group() as " + tg + ":" + ctx.newline();
        edits.push_back(replaceRange(ls, ls, header));
        edits.push_back(replaceRange(ls, ls, u));
    }
    void add(Edit e) {
        if (anchor.end == 0) anchor = e;
        edits.push_back(std::move(e));
    }
    // The task's start in the group and what its await statement becomes; false when its
    // coroutine call cannot be split into start_soon() arguments.
    bool addTask(Task& t) {
        std::string value;
        if (at414 && t.collects) {
            add(replaceNode(t.site.callee, tg + ".create_task"));
            value = t.name + ".return_value";
        } else {
            std::string text;
            if (t.collects) {
                text = tg + ".start_soon(" + store + ", " + std::to_string(slot) + ", " + ctx.str(t.coro) + t.taskName + ")";
                value = results + "[" + std::to_string(slot++) + "]";
            } else {
                bool partial = false;
                std::string args = startSoonArgs(ctx, t.coro, partial);
                if (args.empty()) return false;  // comments or a generator argument
                functools = functools || partial;
                text = tg + ".start_soon(" + args + t.taskName + ")";
            }
            add(replaceNode(t.create, text));
            replaced.emplace_back(beginOf(t.create), endOf(t.create));
        }
        values[t.name] = value;
        if (t.end == Task::End::Cancel) {
            edits.push_back(replaceNode(t.cancelCall, tg + ".cancel_scope.cancel()"));
            if (!isNull(t.drain))
                for (Edit& e : removeStatement(ctx, t.drain)) edits.push_back(e);
        } else if (t.end == Task::End::Await) {
            finish(t.await, value);
        }
        return true;
    }
    void finish(const AwaitStatement& aw, const std::string& value) {
        if (aw.kind == AwaitStatement::Bare)
            for (Edit& e : removeStatement(ctx, aw.stmt)) edits.push_back(e);
        else
            edits.push_back(replaceNode(aw.await, value));
    }
    // Each awaited gather of the group's tasks becomes the list of their results, in its
    // argument order (gathersOf() checked that every argument is one of them).
    void finishGathers() {
        std::set<std::size_t> done;
        for (const Task& t : cluster) {
            if (t.end != Task::End::Gather || !done.insert(beginOf(t.gather)).second) continue;
            std::string list;
            for (TSNode a : namedChildren(field(t.gather, "arguments")))
                list += (list.empty() ? "" : ", ") + values[ctx.str(a)];
            finish(t.await, "[" + list + "]");
        }
    }
    // The lines from the first create_task() to the statement before the first await go into
    // the group's block (not inside the statements rewritten whole).
    void indentBody(TSNode lastBody) {
        for (Edit& e : indentLines(ctx, ls, endOf(lastBody), u)) {
            bool inside = std::any_of(replaced.begin(), replaced.end(),
                                      [&](const auto& r) { return e.begin > r.first && e.begin < r.second; });
            if (!inside) edits.push_back(e);
        }
    }
};

// How the fix message names the statement that finishes the task.
std::string endText(const Task& t) {
    if (t.end == Task::End::Gather) return "asyncio.gather(" + t.name + ", ...)";
    if (t.end == Task::End::Cancel) return t.name + ".cancel()";
    return "await " + t.name;
}

void flagCluster(Context& ctx, const PyRule& rule, const std::vector<Task>& cluster, const std::string& why) {
    std::set<std::size_t> gathers;
    for (const Task& t : cluster) {
        ctx.flag(rule.info, t.site.call, SiteStatus::NeedsReview, what(t.site) + " kept: " + why);
        if (t.end == Task::End::Gather && gathers.insert(beginOf(t.gather)).second)
            ctx.flag(rule.info, t.gather, SiteStatus::NeedsReview, "asyncio.gather() of tasks kept: " + why);
        if (t.end == Task::End::Cancel) flagCancel(ctx, rule, t.name, t.cancelCall);
    }
}

// Why the cluster's gathers and cancels do not fit one task group ("" when they do).
std::string endsBlocker(const Context& ctx, const std::vector<Task>& cluster, const Span& s) {
    auto inCluster = [&](TSNode a, TSNode gather) {
        return std::any_of(cluster.begin(), cluster.end(), [&](const Task& t) {
            return t.end == Task::End::Gather && sameNode(t.gather, gather) && is(a, "identifier") && ctx.text(a) == t.name;
        });
    };
    for (const Task& t : cluster) {
        if (t.end == Task::End::Gather)
            for (TSNode a : namedChildren(field(t.gather, "arguments")))
                if (!inCluster(a, t.gather))
                    return "asyncio.gather()" + lineOf(t.gather) + " also awaits `" + ctx.str(a) +
                           "`, which is not a task started here and awaited only there: migrate by hand";
        if (t.end != Task::End::Cancel) continue;
        if (cluster.size() > 1)
            return t.name + ".cancel()" + lineOf(t.cancel) + " cancels one of several tasks started together; "
                   "`tg.cancel_scope.cancel()` would cancel them all: migrate by hand";
        bool awaits = false;
        for (std::size_t i = s.first + 1; i + 1 < s.firstAwait; ++i) awaits = awaits || containsType(s.stmts[i], {"await"});
        if (!awaits)
            return "nothing is awaited between create_task() and " + t.name + ".cancel()" + lineOf(t.cancel) +
                   ": asyncio cancels the task before it starts, a task group lets it run to its first await";
    }
    return {};
}

// A failure inside the group (a task's, or the code between the creates and the awaits) makes
// the task group cancel the other tasks and that code, where asyncio leaves them running until
// `await t` raises (sibling_failure.h). Why the cluster is kept ("" when it is not); `unseen`:
// why it cannot be decided (an unsafe fix).
std::string failureBlocker(const Context& ctx, const std::vector<Task>& cluster, const Span& s, std::string& unseen) {
    auto isCreate = [&](TSNode st) {
        return std::any_of(cluster.begin(), cluster.end(), [&](const Task& t) { return sameNode(t.create, st); });
    };
    std::size_t bodyEnd = s.firstAwait;  // the statements before the first await (a cancel: before it)
    if (cluster[0].end == Task::End::Cancel) bodyEnd = s.firstAwait - 1;
    bool between = false;
    TSNode awaiting{};
    for (std::size_t i = s.first + 1; i < bodyEnd; ++i) {
        if (isCreate(s.stmts[i])) continue;
        between = true;
        if (!isNull(awaiting))
            return "a task that fails while this function awaits" + lineOf(awaiting) +
                   " makes the task group cancel that await, so the code after it" + lineOf(s.stmts[i]) +
                   " would not run; asyncio runs it and raises the failure at the await of the task";
        if (containsType(s.stmts[i], {"await"})) awaiting = s.stmts[i];
    }
    if (cluster.size() < 2 && !between) return {};
    std::vector<TSNode> coros;
    for (const Task& t : cluster) coros.push_back(t.coro);
    SiblingFailure f = siblingFailure(ctx, cluster[0].site.call, coros);
    unseen = f.unseen;
    return f.why;
}

// One task group spanning the cluster's create_task() ... await statements.
void groupCluster(Context& ctx, const PyRule& rule, std::vector<Task>& cluster, bool at414) {
    Span s = spanOf(ctx, cluster);
    std::string why = endsBlocker(ctx, cluster, s);
    if (why.empty()) why = clusterBlocker(ctx, cluster, s);
    std::string unseen;
    if (why.empty()) why = failureBlocker(ctx, cluster, s, unseen);
    if (why.empty() && !unseen.empty() && !ctx.unsafeFixes())
        why = "a failure in the task group reaches code this module does not show (" + unseen +
              "), where asyncio leaves the other tasks running and raises the failure itself, a task group cancels "
              "them and raises an ExceptionGroup (anyio 4); check what the callers do with a failure (rewritten with "
              "--unsafe-fixes)";
    if (!why.empty()) return flagCluster(ctx, rule, cluster, why);
    Group g(ctx, at414, cluster);
    for (Task& t : cluster)
        if (!g.addTask(t))
            return flagCluster(ctx, rule, cluster, "the coroutine call " + ctx.str(t.coro) + " has an unusual argument list");
    g.finishGathers();
    TSNode c1 = cluster[0].create, lastBody = s.stmts[s.firstAwait - 1];
    g.indentBody(lastBody);
    Fix fix;
    fix.edits = std::move(g.edits);
    fix.imports.push_back("anyio");
    if (g.functools) fix.imports.push_back("functools");
    std::string msg = what(cluster[0].site) + " ... " + endText(cluster[0]) + " -> a task group spanning lines " +
                      std::to_string(rowOf(c1)) + "-" + std::to_string(python::endRowOf(lastBody)) +
                      (g.collected ? " (result collected by a local helper)" : "");
    if (std::any_of(cluster.begin(), cluster.end(), [&](const Task& t) { return at414 && t.collects; }))
        msg += " (tg.create_task(), result from return_value)";
    if (cluster[0].end == Task::End::Cancel) msg += ", cancelled with " + g.tg + ".cancel_scope.cancel()";
    if (!unseen.empty()) msg += " (unsafe fix, opted in: " + unseen + ")";
    ctx.fixed(rule.info, cluster[0].site.call, msg, fix);
    bool accepted = ctx.consumed(g.anchor.begin, g.anchor.end);
    std::set<std::size_t> gathers;
    for (const Task& t : cluster) {
        if (t.end != Task::End::Gather || !gathers.insert(beginOf(t.gather)).second) continue;
        if (accepted)
            ctx.fixed(rule.info, t.gather,
                      "asyncio.gather() of tasks -> their results from the task group at line " + std::to_string(rowOf(c1)),
                      Fix{});
        else
            ctx.claim(t.gather);
    }
    for (std::size_t i = 1; i < cluster.size(); ++i) {
        if (accepted)
            ctx.fixed(rule.info, cluster[i].site.call,
                      what(cluster[i].site) + " -> started in the task group at line " + std::to_string(rowOf(c1)), Fix{});
        else
            ctx.claim(cluster[i].site.call);
    }
}

void createTasks(Context& ctx, const PyRule& rule) {
    std::vector<Task> candidates;
    TSNode startupHandler{};
    for (const CallSite& site : ctx.callsTo({"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task",
                                             "asyncio.tasks.ensure_future"})) {
        if (ctx.claimed(*site.ref)) continue;
        TaskSite s = classify(ctx, rule, site);
        if (s.startupHandler && isNull(startupHandler)) startupHandler = s.fn;
        if (s.task) candidates.push_back(*s.task);
        else ctx.flag(rule.info, site.call, SiteStatus::NeedsReview, s.flag);
    }
    if (!isNull(startupHandler)) flagShutdownHandlers(ctx, rule, startupHandler);
    const bool at414 = targetAnyio(ctx).atLeast(4, 14);
    for (std::vector<Task>& cluster : clustersOf(ctx, std::move(candidates))) groupCluster(ctx, rule, cluster, at414);
    // Gathers of tasks AM201 left to this rule, whose tasks were kept above.
    for (const CallSite& g : ctx.callsTo({"asyncio.gather"}))
        if (!ctx.claimed(*g.ref) && gathersCreatedTasks(ctx, g.call))
            ctx.flag(rule.info, g.call, SiteStatus::NeedsReview,
                     "asyncio.gather() of tasks kept: the asyncio.create_task() calls that start them are kept (see "
                     "their messages); anyio has no task handles to gather");
}

}  // namespace

extern const PyRule kCreateTask{
    .info = {.id = "AM205",
     .name = "create-task",
     .category = "create-task",
     .summary = "Replace create_task() ... await/gather/cancel within one block with an anyio task group; flag unowned tasks",
     .safety = FixSafety::Conditional,
     .brief = R"md(`t = asyncio.create_task(c()) … await t` (or `await asyncio.gather(t, u)`, or `t.cancel()` then waiting for it) in one block → a task group spanning them, results collected, the cancel through `tg.cancel_scope.cancel()`; fire-and-forget, stored tasks, other `.cancel()` uses, `ensure_future` and FastAPI startup/shutdown handlers are flagged with the structured alternative)md",
     .doc = R"md(
## What it does

Rewrites `t = asyncio.create_task(c(...))` followed, in the same block, by a whole statement
`await t`, `x = await t` or `return await t` (and `t` used by nothing else) into a task group whose
block spans the statements between them; the result is collected by a local `store_result` helper
(`x = results[0]`), or, with `--target-anyio 4.14` or later, read from `t.return_value`. Several such
tasks whose spans overlap share one group when their awaits are the group's last statements. A task
whose result is unused is started with `tg.start_soon(c, ...)` and its `await t` is removed.

`t = asyncio.ensure_future(f(...))`, where `f` is an `async def` of the module that is not an async
generator, is the same task (ensure_future wraps a coroutine with create_task) and is migrated the
same way; `ensure_future` of anything else stays flagged.

Two more ways a task can end in the same block:

- **gathered**: `[x = | return ]await asyncio.gather(t, u, ...)` whose arguments are all such tasks
  (each used only there; AM201 leaves these gathers to this rule): the group ends before the gather
  statement and the gather becomes the list of results in its argument order
  (`a, b = [results[1], results[0]]`), or is removed when its value is unused.
- **cancelled**: `t.cancel()` as a statement, optionally followed right away by a statement that waits
  for the cancelled task and drops its cancellation (`try: await t` / `except asyncio.CancelledError:
  pass`, or `with contextlib.suppress(asyncio.CancelledError): await t`): the group's block ends with
  `tg.cancel_scope.cancel()` and the waiting statement is removed (the group waits for the task).
  Only when the task is the group's only task (the cancel then targets the whole group), something is
  awaited between create_task() and the cancel (asyncio would cancel a task that has not started; a
  task group lets it run to its first await), and the task's cancellation handlers (in its coroutine
  and every module function it calls, found by the module's semantic model; the coroutine must be a
  call of a function of the module) behave the same: without
  a waiting statement no handler may catch the cancellation (asyncio runs it after the caller went on,
  the group before); with one, none may await outside a shielded scope (a cancelled anyio scope
  cancels that await again) or swallow the cancellation (the asyncio task would run on), and no code
  the task reaches shields work from cancellation (`asyncio.shield`, a shielded anyio scope: the work
  goes on after the cancel, which asyncio's caller does not wait for and a task group does).

Flagged, with the structured-concurrency alternative in the message: fire-and-forget tasks (the
result dropped, stored in a set or list, passed on, never awaited), `asyncio.ensure_future`,
`.cancel()` on tasks (the call itself is flagged too), and `create_task` in FastAPI
`@app.on_event("startup")` handlers, whose `"shutdown"` counterparts are flagged as well.

## Why

`create_task` is the most common asyncio call of the seed codebase (~240 sites), and the seed kept it
in FastAPI startup handlers because "anyio task groups require async context managers". Every anyio
task needs an owning task group; where the owner is provable from the syntax tree (one block), the rule
builds it; elsewhere it says which owner to create.

## Example

From `test-inputs/python/create-task/basic.py`:

```python
@fixture basic.py 9-13
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 9-19
```

From `test-inputs/python/create-task/ends.py`, a gather of tasks and a cancelled worker:

```python
@fixture ends.py 17-22
```

becomes (`ends.expected.py`):

```python
@fixture ends.expected.py 18-29
```

```python
@fixture ends.py 37-45
```

becomes (`ends.expected.py`):

```python
@fixture ends.expected.py 50-55
```

From `test-inputs/python/create-task/basic.py`:

```python
@fixture basic.py 29-36
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 41-54
```


With `--target-anyio 4.14` (`target_414.expected.py`):

```python
@fixture target_414.expected.py 9-14
```

## Flagged instead of rewritten

| Status | Message | Why |
|---|---|---|
| needs-review | `asyncio.create_task() result dropped (fire-and-forget): ...` | No owner: start it in a task group that outlives it. |
| needs-review | `asyncio.create_task() kept: the task is passed on or stored (...): ...`, `... result stored or passed on ...`, `... never awaited ...` | Fire-and-forget tasks have no owner in anyio. |
| needs-review | `asyncio.create_task() kept: the task is cancelled with task.cancel() (line N) other than as a statement ...`, `... the task is used after task.cancel() ...`, `... task.cancel() (line N) cancels one of several tasks started together ...`, `... nothing is awaited between create_task() and task.cancel() ...`, and `task.cancel(): anyio has no task handles to cancel; ...` | Cancel a task group's scope instead; the group must hold that task alone. |
| needs-review | `asyncio.create_task() kept: the finally block at line N in f awaits (line M) while the task is being cancelled ...`, `... swallows the cancellation ...`, `... runs when the task is cancelled: asyncio runs it after this function goes on, a task group before ...`, `... the task's code shields work from cancellation (line N in f) ...`, `... the task runs x.f(), which is not a function of this module ...` | The task's cleanup or shielded work would run differently under a cancelled anyio scope; the message names the handler or the shield. |
| needs-review | `asyncio.create_task() kept: asyncio.gather(t, ...) (line N): ...` and `asyncio.gather() of tasks kept: ...` | The gather is inside a larger expression or another block, or its tasks are kept. |
| needs-review | `asyncio.create_task() kept: await t (line N) is in another block ...`, `... a return/break/continue/yield ...`, `... other code (line N) runs between the awaits ...` | The group cannot span the task's lifetime without changing when code runs. |
| needs-review | ``asyncio.create_task() kept: `f` runs as a task ...``, `... a task that fails while this function awaits (line N) ...`, `... the \`finally\` block at line N in \`f\` awaits (line M) while the failure leaves ...`, `... a failure in the task group reaches code this module does not show (...) (rewritten with --unsafe-fixes)` | A failure in the group cancels the other tasks and the code between, where asyncio leaves them running (see Fix safety). |
| needs-review | `asyncio.create_task() kept: inside try/except ...` (also `(in a function calling this one)`: a try/except of a caller in the module; or ``(`pkg.mod.f` is called from path inside try/except (line N))``: of a caller in another module of the run) | Exception groups on anyio 4; the task cancelled when the surrounding code fails. A `with` block that catches by class (`self.assertRaises(E)`, `pytest.raises(E)`, `contextlib.suppress(E)`) counts as such a try: ``inside a `with` that catches its exceptions (line N) ...``. |
| needs-review | `asyncio.ensure_future() has no anyio equivalent: ...` | Its argument is not a call of a module coroutine function (it may be a future); await directly or start in a task group. |
| needs-review | `asyncio.create_task() in a FastAPI startup handler: anyio task groups need an owning async context; FastAPI startup events do not provide one: use a lifespan context manager ...` | The seed's kept case: a `lifespan` async context manager opens the group before `yield`. |

From `test-inputs/python/create-task/flagged.py` (`flagged.expected.txt`):

```text
11:5: AM205 [needs-review] asyncio.create_task() result dropped (fire-and-forget): anyio tasks need an owning task group; start it with `tg.start_soon(func, *args)` in a task group that outlives it (opened in main() or a lifespan context), which waits for it or cancels it
12:12: AM205 [needs-review] asyncio.create_task() kept: the task is passed on or stored (background_tasks.add(task), line 13): a fire-and-forget task has no owner in anyio; start it with `tg.start_soon(func, *args)` in a task group that outlives it (opened in main() or a lifespan context)
18:12: AM205 [needs-review] asyncio.create_task() kept: nothing is awaited between create_task() and task.cancel() (line 20): asyncio cancels the task before it starts, a task group lets it run to its first await
20:5: AM205 [needs-review] task.cancel(): anyio has no task handles to cancel; run the task in its own task group and cancel that with `tg.cancel_scope.cancel()`
24:12: AM205 [needs-review] asyncio.create_task() kept: the task is never awaited (fire-and-forget): anyio tasks need an owning task group; start it with `tg.start_soon(func, *args)` in a task group that outlives it
29:12: AM205 [needs-review] asyncio.create_task() kept: `await task` (line 31) is in another block than the create_task() call; the task group must span both: migrate by hand
36:12: AM205 [needs-review] asyncio.create_task() kept: a return/break/continue/yield (line 37) between create_task() and the await would make the task group wait for the task there: migrate by hand
43:9: AM205 [needs-review] asyncio.create_task() kept: other code (line 46) runs between the awaits of tasks started together; in a task group it would run only after every task finished: migrate by hand
44:9: AM205 [needs-review] asyncio.create_task() kept: other code (line 46) runs between the awaits of tasks started together; in a task group it would run only after every task finished: migrate by hand
53:16: AM205 [needs-review] asyncio.create_task() kept: inside try/except (line 52): a task group raises an ExceptionGroup on anyio 4 and cancels the task when the surrounding code fails; rewrite the handler with `except*` and migrate by hand
61:11: AM205 [needs-review] asyncio.ensure_future() has no anyio equivalent: await the coroutine directly, or start it with `tg.start_soon(func, *args)` in a task group that owns it
62:14: AM205 [needs-review] asyncio.create_task() result stored or passed on (a set, list, attribute or call): anyio has no task handles; start the work with `tg.start_soon(func, *args)` in a task group that owns it, and collect results or cancel through that group (tg.cancel_scope.cancel())
67:12: AM205 [needs-review] asyncio.create_task() outside an async function: anyio tasks are started from a task group inside async code (`async with anyio.create_task_group() as tg: tg.start_soon(func, *args)`)
```

From `test-inputs/python/create-task/ends_refused.py` (`ends_refused.expected.txt`, without the `task.cancel()` lines):

```text
38:12: AM205 [needs-review] asyncio.create_task() kept: the `finally` block at line 19 in `consume` awaits (line 20) while the task is being cancelled: asyncio delivers the cancellation once, the task group's cancelled scope cancels that await again, so the cleanup would be lost; put it under `with anyio.CancelScope(shield=True):` first
48:12: AM205 [needs-review] asyncio.create_task() kept: the cancellation handler at line 26 in `stubborn` swallows the cancellation: the asyncio task would run on, the task group's cancelled scope cancels its next await again; make the handler re-raise first
58:12: AM205 [needs-review] asyncio.create_task() kept: the `finally` block at line 33 in `poll` runs when the task is cancelled: asyncio runs it after this function goes on, a task group before; wait for the task after cancelling it (`try: await task` / `except asyncio.CancelledError: pass`) to keep the order
65:12: AM205 [needs-review] asyncio.create_task() kept: nothing is awaited between create_task() and task.cancel() (line 66): asyncio cancels the task before it starts, a task group lets it run to its first await
70:13: AM205 [needs-review] asyncio.create_task() kept: first.cancel() (line 73) cancels one of several tasks started together; `tg.cancel_scope.cancel()` would cancel them all: migrate by hand
71:14: AM205 [needs-review] asyncio.create_task() kept: first.cancel() (line 73) cancels one of several tasks started together; `tg.cancel_scope.cancel()` would cancel them all: migrate by hand
73:5: AM205 [needs-review] first.cancel(): anyio has no task handles to cancel; run the task in its own task group and cancel that with `tg.cancel_scope.cancel()`
78:12: AM205 [needs-review] asyncio.create_task() kept: the task is passed on or stored (tg.start_soon(run_awaitable, task), line 83): a fire-and-forget task has no owner in anyio; start it with `tg.start_soon(func, *args)` in a task group that outlives it (opened in main() or a lifespan context)
88:11: AM205 [needs-review] asyncio.create_task() kept: asyncio.gather(one, ...) (line 90): the awaited value is used inside a larger expression; assign the results first (`results = await asyncio.gather(...)`)
89:11: AM205 [needs-review] asyncio.create_task() kept: asyncio.gather(two, ...) (line 90): the awaited value is used inside a larger expression; assign the results first (`results = await asyncio.gather(...)`)
90:17: AM205 [needs-review] asyncio.gather() of tasks kept: the asyncio.create_task() calls that start them are kept (see their messages); anyio has no task handles to gather
94:12: AM205 [needs-review] asyncio.create_task() kept: the task runs `client.poll()`, which is not a function of this module, so how it handles task.cancel() cannot be checked: migrate by hand
```

From `test-inputs/python/create-task/fastapi_startup.py` (`fastapi_startup.expected.txt`):

```text
17:23: AM205 [needs-review] asyncio.create_task() in a FastAPI startup handler: anyio task groups need an owning async context; FastAPI startup events do not provide one: use a lifespan context manager that opens `async with anyio.create_task_group() as tg:`, starts the task with tg.start_soon() before `yield`, and cancels it after
20:1: AM205 [needs-review] FastAPI shutdown handler paired with a startup handler that starts background tasks (line 16): anyio task groups need an owning async context; FastAPI startup events do not provide one: use a lifespan context manager; its code goes after the lifespan's `yield`, with the task group's cancellation
```

## Fix safety

Safe under these conditions, all checked: create and await are whole statements of the same block of
an async function, the task name has no other use, the statements in between do not return, break,
continue or yield, no `try` with `except` clauses encloses them in the function, and when several tasks
share a group nothing but their awaits follows the first await. A failure inside the group (a
task's, or the code between create and await raising) makes the task group cancel the other tasks
and the code between, then raise (on anyio 4 in an `ExceptionGroup`); asyncio leaves them running
and raises the failure at `await t` (or at the gather). The rule checks that nothing can tell the
two apart, with AM201's analysis (`sibling_failure.cpp`, see [AM201 gather](gather.md)): the
tasks' cancellation handlers behave alike under a cancelled scope; on the failure's way out to
`asyncio.run()`, in the function and its callers in the module, no `finally` awaits and no `async
with` is left (nor any `finally`/`with` exit beside a task's cleanup); the function does not run
as a task the program outlives (``asyncio.create_task() kept: `replicate` runs as a task (`create_task`
at line N): ...``); and no statement follows an await between create and await
(``asyncio.create_task() kept: a task that fails while this function awaits (line N) makes the task
group cancel that await, so the code after it (line M) would not run; ...``: behaviour program
`create_task_failure_refused.py`, asyncio `['between: after the sleep', 'wrote b'] True True`, the
session-start migration `[] True True`; fixture `failure.py`). A task whose code yields for exactly
one loop step with code after it (`await asyncio.sleep(0)`) runs on, under asyncio, for the few
steps before asyncio.run() cancels it after another task's failure: that group is kept too
(``asyncio.create_task() kept: when one awaitable fails asyncio leaves the others running until
asyncio.run() ends, and `ticker(log)` reaches `anyio.sleep(0)` (line N), ...``; the gather rule's
check, fixture `gather/one_step_yield.py`). One task with nothing between its
create and its await is exact. Where the failure reaches code the module does not show (a function
with no caller in the module, used as a value, run by `run_until_complete`) the fix is unsafe:
``asyncio.create_task() kept: a failure in the task group reaches code this module does not show
(...) ... (rewritten with --unsafe-fixes)``, and with `--unsafe-fixes` the message ends ``(unsafe
fix, opted in: <why>)`` (fixture `failure_unsafe.py`). A cancelled task is waited for by the group
(asyncio's `t.cancel()` alone does not wait; the conditions above make that unobservable to the
task's own code). An outer cancellation that arrives in the one loop
step while the group waits for the cancelled task is no longer swallowed by `except
asyncio.CancelledError: pass` (which in asyncio caught it too); it is observable without a race
(behaviour program `create_task_outer_cancel_refused.py`: another task cancels the function's
task two loop steps after starting it; asyncio logs `['worker cancelled', 'done']`). Such a
cancellation comes from code cancelling the task that runs the function: in the module that keeps
the rewrite (``asyncio.create_task() kept: `drained` runs as a task (`create_task` at line N)
...``), in code the module does not show it is an unsafe fix (the function has no caller in the
module); otherwise it comes only from a clock (a timeout expiring inside that one step), which is
timing only. A
`contextlib` import left unused by a removed `suppress()` is kept. When `anyio` (or `functools`) is bound to something else at the site, the site is reported as needs-review instead (see [AM001 imports](imports.md)). Generated local names (`tg`, `results`, `store_result`, ...) are chosen so they are used nowhere else in the function (`tg2`, ... otherwise).

Behavioural programs: `test-inputs/behavior/task_forms.py` (gathers, cancelled workers, identical on
asyncio before and on anyio's asyncio and trio backends after) and `task_cancel_refused.py` (a worker
whose `finally` awaits, and one whose `finally` would run before the caller goes on: refused, asyncio
behaviour unchanged, the refusal names the handler).

## Target versions

Below 4.14: `start_soon` and the `store_result` helper. 4.14 and later: `tg.create_task()` and
`return_value`.
)md"},
    .onModule = createTasks};

}  // namespace anymig::asyncio_to_anyio
