// Readiness per module, for packs that declare it (PackDescriptor::readiness): after a run (or
// for the files as they are, in `check`), whether each module of the pack's language that used
// the legacy library is free of it now ("ready"), or still uses it, and why (the uses left). A
// module that imports the target library and still uses the legacy one is "partly migrated".
// The words (the check's flag, the summary's label, what a ready module does) are the pack's.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "core/pack.h"
#include "core/runner.h"
#include "reports/report.h"

namespace anymig::tool {

struct ModuleReadiness {
    enum class State { Ready, LegacyOnly, PartlyMigrated };
    std::string path;
    State state = State::Ready;
    std::vector<std::string> left;  // "pkg.create_task (line 12)", in order
};

// The packs that declare a readiness check.
std::vector<const PackDescriptor*> packsWithReadiness();

// `afterRun`: judge the result of the run (fixed sites are gone); else the files as they are
// (`check`: a fixable site is still a legacy use). Without `listUses`, `left` holds only a
// module's first use (enough for its state and a summary that lists no module).
std::vector<ModuleReadiness> readiness(const PackDescriptor& pack, const RunResult& result, bool afterRun,
                                       bool listUses = true);
// "<label>: 3 of 5 modules that used <legacy> <ready phrase> now; 2 modules use <legacy>
// (1 <legacy>-only, 1 partly migrated ...)", then up to `listAtMost` modules that are not ready.
void printReadinessSummary(std::ostream& out, const PackDescriptor& pack, const std::vector<ModuleReadiness>& modules,
                           bool afterRun, std::size_t listAtMost);
// The state's words: the pack's ready word, "<legacy>-only", "partly migrated".
std::string stateText(const PackDescriptor& pack, ModuleReadiness::State s);
// The report's "readiness": every module's state and uses left (after `migrate`, `afterRun`).
void addReadiness(reports::ReportMeta& meta, const PackDescriptor& pack, const RunResult& result, bool afterRun);
// One line per module that is not ready: "path: partly migrated: pkg.create_task (line 12), ...".
void printReadinessLine(std::ostream& out, const PackDescriptor& pack, const ModuleReadiness& m);

}  // namespace anymig::tool
