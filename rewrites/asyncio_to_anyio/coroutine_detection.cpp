// AM104 coroutine-detection: asyncio.iscoroutinefunction -> inspect.iscoroutinefunction.
// asyncio.iscoroutine(x) -> inspect.iscoroutine(x) only with --unsafe-fixes: asyncio's also
// accepts generators and any collections.abc.Coroutine (Cython coroutines, registered
// classes); inspect's accepts native coroutine objects only (CPython's own test suite
// checks asyncio.iscoroutine(FakeCoro()) is True, which inspect's would make False).
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kCoroutineDetection{
    {"AM104", "coroutine-detection", "coroutine-detection",
     "Replace asyncio.iscoroutinefunction (and, opted in, iscoroutine) with the inspect module's",
     FixSafety::Conditional},
    {"asyncio.iscoroutinefunction", "asyncio.iscoroutine", "asyncio.coroutines.iscoroutinefunction",
     "asyncio.coroutines.iscoroutine"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        std::string name = member(site.qualified);
        if (name == "iscoroutine" && !ctx.unsafeFixes())
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.iscoroutine() also accepts generators and any collections.abc.Coroutine; "
                        "inspect.iscoroutine() only native coroutines: use inspect.iscoroutine(x) if x is always "
                        "native, else isinstance(x, collections.abc.Coroutine) (rewritten with --unsafe-fixes)"};
        return renameCallee(site, "inspect." + name, "inspect",
                            "asyncio." + name + "() -> inspect." + name + "()" +
                                (name == "iscoroutine" ? " (unsafe fix, opted in)" : ""));
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
