#include "matchers/python/compile_check.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "matchers/python/syntax.h"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace anymig::python {

namespace {

using Sv = std::string_view;

// Through syntax.h's type() and field(): a type name from the symbol table built once, a field
// by its id (ts_node_type measures the name again; ts_node_child_by_field_name compares the name
// with every field name of the grammar).
Sv typeOf(TSNode n) { return type(n); }

// The tree-sitter accessors, made safe on a null node (an optional field that is absent).
TSNode fieldOf(TSNode n, const char* name) { return field(n, name); }

TSNode namedChild(TSNode n, uint32_t i) { return ts_node_is_null(n) ? n : ts_node_named_child(n, i); }

uint32_t namedCount(TSNode n) { return ts_node_is_null(n) ? 0 : ts_node_named_child_count(n); }

// Calls f(child, field) for every child but comments and line joins, through a cursor
// (linear on wide nodes).
template <typename F>
void eachChild(TSNode n, F&& f) {
    if (ts_node_is_null(n)) return;
    TSTreeCursor c = ts_tree_cursor_new(n);
    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            const char* field = ts_tree_cursor_current_field_name(&c);
            TSNode child = ts_tree_cursor_current_node(&c);
            if (!ts_node_is_extra(child)) f(child, field ? Sv(field) : Sv());  // not comments, `\` joins
        } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
}

bool hasToken(TSNode n, Sv token) {
    bool found = false;
    eachChild(n, [&](TSNode c, Sv) { found = found || (!ts_node_is_named(c) && typeOf(c) == token); });
    return found;
}

bool isComprehension(Sv t) {
    return t == "list_comprehension" || t == "set_comprehension" || t == "dictionary_comprehension" ||
           t == "generator_expression";
}

Sv comprehensionWords(Sv t) {
    if (t == "list_comprehension") return "list comprehension";
    if (t == "set_comprehension") return "set comprehension";
    if (t == "dictionary_comprehension") return "dict comprehension";
    return "generator expression";
}

// CPython's name for an expression it cannot assign to or delete ("function call", "literal").
Sv expressionWords(TSNode n) {
    Sv t = typeOf(n);
    if (t == "call") return "function call";
    if (t == "integer" || t == "float" || t == "string" || t == "concatenated_string" || t == "true" ||
        t == "false" || t == "none" || t == "ellipsis")
        return t == "true" || t == "false" || t == "none" || t == "ellipsis" ? Sv() : Sv("literal");
    if (t == "await") return "await expression";
    if (t == "lambda") return "lambda";
    if (t == "conditional_expression") return "conditional expression";
    if (t == "named_expression") return "named expression";
    if (t == "comparison_operator") return "comparison";
    if (t == "list_comprehension") return "list comprehension";
    if (t == "set_comprehension") return "set comprehension";
    if (t == "dictionary_comprehension") return "dict comprehension";
    if (t == "generator_expression") return "generator expression";
    if (t == "dictionary") return "dict literal";
    if (t == "set") return "set display";
    if (t == "yield") return "yield expression";
    if (t == "binary_operator" || t == "unary_operator" || t == "boolean_operator" || t == "not_operator")
        return "expression";
    return {};
}

// `*x`; tree-sitter reads `*f(x)` as `(*f)(x)` and `*a.b` as `(*a).b`: those are starred too.
bool isStarred(TSNode n) {
    for (;;) {
        Sv t = typeOf(n);
        if (t == "list_splat") return true;
        if (t != "call" && t != "attribute" && t != "subscript") return false;
        n = namedChild(n, 0);
    }
}

// Where tree-sitter's grammar lets `*x` stand and CPython's does not (as an operand).
bool starDenied(Sv parent) {
    static constexpr Sv denied[] = {"binary_operator", "unary_operator",
                                    "comparison_operator", "boolean_operator", "not_operator", "await",
                                    "conditional_expression", "keyword_argument", "pair", "lambda",
                                    "named_expression"};
    return std::find(std::begin(denied), std::end(denied), parent) != std::end(denied);
}

// CPython 3.11 tokenizes an f-string as any other string literal (it ends at the first unescaped
// closing quote) and then parses its replacement fields itself (Parser/string_parser.c,
// fstring_find_literal / fstring_find_expr). Python 3.12 (PEP 701), whose grammar tree-sitter's
// follows, lets a replacement field hold the same quotes, backslashes and comments. The oracle
// is 3.11: such an f-string is refused with 3.11's message, at 3.11's position (the token after
// the run of string literals, where its parser reports the error).
struct FStringError {
    std::size_t at = 0;  // byte where CPython 3.11 reports it
    std::string why;
};

// Where 3.11's tokenizer ends the string literal whose prefix starts at `at` (past its closing
// quote), or npos when it is unterminated; `body`/`bodyEnd` get its contents' range.
std::size_t stringEnd311(Sv text, std::size_t at, std::size_t& body, std::size_t& bodyEnd) {
    std::size_t i = at;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const char q = text[i];
    const bool triple = i + 2 < text.size() && text[i + 1] == q && text[i + 2] == q;
    body = i + (triple ? 3 : 1);
    for (i = body; i < text.size();) {
        char c = text[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c == '\n' && !triple) return Sv::npos;
        if (c == q && (!triple || (i + 2 < text.size() && text[i + 1] == q && text[i + 2] == q))) {
            bodyEnd = i;
            return i + (triple ? 3 : 1);
        }
        ++i;
    }
    return Sv::npos;
}

// A replacement field's expression as 3.11 scans it (fstring_find_expr), from `i` (past its `{`)
// to the `!`, `:`, `=` or `}` that ends it; advances `i` there. Its first error, or nothing.
std::optional<std::string> fieldExpression311(Sv text, std::size_t& i, std::size_t end) {
    char quote = 0;
    bool tripleQuote = false;
    std::vector<char> brackets;
    for (; i < end; ++i) {
        const char ch = text[i];
        if (ch == '\\') return "f-string expression part cannot include a backslash";
        if (quote) {
            if (ch == quote && (!tripleQuote || (i + 2 < end && text[i + 1] == ch && text[i + 2] == ch))) {
                if (tripleQuote) i += 2;
                quote = 0;
            }
            continue;
        }
        if (ch == '\'' || ch == '"') {
            tripleQuote = i + 2 < end && text[i + 1] == ch && text[i + 2] == ch;
            if (tripleQuote) i += 2;
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (brackets.size() >= 200) return "f-string: too many nested parenthesis";
            brackets.push_back(ch);
        } else if (ch == '#') {
            return "f-string expression part cannot include '#'";
        } else if (brackets.empty() && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<')) {
            if (i + 1 < end && text[i + 1] == '=' && ch != ':' && ch != '}') {  // != == <= >=
                ++i;
                continue;
            }
            if (ch == '>' || ch == '<') continue;
            break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (brackets.empty()) return std::string("f-string: unmatched '") + ch + "'";
            const char open = brackets.back();
            brackets.pop_back();
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}')))
                return std::string("f-string: closing parenthesis '") + ch + "' does not match opening parenthesis '" +
                       open + "'";
        }
    }
    if (quote) return "f-string: unterminated string";
    if (!brackets.empty()) return std::string("f-string: unmatched '") + brackets.back() + "'";
    return std::nullopt;
}

// The rest of a replacement field after its expression, from `i`: `=`, a conversion, and `:`
// (then `level` goes up: its format spec follows, literal text up to its `}`) or its `}`.
std::optional<std::string> fieldEnd311(Sv text, std::size_t& i, std::size_t end, std::size_t start, int& level) {
    const std::optional<std::string> expecting = "f-string: expecting '}'";
    if (i >= end) return expecting;
    if (text.substr(start, i - start).find_first_not_of(" \t\f\r\n") == Sv::npos)
        return "f-string: empty expression not allowed";
    if (text[i] == '=') {  // `{x = }`: white space may follow
        ++i;
        while (i < end && std::strchr(" \t\n\r\f\v", text[i])) ++i;
    }
    if (i >= end) return expecting;
    if (text[i] == '!') {
        if (++i >= end) return expecting;
        const char conversion = text[i++];
        if (conversion != 's' && conversion != 'r' && conversion != 'a')
            return "f-string: invalid conversion character: expected 's', 'r', or 'a'";
    }
    if (i >= end) return expecting;
    if (text[i] == ':') {
        if (++i >= end) return expecting;
        ++level;
        return std::nullopt;
    }
    if (text[i] != '}') return expecting;
    ++i;
    return std::nullopt;
}

// The first error 3.11 finds in an f-string's contents [i, end), or nothing. Iterative: a format
// spec nests one level (3.11 refuses a second).
std::optional<std::string> fstringContents311(Sv text, std::size_t i, std::size_t end, bool raw) {
    int level = 0;  // 1 inside a format spec
    while (i < end) {
        // literal text, up to a replacement field (or the end of a format spec)
        char ch = text[i];
        if (!raw && ch == '\\') {
            ++i;
            if (i >= end) break;
            ch = text[i];
            if (ch == 'N' && i + 1 < end && text[i + 1] == '{') {  // \N{NAME}
                std::size_t close = text.find('}', i);
                i = close == Sv::npos || close >= end ? end : close + 1;
                continue;
            }
        }
        if (ch != '{' && ch != '}') {
            ++i;
            continue;
        }
        if (level == 0 && i + 1 < end && text[i + 1] == ch) {  // {{ or }}
            i += 2;
            continue;
        }
        if (level == 0 && ch == '}') return "f-string: single '}' is not allowed";
        if (ch == '}') {  // the end of a format spec: its field is closed
            --level;
            ++i;
            continue;
        }
        if (level >= 2) return "f-string: expressions nested too deeply";
        const std::size_t start = ++i;
        if (auto e = fieldExpression311(text, i, end)) return e;
        if (auto e = fieldEnd311(text, i, end, start, level)) return e;
    }
    if (level > 0) return "f-string: expecting '}'";
    return std::nullopt;
}

bool isStringStart(Sv text, std::size_t i) {
    std::size_t letters = 0;
    while (i < text.size() && letters <= 2 && std::strchr("rRbBuUfF", text[i]) && text[i]) ++i, ++letters;
    return letters <= 2 && i < text.size() && (text[i] == '\'' || text[i] == '"');
}

bool hasF(Sv text, std::size_t at) {
    for (; at < text.size() && std::isalpha(static_cast<unsigned char>(text[at])); ++at)
        if (text[at] == 'f' || text[at] == 'F') return true;
    return false;
}

bool hasR(Sv text, std::size_t at) {
    for (; at < text.size() && std::isalpha(static_cast<unsigned char>(text[at])); ++at)
        if (text[at] == 'r' || text[at] == 'R') return true;
    return false;
}

// 3.11's verdict on the f-string literal starting at `at` (its prefix), which tree-sitter's
// grammar ends at `tsEnd`: nothing when 3.11 tokenizes it the same and accepts its contents;
// else the first error of the run of string literals 3.11 tokenizes from there, placed at the
// token after that run (a tokenizer error at the string it finds unterminated). `inBrackets`:
// newlines and comments after the run are not a NEWLINE token.
std::optional<FStringError> fstring311(Sv text, std::size_t at, std::size_t tsEnd, bool inBrackets) {
    std::size_t body = 0, bodyEnd = 0;
    auto unterminated = [&](std::size_t start) {
        std::size_t q = start;
        while (std::isalpha(static_cast<unsigned char>(text[q]))) ++q;
        if (q + 2 < text.size() && text[q + 1] == text[q] && text[q + 2] == text[q])  // to the end of the text
            return FStringError{start, "unterminated triple-quoted string literal (detected at line " +
                                           std::to_string(1 + std::count(text.begin(), text.end(), '\n')) + ")"};
        std::size_t nl = std::min(text.size(), text.find('\n', start));
        std::size_t line = 1 + std::count(text.begin(), text.begin() + nl, '\n');
        return FStringError{start, "unterminated string literal (detected at line " + std::to_string(line) + ")"};
    };
    std::size_t end = stringEnd311(text, at, body, bodyEnd);
    if (end == Sv::npos) return unterminated(at);  // (never triple-quoted: tree-sitter's end is one)
    std::optional<std::string> why = fstringContents311(text, body, bodyEnd, hasR(text, at));
    if (end == tsEnd && !why) return std::nullopt;
    for (std::size_t i = end;;) {
        while (i < text.size()) {
            char c = text[i];
            if (c == ' ' || c == '\t' || c == '\f') ++i;
            else if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r'))
                i += text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n' ? 3 : 2;
            else if (inBrackets && (c == '\n' || c == '\r')) ++i;
            else if (inBrackets && c == '#') i = std::min(text.size(), text.find('\n', i));
            else break;
        }
        if (i >= text.size() || !isStringStart(text, i))
            return FStringError{i, why ? *why : std::string("invalid syntax")};
        end = stringEnd311(text, i, body, bodyEnd);
        if (end == Sv::npos) return unterminated(i);
        if (!why && hasF(text, i)) why = fstringContents311(text, body, bodyEnd, hasR(text, i));
        i = end;
    }
}

// Whether a child (in `field`) of a node of this type stands inside its brackets.
bool isBracketed(Sv parent, Sv field) {
    static constexpr Sv types[] = {"parenthesized_expression", "argument_list", "list", "set", "dictionary", "tuple",
                                   "generator_expression", "list_comprehension", "set_comprehension",
                                   "dictionary_comprehension", "parameters", "list_pattern", "tuple_pattern",
                                   "dict_pattern", "class_pattern", "interpolation"};
    if (parent == "subscript") return field == "subscript";
    return std::find(std::begin(types), std::end(types), parent) != std::end(types);
}

enum class Kind { Module, Class, Function, Lambda, Comprehension };
enum : unsigned { Used = 1, Assigned = 2, Param = 4, Annotated = 8, Global = 16, Nonlocal = 32, Imported = 64 };

struct Scope {
    Kind kind = Kind::Module;
    bool async = false;       // async def
    Sv comprehension;         // its node type, for a comprehension
    int parent = -1;
    int loops = 0;            // loop bodies open in this scope
    std::vector<int> exceptStar;  // `loops` when each open except* block began
    bool yields = false, awaits = false;  // awaits: an asynchronous comprehension
    TSNode start{}, returnValue{};
    std::unordered_map<Sv, unsigned> names;
    std::vector<std::pair<Sv, TSNode>> nonlocals;  // resolved when the walk ends
    std::unordered_map<Sv, TSNode> directives;     // first global/nonlocal of a name
    std::unordered_set<Sv> iterationVariables;     // a comprehension's
};

// CPython 3.11 compiles a module only while its statements and expressions nest at most about
// 3,000 deep: its AST validator, symbol table and compiler stop at 3 x the interpreter's recursion
// limit of 1,000, less 3 x the caller's own depth (RecursionError "maximum recursion depth
// exceeded during compilation"), and its parser's stack of 6,000 stops `2**2**...` and
// `lambda: lambda: ...` at about 2,985 (MemoryError). /usr/bin/python3 compiles 2,992 links of
// `y.a.a...`, `-...-1`, `a if b else ...` or `elif`s from a shallow caller and refuses 2,993.
// Such a file is already invalid, so a depth past this bound is refused like a syntax error;
// the 90 levels of margin cover callers deeper than `compile()` at module level (py_compile,
// import) and the few levels the count below may be off by.
constexpr int kMaxAstDepth = 2900;

// How many levels of CPython's AST a node adds: one per statement and expression; none for
// tree-sitter's own wrappers (blocks, argument lists, parentheses, clauses, string parts) and for
// what CPython flattens: `a and b and c` is one BoolOp, `a = b = 1` one Assign (the
// expression_statement above it is the statement), a concatenated string one constant.
// (`elif` and `else` are placed by the if statement's frame: each elif nests in the last.)
int8_t astLevelOfSymbol(TSSymbol symbol) {
    static const std::vector<int8_t> table = [] {
        static constexpr Sv flat[] = {
            "module", "block", "argument_list", "keyword_argument", "parenthesized_expression", "pair",
            "comment", "decorator", "decorated_definition", "parameters", "lambda_parameters",
            "default_parameter", "typed_parameter", "typed_default_parameter", "type", "else_clause",
            "except_clause", "except_group_clause", "finally_clause", "with_clause", "with_item",
            "for_in_clause", "if_clause", "case_clause", "string_start", "string_content", "string_end",
            "escape_sequence", "dotted_name", "aliased_import", "relative_import", "import_prefix",
            "chevron", "type_conversion", "line_continuation", "assignment", "augmented_assignment"};
        const TSLanguage* lang = tree_sitter_python();
        std::vector<int8_t> t(ts_language_symbol_count(lang), 1);
        for (TSSymbol s = 0; s < t.size(); ++s) {
            Sv name = ts_language_symbol_name(lang, s);
            if (ts_language_symbol_type(lang, s) != TSSymbolTypeRegular ||
                std::find(std::begin(flat), std::end(flat), name) != std::end(flat))
                t[s] = 0;
        }
        return t;
    }();
    return symbol < table.size() ? table[symbol] : 0;
}

struct Frame {
    TSNode node;
    Sv type;
    int depth = 0;   // CPython's AST nesting (statements and expressions) down to this node
    int elifs = 0;   // an if statement's elif clauses seen
    int scope = 0;   // where this node is evaluated
    int own = -1;    // the scope it opens (def, lambda, class, comprehension)
    int clauses = 0; // for_in_clauses seen (a comprehension)
    bool firstClause = false, loopBody = false, exceptStar = false, inParams = false;
    int iterable = 0;  // inside a comprehension's iterable
    bool inBrackets = false;  // inside (), [] or {}: newlines are white space
};

class Checker {
public:
    explicit Checker(Sv text) : text_(text) {}
    std::optional<std::string> run(TSNode root);
    // run()'s steps, for a walk the caller drives (CompilerCheck): start at the root, then every
    // other node entered in document order (with its field name) and every node left, the root too.
    void start(TSNode root);
    void enterNext(TSNode n, Sv field) { frames_.push_back(enter(n, field, frames_.back())); }
    void leaveLast() {
        leave(frames_.back());
        frames_.pop_back();
    }
    std::optional<std::string> finish();

private:
    Sv text(TSNode n) const { return ts_node_is_null(n) ? Sv() : text_.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n)); }
    void fstring(const Frame& f);
    // `at` is a byte past the start of `from`, on its line or a later one
    void failAt(TSNode from, std::size_t at, const std::string& why) {
        if (error_ && errorAt_ <= at) return;
        TSPoint p = ts_node_start_point(from);
        const std::size_t start = ts_node_start_byte(from);
        const auto rows = std::count(text_.begin() + start, text_.begin() + at, '\n');
        std::size_t lineStart = rows ? text_.rfind('\n', at - 1) + 1 : start - p.column;
        errorAt_ = static_cast<uint32_t>(at);
        error_ = "line " + std::to_string(p.row + 1 + rows) + ", column " + std::to_string(at - lineStart + 1) + ": " + why;
    }
    void fail(TSNode at, const std::string& why) {
        if (ts_node_is_null(at)) return;
        uint32_t b = ts_node_start_byte(at);
        if (error_ && errorAt_ <= b) return;
        TSPoint p = ts_node_start_point(at);
        errorAt_ = b;
        error_ = "line " + std::to_string(p.row + 1) + ", column " + std::to_string(p.column + 1) + ": " + why;
    }
    Frame enter(TSNode n, Sv field, const Frame& parent);
    void nest(Frame& f, Sv field, const Frame& parent);
    void leave(const Frame& f);
    int openScope(Kind kind, TSNode n, int parent);
    void placeInScope(Frame& f, Sv field, const Frame& parent);
    void identifier(TSNode n, Sv field, const Frame& parent, const Frame& f);
    void statement(const Frame& f);
    void expression(const Frame& f, Sv field, const Frame& parent);
    void bind(int scope, TSNode id, unsigned how);
    void targets(int scope, TSNode target, unsigned how, bool del = false);
    void declare(const Frame& f, bool global);
    void annotated(const Frame& f, TSNode target);
    void awaitOrAsync(const Frame& f, Sv what);
    void yieldExpr(const Frame& f);
    void returnStmt(const Frame& f);
    void loopExit(const Frame& f, bool isBreak);
    void walrus(const Frame& f);
    void parameters(const Frame& f, int scope, bool lambda);
    void arguments(TSNode list);
    void assignmentStars(const Frame& f);
    void starredTargets(TSNode left);
    void tryStatement(TSNode n);
    void futureImport(const Frame& f);
    void imports(const Frame& f);
    void number(TSNode n);
    void stringPrefix(TSNode n, TSNode string);
    void leaveScope(int s);
    void matchStatement(TSNode block);
    void unionPattern(TSNode n);
    void caseClause(TSNode n);
    std::vector<TSNode> captures(TSNode pattern, TSNode parent) const;
    void resolveNonlocals();
    void moduleStart(TSNode root);

    Sv text_;
    std::vector<Frame> frames_;  // the nodes entered and not yet left, root first
    std::vector<Scope> scopes_;
    std::unordered_set<const void*> stores_;  // identifiers in an assignment target
    std::unordered_set<const void*> futureAllowed_;  // future imports where CPython allows them
    bool docstring_ = false;
    std::size_t fstringsChecked_ = 0;  // strings starting before this byte are checked (part of a run)
    std::optional<std::string> error_;
    uint32_t errorAt_ = 0;
};

int Checker::openScope(Kind kind, TSNode n, int parent) {
    Scope s;
    s.kind = kind;
    s.parent = parent;
    s.start = n;
    if (kind == Kind::Function) s.async = hasToken(n, "async");
    if (kind == Kind::Comprehension) {
        s.comprehension = typeOf(n);
        eachChild(n, [&](TSNode c, Sv) {  // iteration variables are known before the element
            if (typeOf(c) != "for_in_clause") return;
            std::vector<TSNode> stack{fieldOf(c, "left")};
            while (!stack.empty()) {
                TSNode t = stack.back();
                stack.pop_back();
                if (typeOf(t) == "identifier") s.iterationVariables.insert(text(t));
                else if (!ts_node_is_null(t)) eachChild(t, [&](TSNode k, Sv) { if (ts_node_is_named(k)) stack.push_back(k); });
            }
            if (hasToken(c, "async")) s.awaits = true;
        });
    }
    scopes_.push_back(std::move(s));
    return static_cast<int>(scopes_.size()) - 1;
}

// Which scope a child is evaluated in: a def's or lambda's body in its own, its defaults,
// annotations and decorators outside; a comprehension in its own except its first iterable.
void Checker::placeInScope(Frame& f, Sv field, const Frame& parent) {
    f.iterable = parent.iterable;
    f.inParams = parent.inParams && field != "value" && field != "type";
    if (parent.own >= 0) {
        if (parent.type == "function_definition" || parent.type == "lambda") {
            if (field == "body") f.scope = parent.own;
            if (field == "parameters") f.inParams = true;
        } else if (parent.type == "class_definition") {
            if (field == "body") f.scope = parent.own;
        } else {  // a comprehension
            f.scope = parent.own;
            if (f.type == "for_in_clause") f.firstClause = parent.clauses == 0;
        }
    }
    if (parent.type == "for_in_clause" && field == "right") {
        f.iterable = parent.iterable + 1;
        if (parent.firstClause) f.scope = scopes_[parent.scope].parent;
    }
    if ((parent.type == "for_statement" || parent.type == "while_statement") && field == "body") {
        f.loopBody = true;
        ++scopes_[f.scope].loops;
    }
}

Frame Checker::enter(TSNode n, Sv field, const Frame& parent) {
    Frame f{n, typeOf(n)};
    f.scope = parent.scope;
    placeInScope(f, field, parent);
    nest(f, field, parent);
    if (isComprehension(parent.type) && f.type == "for_in_clause") const_cast<Frame&>(parent).clauses++;
    const Sv t = f.type;
    if (t == "function_definition") f.own = openScope(Kind::Function, n, f.scope);
    else if (t == "lambda") f.own = openScope(Kind::Lambda, n, f.scope);
    else if (t == "class_definition") f.own = openScope(Kind::Class, n, f.scope);
    else if (isComprehension(t)) f.own = openScope(Kind::Comprehension, n, f.scope);
    if (t == "except_group_clause") {
        f.exceptStar = true;
        scopes_[f.scope].exceptStar.push_back(scopes_[f.scope].loops);
    }
    f.inBrackets = parent.inBrackets || isBracketed(parent.type, field);
    if (t == "string") fstring(f);
    if (t == "identifier") identifier(n, field, parent, f);
    else if (!ts_node_is_named(n)) {
        if (t == "<>") fail(n, "invalid syntax");
    } else if (t.size() > 10 && (t.substr(t.size() - 10) == "_statement" || t == "function_definition" ||
                                 t == "class_definition"))
        statement(f);
    else expression(f, field, parent);
    return f;
}

// The AST depth down to this node, refused past kMaxAstDepth (once per path: the first node past it).
void Checker::nest(Frame& f, Sv field, const Frame& parent) {
    const Sv t = f.type;
    int level = astLevelOfSymbol(ts_node_symbol(f.node));
    if (t == "elif_clause") level = ++const_cast<Frame&>(parent).elifs;
    else if (t == "else_clause") level = parent.elifs;  // its body is in the last elif's orelse
    else if (level && parent.type == "concatenated_string") level = 0;
    else if (level && t == "boolean_operator" && parent.type == "boolean_operator" && field == "left" &&
             ts_node_symbol(fieldOf(f.node, "operator")) == ts_node_symbol(fieldOf(parent.node, "operator")))
        level = 0;  // `a and b and c`: one BoolOp in CPython's AST, nested pairs in tree-sitter's
    f.depth = parent.depth + level;
    if (f.depth > kMaxAstDepth && parent.depth <= kMaxAstDepth)
        fail(f.node, "maximum recursion depth exceeded during compilation (statements and expressions nested "
                     "more than " + std::to_string(kMaxAstDepth) + " deep)");
}

void Checker::leave(const Frame& f) {
    if (f.loopBody) --scopes_[f.scope].loops;
    if (f.exceptStar) scopes_[f.scope].exceptStar.pop_back();
    if (f.own >= 0) leaveScope(f.own);
}

// A name: a use, or a store when an assignment target listed it.
void Checker::identifier(TSNode n, Sv field, const Frame& parent, const Frame& f) {
    Sv p = parent.type;
    if (auto it = stores_.find(n.id); it != stores_.end()) {  // a target (match captures are dotted names)
        stores_.erase(it);
        bind(f.scope, n, Assigned);
        return;
    }
    if ((p == "attribute" && field == "attribute") || (p == "keyword_argument" && field == "name") ||
        p == "dotted_name" || p == "aliased_import" || p == "global_statement" || p == "nonlocal_statement" ||
        ((p == "function_definition" || p == "class_definition") && field == "name") || f.inParams ||
        (p == "named_expression" && field == "name") || p == "keyword_pattern")
        return;
    scopes_[f.scope].names[text(n)] |= Used;
}

void Checker::bind(int scope, TSNode id, unsigned how) {
    Sv name = text(id);
    if (name == "__debug__") fail(id, "cannot assign to __debug__");
    Scope& s = scopes_[scope];
    unsigned& flags = s.names[name];
    if ((how & Annotated) && (flags & (Global | Nonlocal)) && s.kind != Kind::Module)
        fail(id, "annotated name '" + std::string(name) + "' can't be " + ((flags & Global) ? "global" : "nonlocal"));
    flags |= how;
}

// Marks the names a target binds (they are bound when the walk reaches them), and refuses
// what CPython cannot assign to or delete.
void Checker::targets(int scope, TSNode target, unsigned how, bool del) {
    std::vector<TSNode> stack{target};
    while (!stack.empty()) {
        TSNode t = stack.back();
        stack.pop_back();
        Sv ty = typeOf(t);
        if (ty == "identifier") {
            if (del && text(t) == "__debug__") fail(t, "cannot delete __debug__");
            stores_.insert(t.id);
            (void)how;
        } else if (ty == "pattern_list" || ty == "tuple_pattern" || ty == "list_pattern" || ty == "tuple" ||
                   ty == "list" || ty == "parenthesized_expression" || ty == "expression_list" ||
                   ty == "list_splat_pattern" || ty == "as_pattern_target") {
            if (del && (ty == "list_splat_pattern")) fail(t, "cannot delete starred");
            eachChild(t, [&](TSNode c, Sv) { if (ts_node_is_named(c) && typeOf(c) != "comment") stack.push_back(c); });
        } else if (ty == "list_splat") {
            if (del) fail(t, "cannot delete starred");
            eachChild(t, [&](TSNode c, Sv) { if (ts_node_is_named(c)) stack.push_back(c); });
        } else if (ty == "attribute") {
            if (text(fieldOf(t, "attribute")) == "__debug__")
                fail(t, del ? "cannot delete __debug__" : "cannot assign to __debug__");
        } else if (ty != "subscript") {
            Sv words = expressionWords(t);
            if (!words.empty()) fail(t, std::string(del ? "cannot delete " : "cannot assign to ") + std::string(words));
        }
    }
}

// Long on purpose: one branch per statement kind CPython's compiler or grammar restricts.
void Checker::statement(const Frame& f) {
    TSNode n = f.node;
    const Sv t = f.type;
    if (t == "function_definition" || t == "class_definition") {
        bind(f.scope, fieldOf(n, "name"), Assigned);
    } else if (t == "for_statement") {
        if (hasToken(n, "async")) awaitOrAsync(f, "'async for'");
        starredTargets(fieldOf(n, "left"));
        targets(f.scope, fieldOf(n, "left"), Assigned);
    } else if (t == "with_statement") {
        if (hasToken(n, "async")) awaitOrAsync(f, "'async with'");
    } else if (t == "return_statement") {
        returnStmt(f);
    } else if (t == "break_statement" || t == "continue_statement") {
        loopExit(f, t == "break_statement");
    } else if (t == "global_statement" || t == "nonlocal_statement") {
        declare(f, t == "global_statement");
    } else if (t == "delete_statement") {
        eachChild(n, [&](TSNode c, Sv) { if (ts_node_is_named(c)) targets(f.scope, c, Assigned, true); });
    } else if (t == "try_statement") {
        tryStatement(n);
    } else if (t == "match_statement") {
        matchStatement(fieldOf(n, "body"));
    } else if (t == "future_import_statement") {
        futureImport(f);
    } else if (t == "import_statement" || t == "import_from_statement") {
        imports(f);
    } else if (t == "print_statement") {
        if (!ts_node_is_null(namedChild(n, 0)) && typeOf(namedChild(n, 0)) != "chevron")
            fail(n, "Missing parentheses in call to 'print'. Did you mean print(...)?");
    } else if (t == "exec_statement") {
        fail(n, "Missing parentheses in call to 'exec'. Did you mean exec(...)?");
    } else if (t == "expression_statement") {
        TSNode only = namedChild(n, 0);
        if (namedCount(n) == 1 && typeOf(only) == "named_expression") fail(fieldOf(only, "value"), "invalid syntax");
        if (namedCount(n) == 1 && isStarred(only)) fail(only, "can't use starred expression here");
    }
}

// Long on purpose: one branch per expression kind CPython's compiler or grammar restricts.
void Checker::expression(const Frame& f, Sv field, const Frame& parent) {
    TSNode n = f.node;
    const Sv t = f.type;
    if (t == "await") {
        awaitOrAsync(f, "'await'");
        // CPython's grammar awaits a primary (a name, a call, an attribute, a display...);
        // tree-sitter's also takes `await await x` and `await -x`
        TSNode operand = namedChild(n, 0);
        if (typeOf(operand) == "await" || typeOf(operand) == "unary_operator") fail(operand, "invalid syntax");
    } else if (t == "yield") {
        yieldExpr(f);
    } else if (t == "assignment" || t == "augmented_assignment") {
        assignmentStars(f);
        TSNode left = fieldOf(n, "left");
        if (t == "assignment" && !ts_node_is_null(fieldOf(n, "type"))) annotated(f, left);
        else targets(f.scope, left, Assigned);
        if (t == "assignment" && typeOf(fieldOf(n, "right")) == "named_expression") fail(fieldOf(n, "right"), "invalid syntax");
    } else if (t == "named_expression") {
        // unparenthesized as a keyword argument's value or a default: `f(a=b:=1)`
        if (field == "value" && (parent.type == "keyword_argument" || parent.type == "default_parameter" ||
                                 parent.type == "typed_default_parameter"))
            fail(fieldOf(n, "value"), "invalid syntax");
        if (typeOf(fieldOf(n, "value")) == "named_expression")  // `a := b := 1`: CPython wants `a := (b := 1)`
            eachChild(fieldOf(n, "value"), [&](TSNode c, Sv) { if (typeOf(c) == ":=") fail(c, "invalid syntax"); });
        walrus(f);
    } else if (t == "as_pattern" && (parent.type == "with_item" || parent.type == "except_clause" ||
                                     parent.type == "except_group_clause")) {
        TSNode alias = fieldOf(n, "alias");
        TSNode target = namedChild(alias, 0);
        if (typeOf(target) == "list_splat_pattern" || typeOf(target) == "list_splat")
            fail(target, "starred assignment target must be in a list or tuple");
        targets(f.scope, alias, Assigned);
    } else if (t == "except_clause") {
        if (hasToken(n, ",")) fail(fieldOf(n, "value"), "multiple exception types must be parenthesized");
        else if (!ts_node_is_null(fieldOf(n, "alias"))) targets(f.scope, fieldOf(n, "alias"), Assigned);
    } else if (t == "for_in_clause") {
        targets(f.scope, fieldOf(n, "left"), Assigned);
        int rights = 0;
        eachChild(n, [&](TSNode, Sv fl) { rights += fl == "right"; });
        if (rights > 1) {
            bool argument = typeOf(parent.node) == "generator_expression" && typeOf(ts_node_parent(parent.node)) == "call";
            fail(n, argument ? "Generator expression must be parenthesized" : "invalid syntax");
        }
    } else if (t == "parameters" || t == "lambda_parameters") {
        parameters(f, parent.own, t == "lambda_parameters");
    } else if (t == "argument_list") {
        arguments(n);
    } else if (t == "integer" || t == "float") {
        number(n);
    } else if (t == "string_start") {
        stringPrefix(n, parent.node);
    } else if (t == "type_conversion" && text(n) != "!s" && text(n) != "!r" && text(n) != "!a") {
        fail(n, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
    } else if (starDenied(parent.type) && isStarred(n)) {  // (a denied parent is never starred itself)
        // isStarred walks down a call/attribute/subscript chain: asked only under a denied
        // parent, each chain is walked once (asked at every node, `y.a.a...` was quadratic)
        fail(n, "can't use starred expression here");
    } else if ((t == "tuple" || t == "parenthesized_expression") && namedCount(n) == 1 && !hasToken(n, ",") &&
               isStarred(namedChild(n, 0))) {  // `(*a)`, and `(*a.b)`: tree-sitter's `((*a).b)`
        fail(n, "cannot use starred expression here");
    } else if (t == "case_clause") {
        caseClause(n);
    } else if (t == "union_pattern") {
        unionPattern(n);
    } else if ((t == "list_pattern" || t == "tuple_pattern") && parent.type == "case_pattern") {
        int stars = 0;
        eachChild(n, [&](TSNode c, Sv) { stars += typeOf(c) == "case_pattern" && typeOf(namedChild(c, 0)) == "splat_pattern"; });
        if (stars > 1) fail(n, "multiple starred names in sequence pattern");
    } else if (t == "case_pattern" || t == "as_pattern") {
        // match captures bind names (conservatively: every identifier in a pattern)
        if (t == "case_pattern" || parent.type == "case_pattern") {
            std::vector<TSNode> stack{n};
            while (!stack.empty()) {
                TSNode c = stack.back();
                stack.pop_back();
                if (typeOf(c) == "identifier") stores_.insert(c.id);
                else eachChild(c, [&](TSNode k, Sv) { if (ts_node_is_named(k)) stack.push_back(k); });
            }
        }
    }
    if (field == "body" && isComprehension(parent.type) && t == "list_splat")
        fail(n, "iterable unpacking cannot be used in comprehension");
}

void Checker::annotated(const Frame& f, TSNode target) {
    Sv ty = typeOf(target);
    if (ty == "pattern_list" || ((ty == "tuple_pattern" || ty == "tuple") && hasToken(target, ",")))
        return fail(target, "only single target (not tuple) can be annotated");
    if (ty == "list_pattern" || ty == "list") return fail(target, "only single target (not list) can be annotated");
    if (ty == "tuple_pattern" || ty == "tuple" || ty == "parenthesized_expression") {  // `(x): int`
        TSNode inner = namedChild(target, 0);
        if (typeOf(inner) == "identifier") stores_.insert(inner.id);
        return;
    }
    if (ty == "identifier") {
        bind(f.scope, target, Annotated | Assigned);
        stores_.insert(target.id);  // a store, not a use, when the walk reaches it
        return;
    }
    if (ty != "attribute" && ty != "subscript") fail(target, "illegal target for annotation");
}

// `await`, `async for`, `async with`: only in an async def (an `await` in a comprehension
// makes it asynchronous, judged when the comprehension ends).
void Checker::awaitOrAsync(const Frame& f, Sv what) {
    Scope& s = scopes_[f.scope];
    if (s.kind == Kind::Function && s.async) return;
    if (s.kind == Kind::Comprehension) {
        s.awaits = true;
        return;
    }
    if (what == "'await'" && (s.kind == Kind::Module || s.kind == Kind::Class))
        return fail(f.node, "'await' outside function");
    fail(f.node, std::string(what) + (what == "'await'" ? " outside async function" : " outside async function"));
}

void Checker::yieldExpr(const Frame& f) {
    Scope& s = scopes_[f.scope];
    if (s.kind == Kind::Module || s.kind == Kind::Class) return fail(f.node, "'yield' outside function");
    if (s.kind == Kind::Comprehension) return fail(f.node, "'yield' inside " + std::string(comprehensionWords(s.comprehension)));
    if (s.kind == Kind::Function && s.async && hasToken(f.node, "from"))
        return fail(f.node, "'yield from' inside async function");
    s.yields = true;
}

void Checker::returnStmt(const Frame& f) {
    Scope& s = scopes_[f.scope];
    if (s.kind != Kind::Function) return fail(f.node, "'return' outside function");
    if (!s.exceptStar.empty()) return fail(f.node, "'break', 'continue' and 'return' cannot appear in an except* block");
    TSNode value = namedChild(f.node, 0);
    if (!ts_node_is_null(value) && isStarred(value)) fail(value, "can't use starred expression here");
    if (!ts_node_is_null(value) && typeOf(value) != "comment" && ts_node_is_null(s.returnValue)) s.returnValue = f.node;
}

void Checker::loopExit(const Frame& f, bool isBreak) {
    Scope& s = scopes_[f.scope];
    if (s.loops == 0) return fail(f.node, isBreak ? "'break' outside loop" : "'continue' not properly in loop");
    if (!s.exceptStar.empty() && s.exceptStar.back() == s.loops)
        fail(f.node, "'break', 'continue' and 'return' cannot appear in an except* block");
}

// `global x` / `nonlocal x`: CPython's symbol table checks against what the scope did with
// the name before the declaration; a nonlocal's binding is resolved when the walk ends.
void Checker::declare(const Frame& f, bool global) {
    Scope& s = scopes_[f.scope];
    const std::string what = global ? "global" : "nonlocal";
    eachChild(f.node, [&](TSNode id, Sv) {
        if (typeOf(id) != "identifier") return;
        Sv name = text(id);
        unsigned& flags = s.names[name];
        std::string q = "name '" + std::string(name) + "' is ";
        if (flags & Param) fail(f.node, q + "parameter and " + what);
        else if (flags & Used) fail(f.node, q + "used prior to " + what + " declaration");
        else if (flags & Annotated) fail(f.node, "annotated name '" + std::string(name) + "' can't be " + what);
        else if (flags & Assigned) fail(f.node, q + "assigned to before " + what + " declaration");
        flags |= global ? Global : Nonlocal;
        s.directives.emplace(name, f.node);
        if (!global) s.nonlocals.emplace_back(name, f.node);
    });
}

// `x := v`: binds in the nearest scope that is not a comprehension.
void Checker::walrus(const Frame& f) {
    TSNode name = fieldOf(f.node, "name");
    if (f.iterable > 0) return fail(f.node, "assignment expression cannot be used in a comprehension iterable expression");
    int s = f.scope;
    while (scopes_[s].kind == Kind::Comprehension) {
        if (scopes_[s].iterationVariables.count(text(name)))
            return fail(f.node, "assignment expression cannot rebind comprehension iteration variable '" +
                                    std::string(text(name)) + "'");
        s = scopes_[s].parent;
    }
    if (s != f.scope && scopes_[s].kind == Kind::Class)
        return fail(f.node, "assignment expression within a comprehension cannot be used in a class body");
    bind(s, name, Assigned);
}

// A parameter list: names, order (defaults, `*`, `**`), duplicates; names bind in `scope`.
void Checker::parameters(const Frame& f, int scope, bool lambda) {
    bool defaults = false, star = false, bareStar = false, kwargs = false, afterBareStar = false, named = false;
    eachChild(f.node, [&](TSNode p, Sv) {
        if (!ts_node_is_named(p) || error_) return;
        Sv t = typeOf(p);
        Sv first = typeOf(namedChild(p, 0));  // `*args: T`, `**kw: T` are typed parameters
        if (t == "typed_parameter" && (first == "list_splat_pattern" || first == "dictionary_splat_pattern")) t = first;
        if (kwargs) return fail(p, "arguments cannot follow var-keyword argument");
        if (t == "tuple_pattern")
            return fail(p, lambda ? "Lambda expression parameters cannot be parenthesized"
                                  : "Function parameters cannot be parenthesized");
        if (t == "keyword_separator" || t == "list_splat_pattern") {
            if (star) return fail(p, "* argument may appear only once");
            star = true;
            bareStar = t == "keyword_separator";
        } else if (t == "positional_separator") {
            if (star) return fail(p, "/ must be ahead of *");
            if (!named) return fail(p, "invalid syntax");  // `def f(/)`
        } else if (t == "dictionary_splat_pattern") {
            if (bareStar && !afterBareStar) return fail(p, "named arguments must follow bare *");
            kwargs = true;
        } else {
            named = true;
            bool hasDefault = t == "default_parameter" || t == "typed_default_parameter";
            if (!star && defaults && !hasDefault) return fail(p, "non-default argument follows default argument");
            defaults = defaults || hasDefault;
            afterBareStar = afterBareStar || bareStar;
            TSNode name = fieldOf(p, "name");
            if (!ts_node_is_null(name) && typeOf(name) == "tuple_pattern")
                return fail(name, lambda ? "Lambda expression parameters cannot be parenthesized"
                                         : "Function parameters cannot be parenthesized");
        }
        if (t == "keyword_separator" || t == "positional_separator") return;
        TSNode id = t == "identifier" ? p : fieldOf(p, "name");
        if (ts_node_is_null(id)) id = namedChild(p, 0);
        if (typeOf(id) != "identifier") id = namedChild(id, 0);
        if (typeOf(id) != "identifier") return;
        unsigned& flags = scopes_[scope].names[text(id)];
        if (flags & Param) return fail(id, "duplicate argument '" + std::string(text(id)) + "' in function definition");
        if (text(id) == "__debug__") return fail(id, "cannot assign to __debug__");
        flags |= Param;
    });
    if (!error_ && bareStar && !afterBareStar) fail(f.node, "named arguments must follow bare *");
}

// A call's arguments: CPython's order rules and repeated keywords.
void Checker::arguments(TSNode list) {
    bool keyword = false, kwargs = false;
    std::unordered_set<Sv> names;
    eachChild(list, [&](TSNode a, Sv) {
        if (!ts_node_is_named(a) || typeOf(a) == "comment") return;
        Sv t = typeOf(a);
        if (t == "keyword_argument") {
            TSNode name = fieldOf(a, "name");
            if (text(name) == "__debug__") fail(name, "cannot assign to __debug__");
            if (!names.insert(text(name)).second) fail(name, "keyword argument repeated: " + std::string(text(name)));
            keyword = true;
        } else if (t == "dictionary_splat") {
            kwargs = true;
        } else if (isStarred(a)) {
            if (kwargs) fail(a, "iterable argument unpacking follows keyword argument unpacking");
        } else {
            if (t == "generator_expression" && !hasToken(a, "(")) fail(a, "Generator expression must be parenthesized");
            if (kwargs) fail(a, "positional argument follows keyword argument unpacking");
            else if (keyword) fail(a, "positional argument follows keyword argument");
        }
    });
}

// `(x) += 1`, `((o.a)) += 1`: parentheses around one target make no tuple (CPython accepts
// them); tree-sitter reads them as a one-element tuple (pattern) or a parenthesized expression.
// A loop, not recursion: the parentheses may nest deeply.
static TSNode unparenthesized(TSNode n) {
    for (;;) {
        Sv t = typeOf(n);
        if ((t != "parenthesized_expression" && t != "tuple_pattern" && t != "tuple") || namedCount(n) != 1) return n;
        for (uint32_t i = 0; i < ts_node_child_count(n); ++i)
            if (typeOf(ts_node_child(n, i)) == ",") return n;  // `(x,)` is a tuple
        n = namedChild(n, 0);
    }
}

// Starred expressions in assignments.
void Checker::assignmentStars(const Frame& f) {
    TSNode left = fieldOf(f.node, "left"), right = fieldOf(f.node, "right");
    if (isStarred(right)) fail(right, "can't use starred expression here");
    starredTargets(left);
    if (f.type == "augmented_assignment") {
        left = unparenthesized(left);
        Sv t = typeOf(left);  // `(*x) += 1`
        if (t == "list_splat" || t == "list_splat_pattern" || t == "parenthesized_list_splat")
            fail(left, "cannot use starred expression here");
    }
    Sv lt = typeOf(left);
    if (f.type == "augmented_assignment" && lt != "identifier" && lt != "attribute" && lt != "subscript") {
        Sv words = lt == "pattern_list" || lt == "tuple_pattern" || lt == "tuple" ? Sv("tuple")
                   : lt == "list_pattern" || lt == "list"                       ? Sv("list")
                                                                                 : expressionWords(left);
        if (!words.empty()) fail(left, "'" + std::string(words) + "' is an illegal expression for augmented assignment");
    }
}

// `*a = ...` and two starred names in one target list.
void Checker::starredTargets(TSNode left) {
    if (typeOf(left) == "list_splat_pattern") fail(left, "starred assignment target must be in a list or tuple");
    std::vector<TSNode> stack{left};
    while (!stack.empty()) {
        TSNode t = stack.back();
        stack.pop_back();
        int stars = 0;
        eachChild(t, [&](TSNode c, Sv) {
            Sv ct = typeOf(c);
            stars += ct == "list_splat_pattern" || ct == "list_splat";
            if (ct == "pattern_list" || ct == "tuple_pattern" || ct == "list_pattern" || ct == "tuple" || ct == "list")
                stack.push_back(c);
        });
        if (stars > 1) fail(left, "multiple starred expressions in assignment");
    }
}

void Checker::tryStatement(TSNode n) {
    TSNode bare{};
    eachChild(n, [&](TSNode c, Sv) {
        if (typeOf(c) != "except_clause") return;
        if (!ts_node_is_null(bare)) fail(bare, "default 'except:' must be last");
        if (ts_node_is_null(fieldOf(c, "value")) && ts_node_is_null(bare)) bare = c;
    });
}

void Checker::futureImport(const Frame& f) {
    static constexpr Sv known[] = {"nested_scopes",  "generators",       "division",       "absolute_import",
                                   "with_statement", "print_function",   "unicode_literals", "barry_as_FLUFL",
                                   "generator_stop", "annotations"};
    if (!futureAllowed_.count(f.node.id)) return fail(f.node, "from __future__ imports must occur at the beginning of the file");
    eachChild(f.node, [&](TSNode c, Sv field) {
        if (field != "name") return;
        Sv name = text(typeOf(c) == "aliased_import" ? fieldOf(c, "name") : c);
        if (name == "braces") fail(f.node, "not a chance");
        else if (std::find(std::begin(known), std::end(known), name) == std::end(known))
            fail(f.node, "future feature " + std::string(name) + " is not defined");
    });
}

// Imports bind names; `from m import a.b` is tree-sitter's, not CPython's; `import *` only
// at module level.
void Checker::imports(const Frame& f) {
    bool from = f.type == "import_from_statement";
    eachChild(f.node, [&](TSNode c, Sv field) {
        if (typeOf(c) == "wildcard_import" && scopes_[f.scope].kind != Kind::Module)
            fail(c, "import * only allowed at module level");
        if (field != "name") return;
        TSNode dotted = typeOf(c) == "aliased_import" ? fieldOf(c, "name") : c;
        if (from && namedCount(dotted) > 1) {
            eachChild(dotted, [&](TSNode dot, Sv) { if (typeOf(dot) == "." && !error_) fail(dot, "invalid syntax"); });
            return;
        }
        TSNode bound = typeOf(c) == "aliased_import" ? fieldOf(c, "alias") : namedChild(dotted, 0);
        if (typeOf(bound) == "identifier") bind(f.scope, bound, Imported);
    });
}

// Number forms tree-sitter's token accepts and CPython's tokenizer does not: Python 2's long
// suffix, an underscore not between two digits.
void Checker::number(TSNode n) {
    Sv t = text(n);
    bool hex = t.size() > 1 && (t[1] == 'x' || t[1] == 'X');
    bool bad = !t.empty() && (t.back() == 'l' || t.back() == 'L');
    for (std::size_t i = 0; i < t.size() && !bad; ++i) {
        if (t[i] != '_') continue;
        auto digit = [&](std::size_t k) {
            return k < t.size() && (std::isdigit(static_cast<unsigned char>(t[k])) || (hex && std::isxdigit(static_cast<unsigned char>(t[k]))));
        };
        bool prefixBefore = i == 2 && t[0] == '0' && std::isalpha(static_cast<unsigned char>(t[1]));
        bad = !(digit(i + 1) && (prefixBefore || (i > 0 && digit(i - 1))));
    }
    if (!bad) return;
    Sv kind = hex ? "hexadecimal" : t.size() > 1 && (t[1] == 'o' || t[1] == 'O') ? "octal"
                : t.size() > 1 && (t[1] == 'b' || t[1] == 'B')                 ? "binary"
                                                                                : "decimal";
    fail(n, "invalid " + std::string(kind) + " literal");
}

// String prefixes CPython knows (r, u, b, f and their pairs), no backquotes, ASCII bytes.
// `string` is n's parent, from the walk (ts_node_parent searches down from the root: once per
// bytes literal, that was quadratic in a module of many statements).
void Checker::stringPrefix(TSNode n, TSNode string) {
    Sv t = text(n);
    std::string prefix;
    for (char c : t)
        if (std::isalpha(static_cast<unsigned char>(c))) prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static constexpr Sv valid[] = {"", "r", "u", "b", "br", "rb", "f", "fr", "rf"};
    if (t.find('`') != Sv::npos || std::find(std::begin(valid), std::end(valid), Sv(prefix)) == std::end(valid))
        return fail(n, "invalid syntax");
    if (prefix.find('b') == std::string::npos) return;
    TSNode str = string;
    for (char c : text(str))
        if (static_cast<unsigned char>(c) >= 0x80) return fail(str, "bytes can only contain ASCII literal characters");
}

// An f-string as CPython 3.11 reads it (fstring311): refused with its error where 3.11's
// tokenizer ends it elsewhere than tree-sitter's grammar (3.12's) or 3.11 refuses its contents.
void Checker::fstring(const Frame& f) {
    const std::size_t at = ts_node_start_byte(f.node);
    if (at < fstringsChecked_ || !hasF(text_, at)) return;
    std::optional<FStringError> e = fstring311(text_, at, ts_node_end_byte(f.node), f.inBrackets);
    fstringsChecked_ = std::max<std::size_t>(ts_node_end_byte(f.node), e ? e->at : 0);
    if (e) failAt(f.node, e->at, e->why);
}

// match: the names a pattern binds, in order (of a nested or-pattern, its first alternative's:
// the walk checks that its alternatives agree). Iterative; each node is stacked with its parent
// (ts_node_parent searches down from the root: per node, a wide pattern was quadratic).
std::vector<TSNode> Checker::captures(TSNode pattern, TSNode parent) const {
    std::vector<TSNode> out;
    std::vector<std::pair<TSNode, TSNode>> stack{{pattern, parent}};
    while (!stack.empty()) {
        auto [n, up] = stack.back();
        stack.pop_back();
        Sv t = typeOf(n);
        if (t == "dotted_name") {  // a capture, unless a value (a.b) or a class pattern's class
            bool cls = typeOf(up) == "class_pattern" && ts_node_eq(namedChild(up, 0), n);
            if (namedCount(n) == 1 && !cls) out.push_back(namedChild(n, 0));
        } else if (t == "splat_pattern" || (t == "identifier" && typeOf(up) == "as_pattern")) {
            TSNode id = t == "identifier" ? n : namedChild(n, 0);
            if (!ts_node_is_null(id) && text(id) != "_") out.push_back(id);
        } else if (t == "union_pattern") {
            if (!ts_node_is_null(namedChild(n, 0))) stack.push_back({namedChild(n, 0), n});
        } else {
            std::vector<TSNode> kids;
            eachChild(n, [&](TSNode c, Sv field) { if (ts_node_is_named(c) && field != "key") kids.push_back(c); });
            for (auto it = kids.rbegin(); it != kids.rend(); ++it)
                if (typeOf(*it) != "identifier" || t == "as_pattern") stack.push_back({*it, n});
        }
    }
    return out;
}

// `case [y, y]`: a name bound twice in one pattern.
void Checker::caseClause(TSNode n) {
    std::unordered_set<Sv> seen;
    eachChild(n, [&](TSNode p, Sv field) {
        if (typeOf(p) != "case_pattern" || !field.empty()) return;
        for (TSNode id : captures(p, n))
            if (!seen.insert(text(id)).second)
                fail(id, "multiple assignments to name '" + std::string(text(id)) + "' in pattern");
    });
}

// `p | q`: every alternative binds the same names; an irrefutable one must be last.
void Checker::unionPattern(TSNode n) {
    std::optional<std::vector<Sv>> first;
    std::vector<TSNode> alternatives;  // named ones, and `_` (an anonymous token in tree-sitter's tree)
    eachChild(n, [&](TSNode a, Sv) { if (ts_node_is_named(a) || typeOf(a) == "_") alternatives.push_back(a); });
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        TSNode a = alternatives[i];
        bool wildcard = typeOf(a) == "_";
        bool capture = typeOf(a) == "dotted_name" && namedCount(a) == 1;
        if ((wildcard || capture) && i + 1 < alternatives.size())
            return fail(a, wildcard ? "wildcard makes remaining patterns unreachable"
                                    : "name capture '" + std::string(text(a)) + "' makes remaining patterns unreachable");
        std::vector<Sv> names;
        for (TSNode id : captures(a, n)) names.push_back(text(id));
        std::sort(names.begin(), names.end());
        if (!first) first = names;
        else if (*first != names) return fail(n, "alternative patterns bind different names");
    }
}

// Only the last case of a match may be irrefutable (a capture, `_`, a group or `as` of one, an
// or-pattern ending in one) unless it has a guard.
void Checker::matchStatement(TSNode block) {
    std::vector<TSNode> clauses;
    eachChild(block, [&](TSNode c, Sv) { if (typeOf(c) == "case_clause") clauses.push_back(c); });
    for (std::size_t i = 0; i + 1 < clauses.size(); ++i) {
        std::vector<TSNode> patterns;
        eachChild(clauses[i], [&](TSNode p, Sv field) { if (typeOf(p) == "case_pattern" && field.empty()) patterns.push_back(p); });
        if (patterns.size() != 1 || !ts_node_is_null(fieldOf(clauses[i], "guard"))) continue;
        TSNode p = patterns[0];
        for (;;) {
            if (namedCount(p) == 0) {
                if (text(p) == "_") fail(p, "wildcard makes remaining patterns unreachable");
                break;
            }
            TSNode c = namedChild(p, 0);
            Sv t = typeOf(c);
            if (namedCount(p) != 1) break;
            if (t == "dotted_name" && namedCount(c) == 1) {
                fail(c, "name capture '" + std::string(text(c)) + "' makes remaining patterns unreachable");
                break;
            }
            if ((t == "tuple_pattern" && namedCount(c) == 1 && !hasToken(c, ",")) || t == "as_pattern") {
                p = namedChild(c, 0);  // `(p)`, `p as name`
                if (typeOf(p) != "case_pattern") break;
                continue;
            }
            if (t == "union_pattern") {  // irrefutable when its last alternative is
                TSNode last{};
                eachChild(c, [&](TSNode a, Sv) { if (ts_node_is_named(a) || typeOf(a) == "_") last = a; });
                if (typeOf(last) == "_") fail(last, "wildcard makes remaining patterns unreachable");
                else if (typeOf(last) == "dotted_name" && namedCount(last) == 1)
                    fail(last, "name capture '" + std::string(text(last)) + "' makes remaining patterns unreachable");
            }
            break;  // an or-pattern's other alternatives are checked by unionPattern
        }
    }
}

void Checker::leaveScope(int index) {
    Scope& s = scopes_[index];
    if (s.kind == Kind::Function && s.async && s.yields && !ts_node_is_null(s.returnValue))
        fail(s.returnValue, "'return' with value in async generator");
    if (s.kind != Kind::Comprehension || !s.awaits || s.comprehension == "generator_expression") return;
    Scope& p = scopes_[s.parent];
    if (p.kind == Kind::Function && p.async) return;
    if (p.kind == Kind::Comprehension) {
        p.awaits = true;
        return;
    }
    fail(s.start, "asynchronous comprehension outside of an asynchronous function");
}

// A nonlocal name must be bound in an enclosing function (class bodies do not count; a
// `global` there hides it).
void Checker::resolveNonlocals() {
    for (const Scope& s : scopes_)
        for (const auto& [name, at] : s.nonlocals) {
            if (s.kind == Kind::Module) {
                fail(at, "nonlocal declaration not allowed at module level");
                continue;
            }
            if (s.names.at(name) & Global) {
                fail(s.directives.at(name), "name '" + std::string(name) + "' is nonlocal and global");
                continue;
            }
            bool found = false;
            for (int p = s.parent; p >= 0 && !found; p = scopes_[p].parent) {
                const Scope& e = scopes_[p];
                found = e.kind == Kind::Class && name == "__class__";  // a method's implicit cell
                if (e.kind == Kind::Class) continue;
                if (e.kind == Kind::Module) break;
                auto it = e.names.find(name);
                unsigned flags = it == e.names.end() ? 0 : it->second;
                if (flags & Global) break;
                found = flags & (Assigned | Param | Imported | Nonlocal | Annotated);
            }
            if (!found) fail(at, "no binding for nonlocal '" + std::string(name) + "' found");
        }
}

// Which `from __future__` imports stand where CPython allows them: at the top of the module,
// after at most a docstring (and comments), before any other statement.
void Checker::moduleStart(TSNode root) {
    bool first = true;
    eachChild(root, [&](TSNode c, Sv) {
        Sv t = typeOf(c);
        if (t == "comment" || !ts_node_is_named(c) || !first) return;
        if (t == "future_import_statement") futureAllowed_.insert(c.id);
        else if (!(t == "expression_statement" && futureAllowed_.empty() && !docstring_ &&
                   namedCount(c) == 1 && typeOf(namedChild(c, 0)) == "string"))
            first = false;
        else docstring_ = true;
    });
}

void Checker::start(TSNode root) {
    scopes_.push_back(Scope{});
    moduleStart(root);
    frames_.push_back(Frame{root, typeOf(root)});
}

std::optional<std::string> Checker::finish() {
    resolveNonlocals();
    return error_;
}

std::optional<std::string> Checker::run(TSNode root) {
    start(root);
    TSTreeCursor c = ts_tree_cursor_new(root);
    auto enterCurrent = [&] {
        const char* field = ts_tree_cursor_current_field_name(&c);
        enterNext(ts_tree_cursor_current_node(&c), field ? Sv(field) : Sv());
    };
    for (bool done = false; !done;) {
        if (ts_tree_cursor_goto_first_child(&c)) {
            enterCurrent();
            continue;
        }
        for (;;) {
            leaveLast();
            if (ts_tree_cursor_goto_next_sibling(&c)) {
                enterCurrent();
                break;
            }
            if (!ts_tree_cursor_goto_parent(&c)) {
                done = true;
                break;
            }
        }
    }
    ts_tree_cursor_delete(&c);
    return finish();
}

}  // namespace

std::optional<std::string> compilerError(TSNode root, std::string_view text) { return Checker(text).run(root); }

struct CompilerCheck::State {
    Checker checker;
};

CompilerCheck::CompilerCheck(TSNode root, std::string_view text) : state_(new State{Checker(text)}) {
    state_->checker.start(root);
}

CompilerCheck::~CompilerCheck() = default;

void CompilerCheck::enter(TSNode n, const char* field) { state_->checker.enterNext(n, field ? Sv(field) : Sv()); }

void CompilerCheck::leave() { state_->checker.leaveLast(); }

std::optional<std::string> CompilerCheck::finish() { return state_->checker.finish(); }

}  // namespace anymig::python
