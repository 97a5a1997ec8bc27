#pragma once
// The text tree-sitter parses for a Python file whose own text it cannot parse safely.
#include <optional>
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

namespace anymig::python {

// Runs of this many whole-line comments or more are blanked in the parse view.
inline constexpr int kLongCommentRun = 1000;

// Debian 12's tree-sitter runtime (0.20.7) and the Python grammar's scanner fail on long runs of
// whole-line comments, which are valid Python:
//  - 65,536 comments in a row (extras with no token between them) corrupt the runtime's heap
//    (tree-sitter bug #2134, fixed in 0.20.8): SIGABRT or SIGSEGV, the whole run ends;
//  - inside an indented block the grammar's scanner looks past every following comment line at
//    each comment line, so a run costs its length squared (70,000 lines: minutes).
// Returns nullopt when the text has no such run; else a copy of the same length in which every
// whole-line comment of a run of kLongCommentRun or more (blank lines may stand between them)
// is spaces, byte for byte, so every position in the tree is a position in the real text and the
// file's tokens are the same but for those comments (absent from the tree: words in them are
// not counted as mentions). A comment line holding a quote, a brace or a backslash is kept and
// ends the run: if the run were really inside a triple-quoted string, blanking such a line could
// move where the string or an f-string's replacement field ends; blanking any other line of a
// string changes only the string's content, not the tokens.
std::optional<std::string> parseView(std::string_view text);

// Brackets nested deeper than this are refused by CPython's tokenizer ("too many nested
// parentheses"; 200 levels compile, 201 do not).
inline constexpr int kMaxBracketDepth = 200;
// A run of this many prefix operators (`-`, `+`, `~`, `not`, `await`) with nothing between them
// is refused: CPython's compiler already fails on 5,000 (RecursionError), and far deeper runs
// reach the depth below.
inline constexpr int kMaxPrefixRun = 20000;

// Input nested so deeply that tree-sitter 0.20.7's parse stack reaches 65,536 entries corrupts
// its heap when the parser then meets a syntax error (65,536 unclosed `(`, 70,000 `-` before a
// `)`, 80,000 nested `f'{`): the whole run ends. CPython refuses all of these, so they are
// refused before tree-sitter sees them: returns "line N, column C: <CPython's reason>" for the first
// bracket nested deeper than kMaxBracketDepth, or the first run of kMaxPrefixRun prefix operators,
// outside comments and strings; nullopt otherwise. One pass, no recursion. Deep shapes that are
// neither (long right-associative `**`, `lambda:` or conditional-expression chains) are not
// covered.
std::optional<std::string> nestingError(std::string_view text);

// Parses text with parser, through parseView's copy when there is one (kept in storage, as the
// tree's positions are positions in both). When nestingError() refuses the text, `refused` gets
// its reason and the tree is that of an empty module (the file is refused with that reason; no
// site in it is reported).
TSTree* parsePython(TSParser* parser, std::string_view text, std::optional<std::string>& storage,
                    std::optional<std::string>& refused);

}  // namespace anymig::python
