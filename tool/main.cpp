// The anymig command line: migrate, check, plan, status, rules.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "core/atomic_write.h"
#include "core/discovery.h"
#include "core/result_cache.h"
#include "core/safe_file.h"
#include "core/pack.h"
#include "core/runner.h"
#include "core/unified_diff.h"
#include "reports/report.h"
#include "rewrites/asyncio_to_anyio/pack.h"
#include "matchers/cpp/extensions.h"
#include "tool/dependency.h"
#include "tool/readiness.h"
#include "tool/check_output.h"
#include "tool/cli_support.h"
#include "tool/cpp_module.h"
#include "tool/common_options.h"
#include "tool/export_fixes.h"
#include "tool/gate.h"
#include "tool/plan.h"
#include "tool/progress.h"
#include "tool/project.h"
#include "tool/report_command.h"
#include "tool/server.h"
#include "tool/shard.h"
#include "tool/rules_command.h"

namespace {

using namespace anymig;

using tool::applyConfig;
using tool::CommonOptions;
using tool::makeRunOptions;

// Every registered pack's options become `--<name>` options of the command.
void addPackOptions(CLI::App* cmd, CommonOptions& o) {
    for (const PackDescriptor& pack : PackRegistry::instance().packs())
        for (const PackOption& opt : pack.options) {
            std::string name(opt.name), flag = "--" + name, help(opt.help);
            if (opt.kind == PackOption::Kind::Flag) cmd->add_flag(flag, o.packFlags[name], help);
            else if (opt.kind == PackOption::Kind::List)
                cmd->add_option(flag, o.packLists[name], help)->delimiter(',');
            else cmd->add_option(flag, o.packText[name], help);
        }
}

void addCommon(CLI::App* cmd, CommonOptions& o) {
    cmd->add_option("paths", o.paths, "Files and directories to process");
    cmd->add_option("--select", o.select, "Only these rules (ids, names, categories or id prefixes)")->delimiter(',')->allow_extra_args(false);
    cmd->add_option("--ignore", o.ignore, "Skip these rules (ids, names, categories or id prefixes)")->delimiter(',')->allow_extra_args(false);
    cmd->add_option("--assume-true", o.assumeTrue, "Treat this flag (e.g. HAS_X) as always true")->delimiter(',')->allow_extra_args(false);
    cmd->add_option("--assume-false", o.assumeFalse, "Treat this flag as always false")->delimiter(',')->allow_extra_args(false);
    cmd->add_flag("--unsafe-fixes", o.unsafeFixes, "Also apply fixes documented as unsafe (see each rule's Fix safety)");
    cmd->add_flag("--fix-broken-files", o.fixBrokenFiles,
                  "Also edit files that have syntax errors: only top-level statements without errors, written only "
                  "if the errors after are exactly the ones before");
    cmd->add_option("--exclude", o.exclude, "Skip paths matching this glob (relative to the walked directory)")->allow_extra_args(false);
    addPackOptions(cmd, o);
    cmd->add_option("-j,--jobs", o.jobs, "Worker threads (default: all cores)");
    cmd->add_option("-p", o.compdb, "C/C++: directory holding compile_commands.json");
    cmd->add_flag("--no-progress", o.noProgress, "Never draw the progress bar");
    cmd->add_option("--shard", o.shardText,
                    "Process only part K of N (size-balanced, deterministic); merge the --report files with "
                    "`anymig report --merge`");
    cmd->add_flag("--no-cache", o.noCache,
                  "Neither read nor write the result cache (.anymig_cache/ in the project; ANYMIG_CACHE_DIR overrides)");
}


void requirePaths(const CommonOptions& o) {
    if (o.paths.empty()) throw CLI::ValidationError("paths", "no files or directories given");
}

bool colourOn(FILE* f) { return ::isatty(::fileno(f)) && !std::getenv("NO_COLOR"); }

std::string statusWord(const Diagnostic& d, bool check) {
    if (d.status == SiteStatus::Fixed) return check ? "fixable" : "fixed";
    return toString(d.status);
}


// Whether a loaded pack has a rule with this id, name or category, or an id starting with it.
bool ruleKeyKnown(const std::string& key) {
    for (const PackDescriptor& p : PackRegistry::instance().packs())
        for (const RuleInfo* r : p.rules)
            if (r->id == key || r->name == key || r->category == key ||
                (key.size() >= 2 && r->id.substr(0, key.size()) == key))
                return true;
    return false;
}

// As ruleKeyKnown, loading the C/C++ front end's pack first when the loaded packs lack the key.
bool ruleKeyKnownLoading(const std::string& key) {
    if (key == "ALL" || key == "all" || ruleKeyKnown(key)) return true;
    return !tool::cppModuleLoaded() && tool::loadCppModule().empty() && ruleKeyKnown(key);
}

void parseShardOption(CommonOptions& o) {
    if (o.shardText.empty()) return;
    try {
        o.shard = tool::parseShard(o.shardText);
    } catch (const std::invalid_argument& e) {
        throw CLI::ValidationError("--shard", e.what());
    }
}

void validateRules(const CommonOptions& o) {
    for (const auto* list : {&o.select, &o.ignore})
        for (const std::string& key : *list)
            if (!ruleKeyKnownLoading(key))
                throw CLI::ValidationError("--select/--ignore", "unknown rule, category or prefix: " + key);
}

DiscoveryOptions discoveryOptions(const CommonOptions& o) {
    DiscoveryOptions d;
    d.extensions = FrontendRegistry::instance().extensions();
    if (!tool::cppModuleLoaded())  // C/C++ files load the front end when the run reaches them
        d.extensions.insert(d.extensions.end(), cpp::kExtensions.begin(), cpp::kExtensions.end());
    d.excludeGlobs = o.exclude;
    return d;
}

// `sweep`: remove the temporary files an interrupted run left (migrate); otherwise only name them.
// `whole`: set to every file of the run before --shard selects this shard's (the cross-module facts
// of a shard are built over all of them: RunOptions::runPaths).
std::vector<std::string> discover(const CommonOptions& o, int& errors, bool sweep = false,
                                  std::vector<std::string>* whole = nullptr) {
    DiscoveryResult found = discoverFiles(o.paths, discoveryOptions(o));
    for (const std::string& e : found.errors) {
        std::cerr << "anymig: error: " << e << "\n";
        ++errors;
    }
    if (sweep)
        for (const std::string& m : sweepStaleTemporaries(found.temporaries)) std::cerr << "anymig: " << m << "\n";
    else
        for (const std::string& t : found.temporaries)
            std::cerr << "anymig: note: " << t << " is an anymig temporary file (removed by the next migrate once "
                      << "the run that wrote it has ended)\n";
    std::vector<std::string> all = tool::excludeByGlobs(found.files, o.configExclude, o.projectDir);
    if (whole && o.shard) *whole = all;
    return tool::selectShard(all, o.shard);
}

void printFileProblems(const RunResult& result) {
    for (const FileOutcome& f : result.files) {
        if (f.state == FileState::Error || f.state == FileState::RefusedRewrite)
            std::cerr << "anymig: error: " << f.path << ": " << f.reason << "\n";
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

void printSummary(const CommonOptions& o, const RunResult& result, RunMode mode, double seconds) {
    std::map<std::string, int> byRule, remainingByStatus;
    int changed = 0, skipped = 0, errors = 0, notParsed = 0, added = 0, removed = 0, remaining = 0, comments = 0,
        docstrings = 0;
    std::vector<std::string> aroundErrors;
    for (const FileOutcome& f : result.files) {
        if (f.state == FileState::Changed) ++changed;
        if (f.editedAroundSyntaxErrors) aroundErrors.push_back(f.path);
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
    tool::printTargets(out, o, result);
    out << "  files scanned:   " << result.files.size() << " (" << notParsed << " without legacy text, not parsed)\n";
    out << "  files changed:   " << changed << " (+" << added << " -" << removed << " lines)\n";
    out << "  files skipped:   " << skipped << " with syntax errors, " << errors << " with errors\n";
    if (!aroundErrors.empty()) {
        out << "  files with syntax errors, edited around them (--fix-broken-files): " << aroundErrors.size() << "\n";
        for (const std::string& p : aroundErrors) out << "    " << p << "\n";
    }
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
    out << "\n  legacy-library mentions outside code: " << comments << " in comments, " << docstrings
        << " in strings/docstrings\n";
    for (const PackDescriptor* pack : tool::packsWithReadiness())
        tool::printReadinessSummary(out, *pack, tool::readiness(*pack, result, true), true, 10);
    out << "  time: " << static_cast<int>(seconds * 1000) << " ms\n";
}

// The rule options a plan was made with; `migrate --plan` and `status` use them where the
// command line leaves an option unset.
tool::ojson planRunOptions(const CommonOptions& o, const RunOptions& run) {
    tool::ojson j;
    j["select"] = o.select;
    j["ignore"] = o.ignore;
    j["assume_true"] = o.assumeTrue;
    j["assume_false"] = o.assumeFalse;
    for (const PackDescriptor& pack : PackRegistry::instance().packs())
        for (const PackOption& opt : pack.options) {
            std::string name(opt.name), key = tool::planKey(opt);
            if (opt.kind == PackOption::Kind::Flag) j[key] = o.packFlags.count(name) && o.packFlags.at(name);
            else if (opt.kind == PackOption::Kind::List)
                j[key] = o.packLists.count(name) ? o.packLists.at(name) : std::vector<std::string>{};
            else j[key] = run.settings.get(opt);
        }
    j["unsafe_fixes"] = o.unsafeFixes;
    return j;
}

void applyPlanRunOptions(CommonOptions& o, const tool::ojson& j) {
    if (!j.is_object()) return;
    auto fill = [&](std::vector<std::string>& v, const char* key) {
        if (v.empty() && j.contains(key)) v = j[key].get<std::vector<std::string>>();
    };
    fill(o.select, "select");
    fill(o.ignore, "ignore");
    fill(o.assumeTrue, "assume_true");
    fill(o.assumeFalse, "assume_false");
    for (const PackDescriptor& pack : PackRegistry::instance().packs())
        for (const PackOption& opt : pack.options) {
            std::string name(opt.name), key = tool::planKey(opt);
            if (!j.contains(key)) continue;
            if (opt.kind == PackOption::Kind::Flag) o.packFlags[name] = o.packFlags[name] || j[key].get<bool>();
            else if (opt.kind == PackOption::Kind::List) fill(o.packLists[name], key.c_str());
            else if (o.packText[name].empty()) {
                o.packText[name] = j.value(key, "");
                o.packTextFrom[name] = "the plan's run options";
            }
        }
    o.unsafeFixes = o.unsafeFixes || j.value("unsafe_fixes", false);
}

void validatePerFileIgnores(const CommonOptions& o) {
    for (const auto& [glob, rules] : o.perFileIgnores)
        for (const std::string& key : rules)
            if (!ruleKeyKnownLoading(key))
                throw std::runtime_error(o.facts.pyprojectPath + ": [tool.anymig] per-file-ignores." + glob +
                                             ": unknown rule, category or prefix: " + key);
}

void writeOutput(const std::string& path, const std::string& text) {
    if (path.empty() || path == "-") {
        std::cout << text;
        return;
    }
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    std::string why = writeFileAtomically(path, text);
    if (!why.empty()) throw std::runtime_error("cannot write " + path + ": " + why);
}

// The pack a report is about: the one whose front end analysed most of the run's files (a
// file skipped for holding no trigger word counts for nobody), else the first registered.
const PackDescriptor& reportedPack(const RunResult& result) {
    const auto& packs = PackRegistry::instance().packs();
    std::map<std::string_view, int> analysed;
    for (const FileOutcome& f : result.files)
        if (const Frontend* fe = FrontendRegistry::instance().forPath(f.path))
            analysed[fe->name()] += f.state == FileState::NotParsed ? 0 : 1;
    const PackDescriptor* best = &packs.front();
    int most = -1;
    for (const PackDescriptor& p : packs) {
        auto it = analysed.find(p.language);
        if (it != analysed.end() && it->second > most) best = &p, most = it->second;
    }
    return *best;
}

void writeReport(const CommonOptions& o, const RunResult& result, const std::string& command, bool wrote,
                 const std::optional<int>& batch, const std::map<std::string, std::string>& groups,
                 const std::string& baseDir, std::vector<Diagnostic> outsideBatch) {
    reports::ReportMeta meta;
    const PackDescriptor& pack = reportedPack(result);
    reports::describePack(meta, pack);
    meta.toolVersion = ANYMIG_VERSION;
    meta.packVersion = ANYMIG_VERSION;
    meta.command = command;
    meta.wroteFiles = wrote;
    if (batch) meta.batchId = std::to_string(*batch);
    meta.date = tool::isoNow();
    meta.roots = o.paths;
    meta.groups = groups;
    meta.baseDir = baseDir;
    meta.outsideBatch = std::move(outsideBatch);
    for (const tool::TargetLine& t : tool::targetLines(o, pack)) meta.targets.push_back({t.option, t.name, t.value, t.source});
    tool::addReadiness(meta, pack, result, command == "migrate");
    if (!o.verifyCompile.empty() && wrote && pack.verifyCompile) {
        std::vector<std::string> changed;
        for (const FileOutcome& f : result.files)
            if (f.state == FileState::Changed) changed.push_back(f.path);
        meta.compile = pack.verifyCompile(changed, o.verifyCompile);
        meta.compilePython = o.verifyCompile;
    }
    nlohmann::json report = reports::buildReport(result, meta);
    if (o.shard) report["shard"] = tool::shardSection(o.shard, result, meta);
    writeOutput(o.report, report.dump(2) + "\n");
}

// One run over the inputs, with per-file ignores and a progress bar on a terminal.
// The result cache is used here only: by the runs whose outcome is the command's output.
RunResult runOverFiles(const CommonOptions& o, const std::vector<std::string>& files, RunOptions run) {
    tool::ProgressBar bar(!o.noProgress && tool::ProgressBar::wanted());
    std::optional<ResultCache> cache;
    if (!o.noCache) {
        const char* env = std::getenv("ANYMIG_CACHE_DIR");
        std::string dir = env && *env ? env : (std::filesystem::path(o.projectDir) / ".anymig_cache").string();
        cache.emplace(dir, ANYMIG_VERSION);
        run.cache = &*cache;
    }
    RunResult result = tool::runWithPerFileIgnores(files, run, o.perFileIgnores, o.projectDir, &bar);
    if (cache) {
        if (std::string why = cache->save(); !why.empty())
            std::cerr << "anymig: warning: the result cache was not saved: " << why << "\n";
        if (std::getenv("ANYMIG_CACHE_STATS"))
            std::cerr << "anymig: cache " << cache->directory() << ": " << cache->hits() << " hits, " << cache->misses()
                      << " misses\n";
    }
    return result;
}

// The whole run a plan's batch belongs to: every file under the plan's inputs as it is on disk now
// (earlier batches migrated, later ones not yet; files that needed no work included), and the
// given files. The batch's cross-module facts (RunOptions::runPaths) are built over all of them, so
// a shield, timeout or Event that another batch's module makes unsafe is refused as in one run.
std::vector<std::string> planRun(const CommonOptions& o, const tool::LoadedPlan& plan,
                                 const std::vector<std::string>& files) {
    // Quietly: an input gone since the plan was made is reported by the batch's files themselves.
    DiscoveryResult found = discoverFiles(tool::planInputs(plan), discoveryOptions(o));
    std::vector<std::string> run;
    std::set<std::string> seen;
    for (const std::string& f : tool::excludeByGlobs(found.files, o.configExclude, o.projectDir))
        if (seen.insert(tool::displayPath(f)).second) run.push_back(tool::displayPath(f));
    for (const std::string& f : files)
        if (seen.insert(f).second) run.push_back(f);
    return run;
}

int runMigrate(CommonOptions& o, bool diffOnly, const std::string& planPath, int batch) {
    FileLock planLock;
    std::optional<tool::LoadedPlan> plan;
    std::vector<std::string> files, wholeRun;
    int errors = 0;
    parseShardOption(o);
    if (!planPath.empty()) {
        if (batch < 1) throw CLI::ValidationError("--plan", "--plan needs --batch K (1-based)");
        if (!o.paths.empty()) throw CLI::ValidationError("paths", "give either paths or --plan, not both");
        if (!o.shardText.empty()) throw CLI::ValidationError("--shard", "--shard splits a run over paths, not a plan's batch");
        // One run at a time per plan: its state file records the batches.
        if (std::string why; !planLock.tryLock(planPath, why)) throw std::runtime_error(why);
        plan = tool::loadPlan(planPath);
        applyPlanRunOptions(o, plan->plan["run_options"]);
        o.paths = {plan->dir};
        applyConfig(o);
        files = tool::batchFiles(*plan, batch);
        wholeRun = planRun(o, *plan, files);
    } else {
        if (batch > 0) throw CLI::ValidationError("--batch", "--batch needs --plan PLAN");
        requirePaths(o);
        applyConfig(o);
        files = discover(o, errors, !diffOnly, &wholeRun);
    }
    validateRules(o);
    validatePerFileIgnores(o);
    RunOptions run = makeRunOptions(o, diffOnly ? RunMode::Diff : RunMode::Migrate);
    run.runPaths = wholeRun;
    // A batch writes its files now and the others later, or never: a shield or timeout it migrates
    // must be right with the other files as they are on disk (a --shard is a part of one run).
    if (plan) run.settings.values[kMigratedOnlyKey] = joinRunFiles(files);
    auto t0 = std::chrono::steady_clock::now();
    RunResult result = runOverFiles(o, files, run);
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
    printSummary(o, result, run.mode, secs);
    if (o.addDependency && !diffOnly) errors += tool::addDependencies(o, result);
    if (!o.exportFixes.empty()) writeOutput(o.exportFixes, tool::exportFixesYaml(result));

    std::map<std::string, std::string> groups;
    std::vector<Diagnostic> outside;
    if (plan) {
        // Where the whole plan stands now, for the state's history and the report.
        std::vector<std::string> all = tool::allPlanFiles(*plan);
        RunOptions nowRun = makeRunOptions(o, RunMode::Check);
        nowRun.runPaths = planRun(o, *plan, all);
        RunResult now = tool::runWithPerFileIgnores(all, nowRun, o.perFileIgnores, o.projectDir, nullptr);
        std::set<std::string> mine(files.begin(), files.end());
        int total = 0;
        for (const auto& [path, n] : tool::legacyCounts(now)) total += n;
        for (const FileOutcome& f : now.files)
            if (!mine.count(f.path))
                for (const Diagnostic& d : f.diagnostics)
                    if (d.status != SiteStatus::Suppressed) outside.push_back(d);
        groups = tool::planGroups(*plan);
        std::size_t nBatches = plan->plan["batches"].size();
        if (diffOnly) {
            std::cerr << "batch " << batch << "/" << nBatches << ": --diff, nothing recorded\n";
        } else if (tool::recordBatch(*plan, batch, result, total, tool::isoNow())) {
            tool::saveState(*plan);
            const auto& b = plan->state["batches"][static_cast<std::size_t>(batch - 1)];
            std::cerr << "batch " << batch << "/" << nBatches << " " << b["status"].get<std::string>() << ": "
                      << b["files_changed"].size() << " files migrated; legacy sites remaining in the plan: " << total
                      << " (progress in " << plan->statePath << ")\n";
        } else {
            std::cerr << "batch " << batch << "/" << nBatches << " was already migrated ("
                      << plan->state["batches"][static_cast<std::size_t>(batch - 1)]["date"].get<std::string>()
                      << "); nothing changed\n";
        }
        for (std::size_t k = 1; k < static_cast<std::size_t>(batch); ++k)
            if (plan->state["batches"][k - 1].value("status", "pending") != "done")
                std::cerr << "note: earlier batch " << k << " is " << plan->state["batches"][k - 1]["status"].get<std::string>()
                          << "\n";
    }
    if (!o.report.empty())
        writeReport(o, result, "migrate", !diffOnly, plan ? std::optional<int>(batch) : std::nullopt, groups,
                    plan ? plan->dir : o.projectDir, std::move(outside));
    return (errors || result.hadErrors()) ? 1 : 0;
}

struct CheckCli {
    std::string format = "text";
    std::string output;
    std::string baseline;
    bool updateBaseline = false;
    std::map<std::string, bool> readiness;  // a pack's readiness flag (`--<flag>`) -> given
};

// `check --<flag>` of a pack's readiness check: one line per module that used the legacy
// library, as the files are now; exit 1 while any of them is not ready.
int runReadinessCheck(const PackDescriptor& pack, const RunResult& result, int errors) {
    bool notReady = false;
    for (const tool::ModuleReadiness& m : tool::readiness(pack, result, false)) {
        tool::printReadinessLine(std::cout, pack, m);
        notReady = notReady || m.state != tool::ModuleReadiness::State::Ready;
    }
    if (errors || result.hadErrors()) return 2;
    return notReady ? 1 : 0;
}

int runCheck(CommonOptions& o, CheckCli& c) {
    requirePaths(o);
    applyConfig(o);
    validateRules(o);
    parseShardOption(o);
    validatePerFileIgnores(o);
    if (c.baseline.empty() && o.facts.config.baseline) {
        // The configuration names a baseline inside the project only: it is read, and written
        // by --update-baseline, so a checked-in pyproject.toml must not point anywhere else.
        namespace fs = std::filesystem;
        fs::path project = fs::absolute(o.projectDir).lexically_normal();
        fs::path file = (project / *o.facts.config.baseline).lexically_normal();
        fs::path inside = file.lexically_relative(project);
        if (fs::path(*o.facts.config.baseline).is_absolute() || inside.empty() || *inside.begin() == "..")
            throw CLI::ValidationError("baseline", "[tool.anymig] baseline = \"" + *o.facts.config.baseline +
                                                       "\" is outside the project folder " + project.string());
        c.baseline = (std::filesystem::path(o.projectDir) / *o.facts.config.baseline).string();
    }
    if (c.updateBaseline && c.baseline.empty())
        throw CLI::ValidationError("--update-baseline", "needs --baseline FILE (or baseline in [tool.anymig])");
    int errors = 0;
    std::vector<std::string> wholeRun;
    auto files = discover(o, errors, false, &wholeRun);
    RunOptions run = makeRunOptions(o, RunMode::Check);
    run.runPaths = wholeRun;
    // The lines fingerprints, SARIF columns and unused suppressions read, kept from the files as
    // the run read them (or their cache entries): no file is read again.
    run.keepSiteLines = true;
    // The run's outcomes and the findings over them live until the process ends, on purpose
    // (reachable from these pointers, so no leak checker reports them): a check ends right
    // after printing, and freeing 82 K diagnostics' strings one by one was a measurable part of
    // a warm check.
    static RunResult* const kept = new RunResult(runOverFiles(o, files, run));
    RunResult& result = *kept;
    printFileProblems(result);
    for (const PackDescriptor* pack : tool::packsWithReadiness())
        if (c.readiness[std::string(pack->readiness.flag)]) return runReadinessCheck(*pack, result, errors);

    static tool::CheckFindings* const findings = new tool::CheckFindings;
    tool::CheckFindings& f = *findings;
    f.result = &result;
    f.toolVersion = ANYMIG_VERSION;
    f.root = tool::repositoryRoot(".");
    f.sites = tool::gateSites(result);
    auto enabled = [&](const std::string& key) {
        const RuleInfo* r = PackRegistry::instance().findRule(key);
        return !r || run.rules.enabled(*r);
    };
    for (const FileOutcome& fo : result.files) {
        for (const Diagnostic& d : fo.diagnostics)
            if (d.status == SiteStatus::Suppressed) f.suppressed.push_back(&d);
        auto u = tool::unusedSuppressions(fo.path, fo.siteLines, fo.diagnostics, enabled);
        f.unused.insert(f.unused.end(), u.begin(), u.end());
    }
    std::stable_sort(f.suppressed.begin(), f.suppressed.end(), [](const Diagnostic* a, const Diagnostic* b) {
        return std::tie(a->path, a->begin.line, a->begin.column) < std::tie(b->path, b->begin.line, b->begin.column);
    });
    if (!c.baseline.empty()) {
        f.baseline = c.baseline;
        if (c.updateBaseline) {
            tool::Baseline::save(c.baseline, f.sites);
            for (auto& s : f.sites) s.baselined = true;
            std::cerr << "anymig: wrote baseline " << c.baseline << " (" << f.sites.size() << " sites)\n";
        } else {
            tool::Baseline::load(c.baseline).apply(f.sites);
        }
    }
    std::string out;
    if (c.format == "json") out = tool::renderJson(f);
    else if (c.format == "sarif") out = tool::renderSarif(f);
    else if (c.format == "github") out = tool::renderGithub(f);
    else out = tool::renderText(f, c.output.empty() && colourOn(stdout));
    writeOutput(c.output, out);
    if (c.format == "text") {
        std::size_t fresh = f.newSites();
        std::cerr << "anymig check: " << f.sites.size() << " legacy sites";
        if (f.baseline) std::cerr << " (" << fresh << " new, " << f.sites.size() - fresh << " in the baseline)";
        std::cerr << ", " << f.suppressed.size() << " suppressed, " << f.unused.size() << " unused suppressions\n";
        tool::printTargets(std::cerr, o, result);
        for (const PackDescriptor* pack : tool::packsWithReadiness())
            tool::printReadinessSummary(std::cerr, *pack, tool::readiness(*pack, result, false, false), false, 0);
    }
    if (!o.exportFixes.empty()) {
        // The fixes as `migrate` would make them: a Diff-mode run over the files with fixable sites.
        std::vector<std::string> fixable;
        for (const FileOutcome& fo : result.files)
            if (std::any_of(fo.diagnostics.begin(), fo.diagnostics.end(),
                            [](const Diagnostic& d) { return d.status == SiteStatus::Fixed; }))
                fixable.push_back(fo.path);
        RunResult diff = tool::runWithPerFileIgnores(fixable, makeRunOptions(o, RunMode::Diff), o.perFileIgnores,
                                                     o.projectDir, nullptr);
        writeOutput(o.exportFixes, tool::exportFixesYaml(diff));
    }
    if (!o.report.empty()) writeReport(o, result, "check", false, std::nullopt, {}, o.projectDir, {});
    if (errors || result.hadErrors()) return 2;
    return f.newSites() ? 1 : 0;
}

struct PlanCli {
    std::optional<int> batchSize, maxEdits;
    std::string groupBy;
    std::string output;
};

int runPlan(CommonOptions& o, PlanCli& pc) {
    requirePaths(o);
    applyConfig(o);
    validateRules(o);
    parseShardOption(o);
    validatePerFileIgnores(o);
    const tool::ToolConfig& cfg = o.facts.config;
    tool::PlanOptions po;
    po.batchSize = pc.batchSize.value_or(cfg.batchSize.value_or(20));
    po.maxEdits = pc.maxEdits ? pc.maxEdits : cfg.maxEdits;
    po.groupBy = !pc.groupBy.empty() ? pc.groupBy : cfg.groupBy.value_or("package");
    int errors = 0;
    std::vector<std::string> wholeRun;
    auto files = discover(o, errors, false, &wholeRun);
    RunOptions run = makeRunOptions(o, RunMode::Check);
    run.runPaths = wholeRun;
    RunResult result = runOverFiles(o, files, run);
    printFileProblems(result);
    std::error_code ec;
    std::string planDir = std::filesystem::absolute(pc.output, ec).lexically_normal().parent_path().string();
    tool::ojson plan = tool::buildPlan(result, o.paths, po, planDir, planRunOptions(o, run));
    std::string text = plan.dump(2) + "\n";
    writeOutput(pc.output, text);
    // A state file that belongs to exactly this plan keeps its progress; any other is replaced.
    std::string statePath = tool::statePathFor(pc.output);
    std::string digest = tool::fnv1aHex(text), old, why;
    bool keep = false;
    if (readFile(statePath, old, why)) {
        try {
            keep = tool::ojson::parse(old).value("plan_digest", "") == digest;
        } catch (const std::exception&) {
        }
        if (!keep) std::cerr << "anymig: the plan changed: progress in " << statePath << " starts afresh\n";
    }
    if (!keep) {
        why = writeFileAtomically(statePath, tool::freshState(plan, digest, tool::isoNow()).dump(2) + "\n");
        if (!why.empty()) throw std::runtime_error("cannot write " + statePath + ": " + why);
    }
    const auto& s = plan["summary"];
    std::cerr << "wrote " << pc.output << ": " << s["batches"].get<int>() << " batches, " << s["files_planned"].get<int>()
              << " of " << s["files_scanned"].get<int>() << " files need work (" << s["predicted_edits"].get<int>()
              << " predicted edits, " << s["review_sites"].get<int>() << " sites to review, "
              << s["files_skipped"].get<int>() << " skipped with syntax errors or read errors)\n";
    for (const auto& b : plan["batches"]) {
        std::string groupsList;
        for (const auto& g : b["groups"]) groupsList += (groupsList.empty() ? "" : ", ") + g.get<std::string>();
        std::cerr << "  batch " << b["id"].get<int>() << ": " << b["files"].size() << " files, "
                  << b["predicted_edits_total"].get<int>() << " edits, " << b["review"].size() << " to review  ["
                  << groupsList << "]\n";
    }
    return (errors || result.hadErrors()) ? 2 : 0;
}

int runStatus(const std::string& planPath, const std::string& format) {
    tool::LoadedPlan plan = tool::loadPlan(planPath);
    CommonOptions o;
    applyPlanRunOptions(o, plan.plan["run_options"]);
    o.paths = {plan.dir};
    applyConfig(o);
    std::vector<std::string> all = tool::allPlanFiles(plan);
    RunOptions run = makeRunOptions(o, RunMode::Check);
    run.runPaths = planRun(o, plan, all);
    RunResult now = tool::runWithPerFileIgnores(all, run, o.perFileIgnores, o.projectDir, nullptr);
    std::map<std::string, int> live = tool::legacyCounts(now);
    if (format == "json") std::cout << tool::statusJson(plan, live).dump(2) << "\n";
    else std::cout << tool::statusText(plan, live);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    anymig::registerPack(anymig::asyncio_to_anyio::descriptor());
    CLI::App app{"anymig: migrate a codebase from one async/concurrency backend to another"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("anymig ") + ANYMIG_VERSION);
    CommonOptions migrateOpts, checkOpts, planOpts;
    bool diffOnly = false;
    std::string planPath, statusPlan, statusFormat = "text";
    int batch = 0;
    auto* migrate = app.add_subcommand("migrate", "Rewrite files in place (or print a diff with --diff)");
    addCommon(migrate, migrateOpts);
    migrate->add_flag("--diff", diffOnly, "Print a unified diff and write nothing");
    migrate->add_option("--plan", planPath, "Migrate one batch of this plan (with --batch)");
    migrate->add_option("--batch", batch, "The batch to migrate (1-based)")->check(CLI::PositiveNumber);
    migrate->add_option("--export-fixes", migrateOpts.exportFixes,
                        "Also write the edits as a clang-apply-replacements YAML file");
    migrate->add_option("--report", migrateOpts.report, "Write the JSON report of this run to FILE");
    migrate->add_flag("--add-dependency", migrateOpts.addDependency,
                      "When the run introduced imports of the target library, add `lib>=X` (X = the target version) to "
                      "the project's dependencies (pyproject.toml or requirements.txt), unless it is declared");
    migrate->add_flag("--verify-compile{python3}", migrateOpts.verifyCompile,
                      "With --report: compile each changed file with this Python (default python3)");

    CheckCli checkCli;
    auto* check = app.add_subcommand("check", "Report legacy sites; exit 1 while any remain (0 none, 2 error)");
    addCommon(check, checkOpts);
    check->add_option("--format", checkCli.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
    check->add_option("-o,--output", checkCli.output, "Write the findings to FILE instead of stdout");
    check->add_option("--baseline", checkCli.baseline, "Fail only on sites not in this baseline file");
    check->add_flag("--update-baseline", checkCli.updateBaseline, "Write every current site to the baseline file");
    for (const PackDescriptor* pack : tool::packsWithReadiness()) {
        std::string flag(pack->readiness.flag);
        check->add_flag("--" + flag, checkCli.readiness[flag], std::string(pack->readiness.help));
    }
    check->add_option("--export-fixes", checkOpts.exportFixes,
                      "Write the available fixes as a clang-apply-replacements YAML file");
    check->add_option("--report", checkOpts.report, "Write the JSON report of this run to FILE");

    PlanCli planCli;
    auto* plan = app.add_subcommand("plan", "Split the files that need work into reviewable batches");
    addCommon(plan, planOpts);
    plan->add_option("--batch-size", planCli.batchSize, "Files per batch (default: batch-size in [tool.anymig], else 20)")
        ->check(CLI::PositiveNumber);
    plan->add_option("--max-edits", planCli.maxEdits, "Predicted edits per batch (a file above it gets its own batch)")
        ->check(CLI::PositiveNumber);
    plan->add_option("--group-by", planCli.groupBy, "Keep files together by top-level package (default) or directory")
        ->check(CLI::IsMember({"package", "dir"}));
    plan->add_option("-o,--output", planCli.output, "The plan file to write (JSON)")->required();

    auto* status = app.add_subcommand("status", "Show the progress of a plan's batches");
    status->add_option("--plan", statusPlan, "The plan file")->required();
    status->add_option("--format", statusFormat, "Output format")->check(CLI::IsMember({"text", "json"}));

    std::string rulesFormat = "text";
    auto* rules = app.add_subcommand("rules", "List the rules of every pack");
    rules->add_option("--format", rulesFormat, "text, markdown (tables and rule pages) or json")
        ->check(CLI::IsMember({"text", "markdown", "json"}));
    tool::addReportCommand(app);
    tool::addServerCommand(app);
    // Arguments after `--` are compile flags for the C/C++ front end, as in clang tools.
    std::vector<std::string> extra;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--") {
            for (int k = i + 1; k < argc; ++k) extra.emplace_back(argv[k]);
            argc = i;
            break;
        }
    migrateOpts.extraArgs = checkOpts.extraArgs = planOpts.extraArgs = extra;
    try {
        app.parse(argc, argv);
        if (migrate->parsed()) return runMigrate(migrateOpts, diffOnly, planPath, batch);
        if (check->parsed()) return runCheck(checkOpts, checkCli);
        if (plan->parsed()) return runPlan(planOpts, planCli);
        if (status->parsed()) return runStatus(statusPlan, statusFormat);
        if (tool::reportCommandParsed()) return tool::runReportCommand();
        if (tool::serverCommandParsed()) return tool::runServer(std::cin, std::cout);
        tool::loadCppModule();  // lists the C/C++ pack too when its front end is installed
        std::cout << (rulesFormat == "json"       ? tool::rulesJson()
                      : rulesFormat == "markdown" ? tool::rulesMarkdown()
                                                  : tool::rulesText());
        return 0;
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    } catch (const std::exception& e) {
        std::cerr << "anymig: error: " << e.what() << "\n";
        return 2;
    }
}
