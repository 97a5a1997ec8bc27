// The pack descriptor: the only thing a pack hands the rest of the program. It says which
// rules the pack has, how its front end is configured (the words that make a file worth
// parsing, the word counted as a mention, the rule that always runs), which typed options
// the pack reads (the tool turns them into CLI flags and [tool.anymig] keys), and the words
// reports use for it. core/, matchers/, reports/ and tool/ read packs only through this.
#pragma once
#include <functional>
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
};

// A typed pack option. The tool offers it as `--<name>` and as the [tool.anymig] key
// `<name>`; a front end reads it with Settings::get(option).
struct PackOption {
    enum class Kind { Version, Flag, List, Text };
    std::string_view name;   // "target-anyio": the flag and the key
    Kind kind = Kind::Text;
    std::string_view help;   // --help text
    std::string_view fallback;  // value used when neither the command line nor the project sets it
    // Version options: the project dependency whose lower bound is the default
    // ("anyio" for `anyio>=4.2`), or "python" for requires-python.
    std::string_view projectDefault;
    bool operator==(const PackOption& o) const { return name == o.name; }
};

// How reports name the pack and the two libraries (reports/ names no library itself).
struct ReportVocabulary {
    std::string title;            // "Anyio Migration": Markdown report titles
    std::string legacy;           // "asyncio": the library migrated from
    std::string target;           // "anyio": the library migrated to
    std::string legacyImport;     // regex of a source line that imports the legacy library
    std::string targetImport;     // regex of a source line that imports the target library
    std::string finalStep;        // the report's last next step once files changed
};

struct PackDescriptor {
    std::string_view name;      // "asyncio-to-anyio"; docs/rules/<name>/
    std::string_view language;  // "python"
    std::vector<const RuleInfo*> rules;  // in run/report order
    FrontendConfig frontend;
    std::vector<PackOption> options;
    ReportVocabulary report;
    // Builds the pack's front ends; they receive the pack's rules and configuration.
    std::function<std::vector<std::unique_ptr<Frontend>>(const PackDescriptor&)> makeFrontends;
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
