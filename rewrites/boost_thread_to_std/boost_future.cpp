// AMC107 boost-future: boost::future/shared_future/promise/packaged_task/async -> std.
// Files that use continuations (.then, when_all, ...) keep Boost (boost-future-continuations).
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostFuture;
const RuleInfo kBoostFuture{"AMC107", "boost-future", "create-task",
                            "boost futures, promises, packaged_task and async become std",
                            FixSafety::Conditional};

namespace {
class BoostFutureRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostFuture; }
    void finish(Engine& e) override {
        static const std::vector<Rename> table = {
            {"boost::future", "std::future", "<future>"},
            {"boost::unique_future", "std::future", "<future>"},
            {"boost::shared_future", "std::shared_future", "<future>"},
            {"boost::promise", "std::promise", "<future>"},
            {"boost::packaged_task", "std::packaged_task", "<future>"},
            {"boost::async", "std::async", "<future>"},
            {"boost::launch", "std::launch", "<future>"},
            {"boost::launch::async", "std::launch::async", "<future>"},
            {"boost::launch::deferred", "std::launch::deferred", "<future>"},
            {"boost::future_status", "std::future_status", "<future>"},
            {"boost::future_status::ready", "std::future_status::ready", "<future>"},
            {"boost::future_status::timeout", "std::future_status::timeout", "<future>"},
            {"boost::future_status::deferred", "std::future_status::deferred", "<future>"},
            {"boost::future_error", "std::future_error", "<future>"},
        };
        e.renameRefs(info(), table);
    }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostFuture() { return std::make_unique<BoostFutureRule>(); }

}  // namespace anymig::cpp
