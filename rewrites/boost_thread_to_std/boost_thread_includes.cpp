// AMC101 boost-thread-includes: <boost/thread.hpp>, <boost/thread/*.hpp>, <boost/chrono.hpp>
// become the standard headers the accepted fixes need (<thread>, <mutex>, <shared_mutex>,
// <condition_variable>, <future>, <chrono>, ...). The Boost include is removed only when no
// name it provides is still used in the file; names that merely came along (boost::bind,
// boost::function, posix_time, ...) and are still used get the Boost header they really need.
// With the include go `#define BOOST_THREAD_*` configuration lines and `using namespace
// boost[::this_thread|::chrono|...]` / `namespace x = boost...` that no longer name anything.
// This rule runs last, on the fixes the other rules actually got accepted.
#include <clang/AST/DeclCXX.h>
#include <clang/Lex/Lexer.h>

#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadIncludes;
const RuleInfo kBoostThreadIncludes{.id = "AMC101",
    .name = "boost-thread-includes",
    .category = "import",
    .summary = "Boost.Thread includes become the standard headers actually needed",
    .safety = FixSafety::Safe,
    .brief = R"md(`<boost/thread*.hpp>`/`<boost/chrono.hpp>` → the std headers actually needed; removed only when nothing from Boost.Thread remains)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-includes`

## What it does
Replaces `<boost/thread.hpp>`, `<boost/thread/*.hpp>` and `<boost/chrono.hpp>` with the standard headers the accepted fixes of the same run need (`<thread>`, `<mutex>`, `<shared_mutex>`, `<condition_variable>`, `<future>`, `<chrono>`, `<functional>`, `<utility>`, `<vector>`). Runs last, on the fixes the other rules actually got accepted. The Boost include is removed only when no name it provides is still used in the file; names that merely came along and are still used (posix_time, for instance) get the Boost header they really need instead. With the include go `#define BOOST_THREAD_*` configuration lines, `<boost/function.hpp>`-style headers whose names moved to std, and `using namespace boost[::this_thread|::chrono|::posix_time|::placeholders]` / `namespace x = boost;` that no longer name anything. When a Boost.Thread name remains, the include stays and the rule says which name (needs-review), and the std headers are added next to it.

A rewrite that removes an include is parsed once more before it is accepted: when a header included later in the file stops compiling (a project header relying on `<boost/thread.hpp>` being included before it), the include is kept and reported (`keep <boost/thread.hpp>: still needed by a header included after it, ...`); when the file uses std names the Boost header brought in (`std::list`, `std::map`, `std::ostringstream`...), their headers (`<list>`, `<map>`, `<sstream>`) are added with the replacement.

## Why
Leaving `<boost/thread.hpp>` behind keeps the link dependency and hides names that still compile only because of it; removing it while something still needs it breaks the build. The decision is made from the AST (which declarations the remaining names refer to and which include brought them in), not from text.

## Example
```cpp
#include <boost/thread.hpp>
namespace bt = boost;
bt::mutex m;
```
Use instead:
```cpp
#include <mutex>
std::mutex m;
```

## Fix safety
Safe: it only runs on accepted fixes and keeps any include still needed. The resulting file is re-parsed before it is written.
)md"};

namespace {

bool isThreadInclude(llvm::StringRef w) {
    return w == "boost/thread.hpp" || w.starts_with("boost/thread/") || w == "boost/chrono.hpp" ||
           w.starts_with("boost/chrono/");
}

// Headers of what comes along with Boost.Thread: removed together with a Boost.Thread include
// when nothing from them is used any more (boost-bind-function moved their uses to std).
bool isComesAlongInclude(llvm::StringRef w) {
    return w == "boost/function.hpp" || w == "boost/bind.hpp" || w == "boost/bind/bind.hpp" || w == "boost/ref.hpp" ||
           w == "boost/move/move.hpp" || w == "boost/move/utility.hpp";
}

// The public header for a Boost declaration that is not part of Boost.Thread itself; empty when
// the declaration belongs to Boost.Thread/Chrono (then the include must stay).
std::string publicHeader(llvm::StringRef file) {
    if (file.contains("/boost/thread") || file.contains("/boost/chrono") || file.contains("/boost/ratio")) return "";
    if (file.contains("/boost/bind")) return "<boost/bind/bind.hpp>";
    if (file.contains("/boost/function")) return "<boost/function.hpp>";
    if (file.contains("/boost/core/ref.hpp")) return "<boost/ref.hpp>";
    if (file.contains("/boost/move/")) return "<boost/move/utility.hpp>";
    if (file.contains("/boost/date_time/")) return "<boost/date_time/posix_time/posix_time_types.hpp>";
    if (file.contains("/boost/smart_ptr/")) return "<boost/smart_ptr.hpp>";
    if (file.contains("/boost/system/")) return "<boost/system/error_code.hpp>";
    if (file.contains("/boost/optional/")) return "<boost/optional.hpp>";
    return "";
}

class BoostThreadIncludesRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadIncludes; }
    bool late() const override { return true; }
    void registerMatchers(am::MatchFinder& f, am::MatchFinder::MatchCallback* cb) override {
        using namespace clang::ast_matchers;
        f.addMatcher(usingDirectiveDecl(isExpansionInMainFile()).bind("ud"), cb);
        f.addMatcher(namespaceAliasDecl(isExpansionInMainFile()).bind("na"), cb);
    }
    void onMatch(const MatchResult& r, Engine&) override {
        if (auto* d = r.Nodes.getNodeAs<clang::UsingDirectiveDecl>("ud")) directives_.push_back(d);
        if (auto* d = r.Nodes.getNodeAs<clang::NamespaceAliasDecl>("na")) directives_.push_back(d);
    }

    void finish(Engine& e) override {
        text_ = e.mainText();
        std::vector<const IncludeDirective*> thread;
        std::set<std::string> direct;
        std::set<unsigned> threadLines;
        collectThreadIncludes(e, thread, direct, threadLines);
        std::set<std::string> need;
        for (const Site* s : e.acceptedFixes())
            for (const std::string& h : s->headers)
                if (!direct.count(h.substr(1, h.size() - 2))) need.insert(h);
        if (thread.empty() && need.empty()) return;

        std::set<std::string> keep;  // Boost headers still needed for names that came along
        std::vector<const Ref*> remaining;
        std::string blocker = findBlocker(e, threadLines, keep, remaining);

        const Settings* settings = e.settings();
        if (std::string kept = settings ? settings->get(kKeepIncludesKey) : ""; blocker.empty() && !kept.empty())
            blocker = "a header included after it, which does not compile without it (" + kept + ")";
        std::string extra = settings ? settings->get(kExtraHeadersKey) : "";
        if (!thread.empty())
            for (llvm::StringRef h : llvm::split(extra, ','))
                if (h.size() > 2 && !direct.count(h.drop_front().drop_back().str())) need.insert(h.str());
        std::string nl = text_.find("\r\n") != std::string::npos ? "\r\n" : "\n";
        std::string added;
        for (const std::string& h : need) added += "#include " + h + nl;
        if (!thread.empty() && blocker.empty()) {
            replaceThreadIncludes(e, thread, direct, need, keep, remaining, std::move(added), nl);
            return;
        }
        if (!thread.empty())
            e.flag(info(), clang::SourceRange(thread[0]->hashLoc, thread[0]->hashLoc), SiteStatus::NeedsReview,
                   "keep " + includeList(thread) + ": still needed by " + blocker);
        if (need.empty()) return;
        addHeaders(e, thread, need, added);
    }

private:
    // The Boost.Thread includes of the main file (with the comes-along ones when there is any), in
    // file order; every include as written; the lines of the Boost.Thread ones.
    static void collectThreadIncludes(Engine& e, std::vector<const IncludeDirective*>& thread,
                                      std::set<std::string>& direct, std::set<unsigned>& threadLines) {
        clang::SourceManager& sm = e.sm();
        for (const IncludeDirective& inc : e.includes()) {
            direct.insert(inc.written);
            if (isThreadInclude(inc.written)) {
                thread.push_back(&inc);
                threadLines.insert(sm.getSpellingLineNumber(inc.hashLoc));
            }
        }
        if (!thread.empty())
            for (const IncludeDirective& inc : e.includes())
                if (isComesAlongInclude(inc.written)) {
                    thread.push_back(&inc);
                    threadLines.insert(sm.getSpellingLineNumber(inc.hashLoc));
                }
        std::sort(thread.begin(), thread.end(), [&](const IncludeDirective* a, const IncludeDirective* b) {
            return e.offset(a->hashLoc) < e.offset(b->hashLoc);
        });
    }

    // What still needs a Boost.Thread include ("" when nothing does). Fills `keep` with the Boost
    // headers the names that came along need, and `remaining` with the legacy references left.
    static std::string findBlocker(Engine& e, const std::set<unsigned>& threadLines, std::set<std::string>& keep,
                                   std::vector<const Ref*>& remaining) {
        clang::SourceManager& sm = e.sm();
        // Which main-file #include line brought in the file that declares `loc`?
        auto viaThreadInclude = [&](clang::SourceLocation loc) {
            clang::SourceLocation inc = e.mainInclude(loc);
            return inc.isValid() && threadLines.count(sm.getSpellingLineNumber(inc)) > 0;
        };
        std::string blocker;
        for (const Ref& r : e.refs()) {
            if (!r.inLegacy || r.kind == Ref::Member || e.foreign(r.written.getBegin()) ||
                e.covered(r.written.getBegin()))
                continue;
            remaining.push_back(&r);
            if (!blocker.empty() || !viaThreadInclude(r.decl->getLocation())) continue;
            std::string pub = publicHeader(sm.getFilename(sm.getSpellingLoc(r.decl->getLocation())));
            if (pub.empty())
                blocker = "`" + e.text(r.written) + "` (line " +
                          std::to_string(sm.getExpansionLineNumber(r.written.getBegin())) + ")";
            else keep.insert(pub);
        }
        for (const MacroUse& m : e.macroUses()) {
            if (!blocker.empty()) break;
            if (m.defLoc.isInvalid() || sm.isWrittenInMainFile(m.defLoc) || e.covered(m.useLoc) ||
                !viaThreadInclude(m.defLoc))
                continue;
            std::string pub = publicHeader(sm.getFilename(sm.getSpellingLoc(m.defLoc)));
            if (pub.empty())
                blocker = "macro " + m.name + " (line " + std::to_string(sm.getExpansionLineNumber(m.useLoc)) + ")";
            else keep.insert(pub);
        }
        return blocker;
    }

    // Nothing needs the Boost.Thread includes any more: the first becomes the needed headers, the
    // others go, with the BOOST_THREAD_* configuration and the using-directives/aliases left empty.
    void replaceThreadIncludes(Engine& e, const std::vector<const IncludeDirective*>& thread,
                               const std::set<std::string>& direct, const std::set<std::string>& need,
                               const std::set<std::string>& keep, const std::vector<const Ref*>& remaining,
                               std::string added, const std::string& nl) {
        std::vector<FixPiece> pieces;
        for (const std::string& h : keep)
            if (!direct.count(h.substr(1, h.size() - 2)) || isComesAlongInclude(h.substr(1, h.size() - 2)))
                added += "#include " + h + nl;
        for (std::size_t i = 0; i < thread.size(); ++i) {
            auto [b, en] = lineOf(e.offset(thread[i]->hashLoc));
            pieces.push_back(e.replace(range(e, b, en), i == 0 ? added : ""));
        }
        for (const MacroDef& d : e.macroDefs()) {
            if (!llvm::StringRef(d.name).starts_with("BOOST_THREAD_")) continue;
            auto [b, en] = lineOf(e.offset(d.hashLoc));
            if (text_.find('#', b) < e.offset(d.hashLoc)) pieces.push_back(e.replace(range(e, b, en), ""));
        }
        bool boostLeft = !keep.empty();
        for (const IncludeDirective& inc : e.includes())
            if (llvm::StringRef(inc.written).starts_with("boost/") && !isThreadInclude(inc.written) &&
                !isComesAlongInclude(inc.written))
                boostLeft = true;
        for (const clang::NamedDecl* d : directives_) removeDirective(e, d, remaining, boostLeft, pieces);
        std::string list;
        for (const std::string& h : need) list += (list.empty() ? "" : ", ") + h;
        std::string msg = "replace " + includeList(thread) + (list.empty() ? " (nothing from it is used any more)" : " with " + list);
        e.fix(info(), clang::SourceRange(thread[0]->hashLoc, thread[0]->hashLoc), std::move(pieces), {}, msg);
    }

    // The needed std headers are added while the Boost.Thread includes (if any) stay.
    void addHeaders(Engine& e, const std::vector<const IncludeDirective*>& thread, const std::set<std::string>& need,
                    const std::string& added) {
        // Insert after the last Boost.Thread include, else after the last include, else at the top.
        std::size_t at = 0;
        const IncludeDirective* anchor = thread.empty() ? (e.includes().empty() ? nullptr : &e.includes().back())
                                                        : thread.back();
        if (anchor) at = lineOf(e.offset(anchor->hashLoc)).second;
        std::string list;
        for (const std::string& h : need) list += (list.empty() ? "" : ", ") + h;
        clang::SourceLocation loc = e.locAt(at);
        e.fix(info(), clang::SourceRange(anchor ? anchor->hashLoc : loc, anchor ? anchor->hashLoc : loc),
              {e.insert(loc, added)}, {}, "add " + list);
    }

    static std::string includeList(const std::vector<const IncludeDirective*>& incs) {
        std::string out;
        for (const IncludeDirective* i : incs)
            out += (out.empty() ? "" : ", ") + std::string(i->angled ? "<" : "\"") + i->written + (i->angled ? ">" : "\"");
        return out;
    }
    std::pair<std::size_t, std::size_t> lineOf(std::size_t off) const {
        std::size_t b = off;
        while (b > 0 && text_[b - 1] != '\n') --b;
        std::size_t en = text_.find('\n', off);
        return {b, en == std::string::npos ? text_.size() : en + 1};
    }
    static clang::CharSourceRange range(Engine& e, std::size_t b, std::size_t en) {
        return clang::CharSourceRange::getCharRange(e.locAt(b), e.locAt(en));
    }
    void removeDirective(Engine& e, const clang::NamedDecl* d, const std::vector<const Ref*>& remaining,
                         bool boostLeft, std::vector<FixPiece>& pieces) {
        if (e.foreign(d->getBeginLoc())) return;
        const clang::NamespaceDecl* ns = nullptr;
        if (auto* u = llvm::dyn_cast<clang::UsingDirectiveDecl>(d)) ns = u->getNominatedNamespace();
        else if (auto* a = llvm::dyn_cast<clang::NamespaceAliasDecl>(d)) ns = a->getNamespace();
        if (!ns) return;
        std::string q = Engine::qualifiedName(ns);
        static const std::set<std::string> ours = {"boost", "boost::this_thread", "boost::chrono",
                                                   "boost::posix_time", "boost::placeholders"};
        if (!ours.count(q)) return;
        if (q == "boost" && boostLeft) return;
        for (const Ref* r : remaining)
            if (llvm::StringRef(r->qualName).starts_with(q + "::")) return;
        auto r = e.fileRange(d->getSourceRange());
        if (!r) return;
        std::size_t b = e.offset(r->getBegin()), en = e.offset(r->getEnd());
        std::size_t semi = text_.find(';', en);
        if (semi == std::string::npos) return;
        en = semi + 1;
        auto [lb, le] = lineOf(b);
        bool alone = text_.find_first_not_of(" \t", lb) == b &&
                     (text_.find_first_not_of(" \t\r", en) == le - 1 || text_.find_first_not_of(" \t\r", en) >= le);
        if (alone) {
            b = lb, en = le;
            // Between two blank lines: take one of them too, so no double blank line is left.
            auto blank = [&](std::size_t from) {
                std::size_t k = text_.find_first_not_of(" \t\r", from);
                return k != std::string::npos && text_[k] == '\n';
            };
            if (b > 0 && en < text_.size() && blank(en) && (b == 1 || text_[b - 2] == '\n' || blank(lineOf(b - 1).first)))
                en = text_.find('\n', en) + 1;
        }
        pieces.push_back(e.replace(range(e, b, en), ""));
    }

    std::vector<const clang::NamedDecl*> directives_;
    std::string text_;
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadIncludes() { return std::make_unique<BoostThreadIncludesRule>(); }

}  // namespace anymig::cpp
