// AMC118 boost-upgrade-lock: upgrade ownership (upgrade_lock, upgrade_to_unique_lock) has no std equivalent.
// std::shared_mutex has shared and exclusive ownership only; a file that upgrades keeps boost::shared_mutex.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostUpgradeLock;
const RuleInfo kBoostUpgradeLock{.id = "AMC118",
    .name = "boost-upgrade-lock",
    .category = "no-equivalent",
    .summary = "upgrade ownership (upgrade_lock, upgrade_to_unique_lock) has no std equivalent",
    .safety = FixSafety::ReviewOnly,
    .brief = R"md(upgrade ownership (upgrade_lock, upgrade_to_unique_lock) has no std equivalent)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-upgrade-lock`

## What it does
Reports `upgrade_lock`, `upgrade_to_unique_lock` and `shared_mutex::lock_upgrade/unlock_upgrade*`; the file's `boost::shared_mutex` is kept.

## Why
std::shared_mutex has shared and exclusive ownership only. (Bitcoin moved to std::shared_mutex in #21064 after glibc rwlock issues, #16684.)

## Example
```cpp
boost::upgrade_lock<boost::shared_mutex> up(m);
```
Use instead:
```cpp
// by hand: take std::unique_lock and re-check the state
```

## Fix safety
Review only (no-equivalent).
)md"};

// A table rule: the names with no std equivalent, each with its reason.
std::unique_ptr<CppRule> makeBoostUpgradeLock() {
    static constexpr const char* why = "std::shared_mutex has no upgrade ownership; re-acquire exclusively (and re-check the state) instead";
    static const std::vector<NoEquivalentName> names = {
        {"boost::upgrade_lock", "boost::shared_mutex", why},
        {"boost::upgrade_to_unique_lock", "boost::shared_mutex", why},
        {"boost::shared_mutex::lock_upgrade", "boost::shared_mutex", why},
        {"boost::shared_mutex::unlock_upgrade", "boost::shared_mutex", why},
        {"boost::shared_mutex::unlock_upgrade_and_lock", "boost::shared_mutex", why},
    };
    return noEquivalentRule(kBoostUpgradeLock, names, SiteStatus::NoEquivalent);
}

}  // namespace anymig::cpp
