// AM106 timeout-error: asyncio.TimeoutError -> TimeoutError.
// AM107 cancelled-error: except asyncio.CancelledError -> except anyio.get_cancelled_exc_class();
// a handler that awaits cleanup before re-raising gets that cleanup under
// `with anyio.CancelScope(shield=True):` (anyio cancels every await in a cancelled scope again).
#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

namespace {

// The except_clause whose caught type is (or contains, in a tuple) `n`.
TSNode exceptClauseOf(const Context& ctx, TSNode n) {
    TSNode cur = n;
    for (TSNode p = ctx.syntax.parent(cur); !isNull(p); cur = p, p = ctx.syntax.parent(p)) {
        if (is(p, "tuple") || is(p, "parenthesized_expression")) continue;
        // `except X as e` may parse as an as_pattern whose first child is X.
        if (is(p, "as_pattern") && python::sameNode(python::namedChildren(p).front(), cur)) continue;
        if (is(p, "except_clause") && (python::sameNode(field(p, "value"), cur) ||
                                       python::sameNode(python::namedChildren(p).front(), cur)))
            return p;
        return TSNode{};
    }
    return TSNode{};
}

// The handler's block (the except clause's last named child).
TSNode handlerBlock(TSNode clause) {
    auto kids = python::namedChildren(clause);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it)
        if (is(*it, "block")) return *it;
    return TSNode{};
}

bool containsType(TSNode root, std::string_view t, bool stopAtFunctions = true) {
    std::vector<TSNode> work{root};  // explicit stack: no recursion proportional to nesting
    while (!work.empty()) {
        TSNode n = work.back();
        work.pop_back();
        if (is(n, t)) return true;
        if (stopAtFunctions && (is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition")))
            continue;
        for (TSNode c : python::namedChildren(n)) work.push_back(c);
    }
    return false;
}

// The handler always re-raises the exception it caught: its last statement is a bare
// `raise`, and nothing in it leaves the handler another way.
bool reraisesAlways(const Context& ctx, TSNode block) {
    TSNode last{};
    for (TSNode s : python::namedChildren(block))
        if (!is(s, "comment")) last = s;
    if (!is(last, "raise_statement") || ts_node_named_child_count(last) != 0) return false;
    return !containsType(block, "return_statement") && !containsType(block, "break_statement") &&
           !containsType(block, "continue_statement");
}

// Edits that put the handler's statements before its final `raise` under a shielded scope
// (empty when they do not stand on lines of their own).
std::vector<Edit> shieldCleanup(const Context& ctx, TSNode block) {
    std::vector<TSNode> stmts;
    for (TSNode s : python::namedChildren(block))
        if (!is(s, "comment")) stmts.push_back(s);
    if (stmts.size() < 2) return {};
    TSNode first = stmts.front(), lastCleanup = stmts[stmts.size() - 2];
    for (TSNode s : stmts)
        if (!structured::ownsLines(ctx, s)) return {};
    std::string indent = ctx.indentAt(beginOf(first));
    std::string unit = structured::indentUnit(ctx, first);
    std::size_t ls = ctx.source.lineStart(rowOf(first));
    std::vector<Edit> edits{replaceRange(ls, ls, indent + "with anyio.CancelScope(shield=True):" + ctx.newline() + unit)};
    for (Edit& e : structured::indentLines(ctx, beginOf(first), endOf(lastCleanup), unit)) edits.push_back(std::move(e));
    return edits;
}

}  // namespace

extern const PyRule kTimeoutError{
    {"AM106", "timeout-error", "exception-names", "Replace asyncio.TimeoutError with the builtin TimeoutError",
     FixSafety::Conditional},
    {},
    {},
    [](Context& ctx, const PyRule& rule) {
        bool sameClass = ctx.targets.python.atLeast(3, 11);
        for (const python::Reference* ref : ctx.model.referencesTo("asyncio")) {
            if (ref->qualified != "asyncio.TimeoutError" && ref->qualified != "asyncio.exceptions.TimeoutError")
                continue;
            if (ctx.claimed(*ref)) continue;
            Fix fix;
            fix.edits.push_back(replaceNode(ref->node, "TimeoutError"));
            if (sameClass) {
                ctx.fixed(rule.info, ref->node, "asyncio.TimeoutError -> TimeoutError (the same class since Python 3.11)",
                          fix);
                continue;
            }
            TSNode clause = exceptClauseOf(ctx, ref->node);
            if (isNull(clause)) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "asyncio.TimeoutError is not the builtin TimeoutError before Python 3.11 (target is " +
                             ctx.targets.python.str() + "); only `except` clauses are rewritten");
                continue;
            }
            TSNode tryStmt = ctx.syntax.parent(clause);
            TSNode body = field(tryStmt, "body");
            int stillAsyncio = 0;
            for (const python::Reference* other : ctx.model.referencesTo("asyncio"))
                if (python::contains(body, other->node)) {
                    stillAsyncio = python::rowOf(other->node);
                    break;
                }
            if (stillAsyncio) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "except asyncio.TimeoutError kept: before Python 3.11 (target is " +
                             ctx.targets.python.str() + ") it differs from TimeoutError, and the try body still uses "
                             "asyncio (line " + std::to_string(stillAsyncio) + "), which may raise it");
                continue;
            }
            ctx.fixed(rule.info, ref->node,
                      "except asyncio.TimeoutError -> except TimeoutError (nothing in the try body uses asyncio; "
                      "anyio's timeouts raise the builtin TimeoutError)",
                      fix);
        }
    }};

extern const PyRule kCancelledError{
    {"AM107", "cancelled-error", "exception-names",
     "Replace except asyncio.CancelledError with except anyio.get_cancelled_exc_class()", FixSafety::Conditional},
    {},
    {},
    [](Context& ctx, const PyRule& rule) {
        for (const python::Reference* ref : ctx.model.referencesTo("asyncio")) {
            if (ref->qualified != "asyncio.CancelledError" && ref->qualified != "asyncio.exceptions.CancelledError")
                continue;
            if (ctx.claimed(*ref)) continue;
            TSNode clause = exceptClauseOf(ctx, ref->node);
            if (isNull(clause)) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "asyncio.CancelledError outside an `except` clause: on trio cancellation raises "
                         "trio.Cancelled; use anyio.get_cancelled_exc_class() inside async code");
                continue;
            }
            const python::Scope* fn = python::Model::enclosingFunction(ctx.model.scopeOf(clause));
            if (!fn || !fn->isAsync) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "except asyncio.CancelledError outside an async function: "
                         "anyio.get_cancelled_exc_class() needs a running event loop");
                continue;
            }
            TSNode block = handlerBlock(clause);
            const python::HandlerInfo* handler = handlerOf(ctx, clause);
            std::vector<TSNode> awaits = handler ? unshieldedAwaits(ctx, *handler) : std::vector<TSNode>{};
            if (!reraisesAlways(ctx, block)) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "the cancellation handler " +
                             std::string(awaits.empty() ? "" : "awaits (line " + std::to_string(rowOf(awaits.front())) +
                                                                   ") and ") +
                             "does not always re-raise (it must end with a bare `raise` and never return, break or "
                             "continue): anyio and trio require the cancellation exception to propagate");
                continue;
            }
            std::vector<Edit> shield = awaits.empty() ? std::vector<Edit>{} : shieldCleanup(ctx, block);
            if (!awaits.empty() && shield.empty()) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "the cancellation handler awaits (line " + std::to_string(rowOf(awaits.front())) +
                             ") and shares lines with other code: under anyio every await in a cancelled scope is "
                             "cancelled again; wrap the cleanup in `with anyio.CancelScope(shield=True):` and re-raise");
                continue;
            }
            Fix fix;
            fix.edits.push_back(replaceNode(ref->node, "anyio.get_cancelled_exc_class()"));
            for (Edit& e : shield) fix.edits.push_back(std::move(e));
            fix.imports.push_back("anyio");
            ctx.fixed(rule.info, ref->node,
                      shield.empty() ? "except asyncio.CancelledError -> except anyio.get_cancelled_exc_class() (trio "
                                       "cancels with a different exception)"
                                     : "except asyncio.CancelledError -> except anyio.get_cancelled_exc_class(), its "
                                       "awaiting cleanup under `with anyio.CancelScope(shield=True):` (asyncio delivers "
                                       "a cancellation once; anyio would cancel the cleanup's awaits again)",
                      fix);
        }
    }};

}  // namespace anymig::asyncio_to_anyio
