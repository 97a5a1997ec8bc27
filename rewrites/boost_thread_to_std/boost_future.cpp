// AMC107 boost-future: boost::future/shared_future/promise/packaged_task/async -> std.
// Files that use continuations (.then, when_all, ...) keep Boost (boost-future-continuations).
#include <clang/AST/TypeLoc.h>
#include <clang/Lex/Lexer.h>

#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostFuture;
const RuleInfo kBoostFuture{.id = "AMC107",
    .name = "boost-future",
    .category = "create-task",
    .summary = "boost futures, promises, packaged_task and async become std",
    .safety = FixSafety::Conditional,
    .brief = R"md(future/shared_future/promise/packaged_task/async → std)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-future`

## What it does
`boost::future` (and V2's `unique_future`), `shared_future`, `promise`, `packaged_task`, `async`, `launch`, `future_status`, `future_error` become std. Boost's legacy single-type `packaged_task<R>` (the default before `BOOST_THREAD_VERSION 4`) becomes `std::packaged_task<R()>`: std needs the signature.

## Why
The basic future/promise API is the same in std.

## Example
```cpp
boost::future<int> f = boost::async(boost::launch::async, work);
```
Use instead:
```cpp
std::future<int> f = std::async(std::launch::async, work);
```
```cpp
boost::packaged_task<int> task(answer);
```
becomes
```cpp
std::packaged_task<int()> task(answer);
```

## Fix safety
Conditional: a file that uses continuations or readiness queries (`then`, `when_all`, `when_any`, `unwrap`, `is_ready`...) keeps Boost futures (boost-future-continuations). A `#define BOOST_THREAD_VERSION` goes with the include (boost-thread-includes).
)md"};

namespace {
class BoostFutureRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostFuture; }
    void registerMatchers(am::MatchFinder& f, am::MatchFinder::MatchCallback* cb) override {
        f.addMatcher(am::templateSpecializationTypeLoc(am::isExpansionInMainFile()).bind("ts"), cb);
    }
    // `packaged_task<R>`, Boost's legacy single-type form: std needs the signature `R()`.
    void onMatch(const MatchResult& r, Engine&) override {
        auto* tl = r.Nodes.getNodeAs<clang::TemplateSpecializationTypeLoc>("ts");
        const clang::TemplateDecl* td = tl ? tl->getTypePtr()->getTemplateName().getAsTemplateDecl() : nullptr;
        if (!td || Engine::qualifiedName(td) != "boost::packaged_task" || tl->getNumArgs() != 1) return;
        clang::TemplateArgumentLoc arg = tl->getArgLoc(0);
        if (arg.getArgument().getKind() != clang::TemplateArgument::Type ||
            arg.getArgument().getAsType()->isFunctionType())
            return;
        legacyTasks_[tl->getTemplateNameLoc().getRawEncoding()] = arg.getSourceRange();
    }
    void finish(Engine& e) override {
        for (const Ref& r : e.refs()) {
            auto it = legacyTasks_.find(r.written.getEnd().getRawEncoding());
            if (r.kind != Ref::Type || it == legacyTasks_.end() || e.foreign(r.written.getBegin())) continue;
            auto name = e.fileRange(r.written);
            auto arg = e.fileRange(it->second);
            if (const std::string* why = e.blocked(r.qualName)) {
                e.flag(info(), r.written, SiteStatus::NeedsReview, "kept `" + e.text(r.written) + "`: " + *why);
                continue;
            }
            if (!name || !arg) {
                e.flag(info(), r.written, SiteStatus::NeedsReview,
                       "`boost::packaged_task<R>` (legacy form) is spelled in a macro; write `std::packaged_task<R()>` by hand");
                continue;
            }
            std::string type = e.text(*arg);
            e.fix(info(), r.written, {e.replace(*name, "std::packaged_task"), e.replace(*arg, type + "()")}, {"<future>"},
                  "replace `boost::packaged_task<" + type + ">` (Boost's legacy form) with `std::packaged_task<" + type + "()>`");
        }
        static const std::vector<Rename> table = {
            {"boost::future", "std::future", "<future>"},
            {"boost::unique_future", "std::future", "<future>"},
            {"boost::shared_future", "std::shared_future", "<future>"},
            {"boost::promise", "std::promise", "<future>"},
            {"boost::packaged_task", "std::packaged_task", "<future>"},
            {"boost::async", "std::async", "<future>"},
            {"boost::launch", "std::launch", "<future>"},
            {"boost::launch::async", "std::launch::async", "<future>"},
            {"boost::launch::deferred", "std::launch::deferred", "<future>"},
            {"boost::future_status", "std::future_status", "<future>"},
            {"boost::future_status::ready", "std::future_status::ready", "<future>"},
            {"boost::future_status::timeout", "std::future_status::timeout", "<future>"},
            {"boost::future_status::deferred", "std::future_status::deferred", "<future>"},
            {"boost::future_error", "std::future_error", "<future>"},
        };
        e.renameRefs(info(), table, [&](const Ref& r) {
            return r.kind != Ref::Type || !legacyTasks_.count(r.written.getEnd().getRawEncoding());
        });
    }

private:
    std::map<unsigned, clang::SourceRange> legacyTasks_;  // template name location -> argument
};
}  // namespace

std::unique_ptr<CppRule> makeBoostFuture() { return std::make_unique<BoostFutureRule>(); }

}  // namespace anymig::cpp
