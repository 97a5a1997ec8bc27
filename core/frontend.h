// The seam between the language-neutral core and a language front end. A front end
// parses one file, runs its pack's rules, and hands back diagnostics and plain text
// edits; the core owns everything else (rounds to a fixed point, conflict handling,
// the re-parse check, atomic writes, reports).
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/edit.h"
#include "core/pack.h"
#include "core/rule.h"
#include "core/source.h"

namespace anymig {

// The run's option values. Packs declare their options (core/pack.h: PackOption) and read
// them back by the option, so an option's name is spelled once, in its pack. Flags are the
// assumed-constant availability flags (HAS_X = true) every front end honours; lists hold
// values that are lists (a compiler's arguments), never joined into one string.
struct Settings {
    std::map<std::string, std::string> values;
    std::map<std::string, bool> flags;
    std::map<std::string, std::vector<std::string>> lists;
    std::string get(const std::string& key, const std::string& fallback = "") const {
        auto it = values.find(key);
        return it == values.end() ? fallback : it->second;
    }
    std::string get(const PackOption& option) const {
        return get(std::string(option.name), std::string(option.fallback));
    }
    void set(const PackOption& option, std::string value) { values[std::string(option.name)] = std::move(value); }
    const std::vector<std::string>& list(const std::string& key) const {
        static const std::vector<std::string> none;
        auto it = lists.find(key);
        return it == lists.end() ? none : it->second;
    }
};

// Settings key naming the one site whose fix a run applies ("AM101@12:5", see siteKey): the
// language server's per-site code action. Other fixes are held back.
inline constexpr const char* kOnlySiteKey = "only-site";
inline std::string siteKey(const Diagnostic& d) {
    return d.ruleId + "@" + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column);
}

// Settings list holding the compiler arguments given after `--` on the command line.
inline constexpr const char* kCompilerArgsKey = "compiler-args";

// Settings key set to "1" by --unsafe-fixes: also apply fixes a rule documents as unsafe.
inline constexpr const char* kUnsafeFixesKey = "unsafe-fixes";

struct AnalysisOptions {
    const RuleSelection* rules = nullptr;
    const Settings* settings = nullptr;
    // The file as it was before this run's first round (null in the first round), so a rule
    // can tell what the user wrote from what earlier rounds produced.
    const std::string* originalText = nullptr;
    // Notes a front end keeps about the original file across the rounds of one file (the runner
    // owns them; null outside a run): facts read in the first round so a later round need not
    // parse the original again, which doubled the peak memory on huge files.
    std::map<std::string, std::string>* roundNotes = nullptr;
    // The piecewise run (core/piecewise.h): the byte range [first, second) of the text that is
    // the piece; the front end fills Analysis::piece. Null otherwise.
    const std::pair<std::size_t, std::size_t>* pieceRange = nullptr;
};

// What one piece of a module binds and names (core/piecewise.h), for the check that its analysis
// alone resolves every name as the whole module's would.
struct PieceFacts {
    bool ok = false;  // false: the piece cannot be analysed alone (e.g. a `global` in its scope)
    std::vector<std::string> bound;  // the names bound in the scope the pieces share
    std::vector<std::string> names;  // every identifier in the piece, and the names a fix may insert
};

// Where a huge module can be cut (core/piecewise.h): the pieces are [cuts[k], cuts[k+1]), the
// last one ending at tailBegin; text before cuts[0] and from tailBegin on (the head and the tail)
// goes with every piece. `filler` is a statement that can stand alone between head and tail.
struct PieceSplit {
    std::vector<std::size_t> cuts;
    std::size_t tailBegin = 0;
    std::string filler;
};

// Counts of mentions of the legacy library that are not code.
struct MentionCounts {
    int code = 0;        // references in code
    int comments = 0;    // in comments
    int docstrings = 0;  // in docstrings and other string literals
    int targetImports = 0;  // imports of the target library present
};

struct Analysis {
    std::optional<std::string> syntaxError;  // set when the file does not parse: "line N: reason"
    // With the `fix-broken-files` setting: the text of every error node, in order ("" for a
    // missing token's place), so the runner can tell pre-existing errors from new ones.
    std::vector<std::string> errorNodes;
    std::vector<Diagnostic> diagnostics;     // Fixed ones correspond to edits below
    EditSet edits;
    MentionCounts mentions;
    std::optional<PieceFacts> piece;  // with AnalysisOptions::pieceRange
};

class Frontend {
public:
    virtual ~Frontend() = default;
    virtual std::string_view name() const = 0;
    // File name endings this front end handles, e.g. ".py".
    virtual std::vector<std::string> extensions() const = 0;
    // Cheap text test: false when the file cannot contain anything a rule reacts to,
    // so it need not be parsed at all.
    virtual bool mayNeedWork(std::string_view text, const Settings& settings) const = 0;
    virtual Analysis analyze(const SourceFile& source, const AnalysisOptions& options) const = 0;
    // The encoding the file declares for itself (Python: a PEP 263 coding cookie), or "" when it
    // declares none (UTF-8). The core decodes such files with iconv and encodes them back.
    virtual std::string declaredEncoding(std::string_view text) const {
        (void)text;
        return {};
    }
    // The parse check run on rewritten text before anything is written.
    virtual std::optional<std::string> syntaxError(const SourceFile& source) const = 0;
    // Whole-run check, after every file of the run was rewritten in memory and before anything
    // is written: `changed` maps each file this front end rewrote to its new text. Returns the
    // files whose change must be refused, with the reason. The C/C++ front end compiles every
    // translation unit of the project that includes a changed file (the build is the unit of
    // safety); the default accepts everything.
    virtual std::map<std::string, std::string> refuseForProject(const std::map<std::string, std::string>& changed,
                                                                const Settings& settings) const {
        return {};
    }
    // Called at the start of every run (runFiles), before any file is analysed: a front end that
    // keeps state across the files of one run (the C/C++ one: parses, compiles, migrated headers)
    // drops the previous run's, since the files may have changed since.
    virtual void beginRun() const {}
    // Called once per run after beginRun, with every file of the run, before any is analysed: a
    // front end whose rules consult facts about other files of the run (the Python one: a summary
    // of each module's functions, for calls across modules through imports) computes them here.
    virtual void prepareRun(const std::vector<std::string>& paths, const RuleSelection& rules,
                            const Settings& settings) const {
        (void)paths, (void)rules, (void)settings;
    }
    // For the result cache: what, besides the file and its context files, an analysis of `path`
    // depends on in this run (a digest of the summaries of the modules it imports), "" for nothing.
    virtual std::string cacheKeyFor(const std::string& path) const {
        (void)path;
        return {};
    }
    // For the result cache: nullopt when an analysis may depend on more than the file itself
    // (never cached); else the base names of the files, looked up in the file's directory and
    // every directory above it, whose content an analysis may also read (part of the key).
    virtual std::optional<std::vector<std::string>> cacheContextFiles() const { return std::nullopt; }
    // The piecewise run of huge modules (core/piecewise.h): where `text` can be cut into pieces
    // of about `pieceBytes`, nullopt when it cannot; and the rules, in run order, whose sites
    // a piece may hold (FrontendConfig::pieceLocalRules).
    virtual std::optional<PieceSplit> splitPieces(std::string_view text, std::size_t pieceBytes) const {
        (void)text, (void)pieceBytes;
        return std::nullopt;
    }
    virtual std::vector<std::string> pieceLocalRules() const { return {}; }
};

class FrontendRegistry {
public:
    static FrontendRegistry& instance();
    void add(std::unique_ptr<Frontend> frontend);
    const Frontend* forPath(std::string_view path) const;
    std::vector<std::string> extensions() const;
    const std::vector<std::unique_ptr<Frontend>>& all() const { return frontends_; }

private:
    std::vector<std::unique_ptr<Frontend>> frontends_;
};

}  // namespace anymig
