// AM103 sync-primitives: asyncio.Lock/Event/Condition/Semaphore/BoundedSemaphore -> anyio's.
// A construction is migrated only when every later use of the object in the module
// exists in anyio too; otherwise it is flagged with the blocking use named.
#include <optional>
#include <set>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

// Members whose use blocks the migration, with the reason.
std::string blockingUse(const std::string& kind, std::string_view member, const python::Version& anyio) {
    if (kind == "Event" && member == "clear")
        return "Event.clear() does not exist in anyio (events are one-shot: create a new Event, or use anyio.Condition)";
    if ((kind == "Semaphore" || kind == "BoundedSemaphore") && member == "locked")
        return "Semaphore.locked() does not exist in anyio (use `.value == 0`)";
    if (kind == "Condition" && member == "wait_for" && !anyio.atLeast(4, 11))
        return "Condition.wait_for() needs anyio 4.11 (target is " + anyio.str() + ")";
    if (!member.empty() && member[0] == '_' && !(member.size() > 4 && member.substr(0, 2) == "__"))
        return "the private attribute ." + std::string(member) + " is asyncio's implementation detail";
    return {};
}

// The awaited members whose value asyncio gives as True and anyio as None.
bool returnsTrue(const std::string& kind, std::string_view member) {
    if (member == "wait") return kind == "Event" || kind == "Condition";
    return member == "acquire";
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

// `await <obj>.<m>()` whose value is used (`if await cond.wait():`), for the members asyncio
// answers True and anyio None: the message, or "". `attr` is the `<obj>.<m>` attribute.
std::string usedValue(Context& ctx, const std::string& kind, TSNode attr) {
    std::string_view m = ctx.text(field(attr, "attribute"));
    if (!returnsTrue(kind, m)) return {};
    TSNode call = ctx.syntax.parent(attr);
    TSNode aw = is(call, "call") ? ctx.syntax.parent(call) : TSNode{};
    if (!is(aw, "await") || is(ctx.syntax.parent(aw), "expression_statement")) return {};
    return "the value of `await " + ctx.str(attr) + "()` is used; anyio's " +
           (kind == "BoundedSemaphore" ? std::string("Semaphore") : kind) + "." + std::string(m) +
           "() returns None, asyncio's returns True (line " + std::to_string(python::rowOf(attr)) + ")";
}

// Without a trackable target (the object is not assigned, or is handed on), any attribute in
// the module with a blocking name, or an awaited wait()/acquire() whose value is used, blocks.
// `because` says why the uses cannot be followed.
std::string findAnyBlockingName(Context& ctx, const std::string& kind, const std::string& because) {
    if (kind == "Lock")  // it may be the lock of an asyncio.Condition, which needs asyncio's Lock
        for (const python::Reference* r : ctx.model.referencesTo("asyncio")) {
            if (r->qualified != "asyncio.Condition" && r->qualified != "asyncio.locks.Condition") continue;
            TSNode call = ctx.syntax.parent(r->node);
            if (is(call, "call") && !python::namedChildren(field(call, "arguments")).empty())
                return "asyncio.Condition() at line " + std::to_string(python::rowOf(call)) +
                       " takes a lock, which may be this one (anyio's Lock cannot serve asyncio's Condition); " + because;
        }
    for (TSNode n : ctx.syntax.nodesOfType("attribute")) {
        std::string_view m = ctx.text(field(n, "attribute"));
        if (m.empty() || m[0] == '_') continue;
        std::string why = blockingUse(kind, m, targetAnyio(ctx));
        if (!why.empty()) return why + "; " + because + " (line " + std::to_string(python::rowOf(n)) + ")";
        why = usedValue(ctx, kind, n);
        if (!why.empty()) return why + "; " + because;
    }
    return {};
}

std::string conditionBlocked(Context& ctx, TSNode conditionCall);

// The function `fn` (a def) yields: a generator, not a coroutine (nested scopes not looked into).
bool containsYield(TSNode fn) {
    std::vector<TSNode> todo{field(fn, "body")};
    while (!todo.empty()) {
        TSNode n = todo.back();
        todo.pop_back();
        if (isNull(n)) continue;
        if (is(n, "yield")) return true;
        if (is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition")) continue;
        for (TSNode c : namedChildren(n)) todo.push_back(c);
    }
    return false;
}

// When `use` (an occurrence of a Lock's target) is the lock argument of an `asyncio.Condition(...)`
// construction: "" when that Condition can follow the lock into anyio (it does in the next round),
// else why the lock must stay asyncio's too (anyio's Condition needs anyio's Lock, asyncio's
// Condition asyncio's). Null `handled` when `use` is not such an argument.
std::string lockOfKeptCondition(Context& ctx, TSNode use, bool& handled) {
    handled = false;
    TSNode up = ctx.syntax.parent(use);
    if (is(up, "keyword_argument")) up = ctx.syntax.parent(up);
    TSNode call = ctx.syntax.parent(up);
    if (!is(up, "argument_list") || !is(call, "call")) return {};
    auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
    if (!q || (*q != "asyncio.Condition" && *q != "asyncio.locks.Condition")) return {};
    handled = true;
    std::string why = conditionBlocked(ctx, call);
    if (why.empty()) return {};
    return "the asyncio.Condition() built on it at line " + std::to_string(python::rowOf(call)) + " is kept (" + why +
           "), and anyio's Lock cannot serve asyncio's Condition";
}

// A load of `name` (owned by `owner`) that hands the object on: an argument, a return value, an
// alias, a container element. Null when every load is a member use, `async with`, a test.
TSNode escapingLoad(Context& ctx, const std::string& name, const python::Scope* owner, const std::string& kind,
                    std::string& conditionWhy) {
    static const std::set<std::string_view> staying = {"with_item", "comparison_operator", "not_operator",
                                                       "if_statement", "elif_clause", "while_statement",
                                                       "assert_statement", "expression_statement"};
    for (const python::NameLoad& l : ctx.model.loadsOf(name)) {
        const python::Scope* o = nullptr;
        ctx.model.lookup(l.scope, name, &o);
        if (o != owner) continue;
        TSNode par = ctx.syntax.parent(l.node);
        if (is(par, "attribute") && python::sameNode(field(par, "object"), l.node)) continue;
        if (staying.count(python::type(par))) continue;
        // Its text: repr()/str() (and print, format, f-strings) show asyncio's class and state.
        TSNode call = ctx.syntax.parent(par);
        TSNode fn = is(par, "argument_list") && is(call, "call") ? field(call, "function") : TSNode{};
        static const std::set<std::string_view> texts = {"repr", "str", "ascii", "format", "print"};
        if (is(par, "interpolation") || (is(fn, "identifier") && texts.count(ctx.text(fn)))) {
            conditionWhy = "its text is used (line " + std::to_string(python::rowOf(l.node)) +
                           "): the repr of anyio's " + (kind == "BoundedSemaphore" ? std::string("Semaphore") : kind) +
                           " differs from asyncio's";
            return l.node;
        }
        if (kind == "Lock") {
            bool handled = false;
            conditionWhy = lockOfKeptCondition(ctx, l.node, handled);
            if (!conditionWhy.empty()) return l.node;
            if (handled) continue;
        }
        return l.node;
    }
    return {};
}

// A name handed on (to a function, a container, another name) is used there under another
// name: follow it no further, and let any blocking use in the module block it.
std::string handedOnBlock(Context& ctx, const std::string& kind, const std::string& name, const python::Scope* owner) {
    std::string conditionWhy;
    TSNode away = escapingLoad(ctx, name, owner, kind, conditionWhy);
    if (!conditionWhy.empty()) return conditionWhy;
    if (isNull(away)) return {};
    return findAnyBlockingName(ctx, kind, "`" + name + "` is handed on at line " + std::to_string(python::rowOf(away)) +
                                              ", so its uses cannot be followed");
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
    for (TSNode n : ctx.syntax.nodesOfType("attribute")) {
        TSNode obj = field(n, "object");
        if (!byName && kind == "Lock" && ctx.text(n) == targetText) {
            bool handled = false;
            std::string why = lockOfKeptCondition(ctx, n, handled);
            if (!why.empty()) return why;
        }
        if (ctx.text(obj) != targetText) {
            // `self._slots` may also be reached as `limiter._slots`: a blocking member used through
            // another path to an attribute of the same name blocks too (no exact rewrite there).
            if (byName || !is(obj, "attribute") || ctx.text(field(obj, "attribute")) != ctx.text(field(target, "attribute")))
                continue;
            std::string why = blockingUse(kind, ctx.text(field(n, "attribute")), targetAnyio(ctx));
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
        std::string why = blockingUse(kind, m, targetAnyio(ctx));
        if (!why.empty())
            return why + " (line " + std::to_string(python::rowOf(n)) + ")";
        if (kind == "Lock" || kind == "Condition") {
            const python::Scope* fn = python::Model::enclosingFunction(ctx.model.scopeOf(n));
            if (m == "acquire") acquirers.insert(fn);
            if (m == "release") releases.emplace_back(fn, python::rowOf(n));
        }
        // `await ev.wait()` / `if await lock.acquire():` whose value is used: anyio's return
        // None, asyncio's True (CPython's Condition tests branch on it).
        why = usedValue(ctx, kind, n);
        if (!why.empty()) return why;
    }
    for (const auto& [fn, line] : releases) {
        if (!acquirers.count(fn))
            return kind + ".release() in a function that does not acquire it (line " + std::to_string(line) +
                   "): anyio locks can only be released by the task that acquired them";
        // A coroutine runs in one task; an async generator is resumed by whichever task iterates it.
        if (fn && containsYield(fn->node))
            return kind + ".release() in an async generator (line " + std::to_string(line) +
                   "), which another task may resume: anyio locks can only be released by the task that acquired them";
    }
    return byName ? handedOnBlock(ctx, kind, targetText, owner) : std::string();
}

// Why the `asyncio.Condition(...)` construction `call` stays asyncio's because of its uses, or "".
std::string conditionBlocked(Context& ctx, TSNode call) {
    TSNode parent = ctx.syntax.parent(call);
    std::vector<Edit> ignored;
    if (is(parent, "assignment") && python::sameNode(field(parent, "right"), call) &&
        (is(field(parent, "left"), "identifier") || is(field(parent, "left"), "attribute")))
        return findBlockingUse(ctx, "Condition", field(parent, "left"), parent, ignored);
    return findAnyBlockingName(ctx, "Condition", "this Condition is not assigned to a name, so its uses cannot be followed");
}

// What a Lock/Event/Condition/Semaphore/BoundedSemaphore() site is, found once; the cases
// below read it.
struct PrimitivePlan {
    const CallSite* site = nullptr;
    std::string kind;          // "Lock", "Event", ...
    bool emptyCall = true;     // no arguments survive (the message says `()` rather than `(...)`)
    std::string args;          // the anyio call's arguments
    std::string argProblem;    // why the arguments cannot be carried over ("" when they can)
    const python::Scope* fn = nullptr;  // the enclosing function
    bool reachedFromAsync = false;      // a sync function only ever called from async code
    std::string importedBy;    // why another file of the run may call the function early (naming it), "" for none
    std::string unseenCallers; // an Event in a sync function no code of the run calls: why the fix is unsafe
    std::string blocked;       // a use in the module with no anyio equivalent
    std::vector<Edit> exact;   // .locked() -> .value == 0 edits
    TSNode lockArg{};          // Condition(lock): the lock argument
    std::string yields;        // why anyio's object lets other tasks run where asyncio's does not ("" when exact)
};

// anyio's primitives checkpoint where asyncio's return at once: an uncontended Lock/Semaphore
// acquire() (anyio 3.6.2 ends it with cancel_shielded_checkpoint(); from anyio 4.5
// `fast_acquire=True` skips that), Event.wait() on a set event (and, in anyio 3, after every
// wake-up), a Condition through its anyio Lock and Event. Other tasks then run at a point where
// asyncio ran none, so output that interleaves changes order. Why, or "" (exact: fast_acquire).
std::string yieldDifference(const std::string& kind, const python::Version& anyio) {
    if (kind == "Event")
        return "anyio's Event.wait() lets other tasks run even when the event is set (anyio 3: also after it wakes), "
               "asyncio's returns at once, so tasks may interleave differently";
    if (kind == "Condition")
        return "anyio's Condition acquires and waits through anyio's Lock and Event, which let other tasks run where "
               "asyncio's Condition does not, so tasks may interleave differently";
    if (anyio.atLeast(4, 5)) return {};
    return "anyio's " + std::string(kind == "BoundedSemaphore" ? "Semaphore" : kind) +
           ".acquire() lets other tasks run even when it is free, asyncio's does not, so tasks may interleave "
           "differently (from anyio 4.5, target " + anyio.str() + ", the rule writes the exact `fast_acquire=True`)";
}

// The anyio call's arguments (`p.args`), or why they cannot be carried over (`p.argProblem`).
void primitiveArgs(PrimitivePlan& p, const Context& ctx) {
    const std::string& kind = p.kind;
    python::CallArgs a = ctx.args(p.site->arguments);
    if (a.hasStar || a.hasDoubleStar) {
        p.argProblem = "asyncio." + kind + "(*args/**kwargs): migrate by hand";
        return;
    }
    if (a.hasComment) {
        p.argProblem = "asyncio." + kind + "(...) has comments inside its arguments";
        return;
    }
    // Arguments that survive: everything but the deprecated loop=.
    std::vector<std::pair<std::string, TSNode>> kws;
    for (TSNode k : a.keywords) {
        std::string name = ctx.str(field(k, "name"));
        if (name != "loop") kws.emplace_back(name, field(k, "value"));
        else if (ctx.str(field(k, "value")) != "None") {
            // loop=None is what every Python that accepts the argument does anyway; another loop
            // binds the object to that loop before 3.10 and raises TypeError from 3.10 on.
            p.argProblem = "asyncio." + kind + "(loop=" + ctx.str(field(k, "value")) +
                           "): binds the object to that loop before Python 3.10 and raises TypeError from 3.10 "
                           "on; anyio's primitives take no loop";
            return;
        }
    }
    p.emptyCall = a.positional.empty() && kws.empty();
    const std::string fast = targetAnyio(ctx).atLeast(4, 5) ? "fast_acquire=True" : "";
    if (kind == "Lock" || kind == "Event") {
        if (!p.emptyCall) p.argProblem = "asyncio." + kind + "() with arguments: migrate by hand";
        else if (kind == "Lock") p.args = fast;
    } else if (kind == "Condition") {
        if (a.positional.size() + kws.size() > 1 || (!kws.empty() && kws[0].first != "lock"))
            p.argProblem = "asyncio.Condition() with unexpected arguments";
        else if (!a.positional.empty()) p.lockArg = a.positional[0];
        else if (!kws.empty()) p.lockArg = kws[0].second;
        if (!isNull(p.lockArg)) p.args = ctx.str(p.lockArg);
    } else {  // Semaphore, BoundedSemaphore
        if (a.positional.size() + kws.size() > 1 || (!kws.empty() && kws[0].first != "value")) {
            p.argProblem = "asyncio." + kind + "() with unexpected arguments";
            return;
        }
        TSNode v = !a.positional.empty() ? a.positional[0] : (!kws.empty() ? kws[0].second : TSNode{});
        std::string value = isNull(v) ? "1" : ctx.str(v);
        if (kind == "Semaphore") p.args = value;
        else if (!isNull(v) && !isPure(v, python::Purity::Atom))
            p.argProblem = "asyncio.BoundedSemaphore(expr): anyio.Semaphore(n, max_value=n) would evaluate `" + value +
                           "` twice; assign it to a name first";
        else p.args = value + ", max_value=" + value;
        if (!fast.empty()) p.args += ", " + fast;
    }
}

// Where the object assigned to `target` may be acquired or waited on: `async with x`,
// `x.acquire()`, `x.wait()`, `x.wait_for()`, or any use that hands it on (its uses cannot be
// followed). The line of the first such use, or 0 when every use is another member
// (`release()`, `set()`, `notify()`, ...): then anyio's extra scheduling points are never reached.
int firstWaitingUse(Context& ctx, TSNode target, TSNode assignment) {
    static const std::set<std::string_view> waits = {"acquire", "wait", "wait_for"};
    auto waiting = [&](TSNode use) {
        TSNode par = ctx.syntax.parent(use);
        if (!is(par, "attribute") || !python::sameNode(field(par, "object"), use)) return true;
        return waits.count(ctx.text(field(par, "attribute"))) != 0;
    };
    const std::string text = ctx.str(target);
    if (is(target, "identifier")) {
        const python::Scope* owner = nullptr;
        ctx.model.lookup(ctx.model.scopeOf(assignment), text, &owner);
        for (const python::NameLoad& l : ctx.model.loadsOf(text)) {
            const python::Scope* o = nullptr;
            ctx.model.lookup(l.scope, text, &o);
            if (o == owner && waiting(l.node)) return python::rowOf(l.node);
        }
        return 0;
    }
    for (TSNode n : ctx.syntax.nodesOfType("attribute")) {
        if (ctx.text(n) != text || python::sameNode(n, target)) continue;
        TSNode up = ctx.syntax.parent(n);
        if (is(up, "assignment") && python::sameNode(field(up, "left"), n)) continue;  // another assignment
        if (waiting(n)) return python::rowOf(n);
    }
    return 0;
}

// True when `value` is an `anyio.Lock()` call.
bool isAnyioLockCall(Context& ctx, TSNode value) {
    if (!is(value, "call")) return false;
    auto q = ctx.model.resolve(field(value, "function"), ctx.model.scopeOf(value));
    return q && *q == "anyio.Lock";
}

// anyio.Condition(lock) needs an anyio.Lock: "" when the argument is one (an `anyio.Lock()`
// call, a name whose every binding is `name = anyio.Lock()`, an attribute every assignment of
// which in the module is one), else why not. A lock migrated in this round is seen in the next.
std::string conditionLockProblem(Context& ctx, TSNode arg) {
    if (isAnyioLockCall(ctx, arg)) return {};
    std::string text = ctx.str(arg);
    std::string why = "anyio.Condition(" + text + ") needs an anyio.Lock, and `" + text + "` is not known to be one";
    bool one = false;
    if (is(arg, "identifier")) {
        const auto* bs = ctx.model.lookup(ctx.model.scopeOf(arg), text);
        if (!bs || bs->empty()) return why;
        for (const python::Binding& b : *bs) {
            TSNode asg = ctx.syntax.parent(b.node);
            if (b.kind != python::Binding::Kind::Other || !is(asg, "assignment") ||
                !python::sameNode(field(asg, "left"), b.node) || !isAnyioLockCall(ctx, field(asg, "right")))
                return why + " (line " + std::to_string(python::rowOf(b.node)) + ")";
        }
        return {};
    }
    if (!is(arg, "attribute")) return why;
    for (TSNode asg : ctx.syntax.nodesOfType("assignment")) {
        TSNode left = field(asg, "left");
        if (!is(left, "attribute") || ctx.text(left) != ctx.text(arg)) continue;
        if (!isAnyioLockCall(ctx, field(asg, "right")))
            return why + " (line " + std::to_string(python::rowOf(asg)) + ")";
        one = true;
    }
    return one ? std::string() : why;
}

// Every use in the module of the name `binder` (a def or a class) defines is a call made directly
// inside an `async def` (annotations and isinstance arguments aside: they never call it): the number
// of those calls, or -1 when some use is anything else (a call in a sync function or at import time,
// a reference, a subclass), with `other` set to its line.
int directAsyncCalls(const Context& ctx, TSNode binder, int& other) {
    std::string name = ctx.str(field(binder, "name"));
    int calls = 0;
    for (const python::NameLoad& load : ctx.model.loadsOf(name)) {
        const auto* bindings = ctx.model.lookup(load.scope, name);
        if (!bindings || bindings->empty() || !python::sameNode(ctx.syntax.parent(bindings->back().node), binder)) continue;
        if (python::neverCalls(ctx.syntax, load.node)) continue;
        TSNode call = ctx.syntax.parent(load.node);
        const python::Scope* fn = python::Model::enclosingFunction(load.scope);
        if (!is(call, "call") || !python::sameNode(field(call, "function"), load.node) || !fn || !fn->isAsync) {
            other = python::rowOf(load.node);
            return -1;
        }
        ++calls;
    }
    return calls;
}

// Where the sync function creating an Event runs (before anyio 4.2 only a running task may create
// one). Proven: it is called only from async code: directly, in the module and in the run's other
// files that use it (RunSummaries::useOfName), or through sync functions of the module that are
// (Semantics::onlyCalledFromAsync) when no other file imports the module. Refused: a use outside
// async code is shown (named in importedBy). Unsafe: no code of the run calls it (its callers are
// outside the run: a library's class, say).
void creationContext(PrimitivePlan& p, Context& ctx) {
    const python::Semantics& sem = ctx.semantics();
    const int fn = sem.functionAt(p.site->call);
    if (fn < 0) return;
    const python::FunctionInfo& info = sem.functions()[static_cast<std::size_t>(fn)];
    // What other code knows it by: the class an __init__ builds, or the function itself.
    TSNode binder = isNull(info.classNode) ? info.node : info.name == "__init__" ? info.classNode : TSNode{};
    int other = 0;
    const int direct = isNull(binder) ? -1 : directAsyncCalls(ctx, binder, other);
    const bool topLevel = !isNull(binder) && is(ctx.syntax.parent(binder), "module");
    if (direct < 0 || (ctx.run && !topLevel)) {
        p.reachedFromAsync = sem.onlyCalledFromAsync(fn);
        if (!p.reachedFromAsync && isNull(binder))
            p.importedBy = "`" + info.name + "` is a method, so it may run wherever an object of its class goes";
        if (!p.reachedFromAsync && other > 0)
            p.importedBy = "`" + ctx.str(field(binder, "name")) + "` is used outside async code at line " +
                           std::to_string(other) + ", which is not shown to run only from async code";
        if (p.reachedFromAsync && ctx.run) {
            p.importedBy = ctx.run->firstImporterOf(ctx.source.path());
            if (!p.importedBy.empty())
                p.importedBy = "it is only called from async code in this module, but " + p.importedBy +
                               " imports the module and may call it at import time";
            p.reachedFromAsync = p.importedBy.empty();
        }
        return;
    }
    bool called = direct > 0;
    if (ctx.run) {
        python::RunSummaries::NameUse use = ctx.run->useOfName(ctx.source.path(), ctx.str(field(binder, "name")));
        if (!use.outside.empty()) {
            p.importedBy = "another file of the run may create it where no task runs: " + use.outside;
            return;
        }
        called = called || use.calledFromAsync;
    }
    if (called) {
        p.reachedFromAsync = true;
        return;
    }
    p.unseenCallers = std::string("no code of this ") + (ctx.run ? "run" : "module") + " calls `" +
                      ctx.str(field(binder, "name")) + "`, so where it runs cannot be told: before anyio 4.2 (target " +
                      targetAnyio(ctx).str() + ") anyio.Event() can only be created in a running task";
}

std::optional<PrimitivePlan> planPrimitive(const CallSite& site, Context& ctx) {
    PrimitivePlan p;
    p.site = &site;
    p.kind = member(site.qualified);
    primitiveArgs(p, ctx);
    if (p.argProblem.empty() && !isNull(p.lockArg)) p.argProblem = conditionLockProblem(ctx, p.lockArg);
    if (!p.argProblem.empty()) return p;
    p.yields = yieldDifference(p.kind, targetAnyio(ctx));
    // Event objects need a running event loop before anyio 4.2: only an `async def` proves
    // one runs. A synchronous function (an __init__, say) may be called at import time.
    const python::Scope* scope = ctx.model.scopeOf(site.call);
    p.fn = python::Model::enclosingFunction(scope);
    // A sync function that only ever runs from async code runs in a task.
    if (p.kind == "Event" && p.fn && !p.fn->isAsync && is(p.fn->node, "function_definition") &&
        !targetAnyio(ctx).atLeast(4, 2))
        creationContext(p, ctx);
    // Follow the object to every use in the module.
    TSNode parent = ctx.syntax.parent(site.call);
    const bool assigned = is(parent, "assignment") && python::sameNode(field(parent, "right"), site.call) &&
                          (is(field(parent, "left"), "identifier") || is(field(parent, "left"), "attribute"));
    if (assigned)
        p.blocked = findBlockingUse(ctx, p.kind, field(parent, "left"), parent, p.exact);
    else
        p.blocked = findAnyBlockingName(ctx, p.kind, "this " + p.kind + " is not assigned to a name, so its uses cannot be followed");
    // The extra scheduling points matter only where the object is acquired or waited on.
    if (!p.yields.empty()) {
        int line = assigned ? firstWaitingUse(ctx, field(parent, "left"), parent) : python::rowOf(site.call);
        if (line == 0) p.yields.clear();
        else
            p.yields = (assigned ? "`" + ctx.str(field(parent, "left")) + "` may be acquired or waited on (line " +
                                       std::to_string(line) + "): "
                                 : std::string("not assigned to a name, so it may be acquired or waited on: ")) +
                       p.yields;
    }
    return p;
}

bool eventTooEarly(const PrimitivePlan& p, const Context& ctx) {
    return p.kind == "Event" && !targetAnyio(ctx).atLeast(4, 2) && !(p.fn && p.fn->isAsync) && !p.reachedFromAsync &&
           p.unseenCallers.empty();
}

Outcome newPrimitive(const PrimitivePlan& p, Context& ctx) {
    std::string target = p.kind == "BoundedSemaphore" ? "Semaphore" : p.kind;
    Rewrite r;
    r.fix.edits.push_back(replaceNode(p.site->callee, "anyio." + target));
    r.fix.edits.push_back(replaceNode(p.site->arguments, "(" + p.args + ")"));
    for (const Edit& e : p.exact) r.fix.edits.push_back(e);
    r.fix.imports.push_back("anyio");
    r.message = "asyncio." + p.kind + "(" + (p.emptyCall ? "" : "...") + ") -> anyio." + target + "(" + p.args + ")" +
                (p.unseenCallers.empty() ? "" : " (unsafe fix, opted in: " + p.unseenCallers + ")") +
                (p.yields.empty() ? "" : " (unsafe fix, opted in: " + p.yields + ")") +
                (p.exact.empty() ? "" : "; its .locked() -> .value == 0 (" + std::to_string(p.exact.size()) + ")") +
                (p.kind == "Event" && p.reachedFromAsync && !targetAnyio(ctx).atLeast(4, 2)
                     ? std::string(" (its synchronous function is only called from async code in this ") +
                           (ctx.run ? "run" : "module") + ", so a task runs)"
                     : "");
    return r;
}

using P = PrimitivePlan;

std::vector<PlanCase<P>> primitiveCases() {
    return {
        {"arguments that cannot be carried over", [](const P& p, const Context&) { return !p.argProblem.empty(); },
         [](const P& p, Context&) -> Outcome { return Flag{SiteStatus::NeedsReview, p.argProblem}; }},
        {"an Event created outside a running loop before anyio 4.2", eventTooEarly,
         [](const P& p, Context& ctx) -> Outcome {
             return Flag{SiteStatus::NeedsReview,
                         std::string("asyncio.Event() ") + (p.fn ? "in a synchronous function" : "outside a function") +
                             ": before anyio 4.2 (target is " + targetAnyio(ctx).str() +
                             ") anyio.Event() can only be created while an event loop runs; create it lazily in async "
                             "code, or target anyio 4.2" +
                             (p.importedBy.empty() ? std::string()
                                                   : " (" + p.importedBy + ")")};
         }},
        {"an Event whose creating function no code of the run calls, without --unsafe-fixes",
         [](const P& p, const Context& ctx) { return !p.unseenCallers.empty() && !ctx.unsafeFixes(); },
         [](const P& p, Context&) -> Outcome {
             return Flag{SiteStatus::NeedsReview,
                         "asyncio.Event() in a synchronous function: " + p.unseenCallers + " (rewritten with --unsafe-fixes)"};
         }},
        {"a use with no anyio equivalent", [](const P& p, const Context&) { return !p.blocked.empty(); },
         [](const P& p, Context&) -> Outcome {
             return Flag{SiteStatus::NeedsReview, "asyncio." + p.kind + "() kept: " + p.blocked};
         }},
        {"a yield asyncio does not have, without --unsafe-fixes",
         [](const P& p, const Context& ctx) { return !p.yields.empty() && !ctx.unsafeFixes(); },
         [](const P& p, Context&) -> Outcome {
             return Flag{SiteStatus::NeedsReview,
                         "asyncio." + p.kind + "(): " + p.yields + " (rewritten with --unsafe-fixes)"};
         }},
        {"the anyio primitive", {}, newPrimitive},
    };
}

}  // namespace

extern const PyRule kSyncPrimitives{
    .info = {.id = "AM103",
     .name = "sync-primitives",
     .category = "sync-primitive",
     .summary = "Replace asyncio.Lock/Event/Condition/Semaphore/BoundedSemaphore with anyio's",
     .safety = FixSafety::Conditional,
     .brief = R"md(`Lock/Event/Condition/Semaphore/BoundedSemaphore` → anyio's (`Semaphore()` → `Semaphore(1)`, `BoundedSemaphore(n)` → `Semaphore(n, max_value=n)`, `loop=None` dropped, `Condition(lock)` once `lock` is an `anyio.Lock`, `sem.locked()` → `sem.value == 0`; an `Event()` in a sync function that only async code of the run calls is fine before anyio 4.2, an unsafe fix where no code of the run calls it) unless a use in the module has no anyio equivalent (`Event.clear()`, private attributes, the value of `await ev.wait()` / `await lock.acquire()` used, `loop=` another loop, a `Condition`/`Semaphore` waiter an asyncio cancellation the round keeps may reach), which is named in the flag; unsafe fixes where anyio's object lets other tasks run where asyncio's does not (`Event`, `Condition`, and `Lock`/`Semaphore` below anyio 4.5; from 4.5 they get the exact `fast_acquire=True`))md",
     .doc = R"md(
## What it does

Replaces asyncio's synchronisation primitives with anyio's (also spelled
`asyncio.locks.X`, through aliases and `from asyncio import Lock as L`):

| asyncio | anyio |
|---|---|
| `asyncio.Lock()` | `anyio.Lock()` |
| `asyncio.Event()` | `anyio.Event()` |
| `asyncio.Condition()`, `Condition(lock)`, `Condition(lock=lock)` | `anyio.Condition()`, `anyio.Condition(lock)` |
| `asyncio.Semaphore(n)`, `Semaphore(value=n)` | `anyio.Semaphore(n)` |
| `asyncio.Semaphore()` | `anyio.Semaphore(1)` (anyio's has no default value) |
| `asyncio.BoundedSemaphore(n)` | `anyio.Semaphore(n, max_value=n)` |
| `asyncio.BoundedSemaphore()` | `anyio.Semaphore(1, max_value=1)` |

The deprecated `loop=None` argument is dropped; any other `loop=` keeps the construction
(before Python 3.10 it binds the object to that loop, from 3.10 on it raises `TypeError`:
CPython's test_locks asserts exactly that). `Condition(lock)` is migrated only when `lock` is
an `anyio.Lock`: an `anyio.Lock()` call, a name whose every binding is `name = anyio.Lock()`,
or an attribute every assignment of which in the module is one. A lock migrated in the same
run is seen in the next round, so `self._lock = asyncio.Lock()` followed by
`asyncio.Condition(self._lock)` migrates both (the Condition one round later, reported at its
line in the migrated text); a lock that stays asyncio's (a parameter, a kept `asyncio.Lock()`)
keeps the Condition, since anyio's Condition drives its lock with anyio's task ownership. When the object is assigned to a name or an
attribute (`lock = ...`, `self._lock = ...`), the rule follows that target through the
module and migrates the construction only if every use also exists in anyio; otherwise
the construction is kept and flagged with the blocking use and its line. Uses of the
migrated object (`async with`, `set()`, `wait()`, `acquire()`, `release()`, `.value`)
need no edit.

Two exact replacements are applied instead of flagging: `sem.locked()` (no arguments, on a
`Semaphore`/`BoundedSemaphore` followed through the module) becomes `sem.value == 0`
(parenthesised where a comparison would otherwise chain or bind differently); and an
`asyncio.Event()` created in a synchronous function (an `__init__`, a factory) is migrated
before anyio 4.2 when the semantic model shows that function only ever runs in a task (anyio
3.6.2 asks sniffio, which needs a running task, not only a running loop):
- in the module: every use of its name (or of its class, for `__init__`) is a call inside an
  `async def`, or inside a sync function for which the same holds; an annotation or an
  `isinstance`/`issubclass` argument never calls it and does not count;
- in a run over several files, every other file that imports the module (found as the
  cross-module model finds importers) uses the name only as the callee of a call inside an
  `async def` (`RunSummaries::useOfName`, from each file's `usesOutsideAsync`: imported names,
  relative imports included, used anywhere else), with no star import of the module and no use of
  the module object as a value; a file that imports the name (`from .job import Job` in a
  package's `__init__.py`) is followed as a re-export, and the files importing from it are read
  the same way (behaviour program `cross_module_event_exact/`: a class created in two files through
  a re-export, fully migrated). When the function reaches the class only through other sync
  functions of its module, those are not followed across files: the flag is kept when another
  file imports the module.
The flag names what keeps it: ``(`Registry` is used outside async code at line N, which is not
shown to run only from async code)``, ``(another file of the run may create it where no task
runs: main.py:17: `workers.Job` is used outside async code)`` (behaviour programs
`cross_module_event_refused/`, `cross_module_event_reexport_refused/`: a module-level
`DEFAULT = Job(...)`, directly and through the re-export), ``(`reset` is a method, so it may run
wherever an object of its class goes)`` (a method other than `__init__`: a protocol callback, a
test method run by unittest). When **no code of the run calls it** (a library's class created by
its users, a class loaded by name at run time as uvicorn loads `"uvicorn.lifespan.on:LifespanOn"`)
where it runs cannot be told: the fix is unsafe (``asyncio.Event() in a synchronous function: no
code of this run calls `Service`, so where it runs cannot be told: before anyio 4.2 (target 4.0)
anyio.Event() can only be created in a running task (rewritten with --unsafe-fixes)``; "this
module" for a single file). Behaviour program `event_unseen_caller_refused/`: the class found by
name and created at import time; migrated with `--unsafe-fixes` it raises
`sniffio.AsyncLibraryNotFoundError` there (anyio 3.6.2), so the default keeps it.
Fixtures: `semaphore_locked.py`, `event_in_init.py`, `event_callers.py`, `event_callers_unsafe.py`.

A name handed on (an argument of a call, a return value, another name, a container element)
is used there under another name, so it is followed no further: the construction is then
kept when any blocking use appears anywhere in the module (as for an object not assigned to a
name), the flag ending ``; `<name>` is handed on at line N, so its uses cannot be followed``.
A `Lock` handed to an `asyncio.Condition(...)` follows that Condition: it is kept while the
Condition is kept for a use of its own (anyio's Lock cannot serve asyncio's Condition, nor
asyncio's Lock anyio's), and a `Lock` whose uses cannot be followed is kept while the module
has an `asyncio.Condition(...)` taking a lock. Behaviour program `condition_values_refused.py`
(each of these printed something else once migrated by the build before).

**Waiters cancelled through asyncio.** anyio's `Condition` and `Semaphore` are written for anyio's
cancellation; a waiter cancelled natively (`task.cancel()` on a kept task, a kept
`asyncio.wait_for(cond.wait(), t)` or `asyncio.timeout`, a kept gather) behaves differently from
asyncio's own primitives: a Condition waiter cancelled after `notify()` ends up not cancelled and
holding the lock (asyncio's: cancelled, the lock released), and a Semaphore acquire cancelled as a
`release()` wakes it does not pass the wake-up on to the next waiter (CPython's test_locks: five tests changed
outcome). So after every other rule has run, the round's consistency check
(`cancellation.cpp`) backs out a `Condition`/`Semaphore`/`BoundedSemaphore` construction when a
task waiting on it (`.wait()`, `.acquire()`, `.wait_for()`, `async with`) may be reached by an
asyncio cancellation source the round keeps, the same model AM206 uses (which code a kept
`create_task`, `wait_for`, timeout or `.cancel()` can cancel), naming both: ``asyncio.Semaphore()
kept: a task waiting on it at line 10 may be cancelled through asyncio (asyncio.create_task kept
at line 13); ...``. When its waiters cannot all be found (not assigned to a name, or handed on),
any asyncio cancellation source left in the module keeps it. A `Lock` that an `asyncio.Condition(lock)`
kept this way is built on stays asyncio's too. Once the cancelling task is migrated (a task group
cancelled with `tg.cancel_scope.cancel()`), the primitive follows in the next round. `Lock` and
`Event` behave alike under a native cancellation and are not held back. Fixture
`native_cancel.py`, behaviour program `waiter_cancel_refused.py` (the build before printed
`(['waiting'], False, True)` and `(True, False)` instead of `(['waiting'], True, False)` and
`(True, True)`).

An object stored as an attribute (`self._slots = asyncio.Semaphore(1)`) is followed by its text; a
blocking use through another path to an attribute of the same name (`limiter._slots.locked()`) keeps
the construction flagged, naming that path (`other_path.py`): it may be the same object.

## Why

This is pattern 4 of the seed's batch report (`asyncio.Lock()/Event()/Semaphore(5)` →
anyio's). asyncio's primitives belong to the asyncio event loop and do not work under the
trio backend. The mapping has traps that a text substitution walks into, each of which
fails only at run time:

- `anyio.Semaphore()` has no default: `TypeError: Semaphore.__init__() missing 1 required
  positional argument: 'initial_value'`, so `Semaphore()` becomes `Semaphore(1)`, and
  `value=` is not anyio's keyword name.
- anyio's `Event` has no `clear()` (events are one-shot) and its `wait()` returns `None`
  where asyncio's returns `True`.
- anyio's `Semaphore` has no `locked()`.
- anyio's `Lock` may only be released by the task that acquired it; asyncio code that
  acquires in one method and releases in another raises once migrated.
- `anyio.Event()` cannot be created outside a running event loop before anyio 4.2 (on
  Debian's anyio 3.6.2: `sniffio._impl.AsyncLibraryNotFoundError`), so a module-level
  `EVENT = asyncio.Event()` is not migrated for older targets.
- `Condition.wait_for()` only exists from anyio 4.11.

## Example

`test-inputs/python/sync-primitives/basic.py`:

```python
@fixture basic.py 1-24
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 1-24
```

```text
6:22: AM103 [fixed] asyncio.Lock() -> anyio.Lock()
8:23: AM103 [fixed] asyncio.Semaphore(...) -> anyio.Semaphore(4)
9:21: AM103 [fixed] asyncio.BoundedSemaphore(...) -> anyio.Semaphore(2, max_value=2)
10:25: AM103 [fixed] asyncio.Semaphore() -> anyio.Semaphore(1)
11:24: AM103 [fixed] asyncio.Lock() -> anyio.Lock()
22:13: AM103 [fixed] asyncio.Event() -> anyio.Event()
9:22: AM103 [fixed] asyncio.Condition(...) -> anyio.Condition(self._lock)
```

## Flagged instead of rewritten

All flags are needs-review; `<Kind>` is `Lock`, `Event`, `Condition`, `Semaphore` or
`BoundedSemaphore`, `(line N)` names the blocking use.

- `asyncio.<Kind>(*args/**kwargs): migrate by hand`: the arguments are unpacked at run time.
- `asyncio.<Kind>(...) has comments inside its arguments`: the argument list is rebuilt, so the comments would be lost.
- `asyncio.Lock() with arguments: migrate by hand`, `asyncio.Event() with arguments: migrate by hand`: anything but `loop=`.
- `asyncio.<Kind>(loop=<expr>): binds the object to that loop before Python 3.10 and raises TypeError from 3.10 on; anyio's primitives take no loop`: any `loop=` but `None`.
- ``anyio.Condition(<lock>) needs an anyio.Lock, and `<lock>` is not known to be one (line N)``: the lock argument is a parameter, a kept `asyncio.Lock()`, or anything else not shown to be an `anyio.Lock` (line N: the binding or assignment that is not).
- `asyncio.Condition() with unexpected arguments`, `asyncio.Semaphore() with unexpected arguments`, `asyncio.BoundedSemaphore() with unexpected arguments`: more than one argument, or a keyword other than `lock=` / `value=`.
- ``asyncio.BoundedSemaphore(expr): anyio.Semaphore(n, max_value=n) would evaluate `<expr>` twice; assign it to a name first``: only literals and names are repeated.
- `asyncio.Event() outside a function: before anyio 4.2 (target is <version>) anyio.Event() can only be created while an event loop runs; create it lazily in async code, or target anyio 4.2`, and the same message
  beginning `asyncio.Event() in a synchronous function`, followed by what keeps it (above): below anyio 4.2 only
  a running task may create the Event; a synchronous function such as an `__init__` may be called at import time.
- ``asyncio.Event() in a synchronous function: no code of this run calls `<name>`, so where it runs cannot be told: ... (rewritten with --unsafe-fixes)``: an unsafe fix (above).
- `asyncio.<Kind>() kept: ` followed by the blocking use:
  - `Event.clear() does not exist in anyio (events are one-shot: create a new Event, or use anyio.Condition) (line N)`
  - ``Semaphore.locked() does not exist in anyio (use `.value == 0`) (line N)`` (also for `BoundedSemaphore`)
  - `Condition.wait_for() needs anyio 4.11 (target is <version>) (line N)`
  - `the private attribute .<name> is asyncio's implementation detail (line N)` (e.g. reading `sem._value`)
  - ``the value of `await <target>.wait()` is used; anyio's Event.wait() returns None, asyncio's returns True (line N)``
    (likewise `Condition.wait()` and the `acquire()` of every kind: `if await cond.wait():` and
    `got = await lock.acquire()` branch on asyncio's `True`; fixture `values_and_locks.py`)
  - `its text is used (line N): the repr of anyio's <Kind> differs from asyncio's`: the name is
    passed to `repr()`, `str()`, `ascii()`, `format()` or `print()`, or interpolated in an
    f-string (CPython's test_locks matches the repr; a log line would change)
  - `Lock.release() in a function that does not acquire it (line N): anyio locks can only be released by the task that acquired them`
    (also `Condition.release()`): the hand-over pattern, where one method acquires and
    another releases, raises at run time after migration
  - `a task waiting on it at line N may be cancelled through asyncio (<source> at line M); anyio's <Kind> hands a wake-up on and orders its waiters differently when a waiter is cancelled through asyncio; migrate that site first`
    (`Condition`, `Semaphore`, `BoundedSemaphore`; from the round's consistency check), or
    `its waiters cannot all be found (...), and the module still cancels through asyncio (<source>)`
  - `the asyncio.Condition() at line N built on it stays asyncio's (<why>); anyio's Lock cannot serve asyncio's Condition` (a `Lock`)
  - when the object is not assigned to a name or attribute (passed as an argument, stored in a container), its uses cannot be followed, so any `.clear()` / `.locked()` / `.wait_for()` in the module blocks it: `<reason above>; this <Kind> is not assigned to a name, so its uses cannot be followed (line N)`

From `test-inputs/python/sync-primitives/blocked.py`:

```python
@fixture blocked.py 1-48
```

```text
43:12: AM103 [fixed] asyncio.Lock() -> anyio.Lock()
4:16: AM103 [needs-review] asyncio.Event() outside a function: before anyio 4.2 (target is 4.0) anyio.Event() can only be created while an event loop runs; create it lazily in async code, or target anyio 4.2
9:23: AM103 [needs-review] asyncio.Event() in a synchronous function: before anyio 4.2 (target is 4.0) anyio.Event() can only be created while an event loop runs; create it lazily in async code, or target anyio 4.2
10:21: AM103 [needs-review] asyncio.Semaphore() kept: Semaphore.locked() does not exist in anyio (use `.value == 0`) (line 17)
11:25: AM103 [needs-review] asyncio.BoundedSemaphore(expr): anyio.Semaphore(n, max_value=n) would evaluate `size * 2` twice; assign it to a name first
21:10: AM103 [needs-review] asyncio.Event() kept: the value of `await ev.wait()` is used; anyio's Event.wait() returns None, asyncio's returns True (line 22)
27:12: AM103 [needs-review] asyncio.Condition() kept: Condition.wait_for() needs anyio 4.11 (target is 4.0) (line 29)
34:22: AM103 [needs-review] asyncio.Lock() kept: Lock.release() in a function that does not acquire it (line 40): anyio locks can only be released by the task that acquired them
```

## Fix safety

Safe under these conditions, all checked by the rule:

1. `Lock()` / `Event()` have no arguments besides `loop=None`; `Condition` has at most a lock,
   and that lock is an `anyio.Lock`;
   `Semaphore` / `BoundedSemaphore` at most a value, and a `BoundedSemaphore` value is a
   literal or a name.
2. No `*args` / `**kwargs` and no comments inside the argument list.
3. No use of the object in the module blocks it: `Event.clear()`, `Semaphore.locked()`,
   `Condition.wait_for()` below anyio 4.11, a private attribute, the value of
   `await event.wait()`, `await cond.wait()` or `await x.acquire()`, or a `Lock` / `Condition` `.release()` in a function that has no
   `.acquire()` of the same object. Uses are found by the assignment target's text
   (`self._lock`) in the whole module, or by name within the name's scope.
4. `Event()` is created inside an `async def`, or in a sync function shown to run only from async
   code (above), unless the target is anyio ≥ 4.2.
5. No task waiting on a `Condition` / `Semaphore` / `BoundedSemaphore` may be cancelled through
   asyncio by a source the round keeps (checked after the round, with the other rules' results).

6. The object lets no other task run where asyncio's would not, else the fix is unsafe
   (flagged ``asyncio.Lock(): `lock` may be acquired or waited on (line N): anyio's Lock.acquire()
   lets other tasks run even when it is free, asyncio's does not, so tasks may interleave
   differently ... (rewritten with --unsafe-fixes)``; only where the object is acquired or waited
   on, or handed on so its uses cannot be followed: a Lock only released or an Event only set is
   exact);
   with `--unsafe-fixes` rewritten, the message ending `(unsafe fix, opted in: <why>)`). asyncio's
   uncontended `Lock.acquire()`/`Semaphore.acquire()` and `Event.wait()` on a set event return
   without yielding; anyio 3.6.2's acquire ends with a checkpoint, its `Event.wait()` checkpoints
   after waiting (set or not), and anyio 4's when set. Behaviour program `lock_yield_refused.py`
   (four tasks of one gather): asyncio `['cache: locked', 'audit: runs', 'notifier: past the set
   event', 'metrics: runs']`, the session-start migration `['audit: runs', 'metrics: runs', 'cache:
   locked', 'notifier: past the set event']`. From anyio 4.5 `Lock` and `Semaphore` take
   `fast_acquire=True`, which skips that checkpoint when the lock is free: the rule writes it and the
   fix is exact (read from anyio 4.5's release, not run here: this machine has anyio 3.6.2).
   `Event` and `Condition` have no such option: unsafe at every target.

An `acquire()` and a `release()` in the same function run in the same task (a coroutine runs in
one task); a release in an async generator, which another task may resume, blocks the fix
(anyio's `Lock` and `Condition` may only be released by the task that acquired them; asyncio lets
any task release). Uses in other modules (an object created here and `.clear()`ed elsewhere) are not seen. Condition 4 is strict
below anyio 4.2: an `Event()` is migrated only where a task runs (an `async def`, or a sync
function only async code of the run calls), because an `Event()` in a plain function (such as an
`__init__` called at import time by a module-level `SERVICE = Service()`) would fail with
`sniffio._impl.AsyncLibraryNotFoundError` on anyio < 4.2.

## Target versions

`--target-anyio` (or `anyio>=X` in the project's `pyproject.toml`; default 4.0):

- ≥ 4.2: `asyncio.Event()` outside a function or in a synchronous function is migrated.
- ≥ 4.5: `Lock()` → `anyio.Lock(fast_acquire=True)`, `Semaphore(n)` → `anyio.Semaphore(n,
  fast_acquire=True)` (and `max_value=n` for a bounded one): exact, a safe fix. Below 4.5 they are
  unsafe fixes (condition 6).
- ≥ 4.11: a `Condition` whose `wait_for()` is used is migrated.

`test-inputs/python/sync-primitives/target_4_11.py` with `--target-anyio 4.11`:

```python
@fixture target_4_11.py 1-10
```

```python
@fixture target_4_11.expected.py 1-10
```
)md"},
    .calls = {"asyncio.Lock", "asyncio.Event", "asyncio.Condition", "asyncio.Semaphore", "asyncio.BoundedSemaphore",
     "asyncio.locks.Lock", "asyncio.locks.Event", "asyncio.locks.Condition", "asyncio.locks.Semaphore",
     "asyncio.locks.BoundedSemaphore"},
    .cases = {{.name = "a primitive", .then = planned<PrimitivePlan>(planPrimitive, primitiveCases())}}};

}  // namespace anymig::asyncio_to_anyio
