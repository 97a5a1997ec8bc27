// What happens to awaitables run together (a gather's arguments, the tasks AM205 puts in one
// group) when one of them fails. asyncio.gather raises the first failure at once and leaves the
// others running, orphaned; asyncio cancels them only when asyncio.run() ends, once. A task group
// cancels them first (level-triggered), waits for them, and only then raises. So a rewrite is
// exact only when nothing can tell the two apart: the other awaitables' cancellation handlers
// behave the same under a cancelled scope, and the failure travels straight to the end of the
// program: no code on its way out awaits (the orphans would run on meanwhile), no code on its way
// runs beside a cleanup of the others (the order would change), and it does not end a task while
// the program goes on. Used by AM201 (gather) and AM205 (create-task).
#pragma once
#include <string>
#include <vector>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

struct SiblingFailure {
    // The site that makes the task group's behaviour observable ("" when none was found).
    std::string why;
    // Where it cannot be decided: the failure reaches code this module does not show (a function
    // with callers outside the module, a function used as a value). "" when every path was seen.
    std::string unseen;
};

// For the awaitables `awaitables` (argument expressions: calls are followed into the module's
// functions) started together at `site` (inside an async function).
SiblingFailure siblingFailure(const Context& ctx, TSNode site, const std::vector<TSNode>& awaitables);

}  // namespace anymig::asyncio_to_anyio
