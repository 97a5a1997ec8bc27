// Facts the CLI reads from the project being migrated: its pyproject.toml.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace anymig::tool {

struct ProjectFacts {
    std::string pyprojectPath;                 // empty when none was found
    std::optional<std::string> targetPython;  // from [project] requires-python ">=3.9"
    std::optional<std::string> targetAnyio;   // from a dependency "anyio>=4.2"
};

// Finds pyproject.toml in `start` or its parents (stopping at a repository root) and reads it.
// Throws std::runtime_error naming the file on a TOML syntax error.
ProjectFacts readProjectFacts(const std::string& start);
// "anyio>=4.2,<5" -> "4.2"; ">=3.9" -> "3.9"; nullopt when there is no lower bound.
std::optional<std::string> lowerBound(const std::string& spec, const std::string& package = "");

}  // namespace anymig::tool
