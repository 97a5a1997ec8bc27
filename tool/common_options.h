// The options `migrate`, `check`, `plan` and the language server share, and how they are
// completed from the project's pyproject.toml ([tool.anymig]) into the runner's options.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/pack.h"
#include "core/runner.h"
#include "tool/project.h"
#include "tool/shard.h"

namespace anymig::tool {

struct CommonOptions {
    std::vector<std::string> paths;
    std::vector<std::string> select, ignore, assumeTrue, assumeFalse, exclude;
    // Values of the packs' options (core/pack.h: PackOption), by option name, as given on the
    // command line or in [tool.anymig]; one map per kind of option.
    std::map<std::string, std::string> packText;
    std::map<std::string, std::vector<std::string>> packLists;
    std::map<std::string, bool> packFlags;
    // Where each packText value came from ("--target-x", "pyproject.toml [tool.anymig]").
    std::map<std::string, std::string> packTextFrom;
    unsigned jobs = 0;
    bool addDependency = false;          // migrate --add-dependency
    bool unsafeFixes = false;
    bool fixBrokenFiles = false;
    std::string compdb;                  // -p, for the C/C++ front end
    std::vector<std::string> extraArgs;  // after --, for the C/C++ front end
    std::string exportFixes;             // clang-apply-replacements YAML
    std::string report;                  // JSON report
    std::string verifyCompile;           // --verify-compile[=PYTHON]: the interpreter
    bool noProgress = false;
    bool noCache = false;
    std::string shardText;  // --shard K/N
    ShardSpec shard;
    // From pyproject.toml's [tool.anymig] (applyConfig); globs relative to projectDir.
    tool::ProjectFacts facts;
    // The project's dependency declarations, from the packs that read them (readDependencies).
    ProjectDependencies dependencies;
    std::string projectDir;
    std::vector<std::string> configExclude;
    std::vector<std::pair<std::string, std::vector<std::string>>> perFileIgnores;
};

// Fills what the command line left unset from pyproject.toml's [tool.anymig] (command-line
// options win), and keeps the project facts for makeRunOptions.
void applyConfig(CommonOptions& o);
// The packs' option values for a run: the command line, else [tool.anymig], else the
// project's dependency floor (for version options that name one), else the pack's default.
void setPackOptions(const CommonOptions& o, Settings& settings);
RunOptions makeRunOptions(const CommonOptions& o, RunMode mode);

// A version option's value for the run and where it came from, for the summary and the report.
struct TargetLine {
    std::string option;  // "target-x"
    std::string name;    // what it targets: the option's projectDefault ("lib", "python")
    std::string value;
    std::string source;  // "--target-x", "pyproject.toml [tool.anymig]", a declaration, "default"
};
std::vector<TargetLine> targetLines(const CommonOptions& o, const PackDescriptor& pack);

}  // namespace anymig::tool
