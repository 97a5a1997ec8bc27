// AMC115 boost-thread-timed-join: thread::timed_join/try_join_for/try_join_until have no std equivalent.
// std::thread can only join without a timeout; emulate with a promise/future or a condition variable.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadTimedJoin;
const RuleInfo kBoostThreadTimedJoin{.id = "AMC115",
    .name = "boost-thread-timed-join",
    .category = "no-equivalent",
    .summary = "thread::timed_join/try_join_for/try_join_until have no std equivalent",
    .safety = FixSafety::ReviewOnly,
    .brief = R"md(thread::timed_join/try_join_for/try_join_until have no std equivalent)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-timed-join`

## What it does
Reports `thread::timed_join`, `try_join_for` and `try_join_until`; the file's boost::thread is kept.

## Why
std::thread can only join without a timeout; emulate with a promise/future or a condition variable (vcmi #2452 left this unsolved).

## Example
```cpp
if (!t.timed_join(boost::posix_time::seconds(5))) log();
```
Use instead:
```cpp
// by hand: signal completion through a std::promise and wait_for on its future
```

## Fix safety
Review only (no-equivalent).
)md"};

// A table rule: the names with no std equivalent, each with its reason.
std::unique_ptr<CppRule> makeBoostThreadTimedJoin() {
    static constexpr const char* why = "std::thread cannot join with a timeout; signal completion with a std::promise/std::future or a condition variable and wait on that";
    static const std::vector<NoEquivalentName> names = {
        {"boost::thread::timed_join", "boost::thread", why},
        {"boost::thread::try_join_for", "boost::thread", why},
        {"boost::thread::try_join_until", "boost::thread", why},
    };
    return noEquivalentRule(kBoostThreadTimedJoin, names, SiteStatus::NoEquivalent);
}

}  // namespace anymig::cpp
