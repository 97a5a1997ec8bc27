// The round's consistency check. Each rule decides about one site; cancellation semantics
// belong to the whole module. Before a round's edits are applied, this checks the
// combination against the module's semantic model and backs out the fixes that would
// change behaviour on asyncio, naming the site that makes them unsafe:
//  - a new anyio timeout (AM202 wait_for, AM203 timeout) is level-triggered: every await in
//    the cancelled scope is cancelled again. asyncio delivered the cancellation once, so a
//    handler reached from the timed-out code that awaits cleanup (unshielded), or that
//    swallows the cancellation, would now behave differently. AM107 completes the common
//    case in the same round (shielded cleanup); what is left here is backed out.
//  - a new anyio timeout entered in cleanup code (a `finally`, a cancellation handler, or a
//    function called from one) that a native asyncio cancellation reaches behaves otherwise:
//    asyncio's timeout gives way to the pending cancellation, anyio's raises TimeoutError and
//    leaves its cancel request on the task; backed out while such a canceller remains.
//  - a new anyio shield (AM206) does not stop a native asyncio cancellation: it is backed
//    out while the module still cancels through asyncio, and while an anyio timeout of the module
//    may cancel it (asyncio's shield releases the caller at once, anyio's after the work is done).
//  - a new anyio Condition or Semaphore (AM103) whose waiters an asyncio cancellation may reach
//    is backed out: anyio's primitives pass wake-ups on differently under a native cancel.
#include "rewrites/asyncio_to_anyio/cancellation.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "matchers/python/run_summary.h"
#include "rewrites/asyncio_to_anyio/helpers.h"
#include "rewrites/asyncio_to_anyio/module_summary.h"
#include "rewrites/asyncio_to_anyio/structured.h"

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

// The cancellation-catching handler (`finally`, `except CancelledError`/`BaseException`/bare)
// whose block holds `n`: in n's function, else one around a call of that function (a resolved
// call in this module, or a method called by its name on an object of unknown class), and so on
// up the callers. Null when none.
const python::HandlerInfo* cleanupHandlerAround(const Context& ctx, TSNode n) {
    auto inHandler = [&](TSNode x) -> const python::HandlerInfo* {
        for (TSNode p = ctx.syntax.parent(x);
             !isNull(p) && !is(p, "function_definition") && !is(p, "lambda") && !is(p, "class_definition");
             p = ctx.syntax.parent(p)) {
            if (!is(p, "finally_clause") && !is(p, "except_clause")) continue;
            const python::HandlerInfo* h = handlerOf(ctx, p);
            if (h && contains(h->block, x) && catchesCancellation(ctx, *h)) return h;
        }
        return nullptr;
    };
    if (const python::HandlerInfo* h = inHandler(n)) return h;
    const python::HandlerInfo* found = nullptr;
    structured::walkCallerCalls(ctx, ctx.semantics().functionAt(n), [&](TSNode call) {
        found = inHandler(call);
        return found != nullptr;
    });
    return found;
}

// A new anyio timeout entered in cleanup that a native asyncio cancellation reaches (the handler's
// try body may be cancelled by a kept asyncio.timeout/wait_for, a kept task, a `.cancel()`):
// during that cancellation asyncio's own timeout gives way to the pending cancellation, while
// anyio's fail_after raises TimeoutError and leaves its cancel request on the task (an enclosing
// asyncio.timeout then ends in CancelledError, not TimeoutError; CPython's
// test_nested_timeout_in_finally). Backs them out (a backed-out one is a canceller too: repeated
// until nothing changes) and returns their indices.
std::vector<std::size_t> checkTimeoutsInCleanup(Context& ctx) {
    std::vector<std::size_t> backedOut;
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
            const python::AcceptedFix& f = ctx.acceptedFixes()[i];
            if (f.retracted || isNull(timeoutRegion(ctx, f))) continue;
            const python::HandlerInfo* h = cleanupHandlerAround(ctx, f.site);
            if (!h) continue;
            TSNode tryStmt = ctx.syntax.parent(h->clause);
            if (!is(tryStmt, "try_statement")) continue;
            std::string canceller = asyncioCancellerReaching(ctx, field(tryStmt, "body"));
            if (canceller.empty()) continue;
            ctx.retract(i, SiteStatus::NeedsReview,
                        std::string(f.ruleId == "AM202" ? "asyncio.wait_for()" : "asyncio.timeout()") +
                            " kept: it runs in " + handlerWhere(ctx, *h) + ", while asyncio may be cancelling the task (" +
                            canceller +
                            " reaches its try body); during a native cancellation asyncio's timeout gives way to it, "
                            "anyio's fail_after raises TimeoutError and leaves its cancel request on the task (an "
                            "enclosing asyncio.timeout then raises CancelledError); migrate that canceller first");
            backedOut.push_back(i);
            changed = true;
        }
    }
    return backedOut;
}

// A call exactly known not to raise: a logging call (`logging.info(...)`, `log.warning(...)` on a
// module-level `log = logging.getLogger(...)`) whose arguments are names, numbers, constants and
// strings without interpolation (evaluating them cannot raise; logging reports its own formatting
// and handler errors instead of raising them).
bool knownNotToRaise(const Context& ctx, TSNode call) {
    static const std::set<std::string_view> levels = {"debug", "info", "warning", "warn", "error",
                                                      "exception", "critical", "log"};
    TSNode callee = field(call, "function");
    if (!is(callee, "attribute") || !levels.count(ctx.text(field(callee, "attribute")))) return false;
    TSNode object = field(callee, "object");
    if (!is(object, "identifier")) return false;
    auto q = ctx.model.resolve(object, ctx.model.scopeOf(call));
    bool logger = q && *q == "logging";
    if (!logger) {
        const std::vector<python::Binding>* bound = ctx.model.lookup(ctx.model.scopeOf(call), ctx.str(object));
        if (bound && bound->size() == 1 && !isNull(bound->front().node)) {
            TSNode asg = ctx.syntax.parent(bound->front().node);
            TSNode right = is(asg, "assignment") ? field(asg, "right") : TSNode{};
            if (is(right, "call")) {
                auto r = ctx.model.resolve(field(right, "function"), ctx.model.scopeOf(right));
                logger = r && *r == "logging.getLogger" &&
                         python::sameNode(ctx.syntax.parent(ctx.syntax.parent(asg)), ctx.syntax.root());
            }
        }
    }
    if (!logger) return false;
    for (TSNode arg : namedChildren(field(call, "arguments"))) {
        TSNode v = is(arg, "keyword_argument") ? field(arg, "value") : arg;
        static const std::set<std::string_view> plain = {"identifier", "integer", "float", "true", "false", "none"};
        if (plain.count(python::type(v))) continue;
        if (is(v, "string") && ctx.syntax.nodesOfType("interpolation", v).empty()) continue;
        return false;
    }
    return true;
}

// Whether a try statement catches every exception its body raises (a bare `except:`,
// `except Exception`, `except BaseException`): its body raises nothing past it.
bool catchesEverything(const Context& ctx, TSNode tryStmt) {
    for (TSNode c : namedChildren(tryStmt)) {
        if (!is(c, "except_clause")) continue;
        std::vector<TSNode> kids = namedChildren(c);
        if (kids.empty() || is(kids[0], "block")) return true;
        TSNode type = is(kids[0], "as_pattern") ? namedChildren(kids[0])[0] : kids[0];
        if (ctx.text(type) == "Exception" || ctx.text(type) == "BaseException") return true;
    }
    return false;
}

// The first statement or call in `region` (not in a nested function, nor in the body of a try
// that catches everything) that may raise an exception of its own: `raise X` (not a bare
// `raise`, nor `raise e` of the name `bound`), `assert`, an expression statement evaluated only
// for what it may raise (`1 / 0`, `d[key]`: not a call, await, assignment, literal or name), or
// a call of code outside the module that knownNotToRaise does not know. Calls of module functions
// are collected in `moduleCalls` instead. Null when none.
TSNode ownRaiseIn(const Context& ctx, TSNode region, std::string_view bound, std::vector<TSNode>& moduleCalls) {
    std::vector<TSNode> work{region};
    while (!work.empty()) {
        TSNode n = work.back();
        work.pop_back();
        if (is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition")) continue;
        if (is(n, "raise_statement")) {
            std::vector<TSNode> kids = namedChildren(n);
            if (kids.empty() || (kids.size() == 1 && is(kids[0], "identifier") && ctx.text(kids[0]) == bound)) continue;
            return n;
        }
        if (is(n, "assert_statement")) return n;
        if (is(n, "expression_statement")) {
            std::vector<TSNode> kids = namedChildren(n);
            static const std::set<std::string_view> inert = {
                "call", "await", "assignment", "augmented_assignment", "string", "concatenated_string", "yield",
                "ellipsis", "identifier", "integer", "float", "true", "false", "none"};
            if (kids.size() == 1 && !inert.count(python::type(kids[0]))) return n;
        }
        if (is(n, "call")) {
            if (ctx.semantics().resolveCall(n) >= 0) moduleCalls.push_back(n);
            else if (knownNotToRaise(ctx, n)) continue;
            else return n;
        }
        std::vector<TSNode> kids = namedChildren(n);
        bool guarded = is(n, "try_statement") && catchesEverything(ctx, n);
        for (auto it = kids.rbegin(); it != kids.rend(); ++it)  // document order off the stack
            if (!(guarded && python::sameNode(*it, field(n, "body")))) work.push_back(*it);
    }
    return TSNode{};
}

// What in the handler's block may raise an exception of its own while it runs ("" when nothing):
// ownRaiseIn over the block, then the module functions it calls (and those they reach), each
// searched the same way: "`raise ...` (line N)", "`conn.close()` (line N), a call the model
// cannot follow", "`cleanup()` (line N), which may raise (`x.flush()` at line M)".
std::string raisesOwn(const Context& ctx, const python::HandlerInfo& h) {
    std::string bound;
    if (h.kind == python::HandlerInfo::Kind::Except)
        for (TSNode c : namedChildren(h.clause))
            if (is(c, "as_pattern") && !isNull(field(c, "alias"))) bound = ctx.str(field(c, "alias"));
    if (isNull(h.block)) return {};
    std::vector<TSNode> calls;
    auto quote = [&](TSNode n) {
        std::string text = ctx.str(n);
        if (text.size() > 60 || text.find('\n') != std::string::npos) text = ctx.str(is(n, "call") ? field(n, "function") : n) + (is(n, "call") ? "(...)" : " ...");
        return "`" + text + "` (" + line(n) + ")";
    };
    if (TSNode r = ownRaiseIn(ctx, h.block, bound, calls); !isNull(r))
        return is(r, "call") ? quote(r) + ", a call the model cannot follow" : quote(r);
    const python::Semantics& sem = ctx.semantics();
    for (TSNode call : calls) {
        int fn = sem.resolveCall(call);
        std::vector<int> fns = {fn};
        TSNode def = sem.functions()[static_cast<std::size_t>(fn)].node;
        for (int g : sem.reachableFrom(field(def, "body"))) fns.push_back(g);
        for (int g : fns) {
            std::vector<TSNode> inner;  // reachableFrom has them already
            TSNode r = ownRaiseIn(ctx, field(sem.functions()[static_cast<std::size_t>(g)].node, "body"), "", inner);
            if (!isNull(r)) return quote(call) + ", which may raise (" + quote(r) + ")";
        }
    }
    return {};
}

// `asyncio.wait_for(t, ...)` where `t = ...create_task(f(...))` / `ensure_future(f(...))` earlier in
// the same function: the call `f(...)` (its code is what the timeout cancels), else null.
TSNode spawnedCall(const Context& ctx, TSNode waitFor) {
    TSNode args = field(waitFor, "arguments");
    std::vector<TSNode> kids = is(args, "argument_list") ? namedChildren(args) : std::vector<TSNode>{};
    if (kids.empty() || !is(kids[0], "identifier")) return TSNode{};
    TSNode fn = waitFor;
    while (!isNull(fn) && !is(fn, "function_definition")) fn = ctx.syntax.parent(fn);
    if (isNull(fn)) return TSNode{};
    TSNode found{};
    for (TSNode a : ctx.syntax.nodesOfType("assignment", fn)) {
        if (python::beginOf(a) > python::beginOf(waitFor)) break;
        TSNode left = field(a, "left"), right = field(a, "right");
        if (!is(left, "identifier") || ctx.text(left) != ctx.text(kids[0]) || !is(right, "call")) continue;
        TSNode callee = field(right, "function");
        std::string_view name = is(callee, "attribute") ? ctx.text(field(callee, "attribute")) : ctx.text(callee);
        std::vector<TSNode> spawnArgs = namedChildren(field(right, "arguments"));
        found = (name == "create_task" || name == "ensure_future") && !spawnArgs.empty() && is(spawnArgs[0], "call")
                    ? spawnArgs[0]
                    : TSNode{};
    }
    return found;
}

// Below anyio 4.0 fail_after raises TimeoutError whenever its deadline passed, replacing an
// exception that a cleanup handler raised during the cancellation (anyio 3's
// FailAfterContextManager.__exit__); asyncio's timeout and wait_for let that exception through.
std::string raisesUnderOldFailAfter(const Context& ctx, const python::HandlerInfo& h) {
    if (targetAnyio(ctx).atLeast(4, 0) || !catchesCancellation(ctx, h)) return {};
    std::string r = raisesOwn(ctx, h);
    if (r.empty()) return {};
    return handlerWhere(ctx, h) + " may raise an exception of its own (" + r +
           ") while the task is being cancelled: below anyio 4.0 (target " + targetAnyio(ctx).str() +
           ") fail_after replaces any exception leaving its block after the deadline with TimeoutError, where "
           "asyncio lets it through; target anyio 4.0 or later, or migrate by hand";
}

std::string taskTimeoutHazard(const Context& ctx, TSNode waitFor);  // below, with heldBy

void checkTimeouts(Context& ctx) {
    std::vector<std::size_t> backedOut;
    for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
        const python::AcceptedFix& f = ctx.acceptedFixes()[i];
        if (f.retracted) continue;
        TSNode region = timeoutRegion(ctx, f);
        if (isNull(region)) continue;
        std::string why;
        std::vector<const python::HandlerInfo*> reached = ctx.semantics().handlersReachableFrom(region);
        if (f.ruleId == "AM202")
            if (TSNode spawned = spawnedCall(ctx, f.site); !isNull(spawned))
                for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(spawned)) reached.push_back(h);
        for (const python::HandlerInfo* h : reached)
            if (why = unsafeUnderAnyioTimeout(ctx, *h); !why.empty()) break;
        for (const python::HandlerInfo* h : reached)
            if (why.empty()) why = raisesUnderOldFailAfter(ctx, *h);
        if (why.empty()) why = crossModuleHazard(ctx, region);  // handlers in the modules it imports
        if (why.empty() && f.ruleId == "AM202") why = taskTimeoutHazard(ctx, f.site);
        std::string what = f.ruleId == "AM202" ? "asyncio.wait_for()" : "asyncio.timeout()";
        if (why.empty()) {
            // Code outside the run the timed-out code awaits: its cancellation handlers cannot be
            // read, and one that awaits cleanup or swallows the cancellation behaves otherwise.
            std::vector<TSNode> awaitables;
            if (f.ruleId == "AM202")
                if (std::vector<TSNode> a = namedChildren(field(f.site, "arguments")); !a.empty()) awaitables.push_back(a[0]);
            std::string outside = awaitsOutsideRun(ctx, awaitables, region);
            if (outside.empty()) continue;
            std::string unsafe = "it awaits " + outside +
                                 ", whose cancellation handlers cannot be read: one that awaits cleanup (or swallows the "
                                 "cancellation) runs once under asyncio's timeout, while anyio's cancels that cleanup "
                                 "again at every await";
            if (ctx.unsafeFixes()) {
                ctx.noteOnFix(i, " (unsafe fix, opted in: " + unsafe + ")");
                continue;
            }
            ctx.retract(i, SiteStatus::NeedsReview, what + " kept: " + unsafe + " (rewritten with --unsafe-fixes)");
            backedOut.push_back(i);
            continue;
        }
        ctx.retract(i, SiteStatus::NeedsReview, what + " kept: " + why);
        backedOut.push_back(i);
    }
    for (std::size_t i : checkTimeoutsInCleanup(ctx)) backedOut.push_back(i);
    checkTimeoutHandlers(ctx, backedOut);
}

bool mayReach(const Context& ctx, TSNode region, TSNode site);  // below, with the cancellers

// The anyio timeouts of the module after this round: each fail_after/move_on_after a fix of this
// round enters (AM202, AM203), each `with anyio.fail_after(...)`/`move_on_after`/`fail_at`/
// `move_on_at` already in the source (its body), and each call of the generated wait_for helper
// (the call: its awaitable is what it times). Each with "what (line N)".
std::vector<std::pair<TSNode, std::string>> anyioTimeouts(const Context& ctx) {
    std::vector<std::pair<TSNode, std::string>> out;
    for (const python::AcceptedFix& f : ctx.acceptedFixes()) {
        if (f.retracted) continue;
        if (TSNode region = timeoutRegion(ctx, f); !isNull(region))
            out.emplace_back(region, std::string(f.ruleId == "AM202" ? "asyncio.wait_for" : "asyncio.timeout") +
                                         " at " + line(f.site) + ", rewritten to anyio.fail_after");
    }
    for (const CallSite& c : ctx.callsTo({"anyio.fail_after", "anyio.move_on_after", "anyio.fail_at", "anyio.move_on_at"})) {
        TSNode with = ctx.syntax.parent(c.call);
        while (!isNull(with) && !is(with, "with_statement") && (is(with, "with_item") || is(with, "with_clause")))
            with = ctx.syntax.parent(with);
        if (is(with, "with_statement"))
            out.emplace_back(field(with, "body"), "`" + ctx.str(c.callee) + "` at " + line(c.call));
    }
    if (ctx.text(ctx.syntax.root()).find(kWaitForHelper) == std::string_view::npos) return out;
    for (TSNode id : ctx.syntax.nodesOfType("identifier", ctx.syntax.root())) {
        TSNode call = ctx.syntax.parent(id);
        if (ctx.text(id) == kWaitForHelper && is(call, "call") && python::sameNode(field(call, "function"), id))
            out.emplace_back(field(call, "arguments"), "`" + std::string(kWaitForHelper) + "` at " + line(call));
    }
    return out;
}

TSNode enteredWith(const Context& ctx, TSNode call);  // below, with the cancellers

// The anyio task groups of the module after this round, whose cancellation (a failing task,
// `tg.cancel_scope.cancel()`) reaches the code they run: each `async with anyio.create_task_group()`
// already in the source (its body), and each task group a fix of this round writes (AM201's gather:
// the call, its awaitables; AM204's TaskGroup: the block; AM205's create_task: the block holding
// the tasks and the statements between). Each with "what (line N)".
std::vector<std::pair<TSNode, std::string>> anyioTaskGroups(const Context& ctx) {
    std::vector<std::pair<TSNode, std::string>> out;
    for (const python::AcceptedFix& f : ctx.acceptedFixes()) {
        if (f.retracted || (f.ruleId != "AM201" && f.ruleId != "AM204" && f.ruleId != "AM205")) continue;
        if (std::none_of(f.edits.begin(), f.edits.end(),
                         [](const Edit& e) { return e.replacement.find("create_task_group") != std::string::npos; }))
            continue;
        TSNode region = f.site;
        if (f.ruleId != "AM201") {
            TSNode p = ctx.syntax.parent(f.site);
            while (!isNull(p) && !is(p, "with_statement") && !is(p, "block")) p = ctx.syntax.parent(p);
            region = is(p, "with_statement") ? field(p, "body") : p;
        }
        if (!isNull(region))
            out.emplace_back(region, std::string(f.ruleId == "AM201"   ? "asyncio.gather"
                                                 : f.ruleId == "AM204" ? "asyncio.TaskGroup"
                                                                       : "asyncio.create_task") +
                                         " at " + line(f.site) + ", rewritten to an anyio task group");
    }
    for (const CallSite& c : ctx.callsTo({"anyio.create_task_group"}))
        if (TSNode with = enteredWith(ctx, c.call); !isNull(with))
            out.emplace_back(field(with, "body"), "`" + ctx.str(c.callee) + "()` at " + line(c.call));
    return out;
}

void checkShields(Context& ctx) {
    std::optional<std::vector<std::pair<TSNode, std::string>>> timeouts, groups;  // computed at the first shield
    for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
        const python::AcceptedFix& f = ctx.acceptedFixes()[i];
        if (f.retracted || f.ruleId != "AM206") continue;
        std::string canceller = asyncioCancellerReaching(ctx, f.site);
        std::string why = canceller.empty() ? "" : "the module still cancels through asyncio (" + canceller + ")";
        if (why.empty()) why = crossModuleCanceller(ctx, f.site);  // a module of the run calling this one
        if (!why.empty()) {
            ctx.retract(i, SiteStatus::NeedsReview,
                        "asyncio.shield() kept: " + why +
                            ", and anyio's shield does not stop an asyncio cancellation; migrate that site first");
            continue;
        }
        // An anyio timeout that may cancel the shield: asyncio's shield releases the caller at once
        // (the shielded work goes on in its own task), anyio's holds the caller until the work is done.
        if (!timeouts) timeouts = anyioTimeouts(ctx);
        for (const auto& [region, what] : *timeouts) {
            if (!mayReach(ctx, region, f.site)) continue;
            ctx.retract(i, SiteStatus::NeedsReview,
                        "asyncio.shield() kept: a timeout may cancel it (" + what +
                            "): asyncio's shield then releases the caller at once and the shielded work finishes "
                            "in a task of its own, anyio's shield holds the caller until the work is done, so the "
                            "timeout would be seen only after it; migrate by hand if waiting is wanted");
            break;
        }
        if (f.retracted) continue;
        // An anyio task group that may cancel it (a failing task, `tg.cancel_scope.cancel()`): the same.
        if (!groups) groups = anyioTaskGroups(ctx);
        for (const auto& [region, what] : *groups) {
            if (!mayReach(ctx, region, f.site)) continue;
            ctx.retract(i, SiteStatus::NeedsReview,
                        "asyncio.shield() kept: an anyio task group may cancel it (" + what +
                            "): asyncio's shield then releases the caller at once and the shielded work finishes "
                            "in a task of its own, anyio's shield holds the caller until the work is done, so the "
                            "cancellation would be seen only after it; migrate by hand if waiting is wanted");
            break;
        }
        if (f.retracted) continue;
        // Code outside the run may call it and cancel it (natively: anyio's shield does not stop
        // that), or by anyio's scopes (the caller is released only when the work is done).
        if (std::string outside = outsideCallerOf(ctx, f.site); !outside.empty()) {
            std::string why = outside + ", so it may be called, and cancelled, by code outside the run: asyncio's "
                                        "shield then releases that caller at once and the work goes on, anyio's shield "
                                        "holds it until the work is done and does not stop a native asyncio cancellation";
            if (ctx.unsafeFixes()) ctx.noteOnFix(i, " (unsafe fix, opted in: " + why + ")");
            else ctx.retract(i, SiteStatus::NeedsReview, "asyncio.shield() kept: " + why + " (rewritten with --unsafe-fixes)");
        }
    }
}

}  // namespace

std::string timeoutNameTaken(const Context& ctx, const python::Reference& ref) {
    const std::vector<python::Binding>* bound = ctx.model.lookup(ref.scope, "TimeoutError");
    if (!bound || bound->empty()) return {};
    const python::Binding& b = bound->front();
    std::string where = isNull(b.node) ? std::string() : " (" + line(b.node) + ")";
    if (b.kind == python::Binding::Kind::Import &&
        (b.qualified == "asyncio.TimeoutError" || b.qualified == "asyncio.exceptions.TimeoutError"))
        return "`TimeoutError` is asyncio's class here, imported by that name" + where +
               ": drop it from the import to mean the builtin TimeoutError";
    return "`TimeoutError` is bound to something else here" + where + ", so it would not name the builtin class";
}

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
    if (is(h.clause, "with_statement")) return "the `with` catching exceptions at " + line(h.clause) + functionName(ctx, h.function);
    return (h.kind == python::HandlerInfo::Kind::Finally ? "the `finally` block at " : "the cancellation handler at ") +
           line(h.clause) + functionName(ctx, h.function);
}

std::string unsafeUnderAnyioCancel(const Context& ctx, const python::HandlerInfo& h, std::string_view canceller,
                                   std::string_view swallowed) {
    if (!catchesCancellation(ctx, h)) return "";
    // AM107 migrates the handler in this round: its cleanup is shielded and it re-raises (not a
    // catching `with`: renaming its class leaves it swallowing).
    if (!is(h.clause, "with_statement"))
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

namespace {

// What a name or `self.<attr>` holds, from every assignment to it (the same local name in the same
// function, through the name model, or the same `self.<attr>` in the same class): `known` is false
// when any binding is not a plain assignment (a parameter, a tuple target, `for`, `with ... as`,
// an augmented assignment, a name of an enclosing scope) or assigns anything else than `None`, a
// loop callback's handle (`<x>.call_later/call_at/call_soon/call_soon_threadsafe(...)`: its
// cancel() unschedules a callback), a future (`<x>.create_future()`: cancelling it cancels no
// task's code; whoever awaits it gets CancelledError with or without a shield) or a task started
// on a call (`create_task(c(...))`, `ensure_future(c(...))`, `loop.create_task(c(...))`: `tasks`
// are those calls, the code a cancel of it runs into).
struct Held {
    bool known = false;
    std::vector<TSNode> tasks;
};

bool classify(const Context& ctx, TSNode right, Held& held) {
    static const std::vector<std::string_view> schedulers = {"call_later", "call_at", "call_soon",
                                                             "call_soon_threadsafe", "create_future"};
    if (is(right, "none")) return true;
    TSNode callee = is(right, "call") ? field(right, "function") : TSNode{};
    std::string_view name = is(callee, "attribute") ? ctx.text(field(callee, "attribute"))
                            : is(callee, "identifier") ? ctx.text(callee) : std::string_view();
    if (is(callee, "attribute") && std::find(schedulers.begin(), schedulers.end(), name) != schedulers.end())
        return true;
    if (name != "create_task" && name != "ensure_future") return false;
    std::vector<TSNode> args = namedChildren(field(right, "arguments"));
    if (args.empty() || !is(args.front(), "call")) return false;
    held.tasks.push_back(args.front());
    return true;
}

// The values assigned to a name or `self.<attr>` (the same local name in the same function,
// through the name model, or the same `self.<attr>` in the same class), each binding's right-hand
// side (a bare annotation adds none); false when a binding is not a plain assignment (a parameter,
// a tuple target, `for`, `with ... as`, an augmented assignment, a name of an enclosing scope) or
// there is no assignment.
bool assignedValues(const Context& ctx, TSNode object, std::vector<TSNode>& values) {
    bool selfAttr = is(object, "attribute") && ctx.text(field(object, "object")) == "self";
    if (!selfAttr && !is(object, "identifier")) return false;
    const python::Semantics& sem = ctx.semantics();
    int fn = sem.functionAt(object);
    if (fn < 0) return false;
    const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
    if (selfAttr && isNull(f.classNode)) return false;
    bool assigned = false;
    auto binding = [&](TSNode n) {
        TSNode parent = ctx.syntax.parent(n);
        if (!is(parent, "assignment") || !sameNode(field(parent, "left"), n)) return false;
        if (isNull(field(parent, "right"))) return true;  // a bare annotation binds nothing
        assigned = true;
        values.push_back(field(parent, "right"));
        return true;
    };
    if (!selfAttr) {
        const auto* bindings = ctx.model.lookup(ctx.model.scopeOf(object), std::string(ctx.text(object)));
        if (!bindings || bindings->empty()) return false;
        for (const python::Binding& b : *bindings)
            if (b.kind != python::Binding::Kind::Other || !contains(f.node, b.node) || sem.functionAt(b.node) != fn ||
                !binding(b.node))
                return false;
    } else {
        std::string_view text = ctx.text(object);
        for (TSNode n : ctx.syntax.nodesOfType("attribute", f.classNode)) {
            if (ctx.text(n) != text) continue;
            TSNode parent = ctx.syntax.parent(n);
            bool target = (is(parent, "assignment") || is(parent, "augmented_assignment") ||
                           is(parent, "for_statement")) && sameNode(field(parent, "left"), n);
            target = target || is(parent, "pattern_list") || is(parent, "tuple_pattern") ||
                     is(parent, "list_pattern") || is(parent, "as_pattern_target");
            if (target && !binding(n)) return false;
        }
    }
    return assigned;
}

Held heldBy(const Context& ctx, TSNode object) {
    Held held;
    std::vector<TSNode> values;
    if (!assignedValues(ctx, object, values)) return held;
    for (TSNode v : values)
        if (!classify(ctx, v, held)) return held;
    held.known = true;
    return held;
}

// `asyncio.wait_for(t, ...)` of a task or future held by a name or `self.<attr>`: asyncio's
// wait_for cancels `t` once on timeout; anyio's fail_after cancels the waiting task again at every
// loop step until the block is left, and each time that task's cancel() cancels what it awaits,
// `t`, natively (a shield inside `t`'s code, anyio's included, does not stop that). So the code of
// the task must not await in a handler catching the cancellation nor swallow it. A name whose value
// cannot be told (a parameter, ...) may be such a task, or a coroutine object whose handlers the
// model cannot see either. "" when safe (a future, or tasks whose code
// has no such handler), else why.
std::string taskTimeoutHazard(const Context& ctx, TSNode waitFor) {
    TSNode args = field(waitFor, "arguments");
    std::vector<TSNode> kids = is(args, "argument_list") ? namedChildren(args) : std::vector<TSNode>{};
    if (kids.empty() || (!is(kids.front(), "identifier") && !is(kids.front(), "attribute"))) return {};
    TSNode aw = kids.front();
    std::vector<TSNode> tasks;
    if (TSNode spawned = spawnedCall(ctx, waitFor); !isNull(spawned)) {
        tasks.push_back(spawned);
    } else {
        Held held = heldBy(ctx, aw);
        if (!held.known)
            return "the awaited `" + ctx.str(aw) +
                   "` is a task or coroutine whose code cannot be told here: on timeout anyio's fail_after cancels "
                   "it again at every step until it ends (asyncio's wait_for cancels it once), so an await in its "
                   "cleanup would be cancelled too; migrate by hand";
        tasks = held.tasks;
    }
    for (TSNode t : tasks)
        for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(t)) {
            if (!catchesCancellation(ctx, *h)) continue;
            if (!h->awaits.empty())
                return handlerWhere(ctx, *h) + ", in the task `" + ctx.str(aw) + "`, awaits (" + line(h->awaits.front()) +
                       ") while the task is being cancelled: anyio's fail_after cancels that task natively again at "
                       "every step (asyncio's wait_for once), and a shield inside a native asyncio task does not "
                       "stop it, so the cleanup would be lost; migrate the task first";
            if (h->swallows())
                return handlerWhere(ctx, *h) + ", in the task `" + ctx.str(aw) +
                       "`, swallows the cancellation: asyncio's wait_for then returns what the task returns, anyio's "
                       "timeout raises TimeoutError";
        }
    return {};
}

// An asyncio cancellation source the round keeps, and the code it may cancel: the awaitable a kept
// wait_for or a kept create_task/ensure_future runs (a call), the body of a kept
// `async with asyncio.timeout()`; null when that cannot be told (a task handle's `.cancel()`, a
// kept TaskGroup, a task of something other than a call): then anything in the module.
struct Canceller {
    std::string what;
    TSNode reach{};
};

// A kept `asyncio.gather(c(), ...)` / `asyncio.wait([...])` / `asyncio.as_completed([...])` runs
// each coroutine in a task of its own, and cancels those tasks natively when it is cancelled
// itself, by anyio's scopes too (they cancel the waiting task, which cancels what it awaits): each
// argument's code is reached (a call: its code; a name: what it holds; anything else: anything).
bool keptGathering(const Context& ctx, const python::Reference& r, std::vector<Canceller>& out) {
    static const std::vector<std::string_view> gathering = {"asyncio.gather", "asyncio.tasks.gather",
                                                            "asyncio.wait", "asyncio.tasks.wait",
                                                            "asyncio.as_completed", "asyncio.tasks.as_completed"};
    if (std::find(gathering.begin(), gathering.end(), r.qualified) == gathering.end()) return false;
    std::string what = r.qualified + " kept at " + line(r.node);
    TSNode call = ctx.syntax.parent(r.node);
    if (!is(call, "call") || !sameNode(field(call, "function"), r.node)) {
        out.push_back({what, TSNode{}});
        return true;
    }
    std::vector<TSNode> args;
    for (TSNode a : namedChildren(field(call, "arguments"))) {
        if (is(a, "keyword_argument")) continue;
        if (r.qualified.find("gather") == std::string::npos && (is(a, "list") || is(a, "set") || is(a, "tuple"))) {
            for (TSNode e : namedChildren(a)) args.push_back(e);
            break;
        }
        args.push_back(a);
        if (r.qualified.find("gather") == std::string::npos) break;
    }
    for (TSNode a : args) {
        if (is(a, "call")) {
            out.push_back({what, a});
        } else if (Held held = heldBy(ctx, a); held.known) {
            for (TSNode task : held.tasks) out.push_back({what, task});
        } else {
            out.push_back({what, TSNode{}});
        }
    }
    return true;
}

// The `with` statement whose item holds `call` (`async with timeout(t):`), null when there is none.
TSNode enteredWith(const Context& ctx, TSNode call) {
    TSNode p = call;
    while (!isNull(p) && !is(p, "with_statement") && !is(p, "block")) p = ctx.syntax.parent(p);
    return is(p, "with_statement") ? p : TSNode{};
}

enum class NativeKind { Body, FirstArgument };
struct NativeCanceller {
    std::string_view name;
    NativeKind kind;
};
// Library functions outside the pack that cancel natively (native_cancellers.def).
constexpr NativeCanceller kNativeCancellers[] = {
#define ANYMIG_NATIVE_CANCELLER(name, kind, what) {name, NativeKind::kind},
#include "rewrites/asyncio_to_anyio/native_cancellers.def"
#undef ANYMIG_NATIVE_CANCELLER
};

// The class a handler catches is asyncio's TimeoutError, or everything it may be.
bool catchesAsyncioTimeout(const Context& ctx, const python::HandlerInfo& h) {
    if (h.catchesAll()) return true;
    for (TSNode c : h.caught) {
        if (isBuiltin(ctx, c, "BaseException") || isBuiltin(ctx, c, "Exception")) return true;
        auto q = ctx.model.resolve(c, ctx.model.scopeOf(c));
        if (q && (*q == "asyncio.TimeoutError" || *q == "asyncio.exceptions.TimeoutError")) return true;
    }
    return false;
}

// `n` is in the body of a try statement of its own function (inside `within`, when given) whose
// handler catches asyncio's TimeoutError and raises nothing.
bool caughtInFunction(const Context& ctx, TSNode n, TSNode within = TSNode{}) {
    for (TSNode p = ctx.syntax.parent(n); !isNull(p) && !is(p, "function_definition"); p = ctx.syntax.parent(p)) {
        if (!isNull(within) && !contains(within, p)) break;
        if (!is(p, "try_statement") || !contains(field(p, "body"), n)) continue;
        for (TSNode clause : namedChildren(p))
            if (const python::HandlerInfo* h = is(clause, "except_clause") ? handlerOf(ctx, clause) : nullptr;
                h && !h->raises && catchesAsyncioTimeout(ctx, *h))
                return true;
    }
    return false;
}

// Kept asyncio.wait_for/timeout/create_task/ensure_future/TaskGroup references, and kept uses of
// the library functions of native_cancellers.def.
void keptReferences(const Context& ctx, std::vector<Canceller>& out) {
    static const std::vector<std::string_view> sources = {
        "asyncio.wait_for",     "asyncio.tasks.wait_for",     "asyncio.timeout",         "asyncio.timeouts.timeout",
        "asyncio.timeout_at",   "asyncio.timeouts.timeout_at", "asyncio.create_task",    "asyncio.tasks.create_task",
        "asyncio.ensure_future", "asyncio.tasks.ensure_future", "asyncio.TaskGroup",     "asyncio.taskgroups.TaskGroup"};
    for (const python::Reference& r : ctx.model.references()) {
        if (ctx.fixedThisRound(r.node)) continue;
        if (keptGathering(ctx, r, out)) continue;
        const NativeCanceller* native = nullptr;
        for (const NativeCanceller& n : kNativeCancellers)
            if (r.qualified == n.name) native = &n;
        if (!native && std::find(sources.begin(), sources.end(), r.qualified) == sources.end()) continue;
        Canceller c{r.qualified + " kept at " + line(r.node), TSNode{}};
        TSNode call = ctx.syntax.parent(r.node);
        bool timeout = native ? native->kind == NativeKind::Body : r.qualified.find("timeout") != std::string::npos;
        if (is(call, "call") && sameNode(field(call, "function"), r.node) && r.qualified.find("TaskGroup") == std::string::npos) {
            if (timeout) {
                if (TSNode with = enteredWith(ctx, call); !isNull(with)) c.reach = field(with, "body");
            } else if (std::vector<TSNode> args = namedChildren(field(call, "arguments")); !args.empty()) {
                if (is(args.front(), "call")) {
                    c.reach = args.front();
                } else if (Held held = heldBy(ctx, args.front()); held.known) {
                    // A wait_for or ensure_future of a task (its code) or of a future (no code).
                    for (TSNode task : held.tasks) out.push_back({c.what, task});
                    continue;
                }
            }
        }
        out.push_back(c);
    }
}

// A task started on an event loop object (`loop.create_task(c())`, `self._loop.create_task(...)`,
// `asyncio.get_running_loop().create_task(...)`): a native task like asyncio.create_task's.
void loopTasks(const Context& ctx, std::vector<Canceller>& out) {
    for (TSNode call : ctx.semantics().methodCalls("create_task")) {
        TSNode object = field(field(call, "function"), "object");
        std::string_view receiver = is(object, "attribute") ? ctx.text(field(object, "attribute")) : ctx.text(object);
        if (is(object, "call")) receiver = ctx.text(field(field(object, "function"), "attribute"));
        if (receiver.size() < 4 || (receiver.substr(receiver.size() - 4) != "loop" && receiver != "get_running_loop" &&
                                    receiver != "get_event_loop"))
            continue;
        Canceller c{"`" + ctx.str(field(call, "function")) + "()` kept at " + line(call), TSNode{}};
        if (std::vector<TSNode> args = namedChildren(field(call, "arguments")); !args.empty() && is(args.front(), "call"))
            c.reach = args.front();
        out.push_back(c);
    }
}

// A function of another module of the run that still cancels through asyncio after its round
// (e.g. a wrapper around asyncio.wait_for): what this call hands it may be cancelled natively.
// Entered by a `with` (`async with helpers.request_timeout(t):`, a sync function returning
// async-timeout's timeout as aiohttp's ceil_timeout does, or a class), whatever that module's
// name is (a function, a class, sync or async): the body may be cancelled.
void crossModuleCalls(const Context& ctx, std::vector<Canceller>& out) {
    if (ctx.run && !ctx.inRunSummary)
        for (TSNode call : ctx.semantics().callNodesIn(ctx.syntax.root())) {
            std::string to = python::importedName(ctx.model, field(call, "function"), ctx.package);
            python::RunSummaries::Found found = to.empty() ? python::RunSummaries::Found{} : ctx.run->find(to);
            TSNode with = enteredWith(ctx, call);
            if (!found.module || (!found.function && isNull(with))) continue;
            const std::string fact = roundCanceller(ctx.run->roundFact(*found.module));
            if (fact.empty()) continue;
            out.push_back({"`" + ctx.str(field(call, "function")) + "()` at " + line(call) + ", which cancels through "
                           "asyncio in " + found.module->path + " (" + fact + " there)", isNull(with) ? call : with});
        }
}

// `.cancel()` calls: a callback's handle or a future cancels no task's code; a task, only its own;
// anything else, anything.
void cancelCalls(const Context& ctx, std::vector<Canceller>& out) {
    for (TSNode call : ctx.semantics().methodCalls("cancel")) {
        TSNode object = field(field(call, "function"), "object");
        // anyio's own scopes: `tg.cancel_scope.cancel()`, `scope.cancel()` of a `with ... as scope`.
        if (is(object, "attribute") && ctx.text(field(object, "attribute")) == "cancel_scope") continue;
        if (anyioScopeName(ctx, object) || ctx.fixedThisRound(call)) continue;
        std::string what = "`" + ctx.str(call) + "` at " + line(call);
        if (Held held = heldBy(ctx, object); held.known) {
            for (TSNode task : held.tasks) out.push_back({what, task});
            continue;
        }
        out.push_back({what, TSNode{}});
    }
    // `x.cancel` handed on as a value (`loop.call_later(t, task.cancel)`, `fut.add_done_callback(
    // lambda _: t.cancel())` is a call above): whoever it is handed to may call it.
    for (TSNode n : ctx.syntax.nodesOfType("attribute")) {
        if (ctx.text(field(n, "attribute")) != "cancel") continue;
        TSNode parent = ctx.syntax.parent(n);
        if (is(parent, "call") && sameNode(field(parent, "function"), n)) continue;
        TSNode object = field(n, "object");
        if (is(object, "attribute") && ctx.text(field(object, "attribute")) == "cancel_scope") continue;
        if (anyioScopeName(ctx, object)) continue;
        std::string what = "`" + ctx.str(n) + "` handed on at " + line(n);
        if (Held held = heldBy(ctx, object); held.known) {
            for (TSNode task : held.tasks) out.push_back({what, task});
            continue;
        }
        out.push_back({what, TSNode{}});
    }
}

// The handler reached from `regions` that catches a cancellation and keeps its task running
// after it (awaits, shielded or not, or swallows it), null when there is none.
const python::HandlerInfo* keepsRunningAfterCancel(const Context& ctx, const std::vector<TSNode>& regions) {
    for (TSNode region : regions)
        for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(region))
            if (catchesCancellation(ctx, *h) && (!h->awaits.empty() || h->swallows())) return h;
    return nullptr;
}

// A program's runner: `asyncio.run(main())`, `anyio.run(main)` (AM102's form: on the asyncio
// backend it is asyncio.run) or an `asyncio.Runner()` entered by a `with`. From Python 3.11 a
// Ctrl-C (SIGINT) makes it cancel the main task natively. That reaches a shield in the main
// task's code, and changes what a migrated shield does only when the main task keeps running after
// the cancellation (a handler reached from the main coroutine awaits a graceful shutdown, or
// swallows it): asyncio's shield lets the shielded task finish meanwhile, anyio's shield does not
// stop the native cancellation. Without that the runner's shutdown cancels every task left,
// asyncio's shielded one too, at once: nothing differs, and the runner is not counted. A handler
// of another module of the run the main coroutine reaches counts too (crossModuleKeepsRunning).
void runnerInterrupts(const Context& ctx, std::vector<Canceller>& out) {
    static const std::vector<std::string_view> runners = {"asyncio.run", "asyncio.runners.run", "anyio.run",
                                                          "asyncio.Runner", "asyncio.runners.Runner"};
    const python::Semantics& sem = ctx.semantics();
    for (const python::Reference& r : ctx.model.references()) {
        if (std::find(runners.begin(), runners.end(), r.qualified) == runners.end()) continue;
        TSNode call = ctx.syntax.parent(r.node);
        if (!is(call, "call") || !sameNode(field(call, "function"), r.node)) continue;
        std::vector<TSNode> regions{call};
        std::string mainFunction;  // `anyio.run(serve)` of an imported `serve`: its absolute name
        if (r.qualified.find("Runner") != std::string::npos) {
            TSNode with = enteredWith(ctx, call);
            if (isNull(with)) continue;
            regions = {with};
        } else if (std::vector<TSNode> args = namedChildren(field(call, "arguments")); !args.empty() &&
                   is(args.front(), "identifier")) {
            for (const python::FunctionInfo& f : sem.functions())  // anyio.run(main): main's body
                if (isNull(f.classNode) && f.name == ctx.text(args.front())) regions.push_back(f.node);
            mainFunction = python::importedName(ctx.model, args.front(), ctx.package);
        }
        const python::HandlerInfo* h = keepsRunningAfterCancel(ctx, regions);
        std::string handler;  // the handler, here or (through the run's summaries) in another module
        if (h)
            handler = handlerWhere(ctx, *h) +
                      (h->awaits.empty() ? " swallows it" : " awaits (" + line(h->awaits.front()) + ")");
        for (std::size_t i = 0; i < regions.size() && handler.empty(); ++i)
            if (std::string far = crossModuleKeepsRunning(ctx, regions[i]); !far.empty())
                handler = far;
        if (handler.empty() && !mainFunction.empty()) handler = crossModuleKeepsRunning(ctx, mainFunction);
        if (handler.empty()) continue;
        std::string what = r.qualified + " at " + line(r.node) + ": from Python 3.11 a Ctrl-C cancels its main task "
                           "natively, and " + handler + " meanwhile";
        for (TSNode region : regions) out.push_back({what, region});
    }
}

// asyncio's awaitables whose code is known (read in CPython 3.11's Lib/asyncio): none has a
// handler catching the cancellation that awaits or swallows it, so anyio's level-triggered
// cancellation (cancelling every await again until the scope is left) changes nothing in them.
//   asyncio.sleep        tasks.py:627   `try: return await future` / `finally: h.cancel()`
//   asyncio.to_thread    threads.py:12  `return await loop.run_in_executor(...)`, no handler
//   asyncio.wait         tasks.py:389, _wait 497: `finally:` (no await) removes its callbacks
// and the functions that only wrap other awaitables (no handler of their own; what they are handed
// is checked as awaited code): gather (tasks.py:718), shield (tasks.py:841), ensure_future
// (tasks.py:644), create_task. Not known, so not listed: asyncio.wait_for (tasks.py:426, its
// `except CancelledError:` awaits `_cancel_and_wait` and may return the result), Condition.wait
// (locks.py:274, a `finally` awaiting `self.acquire()`), anything else.
//   asyncio.timeout      timeouts.py:72/80 (`async with`): __aenter__/__aexit__ do not await; __aexit__
//                        turns only its own expiry into TimeoutError
constexpr std::string_view kKnownAsyncioCalls[] = {
    "asyncio.sleep",   "asyncio.tasks.sleep",      "asyncio.to_thread",  "asyncio.threads.to_thread",
    "asyncio.wait",    "asyncio.tasks.wait",       "asyncio.timeout",    "asyncio.timeouts.timeout",
    "asyncio.timeout_at", "asyncio.timeouts.timeout_at"};
constexpr std::string_view kWrappingAsyncioCalls[] = {
    "asyncio.gather", "asyncio.tasks.gather", "asyncio.shield", "asyncio.tasks.shield", "asyncio.ensure_future",
    "asyncio.tasks.ensure_future", "asyncio.create_task", "asyncio.tasks.create_task"};
// Awaited methods of asyncio's primitives, by the constructor the object is assigned from
// ("" for `async with obj:`, which awaits `_ContextManagerMixin.__aenter__` -> acquire(), locks.py:14):
//   Event.wait           locks.py:200   `finally:` (no await) removes the waiter
//   Lock.acquire         locks.py:93    `except CancelledError:` wakes the next waiter and re-raises
//   Semaphore.acquire    locks.py:364   the same (BoundedSemaphore inherits it)
//   Condition            `async with cond:` is its lock's acquire (Condition.wait is not known)
//   Queue.get / put      queues.py:149 / 110  bare `except:` cancels the getter and re-raises
//   Queue.join           queues.py:206  awaits `self._finished.wait()` (Event.wait)
//   loop.run_in_executor base_events.py:814, on `asyncio.get_running_loop()`/`get_event_loop()`/
//                        `new_event_loop()`: a plain function returning `futures.wrap_future(...)`
struct KnownMethods {
    std::string_view constructor;
    std::initializer_list<std::string_view> methods;
};
const KnownMethods kKnownAsyncioMethods[] = {
    {"Event", {"wait"}},
    {"Lock", {"acquire", ""}},
    {"Semaphore", {"acquire", ""}},
    {"BoundedSemaphore", {"acquire", ""}},
    {"Condition", {""}},
    {"Queue", {"get", "put", "join"}},
    {"LifoQueue", {"get", "put", "join"}},
    {"PriorityQueue", {"get", "put", "join"}},
    {"get_running_loop", {"run_in_executor"}},
    {"get_event_loop", {"run_in_executor"}},
    {"new_event_loop", {"run_in_executor"}},
};

// `asyncio.<C>(...)`'s constructor C has the known awaited `method` ("" for `async with`).
bool knownAsyncioConstructor(const Context& ctx, TSNode value, std::string_view method) {
    if (!is(value, "call")) return false;
    auto q = ctx.model.resolve(field(value, "function"), ctx.model.scopeOf(value));
    if (!q) return false;
    std::string c = ctx.canonical(*q);
    for (const KnownMethods& k : kKnownAsyncioMethods)
        for (const char* module : {"asyncio.", "asyncio.locks.", "asyncio.queues.", "asyncio.events."})
            if (c == module + std::string(k.constructor))
                for (std::string_view m : k.methods)
                    if (m == method) return true;
    return false;
}

// Every value assigned to `object` is `asyncio.<C>(...)` with C a constructor of
// kKnownAsyncioMethods whose awaited `method` ("" for `async with`) is known.
bool knownAsyncioMethod(const Context& ctx, TSNode object, std::string_view method) {
    std::vector<TSNode> values;
    if (!assignedValues(ctx, object, values)) {
        // A module-level name: every binding a plain assignment at module level.
        values.clear();
        const python::Scope* owner = nullptr;
        const auto* bindings = is(object, "identifier")
                                   ? ctx.model.lookup(ctx.model.scopeOf(object), ctx.str(object), &owner)
                                   : nullptr;
        if (!bindings || bindings->empty() || !owner || owner->kind != python::ScopeKind::Module) return false;
        for (const python::Binding& b : *bindings) {
            TSNode asg = isNull(b.node) ? TSNode{} : ctx.syntax.parent(b.node);
            if (b.kind != python::Binding::Kind::Other || !is(asg, "assignment") || !sameNode(field(asg, "left"), b.node) ||
                isNull(field(asg, "right")))
                return false;
            values.push_back(field(asg, "right"));
        }
    }
    for (TSNode v : values) {
        if (knownAsyncioConstructor(ctx, v, method)) continue;
        // An anyio primitive (AM103 rewrote it, or the source has it): its code is anyio's.
        auto q = is(v, "call") ? ctx.model.resolve(field(v, "function"), ctx.model.scopeOf(v)) : std::nullopt;
        if (!q || ctx.canonical(*q).rfind("anyio.", 0) != 0) return false;
    }
    return true;
}

// The round rewrites this call to anyio (e.g. AM101's asyncio.sleep -> anyio.sleep): a fix of
// another rule whose site is inside the call and covers its callee.
bool migratedThisRound(const Context& ctx, TSNode call) {
    TSNode callee = field(call, "function");
    for (const python::AcceptedFix& f : ctx.acceptedFixes())
        if (!f.retracted && f.ruleId != "AM202" && f.ruleId != "AM203" && contains(call, f.site) &&
            contains(f.site, callee) &&
            std::find(f.imports.begin(), f.imports.end(), "anyio") != f.imports.end())
            return true;
    return false;
}

// The module-level class an identifier names (its only binding is a `class` statement), or null.
TSNode moduleClassOf(const Context& ctx, TSNode callee) {
    if (!is(callee, "identifier")) return TSNode{};
    const auto* bindings = ctx.model.lookup(ctx.model.scopeOf(callee), ctx.str(callee));
    if (!bindings || bindings->size() != 1 || isNull(bindings->front().node)) return TSNode{};
    TSNode cls = ctx.syntax.parent(bindings->front().node);
    return is(cls, "class_definition") && sameNode(field(cls, "name"), bindings->front().node) ? cls : TSNode{};
}

// No cancellation reaches the await `n` (or `async with`/`async for`): it is inside a shielded anyio
// scope, or in the cleanup of a handler catching the cancellation whose awaits are shielded (in
// the source, or by AM107 in this round); an unshielded one the round check backs out by itself.
bool cancellationProof(const Context& ctx, TSNode n) {
    for (TSNode p = ctx.syntax.parent(n); !isNull(p) && !is(p, "function_definition"); p = ctx.syntax.parent(p)) {
        if (is(p, "with_statement") && shieldedScope(ctx, p)) return true;
        if (!is(p, "except_clause") && !is(p, "finally_clause")) continue;
        if (const python::HandlerInfo* h = handlerOf(ctx, p);
            h && catchesCancellation(ctx, *h) && unsafeUnderAnyioTimeout(ctx, *h).empty())
            return true;
    }
    return false;
}

// `async with` item values and the iterable of an `async for`.
bool asyncStatement(const Context& ctx, TSNode stmt) { return ctx.text(stmt).substr(0, 5) == "async"; }

}  // namespace

namespace {

// outsideAwaited's search: a work list of awaited expressions, and the module functions whose code
// is searched for more (each once).
class OutsideSearch {
public:
    OutsideSearch(const Context& ctx, AwaitedElsewhere* elsewhere)
        : ctx_(ctx), sem_(ctx.semantics()), elsewhere_(elsewhere),
          summaryMode_(!ctx.run && elsewhere && elsewhere->summary) {}

    std::string run(const std::vector<TSNode>& awaitables, TSNode region) {
        for (TSNode a : awaitables) work_.push_back({a, false});
        addRegion(region);
        addFunctions(sem_.reachableFrom(region));
        std::set<const void*> seen;
        for (std::size_t i = 0; i < work_.size(); ++i) {
            TSNode e = work_[i].expr;
            while (is(e, "parenthesized_expression") && !namedChildren(e).empty()) e = namedChildren(e).front();
            if (!seen.insert(e.id).second) continue;
            if (std::string why = is(e, "call") ? call(e) : value(e, work_[i].entered); !why.empty()) return why;
        }
        return {};
    }

private:
    struct Item {
        TSNode expr;
        bool entered;  // `async with` (its __aenter__/__aexit__ are awaited)
    };

    // The awaits, `async with` items and `async for` iterables of `r` that a cancellation may reach.
    void addRegion(TSNode r) {
        for (TSNode a : ctx_.syntax.nodesOfType("await", r)) {
            std::vector<TSNode> kids = namedChildren(a);
            if (!kids.empty() && !cancellationProof(ctx_, a)) work_.push_back({kids.front(), false});
        }
        for (TSNode w : ctx_.syntax.nodesOfType("with_statement", r)) {
            if (!asyncStatement(ctx_, w) || cancellationProof(ctx_, w)) continue;
            for (TSNode item : ctx_.syntax.nodesOfType("with_item", w)) {
                TSNode v = field(item, "value");
                if (is(v, "as_pattern")) v = namedChildren(v).front();
                if (!isNull(v) && sameNode(ctx_.syntax.parent(ctx_.syntax.parent(item)), w)) work_.push_back({v, true});
            }
        }
        for (TSNode f : ctx_.syntax.nodesOfType("for_statement", r))
            if (asyncStatement(ctx_, f) && !cancellationProof(ctx_, f)) work_.push_back({field(f, "right"), false});
    }
    void addFunctions(const std::vector<int>& fns) {
        for (int fn : fns)
            if (functionsIn_.insert(fn).second) addRegion(sem_.functions()[static_cast<std::size_t>(fn)].node);
    }
    // `fn` and what it reaches.
    void addFunctionAndReach(int fn) {
        if (functionsIn_.count(fn)) return;
        addFunctions({fn});
        addFunctions(sem_.reachableFrom(sem_.functions()[static_cast<std::size_t>(fn)].node));
    }
    std::string quote(TSNode n) const {
        std::string text = ctx_.str(n);
        if (text.size() > 60 || text.find('\n') != std::string::npos)
            text = is(n, "call") ? ctx_.str(field(n, "function")) + "(...)" : text.substr(0, 40) + " ...";
        return "`" + text + "` (" + line(n) + ")";
    }

    std::string call(TSNode e) {
        TSNode callee = field(e, "function");
        if (int fn = sem_.resolveCall(e); fn >= 0) {  // a module function (a task's call too): its code is searched
            addFunctionAndReach(fn);
            return {};
        }
        if (migratedThisRound(ctx_, e)) return {};
        if (TSNode cls = moduleClassOf(ctx_, callee); !isNull(cls)) {
            // A class of the module (`async with Conn():`, `await Job()`): its async protocol methods run.
            for (std::size_t k = 0; k < sem_.functions().size(); ++k) {
                const python::FunctionInfo& m = sem_.functions()[k];
                if (sameNode(m.classNode, cls) &&
                    (m.name == "__aenter__" || m.name == "__aexit__" || m.name == "__await__" || m.name == "__anext__"))
                    addFunctionAndReach(static_cast<int>(k));
            }
            return {};
        }
        auto q = ctx_.model.resolve(callee, ctx_.model.scopeOf(e));
        std::string c = q ? ctx_.canonical(*q) : std::string();
        if (c.rfind("anyio.", 0) == 0 || c.rfind("trio.", 0) == 0) return {};  // made for it
        if (std::find(std::begin(kKnownAsyncioCalls), std::end(kKnownAsyncioCalls), c) != std::end(kKnownAsyncioCalls))
            return {};
        if (std::find(std::begin(kWrappingAsyncioCalls), std::end(kWrappingAsyncioCalls), c) !=
            std::end(kWrappingAsyncioCalls)) {
            for (TSNode a : namedChildren(field(e, "arguments")))
                if (!is(a, "keyword_argument")) work_.push_back({a, false});
            return {};
        }
        std::string target = python::importedName(ctx_.model, callee, ctx_.package);
        // An imported function of another module of the run: its summary answers for it (a
        // summary, computed without the run, defers every imported name to the check).
        if (!target.empty() && elsewhere_ && (summaryMode_ || (ctx_.run && ctx_.run->inRun(target)))) {
            elsewhere_->imports.push_back({target, quote(e)});
            return {};
        }
        if (c.rfind("asyncio.", 0) == 0)
            return quote(e) + ", asyncio code not in the table of its awaitables known to have no cleanup that awaits";
        if (!target.empty() || (q && !c.empty())) return quote(e) + ", a function outside the run";
        if (is(callee, "attribute")) return method(e);
        return quote(e) + ", a call whose code cannot be told";
    }

    // `x.m(...)` on an object the model does not resolve to a module function.
    std::string method(TSNode e) {
        TSNode callee = field(e, "function");
        TSNode object = field(callee, "object");
        std::string_view m = ctx_.text(field(callee, "attribute"));
        if (knownAsyncioMethod(ctx_, object, m) || knownAsyncioConstructor(ctx_, object, m)) return {};
        std::vector<TSNode> values;
        if (assignedValues(ctx_, object, values) && std::all_of(values.begin(), values.end(), [&](TSNode v) {
                auto vq = is(v, "call") ? ctx_.model.resolve(field(v, "function"), ctx_.model.scopeOf(v)) : std::nullopt;
                return vq && vq->rfind("asyncio.", 0) == 0;
            }))
            return quote(e) + ", a method of an asyncio object not in the table of its awaitables known to have no "
                              "cleanup that awaits";
        // A method of an object whose class cannot be told is taken, by its name, as the async
        // methods of that name of the module's classes (their code is searched) and of the run's
        // related modules (their summaries answer); one named like none of them is an object from
        // outside the run.
        std::vector<int> local = sem_.asyncMethodsNamed(m);
        for (int fn : local) addFunctionAndReach(fn);
        if (elsewhere_ && (ctx_.run || summaryMode_)) {
            elsewhere_->methods.push_back({std::string(m), quote(e), !local.empty()});
            return {};
        }
        if (!local.empty()) return {};
        return quote(e) + ", a method of an object whose class cannot be told, named like no async method of the run";
    }

    // An awaited name, attribute or other expression (not a call).
    std::string value(TSNode e, bool entered) {
        if (entered && knownAsyncioMethod(ctx_, e, "")) return {};
        if (is(e, "identifier") || is(e, "attribute")) {
            if (!entered)
                if (Held held = heldBy(ctx_, e); held.known) {  // futures have no code; tasks run their call
                    for (TSNode t : held.tasks) work_.push_back({t, false});
                    return {};
                }
            return quote(e) + ", a value whose code cannot be told";
        }
        if (is(e, "list") || is(e, "tuple")) {
            for (TSNode x : namedChildren(e)) work_.push_back({x, false});
            return {};
        }
        if (is(e, "list_splat") || is(e, "generator_expression") || is(e, "list_comprehension"))
            return quote(e) + ", awaitables whose code cannot be told";
        return quote(e) + ", a value whose code cannot be told";
    }

    const Context& ctx_;
    const python::Semantics& sem_;
    AwaitedElsewhere* elsewhere_;
    const bool summaryMode_;
    std::vector<Item> work_;
    std::set<int> functionsIn_;  // module functions whose code is searched
};

}  // namespace

std::string outsideAwaited(const Context& ctx, const std::vector<TSNode>& awaitables, TSNode region,
                           AwaitedElsewhere* elsewhere) {
    return OutsideSearch(ctx, elsewhere).run(awaitables, region);
}

AsyncioTimeouts asyncioTimeoutSources(const Context& ctx) {
    static const std::vector<std::string_view> raising = {"asyncio.wait_for", "asyncio.tasks.wait_for",
                                                          "asyncio.timeout",  "asyncio.timeouts.timeout",
                                                          "asyncio.timeout_at", "asyncio.timeouts.timeout_at"};
    AsyncioTimeouts out;
    out.byFunction.resize(ctx.semantics().functions().size());
    for (const python::Reference& r : ctx.model.references()) {
        bool source = std::find(raising.begin(), raising.end(), r.qualified) != raising.end();
        for (const NativeCanceller& n : kNativeCancellers) source = source || r.qualified == n.name;
        if (!source && (r.qualified == "asyncio.TimeoutError" || r.qualified == "asyncio.exceptions.TimeoutError")) {
            TSNode p = ctx.syntax.parent(r.node);  // `raise asyncio.TimeoutError` or `raise asyncio.TimeoutError(...)`
            if (is(p, "call") && sameNode(field(p, "function"), r.node)) p = ctx.syntax.parent(p);
            source = is(p, "raise_statement");
        }
        if (!source || ctx.fixedThisRound(r.node)) continue;
        std::string what = "`" + r.qualified + "` (" + line(r.node) + ")";
        out.sites.emplace_back(r.node, what);
        if (caughtInFunction(ctx, r.node)) continue;
        if (int fn = ctx.semantics().functionAt(r.node); fn >= 0 && out.byFunction[static_cast<std::size_t>(fn)].empty())
            out.byFunction[static_cast<std::size_t>(fn)] = what + functionName(ctx, fn);
    }
    return out;
}

namespace {

// The call's result is awaited where it is made: `await x.m()`, `async with x.m():`, `async for
// _ in x.m():` (a library's timeout is raised there).
bool awaitedCall(const Context& ctx, TSNode call) {
    TSNode p = ctx.syntax.parent(call);
    if (is(p, "await")) return true;
    if (is(p, "for_statement")) return sameNode(field(p, "right"), call) && ctx.text(p).substr(0, 5) == "async";
    if (is(p, "as_pattern")) p = ctx.syntax.parent(p);
    if (!is(p, "with_item")) return false;
    TSNode with = ctx.syntax.parent(ctx.syntax.parent(p));
    return is(with, "with_statement") && ctx.text(with).substr(0, 5) == "async";
}

}  // namespace

std::string libraryTimeoutClass(const Context& ctx, TSNode region) {
    static constexpr std::string_view kLibraries[] = {
#define ANYMIG_NATIVE_CANCELLER(name, kind, what)
#define ANYMIG_TIMEOUT_CLASS_LIBRARY(module, what) module,
#include "rewrites/asyncio_to_anyio/native_cancellers.def"
#undef ANYMIG_TIMEOUT_CLASS_LIBRARY
#undef ANYMIG_NATIVE_CANCELLER
    };
    for (std::string_view lib : kLibraries) {
        std::vector<const python::Reference*> uses = ctx.model.referencesTo(lib);
        if (uses.empty()) continue;
        std::string by = "a module using " + std::string(lib) + " (" + line(uses.front()->node) +
                         "), whose timeouts raise asyncio.TimeoutError)";
        for (TSNode call : ctx.semantics().callNodesIn(region)) {
            std::string to = python::importedName(ctx.model, field(call, "function"), ctx.package);
            if (to == lib || to.rfind(std::string(lib) + ".", 0) == 0)
                return "`" + ctx.str(field(call, "function")) + "()` (" + line(call) + ", in " + by;
        }
        for (TSNode call : ctx.semantics().untypedMethodCalls(region))
            if (awaitedCall(ctx, call))
                return "`" + ctx.str(field(call, "function")) + "()` (" + line(call) +
                       ": awaited on an object whose class cannot be told, in " + by;
    }
    return {};
}

std::string asyncioTimeoutReaching(const Context& ctx, const AsyncioTimeouts& t, TSNode region) {
    for (const auto& [node, what] : t.sites)
        if (contains(region, node) && !caughtInFunction(ctx, node, region)) return what;
    for (int fn : ctx.semantics().reachableFrom(region))
        if (const std::string& what = t.byFunction[static_cast<std::size_t>(fn)]; !what.empty()) return what;
    return {};
}

namespace {

std::vector<Canceller> keptCancellers(const Context& ctx) {
    std::vector<Canceller> out;
    keptReferences(ctx, out);
    loopTasks(ctx, out);
    crossModuleCalls(ctx, out);
    cancelCalls(ctx, out);
    runnerInterrupts(ctx, out);  // last: a refusal names the more specific source first
    return out;
}

// The imported function `target` (an absolute name) may run code of this module (`module`) while
// it awaits: its summary (async functions of the run's modules) calls a function of `module`, or a
// method named like one of `module`'s methods on an object whose class cannot be told, or an
// imported function or a method of a related module that does, transitively. A class or a sync
// function of another module cannot await (a cancellation reaches code only at its awaits);
// a name outside the run is not followed (as everywhere in the model).
bool callsBack(const Context& ctx, const std::string& module, const std::string& target, std::set<std::string>& seen) {
    if (!seen.insert(target).second) return false;
    if (target.rfind(module + ".", 0) == 0) return true;
    python::RunSummaries::Found found = ctx.run->find(target);
    if (!found.function) return false;
    for (const std::string& next : found.function->calls)
        if (callsBack(ctx, module, next, seen)) return true;
    for (const std::string& m : found.function->methods) {
        for (const python::FunctionInfo& f : ctx.semantics().functions())
            if (!isNull(f.classNode) && f.name == m) return true;
        for (const std::string& next : ctx.run->methodsNamed(ctx.source.path(), m))
            if (callsBack(ctx, module, next, seen)) return true;
    }
    return false;
}

// The code a cancellation of `region` may run into reaches `site`: `site` is inside it, or in a
// module function reached from it (calls the model resolves, and for a method called on an object
// whose class cannot be told, every method of that name of the module's classes, transitively),
// or in code reached through another module of the run that calls back into this one (callsBack).
bool mayReach(const Context& ctx, TSNode region, TSNode site) {
    const python::Semantics& sem = ctx.semantics();
    int target = sem.functionAt(site);
    const std::string module = ctx.run ? ctx.run->moduleOf(ctx.source.path()) : std::string();
    std::set<std::string> followed;
    std::vector<char> seen(sem.functions().size(), 0);
    std::vector<TSNode> todo{region};
    while (!todo.empty()) {
        TSNode r = todo.back();
        todo.pop_back();
        if (contains(r, site)) return true;
        std::vector<TSNode> regions{r};
        for (int fn : sem.reachableFrom(r)) {
            if (fn == target) return true;
            if (!seen[static_cast<std::size_t>(fn)]) regions.push_back(sem.functions()[static_cast<std::size_t>(fn)].node);
            seen[static_cast<std::size_t>(fn)] = 1;
        }
        for (TSNode inner : regions)
            for (TSNode call : module.empty() ? std::vector<TSNode>{} : sem.callNodesIn(inner))
                if (std::string to = python::importedName(ctx.model, field(call, "function"), ctx.package);
                    !to.empty() && callsBack(ctx, module, to, followed))
                    return true;
        // A module function handed on as a value (`run(self.save)`, `partial(flush)`) may be called
        // by the code it is handed to: by its name, every function or method so named counts.
        for (TSNode inner : regions)
            for (std::string_view type : {"identifier", "attribute"})
                for (TSNode n : ctx.syntax.nodesOfType(type, inner)) {
                    TSNode parent = ctx.syntax.parent(n);
                    if (is(parent, "call") && sameNode(field(parent, "function"), n)) continue;
                    if (is(parent, "attribute") && sameNode(field(parent, "attribute"), n)) continue;
                    if (is(parent, "function_definition") || is(parent, "class_definition")) continue;  // its name
                    std::string_view name = is(n, "attribute") ? ctx.text(field(n, "attribute")) : ctx.text(n);
                    for (std::size_t fn = 0; fn < sem.functions().size(); ++fn) {
                        const python::FunctionInfo& f = sem.functions()[fn];
                        if (f.name != name || seen[fn] || is(n, "attribute") == isNull(f.classNode)) continue;
                        if (static_cast<int>(fn) == target) return true;
                        seen[fn] = 1;
                        todo.push_back(f.node);
                    }
                }
        for (TSNode call : sem.untypedMethodCalls(r)) {
            std::string m = ctx.str(field(field(call, "function"), "attribute"));
            if (!module.empty())
                for (const std::string& to : ctx.run->methodsNamed(ctx.source.path(), m))
                    if (callsBack(ctx, module, to, followed)) return true;
            for (std::size_t fn = 0; fn < sem.functions().size(); ++fn) {
                const python::FunctionInfo& f = sem.functions()[fn];
                if (isNull(f.classNode) || f.name != m || seen[fn]) continue;
                if (static_cast<int>(fn) == target) return true;
                seen[fn] = 1;
                todo.push_back(f.node);
            }
        }
    }
    return false;
}

}  // namespace

namespace {

// The kind of asyncio primitive the AM103 fix at `call` builds ("Condition", "Semaphore", ...),
// "" when the callee does not resolve to one.
std::string primitiveKind(const Context& ctx, TSNode call) {
    auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
    if (!q) return {};
    for (std::string_view prefix : {"asyncio.locks.", "asyncio."})
        if (q->rfind(prefix, 0) == 0 && q->find('.', prefix.size()) == std::string::npos) return q->substr(prefix.size());
    return {};
}

// Where a task waits on the object the construction `call` is assigned to: `<target>.wait()`,
// `.acquire()`, `.wait_for()`, `async with <target>:`. `followed` is false when the object is not
// assigned to a name or `self.<attr>`, or is handed on (an argument, an alias, a container
// element): its waits cannot all be found.
std::vector<TSNode> waitsOn(const Context& ctx, TSNode call, bool& followed) {
    followed = false;
    std::vector<TSNode> waits;
    TSNode asg = ctx.syntax.parent(call);
    if (!is(asg, "assignment") || !sameNode(field(asg, "right"), call)) return waits;
    TSNode target = field(asg, "left");
    if (!is(target, "identifier") && !is(target, "attribute")) return waits;
    std::string_view text = ctx.text(target);
    bool byName = is(target, "identifier");
    const python::Scope* owner = nullptr;  // a name: the scope that binds it (others are other objects)
    if (byName) ctx.model.lookup(ctx.model.scopeOf(asg), std::string(text), &owner);
    followed = true;
    for (TSNode n : ctx.syntax.nodesOfType(python::type(target))) {
        if (ctx.text(n) != text || sameNode(n, target)) continue;
        if (byName) {
            const python::Scope* o = nullptr;
            ctx.model.lookup(ctx.model.scopeOf(n), std::string(text), &o);
            if (o != owner) continue;
        }
        TSNode parent = ctx.syntax.parent(n);
        if (is(parent, "attribute") && sameNode(field(parent, "object"), n)) {
            std::string_view m = ctx.text(field(parent, "attribute"));
            if (m == "wait" || m == "acquire" || m == "wait_for") waits.push_back(parent);
            continue;
        }
        if (is(parent, "attribute") && sameNode(field(parent, "attribute"), n)) continue;  // `x.<name>`: another object
        if (is(parent, "with_item")) {
            waits.push_back(n);
            continue;
        }
        if (is(parent, "keyword_argument") && sameNode(field(parent, "name"), n)) continue;
        if ((is(parent, "assignment") || is(parent, "augmented_assignment")) && sameNode(field(parent, "left"), n))
            continue;  // a rebinding: what it holds then is not this object
        followed = false;  // handed on
    }
    return waits;
}

// Why the waiters of the AM103 construction `call` (a Condition or a Semaphore) may be cancelled
// by one of `cancellers` (the round's kept asyncio sources), "" when none can be: "a task waiting
// on it at line N may be cancelled through asyncio (what)".
// Whether a canceller reaches a site, asked of many waiters: mayReach follows calls through the run's
// other modules, which is costly, and for a site outside the canceller's own region its answer
// depends only on the innermost function holding the site, so it is asked once per (canceller,
// function).
class WaiterReach {
public:
    WaiterReach(const Context& ctx, const std::vector<Canceller>& cancellers) : ctx_(ctx), cancellers_(cancellers) {}
    const std::vector<Canceller>& cancellers() const { return cancellers_; }
    // The first canceller that may reach `site`, null when none.
    const Canceller* first(TSNode site) {
        int fn = ctx_.semantics().functionAt(site);
        for (std::size_t c = 0; c < cancellers_.size(); ++c) {
            const Canceller& k = cancellers_[c];
            if (isNull(k.reach) || contains(k.reach, site)) return &k;
            auto key = std::make_pair(c, fn);
            auto it = memo_.find(key);
            if (it == memo_.end()) it = memo_.emplace(key, mayReach(ctx_, k.reach, site)).first;
            if (it->second) return &k;
        }
        return nullptr;
    }

private:
    const Context& ctx_;
    const std::vector<Canceller>& cancellers_;
    std::map<std::pair<std::size_t, int>, bool> memo_;
};

std::string nativelyCancelledWaiter(const Context& ctx, TSNode call, WaiterReach& reach) {
    bool followed = false;
    std::vector<TSNode> waits = waitsOn(ctx, call, followed);
    if (!followed)
        return "its waiters cannot all be found (it is not assigned to a name, or is handed on), and the module "
               "still cancels through asyncio (" + reach.cancellers().front().what + ")";
    for (TSNode w : waits)
        if (const Canceller* c = reach.first(w))
            return "a task waiting on it at " + line(w) + " may be cancelled through asyncio (" + c->what + ")";
    return {};
}

// Whether the round migrates a Condition or a Semaphore, or a Lock while the module builds an
// asyncio.Condition on a lock (`lockFix`): only then is checkWaiters' question asked. An Event or
// a plain Lock is not in question, and the cancellers are costly to work out (they follow calls
// through the run).
bool waitersInQuestion(const Context& ctx, bool& lockFix) {
    bool any = false;
    lockFix = false;
    for (const python::AcceptedFix& f : ctx.acceptedFixes()) {
        if (f.retracted || f.ruleId != "AM103") continue;
        std::string kind = primitiveKind(ctx, f.site);
        any = any || kind == "Condition" || kind == "Semaphore" || kind == "BoundedSemaphore";
        lockFix = lockFix || kind == "Lock";
    }
    if (lockFix && !any) {
        lockFix = false;
        for (const python::Reference* r : ctx.model.referencesTo("asyncio")) {
            TSNode call = ctx.syntax.parent(r->node);
            lockFix = lockFix || ((r->qualified == "asyncio.Condition" || r->qualified == "asyncio.locks.Condition") &&
                                  is(call, "call") && !namedChildren(field(call, "arguments")).empty());
        }
    }
    return any || lockFix;
}

// anyio's Condition and Semaphore hand a wake-up on, and keep their waiters' order, on anyio's
// cancellation; a native asyncio cancellation of a waiter (`task.cancel()`, a kept wait_for or
// timeout around the wait) differs from asyncio's own primitives there: a notified waiter that is
// then cancelled, a cancelled acquire racing a release, FIFO order after a cancellation (CPython's
// test_locks: five tests change outcome). Such a construction is backed out, and so is a Lock
// migrated in the round whose asyncio.Condition(lock) must then stay asyncio's.
void checkWaiters(Context& ctx) {
    bool lockFix = false;
    if (!waitersInQuestion(ctx, lockFix)) return;
    const std::vector<Canceller> cancellers = keptCancellers(ctx);
    if (cancellers.empty()) return;
    WaiterReach reach(ctx, cancellers);
    // Conditions (migrated in this round or still asyncio's) whose waiters may be cancelled through
    // asyncio: each keeps the lock it is built on (`asyncio.Condition(self._lock)` after a round that
    // migrated the lock could not be migrated itself any more).
    std::vector<std::pair<std::string, std::string>> keptConditions;  // lock text, why its Condition is kept
    for (const python::Reference* r : lockFix ? ctx.model.referencesTo("asyncio") : std::vector<const python::Reference*>{}) {
        if (r->qualified != "asyncio.Condition" && r->qualified != "asyncio.locks.Condition") continue;
        TSNode call = ctx.syntax.parent(r->node);
        if (!is(call, "call") || !sameNode(field(call, "function"), r->node)) continue;
        std::vector<TSNode> args = namedChildren(field(call, "arguments"));
        if (args.size() != 1) continue;
        TSNode lock = is(args[0], "keyword_argument") ? field(args[0], "value") : args[0];
        if (std::string why = nativelyCancelledWaiter(ctx, call, reach); !why.empty())
            keptConditions.emplace_back(std::string(ctx.text(lock)),
                                        "the asyncio.Condition() at " + line(call) + " built on it stays asyncio's (" +
                                            why + ")");
    }
    for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
        const python::AcceptedFix& f = ctx.acceptedFixes()[i];
        if (f.retracted || f.ruleId != "AM103") continue;
        std::string kind = primitiveKind(ctx, f.site);
        std::string why;
        if (kind == "Condition" || kind == "Semaphore" || kind == "BoundedSemaphore") {
            why = nativelyCancelledWaiter(ctx, f.site, reach);
        } else if (kind == "Lock") {
            TSNode asg = ctx.syntax.parent(f.site);
            std::string_view target = is(asg, "assignment") ? ctx.text(field(asg, "left")) : std::string_view();
            for (const auto& [lock, because] : keptConditions)
                if (!target.empty() && lock == target) why = because;
            if (!why.empty()) {
                ctx.retract(i, SiteStatus::NeedsReview,
                            "asyncio.Lock() kept: " + why + "; anyio's Lock cannot serve asyncio's Condition");
                continue;
            }
        }
        if (why.empty()) continue;
        ctx.retract(i, SiteStatus::NeedsReview,
                    "asyncio." + kind + "() kept: " + why + "; anyio's " +
                        (kind == "Condition" ? "Condition" : "Semaphore") +
                        " hands a wake-up on and orders its waiters differently when a waiter is cancelled through "
                        "asyncio; migrate that site first");
    }
}

// The module's async functions whose coroutine object is stepped by hand: `coro = f(...)` (or
// `self.f(...)`), then `coro.send`/`coro.throw` called or handed on (`loop.call_soon(coro.send,
// None)`, CPython's test_run_coroutine_threadsafe_task_factory_exception). Each with the step that
// drives it: "`coro.send` at line N".
std::vector<std::pair<int, std::string>> handDriven(const Context& ctx) {
    const python::Semantics& sem = ctx.semantics();
    std::vector<std::pair<int, std::string>> out;
    for (TSNode n : ctx.syntax.nodesOfType("attribute")) {
        std::string_view m = ctx.text(field(n, "attribute"));
        TSNode obj = field(n, "object");
        if ((m != "send" && m != "throw") || !is(obj, "identifier")) continue;
        const auto* bindings = ctx.model.lookup(ctx.model.scopeOf(n), std::string(ctx.text(obj)));
        for (const python::Binding& b : bindings ? *bindings : std::vector<python::Binding>{}) {
            TSNode asg = ctx.syntax.parent(b.node);
            TSNode call = is(asg, "assignment") && sameNode(field(asg, "left"), b.node) ? field(asg, "right") : TSNode{};
            TSNode callee = is(call, "call") ? field(call, "function") : TSNode{};
            bool method = is(callee, "attribute");
            std::string_view name = method ? ctx.text(field(callee, "attribute"))
                                    : is(callee, "identifier") ? ctx.text(callee) : std::string_view();
            for (std::size_t fn = 0; fn < sem.functions().size() && !name.empty(); ++fn) {
                const python::FunctionInfo& f = sem.functions()[fn];
                if (f.isAsync && f.name == name && method != isNull(f.classNode))
                    out.emplace_back(static_cast<int>(fn), "`" + ctx.str(n) + "` at " + line(n));
            }
        }
    }
    return out;
}

// A coroutine stepped by hand runs its first steps outside any task, where anyio cannot tell which
// event loop runs it (sniffio finds asyncio through the current task) and raises
// AsyncLibraryNotFoundError; asyncio's own functions run there. The fixes inside such a function
// and the module functions it reaches are backed out, naming the step. First in the round's check:
// the checks after it see the fixes it leaves.
void checkHandDriven(Context& ctx) {
    if (ctx.acceptedFixes().empty()) return;
    const python::Semantics& sem = ctx.semantics();
    for (const auto& [fn, step] : handDriven(ctx)) {
        const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
        std::vector<TSNode> regions{f.node};
        for (int g : sem.reachableFrom(f.node)) regions.push_back(sem.functions()[static_cast<std::size_t>(g)].node);
        for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
            const python::AcceptedFix& fix = ctx.acceptedFixes()[i];
            if (fix.retracted || !std::any_of(regions.begin(), regions.end(), [&](TSNode r) { return contains(r, fix.site); }))
                continue;
            ctx.retract(i, SiteStatus::NeedsReview,
                        " — not rewritten: the coroutine of `" + f.name + "` is stepped by hand (" + step +
                            "), outside any task, where anyio cannot find its event loop",
                        true);
        }
    }
}


// A hand-driven loop rewritten to anyio.run() (AM211) behaves otherwise for the tasks still
// running when the main coroutine returns: run_until_complete() returns leaving them pending and
// loop.close() drops them, their cleanup never run; anyio.run() (asyncio.run) cancels them and
// runs their cancellation handlers and `finally` blocks. So the rewrite is backed out while the
// module keeps a task (asyncio.create_task/ensure_future, `loop.create_task`) whose code reaches
// such a handler, or whose code cannot be told (a task of something other than a call).
void checkLoopRunner(Context& ctx) {
    std::vector<std::pair<TSNode, std::string>> tasks;  // the task's coroutine call (null: unknown), its name
    static const std::vector<std::string_view> spawners = {"asyncio.create_task", "asyncio.tasks.create_task",
                                                           "asyncio.ensure_future", "asyncio.tasks.ensure_future"};
    bool computed = false;
    for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
        const python::AcceptedFix& f = ctx.acceptedFixes()[i];
        if (f.retracted || f.ruleId != "AM211" ||
            std::none_of(f.edits.begin(), f.edits.end(),
                         [](const Edit& e) { return e.replacement.find("anyio.run(") != std::string::npos; }))
            continue;
        if (!computed) {
            computed = true;
            for (const python::Reference& r : ctx.model.references()) {
                if (ctx.fixedThisRound(r.node) || std::find(spawners.begin(), spawners.end(), r.qualified) == spawners.end())
                    continue;
                TSNode call = ctx.syntax.parent(r.node);
                if (!is(call, "call") || !sameNode(field(call, "function"), r.node)) continue;
                std::vector<TSNode> args = namedChildren(field(call, "arguments"));
                tasks.emplace_back(!args.empty() && is(args.front(), "call") ? args.front() : TSNode{},
                                   r.qualified + " kept at " + line(call));
            }
            std::vector<Canceller> loopSpawns;
            loopTasks(ctx, loopSpawns);
            for (const Canceller& c : loopSpawns) tasks.emplace_back(c.reach, c.what);
        }
        for (const auto& [coro, what] : tasks) {
            std::string why;
            if (isNull(coro)) {
                why = what + ", a task whose code cannot be told";
            } else {
                for (const python::HandlerInfo* h : ctx.semantics().handlersReachableFrom(coro))
                    if (catchesCancellation(ctx, *h)) {
                        why = what + ", whose code has " + handlerWhere(ctx, *h);
                        break;
                    }
            }
            if (why.empty()) continue;
            ctx.retract(i, SiteStatus::NeedsReview,
                        "hand-driven event loop kept: a task may still be running when the main coroutine returns (" +
                            why + "); run_until_complete() leaves it pending and loop.close() drops it without "
                            "running its cleanup, anyio.run() cancels it and runs that cleanup; migrate the task to a "
                            "task group first");
            break;
        }
    }
}

}  // namespace

std::string remainingAsyncioCanceller(const Context& ctx) {
    std::vector<Canceller> all = keptCancellers(ctx);
    return all.empty() ? "" : all.front().what;
}

std::string asyncioCancellerReaching(const Context& ctx, TSNode site) {
    for (const Canceller& c : keptCancellers(ctx))
        if (isNull(c.reach) || mayReach(ctx, c.reach, site))
            return c.what;
    return "";
}

std::vector<std::pair<std::size_t, std::size_t>> reachedRanges(const Context& ctx, TSNode region) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges = {{python::beginOf(region), python::endOf(region)}};
    const python::Semantics& sem = ctx.semantics();
    for (int fn : sem.reachableFrom(region)) {
        TSNode def = sem.functions()[static_cast<std::size_t>(fn)].node;
        ranges.emplace_back(python::beginOf(def), python::endOf(def));
    }
    return ranges;
}

std::string contextVarCall(const Context& ctx, const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                           const std::vector<std::string_view>& methods) {
    std::set<std::string> vars;
    for (const python::Reference* r : ctx.model.referencesTo("contextvars")) {
        TSNode call = ctx.syntax.parent(r->node), asg = ctx.syntax.parent(call);
        if (ctx.canonical(r->qualified) == "contextvars.ContextVar" && is(call, "call") && is(asg, "assignment") &&
            is(field(asg, "left"), "identifier"))
            vars.insert(ctx.str(field(asg, "left")));
    }
    if (vars.empty()) return {};
    for (std::string_view m : methods)
        for (TSNode call : ctx.semantics().methodCalls(m)) {
            TSNode receiver = field(field(call, "function"), "object");
            if (!vars.count(ctx.str(receiver))) continue;
            for (const auto& [b, e] : ranges)
                if (python::beginOf(call) >= b && python::endOf(call) <= e)
                    return "`" + ctx.str(field(call, "function")) + "()` of a ContextVar (line " +
                           std::to_string(python::rowOf(call)) + ")";
        }
    return {};
}

void checkRound(Context& ctx) {
    checkHandDriven(ctx);
    checkTimeouts(ctx);  // first: a timeout backed out stays an asyncio cancellation source
    checkShields(ctx);
    checkWaiters(ctx);
    checkLoopRunner(ctx);
    placeHelpers(ctx);  // after the check: only the fixes it kept call helpers
}

}  // namespace anymig::asyncio_to_anyio
