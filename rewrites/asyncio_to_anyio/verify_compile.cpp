// `--verify-compile` for the pack (PackDescriptor::verifyCompile): compiles each changed file
// with `PYTHON -m py_compile FILE`, one process per file (posix_spawn); byte code goes to a
// temporary PYTHONPYCACHEPREFIX that is removed, so the project is not touched. Never throws:
// a missing interpreter is reported per file.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <string>
#include <vector>

#include "core/pack.h"

extern char** environ;

namespace anymig::asyncio_to_anyio {

namespace {

// Runs argv with stdout and stderr captured; returns the exit status (or -1 and the reason).
int runCaptured(const std::vector<std::string>& args, const std::vector<std::string>& extraEnv, std::string& output) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        output = std::string("pipe: ") + std::strerror(errno);
        return -1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> envStore;
    for (char** e = environ; *e; ++e) envStore.emplace_back(*e);
    for (const std::string& e : extraEnv) envStore.push_back(e);
    std::vector<char*> envp;
    for (std::string& e : envStore) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        output = "cannot run " + args[0] + ": " + std::strerror(rc);
        return -1;
    }
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n > 0) output.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) break;
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    output += "terminated by signal " + std::to_string(WTERMSIG(status));
    return -1;
}

}  // namespace

std::vector<CompileResult> verifyCompile(const std::vector<std::string>& files, const std::string& python) {
    std::vector<CompileResult> out;
    if (files.empty()) return out;
    // Byte code goes to a private cache directory, so compiling leaves no __pycache__ behind.
    std::string prefix;
    {
        std::error_code ec;
        std::string tmpl = (std::filesystem::temp_directory_path(ec) / "anymig-pycache-XXXXXX").string();
        if (::mkdtemp(tmpl.data())) prefix = tmpl;
    }
    // Isolated: -I (no user site, no PYTHON* variables, neither the working directory nor the
    // script's folder on sys.path, so a py_compile.py in the user's tree is never imported) and
    // -S (no site module: no site-packages, no .pth files run). Nothing from the tree executes.
    std::vector<std::string> env;
    std::vector<std::string> cmd{python, "-I", "-S"};
    if (!prefix.empty()) {
        cmd.push_back("-X");
        cmd.push_back("pycache_prefix=" + prefix);
    }
    cmd.push_back("-m");
    cmd.push_back("py_compile");
    for (const std::string& f : files) {
        CompileResult r;
        r.path = f;
        std::string output;
        std::vector<std::string> args = cmd;
        args.push_back(!f.empty() && f[0] == '-' ? "./" + f : f);  // never read as an option or stdin
        int code = runCaptured(args, env, output);
        r.ok = code == 0;
        while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
        r.output = output;
        out.push_back(std::move(r));
    }
    if (!prefix.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(prefix, ec);
    }
    return out;
}

}  // namespace anymig::asyncio_to_anyio
