// The C/C++ front end (Clang LibTooling), built for a pack's rules and front-end
// configuration (a pack's descriptor calls this; see core/pack.h).
#pragma once
#include <memory>
#include <vector>

#include "core/frontend.h"
#include "core/pack.h"

namespace anymig::cpp {

struct RuleEntry;
struct LegacyLibrary;
std::unique_ptr<Frontend> makeCppFrontend(const std::vector<RuleEntry>& rules, LegacyLibrary legacy, FrontendConfig config);

}  // namespace anymig::cpp
