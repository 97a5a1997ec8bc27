// AMC113 boost-thread-interruption: thread interruption (interrupt, interruption_point, disable_interruption) has no std equivalent.
// No C++ standard has interruption; C++20 std::jthread + std::stop_token is the nearest, and
// switching changes which waits wake up. A file that uses interruption keeps its Boost threads,
// condition variables and sleeps (they are interruption points).
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadInterruption;
const RuleInfo kBoostThreadInterruption{.id = "AMC113",
    .name = "boost-thread-interruption",
    .category = "no-equivalent",
    .summary = "thread interruption (interrupt, interruption_point, disable_interruption) has no std equivalent",
    .safety = FixSafety::ReviewOnly,
    .brief = R"md(thread interruption (interrupt, interruption_point, disable_interruption) has no std equivalent)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-interruption`

## What it does
Reports `thread::interrupt()`, `thread_group::interrupt_all()`, `this_thread::interruption_point()`, `interruption_requested/enabled`, `disable_interruption`, `restore_interruption` and `thread_interrupted`. In such a file the threads, condition variables, mutexes, locks, chrono durations and sleeps stay Boost (they are interruption points).

## Why
No C++ standard has interruption (Bitcoin #17307); C++20 `std::jthread` + `std::stop_token` + `condition_variable_any::wait(lk, token, pred)` is the nearest, and switching changes which waits wake up (Bitcoin #18234 had to call stop() before join_all()).

## Example
```cpp
t.interrupt();
```
Use instead:
```cpp
// no equivalent: redesign cancellation (std::jthread/std::stop_token)
```

## Fix safety
Review only (no-equivalent).
)md"};

// A table rule: the names with no std equivalent, each with its reason.
std::unique_ptr<CppRule> makeBoostThreadInterruption() {
    static constexpr const char* why = "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand";
    static const std::vector<NoEquivalentName> names = {
        {"boost::thread::interrupt", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
        {"boost::thread::interruption_requested", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
        {"boost::thread_group::interrupt_all", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
        {"boost::this_thread::interruption_point", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
        {"boost::this_thread::interruption_requested", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
        {"boost::this_thread::interruption_enabled", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
        {"boost::this_thread::disable_interruption", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
        {"boost::this_thread::restore_interruption", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
        {"boost::thread_interrupted", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", why},
    };
    return noEquivalentRule(kBoostThreadInterruption, names, SiteStatus::NoEquivalent);
}

}  // namespace anymig::cpp
