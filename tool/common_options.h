// The options `migrate`, `check`, `plan` and the language server share, and how they are
// completed from the project's pyproject.toml ([tool.anymig]) into the runner's options.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

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
    unsigned jobs = 0;
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

}  // namespace anymig::tool
