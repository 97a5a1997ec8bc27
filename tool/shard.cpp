#include "tool/shard.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "core/pack.h"
#include "tool/cpp_module.h"
#include "tool/readiness.h"

namespace anymig::tool {

using nlohmann::json;

ShardSpec parseShard(const std::string& text) {
    std::size_t slash = text.find('/');
    auto number = [&](const std::string& s) {
        if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
            throw std::invalid_argument("--shard " + text + ": expected K/N with whole numbers, e.g. 2/8");
        return std::stoi(s);
    };
    if (slash == std::string::npos) throw std::invalid_argument("--shard " + text + ": expected K/N, e.g. 2/8");
    ShardSpec s{number(text.substr(0, slash)), number(text.substr(slash + 1))};
    if (s.count < 1 || s.index < 1 || s.index > s.count)
        throw std::invalid_argument("--shard " + text + ": K must be between 1 and N");
    return s;
}

std::vector<std::string> selectShard(const std::vector<std::string>& files, const ShardSpec& shard) {
    if (!shard) return files;
    struct Item {
        std::uintmax_t size;
        std::size_t at;
    };
    std::vector<Item> items;
    items.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code ec;
        std::uintmax_t size = std::filesystem::file_size(files[i], ec);
        items.push_back({ec ? 0 : size, i});
    }
    std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
        return a.size != b.size ? a.size > b.size : files[a.at] < files[b.at];
    });
    std::vector<std::uintmax_t> load(static_cast<std::size_t>(shard.count), 0);
    std::vector<bool> mine(files.size(), false);
    for (const Item& it : items) {
        std::size_t best = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        load[best] += it.size + 1;  // +1: empty files are spread too
        mine[it.at] = best + 1 == static_cast<std::size_t>(shard.index);
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (mine[i]) out.push_back(files[i]);
    return out;
}

namespace {

json mentions(const MentionCounts& c) { return json::array({c.code, c.comments, c.docstrings, c.targetImports}); }

MentionCounts mentionsFrom(const json& j) {
    return MentionCounts{j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>(), j.at(3).get<int>()};
}

json diagnosticJson(const Diagnostic& d) {
    return {{"rule_id", d.ruleId},   {"rule_name", d.ruleName},
            {"category", d.category}, {"status", static_cast<int>(d.status)},
            {"path", d.path},         {"begin", {d.begin.line, d.begin.column}},
            {"end", {d.end.line, d.end.column}}, {"message", d.message},
            {"before", d.before},     {"after", d.after},
            {"deferred", d.deferred}};
}

Diagnostic diagnosticFrom(const json& j) {
    Diagnostic d;
    d.ruleId = j.at("rule_id").get<std::string>();
    d.ruleName = j.at("rule_name").get<std::string>();
    d.category = j.at("category").get<std::string>();
    d.status = static_cast<SiteStatus>(j.at("status").get<int>());
    d.path = j.at("path").get<std::string>();
    d.begin = {j.at("begin").at(0).get<int>(), j.at("begin").at(1).get<int>()};
    d.end = {j.at("end").at(0).get<int>(), j.at("end").at(1).get<int>()};
    d.message = j.at("message").get<std::string>();
    d.before = j.at("before").get<std::string>();
    d.after = j.at("after").get<std::string>();
    d.deferred = j.at("deferred").get<bool>();
    return d;
}

json outcomeJson(const FileOutcome& f) {
    json diags = json::array();
    for (const Diagnostic& d : f.diagnostics) diags.push_back(diagnosticJson(d));
    return {{"path", f.path},         {"state", static_cast<int>(f.state)},
            {"reason", f.reason},     {"rounds", f.rounds},
            {"edited_around_syntax_errors", f.editedAroundSyntaxErrors},
            {"lines_added", f.linesAdded}, {"lines_removed", f.linesRemoved},
            {"before", mentions(f.before)}, {"after", mentions(f.after)},
            {"original", f.original}, {"rewritten", f.rewritten},
            {"diagnostics", diags}};
}

FileOutcome outcomeFrom(const json& j) {
    FileOutcome f;
    f.path = j.at("path").get<std::string>();
    f.state = static_cast<FileState>(j.at("state").get<int>());
    f.reason = j.at("reason").get<std::string>();
    f.rounds = j.at("rounds").get<int>();
    f.editedAroundSyntaxErrors = j.at("edited_around_syntax_errors").get<bool>();
    f.linesAdded = j.at("lines_added").get<int>();
    f.linesRemoved = j.at("lines_removed").get<int>();
    f.before = mentionsFrom(j.at("before"));
    f.after = mentionsFrom(j.at("after"));
    f.original = j.at("original").get<std::string>();
    f.rewritten = j.at("rewritten").get<std::string>();
    for (const json& d : j.at("diagnostics")) f.diagnostics.push_back(diagnosticFrom(d));
    return f;
}

}  // namespace

json targetsJson(const std::vector<reports::ReportTarget>& targets) {
    json out = json::array();
    for (const reports::ReportTarget& t : targets)
        out.push_back({{"option", t.option}, {"name", t.name}, {"value", t.value}, {"source", t.source}});
    return out;
}

json shardSection(const ShardSpec& shard, const RunResult& result, const reports::ReportMeta& meta) {
    json outcomes = json::array();
    for (const FileOutcome& f : result.files) outcomes.push_back(outcomeJson(f));
    json compile = nullptr;
    if (meta.compile) {
        compile = json::array();
        for (const reports::CompileResult& c : *meta.compile)
            compile.push_back({{"path", c.path}, {"ok", c.ok}, {"output", c.output}});
    }
    return {{"index", shard.index},
            {"count", shard.count},
            {"run",
             {{"tool_version", meta.toolVersion},
              {"pack_name", meta.packName},
              {"pack_version", meta.packVersion},
              {"command", meta.command},
              {"wrote_files", meta.wroteFiles},
              {"roots", meta.roots},
              {"base_dir", meta.baseDir},
              {"compile", compile},
              {"compile_python", meta.compilePython},
              {"targets", targetsJson(meta.targets)}}},
            {"outcomes", outcomes}};
}

json mergeShardReports(const std::vector<json>& shardReports) {
    if (shardReports.empty()) throw std::runtime_error("no shard reports given");
    std::vector<const json*> byIndex;
    json run;
    RunResult merged;
    reports::ReportMeta meta;
    std::vector<reports::CompileResult> compile;
    bool anyCompile = false;
    for (const json& r : shardReports) {
        if (!r.contains("shard") || !r["shard"].is_object())
            throw std::runtime_error("not a shard report (written without --shard K/N)");
        const json& s = r["shard"];
        int k = s.at("index").get<int>(), n = s.at("count").get<int>();
        if (byIndex.empty()) {
            byIndex.assign(static_cast<std::size_t>(n), nullptr);
            run = s.at("run");
        }
        if (n != static_cast<int>(byIndex.size()) || s.at("run") != run)
            throw std::runtime_error("shard " + std::to_string(k) + "/" + std::to_string(n) +
                                     " belongs to another run (different shard count, command, roots or tool)");
        if (k < 1 || k > n || byIndex[static_cast<std::size_t>(k - 1)])
            throw std::runtime_error("shard " + std::to_string(k) + "/" + std::to_string(n) + " given twice");
        byIndex[static_cast<std::size_t>(k - 1)] = &r;
        for (const json& o : s.at("outcomes")) merged.files.push_back(outcomeFrom(o));
        meta.date = std::max(meta.date, r.value("date", std::string()));
    }
    for (std::size_t i = 0; i < byIndex.size(); ++i)
        if (!byIndex[i])
            throw std::runtime_error("shard " + std::to_string(i + 1) + "/" + std::to_string(byIndex.size()) +
                                     " is missing");
    for (const json* r : byIndex) {
        const json& c = (*r)["shard"]["run"]["compile"];
        if (!c.is_array()) continue;
        anyCompile = true;
        for (const json& e : c)
            compile.push_back({e.at("path").get<std::string>(), e.at("ok").get<bool>(), e.at("output").get<std::string>()});
    }
    std::sort(merged.files.begin(), merged.files.end(),
              [](const FileOutcome& a, const FileOutcome& b) { return a.path < b.path; });
    std::sort(compile.begin(), compile.end(),
              [](const reports::CompileResult& a, const reports::CompileResult& b) { return a.path < b.path; });
    meta.toolVersion = run.at("tool_version").get<std::string>();
    meta.packName = run.at("pack_name").get<std::string>();
    // The pack's report vocabulary comes from its descriptor (the C/C++ pack's from its module).
    if (!PackRegistry::instance().find(meta.packName)) loadCppModule();
    if (const PackDescriptor* pack = PackRegistry::instance().find(meta.packName)) reports::describePack(meta, *pack);
    meta.packVersion = run.at("pack_version").get<std::string>();
    meta.command = run.at("command").get<std::string>();
    meta.wroteFiles = run.at("wrote_files").get<bool>();
    meta.roots = run.at("roots").get<std::vector<std::string>>();
    meta.baseDir = run.at("base_dir").get<std::string>();
    meta.compilePython = run.at("compile_python").get<std::string>();
    if (anyCompile) meta.compile = std::move(compile);
    for (const json& t : run.value("targets", json::array()))
        meta.targets.push_back({t.at("option").get<std::string>(), t.at("name").get<std::string>(),
                                t.at("value").get<std::string>(), t.at("source").get<std::string>()});
    if (const PackDescriptor* pack = PackRegistry::instance().find(meta.packName))
        addReadiness(meta, *pack, merged, meta.command == "migrate");
    return reports::buildReport(merged, meta);
}

}  // namespace anymig::tool
