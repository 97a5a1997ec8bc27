// Facts the CLI reads from the project being migrated: its pyproject.toml.
#pragma once
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
    std::optional<std::string> targetAnyio, targetPython;
    std::vector<std::string> testBackends;     // e.g. ["asyncio", "trio"]
};

struct ProjectFacts {
    std::string pyprojectPath;                 // empty when none was found
    std::optional<std::string> targetPython;  // from [project] requires-python ">=3.9"
    std::optional<std::string> targetAnyio;   // from a dependency "anyio>=4.2"
    ToolConfig config;                         // [tool.anymig]
};

// Finds pyproject.toml in `start` or its parents (stopping at a repository root) and reads it.
// Throws std::runtime_error naming the file on a TOML syntax error, and on an unknown key or a
// value of the wrong type in [tool.anymig] (naming the key and the file).
ProjectFacts readProjectFacts(const std::string& start);
// "anyio>=4.2,<5" -> "4.2"; ">=3.9" -> "3.9"; nullopt when there is no lower bound.
std::optional<std::string> lowerBound(const std::string& spec, const std::string& package = "");
// The keys [tool.anymig] accepts, in documentation order.
const std::vector<std::string>& toolConfigKeys();

}  // namespace anymig::tool
