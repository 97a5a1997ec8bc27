// Trio readiness per module: after a run (or for the files as they are, in `check`), whether
// each Python module that used asyncio runs on both anyio backends or stays asyncio-only, and
// why (the asyncio uses left). A module that imports anyio and still uses asyncio is "partly
// migrated".
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "core/runner.h"

namespace anymig::tool {

struct ModuleReadiness {
    enum class State { BothBackends, AsyncioOnly, PartlyMigrated };
    std::string path;
    State state = State::BothBackends;
    std::vector<std::string> left;  // "asyncio.create_task (line 12)", in order
};

// `afterRun`: judge the result of the run (fixed sites are gone); else the files as they are
// (`check`: a fixable site is still an asyncio use).
std::vector<ModuleReadiness> trioReadiness(const RunResult& result, bool afterRun);
const char* toString(ModuleReadiness::State s);
// "trio readiness: 3 of 5 modules that used asyncio run on both backends now; 2 modules use asyncio
// (1 asyncio-only, 1 partly migrated ...)", then up to `listAtMost` modules that are not ready.
void printReadinessSummary(std::ostream& out, const std::vector<ModuleReadiness>& modules, bool afterRun,
                           std::size_t listAtMost);
// One line per module that is not ready: "path: partly migrated: asyncio.create_task (line 12), ...".
void printReadinessLine(std::ostream& out, const ModuleReadiness& m);

}  // namespace anymig::tool
