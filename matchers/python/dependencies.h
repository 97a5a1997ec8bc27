// What a Python project declares about its dependencies, from every common declaration:
// pyproject.toml (PEP 621 [project] and Poetry's [tool.poetry.dependencies]), setup.cfg
// ([options], read with inih), a setup.py whose setup() call has literal arguments (read with
// the tree-sitter parser), requirements*.txt, and the uv.lock / poetry.lock lock files (toml++).
// Also the `--add-dependency` edit: the requirement inserted into the declaration's own text,
// every other byte kept, and the result parsed again to check it declares exactly one more.
#pragma once
#include <optional>
#include <string>

#include "core/pack.h"

namespace anymig::python {

// The declarations of the project around `start` (a file or a directory): the first directory
// from there up to a repository root (or the file system's root) holding a declaration file.
// The first declaration of a name wins, in the order above; a lock file's version counts only
// for names nothing declares (DeclaredFloor::locked). Throws naming a file that does not parse.
ProjectDependencies readProjectDependencies(const std::string& start);

// `text` (the file `file`: a pyproject.toml or a requirements*.txt) with `name>=version` added
// to its dependencies. Throws std::runtime_error with the reason when it cannot be added so
// that the file parses to the same declarations plus that one.
std::string addDependency(const std::string& file, const std::string& text, const std::string& name,
                          const std::string& version);

// The lower-cased distribution name of a requirement ("Foo[x]>=1" -> "foo").
std::optional<std::string> requirementName(const std::string& spec);
// "name>=4.2,<5" -> "4.2"; ">=3.9", "^3.9", "~3.9" -> "3.9"; nullopt when there is no lower
// bound. With `package`, the spec must name it.
std::optional<std::string> lowerBound(const std::string& spec, const std::string& package = "");

}  // namespace anymig::python
