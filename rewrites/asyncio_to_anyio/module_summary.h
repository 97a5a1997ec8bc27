// The pack's part of the cross-module model (matchers/python/run_summary.h): what the first
// pass of a run records about each module, and how the round's consistency check reads what it
// recorded about the modules a file imports.
#pragma once
#include <string>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

// Summarises one module: AM107 runs first (as in a real round, its completions count: a handler
// it migrates has its cleanup shielded), then each async function (module level, or a method
// of a module-level class) gets the first cancellation handler reached from its body that an
// anyio timeout would change (unsafeUnderAnyioTimeout), and the imported functions it reaches.
void summarizeModule(Context& ctx, const RuleSelection& rules, python::ModuleSummary& out);

// After the module's whole first round (asked for when it calls a function with a new shield, or
// a handler of asyncio.TimeoutError calls one of its functions): the asyncio cancellation source
// it keeps (remainingAsyncioCanceller), as its round fact, followed by one line per async
// function that still raises asyncio's TimeoutError after the round ("\n" kTimeoutLine name TAB
// what). roundCanceller reads the first part.
std::string summarizeModuleRound(Context& ctx);
// The asyncio cancellation source part of a round fact ("" when the module keeps none).
std::string roundCanceller(const std::string& fact);

// Why a new anyio shield at `site` would not hold because of another module of the run: a module
// that calls the function the shield is in (or a module function reaching it; through other
// modules' functions too, transitively; a method also by its name, called on an object whose class
// cannot be told) and still cancels through asyncio after its round. Names that module, its
// call's line and its canceller; "" when none.
std::string crossModuleCanceller(const Context& ctx, TSNode site);

// Why putting `region` under an anyio timeout would change behaviour through a call the module's
// own functions do not resolve: a function it reaches through an import (directly, through the
// module's own functions, or through other modules' functions) reaches a handler that would
// behave differently; or it calls a method on an object whose class cannot be told (a local, a
// parameter, `self.x`; here or in code it reaches in other modules) and an async method of that
// name in this module, or in a module of the run it imports (transitively) or that imports it,
// reaches such a handler (when in doubt, refuse).
// Names the call, the other file and its handler's line; "" when none.
std::string crossModuleHazard(const Context& ctx, TSNode region);

// The one notion of "a function that code outside the run may call" (and so cancel), shared by the
// rules: why code outside the run may call the module function `fn`, "" when only the run's code
// calls it. It is registered by a decorator (other than staticmethod/classmethod/property/
// abstractmethod), handed on as a value (a callback; not to anyio.run/trio.run/tg.start_soon/
// tg.start, whose cancellation the rules check), a protocol method (`__aexit__`, ...), or public
// (no leading underscore, in a public class) with no call in the module nor in a module of the run
// that imports it (a public function the run calls is taken as the run's own).
std::string outsideCaller(const Context& ctx, int fn);
// outsideCaller of the function `site` is in, or of one up its callers in the module
// (structured::walkCallerCalls), naming it; "" when none.
std::string outsideCallerOf(const Context& ctx, TSNode site);

// outsideAwaited over `region` (and `awaitables`), then through the functions of other modules of
// the run it awaits (their summaries' `outside`, transitively, as crossModuleHazard follows them):
// names the awaited call whose code is outside the run; "" when none.
std::string awaitsOutsideRun(const Context& ctx, const std::vector<TSNode>& awaitables, TSNode region);

// Before Python 3.11, what may raise asyncio's TimeoutError into `region` from another module of
// the run: a function it reaches through an import (directly, through the module's own functions,
// or other modules' functions, transitively) that raises it (AsyncioTimeouts), or a method named
// like one called there on an object whose class cannot be told (in this module or a related
// one, as crossModuleHazard). Names the call, the other file and the source; "" when none.
std::string crossModuleAsyncioTimeout(const Context& ctx, TSNode region);

// A handler that catches a cancellation and keeps its task running after it (awaits or swallows
// it), in a function of another module of the run `region` reaches (as crossModuleAsyncioTimeout):
// names the call, the other file and the handler; "" when none.
std::string crossModuleKeepsRunning(const Context& ctx, TSNode region);
// The same for the imported function `target` itself (`anyio.run(serve)`: an absolute name).
std::string crossModuleKeepsRunning(const Context& ctx, const std::string& target);

// A task with cleanup that a function of another module of the run `region` reaches starts (as
// crossModuleKeepsRunning): `asyncio.create_task`/`ensure_future`/`<loop>.create_task` of a
// coroutine whose code reaches a handler catching the cancellation (or cannot be told). Names the
// call, the other file and the task; "" when none. (AM211: a hand-driven loop leaves it pending,
// anyio.run() cancels it and runs that cleanup.)
std::string crossModuleTask(const Context& ctx, TSNode region);

// A module of the run that calls the function `site` is in (or a module function reaching it;
// through other modules' functions too, transitively; a method also by its name, called on an
// object whose class cannot be told) inside a try statement with except clauses, so a failure
// raised at `site` is caught there: "`pkg.mod.f` is called from path inside try/except (line N)",
// or "" when none.
std::string crossModuleCatcher(const Context& ctx, TSNode site);

}  // namespace anymig::asyncio_to_anyio
