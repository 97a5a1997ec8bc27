// The Python front end: tree-sitter parsing, the semantic model, and a pack of PyRules.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/frontend.h"
#include "matchers/python/rule.h"

namespace anymig::python {

class PythonFrontend : public Frontend {
public:
    // Checks the combined result of a round (every rule's fixes and flags) before the import
    // rule runs and before anything is applied; it may retract fixes (Context::retract).
    using RoundCheck = std::function<void(Context&)>;
    // The pack's rules, in run order, its front-end configuration (core/pack.h) and its
    // round check.
    PythonFrontend(std::vector<const PyRule*> rules, FrontendConfig config, RoundCheck check = {});
    std::string_view name() const override { return "python"; }
    std::vector<std::string> extensions() const override { return {".py", ".pyi"}; }
    bool mayNeedWork(std::string_view text, const Settings& settings) const override;
    Analysis analyze(const SourceFile& source, const AnalysisOptions& options) const override;
    std::optional<std::string> syntaxError(const SourceFile& source) const override;
    std::optional<std::vector<std::string>> cacheContextFiles() const override { return config_.contextFiles; }
    std::string declaredEncoding(std::string_view text) const override;

private:
    bool importsTarget(const std::string& qualified) const;
    std::vector<const PyRule*> rules_;
    FrontendConfig config_;
    RoundCheck check_;
};

// Counts mentions of `word` in comments and in string literals (docstrings included).
void countTextMentions(const Syntax& syntax, const std::string& word, MentionCounts& counts);

}  // namespace anymig::python
