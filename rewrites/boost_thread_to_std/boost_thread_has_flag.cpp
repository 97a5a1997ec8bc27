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
#include <cctype>
#include <map>
#include <optional>
#include <regex>
#include <string_view>
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

// Hand scanners for what this rule reads in preprocessor lines. It used std::regex, whose
// matcher recurses once per character of a `.*`, `\s*` or `\w+`: a 30 KB `//` comment, `#define`
// or blank run in any C/C++ file overflowed the stack and ended the run.
bool wordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool spaceChar(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::size_t spacesEnd(std::string_view s, std::size_t i) {
    while (i < s.size() && spaceChar(s[i])) ++i;
    return i;
}

std::size_t wordEnd(std::string_view s, std::size_t i) {
    while (i < s.size() && wordChar(s[i])) ++i;
    return i;
}

std::string trimmed(std::string_view s) {
    std::size_t b = spacesEnd(s, 0), e = s.size();
    while (e > b && spaceChar(s[e - 1])) --e;
    return std::string(s.substr(b, e - b));
}

bool isWord(std::string_view s) { return !s.empty() && wordEnd(s, 0) == s.size(); }

// `/\*.*?\*/` -> " " (when `line_comments`, also `//.*` -> `line_comment`), `.` not crossing a CR/LF.
std::string withoutComments(std::string_view l, bool blockComments, bool lineComments, std::string_view lineComment) {
    std::string out;
    for (std::size_t i = 0; i < l.size();) {
        if (blockComments && l.compare(i, 2, "/*") == 0) {
            std::size_t close = l.find("*/", i + 2), brk = l.find_first_of("\r\n", i + 2);
            if (close != std::string_view::npos && (brk == std::string_view::npos || brk > close)) {
                out += ' ';
                i = close + 2;
                continue;
            }
        }
        if (lineComments && l.compare(i, 2, "//") == 0) {
            out += lineComment;
            i = std::min(l.size(), l.find_first_of("\r\n", i));
            continue;
        }
        out += l[i++];
    }
    return out;
}

// `^\s*#\s*WORD\b\s*(.*)$` for WORD among `words`: the word and the rest, or nothing.
std::optional<std::pair<std::string, std::string>> directive(std::string_view l, std::initializer_list<std::string_view> words) {
    std::size_t i = spacesEnd(l, 0);
    if (i == l.size() || l[i] != '#') return std::nullopt;
    i = spacesEnd(l, i + 1);
    for (std::string_view w : words) {
        if (l.compare(i, w.size(), w) != 0 || (i + w.size() < l.size() && wordChar(l[i + w.size()]))) continue;
        std::size_t rest = spacesEnd(l, i + w.size());
        if (l.find_first_of("\r\n", rest) != std::string_view::npos) return std::nullopt;
        return std::make_pair(std::string(w), std::string(l.substr(rest)));
    }
    return std::nullopt;
}

// A condition testing one macro: `[!] defined [(] M [)]` or `[!] M` (`closeAlone`: `[!] M [)]`),
// whole; the macro and whether it is negated. (`definedX` reads as `defined X`, as the
// regular expression it replaces did, unless `want` is given and is `definedX` itself.)
std::optional<std::pair<std::string, bool>> singleMacro(std::string_view c, bool closeAlone, std::string_view want = {}) {
    std::size_t i = 0;
    bool negated = i < c.size() && c[i] == '!';
    i = spacesEnd(c, i + negated);
    auto tail = [&](std::size_t at, bool close) -> std::optional<std::pair<std::string, bool>> {
        std::size_t e = wordEnd(c, at);
        if (e == at) return std::nullopt;
        std::size_t k = spacesEnd(c, e);
        if (close && k < c.size() && c[k] == ')') ++k;
        if (k != c.size()) return std::nullopt;
        return std::make_pair(std::string(c.substr(at, e - at)), negated);
    };
    if (c.compare(i, 7, "defined") == 0) {
        std::size_t k = spacesEnd(c, i + 7);
        if (k < c.size() && c[k] == '(') k = spacesEnd(c, k + 1);
        if (auto r = tail(k, true); r && (want.empty() || r->first == want)) return r;
    }
    return tail(i, closeAlone);
}

// Whether the text shows Boost.Thread code: `#\s*include\s*[<"]boost/(thread|chrono)\b`, or
// `\bboost::NAME\b` for a Boost.Thread name.
bool boostThreadName(std::string_view n) {
    static constexpr std::string_view exact[] = {"this_thread", "lock_guard", "promise", "packaged_task", "async",
                                                 "launch", "call_once", "once_flag", "chrono", "barrier", "latch",
                                                 "cv_status", "defer_lock", "try_to_lock", "adopt_lock", "lock"};
    auto starts = [&](std::string_view p) { return n.substr(0, p.size()) == p; };
    auto ends = [&](std::string_view p) { return n.size() >= p.size() && n.substr(n.size() - p.size()) == p; };
    return std::find(std::begin(exact), std::end(exact), n) != std::end(exact) || starts("thread") ||
           starts("condition") || ends("mutex") || ends("_lock") || ends("future");
}

bool boostThreadCode(std::string_view body) {
    for (std::size_t i = body.find("boost"); i != std::string_view::npos; i = body.find("boost", i + 1)) {
        if (i > 0 && wordChar(body[i - 1])) continue;
        if (body.compare(i + 5, 2, "::") == 0) {
            std::size_t b = i + 7, e = wordEnd(body, b);
            if (e > b && boostThreadName(body.substr(b, e - b))) return true;
        }
        if (body.compare(i + 5, 1, "/") == 0) {  // an include of <boost/thread...>
            std::string_view lib = body.substr(i + 6, 6);
            bool thread = (lib == "thread" || lib == "chrono") && !(i + 12 < body.size() && wordChar(body[i + 12]));
            std::size_t k = i;
            if (!thread || k == 0 || (body[k - 1] != '<' && body[k - 1] != '"')) continue;
            for (--k; k > 0 && spaceChar(body[k - 1]);) --k;
            if (k < 7 || body.compare(k - 7, 7, "include") != 0) continue;
            for (k -= 7; k > 0 && spaceChar(body[k - 1]);) --k;
            if (k > 0 && body[k - 1] == '#') return true;
        }
    }
    return false;
}

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
        // per branch: its lines, nested chains included, as a span of TextScan::lines (a copy per
        // chain made nested #ifs quadratic in memory: 5,000 levels held 25 million line copies)
        std::vector<std::pair<std::size_t, std::size_t>> bodies;
        unsigned line = 0;  // of the opening directive (1-based)
    };
    struct TextScan {
        std::string lines;  // every logical line, comments blanked, each ending in "\n"
        std::vector<TextChain> chains;
        std::string_view body(const TextChain& c, std::size_t branch) const {
            return std::string_view(lines).substr(c.bodies[branch].first, c.bodies[branch].second - c.bodies[branch].first);
        }
        std::vector<std::pair<std::string, unsigned>> code;     // non-directive lines, with their numbers
        std::vector<std::pair<std::string, unsigned>> defines;  // "#define M"/"#undef M" lines: macro, line
    };
    static TextScan scanText(const std::string& text) {
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
            std::string l = withoutComments(logical, true, true, " ");
            logical.clear();
            auto d = directive(l, {"ifdef", "ifndef", "if", "elif", "else", "endif", "define", "undef"});
            std::string kind = d ? d->first : "";
            std::string rest = d ? trimmed(d->second) : "";
            scan.lines += l + "\n";  // in the open chains' current branches (and this one's, when it ends one)
            const std::size_t here = scan.lines.size();
            if (kind == "if" || kind == "ifdef" || kind == "ifndef") {
                open.push_back(scan.chains.size());
                scan.chains.push_back({{kind + " " + rest}, {{here, std::string::npos}}, first});
            } else if ((kind == "elif" || kind == "else") && !open.empty()) {
                scan.chains[open.back()].conditions.push_back(kind + " " + rest);
                scan.chains[open.back()].bodies.back().second = here;
                scan.chains[open.back()].bodies.push_back({here, std::string::npos});
            } else if (kind == "endif" && !open.empty()) {
                scan.chains[open.back()].bodies.back().second = here;
                open.pop_back();
            } else if (kind == "define" || kind == "undef") {
                if (std::size_t e = wordEnd(rest, 0); e > 0) scan.defines.push_back({rest.substr(0, e), first});
            } else if (kind.empty()) {
                scan.code.push_back({l, first});
            }
        }
        for (std::size_t c : open) scan.chains[c].bodies.back().second = scan.lines.size();  // never closed
        return scan;
    }
    // `^\s*#\s*define\s+MACRO\b` at the start of `body`.
    static bool definesFirst(std::string_view body, const std::string& macro) {
        std::size_t i = spacesEnd(body, 0);
        if (i == body.size() || body[i] != '#') return false;
        i = spacesEnd(body, i + 1);
        if (body.compare(i, 6, "define") != 0) return false;
        std::size_t k = spacesEnd(body, i + 6);
        return k > i + 6 && body.compare(k, macro.size(), macro) == 0 &&
               !(k + macro.size() < body.size() && wordChar(body[k + macro.size()]));
    }
    // For a chain that tests `macro` alone (`#ifdef M`, `#ifndef M`, `#if [!]defined(M)`, `#if [!]M`,
    // with at most an `#else`): +1 when its Boost.Thread code is under "M defined" only, -1 when
    // under "M undefined" only, 0 when its branches do not differ so. nullopt: not such a chain.
    static std::optional<int> selects(const TextScan& scan, const TextChain& c, const std::string& macro) {
        if (c.conditions.size() > 2 || (c.conditions.size() == 2 && c.conditions[1].rfind("else", 0) != 0))
            return std::nullopt;
        const std::string& d = c.conditions[0];
        bool positive;
        std::optional<std::pair<std::string, bool>> tested;
        if (d == "ifdef " + macro || d == "ifndef " + macro) positive = d[2] == 'd';
        else if (d.rfind("if", 0) == 0 && d.size() > 2 && spaceChar(d[2]) &&
                 (tested = singleMacro(std::string_view(d).substr(spacesEnd(d, 2)), true, macro)) && tested->first == macro)
            positive = !tested->second;
        else return std::nullopt;
        // An include guard (`#ifndef M` then `#define M`) is not a configuration macro.
        if (!positive && definesFirst(scan.body(c, 0), macro)) return std::nullopt;
        bool inIf = boostThreadCode(scan.body(c, 0));
        bool inElse = c.bodies.size() > 1 && boostThreadCode(scan.body(c, 1));
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
            if (isWord(name)) tested.insert(name);
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
            std::optional<int> s = selects(scan, c, macro);
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
        auto tested = singleMacro(condition(d), true);
        return tested ? tested->first : "";
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
        std::string joined;  // `\\\r?\n` -> " "
        for (std::size_t i = 0; i < line.size(); ++i) {
            std::size_t nl = line[i] == '\\' ? (line.compare(i + 1, 2, "\r\n") == 0 ? i + 2 : i + 1) : i;
            if (nl > i && nl < line.size() && line[nl] == '\n') {
                joined += ' ';
                i = nl;
            } else {
                joined += line[i];
            }
        }
        line = withoutComments(withoutComments(joined, true, false, ""), false, true, "");
        auto found = directive(line, {"if", "elif"});
        return found ? trimmed(found->second) : "";
    }
    Value eval(const CondDirective& d, const std::map<std::string, bool>& flags) const {
        Value v;
        std::string c = condition(d);
        bool neg = d.kind == CondDirective::Ifndef;
        std::string name;
        if (d.kind == CondDirective::Ifdef || d.kind == CondDirective::Ifndef) {
            name = c;
        } else if (auto tested = singleMacro(c, false)) {
            neg = tested->second;
            name = tested->first;
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
