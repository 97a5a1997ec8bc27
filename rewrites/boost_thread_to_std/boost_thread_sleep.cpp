// AMC102 boost-thread-sleep: boost::this_thread::sleep_for/sleep_until -> std::this_thread,
// and the deprecated boost::this_thread::sleep(posix_time::X(n)) ->
// std::this_thread::sleep_for(std::chrono::X(n)). Boost's sleeps are interruption points and
// std's are not, so files that use interruption are left alone (boost-thread-interruption).
#include "rewrites/boost_thread_to_std/posix_time.h"

#include <clang/AST/ExprCXX.h>

namespace anymig::cpp {

extern const RuleInfo kBoostThreadSleep;
const RuleInfo kBoostThreadSleep{"AMC102", "boost-thread-sleep", "sleep",
                                 "boost::this_thread sleeps become std::this_thread::sleep_for/sleep_until",
                                 FixSafety::Conditional};

namespace {
class BoostThreadSleepRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadSleep; }
    void registerMatchers(am::MatchFinder& f, am::MatchFinder::MatchCallback* cb) override {
        using namespace clang::ast_matchers;
        f.addMatcher(callExpr(isExpansionInMainFile(), callee(functionDecl(hasName("::boost::this_thread::sleep"))))
                         .bind("sleep"),
                     cb);
    }
    void onMatch(const MatchResult& r, Engine&) override {
        if (auto* c = r.Nodes.getNodeAs<clang::CallExpr>("sleep")) calls_.push_back(c);
    }
    void finish(Engine& e) override {
        static const std::vector<Rename> table = {
            {"boost::this_thread::sleep_for", "std::this_thread::sleep_for", "<thread>"},
            {"boost::this_thread::sleep_until", "std::this_thread::sleep_until", "<thread>"},
        };
        e.renameRefs(info(), table);
        for (const clang::CallExpr* call : calls_) {
            if (e.foreign(call->getBeginLoc())) continue;
            auto* callee = llvm::dyn_cast<clang::DeclRefExpr>(call->getCallee()->IgnoreParenImpCasts());
            if (!callee || call->getNumArgs() != 1) continue;
            if (const std::string* why = e.blocked("boost::this_thread::sleep")) {
                e.flag(info(), call->getSourceRange(), SiteStatus::NeedsReview, "kept boost::this_thread::sleep: " + *why);
                continue;
            }
            std::string why;
            clang::SourceLocation begin =
                callee->getQualifierLoc() ? callee->getQualifierLoc().getBeginLoc() : callee->getLocation();
            auto name = e.fileRange(clang::SourceRange(begin, callee->getNameInfo().getEndLoc()), &why);
            std::optional<FixPiece> unit;
            if (name) unit = posixDurationPiece(e, call->getArg(0), &why);
            if (!name || !unit) {
                e.flag(info(), call->getSourceRange(), SiteStatus::NeedsReview,
                       "boost::this_thread::sleep: " + why);
                continue;
            }
            e.fix(info(), call->getSourceRange(), {e.replace(*name, "std::this_thread::sleep_for"), *unit},
                  {"<thread>", "<chrono>"},
                  "replace deprecated boost::this_thread::sleep(posix_time) with std::this_thread::sleep_for(std::chrono)");
        }
    }

private:
    std::vector<const clang::CallExpr*> calls_;
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadSleep() { return std::make_unique<BoostThreadSleepRule>(); }

}  // namespace anymig::cpp
