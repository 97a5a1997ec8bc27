#include "tool/common_options.h"

#include <filesystem>

namespace anymig::tool {

void applyConfig(CommonOptions& o) {
    o.facts = tool::readProjectFacts(o.paths.empty() ? "." : o.paths.front());
    std::error_code ec;
    o.projectDir = o.facts.pyprojectPath.empty()
                       ? std::filesystem::current_path(ec).string()
                       : std::filesystem::path(o.facts.pyprojectPath).parent_path().string();
    const tool::ToolConfig& c = o.facts.config;
    auto fill = [](std::vector<std::string>& v, const std::vector<std::string>& from) {
        if (v.empty()) v = from;
    };
    fill(o.select, c.select);
    fill(o.ignore, c.ignore);
    fill(o.assumeTrue, c.assumeTrue);
    fill(o.assumeFalse, c.assumeFalse);
    fill(o.testBackends, c.testBackends);
    if (o.targetAnyio.empty() && c.targetAnyio) o.targetAnyio = *c.targetAnyio;
    if (o.targetPython.empty() && c.targetPython) o.targetPython = *c.targetPython;
    o.configExclude = c.exclude;
    o.perFileIgnores = c.perFileIgnores;
}

RunOptions makeRunOptions(const CommonOptions& o, RunMode mode) {
    RunOptions run;
    run.mode = mode;
    run.jobs = o.jobs;
    run.rules.select = o.select;
    run.rules.ignore = o.ignore;
    for (const auto& f : o.assumeTrue) run.settings.flags[f] = true;
    for (const auto& f : o.assumeFalse) run.settings.flags[f] = false;
    const tool::ProjectFacts& facts = o.facts;
    run.settings.values["target-anyio"] = !o.targetAnyio.empty() ? o.targetAnyio : facts.targetAnyio.value_or("4.0");
    run.settings.values["target-python"] =
        !o.targetPython.empty() ? o.targetPython : facts.targetPython.value_or("3.8");
    run.settings.values["compdb"] = o.compdb;
    if (o.unsafeFixes) run.settings.values["unsafe-fixes"] = "1";
    if (o.fixBrokenFiles) run.settings.values["fix-broken-files"] = "1";
    std::string backends;
    for (const auto& b : o.testBackends) backends += (backends.empty() ? "" : ",") + b;
    if (!backends.empty()) run.settings.values["test-backends"] = backends;
    std::string joined;
    for (const auto& a : o.extraArgs) {
        if (!joined.empty()) joined += '\x1f';
        joined += a;
    }
    run.settings.values["cpp-args"] = joined;
    return run;
}

}  // namespace anymig::tool
