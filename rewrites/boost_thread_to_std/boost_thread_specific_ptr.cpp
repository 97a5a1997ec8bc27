// AMC114 boost-thread-specific-ptr: boost::thread_specific_ptr has no direct std equivalent (thread_local needs manual work).
// thread_local replaces it only at namespace/static scope; per-object storage and custom
// cleanup functions have no std counterpart.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadSpecificPtr;
const RuleInfo kBoostThreadSpecificPtr{"AMC114", "boost-thread-specific-ptr", "no-equivalent",
    "boost::thread_specific_ptr has no direct std equivalent (thread_local needs manual work)", FixSafety::ReviewOnly};

namespace {
const std::vector<NoEquivalentName>& namesBoostThreadSpecificPtr() {
    static const std::vector<NoEquivalentName> names = {
            {"boost::thread_specific_ptr", nullptr, "no direct std equivalent: use a thread_local variable (namespace or static scope only); per-object storage and custom cleanup need manual work"},
    };
    return names;
}

class BoostThreadSpecificPtrRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadSpecificPtr; }
    void prepare(Engine& e) override { blockNoEquivalent(e, namesBoostThreadSpecificPtr()); }
    void finish(Engine& e) override { flagNoEquivalent(e, info(), namesBoostThreadSpecificPtr(), SiteStatus::NoEquivalent); }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadSpecificPtr() { return std::make_unique<BoostThreadSpecificPtrRule>(); }

}  // namespace anymig::cpp
