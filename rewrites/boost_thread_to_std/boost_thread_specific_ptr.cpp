// AMC114 boost-thread-specific-ptr: boost::thread_specific_ptr has no direct std equivalent (thread_local needs manual work).
// thread_local replaces it only at namespace/static scope; per-object storage and custom
// cleanup functions have no std counterpart.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadSpecificPtr;
const RuleInfo kBoostThreadSpecificPtr{.id = "AMC114",
    .name = "boost-thread-specific-ptr",
    .category = "no-equivalent",
    .summary = "boost::thread_specific_ptr has no direct std equivalent (thread_local needs manual work)",
    .safety = FixSafety::ReviewOnly,
    .brief = R"md(boost::thread_specific_ptr has no direct std equivalent (thread_local needs manual work))md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-specific-ptr`

## What it does
Reports `boost::thread_specific_ptr<T>`.

## Why
`thread_local` replaces it only at namespace or static scope; per-object thread-specific storage and custom cleanup functions have no std equivalent (vcmi #2452; libbitcoin-network #387).

## Example
```cpp
static boost::thread_specific_ptr<int> counter;
```
Use instead:
```cpp
// by hand: static thread_local int counter;
```

## Fix safety
Review only (no-equivalent).
)md"};

// A table rule: the names with no std equivalent, each with its reason.
std::unique_ptr<CppRule> makeBoostThreadSpecificPtr() {
    static const std::vector<NoEquivalentName> names = {
        {"boost::thread_specific_ptr", nullptr, "no direct std equivalent: use a thread_local variable (namespace or static scope only); per-object storage and custom cleanup need manual work"},
    };
    return noEquivalentRule(kBoostThreadSpecificPtr, names, SiteStatus::NoEquivalent);
}


}  // namespace anymig::cpp
