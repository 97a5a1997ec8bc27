// The rules CPython enforces on text tree-sitter's Python grammar accepts, beyond the
// tokenizer's (indentation.h):
// - its compiler's (symbol table and code generator): `await`, `async for`, `async with` and
//   asynchronous comprehensions outside an async function, `return`/`yield` outside a
//   function, `yield` in a comprehension, `yield from` or `return VALUE` in an async
//   generator, `break`/`continue` outside a loop or in an `except*` block, `nonlocal` at
//   module level or without a binding, `global`/`nonlocal` after a use or assignment,
//   duplicate parameters or keyword arguments, a starred expression where none may stand,
//   a bare `except:` that is not last, a misplaced or unknown `from __future__` import,
//   `import *` in a function, an assignment to `__debug__`, assignment expressions in
//   comprehension iterables or rebinding an iteration variable, `match` cases made unreachable
//   by an irrefutable one, a name bound twice in a pattern, alternatives binding different names;
// - the parts of its grammar tree-sitter's is looser about: `from m import a.b`, Python 2's
//   `print x`/`exec x`/`<>`/backquotes/`except E, e:`/parenthesized parameters/`10L`,
//   parameter and argument order, unparenthesized `:=` and generator arguments, literal
//   forms (number digits, string prefixes, non-ASCII bytes), and targets CPython cannot
//   assign to or delete; f-strings as 3.11 reads them (PEP 701's nesting of the same quotes,
//   backslashes and comments in a replacement field are 3.12's), with 3.11's message and position;
// - its implementation limit on depth: statements and expressions nested more than 2,900 deep
//   (as CPython's AST nests them: `a and b and c` is flat, each `elif` nests in the one before),
//   where CPython 3.11 stops at about 2,990 with RecursionError or MemoryError.
// Such a file is already invalid (refused like a syntax error), and a rewrite that produced
// one would not be written. CPython 3.11's wording; deliberately NOT refused: 3.12 syntax
// (`type X = ...`, `def f[T]()`), which later Pythons compile.
#pragma once
#include <tree_sitter/api.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace anymig::python {

// "line N, column C: reason" for the violation that starts first in the text, or nothing.
// One cursor walk with explicit stacks (no recursion on the input's depth).
std::optional<std::string> compilerError(TSNode root, std::string_view text);

// The same check fed by a walk the caller makes anyway (Syntax builds its node index with one):
// enter() every node but the root in document order, with the field name the cursor gives it,
// and leave() every node (the root too) once its descendants are left; finish() gives what
// compilerError() gives.
class CompilerCheck {
public:
    CompilerCheck(TSNode root, std::string_view text);
    ~CompilerCheck();
    CompilerCheck(const CompilerCheck&) = delete;
    CompilerCheck& operator=(const CompilerCheck&) = delete;
    void enter(TSNode n, const char* field);
    void leave();
    std::optional<std::string> finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace anymig::python
