// The result cache's entries and keys: an outcome survives encoding exactly, a damaged payload
// is refused, and the run key changes with the tool version and every option but the list of
// files in the run. (The end-to-end behaviour is in tests/scripts/test_cache.py.)
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/frontend.h"
#include "core/result_cache.h"
#include "core/runner.h"
#include "fixture_support.h"

using namespace anymig;

namespace {

FileOutcome sample() {
    FileOutcome o;
    o.path = "pkg/mod.py";
    o.state = FileState::SkippedSyntaxError;
    o.reason = "syntax error at line 3, column 1: invalid syntax";
    o.rounds = 2;
    o.editedAroundSyntaxErrors = true;
    o.linesAdded = 4;
    o.linesRemoved = 1;
    o.before = {5, 1, 2, 0};
    o.after = {1, 1, 2, 1};
    Diagnostic d;
    d.ruleId = "AM101";
    d.ruleName = "asyncio-sleep";
    d.category = "sleep";
    d.status = SiteStatus::KeptByPolicy;
    d.path = o.path;
    d.begin = {7, 11};
    d.end = {7, 27};
    d.message = "asyncio.sleep() -> anyio.sleep() (not migrated: the file has a syntax error)";
    d.before = "asyncio.sleep(1)";
    d.after = "";
    d.deferred = true;
    o.diagnostics = {d, d};
    o.diagnostics[1].status = SiteStatus::NoEquivalent;
    o.diagnostics[1].after = "é";
    o.siteLines.lineCount = 12;
    o.siteLines.lines = {{3, "    x = 1  # anymig: ignore"}, {7, "        await asyncio.sleep(1)"}, {9, ""}};
    o.siteLines.enclosing = {{7, 6}};
    return o;
}

}  // namespace

TEST_CASE("cache: an outcome decodes to exactly what was encoded, under the path asked for") {
    FileOutcome o = sample();
    std::string payload = encodeOutcome(o);
    auto back = decodeOutcome(payload, "pkg/mod.py");
    REQUIRE(back);
    CHECK(back->path == "pkg/mod.py");
    CHECK(back->state == FileState::SkippedSyntaxError);
    CHECK(back->reason == o.reason);
    CHECK(back->rounds == 2);
    CHECK(back->editedAroundSyntaxErrors);
    CHECK(back->linesAdded == 4);
    CHECK(back->linesRemoved == 1);
    CHECK(back->before.code == 5);
    CHECK(back->before.docstrings == 2);
    CHECK(back->after.targetImports == 1);
    REQUIRE(back->diagnostics.size() == 2);
    const Diagnostic& d = back->diagnostics[0];
    CHECK(d.ruleId == "AM101");
    CHECK(d.ruleName == "asyncio-sleep");
    CHECK(d.category == "sleep");
    CHECK(d.status == SiteStatus::KeptByPolicy);
    CHECK(d.path == "pkg/mod.py");
    CHECK(d.begin.line == 7);
    CHECK(d.begin.column == 11);
    CHECK(d.end.column == 27);
    CHECK(d.message == o.diagnostics[0].message);
    CHECK(d.before == "asyncio.sleep(1)");
    CHECK(d.deferred);
    CHECK(back->diagnostics[1].status == SiteStatus::NoEquivalent);
    CHECK(back->diagnostics[1].after == "é");
    CHECK(back->siteLines == o.siteLines);
}

TEST_CASE("cache: a truncated, extended or nonsensical payload is refused") {
    std::string payload = encodeOutcome(sample());
    for (std::size_t cut : {std::size_t{0}, std::size_t{3}, payload.size() / 2, payload.size() - 1})
        CHECK_FALSE(decodeOutcome(payload.substr(0, cut), "x.py"));
    CHECK_FALSE(decodeOutcome(payload + "x", "x.py"));
    std::string badState = payload;
    badState[0] = 99;
    CHECK_FALSE(decodeOutcome(badState, "x.py"));
}

TEST_CASE("cache: what a run stores is read back from the spill file, in the run and from the saved shard") {
    ensurePackRegistered();
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("anymig-spill-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const Frontend* fe = FrontendRegistry::instance().forPath("pkg/mod.py");
    REQUIRE(fe);
    RunOptions o;
    FileOutcome one = sample(), two = sample();
    two.diagnostics.resize(1);
    two.reason = "another";
    const std::string expectOne = encodeOutcome(one), expectTwo = encodeOutcome(two);
    {
        ResultCache cache(dir.string(), "test");
        const std::string key = cache.runKey(o);
        cache.store(*fe, "pkg/mod.py", "import asyncio\n", key, one);
        cache.store(*fe, "pkg/other.py", "import os\n", key, two);
        // Nothing but the unnamed spill file is in the directory before the save.
        CHECK(fs::is_directory(dir));
        CHECK(fs::is_empty(dir));
        auto back = cache.lookup(*fe, "pkg/mod.py", "import asyncio\n", key);
        REQUIRE(back);
        CHECK(encodeOutcome(*back) == expectOne);
        REQUIRE(cache.save().empty());
        back = cache.lookup(*fe, "pkg/other.py", "import os\n", key);  // after the save too
        REQUIRE(back);
        CHECK(encodeOutcome(*back) == expectTwo);
        CHECK(cache.hits() == 2);
    }
    ResultCache again(dir.string(), "test");
    const std::string key = again.runKey(o);
    auto back = again.lookup(*fe, "pkg/other.py", "import os\n", key);
    REQUIRE(back);
    CHECK(encodeOutcome(*back) == expectTwo);
    back = again.lookup(*fe, "pkg/mod.py", "import asyncio\n", key);
    REQUIRE(back);
    CHECK(encodeOutcome(*back) == expectOne);
    CHECK_FALSE(again.lookup(*fe, "pkg/mod.py", "import asyncio  # changed\n", key));
    fs::remove_all(dir);
}

TEST_CASE("cache: the run key follows the tool version and options, not the run's file list") {
    ResultCache a("/nonexistent/cache", "1.0.0"), b("/nonexistent/cache", "1.0.1");
    RunOptions o;
    o.settings.values["target-anyio"] = "4.0";
    std::string key = a.runKey(o);
    CHECK(key.size() == 32);
    CHECK(a.runKey(o) == key);
    CHECK(b.runKey(o) != key);
    RunOptions files = o;
    files.settings.values[kRunFilesKey] = "a.py\nb.py\n";
    CHECK(a.runKey(files) == key);
    RunOptions mode = o;
    mode.mode = RunMode::Migrate;
    CHECK(a.runKey(mode) != key);
    RunOptions select = o;
    select.rules.select = {"AM101"};
    CHECK(a.runKey(select) != key);
    RunOptions ignore = o;
    ignore.rules.ignore = {"AM101"};
    CHECK(a.runKey(ignore) != a.runKey(select));
    RunOptions setting = o;
    setting.settings.values["target-anyio"] = "4.5";
    CHECK(a.runKey(setting) != key);
    RunOptions flag = o;
    flag.settings.flags["HAS_ANYIO"] = true;
    CHECK(a.runKey(flag) != key);
    flag.settings.flags["HAS_ANYIO"] = false;
    CHECK(a.runKey(flag) != key);
    RunOptions rounds = o;
    rounds.maxRounds = 3;
    CHECK(a.runKey(rounds) != key);
    RunOptions lines = o;
    lines.keepSiteLines = true;
    CHECK(a.runKey(lines) != key);
}

namespace {

void writeText(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

// The outcomes as the report shows them: path, state, and every diagnostic's rule, place, message.
std::string shown(const RunResult& r) {
    std::string out;
    for (const FileOutcome& f : r.files) {
        out += f.path + " " + toString(f.state) + "\n";
        for (const Diagnostic& d : f.diagnostics)
            out += "  " + d.ruleId + " " + std::to_string(d.begin.line) + ":" + std::to_string(d.begin.column) + " " +
                   d.message + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("cache: the run index answers an unchanged run without reading it, and nothing else") {
    ensurePackRegistered();
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("anymig-index-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "src");
    const std::string a = (dir / "src" / "a.py").string(), b = (dir / "src" / "b.py").string();
    writeText(a, "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(1)\n");
    writeText(b, "import os\n\nprint(os.sep)\n");
    // Files modified within a second before a run are not indexed (their next change could
    // keep the same mtime and size): let these age.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const std::vector<std::string> paths{a, b};
    RunOptions o;
    o.jobs = 1;
    const std::string cacheDir = (dir / "cache").string();
    auto run = [&](ResultCache& cache) {
        RunOptions with = o;
        with.cache = &cache;
        RunResult r = runFiles(paths, with);
        REQUIRE(cache.save().empty());
        return r;
    };
    auto indexed = [&](ResultCache& cache) {
        return cache.lookupUnchanged(paths, runIndexIdentity(paths, o), cache.runKey(o)).has_value();
    };
    ResultCache first(cacheDir, "test");
    CHECK_FALSE(indexed(first));
    const std::string expected = shown(run(first));
    CHECK(first.misses() == 2);
    CHECK(expected == a + " unchanged\n  AM101 5:11 asyncio.sleep() -> anyio.sleep()\n" + b + " not-parsed\n");
    std::vector<fs::path> indexes;
    for (const auto& e : fs::directory_iterator(cacheDir))
        if (e.path().extension() == ".idx") indexes.push_back(e.path());
    REQUIRE(indexes.size() == 1);

    // Unchanged: the index answers (every entry a hit), with the same outcomes.
    ResultCache second(cacheDir, "test");
    CHECK(indexed(second));
    ResultCache third(cacheDir, "test");
    CHECK(shown(run(third)) == expected);
    CHECK(third.hits() == 2);
    CHECK(third.misses() == 0);

    // A damaged index is ignored: the run reads the files (the entries still hit) and writes a
    // good index again.
    std::string bytes;
    {
        std::ifstream in(indexes[0], std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::string damaged = bytes;
    damaged[damaged.size() / 2] ^= 0x20;
    writeText(indexes[0], damaged);
    ResultCache fourth(cacheDir, "test");
    CHECK_FALSE(indexed(fourth));
    ResultCache fifth(cacheDir, "test");
    CHECK(shown(run(fifth)) == expected);
    ResultCache sixth(cacheDir, "test");
    CHECK(indexed(sixth));
    writeText(indexes[0], bytes.substr(0, bytes.size() - 5));  // truncated
    ResultCache seventh(cacheDir, "test");
    CHECK_FALSE(indexed(seventh));
    writeText(indexes[0], bytes);

    // A changed file is checked again: the index no longer answers, the run sees the new site.
    writeText(b, "import asyncio\nimport os\nasync def main(): pass\nprint(os.sep)\nasyncio.run(main())\n");
    ResultCache eighth(cacheDir, "test");
    CHECK_FALSE(indexed(eighth));
    ResultCache ninth(cacheDir, "test");
    std::string now = shown(run(ninth));
    CHECK(now != expected);
    CHECK(now == a + " unchanged\n  AM101 5:11 asyncio.sleep() -> anyio.sleep()\n" + b +
                     " unchanged\n  AM102 5:1 asyncio.run(main(...)) -> anyio.run(main): anyio.run takes the function, "
                     "not a coroutine\n");
    CHECK(ninth.misses() == 1);
    // ... and a changed context file too (a pytest configuration above the files).
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    ResultCache eleventh(cacheDir, "test");
    run(eleventh);  // b.py has aged: indexed now
    ResultCache twelfth(cacheDir, "test");
    CHECK(indexed(twelfth));
    writeText(dir / "src" / "pytest.ini", "[pytest]\n");
    ResultCache thirteenth(cacheDir, "test");
    CHECK_FALSE(indexed(thirteenth));
    fs::remove_all(dir);
}
