// The pack's look at the project's tests for the report (PackDescriptor::testingImpact): the
// pytest configuration and test files found under the scanned roots, and what they need once
// the code uses anyio. The configuration is read by the pytest rule's reader (pytest_config.h).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/line_pattern.h"
#include "core/atomic_write.h"
#include "core/discovery.h"
#include "core/pack.h"
#include "rewrites/asyncio_to_anyio/pytest_config.h"

namespace anymig::asyncio_to_anyio {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

bool isTestFile(const std::string& name) {
    if (name.size() < 4 || name.substr(name.size() - 3) != ".py") return false;
    return name.rfind("test_", 0) == 0 || (name.size() > 8 && name.substr(name.size() - 8) == "_test.py");
}

// Counts matches of `re` on lines that are not comments.
int countLines(const std::string& text, const std::regex& re) {
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        std::size_t b = line.find_first_not_of(" \t\r\n");
        if (b == std::string::npos || line[b] == '#') continue;
        line = squeezeBlanks(line);  // std::regex recurses per character of a `\s+` run
        auto begin = std::sregex_iterator(line.begin(), line.end(), re);
        n += static_cast<int>(std::distance(begin, std::sregex_iterator()));
    }
    return n;
}

// What a configuration's pytest settings need for anyio.
json configNeeds(const std::map<std::string, std::string>& settings) {
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
    return needs;
}

// One configuration file pytest would read, or null when it holds no pytest section.
json readConfig(const fs::path& p, const std::string& shown) {
    std::string name = p.filename().string(), text, err;
    ConfigKind kind = configKindOf(name);
    if (kind == ConfigKind::None || !readFile(p.string(), text, err)) return nullptr;
    const std::string section = kind == ConfigKind::SetupCfg        ? "[tool:pytest]"
                                : kind == ConfigKind::PyprojectToml ? "[tool.pytest.ini_options]"
                                                                    : "[pytest]";
    std::string error;
    std::vector<ConfigKey> keys = pytestKeys(kind, text, &error);
    if (!error.empty())
        return {{"path", shown}, {"kind", name}, {"section", section}, {"settings", json::object()},
                {"needs", {"could not be read as TOML: " + error}}};
    if (!isPytestConfig(kind, text)) return nullptr;  // pytest.ini is the configuration even without keys
    std::map<std::string, std::string> settings;
    for (const ConfigKey& k : keys) settings[k.key] = k.full;
    json s = json::object();
    for (const auto& [k, v] : settings) s[k] = v;
    return {{"path", shown}, {"kind", name}, {"section", section}, {"settings", s}, {"needs", configNeeds(settings)}};
}

// The pytest configuration files of the run: those under the roots, and (as pytest looks in
// parent directories too) those above each root up to the repository root.
struct Configs {
    const TestingScan& scan;
    std::set<std::string> seen;
    json list = json::array();

    void add(const fs::path& p) {
        std::error_code ec;
        if (!seen.insert(fs::absolute(p, ec).lexically_normal().string()).second) return;
        json c = readConfig(p, scan.display(p.string()));
        if (!c.is_null()) list.push_back(c);
    }
    void addAboveRoots() {
        std::error_code ec;
        for (const std::string& r : scan.roots) {
            fs::path dir = fs::absolute(r, ec).lexically_normal();
            if (fs::is_directory(dir, ec) && fs::exists(dir / ".git", ec)) continue;  // the walk covers it
            for (fs::path d = dir.parent_path(); !d.empty(); d = d.parent_path()) {
                for (const char* n : {"pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"})
                    if (fs::is_regular_file(d / n, ec)) add(d / n);
                if (fs::exists(d / ".git", ec) || d == d.root_path()) break;
            }
        }
    }
};

// The counts of one test file or conftest.py, and the totals over all of them.
struct TestTally {
    int markAsyncio = 0, markAnyio = 0, asyncioFixtures = 0, eventLoopFiles = 0;
    bool backendFixture = false;
    json tests = json::array(), conftests = json::array();
};

void addTestFile(TestTally& t, const TestingScan& scan, const std::set<std::string>& inRun, const std::string& file,
                 const std::string& text, bool conftest) {
    static const std::regex markAsyncio(R"(\bpytest\.mark\.asyncio\b)"), markAnyio(R"(\bpytest\.mark\.anyio\b)"),
        asyncioFixture(R"(\bpytest_asyncio\.fixture\b)"), eventLoop(R"(\bevent_loop\b)"),
        anyioBackend(R"(\bdef\s+anyio_backend\b)");
    const std::string shown = scan.display(file);
    int ma = countLines(text, markAsyncio), mn = countLines(text, markAnyio), fx = countLines(text, asyncioFixture),
        el = countLines(text, eventLoop);
    bool backend = countLines(text, anyioBackend) > 0;
    t.backendFixture = t.backendFixture || backend;
    t.markAsyncio += ma;
    t.markAnyio += mn;
    t.asyncioFixtures += fx;
    t.eventLoopFiles += el > 0;
    auto legacy = scan.legacySitesByPath.find(shown);
    json needs = json::array();
    if (ma) needs.push_back(std::to_string(ma) + " × @pytest.mark.asyncio: replace with @pytest.mark.anyio");
    if (fx) needs.push_back(std::to_string(fx) + " × @pytest_asyncio.fixture: a plain @pytest.fixture works with the anyio plugin");
    if (el) needs.push_back("uses the event_loop fixture (pytest-asyncio only): anyio has no equivalent; use anyio_backend");
    if (legacy != scan.legacySitesByPath.end())
        needs.push_back(std::to_string(legacy->second) + " asyncio site(s) not migrated (listed under not migrated)");
    json entry = {{"path", shown},
                  {"in_run", inRun.count(shown) > 0},
                  {"pytest_mark_asyncio", ma},
                  {"pytest_mark_anyio", mn},
                  {"pytest_asyncio_fixtures", fx},
                  {"uses_event_loop_fixture", el > 0},
                  {"legacy_sites_remaining", legacy == scan.legacySitesByPath.end() ? 0 : legacy->second},
                  {"needs", needs}};
    if (!conftest) {
        t.tests.push_back(entry);
        return;
    }
    entry["defines_anyio_backend"] = backend;
    t.conftests.push_back(entry);
}

json overallNeeds(const json& configs, const TestTally& t) {
    json needs = json::array();
    for (const json& c : configs)
        for (const json& n : c["needs"]) needs.push_back(c["path"].get<std::string>() + ": " + n.get<std::string>());
    if (t.markAsyncio)
        needs.push_back(std::to_string(t.markAsyncio) + " × @pytest.mark.asyncio in test files: replace with @pytest.mark.anyio");
    if (t.asyncioFixtures)
        needs.push_back(std::to_string(t.asyncioFixtures) + " × @pytest_asyncio.fixture: use @pytest.fixture");
    if (t.eventLoopFiles)
        needs.push_back(std::to_string(t.eventLoopFiles) + " test file(s) use the event_loop fixture, which anyio does not provide");
    if ((!t.tests.empty() || !t.conftests.empty()) && !t.backendFixture)
        needs.push_back(
            "no conftest.py defines an anyio_backend fixture: the anyio plugin's default runs each async test on "
            "every backend (asyncio and trio, in anyio 3.x and 4.x alike); define one to choose the backends "
            "explicitly");
    return needs;
}

// The words the report's renderers show for this section.
json labels() {
    return {{"config", "pytest configuration"},
            {"config_heading", "Pytest Configuration"},
            {"setup_file", "conftest.py"},
            {"counts",
             {{{"label", "@pytest.mark.asyncio"}, {"key", "pytest_mark_asyncio"}},
              {{"label", "@pytest.mark.anyio"}, {"key", "pytest_mark_anyio"}}}},
            {"flag", {{"label", "anyio_backend fixture"}, {"key", "defines_anyio_backend"}}}};
}

}  // namespace

std::string testingImpact(const TestingScan& scan) {
    Configs configs{scan};
    configs.addAboveRoots();
    DiscoveryOptions opts;
    opts.extensions = {".py", ".ini", ".cfg", ".toml"};
    DiscoveryResult found = discoverFiles(scan.roots, opts);
    std::set<std::string> inRun(scan.runPaths.begin(), scan.runPaths.end());
    TestTally t;
    for (const std::string& f : found.files) {
        std::string name = fs::path(f).filename().string();
        if (configKindOf(name) != ConfigKind::None) {
            configs.add(f);
            continue;
        }
        bool conftest = name == "conftest.py";
        std::string text, err;
        if ((!conftest && !isTestFile(name)) || !readFile(f, text, err)) continue;
        addTestFile(t, scan, inRun, f, text, conftest);
    }
    json out = {{"scanned", true},
                {"config_files", configs.list},
                {"test_files", t.tests},
                {"conftest_files", t.conftests},
                {"pytest_mark_asyncio", t.markAsyncio},
                {"pytest_mark_anyio", t.markAnyio},
                {"defines_anyio_backend", t.backendFixture},
                {"needs", overallNeeds(configs.list, t)},
                {"labels", labels()}};
    return out.dump();
}

}  // namespace anymig::asyncio_to_anyio
