// The boost-thread-to-std pack: every rule, registered in one place, in report order.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

#define ANYMIG_CPP_RULE(Name) \
    extern const RuleInfo k##Name; \
    std::unique_ptr<CppRule> make##Name();
ANYMIG_CPP_RULE(BoostThreadIncludes)
ANYMIG_CPP_RULE(BoostThreadSleep)
ANYMIG_CPP_RULE(BoostChrono)
ANYMIG_CPP_RULE(BoostSyncPrimitives)
ANYMIG_CPP_RULE(BoostBarrierLatch)
ANYMIG_CPP_RULE(BoostThread)
ANYMIG_CPP_RULE(BoostFuture)
ANYMIG_CPP_RULE(BoostThreadGroup)
ANYMIG_CPP_RULE(BoostTimedWait)
ANYMIG_CPP_RULE(BoostThreadHasFlag)
ANYMIG_CPP_RULE(BoostBindFunction)
ANYMIG_CPP_RULE(BoostThreadNeverJoined)
ANYMIG_CPP_RULE(BoostThreadInterruption)
ANYMIG_CPP_RULE(BoostThreadSpecificPtr)
ANYMIG_CPP_RULE(BoostThreadTimedJoin)
ANYMIG_CPP_RULE(BoostThreadAttributes)
ANYMIG_CPP_RULE(BoostFutureContinuations)
ANYMIG_CPP_RULE(BoostUpgradeLock)
#undef ANYMIG_CPP_RULE

const std::vector<RuleEntry>& boostThreadRules() {
    static const std::vector<RuleEntry> rules = {
        {&kBoostThreadIncludes, makeBoostThreadIncludes},
        {&kBoostThreadSleep, makeBoostThreadSleep},
        {&kBoostChrono, makeBoostChrono},
        {&kBoostSyncPrimitives, makeBoostSyncPrimitives},
        {&kBoostBarrierLatch, makeBoostBarrierLatch},
        {&kBoostThread, makeBoostThread},
        {&kBoostFuture, makeBoostFuture},
        {&kBoostThreadGroup, makeBoostThreadGroup},
        {&kBoostTimedWait, makeBoostTimedWait},
        {&kBoostThreadHasFlag, makeBoostThreadHasFlag},
        {&kBoostBindFunction, makeBoostBindFunction},
        {&kBoostThreadNeverJoined, makeBoostThreadNeverJoined},
        {&kBoostThreadInterruption, makeBoostThreadInterruption},
        {&kBoostThreadSpecificPtr, makeBoostThreadSpecificPtr},
        {&kBoostThreadTimedJoin, makeBoostThreadTimedJoin},
        {&kBoostThreadAttributes, makeBoostThreadAttributes},
        {&kBoostFutureContinuations, makeBoostFutureContinuations},
        {&kBoostUpgradeLock, makeBoostUpgradeLock},
    };
    return rules;
}

Pack boostThreadPack() {
    Pack pack{"boost-thread-to-std", "cpp", {}};
    for (const RuleEntry& r : boostThreadRules()) pack.rules.push_back(r.info);
    return pack;
}

}  // namespace anymig::cpp
