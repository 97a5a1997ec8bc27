// The report builder, the project merge, the renderers and verifyCompile, on in-memory
// runs of the real Python front end (nothing is written: RunMode::Diff).
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "fixture_support.h"
#include "reports/report.h"

using namespace anymig;
using nlohmann::json;

namespace {

const char* kMain = R"(import asyncio


async def main():
    lock = asyncio.Lock()
    await asyncio.sleep(1)
    asyncio.get_event_loop()


if __name__ == "__main__":
    asyncio.run(main())
)";

RunOptions options(RunMode mode) {
    ensurePackRegistered();
    RunOptions o;
    o.mode = mode;
    o.rules.select = {"AM001", "AM101", "AM102", "AM103", "AM900"};
    o.settings.values["target-anyio"] = "4.0";
    o.settings.values["target-python"] = "3.8";
    return o;
}

RunResult sampleRun(RunMode mode) {
    RunOptions o = options(mode);
    RunResult r;
    r.files.push_back(processText("pkg/broken.py", "import asyncio\ndef f(:\n    asyncio.sleep(1)\n", o));
    r.files.push_back(processText("pkg/main.py", kMain, o));
    r.files.push_back(processText("pkg/plain.py", "x = 1\n", o));
    return r;
}

Diagnostic outsideSite(const std::string& path, SiteStatus status, int line) {
    Diagnostic d;
    d.ruleId = "AM101";
    d.ruleName = "asyncio-sleep";
    d.category = "sleep";
    d.status = status;
    d.path = path;
    d.begin = {line, 5};
    d.end = {line, 21};
    d.message = "asyncio.sleep() -> anyio.sleep()";
    d.before = "asyncio.sleep(1)";
    return d;
}

reports::ReportMeta sampleMeta() {
    reports::ReportMeta m;
    reports::describePack(m, asyncio_to_anyio::descriptor());
    m.toolVersion = "9.9.9";
    m.packVersion = "1.2.3";
    m.command = "migrate";
    m.wroteFiles = false;
    m.batchId = "8";
    m.date = "2026-01-24T10:00:00Z";
    m.roots = {"pkg"};
    m.groups = {{"pkg/main.py", "CLI entry points"}};
    m.outsideBatch = {outsideSite("other/x.py", SiteStatus::NeedsReview, 3),
                      outsideSite("other/x.py", SiteStatus::Suppressed, 4),
                      outsideSite("other/y.py", SiteStatus::Fixed, 2)};
    m.scanTestingImpact = false;
    return m;
}

int reasonCount(const json& report, const std::string& reason) {
    for (const json& r : report["not_migrated"])
        if (r["reason"] == reason) return r["count"].get<int>();
    return -1;
}

}  // namespace

TEST_CASE("buildReport: scale, groups, examples and sites not migrated", "[reports]") {
    json r = reports::buildReport(sampleRun(RunMode::Diff), sampleMeta());
    CHECK(r["schema_version"] == 1);
    CHECK(r["tool"] == json{{"name", "anymig"}, {"version", "9.9.9"}});
    CHECK(r["pack"] == json{{"name", "asyncio-to-anyio"},
                            {"version", "1.2.3"},
                            {"vocabulary",
                             {{"title", "Anyio Migration"},
                              {"legacy", "asyncio"},
                              {"target", "anyio"},
                              {"final_step", "Run the test suite on both anyio backends (asyncio and trio)."},
                              {"code_language", "python"},
                              {"line_comment", "#"}}}});
    CHECK(r["command"] == "migrate");
    CHECK(r["wrote_files"] == false);
    CHECK(r["batch"] == "8");
    CHECK(r["date"] == "2026-01-24T10:00:00Z");

    const json& sc = r["scale"];
    CHECK(sc["files_scanned"] == 3);
    CHECK(sc["files_analysed"] == 2);
    CHECK(sc["files_without_legacy_text"] == 1);
    CHECK(sc["files_modified"] == 1);
    CHECK(sc["files_unchanged"] == 0);
    CHECK(sc["files_skipped"] == 1);
    CHECK(sc["skipped"] == json::parse(R"J([{"path":"pkg/broken.py","state":"skipped-syntax-error",
                                          "reason":"syntax error at line 2, column 7: missing )"}])J"));
    CHECK(sc["lines_added"] == 5);  // import anyio: its own section, a blank line above
    CHECK(sc["lines_removed"] == 3);
    CHECK(sc["edits"] == 3);
    CHECK(sc["edits_by_rule"] == json::parse(R"J([
        {"rule_id":"AM101","rule_name":"asyncio-sleep","category":"sleep","count":1},
        {"rule_id":"AM102","rule_name":"asyncio-run","category":"run","count":1},
        {"rule_id":"AM103","rule_name":"sync-primitives","category":"sync-primitive","count":1}])J"));
    CHECK(sc["target_imports"] == json{{"before", 0}, {"after", 1}});
    CHECK(sc["legacy_mentions"]["before"] == json{{"code", 5}, {"comments", 0}, {"docstrings", 0}});
    CHECK(sc["legacy_mentions"]["after"] == json{{"code", 2}, {"comments", 0}, {"docstrings", 0}});
    CHECK(sc["legacy_sites_remaining"] == 2);
    CHECK(sc["legacy_sites_outside_batch"] == 2);  // the suppressed one is not a legacy site
    CHECK(sc["suppressed_sites"] == 0);

    REQUIRE(r["groups"].size() == 2);
    CHECK(r["groups"][0]["name"] == "CLI entry points");
    CHECK(r["groups"][0]["files"][0]["path"] == "pkg/main.py");
    CHECK(r["groups"][0]["files"][0]["edits"].size() == 3);
    CHECK(r["groups"][1]["name"] == "pkg");  // default group: the parent directory
    CHECK(r["groups"][1]["files"].size() == 1);  // plain.py had no legacy text: counted, not listed

    std::map<std::string, std::pair<std::string, std::string>> ex;
    for (const json& e : r["examples"]) ex[e["category"]] = {e["before"], e["after"]};
    CHECK(ex.size() == 4);
    CHECK(ex["import"] == std::make_pair(std::string(""), std::string("import anyio\n")));
    CHECK(ex["sleep"] == std::make_pair(std::string("    await asyncio.sleep(1)"), std::string("    await anyio.sleep(1)")));
    CHECK(ex["run"] == std::make_pair(std::string("    asyncio.run(main())"), std::string("    anyio.run(main)")));
    CHECK(ex["sync-primitive"] ==
          std::make_pair(std::string("    lock = asyncio.Lock()"), std::string("    lock = anyio.Lock()")));

    CHECK(reasonCount(r, "no-equivalent") == 1);
    CHECK(reasonCount(r, "syntax-error") == 1);
    CHECK(reasonCount(r, "outside-batch") == 2);
    CHECK(reasonCount(r, "needs-review") == 0);
    CHECK(reasonCount(r, "fixable") == 0);
    const json& ne = r["not_migrated"][0];
    REQUIRE(ne["reason"] == "no-equivalent");
    CHECK(ne["patterns"][0]["sites"][0]["line"] == 9);
    CHECK(ne["patterns"][0]["sites"][0]["before"] == "asyncio.get_event_loop");
    CHECK(ne["patterns"][0]["files"] == 1);

    CHECK(r["verification"]["files_reparsed"] == 1);
    CHECK(r["verification"]["syntax_errors_introduced"] == 0);
    CHECK(r["verification"]["compile"].is_null());
    CHECK(r["remaining_work"]["legacy_sites"] == 4);
    CHECK(r["remaining_work"]["files_with_legacy_sites"] ==
          json::parse(R"J([{"path":"pkg/broken.py","count":1},{"path":"pkg/main.py","count":1}])J"));
    CHECK(r["testing_impact"]["scanned"] == false);
}

TEST_CASE("buildReport: check lists fixable sites as not migrated", "[reports]") {
    reports::ReportMeta meta = sampleMeta();
    meta.command = "check";
    meta.batchId.reset();
    meta.outsideBatch.clear();
    json r = reports::buildReport(sampleRun(RunMode::Check), meta);
    CHECK(r["batch"].is_null());
    CHECK(r["scale"]["files_modified"] == 0);
    CHECK(r["scale"]["edits"] == 3);
    CHECK(reasonCount(r, "fixable") == 3);
    CHECK(reasonCount(r, "no-equivalent") == 1);
    CHECK(r["scale"]["legacy_sites_remaining"] == 5);
    CHECK(r["verification"]["files_reparsed"] == 0);
}

TEST_CASE("mergeReports: batches in order, progress and the project as it stands", "[reports]") {
    reports::ReportMeta m10 = sampleMeta(), m2 = sampleMeta();
    m10.batchId = "10";
    m2.batchId = "2";
    m2.outsideBatch = {outsideSite("pkg/main.py", SiteStatus::Fixed, 5)};
    RunOptions o = options(RunMode::Diff);
    RunResult second;
    second.files.push_back(processText("other/y.py", "import asyncio\n\n\nasync def f():\n    await asyncio.sleep(1)\n", o));
    json a = reports::buildReport(sampleRun(RunMode::Diff), m10);
    json b = reports::buildReport(second, m2);
    json v = reports::mergeReports({a, b});
    REQUIRE(v["batches"].size() == 2);
    CHECK(v["batches"][0]["id"] == "2");  // numeric batch ids order numerically
    CHECK(v["batches"][1]["id"] == "10");
    CHECK(v["batches"][0]["legacy_sites_total"] == 1);   // 0 in the batch + pkg/main.py's fixable site
    CHECK(v["batches"][1]["legacy_sites_total"] == 4);
    CHECK(v["scale"]["edits"] == 4);
    CHECK(v["scale"]["files_modified"] == 2);
    CHECK(v["scale"]["lines_added"] == 7);
    // Batch 10 counts a fixable site in other/y.py outside it, but batch 2 processed that
    // file: its own entry (0 sites left) wins. other/x.py was never processed: 1 site.
    CHECK(v["legacy_by_directory"] == json::parse(R"J([{"directory":"other","count":1},{"directory":"pkg","count":2}])J"));
    CHECK(v["scale"]["legacy_sites_remaining"] == 3);
}

TEST_CASE("renderMarkdown: the seed's sections with the measured numbers", "[reports]") {
    json r = reports::buildReport(sampleRun(RunMode::Diff), sampleMeta());
    std::string md = reports::renderMarkdown({r});
    CHECK(md.rfind("# Anyio Migration - Batch 8 Report\n", 0) == 0);
    for (const char* line : {"- **Files Scanned**: 3\n", "- **Files Modified**: 1\n", "- **Lines Changed**: +5 / -3\n",
                             "- **Import Changes**: 0 anyio imports before, 1 after\n",
                             "## Batch 8 Files (2 files)\n", "### CLI entry points (1 file)\n",
                             "### No anyio equivalent (1 site)\n", "### Outside this batch (2 sites)\n",
                             "- Syntax errors introduced: 0\n", "# Before:\n    await asyncio.sleep(1)\n\n# After:\n    await anyio.sleep(1)\n"})
        CHECK(md.find(line) != std::string::npos);
    CHECK(md.find("Redesign the 1 site with no anyio equivalent.") != std::string::npos);
}

TEST_CASE("renderHtml: one self-contained page, everything escaped", "[reports]") {
    RunOptions o = options(RunMode::Diff);
    RunResult run;
    run.files.push_back(processText("pkg/<b>&.py", "import asyncio\nX = '</pre><script>'\nasync def main(): pass\nasyncio.run(main())\n", o));
    reports::ReportMeta meta = sampleMeta();
    meta.outsideBatch.clear();
    std::string page = reports::renderHtml({reports::buildReport(run, meta)});
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(page.find("pkg/&lt;b&gt;&amp;.py") != std::string::npos);
    CHECK(page.find("&lt;/pre&gt;&lt;script&gt;") != std::string::npos);
    CHECK(page.find("<b>&") == std::string::npos);
    std::size_t scripts = 0;
    for (std::size_t at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1)) ++scripts;
    CHECK(scripts == 1);
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
    CHECK(page.find("data-metric=\"edits\"><span class=\"value\">1</span>") != std::string::npos);
}

TEST_CASE("the pack's verifyCompile: per-file result with the interpreter's message", "[reports]") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("anymig-verify-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "good.py") << "x = 1\n";
    std::ofstream(dir / "bad.py") << "def f(:\n    pass\n";
    const auto& verifyCompile = asyncio_to_anyio::descriptor().verifyCompile;
    REQUIRE(verifyCompile);
    auto res = verifyCompile({(dir / "good.py").string(), (dir / "bad.py").string()}, "/usr/bin/python3");
    REQUIRE(res.size() == 2);
    CHECK(res[0].ok);
    CHECK(res[0].output.empty());
    CHECK_FALSE(res[1].ok);
    CHECK(res[1].output.find("SyntaxError") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "__pycache__"));
    auto missing = verifyCompile({(dir / "good.py").string()}, "/nonexistent/python");
    REQUIRE(missing.size() == 1);
    CHECK_FALSE(missing[0].ok);
    CHECK(missing[0].output == "cannot run /nonexistent/python: No such file or directory");
    fs::remove_all(dir);
}

TEST_CASE("checkReportVersion", "[reports]") {
    CHECK(reports::checkReportVersion(json{{"schema_version", 1}}).empty());
    CHECK(reports::checkReportVersion(json{{"schema_version", 2}}) ==
          "schema_version 2 is not supported (this build reads 1)");
    CHECK(reports::checkReportVersion(json::array()) == "not a JSON object");
    CHECK(reports::checkReportVersion(json{{"x", 1}}) == "no schema_version: not an anymig report");
}
