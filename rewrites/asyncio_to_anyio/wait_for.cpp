// AM202 wait-for: `await asyncio.wait_for(aw, t)` as a whole statement (bare, assigned, or
// returned) -> `with anyio.fail_after(t):` around `await aw`. `timeout=None` drops the timeout.
// A wait_for whose value feeds a larger expression becomes a call of the generated module
// helper `_anymig_wait_for(aw, t)` (helpers.cpp), which keeps the evaluation order exactly.
#include "rewrites/asyncio_to_anyio/helpers.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

namespace {

using namespace structured;

bool isTimeoutErrorRef(const python::Reference& r) {
    return r.qualified == "asyncio.TimeoutError" || r.qualified == "asyncio.exceptions.TimeoutError";
}

// A statement-level `await asyncio.wait_for(...)` this rule rewrites (shape only).
bool rewritableShape(const Context& ctx, const python::Reference& r) {
    if (r.qualified != "asyncio.wait_for" && r.qualified != "asyncio.tasks.wait_for") return false;
    TSNode call = ctx.syntax.parent(r.node);
    return is(call, "call") && awaitStatement(ctx, call).has_value();
}

// Before Python 3.11 asyncio.TimeoutError is not the builtin TimeoutError that fail_after raises.
// A surrounding `except asyncio.TimeoutError` keeps working only if the import rule's partner,
// AM106, rewrites it: it does so once nothing else in the try body uses asyncio.
std::string handlerBlocker(const Context& ctx, TSNode call) {
    if (ctx.targets.python.atLeast(3, 11)) return {};
    for (TSNode p = ctx.syntax.parent(call); !isNull(p); p = ctx.syntax.parent(p)) {
        if (is(p, "function_definition") || is(p, "lambda") || is(p, "class_definition")) break;
        // `with self.assertRaises(asyncio.TimeoutError):` / `with pytest.raises(...)` expect
        // asyncio's class, which AM106 does not rewrite outside `except` before 3.11.
        if (is(p, "with_statement")) {
            TSNode clause{};
            for (TSNode c : python::namedChildren(p))
                if (is(c, "with_clause")) clause = c;
            for (const python::Reference* r : ctx.model.referencesTo("asyncio"))
                if (!isNull(clause) && isTimeoutErrorRef(*r) && python::contains(clause, r->node))
                    return "the surrounding `with` (line " + std::to_string(python::rowOf(p)) +
                           ") expects asyncio.TimeoutError, which is not fail_after's builtin TimeoutError before "
                           "Python 3.11 (target is " + ctx.targets.python.str() + "); expect `TimeoutError` there first";
            continue;
        }
        if (!is(p, "try_statement")) continue;
        TSNode body = field(p, "body");
        if (!python::contains(body, call)) continue;
        bool catchesAsyncio = false;
        for (const python::Reference* r : ctx.model.referencesTo("asyncio"))
            if (isTimeoutErrorRef(*r) && python::contains(p, r->node) && !python::contains(body, r->node))
                catchesAsyncio = true;
        if (!catchesAsyncio) continue;
        for (const python::Reference* r : ctx.model.referencesTo("asyncio")) {
            if (!python::contains(body, r->node) || python::contains(call, r->node)) continue;
            if (rewritableShape(ctx, *r)) continue;
            return "the surrounding `except asyncio.TimeoutError` (line " + std::to_string(python::rowOf(p)) +
                   ") would not catch fail_after's builtin TimeoutError before Python 3.11 (target is " +
                   ctx.targets.python.str() + "), and the try body still uses asyncio (line " +
                   std::to_string(python::rowOf(r->node)) + "); catch `TimeoutError` there first";
        }
    }
    return {};
}

}  // namespace

extern const PyRule kWaitFor{
    {"AM202", "wait-for", "wait-for",
     "Replace statement-level await asyncio.wait_for(aw, t) with `with anyio.fail_after(t): await aw`",
     FixSafety::Conditional},
    {"asyncio.wait_for", "asyncio.tasks.wait_for"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        python::CallArgs a = ctx.args(site.arguments);
        if (a.hasStar || a.hasDoubleStar)
            return Flag{SiteStatus::NeedsReview, "asyncio.wait_for(*args/**kwargs): migrate by hand to "
                                                 "`with anyio.fail_after(t): await aw`"};
        if (a.hasComment)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.wait_for(...) has comments inside its arguments: migrate by hand to "
                        "`with anyio.fail_after(t): await aw` so they are kept"};
        TSNode timeout = a.positional.size() > 1 ? a.positional[1] : TSNode{};
        for (TSNode k : a.keywords) {
            if (ctx.text(field(k, "name")) == "timeout" && isNull(timeout)) timeout = field(k, "value");
            else
                return Flag{SiteStatus::NeedsReview, "asyncio.wait_for() with the unexpected argument `" +
                                                         ctx.str(field(k, "name")) + "=`: migrate by hand"};
        }
        if (a.positional.empty() || a.positional.size() > 2 || isNull(timeout))
            return Flag{SiteStatus::NeedsReview, "asyncio.wait_for() with unusual arguments: migrate by hand"};
        TSNode aw = a.positional[0];
        if (!is(ctx.syntax.parent(site.call), "await"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.wait_for() is not awaited where it is called (its coroutine is stored or passed "
                        "on): anyio's timeout is a `with anyio.fail_after(t):` block around the await"};
        if (!inAsyncFunction(ctx, site.call))
            return Flag{SiteStatus::NeedsReview, "asyncio.wait_for() outside an async function: migrate by hand"};
        Rewrite r;
        r.fix.imports.clear();
        if (is(timeout, "none")) {
            // No timeout: wait_for(aw, None) is just aw.
            r.fix.edits.push_back(replaceRange(python::beginOf(site.call), python::beginOf(aw), ""));
            r.fix.edits.push_back(replaceRange(python::endOf(aw), python::endOf(site.call), ""));
            r.message = "asyncio.wait_for(aw, None) -> aw: a None timeout never expires";
            return r;
        }
        std::string blocker = handlerBlocker(ctx, site.call);
        if (!blocker.empty()) return Flag{SiteStatus::NeedsReview, "asyncio.wait_for() kept: " + blocker};
        auto stmt = awaitStatement(ctx, site.call);
        bool awPure = is(aw, "call") && isPure(field(aw, "function"));
        if (awPure)
            for (TSNode c : python::namedChildren(field(aw, "arguments")))
                awPure = awPure && (isPure(c) || (is(c, "keyword_argument") && isPure(field(c, "value"))));
        // In an expression, or when `with fail_after(t):` would evaluate the timeout before the
        // awaitable's arguments: the generated helper keeps the evaluation order exactly.
        if (!stmt || (!isPure(timeout) && !awPure)) {
            std::string taken = helperNameBlocked(ctx, site.call, kWaitForHelper);
            if (!taken.empty())
                return Flag{SiteStatus::NeedsReview,
                            "asyncio.wait_for() kept: " + (stmt ? "its timeout is evaluated after the awaitable's "
                                                                   "arguments"
                                                                 : notStatementReason(ctx, site.call)) +
                                ", and " + taken};
            r.fix.edits.push_back(replaceNode(site.callee, kWaitForHelper));
            r.fix.imports.push_back("anyio");
            r.message = "asyncio.wait_for(aw, t) -> _anymig_wait_for(aw, t), a generated module helper that runs "
                        "`with anyio.fail_after(t): return await aw` (" +
                        (stmt ? std::string("keeps the argument evaluation order") : notStatementReason(ctx, site.call)) +
                        ")";
            return r;
        }
        std::string header = "with anyio.fail_after(" + ctx.str(timeout) + ")";
        r.fix.edits = wrapAwaitStatement(ctx, *stmt, site.call, aw, header, "", {});
        r.fix.imports.push_back("anyio");
        r.message = "await asyncio.wait_for(aw, t) -> with anyio.fail_after(t): await aw (raises TimeoutError)";
        return r;
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
