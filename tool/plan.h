// Batches: `anymig plan` splits the files that need work into reviewable batches (grouped by
// package or directory, deterministic), `migrate --plan P --batch K` migrates one batch, and
// `status --plan P` shows progress. Progress lives in a state file beside the plan
// (plan.json -> plan.state.json), so later batches and `status` know what earlier ones did.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/pack.h"
#include "core/runner.h"

namespace anymig::tool {

using ojson = nlohmann::ordered_json;

struct PlanOptions {
    int batchSize = 20;              // files per batch
    std::optional<int> maxEdits;     // predicted edits per batch (a file above it gets a batch of its own)
    std::string groupBy = "package";  // "package" or "dir"
};

// The group a file belongs to: its directory ("dir"), or the outermost enclosing Python package
// (a chain of directories holding __init__.py) for "package"; files outside packages are grouped
// by directory. `rel` is relative to `baseDir`, with '/' separators; "." is the top level.
std::string groupOf(const std::string& rel, const std::string& baseDir, const std::string& groupBy);

// Builds the plan from a Check-mode run. Paths in the plan are relative to `planDir`.
// `runOptions` records the rule options the plan was made with. Deterministic: no dates, no
// absolute paths, sorted everywhere.
ojson buildPlan(const RunResult& check, const std::vector<std::string>& inputs, const PlanOptions& options,
                const std::string& planDir, const ojson& runOptions);

// A pack option's key in a plan's run_options: "target-x" -> "target_x".
std::string planKey(const PackOption& opt);

struct LoadedPlan {
    std::string path;       // the plan file
    std::string dir;        // its directory (plan paths are relative to it)
    std::string statePath;  // PLAN.state.json
    ojson plan;
    ojson state;
    std::string digest;     // of the plan file's bytes
};

// The state file that belongs to `planPath`.
std::string statePathFor(const std::string& planPath);
// Reads the plan and its state (a fresh state when there is none, or when it belongs to an
// earlier plan). Throws std::runtime_error naming the file on errors.
LoadedPlan loadPlan(const std::string& planPath);
// A fresh state for a plan: every batch pending, one history entry for the plan itself.
ojson freshState(const ojson& plan, const std::string& digest, const std::string& date);
void saveState(const LoadedPlan& p);

// The files of batch `k` (1-based), as paths usable from the current directory.
std::vector<std::string> batchFiles(const LoadedPlan& p, int k);
// Every file of the plan, in batch order.
std::vector<std::string> allPlanFiles(const LoadedPlan& p);
// The plan's inputs (the folders and files it was made from), as paths to give to discovery: the
// whole run a batch belongs to (its cross-module facts are built over every file under them).
std::vector<std::string> planInputs(const LoadedPlan& p);
// A path as batchFiles names files: relative to the current folder when inside it, else absolute.
std::string displayPath(const std::string& path);
// File (as returned by batchFiles) -> group name, for reports.
std::map<std::string, std::string> planGroups(const LoadedPlan& p);

// Counts the gate's sites (every diagnostic that is not suppressed) per file.
std::map<std::string, int> legacyCounts(const RunResult& result);

// Records a finished batch run in the state. Returns false (and leaves the state untouched)
// when the batch was already done and this run changed no file.
bool recordBatch(LoadedPlan& p, int k, const RunResult& migrated, int remainingTotal, const std::string& date);

// `status` output.
std::string statusText(const LoadedPlan& p, const std::map<std::string, int>& liveCounts);
ojson statusJson(const LoadedPlan& p, const std::map<std::string, int>& liveCounts);

}  // namespace anymig::tool
