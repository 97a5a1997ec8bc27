// AM203 timeouts: `async with asyncio.timeout(t):` -> `with anyio.fail_after(t):` (a None delay
// means no timeout in both). asyncio.timeout_at(when) is flagged: its deadline is on the
// asyncio loop clock and anyio has no released fail_at().
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

using namespace structured;

extern const PyRule kTimeouts{
    {"AM203", "timeouts", "wait-for", "Replace async with asyncio.timeout(t) with with anyio.fail_after(t)",
     FixSafety::Conditional},
    {"asyncio.timeout", "asyncio.timeouts.timeout", "asyncio.timeout_at", "asyncio.timeouts.timeout_at"},
    [](const CallSite& site, Context& ctx) -> Outcome {
        if (member(site.qualified) == "timeout_at")
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout_at(when) takes a deadline on the asyncio loop clock, and anyio has no "
                        "fail_at() in released versions: use `with anyio.fail_after(when - anyio.current_time()):` "
                        "with `when` computed from anyio.current_time()"};
        python::CallArgs a = ctx.args(site.arguments);
        bool oneArg = (a.positional.size() == 1 && a.keywords.empty()) ||
                      (a.positional.empty() && a.keywords.size() == 1 &&
                       ctx.text(field(a.keywords[0], "name")) == "delay");
        if (!oneArg || a.hasStar || a.hasDoubleStar || a.hasComment)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() with unusual arguments: migrate by hand to `with anyio.fail_after(t):`"};
        TSNode item = ctx.syntax.parent(site.call);
        if (is(item, "as_pattern"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() bound with `as`: the asyncio Timeout object (reschedule(), expired(), "
                        "when()) has no anyio equivalent; use `with anyio.fail_after(t) as scope:` and its "
                        "`deadline` / `cancel_called` attributes"};
        TSNode clause = ctx.syntax.parent(item);
        TSNode with = ctx.syntax.parent(clause);
        if (!is(item, "with_item") || !is(with, "with_statement"))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() not used directly in `async with`: migrate by hand to "
                        "`with anyio.fail_after(t):`"};
        TSNode asyncTok{};
        for (TSNode c : python::children(with))
            if (python::type(c) == "async") asyncTok = c;
        if (isNull(asyncTok))
            return Flag{SiteStatus::NeedsReview, "asyncio.timeout() in a plain `with`: it is an async context manager"};
        if (python::namedChildren(clause).size() != 1)
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() shares its `async with` with other context managers: anyio.fail_after() "
                        "is a plain `with`; split the statement first"};
        if (containsType(field(with, "body"), {"yield"}))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio.timeout() block contains `yield`: an anyio cancel scope must not be suspended "
                        "across a yield in an async generator; restructure first"};
        // "async with" -> "with": drop the keyword and the blanks after it.
        std::size_t b = python::beginOf(asyncTok), e = python::endOf(asyncTok);
        const std::string& text = ctx.source.text();
        while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) ++e;
        Rewrite r;
        r.fix.edits.push_back(replaceRange(b, e, ""));
        r.fix.edits.push_back(replaceNode(site.callee, "anyio.fail_after"));
        r.fix.imports.push_back("anyio");
        r.message = "async with asyncio.timeout(t) -> with anyio.fail_after(t) (raises TimeoutError; a plain `with`)";
        return r;
    },
    {}};

}  // namespace anymig::asyncio_to_anyio
