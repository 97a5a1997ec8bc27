#include "matchers/python/frontend.h"

#include "matchers/python/model.h"
#include "matchers/python/syntax.h"

namespace anymig::python {

PythonFrontend::PythonFrontend(std::vector<const PyRule*> rules, std::vector<std::string> triggers,
                               RoundCheck check)
    : rules_(std::move(rules)), triggers_(std::move(triggers)), check_(std::move(check)) {}

bool PythonFrontend::mayNeedWork(std::string_view text, const Settings& settings) const {
    for (const std::string& t : triggers_)
        if (text.find(t) != std::string_view::npos) return true;
    for (const auto& [flag, value] : settings.flags)
        if (text.find(flag) != std::string_view::npos) return true;
    return false;
}

static std::size_t countOccurrences(std::string_view hay, std::string_view word) {
    std::size_t n = 0;
    for (std::size_t p = hay.find(word); p != std::string_view::npos; p = hay.find(word, p + word.size())) ++n;
    return n;
}

void countTextMentions(const Syntax& syntax, const std::string& word, MentionCounts& counts) {
    for (TSNode n : syntax.namedNodes()) {
        std::string_view t = type(n);
        if (t == "comment") counts.comments += static_cast<int>(countOccurrences(syntax.text(n), word));
        else if (t == "string") counts.docstrings += static_cast<int>(countOccurrences(syntax.text(n), word));
    }
}

Analysis PythonFrontend::analyze(const SourceFile& source, const AnalysisOptions& options) const {
    Analysis out;
    Syntax syntax(source);
    out.syntaxError = syntax.syntaxError();
    Model model(syntax);
    static const Settings noSettings;
    Context ctx(syntax, model, options.settings ? *options.settings : noSettings, out, options.originalText);
    bool checked = !check_;
    for (const PyRule* rule : rules_) {
        // The import rule (category "import") always runs: other rules' fixes depend on it.
        bool always = rule->info.category == "import";
        if (always && !checked) {
            check_(ctx);  // the round's combination, before imports are placed for it
            checked = true;
        }
        if (!always && options.rules && !options.rules->enabled(rule->info)) continue;
        runRule(*rule, ctx);
    }
    if (!checked) check_(ctx);
    out.mentions.code = static_cast<int>(model.referencesTo("asyncio").size());
    for (const auto& [name, bindings] : model.module().bindings)
        for (const Binding& b : bindings)
            if (b.kind == Binding::Kind::Import &&
                (b.qualified == "anyio" || b.qualified.rfind("anyio.", 0) == 0))
                out.mentions.targetImports++;
    countTextMentions(syntax, "asyncio", out.mentions);
    return out;
}

std::optional<std::string> PythonFrontend::syntaxError(const SourceFile& source) const {
    return quickSyntaxError(source.text());
}

}  // namespace anymig::python
