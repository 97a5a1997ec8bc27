// The Python front end: tree-sitter parsing, the semantic model, and a pack of PyRules.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/frontend.h"
#include "matchers/python/rule.h"
#include "matchers/python/run_summary.h"

namespace anymig::python {

class PythonFrontend : public Frontend {
public:
    // Checks the combined result of a round (every rule's fixes and flags) before the import
    // rule runs and before anything is applied; it may retract fixes (Context::retract).
    using RoundCheck = std::function<void(Context&)>;
    // The pack's rules, in run order, its front-end configuration (core/pack.h) and its
    // round check.
    // Summarises one module for the run's first pass (matchers/python/run_summary.h): called with
    // a fresh Context on the module's text and the run's rule selection.
    using Summarizer = std::function<void(Context&, const RuleSelection&, ModuleSummary&)>;
    // A module's round fact (RunSummaries::roundFact): called after the module's whole first round
    // (its rules and round check, which may consult the other modules' summaries).
    using RoundSummarizer = std::function<std::string(Context&)>;
    PythonFrontend(std::vector<const PyRule*> rules, FrontendConfig config, RoundCheck check = {},
                   Summarizer summarize = {}, RoundSummarizer summarizeRound = {});
    std::string_view name() const override { return "python"; }
    std::vector<std::string> extensions() const override { return {".py", ".pyi"}; }
    bool mayNeedWork(std::string_view text, const Settings& settings) const override;
    Analysis analyze(const SourceFile& source, const AnalysisOptions& options) const override;
    std::optional<std::string> syntaxError(const SourceFile& source) const override;
    std::optional<std::vector<std::string>> cacheContextFiles() const override { return config_.contextFiles; }
    std::string declaredEncoding(std::string_view text) const override;
    std::optional<PieceSplit> splitPieces(std::string_view text, std::size_t pieceBytes) const override;
    std::vector<std::string> pieceLocalRules() const override { return config_.pieceLocalRules; }
    // The first pass of a run: every file read for its imports; modules summarised on demand.
    void prepareRun(const std::vector<std::string>& paths, const RuleSelection& rules,
                    const Settings& settings) const override;
    std::string cacheKeyFor(const std::string& path) const override;

private:
    bool importsTarget(const std::string& qualified) const;
    std::vector<const PyRule*> rules_;
    FrontendConfig config_;
    RoundCheck check_;
    Summarizer summarize_;
    RoundSummarizer summarizeRound_;
    // Summarises one module of the run into `out`, or (out null) runs its whole first round and
    // returns its round fact; `migrated` false: the module is not migrated by this run (another
    // batch's file), so its round applies no rule: its fact is the module as it is on disk.
    std::string summarizeOne(const std::string& path, const RuleSelection& rules, const Settings& settings,
                             const RunSummaries* others, ModuleSummary* out, bool migrated = true) const;
    mutable std::shared_ptr<const RunSummaries> summaries_;  // set by prepareRun, read-only after
};

// Counts mentions of `word` in comments and in string literals (docstrings included).
void countTextMentions(const Syntax& syntax, const std::string& word, MentionCounts& counts);

}  // namespace anymig::python
