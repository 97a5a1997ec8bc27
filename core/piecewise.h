// The piecewise run of a huge module: tree-sitter's tree alone is ~44 times the text it parses,
// so a run that parses a 50 MB module whole peaks at gigabytes. A module of
// piecewiseThreshold() bytes or more whose front end can cut it (Frontend::splitPieces: between
// statements of one function body) is analysed one piece at a time, each piece in the text of
// the head and tail around it (head + piece + tail: the enclosing headers, the imports), round
// by round exactly as processText runs rounds on the whole text. Only one piece's tree is alive
// at a time.
//
// The result is the whole-module run's or nothing: runPiecewise returns nullopt, and the caller
// runs the whole module, when any piece's analysis may differ from what the whole module's
// analysis says about that piece:
// - a piece has a syntax error, or its head/tail analysis differs from another piece's (edits,
//   diagnostics): module facts that cross pieces (is the legacy library still used anywhere, which imports
//   a fix needs) are read by the head's rules, and every piece must agree on them;
// - a site belongs to a rule not in Frontend::pieceLocalRules (rules whose decisions depend on
//   more than the statement, the names' bindings and the imports: task groups spanning
//   statements, `with` blocks wrapping the statements after a call...);
// - an edit crosses a cut, or inserts exactly at one (it could belong to either side);
// - a name a piece uses (or a fix may insert) is bound in the shared function scope by another
//   piece and not by this one, or bound there by an import or a definition (the name would
//   resolve differently alone); the scope has a `global` or `nonlocal`;
// - the diagnostics of a piece are not grouped by rule in the front end's rule order, head
//   before piece before tail (the order the whole module's analysis lists them in);
// - the run records edits, edits around syntax errors (--fix-broken-files).
// Diagnostics are mapped back to the module's lines; mention counts are the pieces' sums less
// the head and tail counted once per extra piece.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/frontend.h"
#include "core/runner.h"

namespace anymig {

// Modules of this many bytes or more go piecewise: 1 MiB, or the environment variable
// ANYMIG_PIECEWISE_BYTES (0: never), which the tests lower. Pieces are about a quarter of it.
std::size_t piecewiseThreshold();

struct PiecewiseRun {
    MentionCounts before, after;
    std::vector<Diagnostic> fixed;      // fixed sites in the order the rounds made them
    std::vector<Diagnostic> remaining;  // the last round's diagnostics, in the whole module's order
    bool settled = true;                // the last round asked for no edit
    int rounds = 0;
    std::string result;                 // the rewritten module (migrate; the text itself in check)
    std::size_t pieces = 0;
};

std::optional<PiecewiseRun> runPiecewise(const Frontend& fe, const std::string& path, const std::string& text,
                                         const RunOptions& options);

}  // namespace anymig
