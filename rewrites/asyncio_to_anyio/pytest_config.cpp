#include "rewrites/asyncio_to_anyio/pytest_config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/toml.h"

namespace anymig::asyncio_to_anyio {

namespace fs = std::filesystem;

namespace {

std::string_view baseName(std::string_view path) {
    std::size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

const char* sectionOf(ConfigKind kind) {
    return kind == ConfigKind::SetupCfg ? "tool:pytest" : "pytest";
}

struct Line {
    std::size_t begin, end, next;  // end: before the terminator; next: start of the next line
};

std::vector<Line> lines(std::string_view text) {
    std::vector<Line> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t nl = text.find('\n', at);
        std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        if (end > at && text[end - 1] == '\r') --end;
        out.push_back({at, end, next});
        at = next;
    }
    return out;
}

std::vector<ConfigKey> iniKeys(ConfigKind kind, std::string_view text) {
    std::vector<ConfigKey> out;
    std::string section;
    const std::string want = sectionOf(kind);
    for (const Line& l : lines(text)) {
        std::string_view line = text.substr(l.begin, l.end - l.begin);
        std::string_view t = trim(line);
        bool indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
        if (t.empty() || t[0] == '#' || t[0] == ';') continue;
        if (!indented && t.front() == '[' && t.back() == ']') {
            section = std::string(trim(t.substr(1, t.size() - 2)));
            continue;
        }
        if (section != want) continue;
        if (indented) {
            if (!out.empty()) {
                out.back().continued = true;
                out.back().lineEnd = l.next;
                out.back().full += (out.back().full.empty() ? "" : "\n") + std::string(t);
            }
            continue;
        }
        std::size_t sep = line.find_first_of("=:");
        if (sep == std::string_view::npos) continue;
        ConfigKey k;
        k.key = std::string(trim(line.substr(0, sep)));
        std::string_view value = trim(line.substr(sep + 1));
        k.full = std::string(value);
        std::size_t hash = value.find(" #");
        if (hash != std::string_view::npos) value = trim(value.substr(0, hash));
        k.value = std::string(value);
        k.lineBegin = l.begin;
        k.keyBegin = l.begin + line.find_first_not_of(" \t");
        k.valueEnd = l.end;
        while (k.valueEnd > k.keyBegin && (text[k.valueEnd - 1] == ' ' || text[k.valueEnd - 1] == '\t')) --k.valueEnd;
        k.lineEnd = l.next;
        out.push_back(k);
    }
    return out;
}

// A TOML value as text: strings as they are, arrays joined with spaces, numbers and booleans.
std::string tomlText(const toml::node& n) {
    if (auto s = n.value<std::string>()) return *s;
    std::ostringstream o;
    if (const toml::array* a = n.as_array()) {
        for (std::size_t i = 0; i < a->size(); ++i) o << (i ? " " : "") << tomlText(*a->get(i));
        return o.str();
    }
    if (auto b = n.value<bool>()) return *b ? "true" : "false";
    if (auto i = n.value<int64_t>()) return std::to_string(*i);
    if (auto d = n.value<double>()) {
        o << *d;
        return o.str();
    }
    return "";
}

std::vector<ConfigKey> tomlKeys(std::string_view text, std::string* error) {
    std::vector<ConfigKey> out;
    toml::table tbl;
    try {
        tbl = toml::parse(text);
    } catch (const toml::parse_error& e) {
        if (error)
            *error = "line " + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
        return out;
    }
    const toml::table* opts = tbl["tool"]["pytest"]["ini_options"].as_table();
    if (!opts) return out;
    std::vector<Line> ls = lines(text);
    for (auto&& [key, node] : *opts) {
        ConfigKey k;
        k.key = std::string(key.str());
        if (auto s = node.value<std::string>()) k.value = *s;
        else if (auto b = node.value<bool>()) k.value = *b ? "true" : "false";
        k.full = tomlText(node);
        std::size_t row = key.source().begin.line;
        if (row == 0 || row > ls.size() || node.source().begin.line != row || node.source().end.line != row) {
            k.simple = false;
            out.push_back(k);
            continue;
        }
        const Line& l = ls[row - 1];
        std::string_view line = text.substr(l.begin, l.end - l.begin);
        std::size_t first = line.find_first_not_of(" \t");
        // Only `key = value` written plainly on its own line (no dotted or quoted key).
        k.simple = first != std::string_view::npos && line.substr(first, k.key.size()) == k.key &&
                   trim(line.substr(first + k.key.size())).substr(0, 1) == "=";
        k.lineBegin = l.begin;
        k.keyBegin = l.begin + (first == std::string_view::npos ? 0 : first);
        std::size_t endCol = node.source().end.column;  // 1-based, one past the value
        k.valueEnd = l.begin + std::min<std::size_t>(endCol - 1, line.size());
        k.lineEnd = l.next;
        out.push_back(k);
    }
    return out;
}

std::optional<std::string> readText(const fs::path& p) {
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The directory of the pytest config that applies to `dir` and the config's path ("" if none).
fs::path configFor(fs::path dir, fs::path* config) {
    std::error_code ec;
    for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
        for (const char* name : {"pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"}) {
            fs::path p = d / name;
            auto text = readText(p);
            if (text && isPytestConfig(configKindOf(p.string()), *text)) {
                if (config) *config = p;
                return d;
            }
        }
        if (d == d.parent_path()) break;
    }
    return {};
}

std::optional<fs::path> onDisk(const std::string& path) {
    std::error_code ec;
    if (path.empty() || !fs::is_regular_file(path, ec)) return std::nullopt;
    return fs::absolute(path, ec).parent_path();
}

}  // namespace

ConfigKind configKindOf(std::string_view path) {
    std::string_view b = baseName(path);
    if (b == "pytest.ini" || b == ".pytest.ini") return ConfigKind::PytestIni;
    if (b == "tox.ini") return ConfigKind::ToxIni;
    if (b == "setup.cfg") return ConfigKind::SetupCfg;
    if (b == "pyproject.toml") return ConfigKind::PyprojectToml;
    return ConfigKind::None;
}

std::vector<ConfigKey> pytestKeys(ConfigKind kind, std::string_view text, std::string* error) {
    if (kind == ConfigKind::None) return {};
    if (kind == ConfigKind::PyprojectToml) return tomlKeys(text, error);
    return iniKeys(kind, text);
}

bool isPytestConfig(ConfigKind kind, std::string_view text) {
    switch (kind) {
        case ConfigKind::PytestIni: return true;
        case ConfigKind::ToxIni: return text.find("[pytest]") != std::string_view::npos;
        case ConfigKind::SetupCfg: return text.find("[tool:pytest]") != std::string_view::npos;
        case ConfigKind::PyprojectToml: {
            if (text.find("pytest") == std::string_view::npos) return false;
            try {
                toml::table tbl = toml::parse(text);
                return tbl["tool"]["pytest"]["ini_options"].is_table();
            } catch (const toml::parse_error&) {
                return false;
            }
        }
        case ConfigKind::None: return false;
    }
    return false;
}

std::optional<std::string> asyncioModeOnDisk(const std::string& path) {
    auto dir = onDisk(path);
    if (!dir) return std::nullopt;
    fs::path config;
    if (configFor(*dir, &config).empty()) return std::string();
    auto text = readText(config);
    if (!text) return std::string();
    for (const ConfigKey& k : pytestKeys(configKindOf(config.string()), *text))
        if (k.key == "asyncio_mode") return k.value;
    return std::string();
}

std::optional<bool> anyioBackendReachable(const std::string& path) {
    auto dir = onDisk(path);
    if (!dir) return std::nullopt;
    fs::path root = configFor(*dir, nullptr);
    for (fs::path d = *dir; !d.empty(); d = d.parent_path()) {
        if (auto text = readText(d / "conftest.py"))
            if (text->find("anyio_backend") != std::string::npos || text->find("asyncio") != std::string::npos)
                return true;
        if (d == root || d == d.parent_path()) break;
    }
    return false;
}

bool hasConftestAbove(const std::string& path) {
    auto dir = onDisk(path);
    if (!dir) return false;
    fs::path root = configFor(*dir, nullptr);
    if (*dir == root) return false;
    std::error_code ec;
    for (fs::path d = dir->parent_path(); !d.empty(); d = d.parent_path()) {
        if (fs::is_regular_file(d / "conftest.py", ec)) return true;
        if (d == root || d == d.parent_path()) break;
    }
    return false;
}

}  // namespace anymig::asyncio_to_anyio
