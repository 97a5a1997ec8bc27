// The anymig command line: migrate, check, rules.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

#include "core/discovery.h"
#include "core/runner.h"
#include "core/unified_diff.h"
#include "rewrites/asyncio_to_anyio/pack.h"
#include "tool/project.h"
#ifdef ANYMIG_WITH_CLANG
#include "matchers/cpp/register.h"
#endif

namespace {

using namespace anymig;

struct CommonOptions {
    std::vector<std::string> paths;
    std::vector<std::string> select, ignore, assumeTrue, assumeFalse, exclude;
    std::string targetAnyio, targetPython;
    unsigned jobs = 0;
    bool unsafeFixes = false;
    std::string compdb;                  // -p, for the C/C++ front end
    std::vector<std::string> extraArgs;  // after --, for the C/C++ front end
};

void addCommon(CLI::App* cmd, CommonOptions& o) {
    cmd->add_option("paths", o.paths, "Files and directories to process")->required();
    cmd->add_option("--select", o.select, "Only these rules (ids, names, categories or id prefixes)")->delimiter(',');
    cmd->add_option("--ignore", o.ignore, "Skip these rules (ids, names, categories or id prefixes)")->delimiter(',');
    cmd->add_option("--assume-true", o.assumeTrue, "Treat this flag (e.g. HAS_ANYIO) as always true")->delimiter(',');
    cmd->add_option("--assume-false", o.assumeFalse, "Treat this flag as always false")->delimiter(',');
    cmd->add_flag("--unsafe-fixes", o.unsafeFixes, "Also apply fixes documented as unsafe (see each rule's Fix safety)");
    cmd->add_option("--exclude", o.exclude, "Skip paths matching this glob (relative to the walked directory)");
    cmd->add_option("--target-anyio", o.targetAnyio,
                    "anyio version to target (default: from pyproject.toml's anyio>=X, else 4.0)");
    cmd->add_option("--target-python", o.targetPython,
                    "Python version to target (default: from pyproject.toml's requires-python, else 3.8)");
    cmd->add_option("-j,--jobs", o.jobs, "Worker threads (default: all cores)");
    cmd->add_option("-p", o.compdb, "C/C++: directory holding compile_commands.json");
}

bool colourOn(FILE* f) { return ::isatty(::fileno(f)) && !std::getenv("NO_COLOR"); }

std::string statusWord(const Diagnostic& d, bool check) {
    if (d.status == SiteStatus::Fixed) return check ? "fixable" : "fixed";
    return toString(d.status);
}

RunOptions makeRunOptions(const CommonOptions& o, RunMode mode) {
    RunOptions run;
    run.mode = mode;
    run.jobs = o.jobs;
    run.rules.select = o.select;
    run.rules.ignore = o.ignore;
    for (const auto& f : o.assumeTrue) run.settings.flags[f] = true;
    for (const auto& f : o.assumeFalse) run.settings.flags[f] = false;
    tool::ProjectFacts facts = tool::readProjectFacts(o.paths.empty() ? "." : o.paths.front());
    run.settings.values["target-anyio"] = !o.targetAnyio.empty() ? o.targetAnyio : facts.targetAnyio.value_or("4.0");
    run.settings.values["target-python"] =
        !o.targetPython.empty() ? o.targetPython : facts.targetPython.value_or("3.8");
    run.settings.values["compdb"] = o.compdb;
    if (o.unsafeFixes) run.settings.values["unsafe-fixes"] = "1";
    std::string joined;
    for (const auto& a : o.extraArgs) {
        if (!joined.empty()) joined += '\x1f';
        joined += a;
    }
    run.settings.values["cpp-args"] = joined;
    return run;
}

void validateRules(const CommonOptions& o) {
    for (const auto* list : {&o.select, &o.ignore})
        for (const std::string& key : *list) {
            bool known = key == "ALL" || key == "all";
            for (const Pack& p : PackRegistry::instance().packs())
                for (const RuleInfo* r : p.rules)
                    if (r->id == key || r->name == key || r->category == key ||
                        (key.size() >= 2 && r->id.substr(0, key.size()) == key))
                        known = true;
            if (!known) throw CLI::ValidationError("--select/--ignore", "unknown rule, category or prefix: " + key);
        }
}

std::vector<std::string> discover(const CommonOptions& o, int& errors) {
    DiscoveryOptions d;
    d.extensions = FrontendRegistry::instance().extensions();
    d.excludeGlobs = o.exclude;
    DiscoveryResult found = discoverFiles(o.paths, d);
    for (const std::string& e : found.errors) {
        std::cerr << "anymig: error: " << e << "\n";
        ++errors;
    }
    return found.files;
}

void printFileProblems(const RunResult& result) {
    for (const FileOutcome& f : result.files) {
        if (f.state == FileState::Error) std::cerr << "anymig: error: " << f.path << ": " << f.reason << "\n";
        else if (f.state == FileState::RefusedRewrite) std::cerr << "anymig: error: " << f.path << ": " << f.reason << "\n";
        else if (f.state == FileState::SkippedSyntaxError)
            std::cerr << "anymig: skipped " << f.path << ": " << f.reason << "\n";
    }
}

void printSite(const Diagnostic& d, bool check, bool colour) {
    const char* on = "";
    const char* off = colour ? "\033[0m" : "";
    if (colour)
        on = d.status == SiteStatus::Fixed ? "\033[32m" : d.status == SiteStatus::NoEquivalent ? "\033[31m" : "\033[33m";
    std::cout << d.path << ":" << d.begin.line << ":" << d.begin.column << ": " << on << d.ruleId << off << " ["
              << statusWord(d, check) << "] " << d.message << "\n";
}

void printSummary(const RunResult& result, RunMode mode, double seconds) {
    std::map<std::string, int> byRule, remainingByStatus;
    int changed = 0, skipped = 0, errors = 0, notParsed = 0, added = 0, removed = 0, remaining = 0, comments = 0,
        docstrings = 0;
    for (const FileOutcome& f : result.files) {
        if (f.state == FileState::Changed) ++changed;
        if (f.state == FileState::SkippedSyntaxError) ++skipped;
        if (f.state == FileState::Error || f.state == FileState::RefusedRewrite) ++errors;
        if (f.state == FileState::NotParsed) ++notParsed;
        added += f.linesAdded;
        removed += f.linesRemoved;
        comments += f.after.comments;
        docstrings += f.after.docstrings;
        for (const Diagnostic& d : f.diagnostics) {
            if (d.status == SiteStatus::Fixed) byRule[d.ruleId + " " + d.ruleName]++;
            else if (d.isLegacy()) {
                ++remaining;
                remainingByStatus[toString(d.status)]++;
            }
        }
    }
    std::ostream& out = std::cerr;
    out << "\nanymig summary" << (mode == RunMode::Diff ? " (--diff: nothing written)" : "") << "\n";
    out << "  files scanned:   " << result.files.size() << " (" << notParsed << " without legacy text, not parsed)\n";
    out << "  files changed:   " << changed << " (+" << added << " -" << removed << " lines)\n";
    out << "  files skipped:   " << skipped << " with syntax errors, " << errors << " with errors\n";
    out << "  edits by rule:\n";
    if (byRule.empty()) out << "    (none)\n";
    for (const auto& [rule, n] : byRule) out << "    " << rule << ": " << n << "\n";
    out << "  legacy sites remaining: " << remaining;
    if (!remainingByStatus.empty()) {
        out << " (";
        bool first = true;
        for (const auto& [s, n] : remainingByStatus) {
            out << (first ? "" : ", ") << n << " " << s;
            first = false;
        }
        out << ")";
    }
    out << "\n  asyncio mentions outside code: " << comments << " in comments, " << docstrings
        << " in strings/docstrings\n";
    out << "  time: " << static_cast<int>(seconds * 1000) << " ms\n";
}

int runMigrate(const CommonOptions& o, bool diffOnly) {
    validateRules(o);
    int errors = 0;
    auto files = discover(o, errors);
    RunOptions run = makeRunOptions(o, diffOnly ? RunMode::Diff : RunMode::Migrate);
    auto t0 = std::chrono::steady_clock::now();
    RunResult result = runFiles(files, run);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (diffOnly)
        for (const FileOutcome& f : result.files)
            if (f.state == FileState::Changed) std::cout << unifiedDiff(f.path, f.original, f.rewritten);
    printFileProblems(result);
    bool colour = colourOn(stdout);
    if (!diffOnly)
        for (const FileOutcome& f : result.files)
            for (const Diagnostic& d : f.diagnostics)
                if (d.isLegacy()) printSite(d, false, colour);
    printSummary(result, run.mode, secs);
    return (errors || result.hadErrors()) ? 1 : 0;
}

int runCheck(const CommonOptions& o) {
    validateRules(o);
    int errors = 0;
    auto files = discover(o, errors);
    RunOptions run = makeRunOptions(o, RunMode::Check);
    RunResult result = runFiles(files, run);
    printFileProblems(result);
    bool colour = colourOn(stdout);
    int sites = 0;
    for (const FileOutcome& f : result.files)
        for (const Diagnostic& d : f.diagnostics)
            if (d.isLegacy() || d.status == SiteStatus::Fixed) {
                printSite(d, true, colour);
                ++sites;
            }
    if (errors || result.hadErrors()) return 2;
    return sites ? 1 : 0;
}

int listRules() {
    for (const Pack& p : PackRegistry::instance().packs()) {
        std::cout << p.name << " (" << p.language << ")\n";
        for (const RuleInfo* r : p.rules)
            std::cout << "  " << r->id << "  " << r->name << "  [" << r->category << ", " << toString(r->safety)
                      << "]  " << r->summary << "\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    anymig::asyncio_to_anyio::registerPack();
#ifdef ANYMIG_WITH_CLANG
    anymig::registerCppFrontend();
#endif
    CLI::App app{"anymig: migrate a codebase from one async/concurrency backend to another"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("anymig ") + ANYMIG_VERSION);
    CommonOptions migrateOpts, checkOpts;
    bool diffOnly = false;
    auto* migrate = app.add_subcommand("migrate", "Rewrite files in place (or print a diff with --diff)");
    addCommon(migrate, migrateOpts);
    migrate->add_flag("--diff", diffOnly, "Print a unified diff and write nothing");
    auto* check = app.add_subcommand("check", "Report legacy sites; exit 1 while any remain");
    addCommon(check, checkOpts);
    auto* rules = app.add_subcommand("rules", "List the rules of every pack");
    (void)rules;
    // Arguments after `--` are compile flags for the C/C++ front end, as in clang tools.
    std::vector<std::string> extra;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--") {
            for (int k = i + 1; k < argc; ++k) extra.emplace_back(argv[k]);
            argc = i;
            break;
        }
    migrateOpts.extraArgs = checkOpts.extraArgs = extra;
    try {
        app.parse(argc, argv);
        if (migrate->parsed()) return runMigrate(migrateOpts, diffOnly);
        if (check->parsed()) return runCheck(checkOpts);
        return listRules();
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    } catch (const std::exception& e) {
        std::cerr << "anymig: error: " << e.what() << "\n";
        return 2;
    }
}
