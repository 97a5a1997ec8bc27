// AMC117 boost-future-continuations: future continuations (then, when_all, when_any, unwrap, is_ready...) have no std equivalent.
// A file that uses them keeps its Boost futures (boost-future does not rename them).
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostFutureContinuations;
const RuleInfo kBoostFutureContinuations{.id = "AMC117",
    .name = "boost-future-continuations",
    .category = "no-equivalent",
    .summary = "future continuations (then, when_all, when_any, unwrap, is_ready...) have no std equivalent",
    .safety = FixSafety::ReviewOnly,
    .brief = R"md(future continuations (then, when_all, when_any, unwrap, is_ready...) have no std equivalent)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-future-continuations`

## What it does
Reports `future::then`, `when_all`, `when_any`, `unwrap`, `make_ready_future`, `is_ready`, `has_value`, `has_exception`, `get_state`; the file's Boost futures are kept.

## Why
std::future has no continuations or readiness queries.

## Example
```cpp
f.then([](boost::future<int> r) { use(r.get()); });
```
Use instead:
```cpp
// by hand: restructure (a thread that waits, or a callback)
```

## Fix safety
Review only (no-equivalent).
)md"};

// A table rule: the names with no std equivalent, each with its reason.
std::unique_ptr<CppRule> makeBoostFutureContinuations() {
    static constexpr const char* why = "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand";
    static const std::vector<NoEquivalentName> names = {
        {"boost::future::then", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::shared_future::then", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::future::unwrap", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::when_all", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::when_any", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::make_ready_future", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::make_exceptional_future", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::detail::basic_future::is_ready", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::detail::basic_future::has_value", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::detail::basic_future::has_exception", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
        {"boost::detail::basic_future::get_state", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", why},
    };
    return noEquivalentRule(kBoostFutureContinuations, names, SiteStatus::NoEquivalent);
}

}  // namespace anymig::cpp
