// Pieces the subcommands share: configuration globs and running with per-file ignores.
#pragma once
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/runner.h"

namespace anymig::tool {

class ProgressBar;

// fnmatch(3) on a '/'-separated relative path; a glob also matches everything below a
// directory it names ("legacy" and "legacy/" match "legacy/a.py").
bool globMatches(const std::string& glob, const std::string& relPath);

// Drops files matching any of `globs` (relative to `baseDir`).
std::vector<std::string> excludeByGlobs(const std::vector<std::string>& files, const std::vector<std::string>& globs,
                                        const std::string& baseDir);

// The rules per-file-ignores globs (relative to `baseDir`) turn off for `file`.
std::set<std::string> perFileIgnoresFor(const std::string& file,
                                        const std::vector<std::pair<std::string, std::vector<std::string>>>& perFileIgnores,
                                        const std::string& baseDir);

// Runs `files`; files matched by a per-file-ignores glob (relative to `baseDir`) run with those
// rules added to the ignore list. Results are merged and sorted by path.
RunResult runWithPerFileIgnores(const std::vector<std::string>& files, const RunOptions& options,
                                const std::vector<std::pair<std::string, std::vector<std::string>>>& perFileIgnores,
                                const std::string& baseDir, ProgressBar* progress);

// Seconds since the epoch as ISO 8601 UTC; SOURCE_DATE_EPOCH, when set, replaces "now" so
// outputs are reproducible.
std::string isoNow();

}  // namespace anymig::tool
