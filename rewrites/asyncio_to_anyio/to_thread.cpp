// AM210 to-thread: asyncio.to_thread(f, *a, **kw) and loop.run_in_executor(None, f, *a)
// (the loop from asyncio.get_event_loop() / get_running_loop(), inline or as a local
// name) -> anyio.to_thread.run_sync(f, *a); keywords are bound with functools.partial.
// A run_in_executor with an executor, or whose future is not awaited at once, is flagged.
#include "rewrites/asyncio_to_anyio/local_names.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kToThread;

namespace {

const char* kExecutorHint =
    "anyio runs blocking calls in its own worker threads: use `await anyio.to_thread.run_sync(func, *args)`, "
    "with `limiter=anyio.CapacityLimiter(n)` to bound them like the executor's max_workers";

// asyncio.to_thread(f, a, k=v) -> anyio.to_thread.run_sync(f, a) / (functools.partial(f, a, k=v)).
Outcome toThread(const CallSite& site, Context& ctx) {
    python::CallArgs a = ctx.args(site.arguments);
    if (!is(site.arguments, "argument_list") || (a.positional.empty() && !a.hasStar))
        return Flag{SiteStatus::NeedsReview, "asyncio.to_thread() without a function argument: migrate by hand"};
    if (a.positional.empty() || !python::sameNode(python::namedChildren(site.arguments)[0], a.positional[0]))
        return Flag{SiteStatus::NeedsReview,
                    "asyncio.to_thread(*args): cannot tell which argument is the function; use "
                    "anyio.to_thread.run_sync(func, *args)"};
    Rewrite r;
    r.fix.edits.push_back(replaceNode(site.callee, "anyio.to_thread.run_sync"));
    r.fix.imports.push_back("anyio");
    std::string fn = ctx.str(a.positional[0]);
    if (a.keywords.empty() && !a.hasDoubleStar) {
        r.message = "asyncio.to_thread(" + fn + ", ...) -> anyio.to_thread.run_sync(" + fn + ", ...)";
        return r;
    }
    // Keyword arguments cannot be passed through run_sync: bind everything with functools.partial.
    std::size_t close = endOf(site.arguments) - 1;
    r.fix.edits.push_back(replaceRange(beginOf(a.positional[0]), beginOf(a.positional[0]), "functools.partial("));
    r.fix.edits.push_back(replaceRange(close, close, ")"));
    r.fix.imports.push_back("functools");
    r.message = "asyncio.to_thread(" + fn + ", ..., key=...) -> anyio.to_thread.run_sync(functools.partial(" + fn +
                ", ..., key=...)): run_sync passes no keyword arguments";
    return r;
}

// `<loop>.run_in_executor(None, f, a)` -> `anyio.to_thread.run_sync(f, a)`: the fix, or the reason it is not one.
// `callee` is the whole `<loop>.run_in_executor` expression.
void executorCall(Context& ctx, TSNode call, TSNode callee, const std::string& loopText) {
    TSNode args = field(call, "arguments");
    python::CallArgs a = ctx.args(args);
    std::string what = loopText + ".run_in_executor()";
    if (!a.keywords.empty() || a.hasDoubleStar || a.positional.size() < 2) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + " with unusual arguments: use `await anyio.to_thread.run_sync(func, *args)`", "threads");
        return;
    }
    if (!is(a.positional[0], "none")) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + " with the executor `" + ctx.str(a.positional[0]) + "` is not migrated: " + kExecutorHint,
                 "threads");
        return;
    }
    if (isNull(awaitOf(ctx, call))) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + "'s future is not awaited where it is made: it starts the call at once, while "
                        "anyio.to_thread.run_sync() is a coroutine that starts when awaited; await it in a task group "
                        "(tg.start_soon(anyio.to_thread.run_sync, func, *args))",
                 "threads");
        return;
    }
    Fix fix;
    fix.edits.push_back(replaceNode(callee, "anyio.to_thread.run_sync"));
    fix.edits.push_back(replaceRange(beginOf(a.positional[0]), beginOf(a.positional[1]), ""));
    fix.imports.push_back("anyio");
    ctx.fixed(kToThread.info, call,
              what + " with the default executor -> anyio.to_thread.run_sync(" + ctx.str(a.positional[1]) +
                  (a.positional.size() > 2 || a.hasStar ? ", ...)" : ")"),
              fix);
}

Outcome loopSite(const CallSite& site, Context& ctx) {
    // Inline: asyncio.get_running_loop().run_in_executor(None, f, ...)
    TSNode attr = ctx.syntax.parent(site.call);
    if (is(attr, "attribute") && python::sameNode(field(attr, "object"), site.call) &&
        ctx.text(field(attr, "attribute")) == "run_in_executor") {
        TSNode call = ctx.syntax.parent(attr);
        if (is(call, "call") && python::sameNode(field(call, "function"), attr)) {
            executorCall(ctx, call, attr, ctx.str(site.call));
            ctx.claim(site.call);  // whatever came of it, the loop reference is accounted for here
            return Skip{};
        }
    }
    // A local name: loop = asyncio.get_running_loop(); ... await loop.run_in_executor(None, f)
    auto v = assignedName(ctx, site.call);
    if (!v) return Skip{};
    for (TSNode load : loadsOf(ctx, *v)) {
        auto use = methodCall(ctx, load);
        if (!use || use->method != "run_in_executor") continue;
        executorCall(ctx, use->call, use->attribute, v->name);
    }
    return Skip{};  // the loop variable itself is the event-loop rule's business (AM211)
}

}  // namespace

extern const PyRule kToThread{
    {"AM210", "to-thread", "threads",
     "Replace asyncio.to_thread() and loop.run_in_executor(None, ...) with anyio.to_thread.run_sync()",
     FixSafety::Conditional},
    {"asyncio.to_thread", "asyncio.threads.to_thread", "asyncio.get_event_loop", "asyncio.get_running_loop",
     "asyncio.events.get_event_loop", "asyncio.events.get_running_loop"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        if (member(site.qualified) == "to_thread") return toThread(site, ctx);
        return loopSite(site, ctx);
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
