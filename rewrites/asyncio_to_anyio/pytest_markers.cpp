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
    std::string setting = ctx.settings.get(kTestBackends);
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

// pytest-asyncio imports nothing uses any more: the dependency can go.
void flagUnusedPytestAsyncio(Context& ctx, const PyRule& rule) {
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
}

// pytest-asyncio's event_loop fixture override means nothing to anyio.
void flagEventLoopFixture(Context& ctx, const PyRule& rule) {
    for (TSNode top : namedChildren(ctx.syntax.root())) {
        std::string decorators;
        TSNode def = definitionOf(top, decorators, ctx);
        if (is(def, "function_definition") && ctx.text(field(def, "name")) == "event_loop" &&
            decorators.find("fixture") != std::string::npos)
            ctx.flag(rule.info, field(def, "name"), SiteStatus::NoEquivalent,
                     "the event_loop fixture is pytest-asyncio's: anyio's plugin creates the loop; remove it and "
                     "choose backends (and their options) with the anyio_backend fixture");
    }
}

// `pytestmark = pytest.mark.anyio` above the first body statement of a module whose async
// tests `unmarked` ran unmarked under asyncio_mode = auto (or a flag when it has a pytestmark).
void addPytestmark(Context& ctx, const PyRule& rule, const std::string& path, const std::vector<TSNode>& unmarked) {
    bool marked = false;
    if (moduleBinds(ctx, "pytestmark"))
        for (const python::Binding& b : ctx.model.module().bindings.at("pytestmark"))
            if (ctx.text(ctx.statementOf(b.node)).find("anyio") != std::string_view::npos) marked = true;
    if (marked) {
        // already carries pytest.mark.anyio
    } else if (moduleBinds(ctx, "pytestmark")) {
        ctx.flag(rule.info, unmarked[0], SiteStatus::NeedsReview,
                 "asyncio_mode = auto ran this async test without a marker; anyio " +
                     targetAnyio(ctx).str() +
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
            for (int k = python::importStyleFor(path, ctx.settings.get(python::kImportSettingsPathKey)).blankLinesAfterImports("pytestmark", path); k > 0; --k)
                above += nl;
        Fix fix{{replaceRange(from, at, above + "pytestmark = pytest.mark.anyio" + nl + nl + nl)}, {"pytest"}};
        ctx.fixed(rule.info, unmarked[0],
                  "asyncio_mode = auto ran " + std::to_string(unmarked.size()) +
                      " unmarked async test(s); anyio " + targetAnyio(ctx).str() +
                      " has no auto mode (anyio_mode needs 4.11): `pytestmark = pytest.mark.anyio` added",
                  fix);
    }
}

// asyncio_mode = auto ran unmarked async tests; before anyio 4.11 they need the marker.
// (The config is read from disk only for test modules, and only for targets that need it.)
void markAutoModeTests(Context& ctx, const PyRule& rule, const std::string& path, TSNode& firstMarker,
                       bool& touched) {
    std::string mode;
    if (!targetAnyio(ctx).atLeast(4, 11) && isTestModule(path)) {
        mode = ctx.settings.get("pytest-asyncio-mode");
        if (mode.empty()) mode = asyncioModeOnDisk(path).value_or("");
    }
    if (mode == "auto") {
        std::vector<TSNode> unmarked = unmarkedAsyncTests(ctx);
        if (!unmarked.empty()) {
            touched = true;
            if (isNull(firstMarker)) firstMarker = unmarked[0];
            addPytestmark(ctx, rule, path, unmarked);
        }
    }
}

// The anyio_backend fixture, in the top-most conftest.py.
void anyioBackend(Context& ctx, const PyRule& rule, const std::string& path, TSNode firstMarker, bool touched) {
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
                          ctx.settings.get(kTestBackends) +
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
}

}  // namespace

extern const PyRule kPytest{
    .info = {.id = "AM215",
     .name = "pytest",
     .category = "tests",
     .summary = "Move pytest-asyncio tests to anyio's pytest plugin: markers, fixtures, auto mode, anyio_backend",
     .safety = FixSafety::Conditional,
     .brief = R"md(`pytest.mark.asyncio` → `pytest.mark.anyio`, `pytest_asyncio.fixture` → `pytest.fixture`; `asyncio_mode = auto` → `anyio_mode = auto` (anyio ≥ 4.11) or module `pytestmark` (older); `anyio_backend` fixture for `--test-backends` added to the top-most conftest.py; pytest.ini/tox.ini/setup.cfg/pyproject.toml edited as lines)md",
     .doc = R"md(
## What it does

Moves a pytest-asyncio test suite onto anyio's pytest plugin:

| pytest-asyncio | anyio |
|---|---|
| `@pytest.mark.asyncio`, `pytestmark = pytest.mark.asyncio`, `mark.asyncio` | `@pytest.mark.anyio`, ... `mark.anyio` |
| `@pytest_asyncio.fixture(...)`, `from pytest_asyncio import fixture` | `@pytest.fixture(...)` (+ `import pytest`) |
| `asyncio_mode = auto` (pytest.ini, .pytest.ini, tox.ini `[pytest]`, setup.cfg `[tool:pytest]`), target anyio ≥ 4.11 | `anyio_mode = auto` |
| `asyncio_mode = "auto"` in pyproject.toml `[tool.pytest.ini_options]`, target ≥ 4.11 | `anyio_mode = "auto"` |
| `asyncio_mode = auto`, target < 4.11 (default 4.0) | kept and flagged; every test module (`test_*.py`, `*_test.py`) with unmarked async tests gets `pytestmark = pytest.mark.anyio` |
| `asyncio_mode = strict`, `asyncio_default_fixture_loop_scope`, `asyncio_default_test_loop_scope`, `asyncio_debug` | line removed |
| the top-most `conftest.py` | an `anyio_backend` fixture for the backends of `--test-backends` |

The `anyio_backend` fixture is session-scoped, so async fixtures of any scope can use it:

```python
@fixture conftest.expected.py 12-14
```

or, with `--test-backends asyncio,trio`, `@pytest.fixture(scope="session", params=["asyncio", "trio"])` returning `request.param`.
The default is `asyncio` only, which keeps what the suite tested before (pytest-asyncio runs
on asyncio); choose `asyncio,trio` to prove the migrated code on both backends.

The config files are handled by a small front end of this pack that takes exactly the file
names `pytest.ini`, `.pytest.ini`, `tox.ini`, `setup.cfg` and `pyproject.toml`; it reads
pyproject.toml with toml++ and edits whole lines as text, so every other byte (comments,
CRLF) is kept. The Python side learns the mode from the `pytest-asyncio-mode` pack setting,
else from the pytest config pytest itself would use for the file (the nearest one walking up).

## Why

pytest-asyncio's marker, fixture decorator and `asyncio_mode` do nothing for anyio: after
the migration the seed's suite "should work" with `asyncio_mode = auto`, but it does not;
anyio's plugin only runs tests marked `anyio` (or, from 4.11, with `anyio_mode = auto`).
anyio's own default `anyio_backend` fixture is parametrized over **every** installed backend
(Debian's anyio 3.6.2: `@pytest.fixture(params=get_all_backends())`; module-scoped in 4.x), so
without a fixture of your own every test runs on asyncio and trio, which doubles the suite
and fails where trio is not installed.

## Example

`test-inputs/python/pytest/test_markers.py`:

```python
@fixture test_markers.py 18-20
```

becomes (`test_markers.expected.py`):

```python
@fixture test_markers.expected.py 17-19
```

## Flagged instead of rewritten

- needs-review: `` `import pytest_asyncio` is no longer used: remove it together with the pytest-asyncio dependency (anyio's pytest plugin runs the tests) `` (the import rule only removes asyncio's imports, so the now unused pytest-asyncio import is left to you).
- needs-review: `asyncio_mode = auto is pytest-asyncio's: anyio 4.0 has no auto mode (anyio_mode needs 4.11), so the test modules get pytest.mark.anyio instead; delete this line when pytest-asyncio is uninstalled (...)`: kept because every run reads it (test modules and config files are migrated in parallel).
- needs-review: `pytest.mark.asyncio(...) with arguments (pytest-asyncio's event loop scope): ...`, `pytest_asyncio.fixture(loop_scope=...): ...`.
- needs-review: `asyncio_mode = auto ran this async test without a marker; ... add pytest.mark.anyio to the module's pytestmark` when a module already has a `pytestmark` without anyio.
- needs-review: `no conftest.py above this module defines anyio_backend: anyio's default fixture runs each test on every backend ...` (files on disk with no conftest.py that mentions asyncio or anyio_backend up to the pytest config's directory).
- needs-review: `no anyio_backend fixture added: test-backends ... must list asyncio and/or trio`; `addopts passes pytest-asyncio options (...)`; a pytest-asyncio key written as a dotted TOML key or over several lines.
- no-equivalent: `the event_loop fixture is pytest-asyncio's: ...`, `pytest_asyncio.<name> is pytest-asyncio's; anyio's pytest plugin has no equivalent`.

## Fix safety

Conditional. Markers and fixture decorators are always safe. The fixture is added only to a
`conftest.py` that the pack parses (it mentions asyncio), has no `anyio_backend` of its own
and has no other `conftest.py` above it (up to the pytest config's directory). `pytestmark`
is added only when the mode is known to be auto and the module has no `pytestmark` yet.
`tests/scripts/test_behavior_pytest.py` runs three pytest-asyncio projects (strict mode
with pytest.ini, auto mode with pyproject.toml and with setup.cfg) under pytest-asyncio,
migrates them with `--test-backends asyncio,trio`, and requires every test to have the same
outcome on both backends under anyio's plugin; it also checks the config edits byte for byte.

## Target versions

`anyio_mode = auto` needs anyio ≥ 4.11; below that (the default target 4.0) markers are used.
anyio 4.0 runs all tests and fixtures of a runner in one task (context variables set in
fixtures reach the tests), 3.x ran them in separate tasks.
)md"},
    .onModule = [](Context& ctx, const PyRule& rule) {
        TSNode firstMarker{};
        markers(ctx, rule, firstMarker);
        const std::string& path = ctx.source.path();
        bool touched = !isNull(firstMarker);
        flagUnusedPytestAsyncio(ctx, rule);
        flagEventLoopFixture(ctx, rule);
        markAutoModeTests(ctx, rule, path, firstMarker, touched);
        anyioBackend(ctx, rule, path, firstMarker, touched);
    }};

}  // namespace anymig::asyncio_to_anyio
