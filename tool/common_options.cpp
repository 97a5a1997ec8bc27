#include "tool/common_options.h"

#include <filesystem>
#include <iostream>

#include "core/pack.h"

namespace anymig::tool {

namespace {

// Every pack's reading of the project's dependency declarations, merged (the first pack that
// declares a name wins). A declaration file that cannot be read is named; the run goes on.
void readDependencies(CommonOptions& o) {
    for (const PackDescriptor& pack : PackRegistry::instance().packs()) {
        if (!pack.readDependencies) continue;
        try {
            ProjectDependencies d = pack.readDependencies(o.paths.empty() ? "." : o.paths.front());
            for (auto& [name, floor] : d.floors) o.dependencies.floors.emplace(name, floor);
            if (o.dependencies.addTo.empty()) o.dependencies.addTo = d.addTo, o.dependencies.addToWhy = d.addToWhy;
        } catch (const std::exception& e) {
            std::cerr << "anymig: warning: " << e.what() << "; the project's dependency declarations are not read\n";
        }
    }
}

}  // namespace

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
    for (const auto& [name, values] : c.packLists) fill(o.packLists[name], values);
    for (const auto& [name, value] : o.packText)
        if (!value.empty() && !o.packTextFrom.count(name)) o.packTextFrom[name] = "--" + name;
    for (const auto& [name, value] : c.packText)
        if (o.packText[name].empty()) {
            o.packText[name] = value;
            o.packTextFrom[name] = std::filesystem::path(o.facts.pyprojectPath).filename().string() + " [tool.anymig]";
        }
    for (const auto& [name, on] : c.packFlags) o.packFlags[name] = o.packFlags[name] || on;
    o.configExclude = c.exclude;
    o.perFileIgnores = c.perFileIgnores;
    readDependencies(o);
}

// A list is passed joined with commas; an unset list or flag is not passed at all.
void setPackOptions(const CommonOptions& o, Settings& settings) {
    for (const PackDescriptor& pack : PackRegistry::instance().packs())
        for (const PackOption& opt : pack.options) {
            std::string name(opt.name);
            if (opt.kind == PackOption::Kind::Flag) {
                if (o.packFlags.count(name) && o.packFlags.at(name)) settings.values[name] = "1";
            } else if (opt.kind == PackOption::Kind::List) {
                std::string joined;
                if (o.packLists.count(name))
                    for (const auto& v : o.packLists.at(name)) joined += (joined.empty() ? "" : ",") + v;
                if (!joined.empty()) settings.values[name] = joined;
            } else {
                auto given = o.packText.find(name);
                auto floor = o.dependencies.floors.find(std::string(opt.projectDefault));
                if (given != o.packText.end() && !given->second.empty()) settings.values[name] = given->second;
                else if (!opt.projectDefault.empty() && floor != o.dependencies.floors.end())
                    settings.values[name] = floor->second.version;
                else settings.values[name] = std::string(opt.fallback);
            }
        }
}

std::vector<TargetLine> targetLines(const CommonOptions& o, const PackDescriptor& pack) {
    Settings settings;
    setPackOptions(o, settings);
    std::vector<TargetLine> out;
    for (const PackOption& opt : pack.options) {
        if (opt.kind != PackOption::Kind::Version) continue;
        TargetLine t{std::string(opt.name), std::string(opt.projectDefault.empty() ? opt.name : opt.projectDefault),
                     settings.values[std::string(opt.name)], "default"};
        auto from = o.packTextFrom.find(t.option);
        auto floor = o.dependencies.floors.find(std::string(opt.projectDefault));
        if (from != o.packTextFrom.end()) t.source = from->second;
        else if (floor != o.dependencies.floors.end()) t.source = floor->second.source;
        out.push_back(t);
    }
    return out;
}

RunOptions makeRunOptions(const CommonOptions& o, RunMode mode) {
    RunOptions run;
    run.mode = mode;
    run.jobs = o.jobs;
    run.rules.select = o.select;
    run.rules.ignore = o.ignore;
    for (const auto& f : o.assumeTrue) run.settings.flags[f] = true;
    for (const auto& f : o.assumeFalse) run.settings.flags[f] = false;
    setPackOptions(o, run.settings);
    run.settings.values["compdb"] = o.compdb;
    if (o.unsafeFixes) run.settings.values[kUnsafeFixesKey] = "1";
    if (o.fixBrokenFiles) run.settings.values["fix-broken-files"] = "1";
    run.settings.lists[kCompilerArgsKey] = o.extraArgs;
    return run;
}

}  // namespace anymig::tool
