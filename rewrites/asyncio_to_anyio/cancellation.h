// What cancellation means in asyncio and anyio, for the rules and for the round's
// consistency check: which handlers catch a cancellation, which of their awaits are not
// shielded, and which asyncio cancellation sources a module still has.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

// The handler catches a cancellation: `except asyncio.CancelledError` (also in a tuple),
// `except anyio.get_cancelled_exc_class()`, `except BaseException`, bare `except:`, or is a
// `finally` block.
bool catchesCancellation(const Context& ctx, const python::HandlerInfo& h);
// The handler's awaits (and async with/for) that are not inside a shielded anyio scope
// (`with anyio.CancelScope(shield=True):`, or move_on_after/fail_after with shield=True).
std::vector<TSNode> unshieldedAwaits(const Context& ctx, const python::HandlerInfo& h);
// The handler whose clause is `clause` (null when there is none).
const python::HandlerInfo* handlerOf(const Context& ctx, TSNode clause);

// "the `finally` block at line N in `f`", "the cancellation handler at line N in `f`",
// "`C.__aexit__` at line N (left by an `async with`)": how messages name a handler.
std::string handlerWhere(const Context& ctx, const python::HandlerInfo& h);
// Why the handler `h` would behave differently when `canceller` (an anyio cancel scope:
// "anyio's timeout") cancels the code that reaches it, "" when it would not: it awaits outside
// a shielded scope (level-triggered: the await is cancelled again), or it swallows the
// cancellation (`swallowed` says what that changes). A handler AM107 migrates in this round is
// fine.
std::string unsafeUnderAnyioCancel(const Context& ctx, const python::HandlerInfo& h, std::string_view canceller,
                                   std::string_view swallowed);

// unsafeUnderAnyioCancel for an anyio timeout (AM202's and AM203's fail_after).
std::string unsafeUnderAnyioTimeout(const Context& ctx, const python::HandlerInfo& h);

// An asyncio cancellation source left in the module after this round (a kept wait_for,
// timeout, create_task, ensure_future or TaskGroup, a `.cancel()` call that is not a loop
// callback handle's or an anyio scope's): "what (line N)", or "" when there is none.
std::string remainingAsyncioCanceller(const Context& ctx);
// The first of those whose cancellation may reach `site` (a new shield): a kept wait_for,
// create_task or ensure_future of a call only when that call's code may reach it, a kept
// `async with asyncio.timeout()` only when its body may; the others always. "" when none.
std::string asyncioCancellerReaching(const Context& ctx, TSNode site);

// Why `TimeoutError` at the asyncio.TimeoutError reference `ref` would not name the builtin
// class ("" when it would): the name is imported from asyncio (`from asyncio import
// TimeoutError`) or bound to something else in scope. AM106 keeps such a reference; before
// Python 3.11 AM202 then keeps a wait_for the handler is around.
std::string timeoutNameTaken(const Context& ctx, const python::Reference& ref);

// Where the module's code raises asyncio's TimeoutError (before Python 3.11 not the builtin
// class that anyio's timeouts raise) without catching it in the same function: a kept
// `asyncio.wait_for`/`asyncio.timeout`/`asyncio.timeout_at`, `raise asyncio.TimeoutError`, or a
// library function of native_cancellers.def (async-timeout, asyncpg's compat.wait_for, ...: each
// raises asyncio's class on expiry). Computed once per module and round (module_summary.cpp
// and AM106 read it).
struct AsyncioTimeouts {
    std::vector<std::pair<TSNode, std::string>> sites;  // each source: its node, "what (line N)"
    std::vector<std::string> byFunction;                // the first source in each module function
};
AsyncioTimeouts asyncioTimeoutSources(const Context& ctx);
// A call inside `region` (or in a module function it reaches, for untyped methods) that may raise
// asyncio's TimeoutError from a library of native_cancellers.def's second table that the module
// uses (aiohttp, asyncpg, ...): a function of that library, or a method called and awaited
// (`await`, `async with`, `async for`) on an object whose class the model cannot tell (it may be
// the library's). Names the call; "" when none.
std::string libraryTimeoutClass(const Context& ctx, TSNode region);
// The first of those inside `region` or in a module function it reaches: "what (line N)" or "".
std::string asyncioTimeoutReaching(const Context& ctx, const AsyncioTimeouts& t, TSNode region);

// The first call `<var>.<m>()` (m one of `methods`: "get", "set", "reset") on a module-level context
// variable (`var = contextvars.ContextVar(...)`) inside one of `ranges` (byte ranges: a function's
// body, an awaitable): "`var.get()` of a ContextVar (line N)", or "" when none.
std::string contextVarCall(const Context& ctx, const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                           const std::vector<std::string_view>& methods);
// The byte ranges of `region` and of every module function it reaches (Semantics::reachableFrom).
std::vector<std::pair<std::size_t, std::size_t>> reachedRanges(const Context& ctx, TSNode region);

// What outsideAwaited leaves to the run's summaries: imported functions of other modules of the
// run the code awaits, and methods it awaits on objects whose class cannot be told (by name).
struct AwaitedElsewhere {
    struct Call {
        std::string name;   // "pkg.mod.f", or the method's name
        std::string quote;  // "`call(...)` (line N)"
        bool local = false;  // a method: a class of this module has an async method of that name
    };
    std::vector<Call> imports, methods;
    bool summary = false;  // computing a module's summary (no run at hand): defer every imported name
};

// The first awaited thing in `awaitables` (expressions the timed-out code awaits, e.g. wait_for's
// awaitable), in `region`, or in the module functions it reaches (`await x`, an `async with` item,
// an `async for` iterable, what asyncio.gather/shield/ensure_future/create_task are handed, the
// calls of tasks it awaits) whose code is not known: a function outside the run, a value whose
// code cannot be told. Known: module functions and module classes (their code is searched), calls
// this round migrates to anyio, anyio's and trio's own, futures, awaits in a shielded scope or a
// cleanup AM107 shields, and a short table of asyncio's (sleep, to_thread, wait, timeout; Event.wait,
// Lock/Semaphore acquire and `async with`, Queue.get/put/join, loop.run_in_executor on an object
// assigned from their constructor: read in CPython 3.11, no handler awaits or swallows a
// cancellation). With `elsewhere`, imported functions of other modules of the run and methods of
// untyped objects are put there for the run's summaries (awaitsOutsideRun); without, a method
// named like an async method of the module's classes is taken as those. "`what` (line N), why" or "".
std::string outsideAwaited(const Context& ctx, const std::vector<TSNode>& awaitables, TSNode region,
                           AwaitedElsewhere* elsewhere);

// The consistency check over the combined result of a round (registered with the front end).
void checkRound(Context& ctx);

}  // namespace anymig::asyncio_to_anyio
