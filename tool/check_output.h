// `anymig check --format text|json|sarif|github`: the same findings in four shapes.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/runner.h"
#include "tool/gate.h"

namespace anymig::tool {

struct CheckFindings {
    const RunResult* result = nullptr;
    std::vector<GateSite> sites;                     // counted sites, sorted, baselined marked
    std::vector<const Diagnostic*> suppressed;       // silenced by inline comments, sorted
    std::vector<UnusedSuppression> unused;           // comments that silenced nothing
    std::optional<std::string> baseline;             // the baseline file in use
    std::string root;                                // paths are shown relative to this directory
    std::string toolVersion;
    std::size_t newSites() const;
};

// The word shown for a site's status in `check` output ("fixable" for a fix not yet applied).
std::string checkStatusWord(const Diagnostic& d);

// `path:line:col: RULE [status] message` per new site, then unused suppressions.
std::string renderText(const CheckFindings& f, bool colour);
// One JSON document (documented in docs/cli.md).
std::string renderJson(const CheckFindings& f);
// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
std::string renderSarif(const CheckFindings& f);
// GitHub Actions workflow commands (::warning / ::notice) for new sites and unused suppressions.
std::string renderGithub(const CheckFindings& f);

// The repository root for relative paths: the nearest directory at or above `start` holding
// .git, else `start` itself (absolute).
std::string repositoryRoot(const std::string& start);
// The documentation page of a rule.
std::string ruleHelpUri(const std::string& pack, const std::string& ruleName);

}  // namespace anymig::tool
