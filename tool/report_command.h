// `anymig report REPORT.json... --format markdown|html [-o FILE]`: renders JSON reports
// written by `migrate --report` / `check --report`; several render as one project report.
#pragma once
#include <CLI/CLI.hpp>

namespace anymig::tool {

void addReportCommand(CLI::App& app);
bool reportCommandParsed();
// Exit codes: 0 written, 2 unreadable input, unsupported schema version or unwritable output.
int runReportCommand();

}  // namespace anymig::tool
