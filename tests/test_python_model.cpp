// Unit tests for the Python front end's semantic model: import resolution and shadowing.
#include <catch2/catch.hpp>

#include <algorithm>

#include "matchers/python/model.h"
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
