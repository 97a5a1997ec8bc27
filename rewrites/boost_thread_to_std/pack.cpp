// The boost-thread-to-std pack: every rule, registered in one place, in report order.
// (Its descriptor is in descriptor.cpp, which only the CLI links: the clang-tidy plugin
// shares the rules but not the front end.)
#include "rewrites/boost_thread_to_std/pack.h"

#include "matchers/cpp/engine.h"

namespace anymig::cpp {

#define ANYMIG_RULE(Name) \
    extern const RuleInfo k##Name; \
    std::unique_ptr<CppRule> make##Name();
#include "rewrites/boost_thread_to_std/rules.def"
#undef ANYMIG_RULE

}  // namespace anymig::cpp

namespace anymig::boost_thread_to_std {

using cpp::RuleEntry;
using namespace cpp;

const std::vector<RuleEntry>& rules() {
    static const std::vector<RuleEntry> rules = {
#define ANYMIG_RULE(Name) {&k##Name, make##Name},
#include "rewrites/boost_thread_to_std/rules.def"
#undef ANYMIG_RULE
    };
    return rules;
}

const LegacyLibrary& legacyLibrary() {
    static const LegacyLibrary boost{.ns = "boost",
                                     .headerPrefixes = {"boost/thread", "boost/chrono"},
                                     .headerPathParts = {"/boost/thread/"}};
    return boost;
}

}  // namespace anymig::boost_thread_to_std
