// AMC110 boost-thread-has-flag: #if/#ifdef/#ifndef/#elif on configured macros (HAVE_BOOST_THREAD,
// USE_BOOST_THREAD, ... given as -D/-U style assumptions) are folded like unifdef: the dead
// branches and the directives go, the live branch stays byte for byte. Conditions that combine a
// configured macro with anything else are flagged, not guessed.
// By intent: a macro that says "Boost.Thread is available" (HAVE_/HAS_/USE_/WITH_/ENABLE_BOOST_THREAD,
// ..._BOOST_CHRONO) is folded as undefined in a file that no longer uses Boost.Thread (after the
// renames of earlier rounds), with that reason; --assume-true/--assume-false override it.
#include <map>
#include <regex>
#include <set>

#include "matchers/cpp/engine.h"

namespace anymig::cpp {

extern const RuleInfo kBoostThreadHasFlag;
const RuleInfo kBoostThreadHasFlag{.id = "AMC110",
    .name = "boost-thread-has-flag",
    .category = "has-flag",
    .summary = "preprocessor conditionals on configured macros are folded (unifdef)",
    .safety = FixSafety::Safe,
    .brief = R"md(folds `#if/#ifdef/#elif` on assumed macros, live branch kept byte for byte)md",
    .doc = R"md(
clang-tidy check: `anymig-boost-thread-has-flag`

## What it does
Folds `#if`/`#ifdef`/`#ifndef`/`#elif` chains on configured macros (given as `--assume-true NAME` / `--assume-false NAME`, i.e. -D/-U style assumptions like unifdef): dead branches and their directives are removed, the live branch is kept byte for byte; an `#elif` that becomes first turns into `#if`. Conditions such as `NAME`, `!NAME`, `defined(NAME)`, `!defined NAME` are folded; anything combining a configured macro with something else is reported.

## Why
`#ifdef HAVE_BOOST_THREAD` scaffolding is part of the migration (PCL #2700 checklist). The kept branch is migrated by the other rules in the next round.

## Example
```cpp
#ifdef HAVE_BOOST_THREAD
#include <boost/thread.hpp>
typedef boost::mutex Mutex;
#else
#include <mutex>
typedef std::mutex Mutex;
#endif
```
Use instead:
```cpp
#include <mutex>
typedef std::mutex Mutex;   // with -D HAVE_BOOST_THREAD, after the next round
```

## Fix safety
Safe. Chains nested inside a branch the current compile configuration skips are only seen once the outer chain is folded (the next round).
)md"};

namespace {
class BoostThreadHasFlagRule : public CppRule {
public:
    const RuleInfo& info() const override { return kBoostThreadHasFlag; }

    void finish(Engine& e) override {
        static const Settings none;
        flags_ = (e.settings() ? e.settings() : &none)->flags;
        intent_.clear();
        if (!usesBoostThread(e))
            for (const CondDirective& c : e.conditionals()) {
                std::string name = c.condition.empty() ? macroOf(e, c) : c.condition;
                static const std::regex available("(HAVE|HAS|USE|WITH|ENABLE)_BOOST_?(THREAD|THREADS|CHRONO)");
                if (std::regex_match(name, available) && !flags_.count(name)) flags_[name] = false, intent_.insert(name);
            }
        if (flags_.empty()) return;
        text_ = e.mainText();
        // Chains in order of their opening directive.
        std::vector<std::vector<const CondDirective*>> chains;
        std::map<unsigned, std::size_t> index;
        for (const CondDirective& c : e.conditionals()) {
            unsigned key = c.chain.getRawEncoding();
            auto it = index.find(key);
            if (it == index.end()) {
                if (c.kind != CondDirective::If && c.kind != CondDirective::Ifdef && c.kind != CondDirective::Ifndef)
                    continue;
                index[key] = chains.size();
                chains.push_back({});
                it = index.find(key);
            }
            chains[it->second].push_back(&c);
        }
        for (const auto& chain : chains) fold(e, chain);
    }

private:
    // Whether the file (as it is now) still includes or names anything of Boost.Thread/Chrono.
    static bool usesBoostThread(Engine& e) {
        for (const IncludeDirective& inc : e.includes()) {
            llvm::StringRef w(inc.written);
            if (w.starts_with("boost/thread") || w.starts_with("boost/chrono")) return true;
        }
        for (const Ref& r : e.refs()) {
            if (!r.inLegacy || e.foreign(r.written.getBegin())) continue;
            llvm::StringRef file = e.sm().getFilename(e.sm().getSpellingLoc(r.decl->getLocation()));
            if (file.contains("/boost/thread") || file.contains("/boost/chrono")) return true;
        }
        return false;
    }
    // The single macro an #if/#elif tests (`#if HAVE_X`, `#if defined(HAVE_X)`), else "".
    std::string macroOf(Engine& e, const CondDirective& d) {
        if (d.kind != CondDirective::If && d.kind != CondDirective::Elif) return "";
        engine_ = &e;
        text_ = e.mainText();
        std::smatch m;
        std::string c = condition(d);
        if (std::regex_match(c, m, std::regex("!?\\s*(?:defined\\s*\\(?\\s*)?(\\w+)\\s*\\)?"))) return m[1].str();
        return "";
    }

    struct Value {
        std::optional<bool> known;
        std::string macro;  // the configured macro the condition mentions, if any
    };

    std::size_t lineStart(std::size_t off) const {
        while (off > 0 && text_[off - 1] != '\n') --off;
        return off;
    }
    // End of the logical line (after its newline), following backslash continuations.
    std::size_t lineEnd(std::size_t off) const {
        for (;;) {
            std::size_t nl = text_.find('\n', off);
            if (nl == std::string::npos) return text_.size();
            std::size_t k = nl;
            if (k > 0 && text_[k - 1] == '\r') --k;
            if (k > 0 && text_[k - 1] == '\\') {
                off = nl + 1;
                continue;
            }
            return nl + 1;
        }
    }
    std::string condition(const CondDirective& d) const {
        if (d.kind == CondDirective::Ifdef || d.kind == CondDirective::Ifndef) return d.condition;
        std::size_t s = lineStart(off_(d)), e = lineEnd(off_(d));
        std::string line = text_.substr(s, e - s);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        line = std::regex_replace(line, std::regex("\\\\\r?\n"), " ");
        line = std::regex_replace(line, std::regex("/\\*.*?\\*/"), " ");
        line = std::regex_replace(line, std::regex("//.*"), "");
        std::smatch m;
        if (std::regex_search(line, m, std::regex("^\\s*#\\s*(if|elif)\\b(.*)$"))) {
            std::string c = m[2].str();
            c = std::regex_replace(c, std::regex("^\\s+|\\s+$"), "");
            return c;
        }
        return "";
    }
    Value eval(const CondDirective& d, const std::map<std::string, bool>& flags) const {
        Value v;
        std::string c = condition(d);
        bool neg = d.kind == CondDirective::Ifndef;
        std::string name;
        std::smatch m;
        if (d.kind == CondDirective::Ifdef || d.kind == CondDirective::Ifndef) {
            name = c;
        } else if (std::regex_match(c, m, std::regex("(!?)\\s*defined\\s*\\(?\\s*(\\w+)\\s*\\)?")) ||
                   std::regex_match(c, m, std::regex("(!?)\\s*(\\w+)"))) {
            neg = m[1].length() > 0;
            name = m[2].str();
        }
        auto it = flags.find(name);
        if (!name.empty() && it != flags.end()) {
            v.known = it->second != neg;
            v.macro = name;
            return v;
        }
        for (const auto& [flag, on] : flags)
            if (std::regex_search(c, std::regex("\\b" + flag + "\\b"))) v.macro = flag;
        return v;
    }
    unsigned off_(const CondDirective& d) const { return engine_->offset(d.loc); }

    // The pieces that fold `chain` (valued by `values`): dead branches and the directives around
    // the live one go; an #elif that becomes first turns into #if.
    std::vector<FixPiece> foldPieces(Engine& e, const std::vector<const CondDirective*>& chain,
                                     const std::vector<Value>& values) {
        std::vector<FixPiece> pieces;
        auto remove = [&](std::size_t b, std::size_t en) {
            if (en <= b) return;
            // Whole lines "X\n" are removed as "\nX": the same text, but clang-tidy's cleanup
            // around replacements leaves the indentation of the following line alone.
            if (b > 0 && text_[b - 1] == '\n' && text_[en - 1] == '\n') --b, --en;
            pieces.push_back(e.replace(clang::CharSourceRange::getCharRange(e.locAt(b), e.locAt(en)), ""));
        };
        auto rewriteDirective = [&](const CondDirective& d, const std::string& from, const std::string& to) {
            std::size_t ls = lineStart(off_(d));
            std::size_t kw = text_.find(from, ls);
            pieces.push_back(e.replace(
                clang::CharSourceRange::getCharRange(e.locAt(kw), e.locAt(kw + from.size())), to));
        };
        bool live = false, keptBefore = false;
        std::string describe;
        for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
            const CondDirective& d = *chain[i];
            std::size_t dStart = lineStart(off_(d)), dEnd = lineEnd(off_(d));
            std::size_t bodyEnd = lineStart(off_(*chain[i + 1]));
            if (live) {
                remove(dStart, bodyEnd);
                continue;
            }
            std::optional<bool> value = d.kind == CondDirective::Else ? std::optional<bool>(true) : values[i].known;
            if (value && !*value) {
                remove(dStart, bodyEnd);
            } else if (value && *value) {
                live = true;
                if (!keptBefore) remove(dStart, dEnd);
                else if (d.kind != CondDirective::Else) {
                    // "#elif X" with X true after kept unknown branches: it becomes the #else.
                    std::size_t hash = text_.find('#', dStart);
                    pieces.push_back(e.replace(
                        clang::CharSourceRange::getCharRange(e.locAt(hash), e.locAt(dEnd)), "#else" + newline(dEnd)));
                }
            } else {
                if (!keptBefore && d.kind == CondDirective::Elif) rewriteDirective(d, "elif", "if");
                keptBefore = true;
            }
        }
        const CondDirective& endif = *chain.back();
        if (!keptBefore) remove(lineStart(off_(endif)), lineEnd(off_(endif)));
        return pieces;
    }

    void fold(Engine& e, const std::vector<const CondDirective*>& chain) {
        engine_ = &e;
        if (chain.size() < 2 || chain.back()->kind != CondDirective::Endif) return;
        for (const CondDirective* d : chain)
            if (d->kind == CondDirective::Other) return;
        std::vector<Value> values;
        bool anyKnown = false;
        std::string mentioned;
        for (const CondDirective* d : chain) {
            Value v = d->kind == CondDirective::Else || d->kind == CondDirective::Endif ? Value{} : eval(*d, flags_);
            if (v.known) anyKnown = true;
            if (!v.macro.empty() && mentioned.empty()) mentioned = v.macro;
            values.push_back(v);
        }
        clang::SourceLocation firstLoc = e.locAt(lineStart(off_(*chain.front())));
        if (!anyKnown) {
            if (!mentioned.empty())
                e.flag(info(), clang::SourceRange(firstLoc, firstLoc), SiteStatus::NeedsReview,
                       "condition on " + mentioned + " is too complex to fold; simplify it by hand");
            return;
        }
        std::vector<FixPiece> pieces = foldPieces(e, chain, values);
        const CondDirective& endif = *chain.back();
        if (pieces.empty()) return;
        // Folding by intent never makes an `#error` branch live.
        for (std::size_t i = 0; i < chain.size(); ++i)
            if (values[i].known && intent_.count(values[i].macro) && i + 1 < chain.size()) {
                std::size_t b = lineEnd(off_(*chain[0])), en = lineStart(off_(endif));
                if (text_.substr(b, en - b).find("#error") != std::string::npos) return;
            }
        std::string assumption;
        for (std::size_t i = 0; i < chain.size(); ++i)
            if (values[i].known) {
                bool defined = flags_.at(values[i].macro);
                assumption = values[i].macro + (defined ? " defined" : " undefined");
                if (intent_.count(values[i].macro)) assumption += " (this file no longer uses Boost.Thread)";
                break;
            }
        Site& site = e.fix(info(), clang::SourceRange(firstLoc, firstLoc), std::move(pieces), {},
                           "fold the conditional assuming " + assumption + "; the live branch is kept as is");
        site.priority = 0;
    }
    std::string newline(std::size_t lineEndOff) const {
        return lineEndOff >= 2 && text_[lineEndOff - 2] == '\r' ? "\r\n" : "\n";
    }

    std::string text_;
    Engine* engine_ = nullptr;
    std::map<std::string, bool> flags_;  // assumed values: the user's, then those by intent
    std::set<std::string> intent_;       // macros folded by intent in this file
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadHasFlag() { return std::make_unique<BoostThreadHasFlagRule>(); }

}  // namespace anymig::cpp
