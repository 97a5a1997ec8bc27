#include "matchers/python/parse_view.h"

#include <cctype>
#include <cstddef>
#include <vector>

namespace anymig::python {

namespace {

struct Line {
    std::size_t hash = 0, end = 0;  // the comment's first byte (`#`), the line's end (before \r or \n)
};

std::size_t skipString(std::string_view text, std::size_t at, int& line, bool* unterminated = nullptr);

enum class Place { Brackets, Outside, String };

// Where `pos` (the backslash of a line holding only one) stands: inside brackets, outside them,
// or inside a string, scanning from `from` (a position outside strings and comments) with
// bracket depth `depth`; both are advanced to `pos` for the next, later, question. Comments and
// strings are skipped as CPython's tokenizer does (a string continued by `\` goes on past the newline).
Place placeOf(std::string_view text, std::size_t pos, std::size_t& from, int& depth) {
    int line = 0;
    std::size_t i = from;
    while (i < pos) {
        char c = text[i];
        if (c == '#') {
            std::size_t end = text.find_first_of("\r\n", i);
            i = end == std::string_view::npos ? text.size() : end;
        } else if (c == '\'' || c == '"') {
            i = skipString(text, i, line);
        } else {
            if (c == '(' || c == '[' || c == '{') ++depth;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
            ++i;
        }
    }
    from = i;
    if (i != pos) return Place::String;  // past pos: pos is inside a string
    return depth > 0 ? Place::Brackets : Place::Outside;
}

// A run of kLongCommentRun or more lines holding only a backslash outside brackets and strings:
// the bytes [start, end) from its second line to the end of its last, holding `lines` newlines.
struct JoinRun {
    std::size_t start = 0, end = 0;
    uint32_t row = 0, lines = 0;  // start's row
};

// The runs of `joins` (lines holding only a backslash, outside brackets, with their rows) to
// leave out of the text parsed: each stretch of consecutive rows (no blank line between: that
// ends the logical line) keeps its first line and drops the others, which are the same logical
// line. Lines must end with \n or \r\n (rows as tree-sitter counts them).
void collapsible(std::string_view text, const std::vector<Line>& joins, const std::vector<uint32_t>& joinRows,
                 std::vector<JoinRun>& out) {
    auto after = [&](const Line& l) -> std::size_t {  // past its newline; 0 for a lone \r
        if (text[l.end] == '\n') return l.end + 1;
        return l.end + 1 < text.size() && text[l.end + 1] == '\n' ? l.end + 2 : 0;
    };
    std::size_t i = 1;
    while (i < joins.size()) {
        std::size_t j = i;
        while (j < joins.size() && joinRows[j] == joinRows[j - 1] + 1 && after(joins[j - 1]) && after(joins[j])) ++j;
        if (j - i >= static_cast<std::size_t>(kLongCommentRun))
            out.push_back({after(joins[i - 1]), after(joins[j - 1]), joinRows[i], static_cast<uint32_t>(j - i)});
        i = j + 1;
    }
}

// The blanked copy (parseView) and the runs of joins outside brackets (outside: may be null).
std::optional<std::string> scanView(std::string_view text, std::vector<JoinRun>* outside) {
    std::vector<Line> run;                 // eligible comment lines of the current run
    std::vector<Line> blank;               // of runs long enough
    std::vector<Line> joins;               // lines holding only a backslash, of the current run
    std::vector<uint32_t> joinRows;        // their rows
    std::size_t scanned = 0;               // placeOf's progress
    int depth = 0;
    uint32_t row = 0;
    auto close = [&] {
        if (run.size() >= static_cast<std::size_t>(kLongCommentRun)) blank.insert(blank.end(), run.begin(), run.end());
        run.clear();
    };
    auto closeJoins = [&] {
        if (joins.size() >= static_cast<std::size_t>(kLongCommentRun)) {
            Place place = placeOf(text, joins.front().hash, scanned, depth);
            if (place == Place::Brackets) {
                blank.insert(blank.end(), joins.begin(), joins.end());
            } else if (place == Place::Outside && outside) {
                collapsible(text, joins, joinRows, *outside);
            }
        }
        joins.clear();
        joinRows.clear();
    };
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) end = text.size();
        std::size_t first = pos;
        while (first < end && (text[first] == ' ' || text[first] == '\t' || text[first] == '\f')) ++first;
        if (first == end) {
            // a blank line: neither ends nor counts in a run
        } else if (text[first] == '#' && text.substr(first, end - first).find_first_of("'\"{}\\") == std::string_view::npos) {
            run.push_back({first, end});
            closeJoins();
        } else if (text[first] == '\\' && first + 1 == end && end < text.size()) {
            joins.push_back({first, end});
            joinRows.push_back(row);
            close();
        } else {
            close();
            closeJoins();
        }
        pos = end;
        if (pos < text.size() && text[pos] == '\r') ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
        row += pos > 0 && text[pos - 1] == '\n';  // rows as tree-sitter counts them
    }
    close();
    closeJoins();
    if (blank.empty()) return std::nullopt;
    std::string view(text);
    for (const Line& l : blank) view.replace(l.hash, l.end - l.hash, l.end - l.hash, ' ');
    return view;
}

}  // namespace

std::optional<std::string> parseView(std::string_view text) { return scanView(text, nullptr); }

namespace {

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }

// The end of the string literal whose opening quote is at `at` (past its closing quote; at the
// line's end for an unterminated one-line string, at the text's end for an unterminated
// triple-quoted one); `line` counts the newlines passed.
std::size_t skipString(std::string_view text, std::size_t at, int& line, bool* unterminated) {
    const char q = text[at];
    if (unterminated) *unterminated = true;
    const bool triple = at + 2 < text.size() && text[at + 1] == q && text[at + 2] == q;
    std::size_t i = at + (triple ? 3 : 1);
    while (i < text.size()) {
        char c = text[i];
        if (c == '\\') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++line;
            i += 2;
            continue;
        }
        if (c == '\n') {
            if (!triple) return i;
            ++line;
        }
        if (c == q && (!triple || (i + 2 < text.size() && text[i + 1] == q && text[i + 2] == q))) {
            if (unterminated) *unterminated = false;
            return i + (triple ? 3 : 1);
        }
        ++i;
    }
    return text.size();
}

}  // namespace

namespace {

bool isKeyword(std::string_view w) {
    static constexpr std::string_view words[] = {
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
        "or", "pass", "raise", "return", "try", "while", "with", "yield"};
    for (std::string_view k : words)
        if (w == k) return true;
    return false;
}

// The right-associative chains CPython 3.11's parser nests one level (or more) per link, with
// nothing but a name or number between the links: `2**2**...`, `lambda: lambda: ...` (a lambda's
// parameters may be names, `,`, `*`, `**`, `/`) and `a if b else a if b else ...`. Its parser stops
// at a stack of 6,000 with MemoryError: /usr/bin/python3 refuses 2,986 `**` or `lambda` links and
// 5,971 `else` links at the shallowest place (a bare expression statement at module level,
// whatever follows the chain), fewer anywhere else. Fed one token at a time; says which chain
// reached its limit.
class Chains {
public:
    enum class Token { Operand, Keyword, Op, Other };
    // `word` is the keyword or the operator (`**`, `*`, `,`, `/`, `:`) for those kinds
    const char* feed(Token t, std::string_view word) {
        const bool operand = t == Token::Operand;
        // a ** b ** c: a `**` right after an operand continues the run
        if (t == Token::Op && word == "**" && powLast_ == Token::Operand) {
            if (++pow_ >= kPowLinks) return "`**` operators";
        } else if (!operand) {
            pow_ = 0;
        } else if (powLast_ == Token::Operand) {
            pow_ = 0;
        }
        powLast_ = t == Token::Op && word == "**" ? Token::Op : operand ? Token::Operand : Token::Other;
        // lambda [names , * ** /]: lambda ...
        if (t == Token::Keyword && word == "lambda") {
            lambdas_ = lambdaState_ == 2 ? lambdas_ + 1 : 1;
            lambdaState_ = 1;
            if (lambdas_ >= kPowLinks) return "nested lambdas";
        } else if (lambdaState_ == 1 && t == Token::Op && word == ":") {
            lambdaState_ = 2;
        } else if (!(lambdaState_ == 1 && (operand || (t == Token::Op && word != ":")))) {
            lambdas_ = 0;
            lambdaState_ = 0;
        }
        // x if y else x if y else ...: condState_ 1 after an operand, 2 after its `if`, 3 after the
        // condition, 4 after `else` (the chain goes on with the next operand); elses_ counts them
        if (operand && condState_ == 2) {
            condState_ = 3;
        } else if (operand && condState_ == 4) {
            condState_ = 1;
        } else if (operand) {
            condState_ = 1;
            elses_ = 0;
        } else if (t == Token::Keyword && word == "if" && condState_ == 1) {
            condState_ = 2;
        } else if (t == Token::Keyword && word == "else" && condState_ == 3) {
            condState_ = 4;
            if (++elses_ >= kElseLinks) return "conditional expressions";
        } else {
            condState_ = 0;
            elses_ = 0;
        }
        return nullptr;
    }
    static constexpr int kPowLinks = 2986, kElseLinks = 5971;

private:
    Token powLast_ = Token::Other;
    int pow_ = 0, lambdas_ = 0, lambdaState_ = 0, elses_ = 0, condState_ = 0;
};

}  // namespace

// Long on purpose: one pass over the text, the checks of each kind of token in its loop.
std::optional<std::string> nestingError(std::string_view text, std::vector<std::uint32_t>* bracketSpans) {
    static const std::string tooDeep =
        "expression nested too deeply (" + std::to_string(kMaxPrefixRun) + " prefix operators in a row)";
    int depth = 0, run = 0, line = 1;
    std::vector<std::pair<char, int>> open;  // the brackets open, with their lines
    std::size_t outermost = 0;  // where the outermost open bracket is
    std::size_t lineStart = 0;  // of the line `line` (the line of an error is where its token starts)
    auto at = [&](std::size_t pos, const std::string& why) {
        return "line " + std::to_string(line) + ", column " + std::to_string(pos - lineStart + 1) + ": " + why;
    };
    Chains chains;
    auto chain = [&](std::size_t pos, Chains::Token t, std::string_view word) -> std::optional<std::string> {
        const char* what = chains.feed(t, word);
        if (!what) return std::nullopt;
        const int n = std::string_view(what) == "conditional expressions" ? Chains::kElseLinks : Chains::kPowLinks;
        return at(pos, "expression nested too deeply (" + std::to_string(n) + " " + what +
                           " in a row: CPython's parser runs out of memory)");
    };
    using T = Chains::Token;
    // Long on purpose: one branch per kind of token CPython's tokenizer tells apart, in one pass.
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '#') {
            std::size_t end = text.find('\n', i);
            i = end == std::string_view::npos ? text.size() : end;
        } else if (c == '\'' || c == '"') {
            int before = line;
            bool unterminated = false;
            i = skipString(text, i, line, &unterminated);
            // CPython's tokenizer stops there ("unterminated string literal"): nothing after it
            // is an error of its own; the parse reports that one
            if (unterminated) return std::nullopt;
            if (line != before) lineStart = text.rfind('\n', i - 1) + 1;
            run = 0;
            chain(i, T::Other, {});
        } else if (c == '\n') {
            ++line;
            lineStart = ++i;
            if (depth == 0) {
                run = 0;
                chain(i, T::Other, {});
            }
        } else if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
            ++i;
        } else if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
            ++i;  // a line continuation: the newline is counted next
        } else if (c == '(' || c == '[' || c == '{') {
            if (++depth > kMaxBracketDepth) return at(i, "too many nested parentheses");
            if (open.empty()) outermost = i;
            open.push_back({c, line});
            run = 0;
            chain(i, T::Other, {});
            ++i;
        } else if (c == ')' || c == ']' || c == '}') {
            // CPython's tokenizer refuses a closing bracket that closes nothing or another kind
            // (and its error comes before any parser error: it tokenizes the rest of the file
            // when the parser fails)
            if (open.empty()) return at(i, std::string("unmatched '") + c + "'");
            auto [opener, openLine] = open.back();
            if ((opener == '(') != (c == ')') || (opener == '[') != (c == ']'))
                return at(i, std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + opener +
                                 "'" + (openLine != line ? " on line " + std::to_string(openLine) : ""));
            if (bracketSpans && open.size() == 1 && openLine != line) {
                bracketSpans->push_back(static_cast<std::uint32_t>(outermost));
                bracketSpans->push_back(static_cast<std::uint32_t>(i));
            }
            open.pop_back();
            --depth;
            run = 0;
            chain(i, T::Other, {});
            ++i;
        } else if ((c == '-' || c == '+' || c == '~') &&
                   !(i + 1 < text.size() && (text[i + 1] == '=' || text[i + 1] == '>'))) {
            if (++run >= kMaxPrefixRun) return at(i, tooDeep);
            chain(i, T::Other, {});
            ++i;
        } else if (isWordChar(c)) {
            std::size_t end = i;
            while (end < text.size() && isWordChar(text[end])) ++end;
            std::string_view word = text.substr(i, end - i);
            if (word == "not" || word == "await") {
                if (++run >= kMaxPrefixRun) return at(i, tooDeep);
            } else {
                run = 0;
            }
            const bool prefix = end < text.size() && (text[end] == '\'' || text[end] == '"');  // of a string
            if (auto e = chain(i, prefix ? T::Other : isKeyword(word) ? T::Keyword : T::Operand, word)) return e;
            i = end;  // a string prefix (f, rb, ...) is a word; its quote comes next
        } else {
            run = 0;
            std::string_view op;
            if (c == '*' && i + 1 < text.size() && text[i + 1] == '*' && !(i + 2 < text.size() && text[i + 2] == '='))
                op = text.substr(i, 2);
            else if ((c == '*' || c == '/') && !(i + 1 < text.size() && (text[i + 1] == '=' || text[i + 1] == c)))
                op = text.substr(i, 1);
            else if ((c == ',' || c == ':') && !(c == ':' && i + 1 < text.size() && text[i + 1] == '='))
                op = text.substr(i, 1);
            if (auto e = chain(i, op.empty() ? T::Other : T::Op, op)) return e;
            i += op.empty() ? 1 : op.size();
        }
    }
    return std::nullopt;
}

}  // namespace anymig::python

// The patched scanner's view of the brackets (cmake/tree-sitter-bracket-spans.c).
extern "C" void anymig_python_set_bracket_spans(const std::uint32_t* pairs, std::uint32_t count);

namespace anymig::python {
namespace {
// Sets the spans for one parse on this thread for the object's lifetime; clears them after
// (another parse sees none).
class BracketSpansForScanner {
public:
    explicit BracketSpansForScanner(const std::vector<std::uint32_t>& spans) {
        anymig_python_set_bracket_spans(spans.data(), static_cast<std::uint32_t>(spans.size() / 2));
    }
    ~BracketSpansForScanner() { anymig_python_set_bracket_spans(nullptr, 0); }
    BracketSpansForScanner(const BracketSpansForScanner&) = delete;
    BracketSpansForScanner& operator=(const BracketSpansForScanner&) = delete;
};
}  // namespace

TSTree* parsePython(TSParser* parser, std::string_view text, std::optional<std::string>& storage,
                    std::optional<std::string>& refused) {
    std::vector<std::uint32_t> spans;
    refused = nestingError(text, &spans);
    if (refused) {
        storage.reset();
        return ts_parser_parse_string(parser, nullptr, "", 0);
    }
    std::vector<JoinRun> runs;
    storage = scanView(text, &runs);
    std::string_view parsed = storage ? std::string_view(*storage) : text;
    if (runs.empty()) {
        BracketSpansForScanner hook(spans);
        return ts_parser_parse_string(parser, nullptr, parsed.data(), static_cast<uint32_t>(parsed.size()));
    }
    // Joins outside brackets: a run of N is one logical line as a run of 1 is, and the grammar's
    // scanner is quadratic in N. Parse the text without all but the first of each run, then
    // put the dropped lines back into the tree (ts_tree_edit, in text order: each edit's position
    // is in the text as restored so far), so every position in it is a position in the real text.
    std::string collapsed;
    collapsed.reserve(parsed.size());
    std::size_t from = 0;
    for (const JoinRun& r : runs) {
        collapsed.append(parsed.substr(from, r.start - from));
        from = r.end;
    }
    collapsed.append(parsed.substr(from));
    // The runs stand outside brackets, so each span moves back by the bytes dropped before it.
    std::size_t run = 0, dropped = 0;
    for (std::size_t k = 0; k < spans.size(); k += 2) {
        for (; run < runs.size() && runs[run].start < spans[k]; ++run) dropped += runs[run].end - runs[run].start;
        spans[k] -= static_cast<std::uint32_t>(dropped);
        spans[k + 1] -= static_cast<std::uint32_t>(dropped);
    }
    TSTree* tree = nullptr;
    {
        BracketSpansForScanner hook(spans);
        tree = ts_parser_parse_string(parser, nullptr, collapsed.data(), static_cast<uint32_t>(collapsed.size()));
    }
    for (const JoinRun& r : runs) {
        TSInputEdit edit{};
        edit.start_byte = edit.old_end_byte = static_cast<uint32_t>(r.start);
        edit.new_end_byte = static_cast<uint32_t>(r.end);
        edit.start_point = edit.old_end_point = TSPoint{r.row, 0};
        edit.new_end_point = TSPoint{r.row + r.lines, 0};
        ts_tree_edit(tree, &edit);
    }
    return tree;
}

}  // namespace anymig::python

namespace anymig::python {

namespace {

// A logical line's start (outside brackets, strings and joins) holding code.
struct LogicalLine {
    std::size_t pos = 0;    // the line's first byte
    std::size_t first = 0;  // its first non-blank byte
    std::size_t indent = 0;
};

// Every logical line holding code, in order; false on a tab or form feed in an indentation or a
// carriage return anywhere.
bool logicalLines(std::string_view text, std::vector<LogicalLine>& out) {
    if (text.find('\r') != std::string_view::npos) return false;
    const std::size_t n = text.size();
    int depth = 0;
    bool atStart = true, joined = false;
    for (std::size_t i = 0; i < n;) {
        if (atStart) {
            atStart = false;
            if (depth == 0 && !joined) {
                std::size_t j = i;
                while (j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\f')) ++j;
                if (j < n && text[j] != '\n' && text[j] != '#') {
                    if (text.substr(i, j - i).find_first_of("\t\f") != std::string_view::npos) return false;
                    out.push_back({i, j, j - i});
                }
            }
            joined = false;
        }
        char c = text[i];
        if (c == '#') {
            std::size_t nl = text.find('\n', i);
            i = nl == std::string_view::npos ? n : nl;
        } else if (c == '\'' || c == '"') {
            int lines = 0;
            i = skipString(text, i, lines);
        } else if (c == '\\' && i + 1 < n && text[i + 1] == '\n') {
            joined = atStart = true;
            i += 2;
        } else if (c == '\n') {
            atStart = true;
            ++i;
        } else {
            if (c == '(' || c == '[' || c == '{') ++depth;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
            ++i;
        }
    }
    return true;
}

std::string_view firstWord(std::string_view text, const LogicalLine& l) {
    std::size_t e = l.first;
    while (e < text.size() && isWordChar(text[e])) ++e;
    return text.substr(l.first, e - l.first);
}

bool startsWith(std::string_view text, const LogicalLine& l, std::string_view word) {
    return text.substr(l.first, word.size()) == word;
}

// A header that opens a scope the descent may enter: `def`, `async def`, `class`.
bool opensScope(std::string_view text, const LogicalLine& l, bool& isDef) {
    std::string_view w = firstWord(text, l);
    isDef = w == "def" || (w == "async" && text.substr(l.first, 10) == "async def ");
    return isDef || w == "class";
}

// May a piece start at this statement line (see pieceCuts)?
bool cutAllowed(std::string_view text, const LogicalLine& l, const LogicalLine& before) {
    char c = text[l.first];
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '@')) return false;
    if (text[before.first] == '@') return false;
    std::string_view w = firstWord(text, l);
    for (std::string_view k : {"else", "elif", "except", "finally", "case"})
        if (w == k) return false;
    const std::size_t after = l.first + w.size();
    return !(w.size() <= 3 && after < text.size() && (text[after] == '\'' || text[after] == '"'));
}

}  // namespace

// Long on purpose: the descent and the grouping of one body's statements into pieces.
std::optional<PieceCuts> pieceCuts(std::string_view text, std::size_t pieceBytes, bool anyBody) {
    std::vector<LogicalLine> lines;
    if (!logicalLines(text, lines) || lines.empty() || lines[0].indent != 0) return std::nullopt;
    auto posOf = [&](std::size_t k) { return k < lines.size() ? lines[k].pos : text.size(); };
    // The suite [lo, hi) of `lines`, at indentation lines[lo].indent; its owner a def when isDef.
    std::size_t lo = 0, hi = lines.size();
    bool inDef = false;
    for (;;) {
        const std::size_t indent = lines[lo].indent;
        // The largest statement of the suite (decorators belong to theirs).
        std::size_t best = lo, bestEnd = lo, start = lo;
        for (std::size_t k = lo; k < hi;) {
            std::size_t next = k + 1;
            while (next < hi && lines[next].indent > indent) ++next;
            if (next < hi && lines[next].indent < indent) return std::nullopt;  // inconsistent dedent
            if (text[lines[k].first] != '@') {
                if (posOf(next) - posOf(start) > posOf(bestEnd) - posOf(best)) best = start, bestEnd = next;
                start = next;
            }
            k = next;
        }
        std::size_t header = best;
        while (header < bestEnd && text[lines[header].first] == '@') ++header;
        bool isDef = false;
        const bool descend = header + 1 < bestEnd && opensScope(text, lines[header], isDef) &&
                             (anyBody || 2 * (posOf(bestEnd) - posOf(best)) > posOf(hi) - posOf(lo));
        if (!descend) break;
        lo = header + 1, hi = bestEnd, inDef = isDef;
    }
    // Every piece is analysed with the head and the tail: they must be small beside a piece, or
    // the run would parse the file many times over.
    if (!inDef || (!anyBody && posOf(lo) + (text.size() - posOf(hi)) > pieceBytes)) return std::nullopt;
    PieceCuts out;
    out.indent = lines[lo].indent;
    out.cuts.push_back(lines[lo].pos);
    out.tailBegin = posOf(hi);
    for (std::size_t k = lo + 1, prev = lo; k < hi; ++k) {
        if (lines[k].indent != out.indent) continue;
        if (cutAllowed(text, lines[k], lines[prev]) && lines[k].pos - out.cuts.back() >= pieceBytes)
            out.cuts.push_back(lines[k].pos);
        prev = k;
    }
    if (out.cuts.size() < 2) return std::nullopt;
    return out;
}

}  // namespace anymig::python
