#include "matchers/python/indentation.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace anymig::python {

namespace {

struct Token {
    std::string_view type;
    std::size_t begin = 0, end = 0;
    std::uint32_t row = 0, endRow = 0, column = 0;
};

// Whether `n` is one token for the check (a leaf; strings and comments whole), and the token
// in `t` when it is and spans bytes.
bool readToken(TSNode n, Token& t, bool& spans) {
    std::string_view ty = ts_node_type(n);
    bool atomic = ty == "string" || ty == "comment" || ts_node_child_count(n) == 0;
    spans = atomic && ts_node_end_byte(n) > ts_node_start_byte(n);
    if (spans)
        t = Token{ty, ts_node_start_byte(n), ts_node_end_byte(n), ts_node_start_point(n).row, ts_node_end_point(n).row,
                  ts_node_start_point(n).column};
    return atomic;
}

// Calls `visit(token, path)` for every token in document order: leaves, with strings and
// comments whole; `path` holds the token's ancestors, root first.
template <typename Visit>
void forEachToken(TSNode root, Visit&& visit) {
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    std::vector<TSNode> path;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        Token t;
        bool spans = false;
        bool atomic = readToken(n, t, spans);
        if (spans) visit(t, path);
        if (!atomic && ts_tree_cursor_goto_first_child(&cursor)) {
            path.push_back(n);
            continue;
        }
        bool moved = false;
        while (!(moved = ts_tree_cursor_goto_next_sibling(&cursor))) {
            if (!ts_tree_cursor_goto_parent(&cursor)) break;
            path.pop_back();
        }
        if (!moved) break;
    }
    ts_tree_cursor_delete(&cursor);
}

// Node types CPython lets a logical line start with: statements, the clauses that continue a
// compound statement, definitions and decorators.
bool startsLogicalLine(std::string_view type) {
    static constexpr std::string_view kClauses[] = {"else_clause",   "elif_clause",          "except_clause",
                                                    "finally_clause", "except_group_clause", "case_clause",
                                                    "function_definition", "class_definition",
                                                    "decorated_definition", "decorator"};
    constexpr std::string_view suffix = "_statement";
    if (type.size() > suffix.size() && type.substr(type.size() - suffix.size()) == suffix) return true;
    for (std::string_view c : kClauses)
        if (type == c) return true;
    return false;
}

// tree-sitter's grammar skips a line break where its grammar cannot end a statement
// (`from x` then `import y` on the next line reads as one import; `a.b:` then an indented line
// reads as an annotated assignment). CPython ends the logical line there: the token that starts
// a logical line must start a statement or a clause.
bool startsStatement(const std::vector<TSNode>& path, std::size_t begin) {
    for (auto it = path.rbegin(); it != path.rend() && ts_node_start_byte(*it) == begin; ++it)
        if (startsLogicalLine(ts_node_type(*it))) return true;
    return false;
}

// tree-sitter's grammar lets the right side of `=` be any assignment, an annotated one too
// (`x = a: b`, `x += a: b`); CPython only chains plain targets.
bool annotatedAssignmentNested(const std::vector<TSNode>& path) {
    if (path.size() < 2 || std::string_view(ts_node_type(path.back())) != "assignment") return false;
    std::string_view outer = ts_node_type(path[path.size() - 2]);
    return outer == "assignment" || outer == "augmented_assignment";
}

// The code point at `at` (UTF-8; the text was checked to be valid UTF-8).
std::uint32_t codePointAt(std::string_view text, std::size_t at) {
    auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
    std::uint32_t c = byte(at);
    if (c < 0x80) return c;
    if (c < 0xE0) return ((c & 0x1F) << 6) | (byte(at + 1) & 0x3F);
    if (c < 0xF0) return ((c & 0x0F) << 12) | ((byte(at + 1) & 0x3F) << 6) | (byte(at + 2) & 0x3F);
    return ((c & 0x07) << 18) | ((byte(at + 1) & 0x3F) << 12) | ((byte(at + 2) & 0x3F) << 6) | (byte(at + 3) & 0x3F);
}

// A backslash ending the physical line of the previous token joins the next line to it. (A
// backslash alone on an otherwise blank line joins nothing CPython counts: it is a blank line.)
bool joinedByBackslash(std::string_view text, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < text.size() && text[i] != '\n'; ++i)
        if (text[i] == '\\') return true;
    return false;
}

// CPython's hard keywords: never a name (soft keywords such as `match` and `type` are).
bool hardKeyword(std::string_view w) {
    static constexpr std::string_view words[] = {
        "False", "None",   "True",    "and",      "as",       "assert", "async", "await",  "break",
        "class", "continue", "def",   "del",      "elif",     "else",   "except", "finally", "for",
        "from",  "global", "if",      "import",   "in",       "is",     "lambda", "nonlocal", "not",
        "or",    "pass",   "raise",   "return",   "try",      "while",  "with",   "yield"};
    return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

class Checker {
public:
    explicit Checker(std::string_view text) : text_(text) {}

    void token(const Token& t, const std::vector<TSNode>& path) {
        if (error_) return;
        if (t.type == "line_continuation") return;
        gap(t.begin);
        if (t.type == "comment") {
            gapFrom_ = t.end;
            return;
        }
        bool first = lastType_.empty();
        bool newLine = first || (depth_ == 0 && t.row > lastEndRow_ && !joinedByBackslash(text_, gapFrom_, t.begin));
        if (newLine) logicalLine(t, !first && lastType_ == ":");
        if (newLine && !first && !error_ && !startsStatement(path, t.begin))
            return fail(t.row + 1, t.column + 1, "invalid syntax");
        if (t.type == ":" && annotatedAssignmentNested(path)) return fail(t.row + 1, t.column + 1, "invalid syntax");
        if (t.type == "identifier" && hardKeyword(text_.substr(t.begin, t.end - t.begin)))  // `f-or(x)`: tree-sitter's recovery
            return fail(t.row + 1, t.column + 1, "invalid syntax");
        if (t.type == "(" || t.type == "[" || t.type == "{") {
            if (depth_ >= 200)  // CPython's tokenizer limit (MAXLEVEL)
                return fail(t.row + 1, t.column + 1, "too many nested parentheses");
            ++depth_;
        }
        else if ((t.type == ")" || t.type == "]" || t.type == "}") && depth_ > 0) --depth_;
        lastType_ = t.type;
        lastEndRow_ = t.endRow;
        headerRow_ = newLine ? t.row : headerRow_;
        gapFrom_ = t.end;
    }

    std::optional<std::string> finish() {
        gap(text_.size());
        if (!error_ && lastType_ == ":")
            fail(lastEndRow_ + 2, 1, "expected an indented block after line " + std::to_string(headerRow_ + 1));
        return error_;
    }

private:
    void fail(std::uint32_t line, std::uint32_t column, const std::string& why) {
        if (!error_) error_ = "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + why;
    }

    // Between tokens CPython's tokenizer accepts only blanks, line breaks and a backslash
    // continuation; tree-sitter also skips other white space (a vertical tab, U+00A0, U+200B,
    // a BOM inside the file...), which CPython refuses with this message.
    void gap(std::size_t to) {
        for (std::size_t i = gapFrom_; i < to && i < text_.size() && !error_; ++i) {
            char c = text_[i];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '\\') continue;
            if (c == '#') {  // a comment the parse view blanked (parse_view.h): not in the tree
                while (i + 1 < to && text_[i + 1] != '\n' && text_[i + 1] != '\r') ++i;
                continue;
            }
            if (i == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF") {
                i = 2;
                continue;
            }
            std::size_t lineStart = text_.rfind('\n', i) == std::string_view::npos ? 0 : text_.rfind('\n', i) + 1;
            std::size_t line = 1 + static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + i, '\n'));
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", codePointAt(text_, i));
            fail(static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(i - lineStart + 1),
                 std::string("invalid non-printable character ") + hex);
        }
    }

    // CPython's tokenizer: columns with tabs to multiples of 8, and again with tabs as 1.
    void logicalLine(const Token& t, bool afterHeader) {
        std::size_t lineStart = t.begin - t.column;
        std::size_t col = 0, alt = 0;
        for (std::size_t i = lineStart; i < t.begin; ++i) {
            char c = text_[i];
            if (c == ' ') ++col, ++alt;
            else if (c == '\t') col = (col / 8 + 1) * 8, ++alt;
            else if (c == '\f') col = alt = 0;
            else if (i == 0 && t.begin >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") i = 2;  // BOM
            else return;  // not at the start of a physical line: nothing to check
        }
        std::uint32_t line = t.row + 1, column = t.column + 1;
        std::string header = std::to_string(headerRow_ + 1);
        if (col == stack_.back()) {
            if (alt != alt_.back()) return fail(line, column, "inconsistent use of tabs and spaces in indentation");
            if (afterHeader) return fail(line, column, "expected an indented block after line " + header);
        } else if (col > stack_.back()) {
            if (!afterHeader) return fail(line, column, "unexpected indent");
            if (alt <= alt_.back()) return fail(line, column, "inconsistent use of tabs and spaces in indentation");
            if (stack_.size() >= 100)  // CPython's tokenizer limit (MAXINDENT)
                return fail(line, column, "too many levels of indentation");
            stack_.push_back(col);
            alt_.push_back(alt);
        } else {
            if (afterHeader) return fail(line, column, "expected an indented block after line " + header);
            while (stack_.size() > 1 && col < stack_.back()) {
                stack_.pop_back();
                alt_.pop_back();
            }
            if (col != stack_.back()) return fail(line, column, "unindent does not match any outer indentation level");
            if (alt != alt_.back()) return fail(line, column, "inconsistent use of tabs and spaces in indentation");
        }
    }

    std::string_view text_;
    std::vector<std::size_t> stack_{0}, alt_{0};
    std::size_t depth_ = 0, gapFrom_ = 0;
    std::string_view lastType_;
    std::uint32_t lastEndRow_ = 0, headerRow_ = 0;
    std::optional<std::string> error_;
};

}  // namespace

std::optional<std::string> indentationError(TSNode root, std::string_view text) {
    Checker checker(text);
    forEachToken(root, [&](const Token& t, const std::vector<TSNode>& path) { checker.token(t, path); });
    return checker.finish();
}

struct IndentationCheck::State {
    Checker checker;
    std::size_t atomicDepth = kNoAtomic;  // the path length of the string or comment being skipped
    static constexpr std::size_t kNoAtomic = static_cast<std::size_t>(-1);
};

IndentationCheck::IndentationCheck(std::string_view text) : state_(new State{Checker(text)}) {}

IndentationCheck::~IndentationCheck() = default;

void IndentationCheck::visit(TSNode n, const std::vector<TSNode>& path) {
    State& s = *state_;
    if (s.atomicDepth != State::kNoAtomic) {
        if (path.size() > s.atomicDepth) return;  // inside a string or comment: not tokens of their own
        s.atomicDepth = State::kNoAtomic;
    }
    Token t;
    bool spans = false;
    if (readToken(n, t, spans)) s.atomicDepth = path.size();
    if (spans) s.checker.token(t, path);
}

std::optional<std::string> IndentationCheck::finish() { return state_->checker.finish(); }

}  // namespace anymig::python
