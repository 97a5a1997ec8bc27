#pragma once
// The text tree-sitter parses for a Python file whose own text it cannot parse safely.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

namespace anymig::python {

// Runs of this many whole-line comments (or of lines holding only a backslash, inside brackets)
// or more are blanked in the parse view.
inline constexpr int kLongCommentRun = 1000;

// The Python grammar's scanner is slow on long runs of whole-line comments, which are valid
// Python: inside an indented block it looks past every following comment line at each comment
// line, so a run costs its length squared (the bare parse of 10,000 / 20,000 / 40,000 comment
// lines in a function: 3.3 / 12.4 / 50.6 s CPU with runtime 0.22.4). (Debian 12's runtime 0.20.7
// also corrupted its heap on 65,536 comments in a row, tree-sitter bug #2134; the runtime anymig
// compiles now, 0.22.4, parses 70,000 at the top level in 0.02 s. The scanner's cost remains.)
// Returns nullopt when the text has no such run; else a copy of the same length in which every
// whole-line comment of a run of kLongCommentRun or more (blank lines may stand between them)
// is spaces, byte for byte, so every position in the tree is a position in the real text and the
// file's tokens are the same but for those comments (absent from the tree: words in them are
// not counted as mentions). A comment line holding a quote, a brace or a backslash is kept and
// ends the run: if the run were really inside a triple-quoted string, blanking such a line could
// move where the string or an f-string's replacement field ends; blanking any other line of a
// string changes only the string's content, not the tokens.
// The scanner is quadratic in the same way on runs of lines holding only a backslash (a line
// join), so a run of kLongCommentRun or more of those is blanked too (the backslash becomes a
// space) when it stands inside brackets and outside any string: there a join is white space to
// CPython's tokenizer as to tree-sitter's. Outside brackets a join makes one logical line of two
// (and inside a one-line string continued by joins it is part of the string): kept here; see
// parsePython for runs outside brackets.
std::optional<std::string> parseView(std::string_view text);

// Brackets nested deeper than this are refused by CPython's tokenizer ("too many nested
// parentheses"; 200 levels compile, 201 do not).
inline constexpr int kMaxBracketDepth = 200;
// A run of this many prefix operators (`-`, `+`, `~`, `not`, `await`) with nothing between them
// is refused: CPython's compiler already fails on 5,000 (RecursionError), and far deeper runs
// reach the depth below.
inline constexpr int kMaxPrefixRun = 20000;

// Nesting CPython refuses, refused with CPython's reason and position before tree-sitter parses
// (65,536 unclosed `(`, 70,000 `-` before a `)`, 80,000 nested `f'{`; Debian's tree-sitter 0.20.7
// corrupted its heap on these, 0.22.4 does not, but its error would say only "line 1, column 1:
// invalid syntax"): returns "line N, column C: <CPython's reason>" for the first bracket nested
// deeper than kMaxBracketDepth, the first run of kMaxPrefixRun prefix operators, or the link
// where a right-associative chain with a name or number between its links (`2**2**...`,
// `lambda: lambda: ...`, `a if b else a if b else ...`) reaches the length at which CPython's
// parser runs out of stack (MemoryError, whatever surrounds it), outside comments and strings;
// nullopt otherwise. One pass, no recursion. Other deep shapes are left to tree-sitter's parse
// and the strict check (compile_check.h: depth past 2,900).
// With `bracketSpans`, it also gets the byte offsets (open, close), flattened in pairs, of each
// outermost bracket pair that holds a line break and is closed, in text order (as far as the
// scan went): inside them every line is a continuation line to CPython's tokenizer.
std::optional<std::string> nestingError(std::string_view text, std::vector<std::uint32_t>* bracketSpans = nullptr);

// Parses text with parser, through parseView's copy when there is one (kept in storage, as the
// tree's positions are positions in both). A run of kLongCommentRun or more consecutive lines
// holding only a backslash outside brackets and strings is one logical line, as a single such
// line is: all but its first line are left out of the text parsed (the grammar's scanner is
// quadratic in the run) and put back into the tree with ts_tree_edit, so every position in the
// tree is still a position in the real text. The grammar's scanner is told where the brackets
// with line breaks are (nestingError's spans), so a continuation line in them indented less than
// its statement is no DEDENT (tree-sitter-python#256; cmake/tree-sitter-python-scanner.patch).
// When nestingError() refuses the text, `refused` gets
// its reason and the tree is that of an empty module (the file is refused with that reason; no
// site in it is reported).
TSTree* parsePython(TSParser* parser, std::string_view text, std::optional<std::string>& storage,
                    std::optional<std::string>& refused);

}  // namespace anymig::python

namespace anymig::python {

// Where a huge module can be cut for the piecewise run (core/piecewise.h): between statements of
// one function body, the deepest `def` body (through `class` and `def` bodies) that holds most
// of the file, when what is outside it (the head and tail every piece is analysed with) is at
// most `pieceBytes`. With `anyBody` (ANYMIG_PIECEWISE_ANY_BODY, for the tests' differential
// runs over ordinary modules), the body of the largest statement at each level, whatever its
// share and whatever the head and tail. Found by one linear scan that reads brackets, strings, comments and line joins as
// CPython's tokenizer does. Cuts stand at the start of a statement line at the body's own
// indentation, never before `else`/`elif`/`except`/`finally`/`case`, a string (a piece's first
// statement would become a docstring) or after a decorator, and are about `pieceBytes` apart.
// `cuts[0]` is the body's first statement, `tailBegin` where the body ends. nullopt when there is
// no such body, when it gives fewer than two pieces, or when the text has a carriage return, a
// tab or form feed in an indentation, or an inconsistent dedent (the whole-module run decides).
struct PieceCuts {
    std::vector<std::size_t> cuts;
    std::size_t tailBegin = 0;
    std::size_t indent = 0;  // the body's indentation, in spaces
};
std::optional<PieceCuts> pieceCuts(std::string_view text, std::size_t pieceBytes, bool anyBody = false);

}  // namespace anymig::python
