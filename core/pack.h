// The pack descriptor: the only thing a pack hands the rest of the program. It says which
// rules the pack has, how its front end is configured (the words that make a file worth
// parsing, the word counted as a mention, the rule that always runs), which typed options
// the pack reads (the tool turns them into CLI flags and [tool.anymig] keys), and the words
// reports use for it. core/, matchers/, reports/ and tool/ read packs only through this.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/rule.h"

namespace anymig {

class Frontend;
struct Settings;

// What a front end needs from its pack besides the rules.
struct FrontendConfig {
    // A file none of these words occur in cannot need work and is not parsed.
    std::vector<std::string> triggers;
    // The legacy library's name: references to it are counted as mentions (code, comments,
    // strings) in the run summary and the report.
    std::string mentionWord;
    // The target library's modules (or headers): their imports are counted in the report.
    std::vector<std::string> targetImports;
    // Qualified-name prefixes that name the same things as another prefix (a module that
    // re-exports its submodules): {"pkg.sub.", "pkg."}. Rules list the short names only.
    std::vector<std::pair<std::string, std::string>> aliases;
    // The id of the rule that runs even when it is not selected (other rules' fixes need it).
    std::string_view alwaysOnRule;
    // Base names of files above a module that the rules read (conftest.py, ...): their
    // content is part of the result cache's key.
    std::vector<std::string> contextFiles;
    // The rules, in run order, whose every decision at a site depends only on the statement
    // holding it, on what its names resolve to, and on the module's imports: a huge module whose
    // sites are all theirs can be migrated one piece at a time (core/piecewise.h). Empty: never.
    std::vector<std::string> pieceLocalRules;
};

// A typed pack option. The tool offers it as `--<name>` and as the [tool.anymig] key
// `<name>`; a front end reads it with Settings::get(option).
struct PackOption {
    enum class Kind { Version, Flag, List, Text };
    std::string_view name;   // "target-lib": the flag and the key
    Kind kind = Kind::Text;
    std::string_view help;   // --help text
    std::string_view fallback;  // value used when neither the command line nor the project sets it
    // Version options: the project dependency whose lower bound is the default
    // ("lib" for `lib>=4.2`), or "python" for requires-python.
    std::string_view projectDefault;
    bool operator==(const PackOption& o) const { return name == o.name; }
};

// What a project declares about its dependencies (PackDescriptor::readDependencies).
struct DeclaredFloor {
    std::string version;  // "4.2": the lower bound (a lock file's major.minor when nothing declares one)
    std::string source;   // where it was read: `pyproject.toml [project] dependencies: "lib>=4.2"`
    bool locked = false;  // from a lock file, not a declaration
};
struct ProjectDependencies {
    std::map<std::string, DeclaredFloor> floors;  // lower-cased distribution name; "python" for the interpreter
    std::string addTo;  // the declaration `--add-dependency` edits ("" when the project has none it can edit)
    std::string addToWhy;  // why not, when addTo is empty
};

// How reports name the pack and the two libraries (reports/ names no library itself).
struct ReportVocabulary {
    std::string title;            // "Lib Migration": Markdown report titles
    std::string legacy;           // "oldlib": the library migrated from
    std::string target;           // "newlib": the library migrated to
    std::string legacyImport;     // regex of a source line that imports the legacy library
    std::string targetImport;     // regex of a source line that imports the target library
    std::string finalStep;        // the report's last next step once files changed
    std::string codeLanguage;     // "python": the language of the report's code blocks
    std::string lineComment;      // "#": how a comment line starts in that language
};

// What a pack's look at the project's tests starts from (PackDescriptor::testingImpact).
struct TestingScan {
    std::vector<std::string> roots;  // the paths given on the command line
    // Shows a path the way the report does (relative to its base directory).
    std::function<std::string(const std::string&)> display;
    std::map<std::string, int> legacySitesByPath;  // displayed path -> sites the run left there
    std::vector<std::string> runPaths;              // displayed paths of the run's files
};

// The result of compiling one changed file (`--verify-compile`).
struct CompileResult {
    std::string path;
    bool ok = false;
    std::string output;  // the compiler's error text when !ok (or why it could not run)
};

// A pack's readiness check (tool/readiness.h): `check --<flag>` lists each module of the pack's
// language that still uses the legacy library; run summaries count the ready ones.
struct ReadinessWords {
    std::string_view flag;         // "ready": the check's flag (empty: the pack has no such check)
    std::string_view help;         // the flag's --help text
    std::string_view label;        // "readiness": the summary line's label
    std::string_view readyState;   // "ready": a module with no legacy use left
    std::string_view readyPhrase;  // "are ready": what the ready modules do, in the summary
};

struct PackDescriptor {
    std::string_view name;      // "oldlib-to-newlib"; docs/rules/<name>/
    std::string_view language;  // "python"
    std::vector<const RuleInfo*> rules;  // in run/report order
    FrontendConfig frontend;
    std::vector<PackOption> options;
    ReportVocabulary report;
    ReadinessWords readiness;
    // Builds the pack's front ends; they receive the pack's rules and configuration.
    std::function<std::vector<std::unique_ptr<Frontend>>(const PackDescriptor&)> makeFrontends;
    // The report's "testing_impact" object, as JSON text (docs/report-format.md): the test
    // configuration and test files under the roots and what they need after the migration,
    // with the labels the renderers show. Unset: the report says the tests were not scanned.
    std::function<std::string(const TestingScan&)> testingImpact;
    // `--verify-compile[=TOOL]`: compiles each changed file with TOOL; `compileCommand` is
    // how reports show the command before a file name, "{tool}" standing for TOOL
    // ("{tool} -m py_compile"). Unset: the pack offers no compile check.
    std::function<std::vector<CompileResult>(const std::vector<std::string>& files, const std::string& tool)>
        verifyCompile;
    std::string_view compileCommand;
    // Reads the dependency declarations of the project around `start` (a file or directory;
    // its parents up to a repository root). Throws naming a file it cannot read. Unset: none.
    std::function<ProjectDependencies(const std::string& start)> readDependencies;
    // `--add-dependency`: `file`'s text with the requirement `name>=version` added, checked to
    // parse to the same declarations plus that one; throws with the reason when it cannot.
    std::function<std::string(const std::string& file, const std::string& text, const std::string& name,
                              const std::string& version)>
        addDependency;
    // The option whose value is the lower bound `--add-dependency` writes for the target library
    // (its projectDefault is the distribution's name). Null: the pack adds none.
    const PackOption* dependencyOption = nullptr;
};

// All packs compiled into (or loaded by) this binary.
class PackRegistry {
public:
    static PackRegistry& instance();
    void add(PackDescriptor pack);
    const std::vector<PackDescriptor>& packs() const { return packs_; }
    const PackDescriptor* find(std::string_view name) const;
    const RuleInfo* findRule(std::string_view idOrName) const;
    // The pack a rule belongs to (null for an unknown rule).
    const PackDescriptor* packOf(std::string_view ruleId) const;
    // The packs whose front end has this name ("python", "cpp").
    std::vector<const PackDescriptor*> forLanguage(std::string_view language) const;

private:
    std::vector<PackDescriptor> packs_;
};

// The one registration route: the pack's metadata into PackRegistry, its front ends into
// FrontendRegistry. Idempotent per pack name.
void registerPack(const PackDescriptor& pack);

}  // namespace anymig
