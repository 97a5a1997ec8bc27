#include "tool/check_output.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/pack.h"
#include "core/rule.h"
#include "core/source.h"

namespace anymig::tool {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

// Where rule pages are published (docs/rules/<pack>/<rule-name>.md in the repository).
constexpr const char* kDocsBase = "https://github.com/anymig/anymig/blob/main/docs/rules/";
constexpr const char* kInformationUri = "https://github.com/anymig/anymig";

// Percent-encodes everything but RFC 3986 unreserved characters and '/'.
std::string uriEncodePath(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

// A 1-based byte column as a 1-based column in UTF-16 code units (SARIF's default column kind).
// Reads the line from the file's kept site lines (the run's files are sorted by path).
int utf16Column(const RunResult* result, const std::string& path, int line, int byteColumn) {
    if (!result) return byteColumn;
    auto it = std::lower_bound(result->files.begin(), result->files.end(), path,
                               [](const FileOutcome& f, const std::string& p) { return f.path < p; });
    if (it == result->files.end() || it->path != path || !it->siteLines.kept()) return byteColumn;
    if (line < 1 || static_cast<std::size_t>(line) > it->siteLines.lineCount) return byteColumn;
    std::string_view t = it->siteLines.text(line);
    std::size_t n = std::min<std::size_t>(t.size(), static_cast<std::size_t>(std::max(0, byteColumn - 1)));
    int units = 0;
    for (std::size_t i = 0; i < n;) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        units += len == 4 ? 2 : 1;
        i += static_cast<std::size_t>(len);
    }
    // A column past the end of the line (an end position on the terminator) keeps its offset.
    if (static_cast<std::size_t>(byteColumn - 1) > t.size()) units += byteColumn - 1 - static_cast<int>(t.size());
    return units + 1;
}

std::string relPath(const CheckFindings& f, const std::string& path) { return relativeTo(path, f.root); }

// GitHub workflow command escaping (actions/toolkit's escapeData / escapeProperty).
std::string escapeData(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%') out += "%25";
        else if (c == '\r') out += "%0D";
        else if (c == '\n') out += "%0A";
        else out += c;
    }
    return out;
}
std::string escapeProperty(const std::string& s) {
    std::string out;
    for (char c : escapeData(s)) {
        if (c == ':') out += "%3A";
        else if (c == ',') out += "%2C";
        else out += c;
    }
    return out;
}

std::string unusedMessage(const UnusedSuppression& u) {
    return u.rule.empty() ? "unused suppression: `anymig: ignore` silenced no site on this line"
                          : "unused suppression: `anymig: ignore[" + u.rule + "]` silenced no " + u.rule +
                                " site on this line";
}

ojson siteJson(const CheckFindings& f, const Diagnostic& d) {
    ojson j;
    j["path"] = relPath(f, d.path);
    j["line"] = d.begin.line;
    j["column"] = d.begin.column;
    j["endLine"] = d.end.line;
    j["endColumn"] = d.end.column;
    j["rule"] = d.ruleId;
    j["ruleName"] = d.ruleName;
    j["category"] = d.category;
    j["status"] = checkStatusWord(d);
    j["message"] = d.message;
    j["before"] = d.before;
    if (!d.after.empty()) j["after"] = d.after;
    return j;
}

}  // namespace

std::size_t CheckFindings::newSites() const {
    return static_cast<std::size_t>(std::count_if(sites.begin(), sites.end(), [](const GateSite& s) { return !s.baselined; }));
}

std::string checkStatusWord(const Diagnostic& d) {
    return d.status == SiteStatus::Fixed ? "fixable" : toString(d.status);
}

std::string repositoryRoot(const std::string& start) {
    std::error_code ec;
    fs::path abs = fs::absolute(start.empty() ? "." : start, ec).lexically_normal();
    if (!abs.has_filename()) abs = abs.parent_path();  // "/a/b/" -> "/a/b"
    if (!fs::is_directory(abs, ec)) abs = abs.parent_path();
    for (fs::path d = abs; !d.empty(); d = d.parent_path()) {
        if (fs::exists(d / ".git", ec)) return d.string();
        if (d == d.root_path()) break;
    }
    return abs.string();
}

std::string ruleHelpUri(const std::string& pack, const std::string& ruleName) {
    return std::string(kDocsBase) + pack + "/" + ruleName + ".md";
}

std::string renderText(const CheckFindings& f, bool colour) {
    // Appended to one string (a run's text can be tens of MB: a stream would copy it once more).
    std::string out;
    const char* off = colour ? "\033[0m" : "";
    auto number = [&](int n) {
        char buf[16];
        out.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, n).ptr - buf));
    };
    auto position = [&](const std::string& path, int line, int column) {
        out += path;
        out += ':';
        number(line);
        out += ':';
        number(column);
        out += ": ";
    };
    for (const GateSite& s : f.sites) {
        if (s.baselined) continue;
        const Diagnostic& d = *s.diagnostic;
        const char* on = !colour ? ""
                         : d.status == SiteStatus::Fixed        ? "\033[32m"
                         : d.status == SiteStatus::NoEquivalent ? "\033[31m"
                                                                : "\033[33m";
        position(d.path, d.begin.line, d.begin.column);
        out += on;
        out += d.ruleId;
        out += off;
        out += " [";
        out += d.status == SiteStatus::Fixed ? "fixable" : toString(d.status);  // checkStatusWord
        out += "] ";
        out += d.message;
        out += '\n';
    }
    for (const UnusedSuppression& u : f.unused) {
        position(u.path, u.line, u.column);
        out += colour ? "\033[36m" : "";
        out += "unused-suppression";
        out += off;
        out += ' ';
        out += unusedMessage(u);
        out += '\n';
    }
    return out;
}

std::string renderJson(const CheckFindings& f) {
    ojson j;
    j["tool"] = "anymig";
    j["version"] = f.toolVersion;
    j["format_version"] = 1;
    j["root"] = f.root;
    if (f.baseline) j["baseline"] = *f.baseline;
    std::size_t errors = 0, skipped = 0;
    ojson files = ojson::array();
    for (const FileOutcome& fo : f.result->files) {
        if (fo.state == FileState::Error || fo.state == FileState::RefusedRewrite) ++errors;
        if (fo.state == FileState::SkippedSyntaxError) ++skipped;
        if (!fo.reason.empty())
            files.push_back({{"path", relPath(f, fo.path)}, {"state", toString(fo.state)}, {"reason", fo.reason}});
    }
    ojson summary;
    summary["files"] = f.result->files.size();
    summary["sites"] = f.sites.size();
    summary["new"] = f.newSites();
    summary["baselined"] = f.sites.size() - f.newSites();
    summary["suppressed"] = f.suppressed.size();
    summary["unused_suppressions"] = f.unused.size();
    summary["files_skipped"] = skipped;
    summary["file_errors"] = errors;
    j["summary"] = summary;
    ojson sites = ojson::array();
    for (const GateSite& s : f.sites) {
        ojson e = siteJson(f, *s.diagnostic);
        e["fingerprint"] = s.fingerprint;
        e["occurrence"] = s.occurrence;
        e["baselined"] = s.baselined;
        sites.push_back(std::move(e));
    }
    j["sites"] = sites;
    ojson suppressed = ojson::array();
    for (const Diagnostic* d : f.suppressed) suppressed.push_back(siteJson(f, *d));
    j["suppressed"] = suppressed;
    ojson unused = ojson::array();
    for (const UnusedSuppression& u : f.unused) {
        ojson e;
        e["path"] = relPath(f, u.path);
        e["line"] = u.line;
        e["column"] = u.column;
        e["rule"] = u.rule.empty() ? ojson(nullptr) : ojson(u.rule);
        e["message"] = unusedMessage(u);
        unused.push_back(std::move(e));
    }
    j["unused_suppressions"] = unused;
    j["files"] = files;
    return j.dump(2) + "\n";
}

std::string renderSarif(const CheckFindings& f) {
    ojson rules = ojson::array();
    std::map<std::string, int> ruleIndex;
    for (const PackDescriptor& p : PackRegistry::instance().packs())
        for (const RuleInfo* r : p.rules) {
            ojson rule;
            rule["id"] = std::string(r->id);
            rule["name"] = std::string(r->name);
            rule["shortDescription"] = {{"text", std::string(r->summary)}};
            rule["helpUri"] = ruleHelpUri(std::string(p.name), std::string(r->name));
            rule["defaultConfiguration"] = {{"level", "warning"}};
            rule["properties"] = {{"tags", {std::string(p.name), std::string(r->category)}},
                                  {"fix-safety", toString(r->safety)}};
            ruleIndex[std::string(r->id)] = static_cast<int>(rules.size());
            rules.push_back(std::move(rule));
        }
    auto location = [&](const std::string& path, int line, int col, int endLine, int endCol) {
        ojson region;
        region["startLine"] = std::max(1, line);
        region["startColumn"] = std::max(1, utf16Column(f.result, path, line, col));
        region["endLine"] = std::max(1, endLine);
        region["endColumn"] = std::max(1, utf16Column(f.result, path, endLine, endCol));
        ojson loc;
        loc["physicalLocation"]["artifactLocation"] = {{"uri", uriEncodePath(relPath(f, path))},
                                                       {"uriBaseId", "%SRCROOT%"}};
        loc["physicalLocation"]["region"] = region;
        return loc;
    };
    auto result = [&](const Diagnostic& d) {
        ojson r;
        r["ruleId"] = d.ruleId;
        if (auto it = ruleIndex.find(d.ruleId); it != ruleIndex.end()) r["ruleIndex"] = it->second;
        r["level"] = d.status == SiteStatus::KeptByPolicy ? "note" : "warning";
        r["message"] = {{"text", d.message + " [" + checkStatusWord(d) + "]"}};
        r["locations"] = ojson::array({location(d.path, d.begin.line, d.begin.column, d.end.line, d.end.column)});
        r["properties"] = {{"status", checkStatusWord(d)}, {"category", d.category}};
        return r;
    };
    ojson results = ojson::array();
    for (const GateSite& s : f.sites) {
        ojson r = result(*s.diagnostic);
        r["partialFingerprints"] = {{"anymigSite/v1", s.fingerprint + ":" + std::to_string(s.occurrence)}};
        if (f.baseline) r["baselineState"] = s.baselined ? "unchanged" : "new";
        if (s.baselined)
            r["suppressions"] = ojson::array({{{"kind", "external"}, {"justification", "listed in the baseline " + *f.baseline}}});
        results.push_back(std::move(r));
    }
    for (const Diagnostic* d : f.suppressed) {
        ojson r = result(*d);
        r["suppressions"] = ojson::array({{{"kind", "inSource"}, {"justification", "anymig: ignore comment"}}});
        results.push_back(std::move(r));
    }
    ojson invocation;
    invocation["executionSuccessful"] = !f.result->hadErrors();
    ojson config = ojson::array(), exec = ojson::array();
    for (const UnusedSuppression& u : f.unused) {
        ojson n;
        n["message"] = {{"text", unusedMessage(u)}};
        n["level"] = "warning";
        n["locations"] = ojson::array({location(u.path, u.line, u.column, u.line, u.column)});
        config.push_back(std::move(n));
    }
    for (const FileOutcome& fo : f.result->files) {
        if (fo.reason.empty()) continue;
        ojson n;
        n["message"] = {{"text", std::string(toString(fo.state)) + ": " + fo.reason}};
        n["level"] = fo.state == FileState::SkippedSyntaxError ? "warning" : "error";
        n["locations"] = ojson::array({location(fo.path, 1, 1, 1, 1)});
        exec.push_back(std::move(n));
    }
    if (!config.empty()) invocation["toolConfigurationNotifications"] = config;
    if (!exec.empty()) invocation["toolExecutionNotifications"] = exec;

    ojson run;
    run["tool"]["driver"] = {{"name", "anymig"},
                             {"version", f.toolVersion},
                             {"semanticVersion", f.toolVersion},
                             {"informationUri", kInformationUri},
                             {"rules", rules}};
    std::string rootUri = "file://" + uriEncodePath(fs::path(f.root).generic_string());
    if (rootUri.back() != '/') rootUri += '/';
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", rootUri}}}};
    run["invocations"] = ojson::array({invocation});
    run["columnKind"] = "utf16CodeUnits";
    run["results"] = results;
    ojson log;
    log["$schema"] = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = ojson::array({run});
    return log.dump(2) + "\n";
}

std::string renderGithub(const CheckFindings& f) {
    std::ostringstream out;
    for (const GateSite& s : f.sites) {
        if (s.baselined) continue;
        const Diagnostic& d = *s.diagnostic;
        out << "::warning file=" << escapeProperty(relPath(f, d.path)) << ",line=" << d.begin.line
            << ",col=" << d.begin.column << ",endLine=" << d.end.line << ",endColumn=" << d.end.column
            << ",title=" << escapeProperty(d.ruleId) << "::" << escapeData(d.message + " [" + checkStatusWord(d) + "]")
            << "\n";
    }
    for (const UnusedSuppression& u : f.unused)
        out << "::notice file=" << escapeProperty(relPath(f, u.path)) << ",line=" << u.line << ",col=" << u.column
            << ",title=unused-suppression::" << escapeData(unusedMessage(u)) << "\n";
    return out.str();
}

}  // namespace anymig::tool
