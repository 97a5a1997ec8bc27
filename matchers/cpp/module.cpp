// Entry points of libanymig-cpp.so, the C/C++ front end as a module the anymig binary loads
// with dlopen() only when a run has C/C++ files (tool/cpp_module.cpp), so the Python path never
// maps LLVM. The module's references to the core resolve against the binary's exported symbols.
#include "rewrites/boost_thread_to_std/pack.h"

extern "C" {

__attribute__((visibility("default"))) const char* anymig_cpp_module_version() { return ANYMIG_VERSION; }

__attribute__((visibility("default"))) void anymig_cpp_module_register() {
    anymig::registerPack(anymig::boost_thread_to_std::descriptor());
}
}
