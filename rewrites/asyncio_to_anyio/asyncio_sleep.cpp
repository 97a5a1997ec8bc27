// AM101 asyncio-sleep: asyncio.sleep(d) -> anyio.sleep(d).
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kAsyncioSleep{
    {"AM101", "asyncio-sleep", "sleep", "Replace asyncio.sleep(delay) with anyio.sleep(delay)", FixSafety::Safe},
    {"asyncio.sleep"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        python::CallArgs a = ctx.args(site.arguments);
        if (a.positional.size() > 1 || !isNull(a.keyword("result", ctx.syntax)))
            return Flag{SiteStatus::NoEquivalent,
                        "asyncio.sleep(delay, result) has no anyio equivalent: anyio.sleep() always returns None"};
        if (a.hasStar || a.hasDoubleStar)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.sleep(*args/**kwargs): cannot tell whether a `result` argument is passed"};
        return renameCallee(site, "anyio.sleep", "anyio", "asyncio.sleep() -> anyio.sleep()");
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
