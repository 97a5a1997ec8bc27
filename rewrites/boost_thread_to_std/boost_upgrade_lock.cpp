// AMC118 boost-upgrade-lock: upgrade ownership (upgrade_lock, upgrade_to_unique_lock) has no std equivalent.
// std::shared_mutex has shared and exclusive ownership only; a file that upgrades keeps boost::shared_mutex.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostUpgradeLock;
const RuleInfo kBoostUpgradeLock{"AMC118", "boost-upgrade-lock", "no-equivalent",
    "upgrade ownership (upgrade_lock, upgrade_to_unique_lock) has no std equivalent", FixSafety::ReviewOnly};

namespace {
const std::vector<NoEquivalentName>& namesBoostUpgradeLock() {
    static const std::vector<NoEquivalentName> names = {
            {"boost::upgrade_lock", "boost::shared_mutex", "std::shared_mutex has no upgrade ownership; re-acquire exclusively (and re-check the state) instead"},
            {"boost::upgrade_to_unique_lock", "boost::shared_mutex", "std::shared_mutex has no upgrade ownership; re-acquire exclusively (and re-check the state) instead"},
            {"boost::shared_mutex::lock_upgrade", "boost::shared_mutex", "std::shared_mutex has no upgrade ownership; re-acquire exclusively (and re-check the state) instead"},
            {"boost::shared_mutex::unlock_upgrade", "boost::shared_mutex", "std::shared_mutex has no upgrade ownership; re-acquire exclusively (and re-check the state) instead"},
            {"boost::shared_mutex::unlock_upgrade_and_lock", "boost::shared_mutex", "std::shared_mutex has no upgrade ownership; re-acquire exclusively (and re-check the state) instead"},
    };
    return names;
}

class BoostUpgradeLockRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostUpgradeLock; }
    void prepare(Engine& e) override { blockNoEquivalent(e, namesBoostUpgradeLock()); }
    void finish(Engine& e) override { flagNoEquivalent(e, info(), namesBoostUpgradeLock(), SiteStatus::NoEquivalent); }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostUpgradeLock() { return std::make_unique<BoostUpgradeLockRule>(); }

}  // namespace anymig::cpp
