// Unit tests for the Python front end's semantic model: import resolution and shadowing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "matchers/python/model.h"
#include "matchers/python/run_summary.h"
#include "matchers/python/semantics.h"
#include "matchers/python/syntax.h"

using namespace anymig;
using namespace anymig::python;

namespace {
// Every resolved reference as "line:qualified", in document order.
std::vector<std::string> refs(const std::string& code) {
    SourceFile src("t.py", code);
    Syntax syntax(src);
    Model model(syntax);
    std::vector<std::string> out;
    for (const Reference& r : model.references())
        out.push_back(std::to_string(rowOf(r.node)) + ":" + r.qualified);
    return out;
}
}  // namespace

TEST_CASE("importWords: the words of import statements and the names taken from each module", "[model]") {
    // "process/PIPE" is what RunSummaries::importerOfName reads: asyncssh's __init__.py takes
    // PIPE from .process, so process.py's `from asyncio.subprocess import PIPE` must stay.
    std::set<std::string> words = importWords(
        "from .process import DEVNULL, PIPE as P\n"
        "import asyncio\n"
        "from . import sub\n"
        "x = 1  # from nowhere import this\n"
        "    from pkg.mod import (\n        a,\n        b,\n    )\n");
    CHECK(words == std::set<std::string>{"from", "process", "import", "DEVNULL", "PIPE", "as", "P", "process/DEVNULL",
                                         "process/PIPE", "asyncio", "sub", "pkg", "mod", "a", "b", "mod/a", "mod/b"});
}

TEST_CASE("imports resolve through aliases and from-imports", "[model]") {
    CHECK(refs("import asyncio\nasyncio.sleep(1)\n") == std::vector<std::string>{"2:asyncio.sleep"});
    CHECK(refs("import asyncio as aio\naio.subprocess.PIPE\n") ==
          std::vector<std::string>{"2:asyncio.subprocess.PIPE"});
    CHECK(refs("from asyncio import sleep, Lock as L\nsleep(1)\nL()\n") ==
          std::vector<std::string>{"2:asyncio.sleep", "3:asyncio.Lock"});
    CHECK(refs("import asyncio.subprocess\nasyncio.run(x)\n") == std::vector<std::string>{"2:asyncio.run"});
    CHECK(refs("import asyncio.subprocess as sp\nsp.PIPE\n") == std::vector<std::string>{"2:asyncio.subprocess.PIPE"});
}

TEST_CASE("strings, comments and attributes are not references", "[model]") {
    CHECK(refs("import asyncio\n# asyncio.sleep(1)\nx = 'asyncio.sleep'\nself.asyncio.sleep(1)\n").empty());
    CHECK(refs("import asyncio\nf(asyncio=1)\n").empty());  // a keyword argument name
}

TEST_CASE("parameters, locals and nested defs shadow imports", "[model]") {
    CHECK(refs("import asyncio\ndef f(asyncio):\n    asyncio.sleep(1)\n").empty());
    CHECK(refs("import asyncio\ndef f():\n    asyncio = g()\n    asyncio.sleep(1)\n").empty());
    CHECK(refs("from asyncio import sleep\ndef f():\n    def sleep(x):\n        pass\n    sleep(1)\n").empty());
    CHECK(refs("import asyncio\nlam = lambda asyncio: asyncio.sleep(1)\n").empty());
    CHECK(refs("import asyncio\n[asyncio for asyncio in xs]\n").empty());
    CHECK(refs("import asyncio\nfor asyncio in xs:\n    pass\nasyncio.sleep(1)\n").empty());  // rebound at module level
}

TEST_CASE("scoping follows Python's rules", "[model]") {
    // A module import is visible in nested functions, but not shadowed by a class attribute.
    CHECK(refs("import asyncio\nclass C:\n    asyncio = None\n    def m(self):\n        asyncio.sleep(1)\n") ==
          std::vector<std::string>{"5:asyncio.sleep"});
    // `global` makes a function's name refer to the module binding.
    CHECK(refs("import asyncio\ndef f():\n    global asyncio\n    asyncio.sleep(1)\n") ==
          std::vector<std::string>{"4:asyncio.sleep"});
    // A function-local import is seen inside that function only.
    CHECK(refs("def f():\n    import asyncio\n    asyncio.sleep(1)\ndef g():\n    asyncio.sleep(2)\n") ==
          std::vector<std::string>{"3:asyncio.sleep"});
    // Default values are evaluated in the enclosing scope.
    CHECK(refs("import asyncio\ndef f(asyncio=asyncio.Lock):\n    pass\n") == std::vector<std::string>{"2:asyncio.Lock"});
}

TEST_CASE("an optional import with a None fallback is still the import", "[model]") {
    CHECK(refs("try:\n    import asyncio\nexcept ImportError:\n    asyncio = None\nasyncio.sleep(1)\n") ==
          std::vector<std::string>{"5:asyncio.sleep"});
    CHECK(refs("try:\n    import asyncio\nexcept ValueError:\n    asyncio = None\nasyncio.sleep(1)\n").empty());
}

TEST_CASE("scope queries", "[model]") {
    SourceFile src("t.py", "import anyio\nasync def f(x):\n    anyio = 1\n    return x\ndef g():\n    return 2\n");
    Syntax syntax(src);
    Model model(syntax);
    TSNode fRet{}, gRet{};
    for (TSNode n : syntax.namedNodes())
        if (is(n, "return_statement")) (isNull(fRet) ? fRet : gRet) = n;
    const Scope* fs = model.scopeOf(fRet);
    REQUIRE(fs->kind == ScopeKind::Function);
    CHECK(fs->isAsync);
    CHECK_FALSE(model.nameAvailableFor(fs, "anyio", "anyio"));  // a local named anyio
    CHECK(model.nameAvailableFor(model.scopeOf(gRet), "anyio", "anyio"));
    CHECK_FALSE(model.scopeOf(gRet)->isAsync);
}

TEST_CASE("syntax errors are located", "[model]") {
    auto err = quickSyntaxError("def f(:\n    pass\n");
    REQUIRE(err.has_value());
    CHECK(err->rfind("line 1", 0) == 0);
    CHECK_FALSE(quickSyntaxError("x = 1\r\nif x:\r\n\ty = 2\r\n").has_value());
}

namespace {
// The module-level semantic model of `code` (kept alive with its syntax and model).
struct Facts {
    explicit Facts(const std::string& code) : src("t.py", code), syntax(src), model(syntax), sem(syntax, model) {}
    SourceFile src;
    Syntax syntax;
    Model model;
    Semantics sem;
    int fn(const std::string& name) const {
        for (std::size_t i = 0; i < sem.functions().size(); ++i)
            if (sem.functions()[i].name == name) return static_cast<int>(i);
        return -1;
    }
};
}  // namespace

TEST_CASE("semantics: functions, callers through names and self, handlers", "[semantics]") {
    Facts f(
        "class C:\n"
        "    async def run(self):\n"
        "        await self._step()\n"
        "    async def _step(self):\n"
        "        try:\n"
        "            await work()\n"
        "        except BaseException:\n"
        "            await cleanup()\n"
        "            raise\n"
        "async def work():\n"
        "    try:\n"
        "        pass\n"
        "    except Exception:\n"
        "        return 1\n"
        "    finally:\n"
        "        log()\n");
    const auto& fns = f.sem.functions();
    REQUIRE(fns.size() == 3);
    int run = f.fn("run"), step = f.fn("_step"), work = f.fn("work");
    CHECK(fns[run].isAsync);
    CHECK(!isNull(fns[step].classNode));
    CHECK(fns[run].callees == std::vector<int>{step});
    CHECK(fns[step].callees == std::vector<int>{work});
    CHECK(fns[work].callers == std::vector<int>{step});
    REQUIRE(f.sem.handlers().size() == 3);
    const HandlerInfo& h = f.sem.handlers()[0];
    CHECK(h.function == step);
    CHECK(h.awaits.size() == 1);
    CHECK(h.reraises);
    CHECK(!h.swallows());
    CHECK(f.sem.handlers()[1].swallows());   // except Exception: return 1
    CHECK(f.sem.handlers()[2].kind == HandlerInfo::Kind::Finally);
    CHECK(!f.sem.handlers()[2].swallows());
    // From the body of run(): _step and work are reached, so all three handlers are.
    CHECK(f.sem.reachableFrom(field(fns[run].node, "body")) == std::vector<int>{step, work});
    CHECK(f.sem.handlersReachableFrom(field(fns[run].node, "body")).size() == 3);
}

TEST_CASE("semantics: __aexit__ of a class entered by async with is a reachable finally", "[semantics]") {
    Facts f(
        "class Conn:\n"
        "    async def __aexit__(self, *exc):\n"
        "        await self.close()\n"
        "class Other:\n"
        "    async def __aexit__(self, *exc):\n"
        "        pass\n"
        "async def query():\n"
        "    async with Conn() as c:\n"
        "        await c.get()\n"
        "async def caller():\n"
        "    await query()\n"
        "async def unrelated():\n"
        "    async with Other():\n"
        "        pass\n");
    REQUIRE(f.sem.exitHandlers().size() == 2);
    const HandlerInfo& conn = f.sem.exitHandlers()[0];
    CHECK(conn.kind == HandlerInfo::Kind::Finally);
    CHECK(conn.awaits.size() == 1);
    auto reached = f.sem.handlersReachableFrom(field(f.sem.functions()[f.fn("caller")].node, "body"));
    REQUIRE(reached.size() == 1);  // through query(); Other is entered elsewhere only
    CHECK(reached[0] == &conn);
}

TEST_CASE("semantics: only called from async code", "[semantics]") {
    Facts f(
        "class Job:\n"
        "    def __init__(self):\n"
        "        pass\n"
        "def make():\n"
        "    return Job()\n"
        "async def main():\n"
        "    make()\n"
        "def eager():\n"
        "    pass\n"
        "eager()\n"
        "def referenced():\n"
        "    pass\n"
        "async def other():\n"
        "    return referenced\n");
    CHECK(f.sem.onlyCalledFromAsync(f.fn("__init__")));
    CHECK(f.sem.onlyCalledFromAsync(f.fn("make")));
    CHECK(!f.sem.onlyCalledFromAsync(f.fn("eager")));       // called at import time
    CHECK(!f.sem.onlyCalledFromAsync(f.fn("referenced")));  // passed on, not called
}

extern "C" const TSLanguage* tree_sitter_python(void);

TEST_CASE("syntax: field lookups through the index equal tree-sitter's on every fixture", "[syntax]") {
    // python::field answers from the field ids Syntax's walk recorded when it can; every named
    // node of every Python fixture, asked for every field of the grammar, must get exactly
    // ts_node_child_by_field_id's answer.
    namespace fs = std::filesystem;
    const TSLanguage* lang = tree_sitter_python();
    const std::uint32_t fields = ts_language_field_count(lang);
    std::size_t files = 0, asked = 0, fromIndex = 0, mismatches = 0;
    std::string report;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(ANYMIG_SOURCE_DIR) / "test-inputs")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".py") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        SourceFile src(entry.path().string(), text);
        Syntax syntax(src);
        ++files;
        for (TSNode n : syntax.namedNodes()) {
            for (std::uint32_t id = 1; id <= fields; ++id) {
                const char* name = ts_language_field_name_for_id(lang, static_cast<TSFieldId>(id));
                if (!name) continue;
                bool found = false;
                syntax.fieldChild(n, static_cast<TSFieldId>(id), found);
                fromIndex += found;
                ++asked;
                TSNode mine = field(n, name), theirs = ts_node_child_by_field_id(n, static_cast<TSFieldId>(id));
                if (isNull(mine) != isNull(theirs) || (!isNull(mine) && !ts_node_eq(mine, theirs))) {
                    ++mismatches;
                    if (mismatches <= 20) report += entry.path().string() + ":" + std::to_string(rowOf(n)) + " " + std::string(type(n)) + "." + name + ": index " + (isNull(mine) ? std::string("null") : std::string(type(mine))) + ", tree-sitter " + (isNull(theirs) ? std::string("null") : std::string(type(theirs))) + "\n";
                }
            }
        }
    }
    CHECK(files > 100);
    CHECK(fromIndex > asked / 2);  // the index answers most lookups
    INFO(report);
    CHECK(mismatches == 0);
}
