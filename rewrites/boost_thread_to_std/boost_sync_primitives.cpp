// AMC104 boost-sync-primitives: mutexes, condition variables, locks, call_once -> std.
#include <clang/AST/Expr.h>

#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostSyncPrimitives;
const RuleInfo kBoostSyncPrimitives{.id = "AMC104",
    .name = "boost-sync-primitives",
    .category = "sync-primitive",
    .summary = "boost mutexes, condition variables, locks and call_once become std",
    .safety = FixSafety::Conditional,
    .brief = R"md(mutexes, condition variables, locks, `scoped_lock`/`scoped_timed_lock` → `std::unique_lock<…>`, `scoped_try_lock l(m)` → `std::unique_lock<…> l(m, std::try_to_lock)`, lock tags and tag types, `call_once`)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-sync-primitives`

## What it does
`boost::mutex`, `recursive_mutex`, `timed_mutex`, `recursive_timed_mutex`, `shared_mutex`, `condition_variable(_any)`, `lock_guard`, `unique_lock`, `shared_lock`, `cv_status`, `defer_lock/try_to_lock/adopt_lock`, `lock/try_lock`, `once_flag/call_once` become `std::`; `boost::mutex::scoped_lock` becomes `std::unique_lock<std::mutex>` (likewise for the other mutexes, and `timed_mutex::scoped_timed_lock`); `boost::mutex::scoped_try_lock l(m)`, which *tries* to lock, becomes `std::unique_lock<std::mutex> l(m, std::try_to_lock)` (the tag is added at every one-argument construction in the file; a `scoped_try_lock` typedef in a header is kept, with its mutex, since its users elsewhere would lock instead of trying); the tag types `defer_lock_t`, `try_to_lock_t`, `adopt_lock_t` become `std::`; `= BOOST_ONCE_INIT` is dropped; `boost::call_once(func, flag)`, Boost's legacy argument order, becomes `std::call_once(flag, func)` (the rename and the swap are one fix). Matching is semantic: `using namespace boost;`, `namespace bt = boost;`, `using boost::mutex;` and typedefs are seen through, and only the spelled name changes (a `typedef boost::mutex Mutex;` changes in the typedef, not at its uses).

## Why
These are 1:1 (Bitcoin #18234, PCL #3063). `std::condition_variable` only accepts `std::unique_lock<std::mutex>`, so mutexes, locks and condition variables of a file move together.

## Example
```cpp
boost::mutex::scoped_lock lock(m);
```
Use instead:
```cpp
std::unique_lock<std::mutex> lock(m);
```
```cpp
boost::mutex::scoped_try_lock l1(m);
```
becomes
```cpp
std::unique_lock<std::mutex> l1(m, std::try_to_lock);
```
```cpp
boost::call_once(init, flag);   // Boost's legacy order
```
becomes
```cpp
std::call_once(flag, init);
```

## Fix safety
Conditional: kept (needs-review) in files that use interruption (the waits are interruption points), that upgrade a `shared_mutex` (boost-upgrade-lock), or that spell the same name inside a macro body (renaming only the uses outside would make them disagree).
)md"};

namespace {
bool isOnceFlag(const clang::Expr* arg) {
    const clang::CXXRecordDecl* rd = arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
    return rd && Engine::qualifiedName(rd) == "boost::once_flag";
}

// `boost::call_once(func, flag)`: Boost's legacy argument order (std::call_once takes the flag first).
const clang::CallExpr* legacyCallOnce(Engine& e, const Ref& r) {
    if (r.kind != Ref::Expr || r.qualName != "boost::call_once" || !e.ast()) return nullptr;
    auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(parentStmt(*e.ast(), static_cast<const clang::Stmt*>(r.node)));
    if (!call || call->getNumArgs() != 2 || isOnceFlag(call->getArg(0)) || !isOnceFlag(call->getArg(1))) return nullptr;
    return call;
}

// Renames the call and swaps its arguments in one fix, so neither lands without the other.
void swapCallOnce(Engine& e, const RuleInfo& rule) {
    for (const Ref& r : e.refs()) {
        const clang::CallExpr* call = legacyCallOnce(e, r);
        if (!call || e.foreign(r.written.getBegin()) || e.blocked(r.qualName)) continue;
        auto name = e.fileRange(r.written);
        auto func = e.fileRange(call->getArg(0)->getSourceRange());
        auto flag = e.fileRange(call->getArg(1)->getSourceRange());
        if (!name || !func || !flag) {
            e.flag(rule, r.written, SiteStatus::NeedsReview,
                   "`boost::call_once(func, flag)` (Boost's order) is partly spelled in a macro; write "
                   "`std::call_once(flag, func)` by hand");
            continue;
        }
        e.fix(rule, r.written,
              {e.replace(*name, "std::call_once"), e.replace(*func, e.text(*flag)), e.replace(*flag, e.text(*func))},
              {"<mutex>"}, "replace `boost::call_once(func, flag)` (Boost's order) with `std::call_once(flag, func)`");
    }
}

// `boost::M::scoped_try_lock l(m);` tries to lock (Boost's try_lock_wrapper): as a
// std::unique_lock<std::M> it must be constructed with std::try_to_lock, which this inserts.
// A typedef of it in a header is kept (its users elsewhere would lock instead of trying) and
// keeps the mutex it names Boost in that file.
bool mainIsHeader(const Engine& e) {
    auto f = e.sm().getFileEntryRefForID(e.sm().getMainFileID());
    llvm::StringRef n = f ? f->getName() : "";
    return n.ends_with(".h") || n.ends_with(".hh") || n.ends_with(".hpp") || n.ends_with(".hxx");
}

void tryLockConstructions(Engine& e, const RuleInfo& rule, const std::vector<const clang::CXXConstructExpr*>& ctors) {
    for (const clang::CXXConstructExpr* c : ctors) {
        if (e.foreign(c->getBeginLoc()) || c->getNumArgs() != 1) continue;
        auto arg = e.fileRange(c->getArg(0)->getSourceRange());
        if (!arg) {
            e.flag(rule, c->getSourceRange(), SiteStatus::NeedsReview,
                   "`scoped_try_lock` constructed in a macro: write `std::unique_lock<...> l(m, std::try_to_lock)` by hand");
            continue;
        }
        e.fix(rule, c->getArg(0)->getSourceRange(), {e.insert(arg->getEnd(), ", std::try_to_lock")}, {"<mutex>"},
              "a Boost scoped_try_lock tries to lock: construct the std::unique_lock with `std::try_to_lock`");
    }
}

class BoostSyncPrimitivesRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostSyncPrimitives; }
    void registerMatchers(am::MatchFinder& f, am::MatchFinder::MatchCallback* cb) override {
        using namespace clang::ast_matchers;
        auto tryLock = hasUnqualifiedDesugaredType(recordType(hasDeclaration(
            classTemplateSpecializationDecl(hasName("::boost::detail::try_lock_wrapper")))));
        f.addMatcher(cxxConstructExpr(isExpansionInMainFile(), hasType(qualType(tryLock)),
                                      hasParent(varDecl()))
                         .bind("try"),
                     cb);
    }
    void onMatch(const MatchResult& r, Engine&) override {
        if (auto* c = r.Nodes.getNodeAs<clang::CXXConstructExpr>("try")) tryCtors_.push_back(c);
    }
    void prepare(Engine& e) override {
        if (!mainIsHeader(e)) return;
        for (const Ref& r : e.refs())
            if (r.inLegacy && llvm::StringRef(r.qualName).ends_with("::scoped_try_lock") && !e.foreign(r.written.getBegin()))
                e.block(r.qualName.substr(0, r.qualName.size() - std::string("::scoped_try_lock").size()),
                        "a header's `scoped_try_lock` is constructed by its users, which must add std::try_to_lock "
                        "when it becomes std::unique_lock; migrate it with them by hand");
    }
    void finish(Engine& e) override {
        rename(e);
        if (!mainIsHeader(e)) tryLockConstructions(e, info(), tryCtors_);
        onceInit(e);
    }

private:
    std::vector<const clang::CXXConstructExpr*> tryCtors_;

    void rename(Engine& e) {
        static const std::vector<Rename> table = {
            {"boost::mutex", "std::mutex", "<mutex>"},
            {"boost::recursive_mutex", "std::recursive_mutex", "<mutex>"},
            {"boost::timed_mutex", "std::timed_mutex", "<mutex>"},
            {"boost::recursive_timed_mutex", "std::recursive_timed_mutex", "<mutex>"},
            {"boost::shared_mutex", "std::shared_mutex", "<shared_mutex>"},
            {"boost::condition_variable", "std::condition_variable", "<condition_variable>"},
            {"boost::condition_variable_any", "std::condition_variable_any", "<condition_variable>"},
            {"boost::condition", "std::condition_variable_any", "<condition_variable>"},
            {"boost::cv_status", "std::cv_status", "<condition_variable>"},
            {"boost::cv_status::no_timeout", "std::cv_status::no_timeout", "<condition_variable>"},
            {"boost::cv_status::timeout", "std::cv_status::timeout", "<condition_variable>"},
            {"boost::lock_guard", "std::lock_guard", "<mutex>"},
            {"boost::unique_lock", "std::unique_lock", "<mutex>"},
            {"boost::shared_lock", "std::shared_lock", "<shared_mutex>"},
            {"boost::mutex::scoped_lock", "std::unique_lock<std::mutex>", "<mutex>"},
            {"boost::recursive_mutex::scoped_lock", "std::unique_lock<std::recursive_mutex>", "<mutex>"},
            {"boost::timed_mutex::scoped_lock", "std::unique_lock<std::timed_mutex>", "<mutex>"},
            {"boost::recursive_timed_mutex::scoped_lock", "std::unique_lock<std::recursive_timed_mutex>", "<mutex>"},
            {"boost::timed_mutex::scoped_timed_lock", "std::unique_lock<std::timed_mutex>", "<mutex>"},
            {"boost::recursive_timed_mutex::scoped_timed_lock", "std::unique_lock<std::recursive_timed_mutex>", "<mutex>"},
            {"boost::mutex::scoped_try_lock", "std::unique_lock<std::mutex>", "<mutex>"},
            {"boost::recursive_mutex::scoped_try_lock", "std::unique_lock<std::recursive_mutex>", "<mutex>"},
            {"boost::timed_mutex::scoped_try_lock", "std::unique_lock<std::timed_mutex>", "<mutex>"},
            {"boost::recursive_timed_mutex::scoped_try_lock", "std::unique_lock<std::recursive_timed_mutex>", "<mutex>"},
            {"boost::defer_lock_t", "std::defer_lock_t", "<mutex>"},
            {"boost::try_to_lock_t", "std::try_to_lock_t", "<mutex>"},
            {"boost::adopt_lock_t", "std::adopt_lock_t", "<mutex>"},
            {"boost::defer_lock", "std::defer_lock", "<mutex>"},
            {"boost::try_to_lock", "std::try_to_lock", "<mutex>"},
            {"boost::adopt_lock", "std::adopt_lock", "<mutex>"},
            {"boost::lock", "std::lock", "<mutex>"},
            {"boost::try_lock", "std::try_lock", "<mutex>"},
            {"boost::once_flag", "std::once_flag", "<mutex>"},
            {"boost::call_once", "std::call_once", "<mutex>"},
        };
        // In a header, a scoped_try_lock stays (see prepare): its users construct it.
        e.renameRefs(info(), table, [&](const Ref& r) {
            return !legacyCallOnce(e, r) && !(mainIsHeader(e) && llvm::StringRef(r.qualName).ends_with("::scoped_try_lock"));
        });
        swapCallOnce(e, info());
    }
    // `boost::once_flag f = BOOST_ONCE_INIT;`: std::once_flag is default-constructed.
    void onceInit(Engine& e) {
        if (e.blocked("boost::once_flag")) return;
        std::string text = e.mainText();
        for (const MacroUse& m : e.macroUses()) {
            if (m.name != "BOOST_ONCE_INIT" || !e.sm().isWrittenInMainFile(m.useLoc)) continue;
            std::size_t end = e.offset(m.useLoc) + m.name.size();
            std::size_t b = text.find_last_not_of(" \t", e.offset(m.useLoc) - 1);
            if (b == std::string::npos || text[b] != '=') continue;
            b = text.find_last_not_of(" \t", b - 1) + 1;
            clang::SourceLocation at = e.locAt(e.offset(m.useLoc));
            e.fix(info(), clang::SourceRange(at, at),
                  {e.replace(clang::CharSourceRange::getCharRange(e.locAt(b), e.locAt(end)), "")}, {"<mutex>"},
                  "drop `= BOOST_ONCE_INIT`: std::once_flag is default-constructed");
        }
    }
};
}  // namespace

std::unique_ptr<CppRule> makeBoostSyncPrimitives() { return std::make_unique<BoostSyncPrimitivesRule>(); }

}  // namespace anymig::cpp
