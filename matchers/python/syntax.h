// A parsed Python file: the tree-sitter tree plus a parent index and small helpers
// for reading nodes. Everything is by node; text is always sliced from the source.
#pragma once
#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"

namespace anymig::python {

// Nodes of a Syntax's named-node list picked by an index (Syntax::nodesOfType), in document order.
class NodeRange {
public:
    class iterator {
    public:
        iterator(const TSNode* nodes, const std::uint32_t* at) : nodes_(nodes), at_(at) {}
        TSNode operator*() const { return nodes_[*at_]; }
        iterator& operator++() {
            ++at_;
            return *this;
        }
        bool operator!=(const iterator& o) const { return at_ != o.at_; }
        bool operator==(const iterator& o) const { return at_ == o.at_; }

    private:
        const TSNode* nodes_;
        const std::uint32_t* at_;
    };
    NodeRange(const TSNode* nodes, const std::uint32_t* begin, const std::uint32_t* end)
        : nodes_(nodes), begin_(begin), end_(end) {}
    iterator begin() const { return {nodes_, begin_}; }
    iterator end() const { return {nodes_, end_}; }
    bool empty() const { return begin_ == end_; }
    std::size_t size() const { return static_cast<std::size_t>(end_ - begin_); }

private:
    const TSNode* nodes_;
    const std::uint32_t* begin_;
    const std::uint32_t* end_;
};

class Syntax {
public:
    explicit Syntax(const SourceFile& source);
    ~Syntax();
    Syntax(const Syntax&) = delete;
    Syntax& operator=(const Syntax&) = delete;

    const SourceFile& source() const { return source_; }
    TSNode root() const { return root_; }
    // "line N: reason" for the first ERROR or MISSING node, if any.
    const std::optional<std::string>& syntaxError() const { return error_; }

    std::string_view text(TSNode n) const;
    TSNode parent(TSNode n) const;  // null node for the root
    // The named children of `n`, from the index (no walk of tree-sitter's children).
    std::vector<TSNode> namedChildren(TSNode n) const;
    // The same, each passed to `f` in order, without building a vector (the model's walks visit
    // every named node's children).
    template <class F>
    void eachNamedChild(TSNode n, F&& f) const {
        std::uint32_t i = childrenIndexed_ && !ts_node_is_null(n) ? indexOf(n) : kNone;
        if (i == kNone) {
            for (TSNode c : namedChildrenOf(n)) f(c);
            return;
        }
        for (std::uint32_t c = i + 1, end = i + sizes_[i]; c < end; c += sizes_[c]) f(nodes_[c]);
    }
    // Every named node in document order.
    const std::vector<TSNode>& namedNodes() const { return nodes_; }
    // The named nodes of one type (by name: "identifier", "call"...), in document order; with
    // `within`, only those that start inside its byte range (none for a null node). The index is built once per Syntax,
    // on first use, so rules that look for one kind of node do not walk the whole module each.
    NodeRange nodesOfType(std::string_view type) const;
    NodeRange nodesOfType(std::string_view type, TSNode within) const;
    // The child of `n` in field `id`, from the field ids the walk recorded (exactly what
    // ts_node_child_by_field_id returns); `found` is false when the index cannot answer for `n`
    // (a node of another tree, a tree with an error, or a node whose field may sit on an
    // anonymous or extra child), and the caller asks tree-sitter.
    TSNode fieldChild(TSNode n, TSFieldId id, bool& found) const;
    // The Syntax of this thread that owns `n`'s tree, or null (see python::field).
    static const Syntax* owning(TSNode n);

private:
    std::pair<const std::uint32_t*, const std::uint32_t*> typeGroup(std::string_view type) const;

    const SourceFile& source_;
    TSTree* tree_ = nullptr;
    TSNode root_{};
    std::optional<std::string> error_;
    std::uint32_t indexOf(TSNode n) const;  // in nodes_, or kNone
    // The walk's field bookkeeping for `n` (field `fid`) under the named node at index `parent`
    // (kNone: an anonymous parent or the root); false when no field can be read from the index.
    bool noteField(TSNode n, bool named, TSFieldId fid, std::uint32_t parent);
    std::uint32_t addNamed(TSNode n, std::uint32_t parent, TSFieldId fid);  // returns its index
    void reserveIndex(std::size_t upperBound);  // before the walk: room for every named node
    void finishIndex(bool fieldsReadable);  // after the walk: the id table, the field index's switch
    static std::vector<TSNode> namedChildrenOf(TSNode n);  // tree-sitter's, for the fallback
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

    std::vector<TSNode> nodes_;
    // Node id -> index in nodes_: an open-addressing table of indexes (kNone: empty), a power of
    // two at least twice the node count, probed linearly from a Fibonacci hash of the id. 8 to 16
    // bytes a node (a sorted (id, index) vector took 16 and a sort; an unordered_map about 80).
    std::vector<std::uint32_t> slots_;
    unsigned slotShift_ = 64;
    std::vector<std::uint32_t> parents_;  // by index: the named parent's index (kNone: the root)
    std::vector<std::uint32_t> sizes_;    // by index: named nodes in the subtree, itself included
    // By index: the field id the node holds in its named parent (0: none), as the walk's cursor
    // reports it; and whether fieldChild may answer for the node (none of its children is an
    // anonymous node with a field or an extra node such as a comment).
    std::vector<TSFieldId> fieldIds_;
    std::vector<bool> fieldsIndexed_;
    bool fieldIndex_ = false;  // fieldChild answers at all (no error in the tree, children indexed)
    std::vector<const Syntax*>* registry_ = nullptr;  // the thread's live list it is in (owning)
    bool childrenIndexed_ = true;         // every named node's parent is named
    // nodesOfType's index: indexes in nodes_ grouped by type (document order within a type), and
    // where each type's group starts (by the type's number in the grammar's name table).
    mutable std::vector<std::uint32_t> byType_;
    mutable std::vector<std::uint32_t> typeStart_;
};

// Node helpers (thin, inline-able wrappers over the C API).
inline bool isNull(TSNode n) { return ts_node_is_null(n); }
// The node's type name, from a table built once (ts_node_type would make every comparison
// measure the name's length again).
std::string_view typeOfSymbol(TSNode n);
inline std::string_view type(TSNode n) { return isNull(n) ? std::string_view() : typeOfSymbol(n); }
inline bool is(TSNode n, std::string_view t) { return !isNull(n) && type(n) == t; }
inline std::size_t beginOf(TSNode n) { return ts_node_start_byte(n); }
inline std::size_t endOf(TSNode n) { return ts_node_end_byte(n); }
inline int rowOf(TSNode n) { return static_cast<int>(ts_node_start_point(n).row) + 1; }  // 1-based
inline int endRowOf(TSNode n) { return static_cast<int>(ts_node_end_point(n).row) + 1; }
TSNode field(TSNode n, const char* name);
std::vector<TSNode> namedChildren(TSNode n);
std::vector<TSNode> children(TSNode n);
bool sameNode(TSNode a, TSNode b);
bool contains(TSNode outer, TSNode inner);  // by byte range

// Parses `text` and reports the first syntax error, without building the parent index.
std::optional<std::string> quickSyntaxError(std::string_view text);

}  // namespace anymig::python
