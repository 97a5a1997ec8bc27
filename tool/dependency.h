// The project's targets in run summaries and reports, and `migrate --add-dependency`: both read
// the packs' dependency hooks (PackDescriptor::readDependencies / addDependency).
#pragma once
#include <ostream>

#include "core/runner.h"
#include "tool/common_options.h"

namespace anymig::tool {

// The packs whose language the run analysed a file of (their targets are worth a line).
std::vector<const PackDescriptor*> packsOfRun(const RunResult& result);
// "  targets: lib 4.2 (pyproject.toml [project] dependencies: "lib>=4.2"), python 3.8 (default)"
void printTargets(std::ostream& out, const CommonOptions& o, const RunResult& result);
// `--add-dependency`: adds `lib>=X` (the pack's dependencyOption's value) to the project's
// declaration when the run introduced an import of the target library that the file did not
// have, and the project does not declare the library yet. Prints what it did; returns the
// number of errors (a declaration it could not edit).
int addDependencies(const CommonOptions& o, const RunResult& result);

}  // namespace anymig::tool
