// AMC102 boost-thread-sleep: boost::this_thread::sleep_for/sleep_until -> std::this_thread,
// and the deprecated boost::this_thread::sleep(posix_time::X(n)) ->
// std::this_thread::sleep_for(std::chrono::X(n)). Boost's sleeps are interruption points and
// std's are not, so files that use interruption are left alone (boost-thread-interruption).
#include "rewrites/boost_thread_to_std/posix_time.h"

#include <clang/AST/ExprCXX.h>

namespace anymig::cpp {

extern const RuleInfo kBoostThreadSleep;
const RuleInfo kBoostThreadSleep{.id = "AMC102",
    .name = "boost-thread-sleep",
    .category = "sleep",
    .summary = "boost::this_thread sleeps become std::this_thread::sleep_for/sleep_until",
    .safety = FixSafety::Conditional,
    .brief = R"md(`this_thread::sleep_for/sleep(posix_time)` → `std::this_thread::sleep_for(std::chrono::…)` (not in files using interruption))md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-sleep`

## What it does
`boost::this_thread::sleep_for/sleep_until` become `std::this_thread::sleep_for/sleep_until`; the deprecated `boost::this_thread::sleep(boost::posix_time::X(n))` becomes `std::this_thread::sleep_for(std::chrono::X(n))` (hours, minutes, seconds, milliseconds, microseconds, nanoseconds written in place).

## Why
The std sleep is the standard spelling and needs no library. **But a Boost sleep is an interruption point and a std sleep is not** (Bitcoin refused the swap in #11046 for that reason).

## Example
```cpp
boost::this_thread::sleep(boost::posix_time::milliseconds(10));
```
Use instead:
```cpp
std::this_thread::sleep_for(std::chrono::milliseconds(10));
```

## Fix safety
Conditional: in a file that uses Boost interruption (`interrupt()`, `interruption_point()`, `thread_interrupted`...) the sleep is kept and reported (needs-review). A posix_time duration held in a variable, or an absolute `ptime`, is reported instead of converted.
)md"};

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
