// AMC110 boost-thread-has-flag: #if/#ifdef/#ifndef/#elif on configured macros (HAVE_BOOST_THREAD,
// USE_BOOST_THREAD, ... given as -D/-U style assumptions) are folded like unifdef: the dead
// branches and the directives go, the live branch stays byte for byte. Conditions that combine a
// configured macro with anything else are flagged, not guessed.
// By intent, in a file that no longer uses Boost.Thread (after the renames of earlier rounds): a
// macro that says "Boost.Thread is available", by its name (HAVE_/HAS_/USE_/WITH_/ENABLE_BOOST_THREAD,
// ..._BOOST_CHRONO) or by use (every conditional on it selects Boost.Thread code in one branch
// only, in the file as it was before the run), is folded so that the branch without Boost.Thread
// stays, with that reason; not when the build defines it (-D/-U), the file defines it, or the file
// also uses it for something else (reported, with the place). --assume-true/--assume-false override.
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

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

## By intent
In a file that no longer includes or names anything of Boost.Thread (after the renames of the earlier rounds), a macro that says "Boost.Thread is available" is folded without being given: by its name (`HAVE_`, `HAS_`, `USE_`, `WITH_`, `ENABLE_` + `BOOST_THREAD(S)`/`BOOST_CHRONO`), or by use: every conditional on it (`#ifdef M`, `#ifndef M`, `#if [!]defined(M)`, `#if [!]M`, with at most an `#else`) has Boost.Thread code (a `<boost/thread...>`/`<boost/chrono...>` include or a `boost::` Boost.Thread name) in one branch only, in the file as it was before the run. The macro is folded so that the branch without Boost.Thread stays (undefined when the Boost code is under "defined", defined when it is under "not defined"); the message says why. It is not folded, and the conditional is reported with the reason, when the build defines or undefines it (`-D`/`-U` in the compile command: the build decides, fold with `--assume-false`), when the file `#define`s or `#undef`s it, when the file uses it outside conditionals, or (by use) when another conditional on it does not select Boost.Thread code. A chain with an `#error` is never folded by intent.

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
        intent_.clear(), refused_.clear();
        if (!usesBoostThread(e)) byIntent(e);
        if (flags_.empty() && refused_.empty()) return;
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
    // One #if chain of a text, as scanned line by line (the file before the run has no AST).
    struct TextChain {
        std::vector<std::string> conditions;  // per branch: "ifdef M", "ifndef M", "if <cond>", "elif <cond>", "else"
        std::vector<std::string> bodies;      // per branch: its lines, nested chains included
        unsigned line = 0;                    // of the opening directive (1-based)
    };
    struct TextScan {
        std::vector<TextChain> chains;
        std::vector<std::pair<std::string, unsigned>> code;     // non-directive lines, with their numbers
        std::vector<std::pair<std::string, unsigned>> defines;  // "#define M"/"#undef M" lines: macro, line
    };
    static TextScan scanText(const std::string& text) {
        static const std::regex directive(R"(^\s*#\s*(ifdef|ifndef|if|elif|else|endif|define|undef)\b\s*(.*)$)");
        TextScan scan;
        std::vector<std::size_t> open;
        std::istringstream in(text);
        std::string line, logical;
        for (unsigned number = 1, first = 1; std::getline(in, line); ++number) {
            if (logical.empty()) first = number;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty() && line.back() == '\\') {
                logical += line.substr(0, line.size() - 1) + " ";
                continue;
            }
            logical += line;
            std::string l = std::regex_replace(logical, std::regex(R"(/\*.*?\*/|//.*)"), " ");
            logical.clear();
            std::smatch m;
            std::string kind = std::regex_match(l, m, directive) ? m[1].str() : "";
            std::string rest = std::regex_replace(m.size() > 2 ? m[2].str() : "", std::regex(R"(\s+$)"), "");
            for (std::size_t c : open) scan.chains[c].bodies.back() += l + "\n";
            if (kind == "if" || kind == "ifdef" || kind == "ifndef") {
                open.push_back(scan.chains.size());
                scan.chains.push_back({{kind + " " + rest}, {""}, first});
            } else if ((kind == "elif" || kind == "else") && !open.empty()) {
                scan.chains[open.back()].conditions.push_back(kind + " " + rest);
                scan.chains[open.back()].bodies.push_back("");
            } else if (kind == "endif" && !open.empty()) {
                open.pop_back();
            } else if (kind == "define" || kind == "undef") {
                std::smatch n;
                if (std::regex_search(rest, n, std::regex(R"(^(\w+))"))) scan.defines.push_back({n[1].str(), first});
            } else if (kind.empty()) {
                scan.code.push_back({l, first});
            }
        }
        return scan;
    }
    static bool boostThreadCode(const std::string& body) {
        static const std::regex code(
            R"(#\s*include\s*[<"]boost/(thread|chrono)\b|\bboost::(this_thread|thread\w*|\w*mutex|condition\w*|)"
            R"(\w*_lock|lock_guard|\w*future|promise|packaged_task|async|launch|call_once|once_flag|chrono|barrier|)"
            R"(latch|cv_status|defer_lock|try_to_lock|adopt_lock|lock)\b)");
        return std::regex_search(body, code);
    }
    // For a chain that tests `macro` alone (`#ifdef M`, `#ifndef M`, `#if [!]defined(M)`, `#if [!]M`,
    // with at most an `#else`): +1 when its Boost.Thread code is under "M defined" only, -1 when
    // under "M undefined" only, 0 when its branches do not differ so. nullopt: not such a chain.
    static std::optional<int> selects(const TextChain& c, const std::string& macro) {
        if (c.conditions.size() > 2 || (c.conditions.size() == 2 && c.conditions[1].rfind("else", 0) != 0))
            return std::nullopt;
        const std::string& d = c.conditions[0];
        bool positive;
        std::smatch m;
        if (d == "ifdef " + macro || d == "ifndef " + macro) positive = d[2] == 'd';
        else if (std::regex_match(d, m, std::regex(R"(if\s+(!?)\s*(defined\s*\(?\s*)?)" + macro + R"(\s*\)?)")))
            positive = m[1].length() == 0;
        else return std::nullopt;
        // An include guard (`#ifndef M` then `#define M`) is not a configuration macro.
        if (!positive && std::regex_search(c.bodies[0], std::regex(R"(^\s*#\s*define\s+)" + macro + R"(\b)")))
            return std::nullopt;
        bool inIf = boostThreadCode(c.bodies[0]);
        bool inElse = c.bodies.size() > 1 && boostThreadCode(c.bodies[1]);
        if (inIf == inElse) return 0;
        return inIf == positive ? 1 : -1;
    }
    // The macros folded by intent in a file that no longer uses Boost.Thread (named so, or found by
    // use in the file as it was before the run); those that may not be folded go to refused_.
    void byIntent(Engine& e) {
        static const std::regex available("(HAVE|HAS|USE|WITH|ENABLE)_BOOST_?(THREAD|THREADS|CHRONO)");
        const std::string* original = nullptr;
        if (e.settings())
            if (auto it = e.settings()->values.find(kOriginalTextKey); it != e.settings()->values.end())
                original = &it->second;
        TextScan scan = scanText(original ? *original : e.mainText());
        std::set<std::string> tested;  // the macros the file's conditionals test now
        for (const CondDirective& c : e.conditionals()) {
            std::string name = c.condition.empty() ? macroOf(e, c) : c.condition;
            if (!name.empty() && std::regex_match(name, std::regex("\\w+"))) tested.insert(name);
        }
        for (const std::string& m : tested) {
            if (flags_.count(m)) continue;
            bool named = std::regex_match(m, available);
            std::optional<bool> value = named ? std::optional<bool>(false) : std::nullopt;
            std::string why = refusal(e, scan, m, named, value);
            if (!value) continue;  // not about Boost.Thread
            if (!why.empty()) refused_[m] = why;
            else flags_[m] = *value, intent_.insert(m);
        }
    }
    // Whether `macro` says "Boost.Thread is available" and its value by intent (`value`: kept
    // when named so; by use, set from the conditionals), and why it may not be folded ("": it may).
    static std::string refusal(Engine& e, const TextScan& scan, const std::string& macro, bool named,
                               std::optional<bool>& value) {
        const std::regex word("\\b" + macro + "\\b");
        int polarity = 0;
        std::string other;
        for (const TextChain& c : scan.chains) {
            bool mentions = false;
            for (const std::string& d : c.conditions) mentions = mentions || std::regex_search(d, word);
            if (!mentions) continue;
            std::optional<int> s = selects(c, macro);
            if (s && *s && (!polarity || polarity == *s)) {
                polarity = *s;
                continue;
            }
            if (other.empty())
                other = "the file also uses it for something else (the conditional at line " + std::to_string(c.line) +
                        (s && *s ? " selects Boost.Thread code the other way)" : " does not select Boost.Thread code)");
        }
        if (!named) {
            if (!polarity) return "";
            value = polarity < 0;  // Boost.Thread under "defined": fold as undefined, and the reverse
            if (!other.empty()) return other;
        }
        if (auto it = e.buildMacros().find(macro); it != e.buildMacros().end())
            return "the build sets it (" + it->second + " in the compile command); give --assume-" +
                   (*value ? "true " : "false ") + macro + " to fold it";
        for (const auto& [name, line] : scan.defines)
            if (name == macro) return "the file defines or undefines it (line " + std::to_string(line) + ")";
        for (const auto& [text, line] : scan.code)
            if (std::regex_search(text, word))
                return "the file also uses it outside conditionals (line " + std::to_string(line) + ")";
        return "";
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
        std::optional<std::pair<std::size_t, std::size_t>> last;  // the last piece, when a removal: its range
        auto remove = [&](std::size_t b, std::size_t en) {
            if (en <= b) return;
            // A removal right after one at the start of the file (not shifted, below) joins it.
            if (last && !pieces.empty() && last->second == b) b = last->first, pieces.pop_back();
            // Whole lines "X\n" are removed as "\nX": the same text, but clang-tidy's cleanup
            // around replacements leaves the indentation of the following line alone.
            else if (b > 0 && text_[b - 1] == '\n' && text_[en - 1] == '\n') --b, --en;
            pieces.push_back(e.replace(clang::CharSourceRange::getCharRange(e.locAt(b), e.locAt(en)), ""));
            last = std::make_pair(b, en);
        };
        auto rewriteDirective = [&](const CondDirective& d, const std::string& from, const std::string& to) {
            last.reset();
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
                    last.reset();
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
            std::string tested = chain.front()->condition.empty() ? macroOf(e, *chain.front()) : chain.front()->condition;
            if (auto it = refused_.find(tested); it != refused_.end())
                e.flag(info(), clang::SourceRange(firstLoc, firstLoc), SiteStatus::NeedsReview,
                       tested + " is not folded although this file no longer uses Boost.Thread: " + it->second);
            else if (!mentioned.empty())
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
                if (intent_.count(values[i].macro))
                    assumption += defined ? " (this file no longer uses Boost.Thread, which it selects when undefined)"
                                          : " (this file no longer uses Boost.Thread)";
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
    std::map<std::string, std::string> refused_;  // macros not folded by intent, and why
};
}  // namespace

std::unique_ptr<CppRule> makeBoostThreadHasFlag() { return std::make_unique<BoostThreadHasFlagRule>(); }

}  // namespace anymig::cpp
