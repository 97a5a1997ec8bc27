#include "tool/gate.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/atomic_write.h"
#include "tool/json_shape.h"

namespace anymig::tool {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

// 64-bit FNV-1a, fed piece by piece.
struct Fnv1a {
    std::uint64_t h = kFnvOffset;
    void add(char c) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    void add(std::string_view text) {
        for (char c : text) add(c);
    }
    std::string hex() const {
        static const char* digits = "0123456789abcdef";
        std::string out(16, '0');
        std::uint64_t v = h;
        for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 0xf];
        return out;
    }
};

}  // namespace

std::string fnv1aHex(std::string_view text) {
    Fnv1a f;
    f.add(text);
    return f.hex();
}

namespace {
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
}  // namespace

std::string normaliseWhitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    // Word by word (a site's text, its line and its block's header for every site of a run).
    for (std::size_t i = 0, n = text.size(); i < n;) {
        while (i < n && isSpace(text[i])) ++i;
        std::size_t start = i;
        while (i < n && !isSpace(text[i])) ++i;
        if (start == i) break;
        if (!out.empty()) out += ' ';
        out.append(text.data() + start, i - start);
    }
    return out;
}

namespace {

// Feeds normaliseWhitespace(text) to the hash without building it.
void addNormalised(Fnv1a& f, std::string_view text) {
    bool first = true;
    for (std::size_t i = 0, n = text.size(); i < n;) {
        while (i < n && isSpace(text[i])) ++i;
        std::size_t start = i;
        while (i < n && !isSpace(text[i])) ++i;
        if (start == i) break;
        if (!first) f.add(' ');
        first = false;
        f.add(text.substr(start, i - start));
    }
}

}  // namespace

std::string siteFingerprint(const Diagnostic& d, const SiteLines& lines) {
    // The hash of: rule id, the normalised site text, line and enclosing context, one per line
    // (fed piece by piece: this runs for every site of a run).
    Fnv1a f;
    f.add(d.ruleId);
    f.add('\n');
    addNormalised(f, d.before);
    f.add('\n');
    addNormalised(f, lines.text(d.begin.line));
    f.add('\n');
    if (int context = lines.enclosingOf(d.begin.line)) addNormalised(f, lines.text(context));
    return f.hex();
}

std::vector<GateSite> gateSites(const RunResult& result) {
    std::vector<GateSite> sites;
    std::size_t all = 0;
    for (const FileOutcome& f : result.files) all += f.diagnostics.size();
    sites.reserve(all);
    std::vector<GateSite> mine;
    for (const FileOutcome& f : result.files) {
        mine.clear();
        for (const Diagnostic& d : f.diagnostics)
            if (d.status != SiteStatus::Suppressed) mine.push_back(GateSite{&d, {}, 1, false});
        if (mine.empty()) continue;
        std::sort(mine.begin(), mine.end(), [](const GateSite& a, const GateSite& b) {
            const Diagnostic &x = *a.diagnostic, &y = *b.diagnostic;
            return std::tie(x.begin.line, x.begin.column, x.ruleId, x.end.line, x.end.column) <
                   std::tie(y.begin.line, y.begin.column, y.ruleId, y.end.line, y.end.column);
        });
        for (GateSite& s : mine) s.fingerprint = siteFingerprint(*s.diagnostic, f.siteLines);
        // Views of `mine`'s strings, which stay put until the sites are moved out below.
        std::map<std::pair<std::string_view, std::string_view>, int> seen;
        for (GateSite& s : mine) s.occurrence = ++seen[{s.diagnostic->ruleId, s.fingerprint}];
        for (GateSite& s : mine) sites.push_back(std::move(s));
    }
    return sites;
}

std::string relativeTo(const std::string& path, const std::string& base) {
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec).lexically_normal();
    fs::path b = fs::absolute(base.empty() ? "." : base, ec).lexically_normal();
    if (!abs.has_filename() && abs.has_parent_path()) abs = abs.parent_path();  // "/a/b/" -> "/a/b"
    if (!b.has_filename() && b.has_parent_path()) b = b.parent_path();
    fs::path rel = abs.lexically_relative(b);
    std::string r = rel.generic_string();
    if (rel.empty() || r == ".." || r.rfind("../", 0) == 0) return abs.generic_string();
    return r;
}

Baseline Baseline::load(const std::string& file) {
    std::string text, error;
    if (!readFile(file, text, error)) throw std::runtime_error("cannot read baseline " + file + ": " + error);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(file + ": not a baseline (invalid JSON: " + e.what() + ")");
    }
    if (!j.is_object() || !j.contains("tool") || j["tool"] != "anymig-baseline" || !j.contains("entries") ||
        !j["entries"].is_array())
        throw std::runtime_error(file + ": not an anymig baseline (expected \"tool\": \"anymig-baseline\")");
    if (!j.contains("version") || j["version"] != 1)
        throw std::runtime_error(file + ": unsupported baseline version " + j.value("version", nlohmann::json()).dump());
    Baseline b;
    std::error_code ec;
    b.dir_ = fs::absolute(file, ec).lexically_normal().parent_path().string();
    JsonShape shape(file);
    const auto& entries = j["entries"];
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::string where = "entries[" + std::to_string(i) + "]";
        const auto& e = entries[i];
        if (!e.is_object() || !e.contains("path") || !e.contains("rule") || !e.contains("fingerprint"))
            throw std::runtime_error(file + ": a baseline entry lacks path, rule or fingerprint");
        int& n = b.counts_[{shape.field(e, where, "path", JsonKind::String)->get<std::string>(),
                            shape.field(e, where, "rule", JsonKind::String)->get<std::string>(),
                            shape.field(e, where, "fingerprint", JsonKind::String)->get<std::string>()}];
        const auto* occurrence = shape.field(e, where, "occurrence", JsonKind::Integer, /*optional=*/true);
        long long count = occurrence ? occurrence->get<long long>() : 1;
        if (count < 1 || count > 1000000000) shape.fail(where + ".occurrence", "must be a count from 1");
        n = std::max(n, static_cast<int>(count));
    }
    return b;
}

void Baseline::save(const std::string& file, const std::vector<GateSite>& sites) {
    std::error_code ec;
    std::string dir = fs::absolute(file, ec).lexically_normal().parent_path().string();
    std::vector<nlohmann::ordered_json> entries;
    for (const GateSite& s : sites) {
        const Diagnostic& d = *s.diagnostic;
        nlohmann::ordered_json e;
        e["path"] = relativeTo(d.path, dir);
        e["rule"] = d.ruleId;
        e["fingerprint"] = s.fingerprint;
        e["occurrence"] = s.occurrence;
        // For people reading the file; matching ignores them.
        e["line"] = d.begin.line;
        e["status"] = d.status == SiteStatus::Fixed ? "fixable" : toString(d.status);
        e["message"] = d.message;
        entries.push_back(std::move(e));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return std::tie(a["path"].template get_ref<const std::string&>(), a["line"].template get_ref<const int64_t&>()) <
               std::tie(b["path"].template get_ref<const std::string&>(), b["line"].template get_ref<const int64_t&>());
    });
    nlohmann::ordered_json j;
    j["tool"] = "anymig-baseline";
    j["version"] = 1;
    j["entries"] = entries;
    std::string why = writeFileAtomically(file, j.dump(2) + "\n");
    if (!why.empty()) throw std::runtime_error("cannot write baseline " + file + ": " + why);
}

void Baseline::apply(std::vector<GateSite>& sites) const {
    for (GateSite& s : sites) {
        auto it = counts_.find({relativeTo(s.diagnostic->path, dir_), s.diagnostic->ruleId, s.fingerprint});
        s.baselined = it != counts_.end() && s.occurrence <= it->second;
    }
}

std::size_t Baseline::size() const {
    std::size_t n = 0;
    for (const auto& [k, c] : counts_) n += static_cast<std::size_t>(c);
    return n;
}

std::vector<UnusedSuppression> unusedSuppressions(const std::string& path, const SiteLines& lines,
                                                  const std::vector<Diagnostic>& diagnostics,
                                                  const std::function<bool(const std::string&)>& ruleEnabled) {
    std::vector<UnusedSuppression> out;
    for (const auto& kept : lines.lines) {
        const int line = kept.first;
        std::string_view t = kept.second;
        std::size_t at = t.find(kSuppressionMarker);
        while (at != std::string_view::npos) {
            std::size_t next = t.find(kSuppressionMarker, at + 7);
            std::string_view rest = t.substr(at + 7);
            if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
            // Only a marker inside a comment counts: a `#` or `//` must come before it.
            std::string_view before = t.substr(0, at);
            bool inComment = before.find('#') != std::string_view::npos || before.find("//") != std::string_view::npos;
            if (inComment && rest.substr(0, 6) == "ignore" && (rest.size() == 6 || rest[6] != '_')) {
                rest.remove_prefix(6);
                auto suppressedHere = [&](const std::string& rule) {
                    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
                        return d.status == SiteStatus::Suppressed && (d.begin.line == line || d.end.line == line) &&
                               (rule.empty() || d.ruleId == rule || d.ruleName == rule);
                    });
                };
                int column = static_cast<int>(at) + 1;
                if (rest.empty() || rest[0] != '[') {
                    if (!suppressedHere("")) out.push_back({path, line, column, ""});
                } else {
                    std::size_t close = rest.find(']');
                    std::string_view list = rest.substr(1, close == std::string_view::npos ? rest.size() - 1 : close - 1);
                    std::size_t start = 0;
                    while (start <= list.size()) {
                        std::size_t comma = list.find(',', start);
                        std::string item(normaliseWhitespace(
                            list.substr(start, comma == std::string_view::npos ? list.size() - start : comma - start)));
                        if (!item.empty() && ruleEnabled(item) && !suppressedHere(item))
                            out.push_back({path, line, column, item});
                        if (comma == std::string_view::npos) break;
                        start = comma + 1;
                    }
                }
            }
            at = next;
        }
    }
    return out;
}

}  // namespace anymig::tool
