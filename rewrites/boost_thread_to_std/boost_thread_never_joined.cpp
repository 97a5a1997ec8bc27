// AMC112 boost-thread-never-joined: a boost::thread variable, member or temporary that is never
// joined or detached relied on Boost's destructor, which detaches under BOOST_THREAD_VERSION 2;
// std::thread's destructor calls std::terminate() instead. Such threads are flagged and not
// renamed (boost-thread skips them) until someone decides to join or detach.
#include "matchers/cpp/engine.h"

#include <clang/AST/ExprCXX.h>

namespace anymig::cpp {

extern const RuleInfo kBoostThreadNeverJoined;
const RuleInfo kBoostThreadNeverJoined{.id = "AMC112",
    .name = "boost-thread-never-joined",
    .category = "create-task",
    .summary = "a boost::thread that is never joined or detached is flagged, not renamed",
    .safety = FixSafety::ReviewOnly,
    .brief = R"md(flagged: Boost detached, `std::thread` would terminate)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-never-joined`

## What it does
Reports a `boost::thread` variable, member or discarded temporary that is never joined or detached (and never moved or passed on). Such threads are not renamed by boost-thread.

## Why
Under BOOST_THREAD_VERSION 2 Boost's destructor detaches a joinable thread (vcmi #2452 relied on it); `std::thread`'s destructor calls `std::terminate()`. Inserting `detach()` or `join()` is a semantic decision.

## Example
```cpp
void fire() { boost::thread t(tick); }
```
Use instead:
```cpp
// by hand: std::thread(tick).detach();  or join it
```

## Fix safety
Review only. Members of a class whose member functions are defined in another file are not judged.
)md"};

namespace {
class BoostThreadNeverJoinedRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadNeverJoined; }
    void registerMatchers(am::MatchFinder& f, am::MatchFinder::MatchCallback* cb) override {
        using namespace clang::ast_matchers;
        auto threadType = qualType(hasUnqualifiedDesugaredType(
            recordType(hasDeclaration(cxxRecordDecl(hasName("::boost::thread"))))));
        f.addMatcher(varDecl(isExpansionInMainFile(), hasType(threadType), unless(parmVarDecl())).bind("v"), cb);
        f.addMatcher(fieldDecl(isExpansionInMainFile(), hasType(threadType)).bind("f"), cb);
        f.addMatcher(declRefExpr(isExpansionInMainFile(), to(varDecl(hasType(threadType)))).bind("vuse"), cb);
        f.addMatcher(memberExpr(isExpansionInMainFile(), member(fieldDecl(hasType(threadType)))).bind("fuse"), cb);
        f.addMatcher(expr(isExpansionInMainFile(), anyOf(cxxTemporaryObjectExpr(), cxxFunctionalCastExpr()),
                          hasType(threadType))
                         .bind("tmp"),
                     cb);
    }
    void onMatch(const MatchResult& r, Engine& e) override {
        if (auto* v = r.Nodes.getNodeAs<clang::VarDecl>("v")) decls_.push_back(v);
        if (auto* f = r.Nodes.getNodeAs<clang::FieldDecl>("f")) decls_.push_back(f);
        if (auto* u = r.Nodes.getNodeAs<clang::DeclRefExpr>("vuse")) use(*r.Context, u, u->getDecl());
        if (auto* u = r.Nodes.getNodeAs<clang::MemberExpr>("fuse")) use(*r.Context, u, u->getMemberDecl());
        if (auto* t = r.Nodes.getNodeAs<clang::Expr>("tmp"))
            if (valueDiscarded(*r.Context, t)) temps_.push_back(t);
    }
    void prepare(Engine& e) override {
        for (const clang::DeclaratorDecl* d : decls_) {
            if (e.foreign(d->getLocation()) || handled_.count(d->getCanonicalDecl())) continue;
            if (auto* v = llvm::dyn_cast<clang::VarDecl>(d); v && !v->hasLocalStorage() && !v->isStaticDataMember() &&
                                                             !v->isFileVarDecl())
                continue;
            if (auto* f = llvm::dyn_cast<clang::FieldDecl>(d); f && definedElsewhere(f)) continue;
            clang::TypeLoc tl = d->getTypeSourceInfo()->getTypeLoc();
            e.blockRange(tl.getSourceRange(), reason(d->getNameAsString()));
            never_.push_back(d);
        }
        for (const clang::Expr* t : temps_) {
            if (e.foreign(t->getBeginLoc())) continue;
            e.blockRange(t->getSourceRange(), reason("temporary"));
        }
    }
    void finish(Engine& e) override {
        for (const clang::DeclaratorDecl* d : never_)
            e.flag(info(), d->getSourceRange(), SiteStatus::NeedsReview, reason("`" + d->getNameAsString() + "`"));
        for (const clang::Expr* t : temps_)
            if (!e.foreign(t->getBeginLoc()))
                e.flag(info(), t->getSourceRange(), SiteStatus::NeedsReview, reason("temporary"));
    }

private:
    static std::string reason(const std::string& what) {
        return "boost::thread " + what +
               " is never joined or detached: Boost's destructor detaches it (BOOST_THREAD_VERSION 2), "
               "std::thread's calls std::terminate(); join or detach it explicitly, then re-run";
    }
    // A member thread of a class whose member functions are defined in another file (a header
    // and its .cpp): the join may well be there, so say nothing.
    static bool definedElsewhere(const clang::FieldDecl* f) {
        auto* rd = llvm::dyn_cast<clang::CXXRecordDecl>(f->getParent());
        if (!rd) return true;
        for (const clang::CXXMethodDecl* m : rd->methods())
            if (m->isUserProvided() && !m->isDefined() && !m->isPureVirtual()) return true;
        return false;
    }
    void use(clang::ASTContext& ctx, const clang::Expr* ref, const clang::ValueDecl* d) {
        const clang::Stmt* p = parentStmt(ctx, ref);
        if (auto* me = llvm::dyn_cast_or_null<clang::MemberExpr>(p)) {
            std::string m = me->getMemberDecl()->getNameAsString();
            if (m == "join" || m == "detach" || m == "timed_join" || m == "try_join_for" || m == "try_join_until")
                handled_.insert(d->getCanonicalDecl());
            return;  // joinable(), get_id(), ...: not an ownership transfer
        }
        // Moved, swapped, passed or addressed: someone else may join it.
        handled_.insert(d->getCanonicalDecl());
    }

    std::vector<const clang::DeclaratorDecl*> decls_, never_;
    std::vector<const clang::Expr*> temps_;
    std::set<const clang::Decl*> handled_;
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadNeverJoined() { return std::make_unique<BoostThreadNeverJoinedRule>(); }

}  // namespace anymig::cpp
