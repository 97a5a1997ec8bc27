// Layout of the lines a migration wrote: a rewrite that lengthens a line (a longer name for an
// exception class, a call wrapped in `functools.partial`) can push it past the project's line
// length, and a file that black accepted before would then fail `black --check`. After a round's
// rules ask for nothing more, each line of the text that is not a line of the original is laid
// out the way black 23 lays it out: a statement longer than the line length is split at its last
// bracket pair (right-hand split), the body on its own indented line, one element per line with
// a trailing comma when the body still does not fit (or when the bracket is a tuple/list literal
// with commas), and with the right-hand side of an assignment or `return`, or the expression of
// an `if`/`elif`/`while`/`except` (before its `as`), in parentheses where black adds them; a statement over several lines is laid out again from its joined form (joined
// when it fits); a new function definition gets black's blank lines; runs of blank lines a
// removal left are cut to black's limits. Only in files that look formatted by black (see
// looksBlack in layout.cpp). Shapes black treats otherwise (comments inside a statement,
// lambdas, operators to split at, `*args` needing a trailing comma, deep nesting) are left as
// they are.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/edit.h"
#include "matchers/python/syntax.h"

namespace anymig::python {

// The line length the project's formatter uses for `path`: `[tool.black] line-length` (else
// `[tool.ruff] line-length`) in the pyproject.toml of the project root black would find (the
// nearest folder with .git, .hg or pyproject.toml), else black's default, 88.
int formatterLineLength(const std::string& path);

// Edits splitting the lines of `syntax`'s text that are not lines of `original` and are longer
// than `lineLength` characters; none when the text has `fmt: off`/`fmt: skip` markers.
std::vector<Edit> layoutLongLines(const Syntax& syntax, std::string_view original, int lineLength);

}  // namespace anymig::python
