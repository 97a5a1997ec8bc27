// `anymig server`: the Language Server Protocol over standard input/output (JSON-RPC 2.0).
// Diagnostics on open/change/save, one code action per fixable site (labelled with its fix
// safety), "fix all safe sites in this file" and "apply every fix `migrate` would", all through
// the runner's own processText (same rules, same rounds, same re-parse refusal as `migrate`).
#pragma once
#include <CLI/CLI.hpp>
#include <iosfwd>

namespace anymig::tool {

void addServerCommand(CLI::App& app);
bool serverCommandParsed();
// Serves until `exit` (0 after `shutdown`, else 1) or the end of input.
int runServer(std::istream& in, std::ostream& out);

}  // namespace anymig::tool
