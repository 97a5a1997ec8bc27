// The boost-thread-to-std pack: its rules (shared by the CLI's front end and the clang-tidy
// plugin) and its descriptor (the CLI only).
#pragma once
#include <vector>

#include "core/pack.h"

namespace anymig::cpp {
struct RuleEntry;
struct LegacyLibrary;
}

namespace anymig::boost_thread_to_std {

// The rules, in report order (rules.def).
const std::vector<cpp::RuleEntry>& rules();
// Boost as the C/C++ engine sees it: the namespace and the headers the pack migrates.
const cpp::LegacyLibrary& legacyLibrary();
// Everything the program knows of the pack: rules, front end, report words.
const PackDescriptor& descriptor();

}  // namespace anymig::boost_thread_to_std
