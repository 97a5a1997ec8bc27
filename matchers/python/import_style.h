// How a Python project sorts its imports, in isort's model: the section a module belongs to
// (future, standard library, third party, first party, local) and the order within a section,
// read from the project's isort or ruff configuration (.isort.cfg, pyproject.toml [tool.isort],
// setup.cfg / tox.ini [isort] or [tool:isort], [tool.ruff.lint.isort] / [tool.ruff.isort],
// ruff.toml [lint.isort]). Names no pack: any rule that inserts imports can use it.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace anymig::python {

enum class ImportSection { Future = 0, StandardLibrary, ThirdParty, FirstParty, LocalFolder };

struct ImportStyle {
    std::string source;       // the configuration file read; empty: isort's defaults
    std::string projectRoot;  // where src_paths are relative to (the configuration's folder)
    std::vector<std::string> srcPaths;  // absolute; default: <root>/src and <root>
    std::vector<std::string> knownFirstParty, knownThirdParty, knownLocalFolder, knownStandardLibrary;
    ImportSection defaultSection = ImportSection::ThirdParty;
    bool forceSortWithinSections = false;
    bool forceSingleLine = false;
    bool orderByType = true;      // isort: case-sensitive keys under force_sort_within_sections
    bool caseSensitive = false;   // module names compared case-insensitively by default
    bool lexicographical = false;
    int linesAfterImports = -1;   // -1: two before a def/class/decorator, else one
    int linesBetweenSections = 1;

    // The section `module` ("os.path", ".sibling") is placed in.
    ImportSection sectionOf(const std::string& module) const;
    // isort's sort key for a whole import line ("import os", "from a import b") within a section.
    std::string lineKey(const std::string& line) const;
    // isort's key for a module name among `import x` (or among `from x import ...`) lines.
    std::string moduleKey(const std::string& module) const;
    // Blank lines isort wants between the import block and `nextLine` (the first code line) in
    // the file at `path` (a `.pyi` stub gets isort's stub spacing).
    int blankLinesAfterImports(std::string_view nextLine, std::string_view path) const;
};

// isort's natural order ("a2" < "a10").
bool naturalLess(const std::string& a, const std::string& b);

// Settings key: the folder to search for the configuration from instead of the file's own
// (isort's --settings-path). The golden-fixture tests set it, since they name files relatively.
inline constexpr const char* kImportSettingsPathKey = "isort-settings-path";

// The import style for a file, found as isort finds it: the nearest folder at or above the
// file's (or `settingsPath`, when not empty) holding a configuration, stopping at a repository
// root. Cached per folder; safe to call from several threads. A configuration that cannot be
// read gives the defaults, with the reason in `problem` when given.
const ImportStyle& importStyleFor(const std::string& filePath, const std::string& settingsPath = "",
                                  std::string* problem = nullptr);

const std::set<std::string, std::less<>>& standardLibraryModules();

// The values of an INI file's sections (lower-case names), read with inih: key (snake_case, lower
// case) -> items (comma- or newline-separated). Throws naming the file when it is not valid INI.
std::map<std::string, std::vector<std::string>> readIniSections(const std::string& path,
                                                                 const std::vector<std::string>& sections);

}  // namespace anymig::python
