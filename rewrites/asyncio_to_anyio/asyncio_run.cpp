// AM102 asyncio-run: asyncio.run(main(a, b)) -> anyio.run(main, a, b). anyio.run takes
// the coroutine function and its positional arguments, never a coroutine object.
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kAsyncioRun{
    {"AM102", "asyncio-run", "run", "Replace asyncio.run(main(...)) with anyio.run(main, ...)",
     FixSafety::Safe},
    {"asyncio.run"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        python::CallArgs outer = ctx.args(site.arguments);
        if (!isNull(outer.keyword("debug", ctx.syntax)))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.run(..., debug=...): anyio has no portable debug switch; use "
                        "anyio.run(main, backend_options={\"debug\": True}) on the asyncio backend only"};
        if (!outer.keywords.empty() || outer.hasStar || outer.hasDoubleStar || outer.positional.size() != 1)
            return Flag{SiteStatus::NeedsReview, "asyncio.run() with unusual arguments: migrate by hand"};
        TSNode coro = outer.positional[0];
        if (!is(coro, "call") || !is(field(coro, "arguments"), "argument_list"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.run(coro) is given a coroutine object; anyio.run() needs the coroutine function "
                        "and its arguments: anyio.run(func, *args)"};
        TSNode fn = field(coro, "function");
        TSNode inner = field(coro, "arguments");
        python::CallArgs ia = ctx.args(inner);
        Rewrite r;
        r.fix.edits.push_back(replaceNode(site.callee, "anyio.run"));
        r.fix.imports.push_back("anyio");
        // The argument list's parentheses: "(" at its start, ")" at its end.
        std::size_t open = python::beginOf(inner), close = python::endOf(inner) - 1;
        bool empty = ia.positional.empty() && ia.keywords.empty() && !ia.hasStar && !ia.hasDoubleStar;
        if (ia.keywords.empty() && !ia.hasDoubleStar) {
            if (empty) {
                r.fix.edits.push_back(replaceRange(open, close + 1, ""));  // main() -> main
            } else {
                // main(a, b) -> main, a, b (no trailing space when the arguments start on the next line)
                const std::string& t = ctx.source.text();
                bool lineBreak = open + 1 < t.size() && (t[open + 1] == '\n' || t[open + 1] == '\r');
                r.fix.edits.push_back(replaceRange(open, open + 1, lineBreak ? "," : ", "));
                r.fix.edits.push_back(replaceRange(close, close + 1, ""));
            }
            r.message = "asyncio.run(" + ctx.str(fn) + "(...)) -> anyio.run(" + ctx.str(fn) +
                        (empty ? ")" : ", ...)") + ": anyio.run takes the function, not a coroutine";
        } else {
            // Keyword arguments cannot be passed through anyio.run: bind them with functools.partial.
            r.fix.edits.push_back(replaceRange(python::beginOf(fn), python::beginOf(fn), "functools.partial("));
            r.fix.edits.push_back(replaceRange(open, open + 1, ", "));
            r.fix.imports.push_back("functools");
            r.message = "asyncio.run(" + ctx.str(fn) + "(..., key=...)) -> anyio.run(functools.partial(" +
                        ctx.str(fn) + ", ..., key=...)): anyio.run passes no keyword arguments";
        }
        return r;
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
