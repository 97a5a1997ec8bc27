// Builds the JSON report of one run and merges several into the project-level view.
#include "reports/report.h"

#include <algorithm>
#include <dtl/dtl.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <regex>
#include <set>

#include "core/line_pattern.h"
#include "core/frontend.h"
#include "core/unified_diff.h"
#include "reports/internal.h"

namespace anymig::reports {

using nlohmann::json;
namespace fs = std::filesystem;

namespace detail {

const std::vector<ReasonInfo>& reasons() {
    static const std::vector<ReasonInfo> all = {
        {"no-equivalent", "No {target} equivalent"},
        {"needs-review", "Needs review"},
        {"not-yet-migrated", "Not handled by any rule yet"},
        {"fixable", "Fixable (check only: the fix was not applied)"},
        {"kept-by-policy", "Kept by policy"},
        {"outside-batch", "Outside this batch"},
        {"syntax-error", "Inside a file with syntax errors"},
    };
    return all;
}

std::string reasonTitle(const ReasonInfo& reason, const std::string& target) {
    std::string t = reason.title;
    if (std::size_t at = t.find("{target}"); at != std::string::npos) t.replace(at, 8, target);
    return t;
}

Words wordsOf(const json& report) {
    Words w;
    if (!report.contains("pack") || !report["pack"].contains("vocabulary")) return w;
    const json& v = report["pack"]["vocabulary"];
    w.title = v.value("title", w.title);
    w.legacy = v.value("legacy", w.legacy);
    w.target = v.value("target", w.target);
    w.finalStep = v.value("final_step", w.finalStep);
    w.codeLanguage = v.value("code_language", w.codeLanguage);
    w.lineComment = v.value("line_comment", w.lineComment);
    return w;
}

TestingLabels testingLabelsOf(const json& ti) {
    TestingLabels l;
    if (!ti.contains("labels") || !ti["labels"].is_object()) return l;
    const json& j = ti["labels"];
    l.config = j.value("config", l.config);
    l.configHeading = j.value("config_heading", l.configHeading);
    l.setupFile = j.value("setup_file", l.setupFile);
    if (j.contains("counts"))
        for (const json& c : j["counts"]) l.counts.emplace_back(c.value("label", ""), c.value("key", ""));
    if (j.contains("flag")) {
        l.flagLabel = j["flag"].value("label", "");
        l.flagKey = j["flag"].value("key", "");
    }
    return l;
}

std::string compileCommandOf(const json& c) {
    std::string command = c.value("command", std::string());
    return command.empty() ? c.value("python", std::string()) : command;
}

std::string batchLabel(const json& b) {
    if (b["batch"].is_string()) return "Batch " + b["batch"].get<std::string>();
    return "Run " + b["id"].get<std::string>().substr(4);  // the id of a report outside a plan is "run N"
}

std::string displayPath(const std::string& path, const std::string& baseDir) {
    if (baseDir.empty()) return fs::path(path).lexically_normal().generic_string();
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec).lexically_normal();
    fs::path base = fs::absolute(baseDir, ec).lexically_normal();
    fs::path rel = abs.lexically_relative(base);
    if (rel.empty() || *rel.begin() == "..") return fs::path(path).lexically_normal().generic_string();
    return rel.generic_string();
}

std::string parentDir(const std::string& path) {
    std::string p = fs::path(path).parent_path().generic_string();
    return p.empty() ? "." : p;
}

}  // namespace detail

using namespace detail;

namespace {

std::string nowIso8601() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

json mentionsJson(const MentionCounts& m) {
    return {{"code", m.code}, {"comments", m.comments}, {"docstrings", m.docstrings}, {"target_imports", m.targetImports}};
}

json siteJson(const Diagnostic& d, const std::string& path) {
    return {{"rule_id", d.ruleId},     {"rule_name", d.ruleName},   {"category", d.category},
            {"status", toString(d.status)}, {"path", path},         {"line", d.begin.line},
            {"column", d.begin.column}, {"end_line", d.end.line},   {"end_column", d.end.column},
            {"message", d.message},     {"before", d.before},       {"after", d.after}};
}

// Why a site that is still legacy was not migrated.
std::string reasonOf(const Diagnostic& d, const FileOutcome& f, bool check) {
    if (f.state == FileState::SkippedSyntaxError) return "syntax-error";
    switch (d.status) {
        case SiteStatus::NoEquivalent: return "no-equivalent";
        case SiteStatus::NeedsReview: return "needs-review";
        case SiteStatus::NotYetMigrated: return "not-yet-migrated";
        case SiteStatus::KeptByPolicy: return "kept-by-policy";
        case SiteStatus::Fixed: return check ? "fixable" : "";
        case SiteStatus::Suppressed: return "";
    }
    return "needs-review";
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        std::size_t end = nl == std::string::npos ? text.size() : nl;
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line + "\n");
        start = end + 1;
    }
    return lines;
}

// The block of changed lines (removed and added) of the file's diff that contains line
// `line` of the original; empty strings when that line did not change.
std::pair<std::string, std::string> changedBlock(const FileOutcome& f, int line) {
    std::vector<std::string> a = splitLines(f.original), b = splitLines(f.rewritten);
    dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
    diff.compose();
    // A block runs through blank unchanged lines (a rewritten statement often keeps the
    // blank lines around it), and ends at the first unchanged line with text.
    std::string removed, added, blanks;
    bool hit = false;
    for (const auto& [text, info] : diff.getSes().getSequence()) {
        if (info.type == dtl::SES_COMMON) {
            if (text.find_first_not_of(" \t\r\n") == std::string::npos && (!removed.empty() || !added.empty())) {
                blanks += text;
                continue;
            }
            if (hit) break;
            removed.clear();
            added.clear();
            blanks.clear();
            continue;
        }
        removed += blanks;
        added += blanks;
        blanks.clear();
        if (info.type == dtl::SES_DELETE) {
            removed += text;
            if (info.beforeIdx == line) hit = true;
        } else {
            added += text;
        }
    }
    if (!hit) return {};
    auto trimBlankTail = [](std::string t) {
        while (!t.empty() && (t.back() == '\n' || t.back() == ' ' || t.back() == '\t')) t.pop_back();
        return t;
    };
    return {trimBlankTail(removed), trimBlankTail(added)};
}

// The whole lines around a fixed site, before and after its own edit (the site's text is
// found at its recorded position in the original). When the fix reaches beyond the site,
// or the site comes from a later round, the diff's changed block at the site is shown.
std::pair<std::string, std::string> exampleLines(const FileOutcome& f, const Diagnostic& d) {
    if (f.original.empty()) return {d.before, d.after};
    if (d.after == d.before) {
        auto block = changedBlock(f, d.begin.line);
        if (!block.first.empty()) return block;
        return {d.before, d.after};
    }
    SourceFile src(f.path, f.original);
    if (d.begin.line < 1 || static_cast<std::size_t>(d.end.line) > src.lineCount()) return {d.before, d.after};
    std::size_t b = src.offsetOf(d.begin.line, d.begin.column);
    if (f.original.compare(b, d.before.size(), d.before) != 0) return {d.before, d.after};
    std::size_t ls = src.lineStart(d.begin.line);
    std::size_t le = src.lineEnd(d.end.line);
    std::size_t e = b + d.before.size();
    if (e > le) return {d.before, d.after};
    std::string before = f.original.substr(ls, le - ls);
    std::string after = f.original.substr(ls, b - ls) + d.after + f.original.substr(e, le - e);
    // Strip CR so examples read the same whatever the file's line endings.
    auto noCr = [](std::string s) {
        s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
        return s;
    };
    return {noCr(before), noCr(after)};
}

// Import lines the run removed and added in a changed file (from its diff).
std::pair<std::string, std::string> importLines(const FileOutcome& f, const ReportVocabulary& words) {
    if (words.legacyImport.empty() || words.targetImport.empty()) return {};
    const std::regex legacy(words.legacyImport), target(words.targetImport);
    std::string removed, added;
    std::string diff = unifiedDiff("", f.original, f.rewritten);
    std::size_t at = 0;
    while (at < diff.size()) {
        std::size_t nl = diff.find('\n', at);
        if (nl == std::string::npos) nl = diff.size();
        std::string line = diff.substr(at, nl - at);
        at = nl + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0 || line.size() < 2) continue;
        std::string body = line.substr(1);
        if (line[0] == '-' && lineMatches(body, legacy)) removed += body + "\n";
        if (line[0] == '+' && lineMatches(body, target)) added += body + "\n";
    }
    return {removed, added};
}

struct CountByKey {
    std::map<std::string, int> counts;
    void add(const std::string& k, int n = 1) { counts[k] += n; }
};

json sortedCounts(const std::map<std::string, int>& m, const char* key) {
    std::vector<std::pair<std::string, int>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    json out = json::array();
    for (const auto& [k, n] : v) out.push_back({{key, k}, {"count", n}});
    return out;
}

// Groups not-migrated sites (each carrying "reason") by reason, then by pattern
// (rule and message).
json groupNotMigrated(const std::vector<json>& sites, const std::string& target) {
    json out = json::array();
    for (const ReasonInfo& r : reasons()) {
        std::vector<const json*> mine;
        for (const json& s : sites)
            if (s.at("reason") == r.id) mine.push_back(&s);
        std::vector<std::pair<std::string, std::vector<const json*>>> patterns;
        std::map<std::string, std::size_t> index;
        for (const json* s : mine) {
            std::string key = s->at("rule_id").get<std::string>() + "\x1f" + s->at("message").get<std::string>();
            auto it = index.find(key);
            if (it == index.end()) {
                index[key] = patterns.size();
                patterns.push_back({key, {s}});
            } else {
                patterns[it->second].second.push_back(s);
            }
        }
        std::stable_sort(patterns.begin(), patterns.end(),
                         [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
        json pj = json::array();
        for (const auto& [key, list] : patterns) {
            std::set<std::string> files;
            json sj = json::array();
            for (const json* s : list) {
                files.insert(s->at("path").get<std::string>());
                sj.push_back(*s);
            }
            const json& first = *list.front();
            pj.push_back({{"rule_id", first.at("rule_id")},
                          {"rule_name", first.at("rule_name")},
                          {"category", first.at("category")},
                          {"message", first.at("message")},
                          {"count", list.size()},
                          {"files", files.size()},
                          {"sites", sj}});
        }
        out.push_back({{"reason", r.id}, {"title", reasonTitle(r, target)}, {"count", mine.size()}, {"patterns", pj}});
    }
    return out;
}

json compileJson(const ReportMeta& meta, const std::string& baseDir) {
    if (!meta.compile) return nullptr;
    int ok = 0;
    json results = json::array();
    for (const CompileResult& c : *meta.compile) {
        ok += c.ok ? 1 : 0;
        results.push_back({{"path", displayPath(c.path, baseDir)}, {"ok", c.ok}, {"output", c.output}});
    }
    std::string command = meta.compileCommand;
    if (std::size_t at = command.find("{tool}"); at != std::string::npos) command.replace(at, 6, meta.compilePython);
    return {{"python", meta.compilePython},
            {"command", command},
            {"files", meta.compile->size()},
            {"ok", ok},
            {"failed", static_cast<int>(meta.compile->size()) - ok},
            {"results", results}};
}

// The counts and lists one run's report is built from, gathered file by file.
struct RunTally {
    bool check = false;
    int scanned = 0, analysed = 0, notParsed = 0, modified = 0, unchanged = 0, added = 0, removed = 0, edits = 0,
        legacy = 0, suppressedCount = 0, reparsed = 0, outside = 0;
    MentionCounts before, after;
    std::map<std::string, int> byRule, byCategory, legacyByCategory, legacyByPath;
    std::map<std::string, json> ruleInfo;
    json skipped = json::array();
    std::map<std::string, json> groups;    // name -> array of files
    std::map<std::string, json> examples;  // category -> example
    std::vector<std::string> categoryOrder;
    std::vector<json> notMigrated;
    json suppressed = json::array();
    json importExample = nullptr;
    json syntaxErrors = json::array(), refused = json::array();
    std::vector<std::string> runPaths;
};

void addMentions(MentionCounts& to, const MentionCounts& m) {
    to.code += m.code;
    to.comments += m.comments;
    to.docstrings += m.docstrings;
    to.targetImports += m.targetImports;
}

// The file's state: counted, and listed among the skipped/refused when it was.
void tallyState(RunTally& t, const FileOutcome& f, const std::string& path) {
    if (f.state != FileState::Error) ++t.analysed;
    if (f.state == FileState::Changed) ++t.modified;
    if (f.state == FileState::Unchanged) ++t.unchanged;
    if (f.state == FileState::SkippedSyntaxError || f.state == FileState::RefusedRewrite || f.state == FileState::Error)
        t.skipped.push_back({{"path", path}, {"state", toString(f.state)}, {"reason", f.reason}});
    if (f.state == FileState::RefusedRewrite) t.refused.push_back({{"path", path}, {"reason", f.reason}});
    t.added += f.linesAdded;
    t.removed += f.linesRemoved;
    addMentions(t.before, f.before);
    addMentions(t.after, f.after);
}

// A fixed site: counted per rule and category; the first of its category is the example.
void tallyFix(RunTally& t, const FileOutcome& f, const Diagnostic& d, const std::string& path) {
    ++t.edits;
    t.byRule[d.ruleId]++;
    t.ruleInfo[d.ruleId] = {{"rule_id", d.ruleId}, {"rule_name", d.ruleName}, {"category", d.category}};
    t.byCategory[d.category]++;
    if (t.examples.count(d.category)) return;
    auto [lb, la] = exampleLines(f, d);
    t.examples[d.category] = {{"category", d.category}, {"rule_id", d.ruleId}, {"rule_name", d.ruleName},
                              {"path", path},           {"line", d.begin.line}, {"message", d.message},
                              {"before", lb},           {"after", la}};
    t.categoryOrder.push_back(d.category);
}

// The file's sites, sorted into its edits, not-migrated and suppressed lists.
void tallySites(RunTally& t, const FileOutcome& f, const std::string& path, json& fileEdits, json& fileNot,
                json& fileSuppressed) {
    for (const Diagnostic& d : f.diagnostics) {
        json s = siteJson(d, path);
        if (d.status == SiteStatus::Suppressed) {
            ++t.suppressedCount;
            t.suppressed.push_back(s);
            fileSuppressed.push_back(s);
            continue;
        }
        if (d.status == SiteStatus::Fixed) {
            tallyFix(t, f, d, path);
            fileEdits.push_back(s);
            if (!t.check) continue;
        }
        s["reason"] = reasonOf(d, f, t.check);
        ++t.legacy;
        t.legacyByCategory[d.category]++;
        t.legacyByPath[path]++;
        t.notMigrated.push_back(s);
        fileNot.push_back(s);
    }
}

// A changed file: its import lines (the report's import example) and the re-parse check.
void tallyChanged(RunTally& t, const FileOutcome& f, const std::string& path, const ReportMeta& meta) {
    if (t.importExample.is_null()) {
        auto [rm, ad] = importLines(f, meta.vocabulary);
        if (!ad.empty())
            t.importExample = {{"category", "import"}, {"rule_id", meta.importRuleId}, {"rule_name", meta.importRuleName},
                               {"path", path}, {"line", 1}, {"message", "imports placed by the import rule"},
                               {"before", rm}, {"after", ad}};
    }
    ++t.reparsed;
    if (const Frontend* fe = FrontendRegistry::instance().forPath(f.path))
        if (auto err = fe->syntaxError(SourceFile(f.path, f.rewritten)))
            t.syntaxErrors.push_back({{"path", path}, {"error", *err}});
}

std::string groupOf(const ReportMeta& meta, const FileOutcome& f, const std::string& path) {
    if (auto it = meta.groups.find(f.path); it != meta.groups.end()) return it->second;
    if (auto it = meta.groups.find(path); it != meta.groups.end()) return it->second;
    return parentDir(path);
}

void tallyFile(RunTally& t, const FileOutcome& f, const ReportMeta& meta) {
    ++t.scanned;
    const std::string path = displayPath(f.path, meta.baseDir);
    t.runPaths.push_back(path);
    if (f.state == FileState::NotParsed) {
        ++t.notParsed;
        return;
    }
    tallyState(t, f, path);
    json fileEdits = json::array(), fileNot = json::array(), fileSuppressed = json::array();
    tallySites(t, f, path, fileEdits, fileNot, fileSuppressed);
    if (f.state == FileState::Changed) tallyChanged(t, f, path, meta);
    json fj = {{"path", path},
               {"state", toString(f.state)},
               {"reason", f.reason},
               {"rounds", f.rounds},
               {"lines_added", f.linesAdded},
               {"lines_removed", f.linesRemoved},
               {"mentions_before", mentionsJson(f.before)},
               {"mentions_after", mentionsJson(f.after)},
               {"edits", fileEdits},
               {"not_migrated", fileNot},
               {"suppressed", fileSuppressed},
               {"diff", f.state == FileState::Changed ? unifiedDiff(path, f.original, f.rewritten) : ""}};
    t.groups[groupOf(meta, f, path)].push_back(fj);
}

// Every site still in files outside the batch counts, fixable ones included (status "fixed"
// there means a fix is available): they are what the later batches will migrate.
void tallyOutsideBatch(RunTally& t, const ReportMeta& meta) {
    for (const Diagnostic& d : meta.outsideBatch) {
        if (d.status == SiteStatus::Suppressed) continue;
        json s = siteJson(d, displayPath(d.path, meta.baseDir));
        s["reason"] = "outside-batch";
        t.notMigrated.push_back(s);
        ++t.outside;
    }
}

json rulesJson(const std::map<std::string, int>& byRule, const std::map<std::string, json>& ruleInfo) {
    json out = json::array();
    for (const auto& [id, n] : byRule) {
        json r = ruleInfo.at(id);
        r["count"] = n;
        out.push_back(r);
    }
    return out;
}

json mentionTotals(const MentionCounts& m) {
    return {{"code", m.code}, {"comments", m.comments}, {"docstrings", m.docstrings}};
}

json scaleJson(const RunTally& t) {
    return {
        {"files_scanned", t.scanned},
        {"files_analysed", t.analysed},
        {"files_without_legacy_text", t.notParsed},
        {"files_modified", t.modified},
        {"files_unchanged", t.unchanged},
        {"files_skipped", t.skipped.size()},
        {"skipped", t.skipped},
        {"lines_added", t.added},
        {"lines_removed", t.removed},
        {"edits", t.edits},
        {"edits_by_rule", rulesJson(t.byRule, t.ruleInfo)},
        {"edits_by_category", sortedCounts(t.byCategory, "category")},
        {"target_imports", {{"before", t.before.targetImports}, {"after", t.after.targetImports}}},
        {"legacy_mentions", {{"before", mentionTotals(t.before)}, {"after", mentionTotals(t.after)}}},
        {"legacy_sites_remaining", t.legacy},
        {"legacy_sites_outside_batch", t.outside},
        {"suppressed_sites", t.suppressedCount},
    };
}

json groupListJson(const std::map<std::string, json>& groups) {
    json out = json::array();
    for (const auto& [name, files] : groups) out.push_back({{"name", name}, {"files", files}});
    return out;
}

// The files with sites left, most first.
json filesLeftJson(const std::map<std::string, int>& legacyByPath) {
    std::vector<std::pair<std::string, int>> v(legacyByPath.begin(), legacyByPath.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    json out = json::array();
    for (const auto& [p, n] : v) out.push_back({{"path", p}, {"count", n}});
    return out;
}

// The report's "remaining_work" (one run's and the project view's have the same shape).
json remainingWorkJson(long long inBatch, long long outside, const std::map<std::string, int>& byCategory,
                       const std::map<std::string, int>& byPath, const json& mentionsAfter, const json& skipped) {
    return {{"legacy_sites", inBatch + outside},
            {"legacy_sites_in_batch", inBatch},
            {"legacy_sites_outside_batch", outside},
            {"by_category", sortedCounts(byCategory, "category")},
            {"files_with_legacy_sites", filesLeftJson(byPath)},
            {"mentions_outside_code", {{"comments", mentionsAfter["comments"]}, {"docstrings", mentionsAfter["docstrings"]}}},
            {"files_not_processed", skipped}};
}

json headerJson(const ReportMeta& meta) {
    json report;
    report["schema_version"] = kSchemaVersion;
    report["tool"] = {{"name", "anymig"}, {"version", meta.toolVersion}};
    report["pack"] = {{"name", meta.packName},
                      {"version", meta.packVersion},
                      {"vocabulary",
                       {{"title", meta.vocabulary.title},
                        {"legacy", meta.vocabulary.legacy},
                        {"target", meta.vocabulary.target},
                        {"final_step", meta.vocabulary.finalStep},
                        {"code_language", meta.vocabulary.codeLanguage},
                        {"line_comment", meta.vocabulary.lineComment}}}};
    report["command"] = meta.command;
    report["wrote_files"] = meta.wroteFiles;
    report["batch"] = meta.batchId ? json(*meta.batchId) : json(nullptr);
    report["date"] = meta.date.empty() ? nowIso8601() : meta.date;
    json roots = json::array();
    for (const std::string& r : meta.roots) roots.push_back(displayPath(r, meta.baseDir));
    report["roots"] = roots;
    if (!meta.targets.empty()) {
        json targets = json::array();
        for (const ReportTarget& t : meta.targets)
            targets.push_back({{"option", t.option}, {"name", t.name}, {"value", t.value}, {"source", t.source}});
        report["targets"] = targets;
    }
    if (!meta.readinessLabel.empty()) {
        json modules = json::array();
        for (const ReportModule& m : meta.readiness)
            modules.push_back({{"path", displayPath(m.path, meta.baseDir)}, {"state", m.state}, {"uses", m.uses}});
        report["readiness"] = {{"label", meta.readinessLabel}, {"modules", modules}};
    }
    return report;
}

// The pack's look at the tests (its testingImpact hook), or "not scanned".
json testingImpactJson(const ReportMeta& meta, const RunTally& t) {
    if (meta.scanTestingImpact && meta.testingImpact) {
        TestingScan scan{meta.roots, [&](const std::string& p) { return displayPath(p, meta.baseDir); },
                         t.legacyByPath, t.runPaths};
        return json::parse(meta.testingImpact(scan));
    }
    return {{"scanned", false}, {"config_files", json::array()}, {"test_files", json::array()},
            {"conftest_files", json::array()}, {"needs", json::array()}};
}

}  // namespace

void describePack(ReportMeta& meta, const PackDescriptor& pack) {
    meta.packName = std::string(pack.name);
    meta.vocabulary = pack.report;
    meta.importRuleId = std::string(pack.frontend.alwaysOnRule);
    for (const RuleInfo* r : pack.rules)
        if (r->id == pack.frontend.alwaysOnRule) meta.importRuleName = std::string(r->name);
    meta.compileCommand = std::string(pack.compileCommand);
    meta.testingImpact = pack.testingImpact;
}

json buildReport(const RunResult& result, const ReportMeta& meta) {
    RunTally t;
    t.check = meta.command == "check";
    for (const FileOutcome& f : result.files) tallyFile(t, f, meta);
    tallyOutsideBatch(t, meta);

    json report = headerJson(meta);
    report["scale"] = scaleJson(t);
    report["groups"] = groupListJson(t.groups);
    json ex = json::array();
    if (!t.importExample.is_null()) ex.push_back(t.importExample);
    for (const std::string& c : t.categoryOrder) ex.push_back(t.examples.at(c));
    report["examples"] = ex;
    report["not_migrated"] = groupNotMigrated(t.notMigrated, meta.vocabulary.target);
    report["suppressed"] = t.suppressed;
    report["testing_impact"] = testingImpactJson(meta, t);
    report["verification"] = {{"files_reparsed", t.reparsed},
                              {"syntax_errors_introduced", t.syntaxErrors.size()},
                              {"syntax_errors", t.syntaxErrors},
                              {"rewrites_refused", t.refused},
                              {"compile", compileJson(meta, meta.baseDir)}};
    report["remaining_work"] = remainingWorkJson(t.legacy, t.outside, t.legacyByCategory, t.legacyByPath,
                                                 mentionTotals(t.after), t.skipped);
    return report;
}

std::string checkReportVersion(const json& report) {
    if (!report.is_object()) return "not a JSON object";
    auto it = report.find("schema_version");
    if (it == report.end() || !it->is_number_integer()) return "no schema_version: not an anymig report";
    if (it->get<int>() != kSchemaVersion)
        return "schema_version " + std::to_string(it->get<int>()) + " is not supported (this build reads " +
               std::to_string(kSchemaVersion) + ")";
    return {};
}

// --- the project-level view ------------------------------------------------------------

namespace {

// Batches in order of date, then batch id (numerically when both are numbers).
std::vector<const json*> inBatchOrder(const std::vector<json>& input) {
    std::vector<const json*> reps;
    for (const json& r : input) reps.push_back(&r);
    auto batchKey = [](const json& r) -> std::pair<std::string, std::string> {
        std::string b = r.value("batch", json(nullptr)).is_string() ? r["batch"].get<std::string>() : "";
        bool digits = !b.empty() && std::all_of(b.begin(), b.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits) b = std::string(12 - std::min<std::size_t>(12, b.size()), '0') + b;
        return {r.value("date", ""), b};
    };
    std::stable_sort(reps.begin(), reps.end(), [&](const json* a, const json* b) { return batchKey(*a) < batchKey(*b); });
    return reps;
}

// One batch's line in the project view's progress.
json batchJson(const json& r, int index) {
    const json& sc = r["scale"];
    std::string id = r["batch"].is_string() ? r["batch"].get<std::string>() : "run " + std::to_string(index);
    return {{"id", id},
            {"batch", r["batch"]},
            {"date", r["date"]},
            {"command", r["command"]},
            {"wrote_files", r["wrote_files"]},
            {"files_scanned", sc["files_scanned"]},
            {"files_modified", sc["files_modified"]},
            {"files_skipped", sc["files_skipped"]},
            {"edits", sc["edits"]},
            {"lines_added", sc["lines_added"]},
            {"lines_removed", sc["lines_removed"]},
            {"legacy_sites_in_batch", sc["legacy_sites_remaining"]},
            {"legacy_sites_outside_batch", sc["legacy_sites_outside_batch"]},
            {"legacy_sites_total", sc["legacy_sites_remaining"].get<int>() + sc["legacy_sites_outside_batch"].get<int>()},
            {"syntax_errors_introduced", r["verification"]["syntax_errors_introduced"]},
            {"groups", r["groups"]}};
}

// What the reports say, summed over batches, and the latest state of every file.
struct ProjectTally {
    json batches = json::array();
    std::map<std::string, json> latestFile;   // path -> its entry in the latest report that processed it
    std::map<std::string, json> firstBefore;  // path -> its mentions before the first batch
    std::map<std::string, std::string> fileGroup;
    std::map<std::string, std::vector<json>> outsideByPath;  // latest measurement of files outside batches
    std::map<std::string, int> byRule, byCategory;
    std::map<std::string, json> ruleInfo;
    std::map<std::string, json> examples;
    std::vector<std::string> categoryOrder;
    std::set<std::string> modified;
    long long added = 0, removed = 0, edits = 0, reparsed = 0, syntaxErrors = 0, scanned = 0;
    json compile = json::array();
    json syntaxErrorList = json::array(), refusedList = json::array();
    bool anyCompile = false;
};

void addTotals(ProjectTally& t, const json& r) {
    const json& sc = r["scale"];
    const json& ve = r["verification"];
    t.scanned += sc["files_scanned"].get<long long>();
    t.added += sc["lines_added"].get<long long>();
    t.removed += sc["lines_removed"].get<long long>();
    t.edits += sc["edits"].get<long long>();
    t.reparsed += ve["files_reparsed"].get<long long>();
    t.syntaxErrors += ve["syntax_errors_introduced"].get<long long>();
    for (const json& e : ve["syntax_errors"]) t.syntaxErrorList.push_back(e);
    for (const json& e : ve["rewrites_refused"]) t.refusedList.push_back(e);
    if (!ve["compile"].is_null()) {
        t.anyCompile = true;
        for (const json& c : ve["compile"]["results"]) t.compile.push_back(c);
    }
    for (const json& e : sc["edits_by_rule"]) {
        t.byRule[e["rule_id"]] += e["count"].get<int>();
        t.ruleInfo[e["rule_id"]] = {{"rule_id", e["rule_id"]}, {"rule_name", e["rule_name"]}, {"category", e["category"]}};
    }
    for (const json& e : sc["edits_by_category"]) t.byCategory[e["category"]] += e["count"].get<int>();
    for (const json& e : r["examples"]) {
        std::string c = e["category"];
        if (t.examples.count(c)) continue;
        t.examples[c] = e;
        t.categoryOrder.push_back(c);
    }
}

// The files this report processed replace earlier entries; its outside-batch sites are this
// run's measurement of the files no batch has processed yet.
void addFiles(ProjectTally& t, const json& r) {
    std::set<std::string> seenHere;
    for (const json& g : r["groups"])
        for (const json& f : g["files"]) {
            std::string p = f["path"];
            seenHere.insert(p);
            t.latestFile[p] = f;
            t.fileGroup[p] = g["name"];
            if (!t.firstBefore.count(p)) t.firstBefore[p] = f["mentions_before"];
            if (f["state"] == "changed") t.modified.insert(p);
            t.outsideByPath.erase(p);
        }
    std::map<std::string, std::vector<json>> outsideNow;
    for (const json& reason : r["not_migrated"])
        if (reason["reason"] == "outside-batch")
            for (const json& p : reason["patterns"])
                for (const json& s : p["sites"]) outsideNow[s["path"]].push_back(s);
    // (A file some batch processed keeps that batch's sites, with their real reasons.)
    for (auto& [p, sites] : outsideNow)
        if (!seenHere.count(p) && !t.latestFile.count(p)) t.outsideByPath[p] = sites;
}

// The project as it stands after the last report.
struct ProjectState {
    std::vector<json> notMigrated;
    json suppressed = json::array();
    std::map<std::string, int> legacyByDir, legacyByCategory, legacyByPath;
    long long tiBefore = 0, tiAfter = 0;
    json mBefore = {{"code", 0}, {"comments", 0}, {"docstrings", 0}};
    json mAfter = {{"code", 0}, {"comments", 0}, {"docstrings", 0}};
    std::map<std::string, json> groups;
    json skipped = json::array();
    int outside = 0;

    void addLegacy(const std::string& path, const json& site) {
        notMigrated.push_back(site);
        legacyByDir[parentDir(path)]++;
        legacyByCategory[site["category"]]++;
        legacyByPath[path]++;
    }
};

void addFileState(ProjectState& s, const ProjectTally& t, const std::string& p, const json& f) {
    s.groups[t.fileGroup.at(p)].push_back(f);
    const json& b = t.firstBefore.at(p);
    s.tiBefore += b["target_imports"].get<long long>();
    s.tiAfter += f["mentions_after"]["target_imports"].get<long long>();
    for (const char* k : {"code", "comments", "docstrings"}) {
        s.mBefore[k] = s.mBefore[k].get<long long>() + b[k].get<long long>();
        s.mAfter[k] = s.mAfter[k].get<long long>() + f["mentions_after"][k].get<long long>();
    }
    std::string st = f["state"];
    if (st == "skipped-syntax-error" || st == "refused-rewrite" || st == "error")
        s.skipped.push_back({{"path", p}, {"state", st}, {"reason", f["reason"]}});
    for (const json& site : f["not_migrated"]) s.addLegacy(p, site);
    for (const json& site : f["suppressed"]) s.suppressed.push_back(site);
}

ProjectState projectState(const ProjectTally& t) {
    ProjectState s;
    for (const auto& [p, f] : t.latestFile) addFileState(s, t, p, f);
    for (const auto& [p, sites] : t.outsideByPath)
        for (const json& site : sites) {
            s.addLegacy(p, site);
            ++s.outside;
        }
    return s;
}

json mergedScale(const ProjectTally& t, const ProjectState& s) {
    return {{"files_scanned", t.scanned},
            {"files_modified", t.modified.size()},
            {"files_skipped", s.skipped.size()},
            {"skipped", s.skipped},
            {"lines_added", t.added},
            {"lines_removed", t.removed},
            {"edits", t.edits},
            {"edits_by_rule", rulesJson(t.byRule, t.ruleInfo)},
            {"edits_by_category", sortedCounts(t.byCategory, "category")},
            {"target_imports", {{"before", s.tiBefore}, {"after", s.tiAfter}}},
            {"legacy_mentions", {{"before", s.mBefore}, {"after", s.mAfter}}},
            {"legacy_sites_remaining", s.notMigrated.size()},
            {"legacy_sites_outside_batch", s.outside},
            {"suppressed_sites", s.suppressed.size()}};
}

json mergedVerification(const ProjectTally& t, const json& last) {
    json ve = {{"files_reparsed", t.reparsed},
               {"syntax_errors_introduced", t.syntaxErrors},
               {"syntax_errors", t.syntaxErrorList},
               {"rewrites_refused", t.refusedList},
               {"compile", nullptr}};
    if (!t.anyCompile) return ve;
    int ok = 0;
    for (const json& c : t.compile) ok += c["ok"].get<bool>() ? 1 : 0;
    const json& lastCompile = last["verification"]["compile"];
    ve["compile"] = {{"python", lastCompile.is_null() ? json("") : lastCompile["python"]},
                     {"command", lastCompile.is_null() ? json("") : lastCompile.value("command", json(""))},
                     {"files", t.compile.size()},
                     {"ok", ok},
                     {"failed", static_cast<int>(t.compile.size()) - ok},
                     {"results", t.compile}};
    return ve;
}

// Each module's readiness as the latest report that covers it says (paths in order).
json mergedReadiness(const std::vector<const json*>& reps) {
    std::map<std::string, json> byPath;
    json label;
    for (const json* r : reps) {
        if (!r->contains("readiness")) continue;
        label = (*r)["readiness"]["label"];
        for (const json& m : (*r)["readiness"]["modules"]) byPath[m["path"].get<std::string>()] = m;
    }
    if (label.is_null()) return json();
    json modules = json::array();
    for (auto& [path, m] : byPath) modules.push_back(m);
    return {{"label", label}, {"modules", modules}};
}

}  // namespace

json mergeReports(const std::vector<json>& input) {
    std::vector<const json*> reps = inBatchOrder(input);
    json out;
    out["schema_version"] = kSchemaVersion;
    out["kind"] = "project";
    out["reports"] = reps.size();
    if (reps.empty()) return out;
    const json& last = *reps.back();
    out["tool"] = last["tool"];
    out["pack"] = last["pack"];
    out["date_first"] = reps.front()->value("date", "");
    out["date_last"] = last.value("date", "");

    ProjectTally t;
    int index = 0;
    for (const json* r : reps) {
        t.batches.push_back(batchJson(*r, ++index));
        addTotals(t, *r);
        addFiles(t, *r);
    }
    out["batches"] = t.batches;
    ProjectState s = projectState(t);
    out["scale"] = mergedScale(t, s);
    out["groups"] = groupListJson(s.groups);
    json ex = json::array();
    for (const std::string& c : t.categoryOrder) ex.push_back(t.examples.at(c));
    out["examples"] = ex;
    out["not_migrated"] = groupNotMigrated(s.notMigrated, wordsOf(out).target);
    out["suppressed"] = s.suppressed;
    out["testing_impact"] = last["testing_impact"];
    if (last.contains("targets")) out["targets"] = last["targets"];
    if (json r = mergedReadiness(reps); !r.is_null()) out["readiness"] = r;
    out["verification"] = mergedVerification(t, last);
    json byDir = json::array();
    for (const auto& [d, n] : s.legacyByDir) byDir.push_back({{"directory", d}, {"count", n}});
    out["legacy_by_directory"] = byDir;
    const long long total = static_cast<long long>(s.notMigrated.size());
    out["remaining_work"] =
        remainingWorkJson(total - s.outside, s.outside, s.legacyByCategory, s.legacyByPath, s.mAfter, s.skipped);
    return out;
}

}  // namespace anymig::reports
