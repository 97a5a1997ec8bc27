// AMC108 boost-thread-group: a local boost::thread_group used only with create_thread,
// add_thread(new boost::thread(...)), join_all and size in its function becomes a
// std::vector<std::thread> with emplace_back and a join loop. Anything else (interrupt_all,
// remove_thread, the returned boost::thread*, a member group) is flagged, and then the file's
// boost::thread is kept too, since the group still needs it.
#include "matchers/cpp/engine.h"

#include <clang/AST/ExprCXX.h>

namespace anymig::cpp {

extern const RuleInfo kBoostThreadGroup;
const RuleInfo kBoostThreadGroup{.id = "AMC108",
    .name = "boost-thread-group",
    .category = "gather",
    .summary = "boost::thread_group becomes std::vector<std::thread> with a join loop",
    .safety = FixSafety::Conditional,
    .brief = R"md(→ `std::vector<std::thread>` + `emplace_back` + join loop)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-group`

## What it does
A local `boost::thread_group` used only with `create_thread`, `add_thread(new boost::thread(...))`, `join_all` and `size` in its function becomes `std::vector<std::thread>` with `emplace_back` and a join loop.

## Why
The Boost maintainer: thread_group gives little over a vector (boostorg/thread#192). The vector owns its threads, so no `new`/`delete`.

## Example
```cpp
boost::thread_group g;
g.create_thread(work);
g.add_thread(new boost::thread(work, 1));
g.join_all();
```
Use instead:
```cpp
std::vector<std::thread> g;
g.emplace_back(work);
g.emplace_back(work, 1);
for (std::thread& th : g) th.join();
```

## Fix safety
Conditional: anything else (`interrupt_all`, `remove_thread`, using the returned `boost::thread*`, a group that is a class member or passed around) is reported, and the file's boost::thread is then kept too.
)md"};

namespace {
class BoostThreadGroupRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadGroup; }
    void registerMatchers(am::MatchFinder& f, am::MatchFinder::MatchCallback* cb) override {
        using namespace clang::ast_matchers;
        auto groupType = hasType(qualType(hasUnqualifiedDesugaredType(
            recordType(hasDeclaration(cxxRecordDecl(hasName("::boost::thread_group")))))));
        f.addMatcher(varDecl(isExpansionInMainFile(), groupType).bind("g"), cb);
        f.addMatcher(fieldDecl(isExpansionInMainFile(), groupType).bind("gf"), cb);
        f.addMatcher(declRefExpr(isExpansionInMainFile(), to(varDecl(groupType))).bind("use"), cb);
    }
    void onMatch(const MatchResult& r, Engine&) override {
        if (auto* v = r.Nodes.getNodeAs<clang::VarDecl>("g")) groups_.push_back(v);
        if (auto* fd = r.Nodes.getNodeAs<clang::FieldDecl>("gf")) fields_.push_back(fd);
        if (auto* u = r.Nodes.getNodeAs<clang::DeclRefExpr>("use")) uses_.push_back(u);
    }

    struct Plan {
        const clang::VarDecl* var;
        std::string problem;
        std::vector<std::pair<const clang::CXXMemberCallExpr*, std::string>> calls;  // method name
    };

    void prepare(Engine& e) override {
        clang::ASTContext* ctx = e.ast();
        for (const clang::VarDecl* g : groups_) {
            if (e.foreign(g->getLocation())) continue;
            Plan plan{g, "", {}};
            if (!g->hasLocalStorage() || llvm::isa<clang::ParmVarDecl>(g))
                plan.problem = "`" + g->getNameAsString() + "` is not a local variable; convert it by hand";
            for (const clang::DeclRefExpr* u : uses_) {
                if (u->getDecl() != g || !plan.problem.empty()) continue;
                const clang::Stmt* p = ctx ? parentStmt(*ctx, u) : nullptr;
                auto* me = llvm::dyn_cast_or_null<clang::MemberExpr>(p);
                const clang::Stmt* pp = me ? parentStmt(*ctx, me) : nullptr;
                auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(pp);
                if (!call) {
                    plan.problem = "`" + g->getNameAsString() + "` is used as a whole (passed, copied or addressed)";
                    continue;
                }
                std::string m = call->getMethodDecl()->getNameAsString();
                if (m == "size") continue;
                if (m == "create_thread" || m == "join_all") {
                    if (!valueDiscarded(*ctx, call)) plan.problem = "the result of " + m + " is used";
                } else if (m == "add_thread") {
                    auto* ne = call->getNumArgs() == 1 ? llvm::dyn_cast<clang::CXXNewExpr>(bare(call->getArg(0))) : nullptr;
                    if (!ne || ne->getInitializationStyle() != clang::CXXNewInitializationStyle::Parens ||
                        !valueDiscarded(*ctx, call))
                        plan.problem = "add_thread is given an existing thread, not `new boost::thread(...)`";
                } else {
                    plan.problem = "`" + m + "` has no std::vector<std::thread> equivalent";
                }
                if (plan.problem.empty()) plan.calls.push_back({call, m});
            }
            if (!plan.problem.empty())
                e.block("boost::thread", "the file keeps a boost::thread_group, which needs boost::thread");
            plans_.push_back(std::move(plan));
        }
        for (const clang::FieldDecl* f : fields_)
            if (!e.foreign(f->getLocation()))
                e.block("boost::thread", "the file keeps a boost::thread_group member, which needs boost::thread");
    }

    void finish(Engine& e) override {
        for (const clang::FieldDecl* f : fields_) {
            if (e.foreign(f->getLocation())) continue;
            e.flag(info(), f->getSourceRange(), SiteStatus::NeedsReview,
                   "boost::thread_group member `" + f->getNameAsString() +
                       "` is used across functions; replace it with std::vector<std::thread> and a join loop by hand");
        }
        for (const Plan& plan : plans_) {
            const clang::VarDecl* g = plan.var;
            std::string name = g->getNameAsString();
            std::string problem = plan.problem;
            if (problem.empty())
                if (const std::string* why = e.blocked("boost::thread_group")) problem = *why;
            std::vector<FixPiece> pieces;
            std::string why;
            if (problem.empty()) {
                clang::TypeLoc tl = g->getTypeSourceInfo()->getTypeLoc();
                auto r = e.fileRange(clang::SourceRange(tl.getBeginLoc(), tl.getEndLoc()), &why);
                if (!r) problem = "its type " + why;
                else pieces.push_back(e.replace(*r, "std::vector<std::thread>"));
            }
            for (const auto& [call, m] : plan.calls) {
                if (!problem.empty()) break;
                auto* me = llvm::cast<clang::MemberExpr>(call->getCallee()->IgnoreParenImpCasts());
                auto member = e.fileRange(me->getMemberNameInfo().getSourceRange(), &why);
                auto whole = e.fileRange(call->getSourceRange(), &why);
                if (!member || !whole) {
                    problem = "`" + m + "` " + why;
                    break;
                }
                if (m == "create_thread") {
                    pieces.push_back(e.replace(*member, "emplace_back"));
                } else if (m == "join_all") {
                    std::string object = e.text(me->getBase()->getSourceRange());
                    pieces.push_back(e.replace(*whole, "for (std::thread& th : " + object + ") th.join()"));
                } else if (m == "add_thread") {
                    auto* ne = llvm::cast<clang::CXXNewExpr>(bare(call->getArg(0)));
                    clang::SourceRange parens = ne->getDirectInitRange();
                    auto open = e.fileRange(clang::SourceRange(me->getMemberLoc(), parens.getBegin()), &why);
                    auto close = e.fileRange(clang::SourceRange(parens.getEnd(), parens.getEnd()), &why);
                    if (!open || !close) {
                        problem = "add_thread " + why;
                        break;
                    }
                    pieces.push_back(e.replace(*open, "emplace_back("));
                    pieces.push_back(e.replace(*close, ""));
                }
            }
            if (!problem.empty()) {
                e.flag(info(), g->getSourceRange(), SiteStatus::NeedsReview,
                       "boost::thread_group `" + name + "` kept: " + problem);
                continue;
            }
            Site& s = e.fix(info(), g->getSourceRange(), std::move(pieces), {"<thread>", "<vector>"},
                            "replace boost::thread_group `" + name +
                                "` with std::vector<std::thread> (emplace_back, join loop)");
            s.priority = 0;
        }
    }

private:
    std::vector<const clang::VarDecl*> groups_;
    std::vector<const clang::FieldDecl*> fields_;
    std::vector<const clang::DeclRefExpr*> uses_;
    std::vector<Plan> plans_;
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadGroup() { return std::make_unique<BoostThreadGroupRule>(); }

}  // namespace anymig::cpp
