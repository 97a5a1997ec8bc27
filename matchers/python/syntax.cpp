#include "matchers/python/syntax.h"

#include <algorithm>
#include <cstring>
#include <functional>

#include "matchers/python/compile_check.h"
#include "matchers/python/indentation.h"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace anymig::python {

namespace {

bool isErrorNode(TSNode n) { return ts_node_symbol(n) == static_cast<TSSymbol>(-1); }

std::optional<std::string> findError(TSNode root, const SourceFile* src) {
    if (!ts_node_has_error(root)) return std::nullopt;
    // Depth-first to the first ERROR or MISSING node.
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    std::optional<std::string> found;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (isErrorNode(n) || ts_node_is_missing(n)) {
            TSPoint p = ts_node_start_point(n);
            found = "line " + std::to_string(p.row + 1) + ", column " + std::to_string(p.column + 1) + ": " +
                    (ts_node_is_missing(n) ? std::string("missing ") + ts_node_type(n) : std::string("invalid syntax"));
            break;
        }
        if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&cursor)) continue;
        bool moved = false;
        while (!(moved = ts_tree_cursor_goto_next_sibling(&cursor)))
            if (!ts_tree_cursor_goto_parent(&cursor)) break;
        if (!moved) break;
    }
    ts_tree_cursor_delete(&cursor);
    if (!found) found = "line 1: invalid syntax";
    (void)src;
    return found;
}

// One parser per thread, reused for every file the thread parses (a parser keeps its stacks
// and lexer buffers between parses instead of allocating them again).
TSParser* threadParser() {
    struct Holder {
        TSParser* parser = ts_parser_new();
        Holder() { ts_parser_set_language(parser, tree_sitter_python()); }
        ~Holder() { ts_parser_delete(parser); }
    };
    thread_local Holder holder;
    return holder.parser;
}

// Names of the grammar's symbols and fields, read from the language once.
struct GrammarNames {
    std::vector<std::string_view> symbols;                   // by symbol id
    std::vector<std::pair<std::string_view, TSFieldId>> fields;  // sorted by name
    GrammarNames() {
        const TSLanguage* lang = tree_sitter_python();
        for (uint32_t i = 0; i < ts_language_symbol_count(lang); ++i)
            symbols.emplace_back(ts_language_symbol_name(lang, static_cast<TSSymbol>(i)));
        for (uint32_t i = 1; i <= ts_language_field_count(lang); ++i)
            if (const char* name = ts_language_field_name_for_id(lang, static_cast<TSFieldId>(i)))
                fields.emplace_back(name, static_cast<TSFieldId>(i));
        std::sort(fields.begin(), fields.end());
    }
};

const GrammarNames& grammarNames() {
    static const GrammarNames names;
    return names;
}

}  // namespace

std::string_view typeOfSymbol(TSNode n) {
    const GrammarNames& g = grammarNames();
    TSSymbol s = ts_node_symbol(n);
    return s < g.symbols.size() ? g.symbols[s] : std::string_view(ts_node_type(n));
}

namespace {
// CPython's tokenizer refuses a decimal integer with leading zeros ("09", "0_7"), which
// tree-sitter's grammar accepts (found by the fuzz oracle). "00", hex/octal/binary, floats
// ("09.5", "09e1") and imaginary numbers ("09j") are fine.
std::optional<std::string> leadingZeroError(TSNode n, const std::string& text) {
    std::string_view t = std::string_view(text).substr(beginOf(n), endOf(n) - beginOf(n));
    if (t.size() < 2 || t[0] != '0' || t.find_first_not_of("0123456789_") != std::string_view::npos) return std::nullopt;
    if (t.find_first_not_of("0_") == std::string_view::npos) return std::nullopt;
    TSPoint p = ts_node_start_point(n);
    return "line " + std::to_string(p.row + 1) + ", column " + std::to_string(p.column + 1) +
           ": leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
}
}  // namespace

Syntax::Syntax(const SourceFile& source) : source_(source) {
    tree_ = ts_parser_parse_string(threadParser(), nullptr, source.text().data(),
                                   static_cast<uint32_t>(source.text().size()));
    root_ = ts_tree_root_node(tree_);
    error_ = findError(root_, &source);
    // tree-sitter accepts some indentation CPython rejects: check CPython's rules as well.
    if (!error_) error_ = indentationError(root_, source.text());
    if (!error_) error_ = compilerError(root_, source.text());  // and its compiler's rules
    // Parent index over named nodes, built with one cursor walk.
    TSTreeCursor cursor = ts_tree_cursor_new(root_);
    std::vector<std::uint32_t> stack;  // named ancestors, as indexes in nodes_
    std::vector<int> depthStack;
    int depth = 0;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (ts_node_is_named(n)) {
            while (!depthStack.empty() && depthStack.back() >= depth) {
                stack.pop_back();
                depthStack.pop_back();
            }
            if (!stack.empty()) parents_.emplace_back(n.id, stack.back());
            stack.push_back(static_cast<std::uint32_t>(nodes_.size()));
            nodes_.push_back(n);
            if (!error_ && is(n, "integer")) error_ = leadingZeroError(n, source.text());
            depthStack.push_back(depth);
        }
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            ++depth;
            continue;
        }
        bool moved = false;
        while (!(moved = ts_tree_cursor_goto_next_sibling(&cursor))) {
            if (!ts_tree_cursor_goto_parent(&cursor)) break;
            --depth;
        }
        if (!moved) break;
    }
    ts_tree_cursor_delete(&cursor);
    nodes_.shrink_to_fit();
    parents_.shrink_to_fit();
    std::sort(parents_.begin(), parents_.end(), [](const auto& a, const auto& b) { return std::less<>()(a.first, b.first); });
}

Syntax::~Syntax() {
    if (tree_) ts_tree_delete(tree_);
}

std::string_view Syntax::text(TSNode n) const {
    if (isNull(n)) return {};
    return std::string_view(source_.text()).substr(beginOf(n), endOf(n) - beginOf(n));
}

TSNode Syntax::parent(TSNode n) const {
    auto it = std::lower_bound(parents_.begin(), parents_.end(), n.id,
                               [](const auto& e, const void* id) { return std::less<>()(e.first, id); });
    if (it != parents_.end() && it->first == n.id) return nodes_[it->second];
    return TSNode{};
}

TSNode field(TSNode n, const char* name) {
    if (isNull(n)) return n;
    // By id, found in the sorted table (ts_node_child_by_field_name compares the name with every
    // field name of the grammar on each call).
    const auto& fields = grammarNames().fields;
    std::string_view key(name);
    auto it = std::lower_bound(fields.begin(), fields.end(), key,
                               [](const std::pair<std::string_view, TSFieldId>& f, std::string_view k) { return f.first < k; });
    if (it == fields.end() || it->first != key) return TSNode{};
    return ts_node_child_by_field_id(n, it->second);
}

// Children through a cursor: ts_node_child(n, i) walks the siblings on every call, which
// makes index loops quadratic on large blocks.
static std::vector<TSNode> collectChildren(TSNode n, bool namedOnly) {
    std::vector<TSNode> out;
    if (isNull(n)) return out;
    // Children are counted first (one allocation of the result), and a node's children are
    // read through ts_node_child only while that stays linear: ts_node_child(n, i) walks
    // the siblings before i, so larger nodes go through a cursor (one stack allocation).
    uint32_t count = ts_node_child_count(n);
    out.reserve(count);
    if (count <= 4) {
        for (uint32_t i = 0; i < count; ++i) {
            TSNode c = ts_node_child(n, i);
            if (!namedOnly || ts_node_is_named(c)) out.push_back(c);
        }
        return out;
    }
    TSTreeCursor cursor = ts_tree_cursor_new(n);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
        do {
            TSNode c = ts_tree_cursor_current_node(&cursor);
            if (!namedOnly || ts_node_is_named(c)) out.push_back(c);
        } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    ts_tree_cursor_delete(&cursor);
    return out;
}

std::vector<TSNode> namedChildren(TSNode n) { return collectChildren(n, true); }

std::vector<TSNode> children(TSNode n) { return collectChildren(n, false); }

bool sameNode(TSNode a, TSNode b) { return !isNull(a) && !isNull(b) && ts_node_eq(a, b); }

bool contains(TSNode outer, TSNode inner) {
    return beginOf(outer) <= beginOf(inner) && endOf(inner) <= endOf(outer);
}

std::optional<std::string> quickSyntaxError(std::string_view text) {
    TSTree* tree = ts_parser_parse_string(threadParser(), nullptr, text.data(), static_cast<uint32_t>(text.size()));
    auto err = findError(ts_tree_root_node(tree), nullptr);
    if (!err) err = indentationError(ts_tree_root_node(tree), text);
    if (!err) err = compilerError(ts_tree_root_node(tree), text);
    ts_tree_delete(tree);
    return err;
}

}  // namespace anymig::python
