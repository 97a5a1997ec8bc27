// AMC103 boost-chrono: boost::chrono durations, clocks and casts -> std::chrono.
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostChrono;
const RuleInfo kBoostChrono{"AMC103", "boost-chrono", "sleep",
                            "boost::chrono durations, clocks and casts become std::chrono", FixSafety::Safe};

namespace {
class BoostChronoRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostChrono; }
    void finish(Engine& e) override {
        static const std::vector<Rename> table = {
            {"boost::chrono::nanoseconds", "std::chrono::nanoseconds", "<chrono>"},
            {"boost::chrono::microseconds", "std::chrono::microseconds", "<chrono>"},
            {"boost::chrono::milliseconds", "std::chrono::milliseconds", "<chrono>"},
            {"boost::chrono::seconds", "std::chrono::seconds", "<chrono>"},
            {"boost::chrono::minutes", "std::chrono::minutes", "<chrono>"},
            {"boost::chrono::hours", "std::chrono::hours", "<chrono>"},
            {"boost::chrono::duration", "std::chrono::duration", "<chrono>"},
            {"boost::chrono::time_point", "std::chrono::time_point", "<chrono>"},
            {"boost::chrono::steady_clock", "std::chrono::steady_clock", "<chrono>"},
            {"boost::chrono::system_clock", "std::chrono::system_clock", "<chrono>"},
            {"boost::chrono::high_resolution_clock", "std::chrono::high_resolution_clock", "<chrono>"},
            {"boost::chrono::duration_cast", "std::chrono::duration_cast", "<chrono>"},
            {"boost::chrono::time_point_cast", "std::chrono::time_point_cast", "<chrono>"},
        };
        e.renameRefs(info(), table);
    }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostChrono() { return std::make_unique<BoostChronoRule>(); }

}  // namespace anymig::cpp
