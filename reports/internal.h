// Helpers shared by the report builder and the renderers (not part of the public API).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reports/report.h"

namespace anymig::reports::detail {

using nlohmann::json;

// The reasons a site was not migrated, in the order reports list them.
struct ReasonInfo {
    const char* id;
    const char* title;
};
const std::vector<ReasonInfo>& reasons();
// A reason's heading; "{target}" in it is the target library's name.
std::string reasonTitle(const ReasonInfo& reason, const std::string& target);

// The words a report uses for its pack's libraries (its "pack"."vocabulary"); neutral words
// for a report written before reports carried them.
struct Words {
    std::string title = "Migration";
    std::string legacy = "legacy";
    std::string target = "target";
    std::string finalStep;  // the last next step after files changed (e.g. run the tests)
    std::string codeLanguage;      // the fence language of code blocks ("" for none)
    std::string lineComment = "#";  // how a comment line starts in code blocks
};
Words wordsOf(const json& report);

// The words of the testing-impact section (its "labels", written by the pack); neutral words
// for a report without them.
struct TestingLabels {
    std::string config = "test configuration";       // "No <config> file was found"
    std::string configHeading = "Test Configuration";
    std::string setupFile = "test setup file";        // counted next to the test files
    std::vector<std::pair<std::string, std::string>> counts;  // label, key of a count
    std::string flagLabel, flagKey;                   // a yes/no fact, when the pack has one
};
TestingLabels testingLabelsOf(const json& testingImpact);
// The compile check's command before a file name ("python3 -m py_compile").
std::string compileCommandOf(const json& compile);

// `path` relative to `baseDir` when it lies under it, with '/' separators.
std::string displayPath(const std::string& path, const std::string& baseDir);
// The directory part of a displayed path ("." for none).
std::string parentDir(const std::string& path);

// Helpers for the renderers.
std::string htmlEscape(const std::string& s);
std::string withCommas(long long n);
// A Markdown code fence long enough not to be closed by the text inside.
std::string fenceFor(const std::string& text);
std::string plural(long long n, const char* one, const char* many);
// A member as a number (0 when absent) or a string ("" when absent).
inline long long num(const json& j, const char* key) {
    return j.contains(key) && j[key].is_number() ? j[key].get<long long>() : 0;
}
inline std::string str(const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}
// How a batch of a merged view is named: "Batch 8", or "Run 2" for a report outside a plan.
std::string batchLabel(const json& batch);
// The next steps a merged view calls for (Markdown inline code in backticks).
std::vector<std::string> nextSteps(const json& view);

}  // namespace anymig::reports::detail
