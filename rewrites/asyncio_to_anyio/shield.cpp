// AM206 shield: `await asyncio.shield(aw)` as a whole statement -> the await inside
// `with anyio.CancelScope(shield=True):`, followed by `await anyio.lowlevel.checkpoint()` so
// that a cancellation (or an expired fail_after deadline) that arrived during the shielded
// work is delivered right after it, as asyncio does, on every anyio version. An awaited shield
// inside a larger expression calls the generated module helper `_anymig_shield(aw)` (the same
// statements in a function). The round's check (cancellation.cpp) backs the rewrite out while
// the module still cancels through asyncio: anyio's shield does not stop that.
#include "rewrites/asyncio_to_anyio/helpers.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

using namespace structured;

extern const PyRule kShield{
    {"AM206", "shield", "shield",
     "Replace statement-level await asyncio.shield(aw) with a shielded anyio.CancelScope",
     FixSafety::Conditional},
    {"asyncio.shield", "asyncio.tasks.shield"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        python::CallArgs a = ctx.args(site.arguments);
        if (a.hasStar || a.hasDoubleStar || a.positional.size() != 1 || !a.keywords.empty())
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.shield() with unusual arguments: migrate by hand to "
                        "`with anyio.CancelScope(shield=True): await aw`"};
        if (a.hasComment)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.shield(...) has comments inside its arguments: migrate by hand to "
                        "`with anyio.CancelScope(shield=True): await aw` so they are kept"};
        if (!inAsyncFunction(ctx, site.call))
            return Flag{SiteStatus::NeedsReview, "asyncio.shield() outside an async function: migrate by hand"};
        auto stmt = awaitStatement(ctx, site.call);
        if (!stmt && is(ctx.syntax.parent(site.call), "await") &&
            helperNameBlocked(ctx, site.call, kShieldHelper).empty()) {
            Rewrite r;
            r.fix.edits.push_back(replaceNode(site.callee, kShieldHelper));
            r.fix.imports.push_back("anyio");
            r.message = "asyncio.shield(aw) -> _anymig_shield(aw), a generated module helper that awaits aw in "
                        "`with anyio.CancelScope(shield=True):`, then checkpoints (" +
                        notStatementReason(ctx, site.call) + ")";
            return r;
        }
        if (!stmt)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.shield() kept: " + notStatementReason(ctx, site.call) +
                            "; use `with anyio.CancelScope(shield=True): value = await aw` and use `value` after "
                            "the block (note: anyio shields the current task, it starts no new task)"};
        std::set<std::string> taken;
        std::string hoist = stmt->kind == AwaitStatement::Return ? freshName(ctx, site.call, "result", taken) : "";
        Rewrite r;
        r.fix.edits = wrapAwaitStatement(ctx, *stmt, site.call, a.positional[0], "with anyio.CancelScope(shield=True)",
                                         hoist, {"await anyio.lowlevel.checkpoint()"});
        r.fix.imports.push_back("anyio");
        r.message = "await asyncio.shield(aw) -> with anyio.CancelScope(shield=True): await aw, then a checkpoint "
                    "(the awaitable now runs in the current task; a cancellation waits until it finishes)";
        return r;
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
