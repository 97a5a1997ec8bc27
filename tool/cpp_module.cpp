#include "tool/cpp_module.h"

#include <dlfcn.h>
#include <sys/auxv.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <utility>

#include "matchers/cpp/extensions.h"

#ifndef ANYMIG_CPP_MODULE_DIR
#define ANYMIG_CPP_MODULE_DIR "../lib/anymig"
#endif

namespace anymig::tool {

namespace {

constexpr const char* kModuleName = "libanymig-cpp.so";

// Where the module may be, in order: next to the binary (the build tree), then the install
// layout's library directory relative to the binary's directory (bin/ -> lib/.../anymig/).
// The binary's path: /proc/self/exe, else (no /proc, e.g. in a bare chroot) the path execve()
// was given (AT_EXECFN; relative to the working directory, which has not changed since).
std::filesystem::path executable() {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) return exe;
    const char* execfn = reinterpret_cast<const char*>(::getauxval(AT_EXECFN));
    if (!execfn || !*execfn) return {};
    exe = std::filesystem::weakly_canonical(std::filesystem::absolute(execfn, ec), ec);
    return ec ? std::filesystem::path() : exe;
}

std::vector<std::filesystem::path> candidates() {
    std::filesystem::path exe = executable();
    if (exe.empty()) return {};
    std::filesystem::path dir = exe.parent_path();
    return {dir / kModuleName, (dir / ANYMIG_CPP_MODULE_DIR / kModuleName).lexically_normal()};
}

bool& loaded() {
    static bool on = false;
    return on;
}

std::string load() {
    std::vector<std::filesystem::path> paths = candidates();
    for (const std::filesystem::path& p : paths) {
        std::error_code ec;
        if (!std::filesystem::exists(p, ec)) continue;
        void* handle = ::dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) return std::string("cannot load ") + p.string() + ": " + ::dlerror();
        auto version = reinterpret_cast<const char* (*)()>(::dlsym(handle, "anymig_cpp_module_version"));
        auto reg = reinterpret_cast<void (*)()>(::dlsym(handle, "anymig_cpp_module_register"));
        if (!version || !reg) return p.string() + " is not an anymig C/C++ module";
        if (std::strcmp(version(), ANYMIG_VERSION) != 0)
            return p.string() + " is version " + version() + ", this anymig is " + ANYMIG_VERSION;
        reg();
        loaded() = true;
        return "";
    }
    if (paths.empty()) return "the C/C++ front end cannot be located: the path of the anymig binary is unknown";
    std::string where;
    for (const std::filesystem::path& p : paths) where += (where.empty() ? "" : ", ") + p.string();
    return "the C/C++ front end is not installed (package anymig-cpp; looked for " + where + ")";
}

}  // namespace

bool isCppPath(const std::string& path) {
    return std::any_of(cpp::kExtensions.begin(), cpp::kExtensions.end(),
                       [&](std::string_view ext) { return path.ends_with(ext); });
}

const std::string& loadCppModule() {
    static const std::string why = load();
    return why;
}

bool cppModuleLoaded() { return loaded(); }

void prepareFrontends(std::vector<std::string>& files) {
    if (cppModuleLoaded() || std::none_of(files.begin(), files.end(), isCppPath)) return;
    const std::string& why = loadCppModule();
    if (why.empty()) return;
    auto cut = std::remove_if(files.begin(), files.end(), isCppPath);
    static bool said = false;
    if (!std::exchange(said, true))
        std::cerr << "anymig: note: " << (files.end() - cut) << " C/C++ file(s) left out: " << why << "\n";
    files.erase(cut, files.end());
}

}  // namespace anymig::tool
