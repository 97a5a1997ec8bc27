// AM103 sync-primitives: asyncio.Lock/Event/Condition/Semaphore/BoundedSemaphore -> anyio's.
// A construction is migrated only when every later use of the object in the module
// exists in anyio too; otherwise it is flagged with the blocking use named.
#include <optional>
#include <set>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

// Members whose use blocks the migration, with the reason.
std::string blockingUse(const std::string& kind, std::string_view member, const python::Targets& t) {
    if (kind == "Event" && member == "clear")
        return "Event.clear() does not exist in anyio (events are one-shot: create a new Event, or use anyio.Condition)";
    if ((kind == "Semaphore" || kind == "BoundedSemaphore") && member == "locked")
        return "Semaphore.locked() does not exist in anyio (use `.value == 0`)";
    if (kind == "Condition" && member == "wait_for" && !t.anyio.atLeast(4, 11))
        return "Condition.wait_for() needs anyio 4.11 (target is " + t.anyio.str() + ")";
    if (!member.empty() && member[0] == '_' && !(member.size() > 4 && member.substr(0, 2) == "__"))
        return "the private attribute ." + std::string(member) + " is asyncio's implementation detail";
    return {};
}

// `sem.locked()` (no arguments) has an exact anyio spelling, `sem.value == 0`: the edit, or
// nothing when `attr` is not such a call. Parenthesised unless the parent takes a comparison as is.
std::optional<Edit> lockedReplacement(Context& ctx, TSNode attr) {
    TSNode call = ctx.syntax.parent(attr);
    if (!is(call, "call") || !python::sameNode(field(call, "function"), attr)) return std::nullopt;
    if (!python::namedChildren(field(call, "arguments")).empty()) return std::nullopt;
    static const std::set<std::string_view> bare = {"if_statement", "elif_clause", "while_statement", "not_operator",
                                                    "boolean_operator", "assignment", "return_statement",
                                                    "argument_list", "expression_statement", "assert_statement"};
    std::string value = ctx.str(field(attr, "object")) + ".value == 0";
    bool plain = bare.count(python::type(ctx.syntax.parent(call))) != 0;
    return replaceNode(call, plain ? value : "(" + value + ")");
}

// The first blocking use of `target` (identifier or attribute text) in the module, or "".
// Uses with an exact replacement (Semaphore.locked()) are added to `exact` instead.
std::string findBlockingUse(Context& ctx, const std::string& kind, TSNode target, TSNode assignment,
                            std::vector<Edit>& exact) {
    std::string targetText = ctx.str(target);
    bool byName = is(target, "identifier");
    const python::Scope* owner = nullptr;
    if (byName) ctx.model.lookup(ctx.model.scopeOf(assignment), targetText, &owner);
    // Functions that acquire / release the object (anyio locks are owned by the acquiring task).
    std::set<const python::Scope*> acquirers;
    std::vector<std::pair<const python::Scope*, int>> releases;
    for (TSNode n : ctx.syntax.namedNodes()) {
        if (!is(n, "attribute")) continue;
        TSNode obj = field(n, "object");
        if (ctx.text(obj) != targetText) {
            // `self._slots` may also be reached as `limiter._slots`: a blocking member used through
            // another path to an attribute of the same name blocks too (no exact rewrite there).
            if (byName || !is(obj, "attribute") || ctx.text(field(obj, "attribute")) != ctx.text(field(target, "attribute")))
                continue;
            std::string why = blockingUse(kind, ctx.text(field(n, "attribute")), ctx.targets);
            if (!why.empty())
                return why + " (line " + std::to_string(python::rowOf(n)) + ", through `" + ctx.str(obj) + "`)";
            continue;
        }
        if (byName) {
            const python::Scope* o = nullptr;
            ctx.model.lookup(ctx.model.scopeOf(n), targetText, &o);
            if (o != owner) continue;
        }
        std::string_view m = ctx.text(field(n, "attribute"));
        if ((kind == "Semaphore" || kind == "BoundedSemaphore") && m == "locked")
            if (auto e = lockedReplacement(ctx, n)) {
                exact.push_back(std::move(*e));
                continue;
            }
        std::string why = blockingUse(kind, m, ctx.targets);
        if (!why.empty())
            return why + " (line " + std::to_string(python::rowOf(n)) + ")";
        if (kind == "Lock" || kind == "Condition") {
            const python::Scope* fn = python::Model::enclosingFunction(ctx.model.scopeOf(n));
            if (m == "acquire") acquirers.insert(fn);
            if (m == "release") releases.emplace_back(fn, python::rowOf(n));
        }
        if (kind == "Event" && m == "wait") {
            // `await ev.wait()` whose value is used: anyio's returns None, asyncio's True.
            TSNode call = ctx.syntax.parent(n);
            TSNode aw = is(call, "call") ? ctx.syntax.parent(call) : TSNode{};
            if (is(aw, "await")) {
                TSNode user = ctx.syntax.parent(aw);
                if (!is(user, "expression_statement"))
                    return "the value of `await " + targetText +
                           ".wait()` is used; anyio's Event.wait() returns None, asyncio's returns True (line " +
                           std::to_string(python::rowOf(n)) + ")";
            }
        }
    }
    for (const auto& [fn, line] : releases)
        if (!acquirers.count(fn))
            return kind + ".release() in a function that does not acquire it (line " + std::to_string(line) +
                   "): anyio locks can only be released by the task that acquired them";
    return {};
}

// Without a trackable target, any attribute in the module with a blocking name blocks.
std::string findAnyBlockingName(Context& ctx, const std::string& kind) {
    for (TSNode n : ctx.syntax.namedNodes()) {
        if (!is(n, "attribute")) continue;
        std::string_view m = ctx.text(field(n, "attribute"));
        if (m.empty() || m[0] == '_') continue;
        std::string why = blockingUse(kind, m, ctx.targets);
        if (!why.empty())
            return why + "; this " + kind + " is not assigned to a name, so its uses cannot be followed (line " +
                   std::to_string(python::rowOf(n)) + ")";
    }
    return {};
}

}  // namespace

extern const PyRule kSyncPrimitives{
    {"AM103", "sync-primitives", "sync-primitive",
     "Replace asyncio.Lock/Event/Condition/Semaphore/BoundedSemaphore with anyio's", FixSafety::Conditional},
    {"asyncio.Lock", "asyncio.Event", "asyncio.Condition", "asyncio.Semaphore", "asyncio.BoundedSemaphore",
     "asyncio.locks.Lock", "asyncio.locks.Event", "asyncio.locks.Condition", "asyncio.locks.Semaphore",
     "asyncio.locks.BoundedSemaphore"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        std::string kind = member(site.qualified);
        python::CallArgs a = ctx.args(site.arguments);
        if (a.hasStar || a.hasDoubleStar)
            return Flag{SiteStatus::NeedsReview, "asyncio." + kind + "(*args/**kwargs): migrate by hand"};
        if (a.hasComment)
            return Flag{SiteStatus::NeedsReview, "asyncio." + kind + "(...) has comments inside its arguments"};
        // Arguments that survive: everything but the deprecated loop=.
        std::vector<std::pair<std::string, TSNode>> kws;
        for (TSNode k : a.keywords) {
            std::string name = ctx.str(field(k, "name"));
            if (name != "loop") kws.emplace_back(name, field(k, "value"));
        }
        std::string args;
        if (kind == "Lock" || kind == "Event") {
            if (!a.positional.empty() || !kws.empty())
                return Flag{SiteStatus::NeedsReview, "asyncio." + kind + "() with arguments: migrate by hand"};
        } else if (kind == "Condition") {
            if (a.positional.size() + kws.size() > 1 || (!kws.empty() && kws[0].first != "lock"))
                return Flag{SiteStatus::NeedsReview, "asyncio.Condition() with unexpected arguments"};
            if (!a.positional.empty()) args = ctx.str(a.positional[0]);
            else if (!kws.empty()) args = ctx.str(kws[0].second);
        } else {  // Semaphore, BoundedSemaphore
            if (a.positional.size() + kws.size() > 1 || (!kws.empty() && kws[0].first != "value"))
                return Flag{SiteStatus::NeedsReview, "asyncio." + kind + "() with unexpected arguments"};
            TSNode v = !a.positional.empty() ? a.positional[0] : (!kws.empty() ? kws[0].second : TSNode{});
            std::string value = isNull(v) ? "1" : ctx.str(v);
            if (kind == "Semaphore") {
                args = value;
            } else {
                if (!isNull(v) && !isSimpleExpression(v))
                    return Flag{SiteStatus::NeedsReview,
                                "asyncio.BoundedSemaphore(expr): anyio.Semaphore(n, max_value=n) would evaluate `" +
                                    value + "` twice; assign it to a name first"};
                args = value + ", max_value=" + value;
            }
        }
        // Event objects need a running event loop before anyio 4.2: only an `async def` proves
        // one runs. A synchronous function (an __init__, say) may be called at import time.
        const python::Scope* scope = ctx.model.scopeOf(site.call);
        const python::Scope* fn = python::Model::enclosingFunction(scope);
        // A sync function that only ever runs from async code in the module runs with the loop.
        bool reachedFromAsync = fn && !fn->isAsync && is(fn->node, "function_definition") &&
                                ctx.semantics().onlyCalledFromAsync(ctx.semantics().functionAt(site.call));
        if (kind == "Event" && !ctx.targets.anyio.atLeast(4, 2) && !(fn && fn->isAsync) && !reachedFromAsync)
            return Flag{SiteStatus::NeedsReview,
                        std::string("asyncio.Event() ") + (fn ? "in a synchronous function" : "outside a function") +
                            ": before anyio 4.2 (target is " + ctx.targets.anyio.str() +
                            ") anyio.Event() can only be created while an event loop runs; create it lazily in async "
                            "code, or target anyio 4.2"};
        // Follow the object to every use in the module.
        TSNode parent = ctx.syntax.parent(site.call);
        std::string blocked;
        std::vector<Edit> exact;
        if (is(parent, "assignment") && python::sameNode(field(parent, "right"), site.call) &&
            (is(field(parent, "left"), "identifier") || is(field(parent, "left"), "attribute")))
            blocked = findBlockingUse(ctx, kind, field(parent, "left"), parent, exact);
        else
            blocked = findAnyBlockingName(ctx, kind);
        if (!blocked.empty())
            return Flag{SiteStatus::NeedsReview, "asyncio." + kind + "() kept: " + blocked};
        std::string target = kind == "BoundedSemaphore" ? "Semaphore" : kind;
        Rewrite r;
        r.fix.edits.push_back(replaceNode(site.callee, "anyio." + target));
        r.fix.edits.push_back(replaceNode(site.arguments, "(" + args + ")"));
        for (Edit& e : exact) r.fix.edits.push_back(std::move(e));
        r.fix.imports.push_back("anyio");
        r.message = "asyncio." + kind + "(" + (a.positional.empty() && kws.empty() ? "" : "...") + ") -> anyio." +
                    target + "(" + args + ")" +
                    (exact.empty() ? "" : "; its .locked() -> .value == 0 (" + std::to_string(exact.size()) + ")") +
                    (kind == "Event" && reachedFromAsync && !ctx.targets.anyio.atLeast(4, 2)
                         ? " (its synchronous function is only called from async code in this module, so an event "
                           "loop runs)"
                         : "");
        return r;
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
