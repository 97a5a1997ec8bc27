// The CI gate's view of a run: stable site fingerprints, the baseline file, and inline
// suppressions that silenced nothing. Language neutral: it reads the diagnostics the front
// ends produced and the lines of the files' text the run kept (core/site_lines.h), never a
// syntax tree.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/diagnostic.h"
#include "core/runner.h"
#include "core/site_lines.h"

namespace anymig::tool {

// One site the gate counts (any diagnostic that is not Suppressed).
struct GateSite {
    const Diagnostic* diagnostic = nullptr;
    std::string fingerprint;  // 16 hex digits, see siteFingerprint()
    int occurrence = 1;       // 1-based among sites of the same file, rule and fingerprint
    bool baselined = false;
};

// 64-bit FNV-1a as 16 lower-case hex digits (stable across builds and machines).
std::string fnv1aHex(std::string_view text);
// Collapses every run of whitespace to one space and trims both ends.
std::string normaliseWhitespace(std::string_view text);
// Fingerprint of one site: rule id, the site's normalised text, its normalised line and its
// enclosing context (the normalised line enclosingLine() finds above it: the header of the
// enclosing block, `def f():`, `class C:`, `if x:` ...; "" at top level). Line numbers are not
// part of it, so edits elsewhere leave it unchanged.
std::string siteFingerprint(const Diagnostic& d, const SiteLines& lines);

// The sites of a run that the gate counts, in (path, line, column, rule) order, with
// fingerprints and occurrence counters (from each outcome's site lines: the run must have kept
// them, RunOptions::keepSiteLines).
std::vector<GateSite> gateSites(const RunResult& result);

// A baseline: sites accepted as known, keyed on path (relative to the baseline file's
// directory), rule id and fingerprint, with how many such sites there were.
class Baseline {
public:
    // Reads a baseline written by save(). Throws std::runtime_error naming the file on errors.
    static Baseline load(const std::string& file);
    // Writes the sites as a baseline (JSON, sorted, one entry per site) to `file`.
    static void save(const std::string& file, const std::vector<GateSite>& sites);
    // Marks sites found in the baseline (the first N occurrences of each key).
    void apply(std::vector<GateSite>& sites) const;
    std::size_t size() const;
    const std::string& directory() const { return dir_; }

private:
    std::string dir_;  // absolute directory of the baseline file
    std::map<std::tuple<std::string, std::string, std::string>, int> counts_;
};

// A path as written in baselines and SARIF: relative to `base` with '/' separators when the
// file lies under it, else absolute.
std::string relativeTo(const std::string& path, const std::string& base);

// An `anymig: ignore` comment that silenced nothing: the bare form on a line where no site was
// suppressed, or one rule of a `[rule, ...]` list that suppressed no site of that rule.
struct UnusedSuppression {
    std::string path;
    int line = 0;
    int column = 0;    // of the marker
    std::string rule;  // the listed rule, or "" for the bare form
};

// Scans the file's kept lines (every line holding the marker is kept) for `anymig: ignore`
// markers and compares them with the Suppressed diagnostics of that file (a marker covers a site
// that begins or ends on its line). List items naming a rule that did not run (`ruleEnabled`
// false) are not reported.
std::vector<UnusedSuppression> unusedSuppressions(const std::string& path, const SiteLines& lines,
                                                  const std::vector<Diagnostic>& diagnostics,
                                                  const std::function<bool(const std::string&)>& ruleEnabled);

}  // namespace anymig::tool
