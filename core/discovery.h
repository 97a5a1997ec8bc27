// Finds the files to process: explicit files as given, directories walked for the
// front ends' extensions, skipping .git, virtual environments, build folders and
// whatever .gitignore files ignore.
#pragma once
#include <string>
#include <vector>

namespace anymig {

struct DiscoveryOptions {
    std::vector<std::string> extensions;     // e.g. {".py", ".pyi"}
    std::vector<std::string> excludeGlobs;   // fnmatch patterns on the path relative to the walk root
};

struct DiscoveryResult {
    std::vector<std::string> files;          // sorted, unique
    std::vector<std::string> errors;         // "path: reason" for inputs that do not exist or are not regular files
    std::vector<std::string> temporaries;    // anymig temporary files seen (see core/safe_file.h), sorted
};

DiscoveryResult discoverFiles(const std::vector<std::string>& inputs, const DiscoveryOptions& options);

// One .gitignore file's patterns, matched against paths relative to its directory.
class GitIgnore {
public:
    void addPatterns(const std::string& text);
    // `relPath` uses '/' separators; `isDir` for directories. Returns true when ignored.
    bool ignored(const std::string& relPath, bool isDir) const;

private:
    struct Pattern { std::string glob; bool negate = false; bool dirOnly = false; bool anchored = false; };
    std::vector<Pattern> patterns_;
};

}  // namespace anymig
