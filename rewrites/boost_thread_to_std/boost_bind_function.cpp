// AMC111 boost-bind-function: what <boost/thread.hpp> drags in (boost::bind, placeholders,
// boost::function, boost::ref/cref, boost::move) moves to <functional>/<utility>, so the file
// still compiles once the Boost.Thread include is gone. Only in files that include Boost.Thread.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostBindFunction;
const RuleInfo kBoostBindFunction{"AMC111", "boost-bind-function", "import",
                                  "boost::bind/function/ref/move that come along with Boost.Thread become std",
                                  FixSafety::Conditional};

namespace {
class BoostBindFunctionRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostBindFunction; }
    void finish(Engine& e) override {
        if (!e.includesBoostThread()) return;
        static const std::vector<Rename> table = {
            {"boost::bind", "std::bind", "<functional>"},
            {"boost::function", "std::function", "<functional>"},
            {"boost::ref", "std::ref", "<functional>"},
            {"boost::cref", "std::cref", "<functional>"},
            {"boost::move", "std::move", "<utility>"},
            {"boost::placeholders::_1", "std::placeholders::_1", "<functional>"},
            {"boost::placeholders::_2", "std::placeholders::_2", "<functional>"},
            {"boost::placeholders::_3", "std::placeholders::_3", "<functional>"},
            {"boost::placeholders::_4", "std::placeholders::_4", "<functional>"},
            {"boost::placeholders::_5", "std::placeholders::_5", "<functional>"},
        };
        // boost::bind<R>(...) and bind(&C::member_data, ...) keep their meaning in std::bind;
        // boost::protect and bind's operator overloads (!, ==, <) do not exist there.
        e.renameRefs(info(), table);
    }
    void prepare(Engine& e) override {
        static const std::vector<NoEquivalentName> none = {
            {"boost::protect", "boost::bind", ""},
        };
        blockNoEquivalent(e, none);
    }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostBindFunction() { return std::make_unique<BoostBindFunctionRule>(); }

}  // namespace anymig::cpp
