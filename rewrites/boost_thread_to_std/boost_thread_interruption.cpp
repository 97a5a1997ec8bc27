// AMC113 boost-thread-interruption: thread interruption (interrupt, interruption_point, disable_interruption) has no std equivalent.
// No C++ standard has interruption; C++20 std::jthread + std::stop_token is the nearest, and
// switching changes which waits wake up. A file that uses interruption keeps its Boost threads,
// condition variables and sleeps (they are interruption points).
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadInterruption;
const RuleInfo kBoostThreadInterruption{"AMC113", "boost-thread-interruption", "no-equivalent",
    "thread interruption (interrupt, interruption_point, disable_interruption) has no std equivalent", FixSafety::ReviewOnly};

namespace {
const std::vector<NoEquivalentName>& namesBoostThreadInterruption() {
    static const std::vector<NoEquivalentName> names = {
            {"boost::thread::interrupt", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
            {"boost::thread::interruption_requested", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
            {"boost::thread_group::interrupt_all", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
            {"boost::this_thread::interruption_point", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
            {"boost::this_thread::interruption_requested", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
            {"boost::this_thread::interruption_enabled", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
            {"boost::this_thread::disable_interruption", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
            {"boost::this_thread::restore_interruption", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
            {"boost::thread_interrupted", "boost::thread,boost::thread_group,boost::condition_variable,boost::condition_variable_any,boost::this_thread::sleep_for,boost::this_thread::sleep_until,boost::this_thread::sleep,boost::chrono,boost::mutex,boost::unique_lock", "interruption has no std equivalent (C++20 std::jthread + std::stop_token + condition_variable_any::wait(lk, token, pred) is the nearest); redesign cancellation by hand"},
    };
    return names;
}

class BoostThreadInterruptionRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadInterruption; }
    void prepare(Engine& e) override { blockNoEquivalent(e, namesBoostThreadInterruption()); }
    void finish(Engine& e) override { flagNoEquivalent(e, info(), namesBoostThreadInterruption(), SiteStatus::NoEquivalent); }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadInterruption() { return std::make_unique<BoostThreadInterruptionRule>(); }

}  // namespace anymig::cpp
