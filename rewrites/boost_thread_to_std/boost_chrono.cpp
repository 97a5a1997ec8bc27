// AMC103 boost-chrono: boost::chrono durations, clocks and casts -> std::chrono.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostChrono;
const RuleInfo kBoostChrono{.id = "AMC103",
    .name = "boost-chrono",
    .category = "sleep",
    .summary = "boost::chrono durations, clocks and casts become std::chrono",
    .safety = FixSafety::Safe,
    .brief = R"md(`boost::chrono::*` → `std::chrono::*`)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-chrono`

## What it does
`boost::chrono` durations, clocks, `time_point`, `duration_cast` and `time_point_cast` become their `std::chrono` counterparts, wherever they are written (including qualifiers such as `boost::chrono::steady_clock::now()`).

## Why
Boost.Chrono was the pre-C++11 stand-in for `<chrono>`; the APIs are the same. Bitcoin (#18264) and BitcoinUnlimited (#1553) did chrono and thread together because thread sleeping requires both.

## Example
```cpp
boost::chrono::milliseconds d(5);
```
Use instead:
```cpp
std::chrono::milliseconds d(5);
```

## Fix safety
Safe. Blocked in files that use interruption (the durations feed Boost sleeps and waits that stay).
)md"};

namespace {
class BoostChronoRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostChrono; }
    void finish(Engine& e) override {
        static const std::vector<Rename> table = {
            {"boost::chrono::nanoseconds", "std::chrono::nanoseconds", "<chrono>"},
            {"boost::chrono::microseconds", "std::chrono::microseconds", "<chrono>"},
            {"boost::chrono::milliseconds", "std::chrono::milliseconds", "<chrono>"},
            {"boost::chrono::seconds", "std::chrono::seconds", "<chrono>"},
            {"boost::chrono::minutes", "std::chrono::minutes", "<chrono>"},
            {"boost::chrono::hours", "std::chrono::hours", "<chrono>"},
            {"boost::chrono::duration", "std::chrono::duration", "<chrono>"},
            {"boost::chrono::time_point", "std::chrono::time_point", "<chrono>"},
            {"boost::chrono::steady_clock", "std::chrono::steady_clock", "<chrono>"},
            {"boost::chrono::system_clock", "std::chrono::system_clock", "<chrono>"},
            {"boost::chrono::high_resolution_clock", "std::chrono::high_resolution_clock", "<chrono>"},
            {"boost::chrono::duration_cast", "std::chrono::duration_cast", "<chrono>"},
            {"boost::chrono::time_point_cast", "std::chrono::time_point_cast", "<chrono>"},
        };
        e.renameRefs(info(), table);
    }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostChrono() { return std::make_unique<BoostChronoRule>(); }

}  // namespace anymig::cpp
