// File name endings the C/C++ front end handles. A header of its own (no Clang includes) so
// the CLI can find C/C++ files, and decide to load the front-end module, without loading it.
#pragma once
#include <array>
#include <string_view>

namespace anymig::cpp {

inline constexpr std::array<std::string_view, 7> kExtensions = {".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp"};

}  // namespace anymig::cpp
