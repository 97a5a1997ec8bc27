// AMC105 boost-barrier-latch: boost::barrier and boost::latch are flagged with the C++20 std type and how it differs.
// std::barrier/std::latch exist only from C++20 and behave differently: reported, never rewritten.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostBarrierLatch;
const RuleInfo kBoostBarrierLatch{.id = "AMC105",
    .name = "boost-barrier-latch",
    .category = "sync-primitive",
    .summary = "boost::barrier and boost::latch are flagged with the C++20 std type and how it differs",
    .safety = FixSafety::ReviewOnly,
    .brief = R"md(flagged with the C++20 std type and its differences)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-barrier-latch`

## What it does
Reports `boost::barrier` and `boost::latch` with the C++20 std type and how it differs. Never rewrites.

## Why
`std::barrier::arrive_and_wait()` returns void where `boost::barrier::wait()` returns true in exactly one thread, and the completion function runs per phase; `std::latch` has no `wait_for`, `wait_until` or `reset`. Both need C++20.

## Example
```cpp
boost::barrier b(4);
if (b.wait()) leader();
```
Use instead:
```cpp
// by hand: std::barrier b(4, [] { leader(); });
// b.arrive_and_wait();
```

## Fix safety
Review only (needs-review).
)md"};

// A table rule: the names with no std equivalent, each with its reason.
std::unique_ptr<CppRule> makeBoostBarrierLatch() {
    static const std::vector<NoEquivalentName> names = {
        {"boost::barrier", nullptr, "std::barrier (C++20, <barrier>) differs: arrive_and_wait() returns void where boost::barrier::wait() returns true in exactly one thread, and the completion function runs once per phase; port by hand"},
        {"boost::latch", nullptr, "std::latch (C++20, <latch>) has count_down/wait/try_wait/arrive_and_wait but no wait_for, wait_until or reset; port by hand"},
    };
    return noEquivalentRule(kBoostBarrierLatch, names, SiteStatus::NeedsReview);
}


}  // namespace anymig::cpp
