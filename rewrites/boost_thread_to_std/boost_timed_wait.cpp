// AMC109 boost-timed-wait: cv.timed_wait(lk, posix_time::X(n)) -> cv.wait_for(lk, std::chrono::X(n)),
// with the return type handled: timed_wait returns bool (false = timed out), wait_for returns
// std::cv_status, so a used result becomes `== std::cv_status::no_timeout`; the predicate
// overload returns bool in both. timed_wait(lk, get_system_time() + d) -> wait_until(lk,
// std::chrono::steady_clock::now() + d). future.timed_wait(d) -> wait_for(d) == std::future_status::ready.
#include "rewrites/boost_thread_to_std/posix_time.h"

#include <clang/AST/ExprCXX.h>

namespace anymig::cpp {

extern const RuleInfo kBoostTimedWait;
const RuleInfo kBoostTimedWait{.id = "AMC109",
    .name = "boost-timed-wait",
    .category = "wait-for",
    .summary = "timed_wait becomes wait_for/wait_until, with the bool/cv_status difference handled",
    .safety = FixSafety::Safe,
    .brief = R"md(`timed_wait` → `wait_for(...) == std::cv_status::no_timeout` / `wait_until`)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-timed-wait`

## What it does
`cv.timed_wait(lock, posix_time::X(n))` becomes `cv.wait_for(lock, std::chrono::X(n))`; when the result is used it is compared: `== std::cv_status::no_timeout` (timed_wait returned bool, false on timeout). The predicate overload stays bool. `timed_wait(lock, boost::get_system_time() + d)` becomes `wait_until(lock, std::chrono::steady_clock::now() + d)`. `future.timed_wait(d)` becomes `wait_for(d) == std::future_status::ready`.

## Why
`wait_for` returns `std::cv_status`, so a plain rename of `if (cv.timed_wait(l, d))` would silently invert nothing but fail to compile, or worse with a cast. PCL #3063; Bitcoin #11199 (steady clock for deadlines).

## Example
```cpp
if (!cv.timed_wait(lock, boost::posix_time::milliseconds(50))) retry();
```
Use instead:
```cpp
if (!(cv.wait_for(lock, std::chrono::milliseconds(50)) == std::cv_status::no_timeout)) retry();
```

## Fix safety
Safe when it fires; timeouts held in variables are reported (needs-review). Kept in files that use interruption.
)md"};

namespace {
class BoostTimedWaitRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostTimedWait; }
    void registerMatchers(am::MatchFinder& f, am::MatchFinder::MatchCallback* cb) override {
        using namespace clang::ast_matchers;
        f.addMatcher(cxxMemberCallExpr(isExpansionInMainFile(),
                                       callee(cxxMethodDecl(hasName("timed_wait"),
                                                            ofClass(cxxRecordDecl(hasAnyName(
                                                                "::boost::condition_variable",
                                                                "::boost::condition_variable_any",
                                                                "::boost::future", "::boost::shared_future",
                                                                "::boost::unique_future",
                                                                "::boost::detail::basic_future"))))))
                         .bind("tw"),
                     cb);
    }
    void onMatch(const MatchResult& r, Engine&) override {
        if (auto* c = r.Nodes.getNodeAs<clang::CXXMemberCallExpr>("tw")) calls_.push_back(c);
    }
    void finish(Engine& e) override {
        for (const clang::CXXMemberCallExpr* call : calls_) {
            if (e.foreign(call->getBeginLoc())) continue;
            std::string cls = Engine::qualifiedName(call->getMethodDecl()->getParent());
            bool isCv = cls == "boost::condition_variable" || cls == "boost::condition_variable_any";
            const std::string* blockedWhy = e.blocked(isCv ? cls : "boost::future");
            if (!blockedWhy && isCv) blockedWhy = e.blocked("boost::condition_variable");
            if (blockedWhy) {
                e.flag(info(), call->getSourceRange(), SiteStatus::NeedsReview, "kept timed_wait: " + *blockedWhy);
                continue;
            }
            if (isCv) fixCv(e, call);
            else fixFuture(e, call);
        }
    }

private:
    static bool needsParens(clang::ASTContext& ctx, const clang::Expr* call) {
        const clang::Stmt* p = parentStmt(ctx, call);
        if (!p) return false;
        if (llvm::isa<clang::ParenExpr>(p) || llvm::isa<clang::ReturnStmt>(p)) return false;
        if (auto* i = llvm::dyn_cast<clang::IfStmt>(p)) return i->getCond()->IgnoreImplicit() != call;
        if (auto* w = llvm::dyn_cast<clang::WhileStmt>(p)) return w->getCond()->IgnoreImplicit() != call;
        if (llvm::isa<clang::DoStmt>(p) || llvm::isa<clang::ForStmt>(p)) return false;
        return true;
    }

    void fixCv(Engine& e, const clang::CXXMemberCallExpr* call) {
        auto* me = llvm::dyn_cast<clang::MemberExpr>(call->getCallee()->IgnoreParenImpCasts());
        if (!me || call->getNumArgs() < 2) return;
        std::string why;
        auto name = e.fileRange(me->getMemberNameInfo().getSourceRange(), &why);
        auto whole = name ? e.fileRange(call->getSourceRange(), &why) : std::nullopt;
        if (!name || !whole) {
            e.flag(info(), call->getSourceRange(), SiteStatus::NeedsReview, "timed_wait " + why);
            return;
        }
        std::vector<FixPiece> pieces;
        std::string method = "wait_for";
        const clang::Expr* d = bare(call->getArg(1));
        std::optional<FixPiece> unit;
        // timed_wait(lk, boost::get_system_time() + posix_time::X(n)): an absolute deadline.
        const clang::Expr* lhs = nullptr;
        const clang::Expr* rhs = nullptr;
        if (auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(d); op && op->getOperator() == clang::OO_Plus &&
                                                                      op->getNumArgs() == 2)
            lhs = op->getArg(0), rhs = op->getArg(1);
        const clang::CallExpr* now = lhs ? llvm::dyn_cast<clang::CallExpr>(bare(lhs)) : nullptr;
        if (now && now->getDirectCallee() &&
            Engine::qualifiedName(now->getDirectCallee()) == "boost::get_system_time") {
            auto nowRange = e.fileRange(now->getSourceRange(), &why);
            unit = nowRange ? posixDurationPiece(e, rhs, &why) : std::nullopt;
            if (nowRange && unit) {
                method = "wait_until";
                pieces.push_back(e.replace(*nowRange, "std::chrono::steady_clock::now()"));
            }
        } else {
            unit = posixDurationPiece(e, call->getArg(1), &why);
        }
        if (!unit) {
            e.flag(info(), call->getSourceRange(), SiteStatus::NeedsReview, "timed_wait: " + why);
            return;
        }
        pieces.push_back(*unit);
        pieces.push_back(e.replace(*name, method));
        bool predicate = call->getNumArgs() == 3;
        std::string message = "replace timed_wait with " + method;
        if (!predicate && !valueDiscarded(*e.ast(), call)) {
            bool parens = needsParens(*e.ast(), call);
            if (parens) pieces.push_back(e.insert(whole->getBegin(), "("));
            pieces.push_back(e.insert(whole->getEnd(), std::string(" == std::cv_status::no_timeout") + (parens ? ")" : "")));
            message += ", comparing its std::cv_status result with no_timeout (timed_wait returned bool)";
        }
        e.fix(info(), call->getSourceRange(), std::move(pieces), {"<condition_variable>", "<chrono>"}, message);
    }

    void fixFuture(Engine& e, const clang::CXXMemberCallExpr* call) {
        auto* me = llvm::dyn_cast<clang::MemberExpr>(call->getCallee()->IgnoreParenImpCasts());
        if (!me || call->getNumArgs() != 1) return;
        std::string why;
        auto name = e.fileRange(me->getMemberNameInfo().getSourceRange(), &why);
        auto whole = name ? e.fileRange(call->getSourceRange(), &why) : std::nullopt;
        std::optional<FixPiece> unit = whole ? posixDurationPiece(e, call->getArg(0), &why) : std::nullopt;
        if (!unit) {
            e.flag(info(), call->getSourceRange(), SiteStatus::NeedsReview, "future timed_wait: " + why);
            return;
        }
        std::vector<FixPiece> pieces{*unit, e.replace(*name, "wait_for")};
        if (!valueDiscarded(*e.ast(), call)) {
            bool parens = needsParens(*e.ast(), call);
            if (parens) pieces.push_back(e.insert(whole->getBegin(), "("));
            pieces.push_back(e.insert(whole->getEnd(), std::string(" == std::future_status::ready") + (parens ? ")" : "")));
        }
        e.fix(info(), call->getSourceRange(), std::move(pieces), {"<future>", "<chrono>"},
              "replace future timed_wait with wait_for, comparing its std::future_status with ready");
    }

    std::vector<const clang::CXXMemberCallExpr*> calls_;
};
}  // namespace

std::unique_ptr<CppRule> makeBoostTimedWait() { return std::make_unique<BoostTimedWaitRule>(); }

}  // namespace anymig::cpp
