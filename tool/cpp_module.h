// The C/C++ front end is a separate module (libanymig-cpp.so, linked against LLVM and Clang):
// the binary loads it only when a run has C/C++ files or names a rule it does not know, so a
// run on Python files never maps LLVM.
#pragma once
#include <string>
#include <vector>

namespace anymig::tool {

// Whether `path` ends in one of the C/C++ front end's file name endings.
bool isCppPath(const std::string& path);

// Loads the module once (later calls return the first outcome); "" when it is loaded, else why
// not (not installed, or a version other than this binary's).
const std::string& loadCppModule();

// Whether the module is loaded.
bool cppModuleLoaded();

// Loads the module when `files` has a C/C++ file. When it cannot be loaded, takes the C/C++ files
// out of `files` and says once on stderr how many and why, so the rest of the run goes on.
void prepareFrontends(std::vector<std::string>& files);

}  // namespace anymig::tool
