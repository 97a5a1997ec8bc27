// AM104 coroutine-detection: asyncio.iscoroutinefunction / asyncio.iscoroutine -> inspect.
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kCoroutineDetection{
    {"AM104", "coroutine-detection", "coroutine-detection",
     "Replace asyncio.iscoroutinefunction/iscoroutine with the inspect module's", FixSafety::Conditional},
    {"asyncio.iscoroutinefunction", "asyncio.iscoroutine", "asyncio.coroutines.iscoroutinefunction",
     "asyncio.coroutines.iscoroutine"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        std::string name = member(site.qualified);
        return renameCallee(site, "inspect." + name, "inspect",
                            "asyncio." + name + "() -> inspect." + name + "()");
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
