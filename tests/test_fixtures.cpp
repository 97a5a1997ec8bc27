// Golden fixtures: test-inputs/python/<rule-name>/<case>.py (or .pyi) is migrated in memory and
// must equal <case>.expected.py (.expected.pyi) byte for byte; every diagnostic of the run must equal
// <case>.expected.txt line for line. Optional <case>.args holds extra options
// (--target-anyio X, --target-python X, --assume-true F, --assume-false F, --select R).
// Every output must re-parse and a second run must change nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/runner.h"
#include "fixture_support.h"
#include "matchers/python/syntax.h"

using namespace anymig;
namespace fs = std::filesystem;

TEST_CASE("golden fixtures for every Python rule", "[fixtures]") {
    ensurePackRegistered();
    fs::path root = fs::path(ANYMIG_SOURCE_DIR) / "test-inputs" / "python";
    std::vector<fs::path> cases;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (e.is_regular_file() && isFixtureInput(e.path())) cases.push_back(e.path());
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 9);
    for (const fs::path& input : cases) {
        std::string rel = fs::relative(input, root).generic_string();
        DYNAMIC_SECTION(rel) {
            fs::path base = input;
            base.replace_extension();
            std::string text = slurp(input);
            RunOptions options = fixtureOptions(base.string() + ".args");
            FileOutcome out = processText(rel, text, options);
            std::string result = out.state == FileState::Changed ? out.rewritten : text;
            INFO("fixture " << rel << " (regenerate with scripts/update-fixtures after review)");
            CHECK(result == slurp(expectedOutputPath(input)));
            CHECK(renderDiagnostics(out) == slurp(base.string() + ".expected.txt"));
            // Output parses whenever the input did (files with syntax errors are left untouched).
            if (!python::quickSyntaxError(text)) CHECK_FALSE(python::quickSyntaxError(result).has_value());
            else CHECK(result == text);
            // Idempotent: migrating the result changes nothing.
            FileOutcome again = processText(rel, result, options);
            CHECK(again.state != FileState::Changed);
        }
    }
}
