// Node types that may stand for a hidden rule of the Python grammar (a renamed or aliased
// `_rule`): tree-sitter lets a parent inherit the fields of such a child's children, which the
// cursor attributes to the child instead (Syntax::fieldChild asks tree-sitter for such parents).
#pragma once
#include <optional>
#include <vector>

namespace anymig::python {

// By public symbol id: true for the types that may stand for a hidden rule. No value when the
// grammar's tables cannot be read (another ABI version).
std::optional<std::vector<bool>> typesFromHiddenRules();

}  // namespace anymig::python
