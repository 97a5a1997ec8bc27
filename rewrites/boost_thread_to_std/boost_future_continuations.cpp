// AMC117 boost-future-continuations: future continuations (then, when_all, when_any, unwrap, is_ready...) have no std equivalent.
// A file that uses them keeps its Boost futures (boost-future does not rename them).
#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostFutureContinuations;
const RuleInfo kBoostFutureContinuations{"AMC117", "boost-future-continuations", "no-equivalent",
    "future continuations (then, when_all, when_any, unwrap, is_ready...) have no std equivalent", FixSafety::ReviewOnly};

namespace {
const std::vector<NoEquivalentName>& namesBoostFutureContinuations() {
    static const std::vector<NoEquivalentName> names = {
            {"boost::future::then", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::shared_future::then", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::future::unwrap", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::when_all", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::when_any", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::make_ready_future", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::make_exceptional_future", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::detail::basic_future::is_ready", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::detail::basic_future::has_value", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::detail::basic_future::has_exception", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
            {"boost::detail::basic_future::get_state", "boost::future,boost::unique_future,boost::shared_future,boost::promise,boost::packaged_task,boost::async", "std::future has no continuations or readiness queries (then, when_all, when_any, unwrap, make_ready_future, is_ready); restructure by hand"},
    };
    return names;
}

class BoostFutureContinuationsRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostFutureContinuations; }
    void prepare(Engine& e) override { blockNoEquivalent(e, namesBoostFutureContinuations()); }
    void finish(Engine& e) override { flagNoEquivalent(e, info(), namesBoostFutureContinuations(), SiteStatus::NoEquivalent); }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostFutureContinuations() { return std::make_unique<BoostFutureContinuationsRule>(); }

}  // namespace anymig::cpp
