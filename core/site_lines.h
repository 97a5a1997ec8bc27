// The lines of a file that `check`'s output reads after the run: each site's first and last
// line and the line of the block around it (site fingerprints, SARIF columns), and every line
// holding the suppression marker (unused suppressions). Taken from the bytes the run analysed,
// kept with the file's outcome and in the result cache, so `check` neither keeps whole texts nor
// reads any file again after the run (a warm run reads no source file at all).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/source.h"

namespace anymig {

// What starts an inline suppression comment (`# anymig: ignore[...]`).
inline constexpr std::string_view kSuppressionMarker = "anymig:";

struct SiteLines {
    std::size_t lineCount = 0;  // the file's (SourceFile::lineCount); 0: nothing kept
    // (1-based line, its text without the terminator), by line: the lines described above.
    std::vector<std::pair<int, std::string>> lines;
    // (a site's first line, the line of its enclosing block or 0), by line.
    std::vector<std::pair<int, int>> enclosing;

    bool kept() const { return lineCount > 0; }
    // The text of a kept line; "" for any other line.
    std::string_view text(int line) const;
    // enclosingLine() of a site's first line; 0 for any other line.
    int enclosingOf(int line) const;
    bool operator==(const SiteLines&) const = default;
};

// The nearest line above `line` that is less indented than it, skipping blank and `#`-comment
// lines: the header of the enclosing block (`def f():`, `class C:`, `if x:` ...); 0 at top level
// or out of range. Tabs advance to the next multiple of 8, a form feed resets the width.
int enclosingLine(const SourceFile& source, int line);

// The site lines of `text` (the file's bytes as read) for `diagnostics`; nothing kept (lineCount
// 0) when it has no diagnostics and no suppression marker.
SiteLines siteLinesOf(const std::string& path, const std::string& text, const std::vector<Diagnostic>& diagnostics);

}  // namespace anymig
