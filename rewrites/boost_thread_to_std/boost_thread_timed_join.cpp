// AMC115 boost-thread-timed-join: thread::timed_join/try_join_for/try_join_until have no std equivalent.
// std::thread can only join without a timeout; emulate with a promise/future or a condition variable.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadTimedJoin;
const RuleInfo kBoostThreadTimedJoin{"AMC115", "boost-thread-timed-join", "no-equivalent",
    "thread::timed_join/try_join_for/try_join_until have no std equivalent", FixSafety::ReviewOnly};

namespace {
const std::vector<NoEquivalentName>& namesBoostThreadTimedJoin() {
    static const std::vector<NoEquivalentName> names = {
            {"boost::thread::timed_join", "boost::thread", "std::thread cannot join with a timeout; signal completion with a std::promise/std::future or a condition variable and wait on that"},
            {"boost::thread::try_join_for", "boost::thread", "std::thread cannot join with a timeout; signal completion with a std::promise/std::future or a condition variable and wait on that"},
            {"boost::thread::try_join_until", "boost::thread", "std::thread cannot join with a timeout; signal completion with a std::promise/std::future or a condition variable and wait on that"},
    };
    return names;
}

class BoostThreadTimedJoinRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadTimedJoin; }
    void prepare(Engine& e) override { blockNoEquivalent(e, namesBoostThreadTimedJoin()); }
    void finish(Engine& e) override { flagNoEquivalent(e, info(), namesBoostThreadTimedJoin(), SiteStatus::NoEquivalent); }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadTimedJoin() { return std::make_unique<BoostThreadTimedJoinRule>(); }

}  // namespace anymig::cpp
