// The round's consistency check. Each rule decides about one site; cancellation semantics
// belong to the whole module. Before a round's edits are applied, this checks the
// combination against the module's semantic model and backs out the fixes that would
// change behaviour on asyncio, naming the site that makes them unsafe:
//  - a new anyio timeout (AM202 wait_for, AM203 timeout) is level-triggered: every await in
//    the cancelled scope is cancelled again. asyncio delivered the cancellation once, so a
//    handler reached from the timed-out code that awaits cleanup (unshielded), or that
//    swallows the cancellation, would now behave differently. AM107 completes the common
//    case in the same round (shielded cleanup); what is left here is backed out.
//  - a new anyio shield (AM206) does not stop a native asyncio cancellation: it is backed
//    out while the module still cancels through asyncio.
#include "rewrites/asyncio_to_anyio/cancellation.h"

#include <algorithm>

#include "rewrites/asyncio_to_anyio/helpers.h"
#include "rewrites/asyncio_to_anyio/module_summary.h"

namespace anymig::asyncio_to_anyio {

namespace {

bool isCancelledRef(const std::string& q) {
    return q == "asyncio.CancelledError" || q == "asyncio.exceptions.CancelledError";
}

bool isBuiltin(const Context& ctx, TSNode n, std::string_view name) {
    return is(n, "identifier") && ctx.text(n) == name && !ctx.model.lookup(ctx.model.scopeOf(n), std::string(name));
}

bool shieldedScope(const Context& ctx, TSNode with) {
    for (TSNode clause : namedChildren(with)) {
        if (!is(clause, "with_clause")) continue;
        for (TSNode item : namedChildren(clause)) {
            TSNode call = field(item, "value");
            if (is(call, "as_pattern")) call = namedChildren(call).front();
            if (!is(call, "call")) continue;
            auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
            if (!q || (*q != "anyio.CancelScope" && *q != "anyio.move_on_after" && *q != "anyio.fail_after")) continue;
            TSNode shield = ctx.args(field(call, "arguments")).keyword("shield", ctx.syntax);
            if (!isNull(shield) && ctx.text(field(shield, "value")) == "True") return true;
        }
    }
    return false;
}

// `name` is bound by `with anyio.CancelScope() as name:` (or move_on_after/fail_after).
bool anyioScopeName(const Context& ctx, TSNode name) {
    if (!is(name, "identifier")) return false;
    const auto* bindings = ctx.model.lookup(ctx.model.scopeOf(name), std::string(ctx.text(name)));
    if (!bindings || bindings->empty()) return false;
    for (const python::Binding& b : *bindings) {
        TSNode p = b.node;
        while (!isNull(p) && !is(p, "with_statement") && !is(p, "block")) p = ctx.syntax.parent(p);
        if (!is(p, "with_statement") || !contains(p, b.node)) return false;
        bool scope = false;
        for (TSNode clause : namedChildren(p))
            for (TSNode item : is(clause, "with_clause") ? namedChildren(clause) : std::vector<TSNode>{}) {
                TSNode v = field(item, "value");
                TSNode call = is(v, "as_pattern") ? namedChildren(v).front() : v;
                auto q = is(call, "call") ? ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call))
                                          : std::nullopt;
                scope = scope || (q && (*q == "anyio.CancelScope" || *q == "anyio.move_on_after" ||
                                        *q == "anyio.fail_after"));
            }
        if (!scope) return false;
    }
    return true;
}

std::string line(TSNode n) { return "line " + std::to_string(rowOf(n)); }

std::string functionName(const Context& ctx, int fn) {
    if (fn < 0) return "";
    return " in `" + ctx.semantics().functions()[static_cast<std::size_t>(fn)].name + "`";
}

// The region a timeout fix puts under an anyio deadline: the wait_for call, or the body of
// the `async with asyncio.timeout()` statement. Null when the fix sets no deadline.
TSNode timeoutRegion(const Context& ctx, const python::AcceptedFix& f) {
    bool deadline = std::any_of(f.edits.begin(), f.edits.end(), [](const Edit& e) {
        return e.replacement.find("fail_after") != std::string::npos || e.replacement == kWaitForHelper;
    });
    if (!deadline) return TSNode{};
    if (f.ruleId == "AM202") return f.site;
    if (f.ruleId != "AM203") return TSNode{};
    for (TSNode p = ctx.syntax.parent(f.site); !isNull(p); p = ctx.syntax.parent(p))
        if (is(p, "with_statement")) return field(p, "body");
    return TSNode{};
}

// Try statements around `n` (in its function) whose handlers catch asyncio.TimeoutError.
std::vector<TSNode> asyncioTimeoutTries(const Context& ctx, TSNode n) {
    std::vector<TSNode> out;
    for (TSNode p = ctx.syntax.parent(n); !isNull(p) && !is(p, "function_definition"); p = ctx.syntax.parent(p)) {
        if (!is(p, "try_statement") || !contains(field(p, "body"), n)) continue;
        for (const python::Reference* r : ctx.model.referencesTo("asyncio"))
            if ((r->qualified == "asyncio.TimeoutError" || r->qualified == "asyncio.exceptions.TimeoutError") &&
                contains(p, r->node) && !contains(field(p, "body"), r->node)) {
                out.push_back(p);
                break;
            }
    }
    return out;
}

// Before Python 3.11, AM202 rewrote a wait_for under `except asyncio.TimeoutError` because the
// other wait_fors of that try body were going away too; a backed-out one keeps the handler as it
// is, which would not catch fail_after's builtin TimeoutError: back out its neighbours as well.
void checkTimeoutHandlers(Context& ctx, const std::vector<std::size_t>& backedOut) {
    if (targetPython(ctx).atLeast(3, 11)) return;
    for (std::size_t k : backedOut) {
        for (TSNode tryStmt : asyncioTimeoutTries(ctx, ctx.acceptedFixes()[k].site)) {
            for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
                const python::AcceptedFix& f = ctx.acceptedFixes()[i];
                if (f.retracted || (f.ruleId != "AM202" && f.ruleId != "AM203") ||
                    !contains(field(tryStmt, "body"), f.site))
                    continue;
                ctx.retract(i, SiteStatus::NeedsReview,
                            std::string(f.ruleId == "AM202" ? "asyncio.wait_for()" : "asyncio.timeout()") +
                                " kept: the surrounding `except asyncio.TimeoutError` (" + line(tryStmt) +
                                ") stays because the wait_for at " + line(ctx.acceptedFixes()[k].site) +
                                " in the same try body is kept, and before Python 3.11 (target is " +
                                targetPython(ctx).str() + ") it would not catch fail_after's builtin TimeoutError");
            }
        }
    }
}

void checkTimeouts(Context& ctx) {
    std::vector<std::size_t> backedOut;
    for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
        const python::AcceptedFix& f = ctx.acceptedFixes()[i];
        if (f.retracted) continue;
        TSNode region = timeoutRegion(ctx, f);
        if (isNull(region)) continue;
        std::string why;
        for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(region))
            if (why = unsafeUnderAnyioTimeout(ctx, *h); !why.empty()) break;
        if (why.empty()) why = crossModuleHazard(ctx, region);  // handlers in the modules it imports
        if (why.empty()) continue;
        std::string what = f.ruleId == "AM202" ? "asyncio.wait_for()" : "asyncio.timeout()";
        ctx.retract(i, SiteStatus::NeedsReview, what + " kept: " + why);
        backedOut.push_back(i);
    }
    checkTimeoutHandlers(ctx, backedOut);
}

void checkShields(Context& ctx) {
    std::string canceller;
    bool computed = false;
    for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
        const python::AcceptedFix& f = ctx.acceptedFixes()[i];
        if (f.retracted || f.ruleId != "AM206") continue;
        if (!computed) canceller = remainingAsyncioCanceller(ctx);
        computed = true;
        std::string why = canceller.empty() ? "" : "the module still cancels through asyncio (" + canceller + ")";
        if (why.empty()) why = crossModuleCanceller(ctx, f.site);  // a module of the run calling this one
        if (why.empty()) continue;
        ctx.retract(i, SiteStatus::NeedsReview,
                    "asyncio.shield() kept: " + why +
                        ", and anyio's shield does not stop an asyncio cancellation; migrate that site first");
    }
}

}  // namespace

std::string unsafeUnderAnyioTimeout(const Context& ctx, const python::HandlerInfo& h) {
    return unsafeUnderAnyioCancel(ctx, h, "anyio's timeout",
                                  "asyncio's wait_for then returns what the function returns, anyio's timeout raises "
                                  "TimeoutError; make the handler re-raise first");
}

bool catchesCancellation(const Context& ctx, const python::HandlerInfo& h) {
    if (h.kind == python::HandlerInfo::Kind::Finally || h.catchesAll()) return true;
    for (TSNode c : h.caught) {
        if (isBuiltin(ctx, c, "BaseException")) return true;
        TSNode callee = is(c, "call") ? field(c, "function") : c;
        auto q = ctx.model.resolve(callee, ctx.model.scopeOf(c));
        if (q && (isCancelledRef(*q) || (is(c, "call") && *q == "anyio.get_cancelled_exc_class"))) return true;
    }
    return false;
}

std::vector<TSNode> unshieldedAwaits(const Context& ctx, const python::HandlerInfo& h) {
    std::vector<TSNode> out;
    for (TSNode a : h.awaits) {
        bool shielded = false;
        for (TSNode p = ctx.syntax.parent(a); !isNull(p) && !sameNode(p, h.block) && !shielded;
             p = ctx.syntax.parent(p))
            shielded = is(p, "with_statement") && shieldedScope(ctx, p);
        if (!shielded) out.push_back(a);
    }
    return out;
}

const python::HandlerInfo* handlerOf(const Context& ctx, TSNode clause) {
    for (const python::HandlerInfo& h : ctx.semantics().handlers())
        if (sameNode(h.clause, clause)) return &h;
    return nullptr;
}

std::string handlerWhere(const Context& ctx, const python::HandlerInfo& h) {
    if (is(h.clause, "function_definition")) {
        TSNode cls = ctx.semantics().functions()[static_cast<std::size_t>(h.function)].classNode;
        return "`" + ctx.str(field(cls, "name")) + ".__aexit__` at " + line(h.clause) + " (left by an `async with`)";
    }
    return (h.kind == python::HandlerInfo::Kind::Finally ? "the `finally` block at " : "the cancellation handler at ") +
           line(h.clause) + functionName(ctx, h.function);
}

std::string unsafeUnderAnyioCancel(const Context& ctx, const python::HandlerInfo& h, std::string_view canceller,
                                   std::string_view swallowed) {
    if (!catchesCancellation(ctx, h)) return "";
    // AM107 migrates the handler in this round: its cleanup is shielded and it re-raises.
    for (TSNode c : h.caught)
        if (ctx.fixedThisRound(c)) return "";
    std::string where = handlerWhere(ctx, h);
    std::vector<TSNode> awaits = unshieldedAwaits(ctx, h);
    if (!awaits.empty())
        return where + " awaits (" + line(awaits.front()) +
               ") while the task is being cancelled: asyncio delivers the cancellation once, " + std::string(canceller) +
               " cancels that await again, so the cleanup would be lost; put it under "
               "`with anyio.CancelScope(shield=True):` first";
    if (h.swallows()) return where + " swallows the cancellation: " + std::string(swallowed);
    return "";
}

std::string remainingAsyncioCanceller(const Context& ctx) {
    static const std::vector<std::string_view> sources = {
        "asyncio.wait_for",     "asyncio.tasks.wait_for",     "asyncio.timeout",         "asyncio.timeouts.timeout",
        "asyncio.timeout_at",   "asyncio.timeouts.timeout_at", "asyncio.create_task",    "asyncio.tasks.create_task",
        "asyncio.ensure_future", "asyncio.tasks.ensure_future", "asyncio.TaskGroup",     "asyncio.taskgroups.TaskGroup"};
    for (const python::Reference& r : ctx.model.references())
        if (std::find(sources.begin(), sources.end(), r.qualified) != sources.end() && !ctx.fixedThisRound(r.node))
            return r.qualified + " kept at " + line(r.node);
    for (TSNode call : ctx.semantics().methodCalls("cancel")) {
        TSNode object = field(field(call, "function"), "object");
        // anyio's own scopes: `tg.cancel_scope.cancel()`, `scope.cancel()` of a `with ... as scope`.
        if (is(object, "attribute") && ctx.text(field(object, "attribute")) == "cancel_scope") continue;
        if (anyioScopeName(ctx, object)) continue;
        if (ctx.fixedThisRound(call)) continue;
        return "`" + ctx.str(call) + "` at " + line(call);
    }
    return "";
}

void checkRound(Context& ctx) {
    checkTimeouts(ctx);  // first: a timeout backed out stays an asyncio cancellation source
    checkShields(ctx);
    placeHelpers(ctx);  // after the check: only the fixes it kept call helpers
}

}  // namespace anymig::asyncio_to_anyio
