// Runs the front ends over many files in parallel: read, analyse, apply edits in
// rounds until nothing changes (so a second run is a no-op), re-parse, write atomically.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/frontend.h"
#include "core/site_lines.h"

namespace anymig {

enum class RunMode { Check, Diff, Migrate };

class ResultCache;

struct RunOptions {
    RunMode mode = RunMode::Check;
    unsigned jobs = 0;  // 0 = all cores
    RuleSelection rules;
    Settings settings;
    int maxRounds = 8;
    // Outcomes remembered from earlier runs (null: none); the caller saves it after the run.
    ResultCache* cache = nullptr;
    // Called after each file (from worker threads, serialised), for progress display.
    std::function<void(std::size_t done, std::size_t total)> progress;
    // Keep the applied edits, composed onto the original text, in FileOutcome::edits (the fuzz
    // oracle checks that nothing outside them changed). Off in normal runs: it costs memory.
    bool recordEdits = false;
    // The files of the whole run when the paths given to runFiles are only a part of it (one shard
    // of --shard K/N, one group of per-file ignores): the front ends' cross-module facts (the
    // Python run summaries) are built over all of them, so a part's findings are the whole run's.
    // Empty: the paths are the whole run.
    std::vector<std::string> runPaths;
    // Keep each file's site lines (FileOutcome::siteLines) for the check command's output. Part of
    // the result cache's key (an entry holds them only when they were kept).
    bool keepSiteLines = false;
};

enum class FileState {
    Unchanged,          // analysed, nothing to change
    Changed,            // rewritten (or would be, with --diff)
    NotParsed,          // no legacy text at all: skipped without parsing
    SkippedSyntaxError, // the file already had a syntax error: left byte-identical
    RefusedRewrite,     // the rewrite did not re-parse: left byte-identical
    Error,              // unreadable, binary, not UTF-8, or could not be written
};
const char* toString(FileState s);

struct FileOutcome {
    std::string path;
    FileState state = FileState::Unchanged;
    std::string reason;                    // for skipped / refused / error
    std::vector<Diagnostic> diagnostics;   // fixed sites from every round, then what remains
    MentionCounts before;                  // mentions in the original
    MentionCounts after;                   // mentions in the result
    std::string original;                  // kept only when the file changed (UTF-8)
    std::string rewritten;                 // UTF-8; written back in `encoding`
    std::string encoding;                  // the file's declared encoding when not UTF-8 (e.g. "latin-1")
    // RunOptions::recordEdits: every round's edits composed onto `original` (disjoint, sorted;
    // applying them to `original` gives `rewritten`).
    std::vector<Edit> edits;
    int rounds = 0;
    // --fix-broken-files: the file already had syntax errors and was edited outside them
    // (its error nodes after the run are exactly the pre-existing ones).
    bool editedAroundSyntaxErrors = false;
    int linesAdded = 0;
    int linesRemoved = 0;
    // RunOptions::keepSiteLines: the lines of the file as read that `check`'s output needs.
    SiteLines siteLines;
};

struct RunResult {
    std::vector<FileOutcome> files;  // sorted by path
    bool hadErrors() const;
};

// Settings key holding every file of the run, one per line, so a front end can tell whether a
// file it depends on (a C/C++ header) is being migrated in the same run. runFiles sets it
// unless the caller already did (when one run is split into parts).
inline constexpr const char* kRunFilesKey = "run-files";
std::string joinRunFiles(const std::vector<std::string>& paths);
// What names one run for the result cache's run index: its files and the run's whole file list.
std::string runIndexIdentity(const std::vector<std::string>& paths, const RunOptions& options);
// Settings key (one path per line, as joinRunFiles) set when this run migrates only some of the
// files of the run (RunOptions::runPaths), the others being left for a later run or never run: a
// plan's batch. Front ends then take the other files as they are on disk (their legacy calls stay),
// not as this run would migrate them. Part of the result cache's key (it changes findings).
inline constexpr const char* kMigratedOnlyKey = "migrated-only";
// Settings keys set when a run is split into per-file-ignores groups (each group runs with the
// run's rules plus the ignores its globs add): kFileIgnoresKey has one line per file of the run
// with ignores of its own ("path\tRULE RULE"), kRunIgnoresKey the run's own ignores (space
// separated). Front ends computing another file's facts (what that file keeps of its legacy
// calls after its round) then apply that file's rules, not the group's. Part of the
// result cache's key (they change findings).
inline constexpr const char* kFileIgnoresKey = "file-ignores";
inline constexpr const char* kRunIgnoresKey = "run-ignores";

RunResult runFiles(const std::vector<std::string>& paths, const RunOptions& options);
// Analyses (and rewrites, in Migrate mode) one in-memory file; used by the runner and by tests.
FileOutcome processText(const std::string& path, const std::string& text, const RunOptions& options);

}  // namespace anymig
