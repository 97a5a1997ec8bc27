#include "matchers/python/syntax.h"

#include <algorithm>
#include <cstring>
#include <functional>

#include "matchers/python/compile_check.h"
#include "matchers/python/grammar_aliases.h"
#include "matchers/python/indentation.h"
#include "matchers/python/parse_view.h"

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

// Names of the grammar's symbols and fields, read from the language once (at start-up: type()
// is called for nearly every node visited, so it reads the table without a guard).
struct GrammarNames {
    std::vector<std::string_view> symbols;                       // by symbol id
    std::vector<std::pair<std::string_view, TSFieldId>> fields;  // sorted by name
    std::vector<const char*> fieldNames;                         // by field id
    // Type numbers for nodesOfType: one per distinct symbol name (aliases share a name).
    std::vector<std::uint32_t> typeOfSymbol;                     // by symbol id
    std::vector<std::pair<std::string_view, std::uint32_t>> types;  // sorted by name
    std::uint32_t errorType = 0;                                 // "ERROR" (symbol id 65535)
    // By symbol id: types that may stand for a hidden rule (grammar_aliases.h); empty when the
    // grammar's tables could not be read, and then Syntax::fieldChild never answers.
    std::vector<bool> fromHiddenRule;
    GrammarNames() {
        fromHiddenRule = typesFromHiddenRules().value_or(std::vector<bool>{});
        const TSLanguage* lang = tree_sitter_python();
        for (uint32_t i = 0; i < ts_language_symbol_count(lang); ++i)
            symbols.emplace_back(ts_language_symbol_name(lang, static_cast<TSSymbol>(i)));
        fieldNames.assign(ts_language_field_count(lang) + 1, nullptr);
        for (uint32_t i = 1; i <= ts_language_field_count(lang); ++i)
            if (const char* name = ts_language_field_name_for_id(lang, static_cast<TSFieldId>(i))) {
                fields.emplace_back(name, static_cast<TSFieldId>(i));
                fieldNames[i] = name;
            }
        std::sort(fields.begin(), fields.end());
        std::vector<std::string_view> names(symbols);
        names.emplace_back("ERROR");
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        for (std::uint32_t i = 0; i < names.size(); ++i) types.emplace_back(names[i], i);
        auto number = [&](std::string_view name) {
            return static_cast<std::uint32_t>(std::lower_bound(names.begin(), names.end(), name) - names.begin());
        };
        for (std::string_view s : symbols) typeOfSymbol.push_back(number(s));
        errorType = number("ERROR");
    }
    std::uint32_t typeNumber(TSNode n) const {
        TSSymbol s = ts_node_symbol(n);
        return s < typeOfSymbol.size() ? typeOfSymbol[s] : errorType;
    }
};

const GrammarNames kGrammar;

const GrammarNames& grammarNames() { return kGrammar; }

}  // namespace

std::string_view typeOfSymbol(TSNode n) {
    TSSymbol s = ts_node_symbol(n);
    return s < kGrammar.symbols.size() ? kGrammar.symbols[s] : std::string_view(ts_node_type(n));
}

namespace {
std::optional<std::string> leadingZeroError(TSNode n, const std::string& text) {
    std::string_view t = std::string_view(text).substr(beginOf(n), endOf(n) - beginOf(n));
    if (t.size() < 2 || t[0] != '0' || t.find_first_not_of("0123456789_") != std::string_view::npos) return std::nullopt;
    if (t.find_first_not_of("0_") == std::string_view::npos) return std::nullopt;
    TSPoint p = ts_node_start_point(n);
    return "line " + std::to_string(p.row + 1) + ", column " + std::to_string(p.column + 1) +
           ": leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
}
}  // namespace

namespace {

// CPython's rules that tree-sitter's grammar does not enforce (the tokenizer's indentation, the
// compiler's, leading zeros), checked on the nodes of the walk that builds Syntax's index. Off
// when the tree already has an error node.
struct StrictChecks {
    std::optional<IndentationCheck> indentation;
    std::optional<CompilerCheck> compiler;
    std::vector<TSNode> path;  // the current node's ancestors, for the indentation check
    std::optional<std::string> leadingZero;
    const std::string& text;

    StrictChecks(TSNode root, const std::string& source, bool on) : text(source) {
        if (!on) return;
        indentation.emplace(text);
        compiler.emplace(root, text);
    }
    void visit(TSNode n, const char* fieldName, bool isRoot) {
        if (!indentation) return;
        if (!leadingZero && is(n, "integer")) leadingZero = leadingZeroError(n, text);
        indentation->visit(n, path);
        if (!isRoot) compiler->enter(n, fieldName);
    }
    void descend(TSNode n) {
        if (indentation) path.push_back(n);
    }
    void leaf() {
        if (compiler) compiler->leave();
    }
    void ascend() {  // every node under the parent is left
        if (!indentation) return;
        path.pop_back();
        compiler->leave();
    }
    // The indentation error first, then the compiler's, then a leading zero.
    std::optional<std::string> finish() {
        if (!indentation) return std::nullopt;
        std::optional<std::string> error = indentation->finish();
        if (!error) error = compiler->finish();
        if (!error) error = std::move(leadingZero);
        return error;
    }
};

}  // namespace

namespace {
// The Syntax objects alive on this thread (Syntax::owning): a node's tree pointer finds its index.
std::vector<const Syntax*>& liveSyntaxes() {
    thread_local std::vector<const Syntax*> live;
    return live;
}
}  // namespace

namespace {
// A node id's home slot: Fibonacci hashing (the top bits of id * 2^64/phi); ids are addresses
// inside the tree's nodes, so their low bits carry little.
std::size_t slotOf(const void* id, unsigned shift) {
    return static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(id) * 0x9E3779B97F4A7C15ull) >> shift);
}
// Fills `slots` (see Syntax::slots_) for `nodes`; returns the hash's shift.
unsigned buildIdTable(const std::vector<TSNode>& nodes, std::vector<std::uint32_t>& slots, std::uint32_t none) {
    unsigned bits = 4;
    while ((std::size_t{1} << bits) < 2 * nodes.size()) ++bits;
    slots.assign(std::size_t{1} << bits, none);
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t i = 0; i < nodes.size(); ++i) {
        std::size_t h = slotOf(nodes[i].id, 64 - bits);
        while (slots[h] != none) h = (h + 1) & mask;
        slots[h] = i;
    }
    return 64 - bits;
}
}  // namespace

Syntax::Syntax(const SourceFile& source) : source_(source) {
    std::optional<std::string> view;  // long comment runs are blanked (parse_view.h)
    std::optional<std::string> refused;  // nested deeper than CPython allows (parse_view.h)
    tree_ = parsePython(threadParser(), source.text(), view, refused);
    view.reset();  // the tree holds no reference to the text it was parsed from
    root_ = ts_tree_root_node(tree_);
    error_ = refused ? refused : findError(root_, &source);
    StrictChecks strict(root_, source.text(), !error_);
    reserveIndex(ts_node_descendant_count(root_));
    // One walk builds the index over named nodes (document order, parents, subtree sizes) and
    // feeds the strict checks.
    TSTreeCursor cursor = ts_tree_cursor_new(root_);
    std::vector<std::uint32_t> stack;  // named ancestors, as indexes in nodes_
    std::vector<int> depthStack;
    int depth = 0;
    auto close = [&] {  // the named node on top of the stack has no more descendants
        sizes_[stack.back()] = static_cast<std::uint32_t>(nodes_.size()) - stack.back();
        stack.pop_back();
        depthStack.pop_back();
    };
    const GrammarNames& names = grammarNames();
    bool noFieldIndex = names.fromHiddenRule.empty();
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        // The field the node holds (what ts_tree_cursor_current_field_name reports, by id).
        TSFieldId fid = depth == 0 ? 0 : ts_tree_cursor_current_field_id(&cursor);
        const bool named = ts_node_is_named(n);
        // Named nodes at this depth or deeper have no more descendants (closing them before an
        // anonymous node too: its parent is then on top of the stack when it is named).
        while (!depthStack.empty() && depthStack.back() >= depth) close();
        if (depth > 0) {
            const bool namedParent = !depthStack.empty() && depthStack.back() == depth - 1;
            if (!noteField(n, named, fid, namedParent ? stack.back() : kNone)) noFieldIndex = true;
        }
        if (named) {
            // A named node under an anonymous one: namedChildren() must ask tree-sitter.
            if (!depthStack.empty() && depthStack.back() != depth - 1) childrenIndexed_ = false;
            stack.push_back(addNamed(n, stack.empty() ? kNone : stack.back(), fid));
            depthStack.push_back(depth);
        }
        strict.visit(n, fid < names.fieldNames.size() ? names.fieldNames[fid] : nullptr, depth == 0);
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            ++depth;
            strict.descend(n);
            continue;
        }
        strict.leaf();
        bool moved = false;
        while (!(moved = ts_tree_cursor_goto_next_sibling(&cursor))) {
            if (!ts_tree_cursor_goto_parent(&cursor)) break;
            --depth;
            strict.ascend();
        }
        if (!moved) break;
    }
    ts_tree_cursor_delete(&cursor);
    if (!error_) error_ = strict.finish();
    while (!stack.empty()) close();
    finishIndex(!noFieldIndex);
}

std::uint32_t Syntax::addNamed(TSNode n, std::uint32_t parent, TSFieldId fid) {
    auto index = static_cast<std::uint32_t>(nodes_.size());
    parents_.push_back(parent);
    sizes_.push_back(1);
    fieldIds_.push_back(fid);
    fieldsIndexed_.push_back(true);
    nodes_.push_back(n);
    return index;
}

// The index is sized once for every visible node (tree-sitter keeps that count; named nodes are
// fewer): no reallocation while it grows (each one held the old and the doubled array at once,
// three times the index at the peak) and no shrink copy after it. Pages past the named nodes are
// never written, so on a huge module they never become resident.
void Syntax::reserveIndex(std::size_t upperBound) {
    nodes_.reserve(upperBound);
    parents_.reserve(upperBound);
    sizes_.reserve(upperBound);
    fieldIds_.reserve(upperBound);
    fieldsIndexed_.reserve(upperBound);
}

void Syntax::finishIndex(bool fieldsReadable) {
    slotShift_ = buildIdTable(nodes_, slots_, kNone);
    // Fields are read from the index only in trees without errors (ERROR and MISSING nodes
    // follow rules of their own) whose named nodes all have named parents.
    fieldIndex_ = fieldsReadable && childrenIndexed_ && !ts_node_has_error(root_);
    registry_ = &liveSyntaxes();
    registry_->push_back(this);
}

bool Syntax::noteField(TSNode n, bool named, TSFieldId fid, std::uint32_t parent) {
    // An extra child, or a field on an anonymous one: fieldChild leaves the parent to tree-sitter.
    if (parent != kNone && (named ? ts_node_is_extra(n) : fid != 0)) fieldsIndexed_[parent] = false;
    if (fid == 0) return true;
    if (parent == kNone) return false;  // a field under an anonymous node: no answers at all
    if (parents_[parent] != kNone) {
        // The parent may stand for a hidden rule, whose fields its own parent inherits.
        const std::vector<bool>& hidden = grammarNames().fromHiddenRule;
        TSSymbol sym = ts_node_symbol(nodes_[parent]);
        if (sym >= hidden.size() || hidden[sym]) fieldsIndexed_[parents_[parent]] = false;
    }
    return true;
}

std::uint32_t Syntax::indexOf(TSNode n) const {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t h = slotOf(n.id, slotShift_);; h = (h + 1) & mask) {
        std::uint32_t i = slots_[h];
        if (i == kNone || nodes_[i].id == n.id) return i;
    }
}

std::vector<TSNode> Syntax::namedChildrenOf(TSNode n) { return python::namedChildren(n); }

std::vector<TSNode> Syntax::namedChildren(TSNode n) const {
    std::uint32_t i = childrenIndexed_ && !isNull(n) ? indexOf(n) : kNone;
    if (i == kNone) return python::namedChildren(n);
    // A node's named children follow it in document order, each after the previous one's subtree.
    std::vector<TSNode> out;
    std::uint32_t end = i + sizes_[i];
    for (std::uint32_t c = i + 1; c < end; c += sizes_[c]) out.push_back(nodes_[c]);
    return out;
}

Syntax::~Syntax() {
    if (registry_) registry_->erase(std::remove(registry_->begin(), registry_->end(), this), registry_->end());
    if (tree_) ts_tree_delete(tree_);
}

const Syntax* Syntax::owning(TSNode n) {
    // Usually one or two Syntax objects live on a thread (a round's, an original's).
    for (const Syntax* s : liveSyntaxes())
        if (s->tree_ == n.tree) return s;
    return nullptr;
}

TSNode Syntax::fieldChild(TSNode n, TSFieldId id, bool& found) const {
    found = false;
    if (!fieldIndex_) return TSNode{};
    std::uint32_t i = indexOf(n);
    if (i == kNone || !fieldsIndexed_[i]) return TSNode{};
    found = true;
    // The first named child holding the field: ts_node_child_by_field_id's answer, since no
    // anonymous or extra child of this node could be it.
    for (std::uint32_t c = i + 1, end = i + sizes_[i]; c < end; c += sizes_[c])
        if (fieldIds_[c] == id) return nodes_[c];
    return TSNode{};
}

std::string_view Syntax::text(TSNode n) const {
    if (isNull(n)) return {};
    return std::string_view(source_.text()).substr(beginOf(n), endOf(n) - beginOf(n));
}

std::pair<const std::uint32_t*, const std::uint32_t*> Syntax::typeGroup(std::string_view type) const {
    const GrammarNames& g = grammarNames();
    auto it = std::lower_bound(g.types.begin(), g.types.end(), type,
                               [](const std::pair<std::string_view, std::uint32_t>& t, std::string_view k) { return t.first < k; });
    if (it == g.types.end() || it->first != type) return {nullptr, nullptr};
    if (typeStart_.empty()) {
        // Counting sort of the named nodes by type number: stable, so each group keeps document order.
        std::vector<std::uint32_t> numbers(nodes_.size());
        typeStart_.assign(g.types.size() + 1, 0);
        for (std::size_t i = 0; i < nodes_.size(); ++i) ++typeStart_[(numbers[i] = g.typeNumber(nodes_[i])) + 1];
        for (std::size_t t = 1; t < typeStart_.size(); ++t) typeStart_[t] += typeStart_[t - 1];
        byType_.resize(nodes_.size());
        std::vector<std::uint32_t> fill(typeStart_.begin(), typeStart_.end() - 1);
        for (std::size_t i = 0; i < nodes_.size(); ++i) byType_[fill[numbers[i]]++] = static_cast<std::uint32_t>(i);
    }
    const std::uint32_t* base = byType_.data();
    return {base + typeStart_[it->second], base + typeStart_[it->second + 1]};
}

NodeRange Syntax::nodesOfType(std::string_view type) const {
    auto [b, e] = typeGroup(type);
    return NodeRange(nodes_.data(), b, e);
}

NodeRange Syntax::nodesOfType(std::string_view type, TSNode within) const {
    auto [b, e] = typeGroup(type);
    if (isNull(within)) return NodeRange(nodes_.data(), nullptr, nullptr);  // a null node covers no bytes
    if (b == e) return NodeRange(nodes_.data(), b, e);
    // Named nodes are in document order, so their start bytes never decrease.
    auto startsBefore = [&](std::uint32_t i, std::size_t at) { return beginOf(nodes_[i]) < at; };
    const std::uint32_t* first = std::lower_bound(b, e, beginOf(within), startsBefore);
    const std::uint32_t* last = std::lower_bound(first, e, endOf(within), startsBefore);
    return NodeRange(nodes_.data(), first, last);
}

TSNode Syntax::parent(TSNode n) const {
    std::uint32_t i = indexOf(n);
    return i == kNone || parents_[i] == kNone ? TSNode{} : nodes_[parents_[i]];
}

namespace {

// The field id of `name`: the grammar's table is sorted by name, and each thread remembers the
// last id found for a name's address (callers pass literals), checked against the name itself.
TSFieldId fieldId(const char* name) {
    struct Slot {
        const char* name = nullptr;
        TSFieldId id = 0;
    };
    thread_local Slot cache[64];
    Slot& slot = cache[(reinterpret_cast<std::uintptr_t>(name) >> 2) & 63];
    const GrammarNames& g = grammarNames();
    if (slot.name == name && std::strcmp(g.fieldNames[slot.id], name) == 0) return slot.id;
    std::string_view key(name);
    auto it = std::lower_bound(g.fields.begin(), g.fields.end(), key,
                               [](const std::pair<std::string_view, TSFieldId>& f, std::string_view k) { return f.first < k; });
    if (it == g.fields.end() || it->first != key) return 0;
    slot = {name, it->second};
    return it->second;
}

// One cursor per thread, reset onto each node whose children are read (ts_tree_cursor_reset keeps
// the cursor's stack: no allocation per call).
TSTreeCursor& threadCursor(TSNode n) {
    struct Holder {
        TSTreeCursor cursor{};
        bool live = false;
        ~Holder() {
            if (live) ts_tree_cursor_delete(&cursor);
        }
    };
    thread_local Holder holder;
    if (!holder.live) {
        holder.cursor = ts_tree_cursor_new(n);
        holder.live = true;
    } else {
        ts_tree_cursor_reset(&holder.cursor, n);
    }
    return holder.cursor;
}

}  // namespace

TSNode field(TSNode n, const char* name) {
    if (isNull(n)) return n;
    // By id (ts_node_child_by_field_name compares the name with every field name of the grammar
    // on each call).
    TSFieldId id = fieldId(name);
    if (!id) return TSNode{};
    // From the owning Syntax's index when it can answer (ts_node_child_by_field_id walks the
    // node's children and the grammar's field map on every call).
    if (const Syntax* syntax = Syntax::owning(n)) {
        bool found = false;
        TSNode child = syntax->fieldChild(n, id, found);
        if (found) return child;
    }
    return ts_node_child_by_field_id(n, id);
}

// Children counted first (one allocation of the result), and read through ts_node_child only
// while that stays cheap: ts_node_child(n, i) walks the siblings before i, so larger nodes go
// through the thread's cursor.
static std::vector<TSNode> collectChildren(TSNode n, bool namedOnly) {
    std::vector<TSNode> out;
    if (isNull(n)) return out;
    uint32_t count = ts_node_child_count(n);
    out.reserve(count);
    if (count <= 4) {
        for (uint32_t i = 0; i < count; ++i) {
            TSNode c = ts_node_child(n, i);
            if (!namedOnly || ts_node_is_named(c)) out.push_back(c);
        }
        return out;
    }
    TSTreeCursor& cursor = threadCursor(n);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
        do {
            TSNode c = ts_tree_cursor_current_node(&cursor);
            if (!namedOnly || ts_node_is_named(c)) out.push_back(c);
        } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
    return out;
}

std::vector<TSNode> namedChildren(TSNode n) { return collectChildren(n, true); }

std::vector<TSNode> children(TSNode n) { return collectChildren(n, false); }

bool sameNode(TSNode a, TSNode b) { return !isNull(a) && !isNull(b) && ts_node_eq(a, b); }

bool contains(TSNode outer, TSNode inner) {
    // A null node contains nothing and is in nothing (an `except` clause under an ERROR node has
    // no try statement's body: fuzz_try_body_missing.py ended the run with SIGSEGV).
    if (isNull(outer) || isNull(inner)) return false;
    return beginOf(outer) <= beginOf(inner) && endOf(inner) <= endOf(outer);
}

std::optional<std::string> quickSyntaxError(std::string_view text) {
    std::optional<std::string> view;
    std::optional<std::string> refused;
    TSTree* tree = parsePython(threadParser(), text, view, refused);
    auto err = refused ? refused : findError(ts_tree_root_node(tree), nullptr);
    if (!err) err = indentationError(ts_tree_root_node(tree), text);
    if (!err) err = compilerError(ts_tree_root_node(tree), text);
    ts_tree_delete(tree);
    return err;
}

}  // namespace anymig::python
