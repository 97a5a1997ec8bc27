// Facts the CLI reads from the project being migrated: its pyproject.toml.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace anymig::tool {

// The [tool.anymig] table. Every key is optional; command-line options override it.
// Globs and the baseline path are relative to the directory holding pyproject.toml.
struct ToolConfig {
    bool present = false;                      // the table exists
    std::vector<std::string> select, ignore;   // rule ids, names, categories or id prefixes
    std::vector<std::string> assumeTrue, assumeFalse;
    std::vector<std::string> exclude;          // fnmatch globs
    // glob -> rules ignored in the files it matches (sorted by glob)
    std::vector<std::pair<std::string, std::vector<std::string>>> perFileIgnores;
    std::optional<int> batchSize, maxEdits;
    std::optional<std::string> groupBy;        // "dir" or "package"
    std::optional<std::string> baseline;
    // Values of the packs' options (core/pack.h: PackOption), by option name and kind.
    std::map<std::string, std::string> packText;
    std::map<std::string, std::vector<std::string>> packLists;
    std::map<std::string, bool> packFlags;
};

struct ProjectFacts {
    std::string pyprojectPath;                 // empty when none was found
    ToolConfig config;                         // [tool.anymig]
};

// Finds pyproject.toml in `start` or its parents (stopping at a repository root) and reads it.
// Throws std::runtime_error naming the file on a TOML syntax error, and on an unknown key or a
// value of the wrong type in [tool.anymig] (naming the key and the file).
ProjectFacts readProjectFacts(const std::string& start);
// The keys [tool.anymig] accepts, in documentation order: the tool's own, then every
// registered pack's options.
const std::vector<std::string>& toolConfigKeys();

}  // namespace anymig::tool
