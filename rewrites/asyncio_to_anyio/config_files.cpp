// AM215 pytest (config side): a small front end for pytest.ini, .pytest.ini, tox.ini,
// setup.cfg and pyproject.toml. pytest-asyncio's options mean nothing to anyio's plugin:
//   asyncio_mode = auto   -> anyio_mode = auto (INI) / anyio_mode = "auto" (TOML) when the
//                            target is anyio >= 4.11; before that it is flagged and kept (the
//                            test modules get pytest.mark.anyio from the Python side of this
//                            rule, which reads the line, so it must outlive the first run)
//   asyncio_mode = strict, asyncio_default_fixture_loop_scope, ... -> removed
// --asyncio-mode / -p asyncio in addopts is flagged. Edits are whole-line text edits;
// toml++ only reads pyproject.toml.
#include <memory>

#include "core/frontend.h"
#include "core/toml.h"
#include "matchers/python/context.h"
#include "matchers/python/rule.h"
#include "rewrites/asyncio_to_anyio/pytest_config.h"

namespace anymig::asyncio_to_anyio {

extern const python::PyRule kPytest;

namespace {

bool isAsyncioOption(const std::string& key) {
    return key == "asyncio_mode" || key == "asyncio_default_fixture_loop_scope" ||
           key == "asyncio_default_test_loop_scope" || key == "asyncio_debug";
}

std::string unquote(std::string v) {
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
    return v;
}

// A diagnostic of `rule` at the key-value text of `k`.
Diagnostic keyDiagnostic(const SourceFile& source, const anymig::RuleInfo& rule, const ConfigKey& k) {
    const std::string& text = source.text();
    Diagnostic d;
    d.ruleId = std::string(rule.id);
    d.ruleName = std::string(rule.name);
    d.category = std::string(rule.category);
    d.path = source.path();
    d.begin = source.position(k.keyBegin);
    d.end = source.position(k.valueEnd);
    d.before = text.substr(k.keyBegin, k.valueEnd - k.keyBegin);
    return d;
}

// The diagnostic (and edit) for one key of a pytest config, if it is pytest-asyncio's.
void analyzeKey(Analysis& out, const SourceFile& source, const anymig::RuleInfo& rule, const ConfigKey& k,
                const python::Version& target, bool toml) {
    Diagnostic d = keyDiagnostic(source, rule, k);
    if (k.key == "addopts") {
        if (k.value.find("asyncio") == std::string::npos) return;
        d.status = SiteStatus::NeedsReview;
        d.message = "addopts passes pytest-asyncio options (" + k.value +
                    "): remove them; anyio's plugin is enabled by the anyio package itself";
        out.diagnostics.push_back(d);
        return;
    }
    if (!isAsyncioOption(k.key)) return;
    std::string value = unquote(k.value);
    if (k.key == "asyncio_mode" && value == "auto" && !target.atLeast(4, 11)) {
        // Kept: the Python side of this rule reads it (on every run, in any file order) to
        // know that unmarked async tests ran; anyio before 4.11 has no auto mode.
        d.status = SiteStatus::NeedsReview;
        d.message = "asyncio_mode = auto is pytest-asyncio's: anyio " + target.str() +
                    " has no auto mode (anyio_mode needs 4.11), so the test modules get pytest.mark.anyio "
                    "instead; delete this line when pytest-asyncio is uninstalled (it is kept so that "
                    "every run of anymig knows the tests ran in auto mode)";
        out.diagnostics.push_back(d);
        return;
    }
    if (k.continued || !k.simple) {
        d.status = SiteStatus::NeedsReview;
        d.message = k.key + " is pytest-asyncio's and means nothing to anyio: remove it by hand";
        out.diagnostics.push_back(d);
        return;
    }
    Edit e;
    e.ruleId = std::string(rule.id);
    if (k.key == "asyncio_mode" && value == "auto" && target.atLeast(4, 11)) {
        e.begin = k.keyBegin;
        e.end = k.valueEnd;
        e.replacement = toml ? "anyio_mode = \"auto\"" : "anyio_mode = auto";
        d.after = e.replacement;
        d.message = "asyncio_mode = auto is pytest-asyncio's -> " + e.replacement + " (anyio " +
                    target.str() + " runs unmarked async tests itself)";
    } else {
        e.begin = k.lineBegin;
        e.end = k.lineEnd;
        e.replacement = "";
        d.message = k.key + " = " + value + " is pytest-asyncio's and does nothing for anyio: removed";
    }
    d.status = SiteStatus::Fixed;
    if (out.edits.add(e)) out.diagnostics.push_back(d);
}

class PytestConfigFrontend : public Frontend {
public:
    std::string_view name() const override { return "pytest-config"; }
    // Name endings, one byte shorter than the file names: discovery matches an ending only when
    // the file name is longer than it. analyze() then takes exactly pytest.ini, .pytest.ini,
    // tox.ini, setup.cfg and pyproject.toml and nothing else.
    std::vector<std::string> extensions() const override {
        return {"ytest.ini", "ox.ini", "etup.cfg", "yproject.toml"};
    }
    bool mayNeedWork(std::string_view text, const Settings&) const override {
        return text.find("asyncio") != std::string_view::npos;
    }

    Analysis analyze(const SourceFile& source, const AnalysisOptions& options) const override {
        Analysis out;
        ConfigKind kind = configKindOf(source.path());
        const anymig::RuleInfo& rule = kPytest.info;
        if (kind == ConfigKind::None || (options.rules && !options.rules->enabled(rule))) return out;
        const std::string& text = source.text();
        std::string error;
        std::vector<ConfigKey> keys = pytestKeys(kind, text, &error);
        if (!error.empty()) {
            out.syntaxError = error;
            return out;
        }
        if (!isPytestConfig(kind, text)) return out;
        python::Version target{4, 0};
        if (options.settings)
            if (auto v = python::Version::parse(options.settings->get("target-anyio"))) target = *v;
        bool toml = kind == ConfigKind::PyprojectToml;
        for (const ConfigKey& k : keys) analyzeKey(out, source, rule, k, target, toml);
        return out;
    }

    std::optional<std::string> syntaxError(const SourceFile& source) const override {
        if (configKindOf(source.path()) != ConfigKind::PyprojectToml) return std::nullopt;
        try {
            (void)toml::parse(source.text());
        } catch (const toml::parse_error& e) {
            return "line " + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
        }
        return std::nullopt;
    }
};

}  // namespace

std::unique_ptr<Frontend> makePytestConfigFrontend() { return std::make_unique<PytestConfigFrontend>(); }

}  // namespace anymig::asyncio_to_anyio
