// AMC116 boost-thread-attributes: thread attributes (stack size, native attributes) have no std equivalent.
// std::thread has no way to set a stack size or other creation attributes.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadAttributes;
const RuleInfo kBoostThreadAttributes{.id = "AMC116",
    .name = "boost-thread-attributes",
    .category = "no-equivalent",
    .summary = "thread attributes (stack size, native attributes) have no std equivalent",
    .safety = FixSafety::ReviewOnly,
    .brief = R"md(thread attributes (stack size, native attributes) have no std equivalent)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-attributes`

## What it does
Reports `boost::thread::attributes` / `thread_attributes` and `set_stack_size`; the file's boost::thread is kept.

## Why
std::thread cannot be created with a stack size or other native attributes.

## Example
```cpp
boost::thread::attributes a; a.set_stack_size(1 << 20);
```
Use instead:
```cpp
// keep boost::thread, or create the thread natively
```

## Fix safety
Review only (no-equivalent).
)md"};

// A table rule: the names with no std equivalent, each with its reason.
std::unique_ptr<CppRule> makeBoostThreadAttributes() {
    static constexpr const char* why = "std::thread cannot be created with attributes (stack size, native handle attributes); keep boost::thread here or create the thread natively";
    static const std::vector<NoEquivalentName> names = {
        {"boost::thread_attributes", "boost::thread", why},
        {"boost::thread::attributes", "boost::thread", why},
        {"boost::thread_attributes::set_stack_size", "boost::thread", why},
    };
    return noEquivalentRule(kBoostThreadAttributes, names, SiteStatus::NoEquivalent);
}

}  // namespace anymig::cpp
