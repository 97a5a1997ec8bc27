// anymig-cpp-driver: a small stand-alone driver of the C/C++ front end for the tests (and for
// trying the pack while the CLI is elsewhere): check | diff | migrate over files, with the
// same settings the CLI passes (compdb, compiler arguments, -D/-U assumptions).
//   anymig-cpp-driver check|diff|migrate [-p DIR] [-DMACRO] [-UMACRO] [--select X] [--ignore X] FILE... [-- FLAGS...]
#include <cstring>
#include <iostream>

#include "core/discovery.h"
#include "core/frontend.h"
#include "core/runner.h"
#include "core/unified_diff.h"
#include "rewrites/boost_thread_to_std/pack.h"

int main(int argc, char** argv) {
    using namespace anymig;
    registerPack(boost_thread_to_std::descriptor());
    if (argc < 2) {
        std::cerr << "usage: anymig-cpp-driver check|diff|migrate [-p DIR] [-DM] [-UM] FILE... [-- FLAGS]\n";
        return 2;
    }
    RunOptions opts;
    std::string mode = argv[1];
    opts.mode = mode == "migrate" ? RunMode::Migrate : mode == "diff" ? RunMode::Diff : RunMode::Check;
    std::vector<std::string> files;
    std::vector<std::string> extra;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--") {
            for (++i; i < argc; ++i) extra.emplace_back(argv[i]);
            break;
        }
        if (a == "-p" && i + 1 < argc) opts.settings.values["compdb"] = argv[++i];
        else if (a.rfind("-D", 0) == 0) opts.settings.flags[a.substr(2)] = true;
        else if (a.rfind("-U", 0) == 0) opts.settings.flags[a.substr(2)] = false;
        else if (a == "--select" && i + 1 < argc) opts.rules.select.push_back(argv[++i]);
        else if (a == "--ignore" && i + 1 < argc) opts.rules.ignore.push_back(argv[++i]);
        else if (a == "-j" && i + 1 < argc) opts.jobs = std::stoi(argv[++i]);
        else files.push_back(a);
    }
    opts.settings.lists[kCompilerArgsKey] = extra;
    DiscoveryOptions discovery;
    discovery.extensions = FrontendRegistry::instance().extensions();
    DiscoveryResult found = discoverFiles(files, discovery);
    for (const std::string& e : found.errors) std::cerr << e << "\n";
    RunResult result = runFiles(found.files, opts);
    int legacy = 0;
    for (const FileOutcome& f : result.files) {
        for (const Diagnostic& d : f.diagnostics) {
            std::cout << f.path << ":" << d.begin.line << ":" << d.begin.column << ": " << d.ruleId << " " << d.ruleName
                      << " [" << toString(d.status) << "] " << d.message << "\n";
            if (d.isLegacy()) ++legacy;
        }
        std::cout << f.path << ": " << toString(f.state) << (f.reason.empty() ? "" : " (" + f.reason + ")")
                  << " rounds=" << f.rounds << "\n";
        if (opts.mode == RunMode::Diff && f.state == FileState::Changed)
            std::cout << unifiedDiff(f.path, f.original, f.rewritten);
    }
    if (result.hadErrors()) return 2;
    return opts.mode == RunMode::Check && legacy ? 1 : 0;
}
