// Black's line splitting (black 23, stable style) for the lines a migration wrote; see layout.h.
// The names follow black's linegen.py: right_hand_split, delimiter_split, the optional
// (invisible) parentheses around an assignment's right-hand side, can_omit_invisible_parens.
#include "matchers/python/layout.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/source.h"
#include "core/toml.h"

namespace anymig::python {

namespace fs = std::filesystem;

namespace {

// black's delimiter priorities (brackets.py).
constexpr int kComprehension = 20, kComma = 18, kTernary = 16, kLogic = 14, kString = 12, kComparator = 10,
              kDot = 1;
constexpr int kMaxLevels = 8;  // bracket levels split in one line: deeper lines are left alone

int mathPriority(std::string_view op) {
    if (op == "|") return 9;
    if (op == "^") return 8;
    if (op == "&") return 7;
    if (op == "<<" || op == ">>") return 6;
    if (op == "+" || op == "-") return 5;
    if (op == "*" || op == "/" || op == "//" || op == "%" || op == "@") return 4;
    if (op == "**") return 1;
    return 0;
}

enum class Kind { Open, Close, Comma, Other };

struct Tok {
    std::size_t begin = 0, end = 0;  // bytes of the text
    Kind kind = Kind::Other;
    int match = -1;          // the matching bracket
    bool atom = false;       // an opening bracket of a literal or parenthesised expression
    bool subscript = false;  // an opening `[` of a subscript
    int priority = 0;        // as a delimiter: after it for a comma, before it otherwise
    bool vararg = false;     // `*` / `**` unpacking
    bool assign = false;     // `=` / `+=` ... of the statement's assignment
    bool returns = false;    // the `return` keyword
};

struct Line {
    std::string text;  // the logical line: the tokens with their spacing, line breaks joined
    std::vector<Tok> toks;
    int limit = 88;
    bool optionalParens = false;  // a statement black gives optional parentheses (if, except, ...)
    bool clauseChild = false;     // `if`/`elif`/`while`/`except`: the parentheses wrap its expression
};

std::size_t width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // code points
    return n;
}

std::string render(const Line& l, int a, int b) {
    return std::string(l.text.substr(l.toks[a].begin, l.toks[b - 1].end - l.toks[a].begin));
}

bool fits(const Line& l, std::size_t indent, const std::string& s) { return indent + width(s) <= static_cast<std::size_t>(l.limit); }

// The delimiters of [a, b) at its own bracket depth: the highest priority and how many have it.
std::pair<int, int> delimiters(const Line& l, int a, int b, bool excludeTrailingComma) {
    int best = 0, count = 0;
    for (int i = a; i < b; ++i) {
        const Tok& t = l.toks[i];
        if (t.kind == Kind::Open) {
            i = t.match;
            continue;
        }
        if (excludeTrailingComma && i == b - 1 && t.kind == Kind::Comma) continue;
        if (t.priority > best) best = t.priority, count = 0;
        if (t.priority == best && best > 0) ++count;
    }
    return {best, count};
}

// A comma right before a closing bracket inside [a, b): black's magic trailing comma, which
// makes the line containing it split even when it fits.
bool hasMagicComma(const Line& l, int a, int b) {
    for (int i = a + 1; i < b; ++i)
        if (l.toks[i].kind == Kind::Close && l.toks[i - 1].kind == Kind::Comma) return true;
    return b - a >= 1 && l.toks[b - 1].kind == Kind::Comma;
}

bool anyVarargAtTop(const Line& l, int a, int b) {
    for (int i = a; i < b; ++i) {
        if (l.toks[i].kind == Kind::Open) i = l.toks[i].match;
        else if (l.toks[i].vararg) return true;
    }
    return false;
}

struct Splitter {
    const Line& l;
    std::vector<std::string>& out;

    void emit(std::size_t indent, const std::string& s) { out.push_back(std::string(indent, ' ') + s); }

    // A line inside brackets: [a, b) then `suffix` ("" or ","), at `indent`.
    bool body(int a, int b, std::size_t indent, const std::string& suffix, bool explode, int level) {
        if (level > kMaxLevels || a >= b) return false;
        std::string s = render(l, a, b) + suffix;
        if (!explode && !hasMagicComma(l, a, b) && fits(l, indent, s)) return emit(indent, s), true;
        auto [priority, count] = delimiters(l, a, b, true);
        if (priority == kComma) return commaSplit(a, b, indent, suffix, level);
        if (priority == 0 && level > 0 && !hasFilledBrackets(a, b))  // black yields a line it cannot split
            return emit(indent, s), true;
        if (priority == 0 || (priority == kDot && count == 1)) return rightHandSplit(a, b, indent, suffix, level);
        return beforeSplit(a, b, indent, suffix, priority, level);  // operators, `for`, `if`/`else`, `.`
    }

    // Whether [a, b) holds a bracket pair with something inside (the only place right_hand_split
    // can split a line without delimiters).
    bool hasFilledBrackets(int a, int b) const {
        for (int i = a; i < b; ++i)
            if (l.toks[i].kind == Kind::Close && l.toks[i].match >= a && l.toks[i].match != i - 1) return true;
        return false;
    }

    // black's delimiter_split at commas: one element per line, a trailing comma added.
    bool commaSplit(int a, int b, std::size_t indent, const std::string& suffix, int level) {
        if (anyVarargAtTop(l, a, b)) return false;  // the trailing comma depends on black's target versions
        int start = a;
        for (int i = a; i <= b; ++i) {
            if (i < b && l.toks[i].kind == Kind::Open) {
                i = l.toks[i].match;
                continue;
            }
            if (i == b || l.toks[i].kind == Kind::Comma) {
                if (i > start && !body(start, i, indent, ",", false, level + 1)) return false;
                start = i + 1;
            }
        }
        if (!suffix.empty()) out.back() += suffix;
        return true;
    }

    // black's delimiter_split before the delimiters of `priority` (comprehension keywords,
    // `if`/`else`, `and`/`or`, comparisons, operators, a method chain's dots).
    bool beforeSplit(int a, int b, std::size_t indent, const std::string& suffix, int priority, int level) {
        int start = a;
        for (int i = a; i <= b; ++i) {  // from a: a bracket opening the line is skipped whole
            if (i < b && l.toks[i].kind == Kind::Open) {
                i = l.toks[i].match;
                continue;
            }
            if (i > a && (i == b || l.toks[i].priority == priority)) {
                if (!body(start, i, indent, i == b ? suffix : "", false, level + 1)) return false;
                start = i;
            }
        }
        return true;
    }

    // black's right_hand_split: the last bracket pair with something inside (empty pairs and
    // what follows the last bracket stay in the tail); head, body and tail on their own lines.
    bool rightHandSplit(int a, int b, std::size_t indent, const std::string& suffix, int level) {
        int close = -1;
        for (int i = b - 1; i >= a; --i) {
            const Tok& t = l.toks[i];
            if (t.kind != Kind::Close) continue;
            if (t.match < a) return false;
            if (t.match == i - 1) {  // empty: into the tail, keep looking before it
                i = t.match;
                continue;
            }
            close = i;
            break;
        }
        if (close < 0) return false;
        int open = l.toks[close].match;
        // A magic trailing comma in the head or tail: black explodes that bracket instead (it
        // omits trailers until then), which is not followed here.
        if (hasMagicComma(l, a, open + 1) || hasMagicComma(l, close, b)) return false;
        std::string head = render(l, a, open + 1), tail = render(l, close, b) + suffix;
        if (!fits(l, indent, head) || !fits(l, indent, tail)) return false;
        bool explode = l.toks[open].atom && delimiters(l, open + 1, close, true).first == kComma;
        emit(indent, head);
        if (!body(open + 1, close, indent + 4, "", explode, level + 1)) return false;
        emit(indent, tail);
        return true;
    }
};

// black's can_omit_invisible_parens for the right-hand side [a, b) of a statement at `indent`.
std::optional<bool> canOmitParens(const Line& l, int a, int b, std::size_t indent) {
    auto [priority, count] = delimiters(l, a, b, false);
    if (priority == 0) return true;
    if (count > 1) return false;
    if (priority == kDot) return true;
    if (l.toks[a].kind == Kind::Open) return std::nullopt;  // black's _can_omit_opening_paren: not followed here
    const Tok& last = l.toks[b - 1];
    if (last.kind == Kind::Close && !(l.text[last.begin] == ']' && l.toks[last.match].subscript)) {
        if (last.match == b - 2) return false;
        std::size_t length = indent + 4;
        bool seenOther = false;
        for (int i = a; i < b; ++i) {
            length += width(l.text.substr(i == a ? l.toks[i].begin : l.toks[i - 1].end,
                                          l.toks[i].end - (i == a ? l.toks[i].begin : l.toks[i - 1].end)));
            if (i == last.match) return seenOther || length <= static_cast<std::size_t>(l.limit);
            if (l.toks[i].kind == Kind::Open) seenOther = true;
        }
    }
    return false;
}

// Splits the whole statement line; false when it is left as it is.
bool splitStatementCode(const Line& l, std::size_t indent, std::vector<std::string>& out);

// A comment after the statement stays on its last line, as black keeps it with the last token.
bool splitStatement(const Line& l, std::size_t indent, const std::string& comment, std::vector<std::string>& out) {
    // black leaves a line with a trailing `# type: ignore` as it is (its "unsplittable type ignore").
    if (comment.rfind("# type: ignore", 0) == 0) return false;
    if (!splitStatementCode(l, indent, out)) return false;
    if (!comment.empty()) out.back() += "  " + comment;
    return true;
}

// black's can_be_split for the body [a, b): false when it cannot be split for sure (one token, or
// a string's method chain that black does not break).
bool canBeSplit(const Line& l, int a, int b) {
    if (b - a < 2) return false;
    auto text = [&](int i) { return std::string_view(l.text).substr(l.toks[i].begin, l.toks[i].end - l.toks[i].begin); };
    auto isString = [&](int i) {
        std::string_view t = text(i);
        return !t.empty() && (t.back() == '"' || t.back() == '\'');
    };
    if (!(isString(a) && text(a + 1) == ".")) return true;
    int calls = 0, dots = 0, next = b - 1;
    for (int i = b - 2; i >= a; --i) {
        const Tok& t = l.toks[i];
        if (t.kind == Kind::Open) {
            if (l.toks[next].kind != Kind::Close) return false;
            ++calls;
        } else if (text(i) == ".") {
            ++dots;
        } else if (t.kind == Kind::Other && !isString(i)) {  // a name
            if (!(text(next) == "." || l.toks[next].kind == Kind::Open)) return false;
        } else if (t.kind != Kind::Close && !isString(i)) {
            return false;
        }
        if (dots > 1 && calls > 1) return false;
        next = i;
    }
    return true;
}

bool splitStatementCode(const Line& l, std::size_t indent, std::vector<std::string>& out) {
    const int n = static_cast<int>(l.toks.size());
    Splitter s{l, out};
    int rhs = -1;  // first token of an assignment's or return's right-hand side
    int as = -1;   // an except clause's top-level `as`
    for (int i = 0; i < n; ++i) {
        if (l.toks[i].kind == Kind::Open) {
            i = l.toks[i].match;
            continue;
        }
        if (l.toks[i].assign || l.toks[i].returns) {
            if (rhs >= 0) return false;  // a chained assignment
            rhs = i + 1;
        }
        if (l.clauseChild && l.toks[i].kind == Kind::Other && i > 0 &&
            std::string_view(l.text).substr(l.toks[i].begin, l.toks[i].end - l.toks[i].begin) == "as")
            as = i;
    }
    // The part black wraps in invisible parentheses: an assignment's or return's right-hand side,
    // or the expression of `if`/`elif`/`while`/`except` (up to `as` or the colon).
    int a = -1, b = n;
    if (rhs >= 0 && rhs < n) {
        a = rhs;
    } else if (l.clauseChild && n >= 3) {
        a = 1;
        b = as > 0 ? as : n - 1;
    }
    if (a >= 0 && a < b) {
        std::optional<bool> omit = canOmitParens(l, a, b, indent);
        if (!omit) return false;
        if (*omit) {  // black first tries the last bracket, keeping the parentheses invisible
            std::vector<std::string> tried;
            Splitter t{l, tried};
            if (t.rightHandSplit(0, n, indent, "", 0)) {
                out.insert(out.end(), tried.begin(), tried.end());
                return true;
            }
            // ... and, when the line has no bracket pair with something inside (black: "No
            // brackets found"), makes them visible unless the body cannot be split for sure and
            // is too long anyway (black's _maybe_split_omitting_optional_parens). Other failures
            // of the last-bracket split are not followed (black then tries omitting trailers).
            if (s.hasFilledBrackets(0, n)) return false;
            if (!canBeSplit(l, a, b) && !fits(l, indent + 4, render(l, a, b))) return false;
        }
        std::string tail = b == n ? "" : (b == as ? " " : "") + render(l, b, n);
        s.emit(indent, render(l, 0, a) + " (");
        if (!s.body(a, b, indent + 4, "", false, 1)) return false;
        s.emit(indent, ")" + tail);
        return true;
    }
    if (l.optionalParens) {
        // Other statements with optional parentheses (assert, del, for): only where black
        // would omit them (no delimiter of their own), so the split is at the last bracket.
        auto [priority, count] = delimiters(l, 0, n, false);
        if (priority != 0 && !(priority == kDot && count == 1)) return false;
    }
    return s.rightHandSplit(0, n, indent, "", 0);
}

bool isAtomParent(std::string_view t) {
    return t == "parenthesized_expression" || t == "tuple" || t == "list" || t == "set" || t == "dictionary" ||
           t == "list_comprehension" || t == "set_comprehension" || t == "dictionary_comprehension" ||
           t == "generator_expression";
}

bool isSimpleStatement(std::string_view t) {
    return t == "expression_statement" || t == "return_statement" || t == "raise_statement" ||
           t == "assert_statement" || t == "delete_statement";
}

bool isClause(std::string_view t) {
    return t == "with_statement" || t == "except_clause" || t == "if_statement" || t == "elif_clause" ||
           t == "while_statement" || t == "for_statement";
}

// The statement (or clause header) that contains `at`: its node and the bytes of the statement
// (a clause's header up to its `:`).
struct Stmt {
    TSNode node{};
    std::size_t begin = 0, end = 0;
};

std::optional<Stmt> statementAt(const Syntax& syntax, std::size_t at) {
    TSNode n = ts_node_descendant_for_byte_range(syntax.root(), static_cast<uint32_t>(at), static_cast<uint32_t>(at));
    for (; !ts_node_is_null(n); n = ts_node_parent(n)) {
        std::string_view type = ts_node_type(n);
        if (isSimpleStatement(type)) return Stmt{n, ts_node_start_byte(n), ts_node_end_byte(n)};
        if (!isClause(type)) continue;
        for (uint32_t i = 0, count = ts_node_child_count(n); i < count; ++i)
            if (std::string_view(ts_node_type(ts_node_child(n, i))) == "block") {
                if (i == 0 || at >= ts_node_start_byte(ts_node_child(n, i))) return std::nullopt;
                return Stmt{n, ts_node_start_byte(n), ts_node_end_byte(ts_node_child(n, i - 1))};
            }
        return std::nullopt;
    }
    return std::nullopt;
}

struct Parents {
    std::string_view type, parent, grandparent;
};

// Sets what the token `v` (leaf `node`) is in black's terms: a bracket and its match, a
// delimiter and its priority, an unpacking star, the statement's assignment or `return`.
bool classify(const Stmt& stmt, TSNode node, const Parents& it, std::string_view v, Line& line, std::vector<int>& opens,
              Tok& t) {
    const std::string_view type = it.type;
    const int index = static_cast<int>(line.toks.size());
    const bool closing = v == ")" || v == "]" || v == "}";
    std::string_view prev = index ? std::string_view(line.text).substr(line.toks.back().begin,
                                                                       line.toks.back().end - line.toks.back().begin)
                                  : std::string_view();
    if (v == "(" || v == "[" || v == "{") {
        t.kind = Kind::Open;
        t.atom = isAtomParent(it.parent) && !(it.parent == "generator_expression" && it.grandparent == "call");
        t.subscript = it.parent == "subscript";
        opens.push_back(index);
    } else if (closing) {
        if (opens.empty()) return false;
        t.kind = Kind::Close;
        t.match = opens.back();
        line.toks[opens.back()].match = index;
        opens.pop_back();
    } else if (v == ",") {
        t.kind = Kind::Comma;
        t.priority = kComma;
    } else if (v == ";") {
        return false;
    } else if ((v == "for" || v == "async") && it.parent == "for_in_clause") {
        if (!(v == "for" && prev == "async")) t.priority = kComprehension;
    } else if (v == "if" && it.parent == "if_clause") {
        t.priority = kComprehension;
    } else if ((v == "if" || v == "else") && it.parent == "conditional_expression") {
        t.priority = kTernary;
    } else if ((v == "and" || v == "or") && it.parent == "boolean_operator") {
        t.priority = kLogic;
    } else if (it.parent == "comparison_operator" &&
               (v == "<" || v == ">" || v == "==" || v == "!=" || v == "<=" || v == ">=" || v == "in" ||
                v == "not" || v == "is" || v == "<>")) {
        if (!((v == "in" && prev == "not") || (v == "not" && prev == "is"))) t.priority = kComparator;
    } else if (it.parent == "binary_operator" && mathPriority(v)) {
        t.priority = mathPriority(v);
    } else if ((v == "*" || v == "**") && (it.parent == "list_splat" || it.parent == "dictionary_splat")) {
        t.vararg = true;
    } else if (type == "string" && it.parent == "concatenated_string" &&
               !ts_node_is_null(ts_node_prev_sibling(node))) {
        t.priority = kString;
    } else if (v == "." && it.parent == "attribute" && index > 0 && line.toks.back().kind == Kind::Close) {
        t.priority = kDot;
    } else if ((it.parent == "assignment" || it.parent == "augmented_assignment") &&
               (v == "=" || (v.size() >= 2 && v.back() == '=' && v != "==" && v != "<=" && v != ">=" && v != "!="))) {
        std::string_view outer = ts_node_type(ts_node_parent(ts_node_parent(node)));
        if (outer == "assignment" || outer == "augmented_assignment") return false;  // chained
        t.assign = ts_node_eq(ts_node_parent(ts_node_parent(node)), stmt.node);
    } else if (v == "return" && it.parent == "return_statement") {
        t.returns = true;
    }
    return true;
}

// The statement's kind in black's terms, and whether the layout follows its shape.
bool finished(const Stmt& stmt, Line& line) {
    std::string_view stype = ts_node_type(stmt.node);
    line.optionalParens = (isClause(stype) && stype != "with_statement") || stype == "assert_statement" ||
                          stype == "delete_statement";
    if (isClause(stype) && line.text.back() != ':') return false;
    line.clauseChild = stype == "if_statement" || stype == "elif_clause" || stype == "while_statement" ||
                       stype == "except_clause";
    // A magic trailing comma in a one-element tuple or subscript is not one: left alone.
    for (std::size_t i = 1; i < line.toks.size(); ++i) {
        const Tok& t = line.toks[i];
        if (t.kind == Kind::Close && line.toks[i - 1].kind == Kind::Comma &&
            delimiters(line, t.match + 1, static_cast<int>(i), true).first != kComma)
            return false;
    }
    return true;
}

// The tokens of `stmt` as one logical line (black joins a statement's lines before splitting
// it): the spacing between tokens as written, a line break between them dropped after an opening
// bracket, before a closing one and before a comma, else one space. False when the statement
// holds what this layout does not handle (comments, lambdas, `:=`, backslashes, `;`).
bool tokensOf(const Syntax& syntax, const Stmt& stmt, Line& line) {
    const std::string_view src = syntax.source().text();
    if (isSimpleStatement(ts_node_type(stmt.node))) {
        TSNode next = ts_node_next_sibling(stmt.node);  // `a; b`
        if (!ts_node_is_null(next) && std::string_view(ts_node_type(next)) != "comment" &&
            src.substr(stmt.end, ts_node_start_byte(next) - stmt.end).find('\n') == std::string_view::npos)
            return false;
    }
    struct Item {
        TSNode node;
        std::string_view parent, grandparent;
    };
    std::vector<Item> stack{{stmt.node, "", ""}};
    std::vector<int> opens;
    std::size_t last = stmt.begin;  // the end of the previous token in the source
    while (!stack.empty()) {
        Item it = stack.back();
        stack.pop_back();
        if (ts_node_start_byte(it.node) >= stmt.end) continue;
        std::string_view type = ts_node_type(it.node);
        if (type == "comment") return false;
        if (type == "block") continue;
        if (ts_node_child_count(it.node) > 0 && type != "string") {
            if (type == "lambda" || type == "named_expression" || type == "ERROR") return false;
            uint32_t count = ts_node_child_count(it.node);
            for (uint32_t i = count; i-- > 0;) stack.push_back({ts_node_child(it.node, i), type, it.parent});
            continue;
        }
        std::size_t b = ts_node_start_byte(it.node), e = ts_node_end_byte(it.node);
        std::string_view v = src.substr(b, e - b);
        if (v.find('\n') != std::string_view::npos) return false;  // a string over several lines
        std::string_view gap = src.substr(last, b - last);
        if (gap.find('\\') != std::string_view::npos) return false;
        Tok t;
        const int index = static_cast<int>(line.toks.size());
        const bool closing = v == ")" || v == "]" || v == "}";
        if (gap.find('\n') != std::string_view::npos) {
            bool tight = index == 0 || line.toks.back().kind == Kind::Open || closing || v == ",";
            line.text += tight ? "" : " ";
        } else if (index > 0) {
            line.text += gap;
        }
        t.begin = line.text.size();
        line.text += v;
        t.end = line.text.size();
        last = e;
        if (!classify(stmt, it.node, {type, it.parent, it.grandparent}, v, line, opens, t)) return false;
        line.toks.push_back(t);
    }
    return opens.empty() && !line.toks.empty() && last == stmt.end && finished(stmt, line);
}

std::string_view trimRight(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

int lengthFromPyproject(const fs::path& file) {
    toml::table tbl;
    try {
        tbl = toml::parse_file(file.string());
    } catch (const toml::parse_error&) {
        return 0;  // the project's other readers report a broken pyproject.toml
    }
    for (const char* key : {"tool.black.line-length", "tool.ruff.line-length"})
        if (std::optional<int64_t> v = tbl.at_path(key).value<int64_t>(); v && *v > 0 && *v < 100000)
            return static_cast<int>(*v);
    return 0;
}

std::size_t lineStartOf(std::string_view text, std::size_t at) {
    std::size_t nl = at ? text.rfind('\n', at - 1) : std::string_view::npos;
    return nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t indentOf(std::string_view text, std::size_t lineStart) {
    std::size_t i = lineStart;
    while (i < text.size() && text[i] == ' ') ++i;
    return i - lineStart;
}

bool blankAt(std::string_view text, std::size_t lineStart) {
    std::size_t i = text.find_first_not_of(" \t\r", lineStart);
    return i == std::string_view::npos || text[i] == '\n';
}

// Makes the blank lines between `[from, to)` (whole blank lines) exactly `want`.
// (The same run of blank lines can follow one new definition and precede another: one edit.)
// The lines are ended as the file ends its lines (`newline`: "\n" or "\r\n").
std::string repeated(const std::string& newline, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += newline;
    return out;
}

void blankLines(std::size_t from, std::size_t to, int have, int want, const std::string& newline,
                std::vector<Edit>& edits) {
    if (have == want) return;
    for (const Edit& e : edits)
        if (e.begin == from && e.end == to) return;
    edits.push_back(Edit{from, to, repeated(newline, want), "layout"});
}

// black's (23) empty lines around a function definition the run wrote (a helper a rule
// generated inside a function or after the imports): one blank line before and after it inside a
// function, two at module level, none right after the `def`/`class` line it is nested in. Lines
// before it that are comments or decorators, and a clause (`else:`, `except ...:`) right after
// it, are left as they are.
// Whether `def` is the first statement of the body of a `def` or `class` (black puts no blank
// line between the definition's header, however many lines it takes, and its first statement).
bool firstInDefinitionBody(const Syntax& syntax, TSNode def) {
    TSNode block = syntax.parent(def);
    if (ts_node_is_null(block) || std::string_view(ts_node_type(block)) != "block") return false;
    TSNode owner = syntax.parent(block);
    if (ts_node_is_null(owner)) return false;
    std::string_view t = ts_node_type(owner);
    if (t != "function_definition" && t != "class_definition") return false;
    for (TSNode c : syntax.namedChildren(block))
        if (std::string_view(ts_node_type(c)) != "comment") return ts_node_eq(c, def);
    return false;
}

void blankLinesAroundNewDefs(const Syntax& syntax, const std::unordered_map<std::string_view, int>& before,
                             std::vector<Edit>& edits) {
    std::string_view text = syntax.source().text();
    for (TSNode def : syntax.nodesOfType("function_definition")) {
        TSNode node = def;
        TSNode parent = syntax.parent(def);
        if (!ts_node_is_null(parent) && std::string_view(ts_node_type(parent)) == "decorated_definition") continue;
        std::size_t start = lineStartOf(text, ts_node_start_byte(node));
        std::size_t nl = text.find('\n', start);
        std::string_view first = trimRight(text.substr(start, (nl == std::string_view::npos ? text.size() : nl) - start));
        if (before.count(first)) continue;  // a definition of the original
        std::size_t indent = indentOf(text, start);
        if (start + indent != ts_node_start_byte(node)) continue;
        const int want = indent ? 1 : 2;
        // Before: back over blank lines to the previous line.
        std::size_t at = start;
        int have = 0;
        while (at > 0) {
            std::size_t prev = lineStartOf(text, at - 1);
            if (!blankAt(text, prev)) break;
            at = prev;
            ++have;
        }
        if (at > 0) {
            std::size_t prev = lineStartOf(text, at - 1);
            std::size_t prevIndent = indentOf(text, prev);
            std::string_view p = text.substr(prev + prevIndent, 10);
            // black 23: none right after the `def`/`class` line it is nested in, else the count
            // (also after another block's opener, `if x:`).
            bool opener = prevIndent < indent && (p.substr(0, 4) == "def " || p.substr(0, 10) == "async def " ||
                                                  p.substr(0, 6) == "class ");
            opener = opener || firstInDefinitionBody(syntax, def);  // after a signature over several lines
            if (!opener && !p.empty() && p[0] != '#' && p[0] != '@') blankLines(at, start, have, opener ? 0 : want, syntax.source().newline(), edits);
        }
        // After: forward over blank lines to the next statement.
        std::size_t end = text.find('\n', ts_node_end_byte(node));
        if (end == std::string_view::npos) continue;
        std::size_t next = end + 1;
        int after = 0;
        while (next < text.size() && blankAt(text, next)) {
            std::size_t n2 = text.find('\n', next);
            if (n2 == std::string_view::npos) break;
            next = n2 + 1;
            ++after;
        }
        if (next >= text.size() || blankAt(text, next)) continue;
        std::size_t nextIndent = indentOf(text, next);
        std::string_view word = text.substr(next + nextIndent, 8);
        if (word.substr(0, 1) == "#" || word.substr(0, 4) == "else" || word.substr(0, 4) == "elif" ||
            word.substr(0, 6) == "except" || word.substr(0, 7) == "finally")
            continue;
        blankLines(end + 1, next, after, nextIndent ? 1 : 2, syntax.source().newline(), edits);
    }
}

// Runs of blank lines the run left longer than black allows (two in a row inside a function,
// where a removed import sat between blank lines): black keeps at most one before an indented
// line and two at module level. Only in a text whose original kept to those limits (else the
// project does not use black, and its blank lines are its own).
void tooManyBlankLines(const Syntax& syntax, std::string_view original, std::vector<Edit>& edits) {
    std::string_view text = syntax.source().text();
    auto overLimit = [](std::string_view t, auto&& each) {
        std::size_t runStart = 0;
        int run = 0;
        bool any = false;  // a non-blank line seen (black drops blank lines at the file's start)
        for (std::size_t at = 0; at < t.size();) {
            std::size_t nl = t.find('\n', at);
            std::size_t e = nl == std::string_view::npos ? t.size() : nl;
            if (blankAt(t, at) && nl != std::string_view::npos) {
                if (run++ == 0) runStart = at;
            } else {
                int limit = indentOf(t, at) ? 1 : 2;
                if (any && run > limit && t[at] != '#' && t.substr(at + indentOf(t, at), 1) != "#")
                    each(runStart, at, limit);
                any = true;
                run = 0;
            }
            at = e + 1;
        }
    };
    bool clean = true;
    overLimit(original, [&](std::size_t, std::size_t, int) { clean = false; });
    if (!clean) return;
    overLimit(text, [&](std::size_t from, std::size_t to, int limit) {
        TSNode in = ts_node_descendant_for_byte_range(syntax.root(), static_cast<uint32_t>(from), static_cast<uint32_t>(to));
        for (; !ts_node_is_null(in); in = ts_node_parent(in))
            if (std::string_view(ts_node_type(in)) == "string") return;  // inside a string: its text
        edits.push_back(Edit{from, to, repeated(syntax.source().newline(), limit), "layout"});
    });
}

// Whether `original` looks formatted by black, so the layout keeps it so: no string in single
// quotes that black would turn into double quotes, no tab indentation, and every bracket pair
// over several lines opened at the end of a line and closed at the start of one (black never
// leaves a hanging indent). A project formatted otherwise keeps its own layout.
bool looksBlack(std::string_view original) {
    if (original.find("\n\t") != std::string_view::npos) return false;
    SourceFile source("layout.py", std::string(original));
    Syntax syntax(source);
    std::vector<TSNode> stack{syntax.root()};
    struct Leaf {
        uint32_t row, endRow;
        char c;
    };
    std::vector<Leaf> leaves;
    while (!stack.empty()) {
        TSNode n = stack.back();
        stack.pop_back();
        std::string_view type = ts_node_type(n);
        if (type == "comment") continue;
        if (type == "string") {
            std::string_view v = syntax.text(n);
            std::size_t q = v.find_first_of("'\"");
            if (q != std::string_view::npos && v[q] == '\'' && v.substr(q, 3) != "'''" &&
                v.find('"') == std::string_view::npos)
                return false;
        }
        uint32_t count = ts_node_child_count(n);
        if (count == 0 || type == "string") {
            std::string_view v = syntax.text(n);
            leaves.push_back({ts_node_start_point(n).row, ts_node_end_point(n).row, v.size() == 1 ? v[0] : ' '});
            continue;
        }
        for (uint32_t i = count; i-- > 0;) stack.push_back(ts_node_child(n, i));
    }
    std::vector<std::size_t> opens;
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        char c = leaves[i].c;
        if (c == '(' || c == '[' || c == '{') opens.push_back(i);
        if ((c == ')' || c == ']' || c == '}') && !opens.empty()) {
            std::size_t o = opens.back();
            opens.pop_back();
            if (leaves[o].row == leaves[i].row || o + 1 == i) continue;
            if (leaves[o + 1].row == leaves[o].row || leaves[i - 1].endRow == leaves[i].row) return false;
        }
    }
    return true;
}

// Lays out one statement a new line belongs to (see layout.h), as an edit of its text and of a
// comment after it.
void layoutStatement(const Syntax& syntax, const Stmt& stmt, int lineLength, std::vector<Edit>& edits) {
    std::string_view text = syntax.source().text();
    std::size_t lineStart = text.rfind('\n', stmt.begin);
    lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
    std::size_t indent = stmt.begin - lineStart;
    if (text.substr(lineStart, indent).find_first_not_of(' ') != std::string_view::npos) return;
    std::size_t after = text.find_first_not_of(" \t\r", stmt.end);
    std::string comment;  // `# ...` after the statement, on its last line
    if (after != std::string_view::npos && text[after] == '#') {
        std::size_t end = text.find('\n', after);
        if (end == std::string_view::npos) end = text.size();
        comment = std::string(trimRight(text.substr(after, end - after)));
    } else if (after != std::string_view::npos && text[after] != '\n') {
        return;
    }
    Line l{{}, {}, lineLength};
    if (!tokensOf(syntax, stmt, l)) return;
    std::vector<std::string> lines;
    std::string joined = std::string(indent, ' ') + l.text + (comment.empty() ? "" : "  " + comment);
    if (width(joined) <= static_cast<std::size_t>(lineLength) &&
        !hasMagicComma(l, 0, static_cast<int>(l.toks.size())))
        lines.push_back(joined);
    else if (!splitStatement(l, indent, comment, lines) || lines.size() < 2)
        return;
    std::string replacement = lines[0].substr(indent);
    for (std::size_t i = 1; i < lines.size(); ++i) replacement += syntax.source().newline() + lines[i];
    const std::size_t editEnd = comment.empty() ? stmt.end : after + comment.size();
    if (replacement == text.substr(stmt.begin, editEnd - stmt.begin)) return;
    edits.push_back(Edit{stmt.begin, editEnd, replacement, "layout"});
}

}  // namespace

int formatterLineLength(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, int> cache;
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(path), ec).parent_path();
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(dir.string());
    if (it != cache.end()) return it->second;
    int length = 88;
    for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
        if (fs::is_regular_file(d / "pyproject.toml", ec)) {
            if (int v = lengthFromPyproject(d / "pyproject.toml")) length = v;
            break;
        }
        if (fs::exists(d / ".git", ec) || fs::exists(d / ".hg", ec) || d == d.parent_path()) break;
    }
    cache.emplace(dir.string(), length);
    return length;
}

std::vector<Edit> layoutLongLines(const Syntax& syntax, std::string_view original, int lineLength) {
    std::vector<Edit> edits;
    std::string_view text = syntax.source().text();
    if (text.find("fmt: off") != std::string_view::npos || text.find("fmt: skip") != std::string_view::npos)
        return edits;
    std::unordered_map<std::string_view, int> before;  // the original's lines, with their counts
    for (std::size_t at = 0; at < original.size();) {
        std::size_t nl = original.find('\n', at);
        std::size_t e = nl == std::string_view::npos ? original.size() : nl;
        ++before[trimRight(original.substr(at, e - at))];
        at = e + 1;
    }
    blankLinesAroundNewDefs(syntax, before, edits);
    tooManyBlankLines(syntax, original, edits);
    std::set<std::size_t> done;  // statements laid out (by their first byte)
    for (std::size_t at = 0; at < text.size();) {
        std::size_t nl = text.find('\n', at);
        std::size_t e = nl == std::string_view::npos ? text.size() : nl;
        std::string_view line = trimRight(text.substr(at, e - at));
        std::size_t start = at;
        at = e + 1;
        if (auto it = before.find(line); it != before.end() && it->second > 0) {
            --it->second;
            continue;
        }
        std::size_t first = line.find_first_not_of(' ');
        if (first == std::string_view::npos || line[first] == '\t' || line[first] == '#') continue;
        std::optional<Stmt> stmt = statementAt(syntax, start + first);
        // A new line of a statement over several lines: black lays the statement out again from
        // its joined form (joining it when it now fits); a new line alone: only when too long.
        bool several = text.substr(stmt ? stmt->begin : 0, stmt ? stmt->end - stmt->begin : 0).find('\n') !=
                       std::string_view::npos;
        if (!stmt || (!several && width(line) <= static_cast<std::size_t>(lineLength))) continue;
        if (!done.insert(stmt->begin).second) continue;
        layoutStatement(syntax, *stmt, lineLength, edits);
    }
    if (!edits.empty() && !looksBlack(original)) edits.clear();
    return edits;
}

}  // namespace anymig::python
