// Registers the C/C++ front end (Clang LibTooling) and the boost-thread-to-std pack.
#pragma once

namespace anymig {

void registerCppFrontend();

}  // namespace anymig
