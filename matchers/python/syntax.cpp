#include "matchers/python/syntax.h"

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

}  // namespace

Syntax::Syntax(const SourceFile& source) : source_(source) {
    parser_ = ts_parser_new();
    ts_parser_set_language(parser_, tree_sitter_python());
    tree_ = ts_parser_parse_string(parser_, nullptr, source.text().data(), static_cast<uint32_t>(source.text().size()));
    root_ = ts_tree_root_node(tree_);
    error_ = findError(root_, &source);
    // Parent index over named nodes, built with one cursor walk.
    TSTreeCursor cursor = ts_tree_cursor_new(root_);
    std::vector<TSNode> stack;  // named ancestors
    std::vector<int> depthStack;
    int depth = 0;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (ts_node_is_named(n)) {
            while (!depthStack.empty() && depthStack.back() >= depth) {
                stack.pop_back();
                depthStack.pop_back();
            }
            if (!stack.empty()) parents_.emplace(n.id, stack.back());
            nodes_.push_back(n);
            stack.push_back(n);
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
}

Syntax::~Syntax() {
    if (tree_) ts_tree_delete(tree_);
    if (parser_) ts_parser_delete(parser_);
}

std::string_view Syntax::text(TSNode n) const {
    if (isNull(n)) return {};
    return std::string_view(source_.text()).substr(beginOf(n), endOf(n) - beginOf(n));
}

TSNode Syntax::parent(TSNode n) const {
    auto it = parents_.find(n.id);
    if (it != parents_.end()) return it->second;
    return TSNode{};
}

TSNode field(TSNode n, const char* name) {
    if (isNull(n)) return n;
    return ts_node_child_by_field_name(n, name, static_cast<uint32_t>(std::char_traits<char>::length(name)));
}

// Children through a cursor: ts_node_child(n, i) walks the siblings on every call, which
// makes index loops quadratic on large blocks.
static std::vector<TSNode> collectChildren(TSNode n, bool namedOnly) {
    std::vector<TSNode> out;
    if (isNull(n)) return out;
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
    TSParser* parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_python());
    TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
    auto err = findError(ts_tree_root_node(tree), nullptr);
    ts_tree_delete(tree);
    ts_parser_delete(parser);
    return err;
}

}  // namespace anymig::python
