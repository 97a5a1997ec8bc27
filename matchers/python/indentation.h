// CPython's indentation rules, checked over a tree-sitter tree. tree-sitter's Python grammar
// accepts some text CPython's tokenizer and parser reject: a dedent to a column that matches no
// enclosing block, a block header (`with x:`) whose body is not indented, an indented line that
// follows no header, tabs and spaces mixed so that the meaning depends on the tab size, a line
// break the grammar skips where a statement cannot end yet (the next line is read as part of
// it), an annotated assignment on the right of `=`, and white space other than blanks between
// tokens (a vertical tab, a BOM inside the file). The safety check before writing must be as
// strict as CPython, so these are syntax errors here too.
#pragma once
#include <tree_sitter/api.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anymig::python {

// "line N, column C: reason" (CPython's wording) for the first violation, or nothing.
// Walks the tree's tokens with a cursor (no recursion); strings and comments are atomic.
std::optional<std::string> indentationError(TSNode root, std::string_view text);

// The same check fed by a walk the caller makes anyway (Syntax builds its node index with one):
// visit() every node in document order, descending into all of them, with `path` holding the
// node's ancestors (root first); finish() gives what indentationError() gives.
class IndentationCheck {
public:
    explicit IndentationCheck(std::string_view text);
    ~IndentationCheck();
    IndentationCheck(const IndentationCheck&) = delete;
    IndentationCheck& operator=(const IndentationCheck&) = delete;
    void visit(TSNode n, const std::vector<TSNode>& path);
    std::optional<std::string> finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace anymig::python
