// The result cache's entries and keys: an outcome survives encoding exactly, a damaged payload
// is refused, and the run key changes with the tool version and every option but the list of
// files in the run. (The end-to-end behaviour is in tests/scripts/test_cache.py.)
#include <catch2/catch.hpp>

#include "core/result_cache.h"
#include "core/runner.h"

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
}
