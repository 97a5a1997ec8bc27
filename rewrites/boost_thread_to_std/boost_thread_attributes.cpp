// AMC116 boost-thread-attributes: thread attributes (stack size, native attributes) have no std equivalent.
// std::thread has no way to set a stack size or other creation attributes.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadAttributes;
const RuleInfo kBoostThreadAttributes{"AMC116", "boost-thread-attributes", "no-equivalent",
    "thread attributes (stack size, native attributes) have no std equivalent", FixSafety::ReviewOnly};

namespace {
const std::vector<NoEquivalentName>& namesBoostThreadAttributes() {
    static const std::vector<NoEquivalentName> names = {
            {"boost::thread_attributes", "boost::thread", "std::thread cannot be created with attributes (stack size, native handle attributes); keep boost::thread here or create the thread natively"},
            {"boost::thread::attributes", "boost::thread", "std::thread cannot be created with attributes (stack size, native handle attributes); keep boost::thread here or create the thread natively"},
            {"boost::thread_attributes::set_stack_size", "boost::thread", "std::thread cannot be created with attributes (stack size, native handle attributes); keep boost::thread here or create the thread natively"},
    };
    return names;
}

class BoostThreadAttributesRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadAttributes; }
    void prepare(Engine& e) override { blockNoEquivalent(e, namesBoostThreadAttributes()); }
    void finish(Engine& e) override { flagNoEquivalent(e, info(), namesBoostThreadAttributes(), SiteStatus::NoEquivalent); }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadAttributes() { return std::make_unique<BoostThreadAttributesRule>(); }

}  // namespace anymig::cpp
