// The JSON report of one `migrate` or `check` run (schema: reports/anymig-report.schema.json,
// documented in docs/report-format.md), the project-level merge of several batch reports,
// and the Markdown and HTML renderers. Everything a renderer shows is in the JSON, so
// `anymig report` can render reports written earlier, on another machine.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/pack.h"
#include "core/runner.h"

namespace anymig::reports {

// Bumped whenever a field changes meaning or a required field is added.
inline constexpr int kSchemaVersion = 1;

// The result of compiling one changed file (`--verify-compile`, the pack's compile check).
using CompileResult = anymig::CompileResult;

// A target version of the run and where it came from (the command line, [tool.anymig], a
// dependency declaration, the default): the report's "targets".
struct ReportTarget {
    std::string option, name, value, source;
};
// One module's readiness (the pack's readiness check): the report's "readiness".
struct ReportModule {
    std::string path;
    std::string state;               // the pack's ready word, "<legacy>-only" or "partly migrated"
    std::vector<std::string> uses;   // the legacy uses left: "pkg.f (line 12)"
};

struct ReportMeta {
    std::string toolVersion;                       // e.g. "0.1.0"
    std::string packName;                          // from the pack's descriptor (describePack)
    std::string packVersion;                       // e.g. "0.1.0"
    ReportVocabulary vocabulary;                   // the pack's words for its libraries
    std::string importRuleId, importRuleName;      // the pack's always-on (import) rule
    std::string command = "migrate";               // "migrate" or "check"
    bool wroteFiles = true;                        // false for `check` and `migrate --diff`
    std::optional<std::string> batchId;            // from the batch plan, when migrating one batch
    std::string date;                              // ISO 8601; empty = now, in UTC
    std::vector<std::string> roots;                // the paths given on the command line
    // File -> group name (from the batch planner). Files not listed are grouped by their
    // parent directory.
    std::map<std::string, std::string> groups;
    // Paths in the report are shown relative to this directory when they lie under it
    // (empty: as given).
    std::string baseDir;
    // Legacy sites in files that are not part of this batch (from the planner), reported
    // under the reason "outside-batch".
    std::vector<Diagnostic> outsideBatch;
    // Set when `--verify-compile` was given.
    std::optional<std::vector<CompileResult>> compile;
    std::string compilePython;                     // the interpreter used for `compile`
    std::string compileCommand;                    // the pack's "{tool} -m ..." (describePack)
    // The pack's look at the project's tests (describePack; PackDescriptor::testingImpact).
    std::function<std::string(const TestingScan&)> testingImpact;
    // Run `testingImpact` (tests switch it off when they build reports from in-memory results).
    bool scanTestingImpact = true;
    std::vector<ReportTarget> targets;  // empty: the report has no "targets"
    // The pack's readiness label ("readiness") and every module that used the legacy library;
    // no label: the report has no "readiness".
    std::string readinessLabel;
    std::vector<ReportModule> readiness;
};

// Fills the pack's name, vocabulary, import rule, compile command and testing-impact hook
// from its descriptor.
void describePack(ReportMeta& meta, const PackDescriptor& pack);

// Builds the report (schema_version 1) for one run.
nlohmann::json buildReport(const RunResult& result, const ReportMeta& meta);

// Merges several reports (batches of one project, in any order) into the project-level
// view: batches ordered by date then batch id, per-batch progress, totals, and the most
// recent state of every file. A single report merges to the same shape.
nlohmann::json mergeReports(const std::vector<nlohmann::json>& reports);

// Renders one report, or several as one project report with progress over batches.
std::string renderMarkdown(const std::vector<nlohmann::json>& reports);
std::string renderHtml(const std::vector<nlohmann::json>& reports);

// Checks a JSON document's `schema_version`; returns an empty string when it is a report
// this build can render, else the reason.
std::string checkReportVersion(const nlohmann::json& report);

}  // namespace anymig::reports
