// AMC106 boost-thread: boost::thread, its id and this_thread helpers -> std::thread.
// Threads that are never joined or detached are left alone (boost-thread-never-joined),
// and so is every boost::thread in a file that uses an API std::thread lacks.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThread;
const RuleInfo kBoostThread{"AMC106", "boost-thread", "create-task",
                            "boost::thread, thread::id and this_thread helpers become std::thread",
                            FixSafety::Conditional};

namespace {
class BoostThreadRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThread; }
    void finish(Engine& e) override {
        static const std::vector<Rename> table = {
            {"boost::thread", "std::thread", "<thread>"},
            {"boost::thread::id", "std::thread::id", "<thread>"},
            {"boost::thread::hardware_concurrency", "std::thread::hardware_concurrency", "<thread>"},
            {"boost::this_thread::get_id", "std::this_thread::get_id", "<thread>"},
            {"boost::this_thread::yield", "std::this_thread::yield", "<thread>"},
        };
        e.renameRefs(info(), table);
    }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThread() { return std::make_unique<BoostThreadRule>(); }

}  // namespace anymig::cpp
