// AMC105 boost-barrier-latch: boost::barrier and boost::latch are flagged with the C++20 std type and how it differs.
// std::barrier/std::latch exist only from C++20 and behave differently: reported, never rewritten.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostBarrierLatch;
const RuleInfo kBoostBarrierLatch{"AMC105", "boost-barrier-latch", "sync-primitive",
    "boost::barrier and boost::latch are flagged with the C++20 std type and how it differs", FixSafety::ReviewOnly};

namespace {
const std::vector<NoEquivalentName>& namesBoostBarrierLatch() {
    static const std::vector<NoEquivalentName> names = {
            {"boost::barrier", nullptr, "std::barrier (C++20, <barrier>) differs: arrive_and_wait() returns void where boost::barrier::wait() returns true in exactly one thread, and the completion function runs once per phase; port by hand"},
            {"boost::latch", nullptr, "std::latch (C++20, <latch>) has count_down/wait/try_wait/arrive_and_wait but no wait_for, wait_until or reset; port by hand"},
    };
    return names;
}

class BoostBarrierLatchRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostBarrierLatch; }
    void prepare(Engine& e) override { blockNoEquivalent(e, namesBoostBarrierLatch()); }
    void finish(Engine& e) override { flagNoEquivalent(e, info(), namesBoostBarrierLatch(), SiteStatus::NeedsReview); }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostBarrierLatch() { return std::make_unique<BoostBarrierLatchRule>(); }

}  // namespace anymig::cpp
