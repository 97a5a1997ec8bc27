#include "rewrites/asyncio_to_anyio/sibling_failure.h"

#include "rewrites/asyncio_to_anyio/cancellation.h"

namespace anymig::asyncio_to_anyio {

namespace {

std::string lineOf(TSNode n) { return "line " + std::to_string(rowOf(n)); }

bool isScope(TSNode n) { return is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition"); }

bool isAsyncStatement(TSNode n) {
    for (TSNode c : python::children(n))
        if (python::type(c) == "async") return true;
    return false;
}

std::string inFunction(const Context& ctx, TSNode n) {
    int fn = ctx.semantics().functionAt(n);
    if (fn < 0) return "";
    return " in `" + ctx.semantics().functions()[static_cast<std::size_t>(fn)].name + "`";
}

// The first code a failure raised at `n` runs on its way out of `n`'s function that tells the two
// behaviours apart: a `finally` block or an `async with` exit that awaits (asyncio's orphans run
// on meanwhile), or, when the other awaitables have a cleanup (`cleanup`), any `finally` block or
// `with` exit (asyncio runs it before that cleanup, a task group after). "" when none.
std::string exitCodeWhy(const Context& ctx, TSNode n, const python::HandlerInfo* cleanup) {
    const std::string others = cleanup ? " (their cleanup: " + handlerWhere(ctx, *cleanup) + ")" : "";
    TSNode cur = n;
    for (TSNode p = ctx.syntax.parent(cur); !isNull(p) && !isScope(p); cur = p, p = ctx.syntax.parent(p)) {
        if (is(p, "try_statement")) {
            TSNode fin{};
            for (TSNode c : namedChildren(p))
                if (is(c, "finally_clause")) fin = c;
            if (isNull(fin) || sameNode(fin, cur)) continue;
            const python::HandlerInfo* h = handlerOf(ctx, fin);
            if (h && !h->awaits.empty())
                return "the `finally` block at " + lineOf(fin) + inFunction(ctx, fin) + " awaits (" +
                       lineOf(h->awaits.front()) +
                       ") while the failure leaves: asyncio lets the other awaitables run on meanwhile, a task group "
                       "has cancelled them";
            if (cleanup)
                return "the `finally` block at " + lineOf(fin) + inFunction(ctx, fin) +
                       " runs while the failure leaves: on asyncio before the other awaitables are cancelled" + others +
                       ", after it in a task group";
        } else if (is(p, "with_statement") && sameNode(field(p, "body"), cur)) {
            if (isAsyncStatement(p))
                return "the `async with` at " + lineOf(p) + inFunction(ctx, p) +
                       " is left by the failure (its __aexit__ may await): asyncio lets the other awaitables run on "
                       "meanwhile, a task group has cancelled them";
            if (cleanup)
                return "the `with` at " + lineOf(p) + inFunction(ctx, p) +
                       " is left by the failure: on asyncio before the other awaitables are cancelled" + others +
                       ", after it in a task group";
        }
    }
    return "";
}

// The name of the callee of `call` as written (`create_task` for `loop.create_task(...)`).
std::string_view calleeWord(const Context& ctx, TSNode call) {
    TSNode f = field(call, "function");
    if (is(f, "attribute")) f = field(f, "attribute");
    return is(f, "identifier") ? ctx.text(f) : std::string_view{};
}

std::string canonicalCallee(const Context& ctx, TSNode call) {
    auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
    return q ? ctx.canonical(*q) : "";
}

// How a use of a function (a call of it, or its name as a value) hands on a failure.
enum class Use { Call, Root, Task, Unseen };

// `use` is the call `f(...)` or the name `f` used as a value: the first argument of `outer`?
Use classifyArgument(const Context& ctx, TSNode use, bool isCall, std::string& what) {
    TSNode args = ctx.syntax.parent(use), outer = ctx.syntax.parent(args);
    if (!is(args, "argument_list") || !is(outer, "call")) {
        if (isCall) return Use::Call;
        what = "is used as a value (" + lineOf(use) + ")";
        return Use::Unseen;
    }
    std::string q = canonicalCallee(ctx, outer);
    std::string_view word = calleeWord(ctx, outer);
    if ((isCall && q == "asyncio.run") || (!isCall && (q == "anyio.run" || q == "trio.run"))) return Use::Root;
    if (word == "create_task" || word == "ensure_future" || word == "run_coroutine_threadsafe" || word == "start_soon" ||
        word == "start" || word == "spawn") {
        what = "runs as a task (`" + std::string(word) + "` at " + lineOf(outer) +
               "): when it fails the program goes on, and asyncio lets the other awaitables run on where a task "
               "group cancels them";
        return Use::Task;
    }
    if (word == "run_until_complete") {
        what = "is run by `run_until_complete` (" + lineOf(outer) +
               "), after which the loop may run again and resume the other awaitables";
        return Use::Unseen;
    }
    if (isCall) return Use::Call;
    what = "is passed as a value (" + lineOf(use) + ")";
    return Use::Unseen;
}

// Uses of function `fi` other than the calls the model resolves: its name as a value, or a
// method's name as an attribute that is not called. The first one decides: Root (run by
// anyio.run/trio.run), Task, or Unseen (`what` says which); Call when there is none.
Use valueUses(const Context& ctx, const python::FunctionInfo& fi, std::string& what) {
    for (TSNode n : ctx.syntax.nodesOfType("identifier", ctx.syntax.root())) {
        if (ctx.text(n) != fi.name) continue;
        TSNode p = ctx.syntax.parent(n), use = n;
        if (is(p, "function_definition") && sameNode(field(p, "name"), n)) continue;
        if (is(p, "keyword_argument") && sameNode(field(p, "name"), n)) continue;
        if (is(p, "attribute")) {
            if (!sameNode(field(p, "attribute"), n)) continue;  // `f.x`: not a use of f's code
            if (isNull(fi.classNode)) continue;                 // `x.f` is not this module function
            use = p;
        } else if (!isNull(fi.classNode)) {
            continue;  // a bare name is not the method
        }
        TSNode up = ctx.syntax.parent(use);
        if (is(up, "call") && sameNode(field(up, "function"), use)) continue;  // a call: followed as a caller
        if (is(up, "parameters") || is(up, "default_parameter") || is(up, "global_statement") ||
            is(up, "nonlocal_statement") || is(up, "import_from_statement") || is(up, "dotted_name") ||
            is(up, "aliased_import"))
            continue;
        Use u = classifyArgument(ctx, use, false, what);
        if (u != Use::Call) return u;
    }
    return Use::Call;
}

// The other awaitables are cancelled: their handlers must behave alike under a cancelled scope
// (asyncio cancels them once, at the program's end, or never). Sets `out.why` when one does not;
// returns a cleanup handler of theirs (order matters beside it), or null.
const python::HandlerInfo* othersCleanup(const Context& ctx, const std::vector<TSNode>& awaitables,
                                         SiblingFailure& out) {
    const python::HandlerInfo* cleanup = nullptr;
    for (TSNode a : awaitables) {
        for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(a)) {
            if (!catchesCancellation(ctx, *h)) continue;
            std::string why = unsafeUnderAnyioCancel(
                ctx, *h, "the task group's cancelled scope",
                "asyncio's task ends there, the task group's cancelled scope cancels its next await again; make the "
                "handler re-raise first");
            if (!why.empty()) {
                out.why = "when one awaitable fails the task group cancels the others, and " + why;
                return nullptr;
            }
            if (!cleanup && !isNull(h->block)) cleanup = h;
        }
    }
    return cleanup;
}

// asyncio leaves the other awaitables running after a failure until asyncio.run() cancels them: a
// few loop steps go by (the gather's callback, the caller's wake-up, the main task's end), and an
// awaitable whose await yields for exactly one step (`await asyncio.sleep(0)`, a literal zero)
// runs on in them, deterministically, when code follows it; the task group cancels it at once.
// Sets `out.why` for the first such await the awaitables reach (their code and the module
// functions they call).
// Code runs after the await `aw` before its function returns: anything but `pass` and a `return`
// whose value calls nothing, at its level and after the `if` statements around it; a loop
// around it (it repeats), a `try`/`with` (their exits run code) or an `await` that is not a whole
// statement count as code.
bool codeAfter(const Context& ctx, TSNode aw) {
    TSNode n = ctx.syntax.parent(aw);
    if (!is(n, "expression_statement")) return true;
    while (true) {
        TSNode block = ctx.syntax.parent(n);
        if (!is(block, "block")) return true;
        bool after = false;
        for (TSNode sib : python::namedChildren(block)) {
            if (python::sameNode(sib, n)) {
                after = true;
                continue;
            }
            if (!after || is(sib, "comment") || is(sib, "pass_statement")) continue;
            if (is(sib, "return_statement") && ctx.semantics().callNodesIn(sib).empty()) return false;
            return true;
        }
        TSNode owner = ctx.syntax.parent(block);
        if (is(owner, "function_definition")) return false;
        if (is(owner, "else_clause") || is(owner, "elif_clause")) owner = ctx.syntax.parent(owner);
        if (!is(owner, "if_statement")) return true;
        n = owner;
    }
}

void oneStepYield(const Context& ctx, const std::vector<TSNode>& awaitables, SiblingFailure& out) {
    const python::Semantics& sem = ctx.semantics();
    for (TSNode a : awaitables) {
        std::vector<TSNode> regions{a};
        for (int f : sem.reachableFrom(a)) regions.push_back(field(sem.functions()[static_cast<std::size_t>(f)].node, "body"));
        for (TSNode r : regions)
            for (TSNode call : sem.callNodesIn(r)) {
                if (!is(ctx.syntax.parent(call), "await")) continue;
                auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
                if (!q || (*q != "asyncio.sleep" && *q != "anyio.sleep" && *q != "trio.sleep")) continue;
                std::vector<TSNode> args = python::namedChildren(field(call, "arguments"));
                if (args.empty() || !(is(args[0], "integer") || is(args[0], "float"))) continue;
                std::string zero = ctx.str(args[0]);
                if (zero.find_first_not_of("0._") != std::string::npos || !codeAfter(ctx, ctx.syntax.parent(call))) continue;
                out.why = "when one awaitable fails asyncio leaves the others running until asyncio.run() ends, and `" +
                          ctx.str(a) + "` reaches `" + ctx.str(call) + "` (" + lineOf(call) +
                          "), which lets it run on for those loop steps (the task group cancels it at once)";
                return;
            }
    }
}

// The uses of module function `fn` that hand its failure on: the calls to follow (pushed on
// `todo`); sets `out.why` for a task, `out.unseen` for a use that cannot be followed.
void followCallers(const Context& ctx, int fn, std::vector<TSNode>& todo, SiblingFailure& out) {
    const python::Semantics& sem = ctx.semantics();
    const python::FunctionInfo& fi = sem.functions()[static_cast<std::size_t>(fn)];
    std::string what;
    Use v = valueUses(ctx, fi, what);
    if (v == Use::Task) {
        out.why = "`" + fi.name + "` " + what;
        return;
    }
    if (v == Use::Unseen && out.unseen.empty()) out.unseen = "`" + fi.name + "` " + what;
    std::vector<TSNode> calls = sem.callersByFunction()[static_cast<std::size_t>(fn)];
    if (!isNull(fi.classNode))
        for (TSNode call : sem.moduleUntypedMethodCalls())
            if (ctx.text(field(field(call, "function"), "attribute")) == fi.name) calls.push_back(call);
    if (calls.empty() && v != Use::Root && out.unseen.empty()) out.unseen = "`" + fi.name + "` has no caller in this module";
    for (TSNode call : calls) {
        Use u = classifyArgument(ctx, call, true, what);
        if (u == Use::Task) {
            out.why = "`" + fi.name + "` " + what;
            return;
        }
        if (u == Use::Unseen && out.unseen.empty()) out.unseen = "`" + fi.name + "` " + what;
        if (u == Use::Call) todo.push_back(call);
    }
}

}  // namespace

SiblingFailure siblingFailure(const Context& ctx, TSNode site, const std::vector<TSNode>& awaitables) {
    SiblingFailure out;
    const python::HandlerInfo* cleanup = othersCleanup(ctx, awaitables, out);
    if (!out.why.empty()) return out;

    // The failure's way out, through the callers in the module, to asyncio.run() (an explicit
    // stack: no recursion proportional to the call depth).
    std::vector<char> seen(ctx.semantics().functions().size(), 0);
    std::vector<TSNode> todo{site};
    while (!todo.empty() && out.why.empty()) {
        TSNode n = todo.back();
        todo.pop_back();
        if (std::string why = exitCodeWhy(ctx, n, cleanup); !why.empty()) {
            out.why = why;
            break;
        }
        int fn = ctx.semantics().functionAt(n);
        if (fn < 0) {
            if (out.unseen.empty()) out.unseen = "the module code at " + lineOf(n) + " runs it outside asyncio.run()";
            continue;
        }
        if (seen[static_cast<std::size_t>(fn)]) continue;
        seen[static_cast<std::size_t>(fn)] = 1;
        followCallers(ctx, fn, todo, out);
    }
    if (out.why.empty()) oneStepYield(ctx, awaitables, out);
    return out;
}

}  // namespace anymig::asyncio_to_anyio
