// AM215 pytest (Python side): tests written for pytest-asyncio run under anyio's pytest plugin.
//   @pytest.mark.asyncio                 -> @pytest.mark.anyio
//   @pytest_asyncio.fixture(...)         -> @pytest.fixture(...)
//   asyncio_mode = auto (pytest-asyncio) -> for targets before anyio 4.11 (no anyio_mode):
//                                           `pytestmark = pytest.mark.anyio` in test modules
//                                           whose async tests carry no marker
//   the top-most conftest.py             -> an `anyio_backend` fixture choosing the backends
//                                           of the "test-backends" setting (default asyncio);
//                                           anyio's own default runs every test on asyncio AND trio.
// The config files themselves are handled by the pytest-config front end (config_files.cpp).
#include <algorithm>

#include "matchers/python/import_style.h"
#include "rewrites/asyncio_to_anyio/local_names.h"
#include "rewrites/asyncio_to_anyio/pytest_config.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kPytest;

namespace {

std::string baseName(const std::string& path) {
    std::size_t slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool isTestModule(const std::string& path) {
    std::string b = baseName(path);
    return (b.rfind("test_", 0) == 0 && b.size() > 8 && b.substr(b.size() - 3) == ".py") ||
           (b.size() > 8 && b.substr(b.size() - 8) == "_test.py");
}

bool isAsyncDef(TSNode def) {
    for (TSNode c : python::children(def)) {
        if (python::type(c) == "async") return true;
        if (python::type(c) == "def") return false;
    }
    return false;
}

// The definition inside a decorated_definition (or the node itself), and its decorators' text.
TSNode definitionOf(TSNode n, std::string& decorators, const Context& ctx) {
    if (!is(n, "decorated_definition")) return n;
    for (TSNode c : namedChildren(n))
        if (is(c, "decorator")) decorators += ctx.str(c);
    return field(n, "definition");
}

// Async test functions (module level, and methods of Test* classes) with no asyncio/anyio marker.
std::vector<TSNode> unmarkedAsyncTests(const Context& ctx) {
    std::vector<TSNode> out;
    auto visit = [&](TSNode n, const std::string& outer) {
        std::string decorators = outer;
        TSNode def = definitionOf(n, decorators, ctx);
        if (!is(def, "function_definition") || !isAsyncDef(def)) return;
        if (ctx.text(field(def, "name")).substr(0, 4) != "test") return;
        if (decorators.find("anyio") != std::string::npos || decorators.find("asyncio") != std::string::npos) return;
        out.push_back(field(def, "name"));
    };
    for (TSNode top : namedChildren(ctx.syntax.root())) {
        std::string decorators;
        TSNode def = definitionOf(top, decorators, ctx);
        if (is(def, "class_definition")) {
            if (ctx.text(field(def, "name")).substr(0, 4) != "Test") continue;
            for (TSNode m : namedChildren(field(def, "body"))) visit(m, decorators);
        } else {
            visit(top, "");
        }
    }
    return out;
}

// The first top-level statement after the docstring, comments and imports.
TSNode firstBodyStatement(const Context& ctx) {
    bool first = true;
    for (TSNode top : namedChildren(ctx.syntax.root())) {
        bool docstring = first && is(top, "expression_statement") && namedChildren(top).size() == 1 &&
                         is(namedChildren(top)[0], "string");
        first = first && is(top, "comment");
        if (docstring || is(top, "comment") || is(top, "import_statement") || is(top, "import_from_statement") ||
            is(top, "future_import_statement"))
            continue;
        return top;
    }
    return TSNode{};
}

TSNode firstImport(const Context& ctx) {
    for (TSNode top : namedChildren(ctx.syntax.root()))
        if (is(top, "import_statement") || is(top, "import_from_statement")) return top;
    return TSNode{};
}

bool moduleBinds(const Context& ctx, const std::string& name) {
    return ctx.model.module().bindings.count(name) > 0;
}

// The anyio_backend fixture for the configured backends, or "" with `why`.
std::string backendFixture(const Context& ctx, std::string& why) {
    std::string setting = ctx.settings.get("test-backends", "asyncio");
    std::vector<std::string> backends;
    std::size_t at = 0;
    while (at <= setting.size()) {
        std::size_t comma = setting.find(',', at);
        std::string item = setting.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        while (!item.empty() && item.front() == ' ') item.erase(item.begin());
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (item != "asyncio" && item != "trio") {
            why = "test-backends `" + setting + "` must list asyncio and/or trio";
            return {};
        }
        if (std::find(backends.begin(), backends.end(), item) == backends.end()) backends.push_back(item);
        if (comma == std::string::npos) break;
        at = comma + 1;
    }
    const std::string& nl = ctx.newline();
    if (backends.size() == 1)
        return "@pytest.fixture(scope=\"session\")" + nl + "def anyio_backend():" + nl + "    return \"" +
               backends[0] + "\"" + nl;
    std::string params;
    for (const std::string& b : backends) params += (params.empty() ? "\"" : ", \"") + b + "\"";
    return "@pytest.fixture(scope=\"session\", params=[" + params + "])" + nl + "def anyio_backend(request):" + nl +
           "    return request.param" + nl;
}

void markers(Context& ctx, const PyRule& rule, TSNode& firstMarker) {
    for (const python::Reference& ref : ctx.model.references()) {
        TSNode node = ref.node;
        TSNode parent = ctx.syntax.parent(node);
        bool called = is(parent, "call") && sameNode(field(parent, "function"), node);
        python::CallArgs a = called ? ctx.args(field(parent, "arguments")) : python::CallArgs{};
        if (ref.qualified == "pytest.mark.anyio" && isNull(firstMarker)) firstMarker = node;
        if (ref.qualified == "pytest.mark.asyncio") {
            if (isNull(firstMarker)) firstMarker = node;
            if (called && (!a.positional.empty() || !a.keywords.empty() || a.hasStar || a.hasDoubleStar)) {
                ctx.flag(rule.info, parent, SiteStatus::NeedsReview,
                         "pytest.mark.asyncio(...) with arguments (pytest-asyncio's event loop scope): anyio runs "
                         "tests on one runner per anyio_backend scope; use @pytest.mark.anyio and scope the "
                         "anyio_backend fixture instead");
                continue;
            }
            if (!is(node, "attribute")) {
                ctx.flag(rule.info, node, SiteStatus::NeedsReview,
                         "the asyncio marker imported by name: use pytest.mark.anyio");
                continue;
            }
            Fix fix{{replaceNode(field(node, "attribute"), "anyio")}, {}};
            ctx.fixed(rule.info, node, "pytest.mark.asyncio -> pytest.mark.anyio", fix);
        } else if (ref.qualified == "pytest_asyncio.fixture") {
            if (called && (!isNull(a.keyword("loop_scope", ctx.syntax)) || a.hasDoubleStar)) {
                ctx.flag(rule.info, parent, SiteStatus::NeedsReview,
                         "pytest_asyncio.fixture(loop_scope=...): anyio has no per-fixture loop scope; use "
                         "@pytest.fixture with an anyio_backend fixture of the same scope");
                continue;
            }
            Fix fix{{replaceNode(node, "pytest.fixture")}, {"pytest"}};
            ctx.fixed(rule.info, node,
                      std::string(is(node, "attribute") ? "pytest_asyncio.fixture" : "fixture (pytest_asyncio.fixture)") +
                          " -> pytest.fixture: anyio's plugin runs async fixtures of anyio tests",
                      fix);
        } else if (ref.qualified == "pytest_asyncio" || ref.qualified.rfind("pytest_asyncio.", 0) == 0) {
            ctx.flag(rule.info, node, SiteStatus::NoEquivalent,
                     ref.qualified + " is pytest-asyncio's; anyio's pytest plugin has no equivalent");
        }
    }
}

}  // namespace

extern const PyRule kPytest{
    {"AM215", "pytest", "tests",
     "Move pytest-asyncio tests to anyio's pytest plugin: markers, fixtures, auto mode, anyio_backend",
     FixSafety::Conditional},
    {},
    {},
    [](Context& ctx, const PyRule& rule) {
        TSNode firstMarker{};
        markers(ctx, rule, firstMarker);
        const std::string& path = ctx.source.path();
        bool touched = !isNull(firstMarker);
        // pytest-asyncio imports nothing uses any more: the dependency can go.
        bool asyncioPluginUsed = false;
        for (const python::Reference& ref : ctx.model.references())
            if (ref.qualified == "pytest_asyncio" || ref.qualified.rfind("pytest_asyncio.", 0) == 0)
                asyncioPluginUsed = true;
        if (!asyncioPluginUsed)
            for (const auto& [name, bindings] : ctx.model.module().bindings)
                for (const python::Binding& b : bindings)
                    if (b.kind == python::Binding::Kind::Import &&
                        (b.qualified == "pytest_asyncio" || b.qualified.rfind("pytest_asyncio.", 0) == 0))
                        ctx.flag(rule.info, b.statement, SiteStatus::NeedsReview,
                                 "`" + ctx.str(b.statement) +
                                     "` is no longer used: remove it together with the pytest-asyncio dependency "
                                     "(anyio's pytest plugin runs the tests)");
        // pytest-asyncio's event_loop fixture override means nothing to anyio.
        for (TSNode top : namedChildren(ctx.syntax.root())) {
            std::string decorators;
            TSNode def = definitionOf(top, decorators, ctx);
            if (is(def, "function_definition") && ctx.text(field(def, "name")) == "event_loop" &&
                decorators.find("fixture") != std::string::npos)
                ctx.flag(rule.info, field(def, "name"), SiteStatus::NoEquivalent,
                         "the event_loop fixture is pytest-asyncio's: anyio's plugin creates the loop; remove it and "
                         "choose backends (and their options) with the anyio_backend fixture");
        }
        // asyncio_mode = auto ran unmarked async tests; before anyio 4.11 they need the marker.
        // (The config is read from disk only for test modules, and only for targets that need it.)
        std::string mode;
        if (!ctx.targets.anyio.atLeast(4, 11) && isTestModule(path)) {
            mode = ctx.settings.get("pytest-asyncio-mode");
            if (mode.empty()) mode = asyncioModeOnDisk(path).value_or("");
        }
        if (mode == "auto") {
            std::vector<TSNode> unmarked = unmarkedAsyncTests(ctx);
            if (!unmarked.empty()) {
                touched = true;
                if (isNull(firstMarker)) firstMarker = unmarked[0];
                bool marked = false;
                if (moduleBinds(ctx, "pytestmark"))
                    for (const python::Binding& b : ctx.model.module().bindings.at("pytestmark"))
                        if (ctx.text(ctx.statementOf(b.node)).find("anyio") != std::string_view::npos) marked = true;
                if (marked) {
                    // already carries pytest.mark.anyio
                } else if (moduleBinds(ctx, "pytestmark")) {
                    ctx.flag(rule.info, unmarked[0], SiteStatus::NeedsReview,
                             "asyncio_mode = auto ran this async test without a marker; anyio " +
                                 ctx.targets.anyio.str() +
                                 " has no auto mode (anyio_mode needs 4.11): add pytest.mark.anyio to the module's "
                                 "pytestmark");
                } else if (TSNode first = firstBodyStatement(ctx); !isNull(first)) {
                    const std::string& nl = ctx.newline();
                    std::size_t at = ctx.source.lineStart(python::rowOf(first));
                    // The blank lines above become what isort wants between imports and code.
                    std::size_t from = at;
                    while (from > 0) {
                        int prev = ctx.source.position(from - 1).line;
                        if (ctx.source.lineText(prev).find_first_not_of(" \t\r") != std::string_view::npos) break;
                        from = ctx.source.lineStart(prev);
                    }
                    std::string above;
                    if (from != at)
                        for (int k = python::importStyleFor(path, ctx.settings.get(python::kImportSettingsPathKey)).blankLinesAfterImports("pytestmark", false); k > 0; --k)
                            above += nl;
                    Fix fix{{replaceRange(from, at, above + "pytestmark = pytest.mark.anyio" + nl + nl + nl)}, {"pytest"}};
                    ctx.fixed(rule.info, unmarked[0],
                              "asyncio_mode = auto ran " + std::to_string(unmarked.size()) +
                                  " unmarked async test(s); anyio " + ctx.targets.anyio.str() +
                                  " has no auto mode (anyio_mode needs 4.11): `pytestmark = pytest.mark.anyio` added",
                              fix);
                }
            }
        }
        // The anyio_backend fixture, in the top-most conftest.py.
        if (baseName(path) == "conftest.py" && !moduleBinds(ctx, "anyio_backend") && !hasConftestAbove(path)) {
            TSNode site = firstImport(ctx);
            std::string why;
            std::string fixture = backendFixture(ctx, why);
            if (!isNull(site) && fixture.empty()) {
                ctx.flag(rule.info, site, SiteStatus::NeedsReview, "no anyio_backend fixture added: " + why);
            } else if (!isNull(site)) {
                const std::string& text = ctx.source.text();
                std::size_t end = text.size();
                std::string lead = text.empty() || text.back() == '\n' ? "" : ctx.newline();
                Fix fix{{replaceRange(end, end, lead + ctx.newline() + ctx.newline() + fixture)}, {"pytest"}};
                ctx.fixed(rule.info, site,
                          "anyio_backend fixture added to conftest.py (test-backends: " +
                              ctx.settings.get("test-backends", "asyncio") +
                              "): anyio's default fixture would run every test on asyncio and trio",
                          fix);
            }
        } else if (touched && !moduleBinds(ctx, "anyio_backend")) {
            if (auto reachable = anyioBackendReachable(path); reachable && !*reachable)
                ctx.flag(rule.info, firstMarker,
                         SiteStatus::NeedsReview,
                         "no conftest.py above this module defines anyio_backend: anyio's default fixture runs each "
                         "test on every backend (asyncio and trio); add a session-scoped `anyio_backend` fixture "
                         "returning \"asyncio\" to a conftest.py");
        }
    }};

}  // namespace anymig::asyncio_to_anyio
