// Matching a pack's line patterns (report vocabulary such as `^\s*(import\s+NAME\b|from\s+NAME\b)`
// or `^\s*#\s*include\s*<...>`) against user text without unbounded recursion. libstdc++'s
// std::regex matches every repetition by recursion, one stack frame per character, so `\s*`
// over a line of 30,000 blanks (or, in multiline mode over a whole file, 30,000 blank lines)
// overflowed the stack and ended the run. Here the pattern sees one line at a time with each
// run of blanks made a single space, which `\s*`/`\s+` match alike: the recursion is bounded by
// the pattern's own words.
#pragma once
#include <regex>
#include <string>
#include <string_view>

namespace anymig {

// The line with each run of blanks made one space.
std::string squeezeBlanks(std::string_view line);

// regex_search on one line (no line break in it), blanks squeezed.
bool lineMatches(std::string_view line, const std::regex& pattern);

// Whether any line of `text` matches (the pattern's `^` anchors at each line's start).
bool anyLineMatches(std::string_view text, const std::regex& pattern);

}  // namespace anymig
