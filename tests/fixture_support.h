// Shared by the fixture test and the fixture updater (tests/update_fixtures.cpp).
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/runner.h"
#include "matchers/python/import_style.h"
#include "rewrites/asyncio_to_anyio/pack.h"

inline void ensurePackRegistered() {
    static bool done = [] {
        anymig::registerPack(anymig::asyncio_to_anyio::descriptor());
        return true;
    }();
    (void)done;
}

// A fixture input: <case>.py, or <case>.pyi for a stub (isort spaces stubs differently); its
// expected output is <case>.expected.py / <case>.expected.pyi next to it.
inline bool isFixtureInput(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    return (ext == ".py" || ext == ".pyi") && p.filename().string().find(".expected.") == std::string::npos;
}

inline std::string expectedOutputPath(const std::filesystem::path& input) {
    std::filesystem::path base = input;
    base.replace_extension();
    return base.string() + ".expected" + input.extension().string();
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline anymig::RunOptions fixtureOptions(const std::string& argsPath) {
    anymig::RunOptions o;
    o.mode = anymig::RunMode::Diff;
    o.settings.values["target-anyio"] = "4.0";
    o.settings.values["target-python"] = "3.8";
    // Fixtures are run under names relative to test-inputs/python: isort settings come from the
    // fixture's own folder (test-inputs/python/imports/*/ hold some).
    o.settings.values[anymig::python::kImportSettingsPathKey] = std::filesystem::path(argsPath).parent_path().string();
    std::istringstream in(slurp(argsPath));
    std::string key, value;
    while (in >> key >> value) {
        if (key == "--target-anyio") o.settings.values["target-anyio"] = value;
        else if (key == "--target-python") o.settings.values["target-python"] = value;
        else if (key == "--assume-true") o.settings.flags[value] = true;
        else if (key == "--assume-false") o.settings.flags[value] = false;
        else if (key == "--select") o.rules.select.push_back(value);
        else if (key == "--ignore") o.rules.ignore.push_back(value);
        else if (key == "--set") {  // --set key=value for pack settings
            auto eq = value.find('=');
            o.settings.values[value.substr(0, eq)] = value.substr(eq + 1);
        }
    }
    return o;
}

// One line per diagnostic: "line:col: ID [status] message".
inline std::string renderDiagnostics(const anymig::FileOutcome& out) {
    std::string s;
    if (!out.reason.empty()) s += "# " + std::string(anymig::toString(out.state)) + ": " + out.reason + "\n";
    for (const auto& d : out.diagnostics)
        s += std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + ": " + d.ruleId + " [" +
             anymig::toString(d.status) + "] " + d.message + "\n";
    return s;
}
