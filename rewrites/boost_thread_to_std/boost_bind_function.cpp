// AMC111 boost-bind-function: what <boost/thread.hpp> drags in (boost::bind, placeholders,
// boost::function, boost::ref/cref, boost::move) moves to <functional>/<utility>, so the file
// still compiles once the Boost.Thread include is gone. Only in files that include Boost.Thread.
#include <clang/AST/ExprCXX.h>

#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostBindFunction;
const RuleInfo kBoostBindFunction{.id = "AMC111",
    .name = "boost-bind-function",
    .category = "import",
    .summary = "boost::bind/function/ref/move that come along with Boost.Thread become std",
    .safety = FixSafety::Conditional,
    .brief = R"md(`bind`/placeholders/`function`/`ref`/`move` that came along → std)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-bind-function`

## What it does
In files that use Boost.Thread, what it drags in moves to std: `boost::bind` → `std::bind`, `boost::placeholders::_N` → `std::placeholders::_N`, `boost::function` → `std::function`, `boost::ref/cref` → `std::ref/cref`, `boost::move` → `std::move`. `std::function` has no `clear()` and no `empty()`: `f.clear()` becomes `f = nullptr` and `f.empty()` becomes `!f` (both also valid on `boost::function`).

## Why
Without this, removing `<boost/thread.hpp>` breaks files that used those names only through it. Names with no rule keep the Boost header they really need (boost-thread-includes).

## Example
```cpp
boost::function<void()> f = boost::bind(&X::run, this);
```
Use instead:
```cpp
std::function<void()> f = std::bind(&X::run, this);
```
```cpp
if (!job.empty()) job();
job.clear();
```
becomes
```cpp
if (!!job) job();
job = nullptr;
```

## Fix safety
Conditional: `boost::protect` blocks the bind rename; `boost::bind`'s operator overloads (`!`, `==`, `<` on bind expressions) do not exist in std::bind and fail the re-parse, leaving the file unchanged.
)md"};

namespace {
// `f.clear()` -> `f = nullptr` and `f.empty()` -> `!f`: std::function has neither member (both
// forms also work on boost::function, so they are right whether or not the type is renamed).
void rewriteFunctionMembers(Engine& e, const RuleInfo& rule) {
    for (const Ref& r : e.refs()) {
        if (r.kind != Ref::Member || !r.inLegacy || e.foreign(r.written.getBegin())) continue;
        auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(r.decl);
        std::string name = method ? method->getNameAsString() : "";
        if ((name != "clear" && name != "empty") || !llvm::StringRef(Engine::qualifiedName(method->getParent())).starts_with("boost::function"))
            continue;
        auto* me = static_cast<const clang::MemberExpr*>(r.node);
        auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(parentStmt(*e.ast(), me));
        if (!call || call->getNumArgs() != 0 || me->isImplicitAccess()) continue;
        auto whole = e.fileRange(call->getSourceRange());
        auto base = e.fileRange(me->getBase()->getSourceRange());
        if (!whole || !base) continue;
        std::string object = e.text(*base);
        bool simple = llvm::isa<clang::DeclRefExpr>(me->getBase()->IgnoreImplicit()) ||
                      llvm::isa<clang::MemberExpr>(me->getBase()->IgnoreImplicit());
        if (me->isArrow()) object = simple ? "*" + object : "*(" + object + ")";
        else if (!simple) object = "(" + object + ")";
        std::string to = name == "clear" ? object + " = nullptr" : "!" + object;
        if (name == "clear" && !valueDiscarded(*e.ast(), call)) continue;
        e.fix(rule, me->getMemberLoc(), {e.replace(*whole, to)}, {},
              "replace `" + e.text(*whole) + "` with `" + to + "` (std::function has no " + name + "())");
    }
}

class BoostBindFunctionRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostBindFunction; }
    void finish(Engine& e) override {
        if (!e.includesLegacyHeaders()) return;
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
        rewriteFunctionMembers(e, info());
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
