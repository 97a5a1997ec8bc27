// Testing impact: the pytest configuration and test files found under the scanned roots,
// and what they need once the code uses anyio.
#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "core/atomic_write.h"
#include "core/discovery.h"
#include "reports/internal.h"

namespace anymig::reports::detail {

namespace fs = std::filesystem;

namespace {

const std::set<std::string>& configNames() {
    static const std::set<std::string> names = {"pytest.ini", ".pytest.ini", "setup.cfg", "tox.ini", "pyproject.toml"};
    return names;
}

bool isTestFile(const std::string& name) {
    if (name.size() < 4 || name.substr(name.size() - 3) != ".py") return false;
    return name.rfind("test_", 0) == 0 || (name.size() > 8 && name.substr(name.size() - 8) == "_test.py");
}

std::string trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// The keys of one section of an INI file, read as Python's configparser reads pytest's
// files: `key = value` or `key: value`, indented continuation lines, `#`/`;` comment lines.
// Returns false when the section is absent.
bool iniSection(const std::string& text, const std::string& section, std::map<std::string, std::string>& out) {
    std::istringstream in(text);
    std::string line, current, lastKey;
    bool found = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string t = trim(line);
        if (t.empty() || t[0] == '#' || t[0] == ';') continue;
        if (t.front() == '[' && t.back() == ']' && line[0] == '[') {
            current = trim(t.substr(1, t.size() - 2));
            lastKey.clear();
            if (current == section) found = true;
            continue;
        }
        if (current != section) continue;
        if ((line[0] == ' ' || line[0] == '\t') && !lastKey.empty()) {
            out[lastKey] += (out[lastKey].empty() ? "" : "\n") + t;
            continue;
        }
        std::size_t eq = t.find_first_of("=:");
        if (eq == std::string::npos) continue;
        lastKey = trim(t.substr(0, eq));
        out[lastKey] = trim(t.substr(eq + 1));
    }
    return found;
}

std::string tomlValue(const toml::node& n) {
    if (auto s = n.value<std::string>()) return *s;
    std::ostringstream o;
    if (n.is_array()) {
        const toml::array& a = *n.as_array();
        for (std::size_t i = 0; i < a.size(); ++i) o << (i ? " " : "") << tomlValue(*a.get(i));
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

// Counts lines (not comment lines) matching `re`.
int countLines(const std::string& text, const std::regex& re) {
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        auto begin = std::sregex_iterator(line.begin(), line.end(), re);
        n += static_cast<int>(std::distance(begin, std::sregex_iterator()));
    }
    return n;
}

json readConfig(const fs::path& p, const std::string& shown) {
    std::string name = p.filename().string(), text, err;
    if (!readFile(p.string(), text, err)) return nullptr;
    std::map<std::string, std::string> settings;
    std::string section;
    if (name == "pytest.ini" || name == ".pytest.ini") {
        section = "[pytest]";
        iniSection(text, "pytest", settings);  // pytest.ini is the configuration even without keys
    } else if (name == "tox.ini") {
        section = "[pytest]";
        if (!iniSection(text, "pytest", settings)) return nullptr;
    } else if (name == "setup.cfg") {
        section = "[tool:pytest]";
        if (!iniSection(text, "tool:pytest", settings)) return nullptr;
    } else if (name == "pyproject.toml") {
        section = "[tool.pytest.ini_options]";
        try {
            toml::table t = toml::parse(text, p.string());
            const toml::table* opts = t["tool"]["pytest"]["ini_options"].as_table();
            if (!opts) return nullptr;
            for (const auto& [k, v] : *opts) settings[std::string(k.str())] = tomlValue(v);
        } catch (const toml::parse_error& e) {
            return {{"path", shown}, {"kind", name}, {"section", section}, {"settings", json::object()},
                    {"needs", {std::string("could not be read as TOML: ") + std::string(e.description())}}};
        }
    } else {
        return nullptr;
    }
    json needs = json::array();
    auto mode = settings.find("asyncio_mode");
    if (mode != settings.end()) {
        if (mode->second == "auto")
            needs.push_back(
                "asyncio_mode = auto is a pytest-asyncio setting: it runs unmarked async tests on asyncio only and "
                "does nothing for anyio. Mark async tests with @pytest.mark.anyio (or pytestmark = "
                "pytest.mark.anyio) and let an anyio_backend fixture choose the backends");
        else
            needs.push_back("asyncio_mode = " + mode->second +
                            " (pytest-asyncio) does not apply to anyio tests: use @pytest.mark.anyio");
    }
    auto addopts = settings.find("addopts");
    if (addopts != settings.end() && addopts->second.find("no:anyio") != std::string::npos)
        needs.push_back("addopts disables the anyio pytest plugin (-p no:anyio): anyio tests will not run");
    json s = json::object();
    for (const auto& [k, v] : settings) s[k] = v;
    return {{"path", shown}, {"kind", name}, {"section", section}, {"settings", s}, {"needs", needs}};
}

}  // namespace

json scanTestingImpact(const std::vector<std::string>& roots, const std::string& baseDir,
                       const std::map<std::string, int>& legacyByPath, const std::vector<std::string>& runPaths) {
    std::set<std::string> seenConfig;
    json configs = json::array(), tests = json::array(), conftests = json::array();
    std::error_code ec;
    auto addConfig = [&](const fs::path& p) {
        std::string shown = displayPath(p.string(), baseDir);
        std::string key = fs::absolute(p, ec).lexically_normal().string();
        if (!seenConfig.insert(key).second) return;
        json c = readConfig(p, shown);
        if (!c.is_null()) configs.push_back(c);
    };
    // pytest looks for its configuration in the parent directories too: up to the repository root.
    for (const std::string& r : roots) {
        fs::path dir = fs::absolute(r, ec).lexically_normal();
        const bool isDir = fs::is_directory(dir, ec);
        if (isDir && fs::exists(dir / ".git", ec)) continue;  // the walk below covers it
        for (fs::path d = dir.parent_path(); !d.empty(); d = d.parent_path()) {
            for (const char* n : {"pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"})
                if (fs::is_regular_file(d / n, ec)) addConfig(d / n);
            if (fs::exists(d / ".git", ec) || d == d.root_path()) break;
        }
    }
    DiscoveryOptions opts;
    opts.extensions = {".py", ".ini", ".cfg", ".toml"};
    DiscoveryResult found = discoverFiles(roots, opts);
    std::set<std::string> inRun(runPaths.begin(), runPaths.end());
    static const std::regex markAsyncio(R"(\bpytest\.mark\.asyncio\b)");
    static const std::regex markAnyio(R"(\bpytest\.mark\.anyio\b)");
    static const std::regex asyncioFixture(R"(\bpytest_asyncio\.fixture\b)");
    static const std::regex eventLoop(R"(\bevent_loop\b)");
    static const std::regex anyioBackend(R"(\bdef\s+anyio_backend\b)");
    int markAsyncioTotal = 0, markAnyioTotal = 0, asyncioFixtures = 0, eventLoopFiles = 0;
    bool backendFixture = false;
    for (const std::string& f : found.files) {
        std::string name = fs::path(f).filename().string();
        if (configNames().count(name)) {
            addConfig(f);
            continue;
        }
        bool conftest = name == "conftest.py";
        if (!conftest && !isTestFile(name)) continue;
        std::string text, err;
        if (!readFile(f, text, err)) continue;
        std::string shown = displayPath(f, baseDir);
        int ma = countLines(text, markAsyncio), mn = countLines(text, markAnyio), fx = countLines(text, asyncioFixture),
            el = countLines(text, eventLoop);
        bool backend = countLines(text, anyioBackend) > 0;
        backendFixture = backendFixture || backend;
        markAsyncioTotal += ma;
        markAnyioTotal += mn;
        asyncioFixtures += fx;
        eventLoopFiles += el > 0;
        auto legacy = legacyByPath.find(shown);
        json needs = json::array();
        if (ma) needs.push_back(std::to_string(ma) + " × @pytest.mark.asyncio: replace with @pytest.mark.anyio");
        if (fx) needs.push_back(std::to_string(fx) + " × @pytest_asyncio.fixture: a plain @pytest.fixture works with the anyio plugin");
        if (el) needs.push_back("uses the event_loop fixture (pytest-asyncio only): anyio has no equivalent; use anyio_backend");
        if (legacy != legacyByPath.end())
            needs.push_back(std::to_string(legacy->second) + " asyncio site(s) not migrated (listed under not migrated)");
        json entry = {{"path", shown},
                      {"in_run", inRun.count(shown) > 0},
                      {"pytest_mark_asyncio", ma},
                      {"pytest_mark_anyio", mn},
                      {"pytest_asyncio_fixtures", fx},
                      {"uses_event_loop_fixture", el > 0},
                      {"legacy_sites_remaining", legacy == legacyByPath.end() ? 0 : legacy->second},
                      {"needs", needs}};
        if (conftest) {
            entry["defines_anyio_backend"] = backend;
            conftests.push_back(entry);
        } else {
            tests.push_back(entry);
        }
    }
    json needs = json::array();
    for (const json& c : configs)
        for (const json& n : c["needs"]) needs.push_back(c["path"].get<std::string>() + ": " + n.get<std::string>());
    if (markAsyncioTotal)
        needs.push_back(std::to_string(markAsyncioTotal) + " × @pytest.mark.asyncio in test files: replace with @pytest.mark.anyio");
    if (asyncioFixtures)
        needs.push_back(std::to_string(asyncioFixtures) + " × @pytest_asyncio.fixture: use @pytest.fixture");
    if (eventLoopFiles)
        needs.push_back(std::to_string(eventLoopFiles) + " test file(s) use the event_loop fixture, which anyio does not provide");
    if ((!tests.empty() || !conftests.empty()) && !backendFixture)
        needs.push_back(
            "no conftest.py defines an anyio_backend fixture: the anyio plugin's default runs each async test on "
            "every backend (asyncio and trio, in anyio 3.x and 4.x alike); define one to choose the backends "
            "explicitly");
    return {{"scanned", true},
            {"config_files", configs},
            {"test_files", tests},
            {"conftest_files", conftests},
            {"pytest_mark_asyncio", markAsyncioTotal},
            {"pytest_mark_anyio", markAnyioTotal},
            {"defines_anyio_backend", backendFixture},
            {"needs", needs}};
}

}  // namespace anymig::reports::detail
