// Unit tests for the layout of the lines a migration writes (matchers/python/layout.h): each
// split is black 23's (test-inputs/layout/split.expected.py is `black` of split.py), shapes the
// layout does not follow are left as they are, lines of the original are never touched, and the
// line length comes from the project's black (or ruff) configuration.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/edit.h"
#include "core/source.h"
#include "matchers/python/layout.h"
#include "matchers/python/syntax.h"

using namespace anymig;
using namespace anymig::python;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string laidOut(const std::string& text, const std::string& original, int length = 88) {
    SourceFile src("t.py", text);
    Syntax syntax(src);
    EditSet set;
    for (Edit& e : layoutLongLines(syntax, original, length)) REQUIRE(set.add(std::move(e)));
    return set.apply(text);
}

const std::string kInputs = std::string(ANYMIG_SOURCE_DIR) + "/test-inputs/layout/";

}  // namespace

TEST_CASE("layout: long lines are split exactly as black splits them", "[layout]") {
    std::string in = slurp(kInputs + "split.py");
    REQUIRE(!in.empty());
    CHECK(laidOut(in, "") == slurp(kInputs + "split.expected.py"));
}

TEST_CASE("layout: blank lines around new definitions and comments after split statements", "[layout]") {
    std::string in = slurp(kInputs + "blank_lines.py");
    REQUIRE(!in.empty());
    CHECK(laidOut(in, "") == slurp(kInputs + "blank_lines.expected.py"));
}

TEST_CASE("layout: shapes black splits otherwise are left as they are", "[layout]") {
    std::string in = slurp(kInputs + "left_alone.py");
    REQUIRE(!in.empty());
    CHECK(laidOut(in, "") == in);
}

TEST_CASE("layout: only lines that are not lines of the original are split", "[layout]") {
    const std::string kept = "async def f():\n"
                             "    await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_xxxxxxx)\n";
    CHECK(laidOut(kept, kept) == kept);
    const std::string written = "async def f():\n"
                                "    await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_xxxxxxx)\n"
                                "    await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_xxxxxxx)\n";
    CHECK(laidOut(written, kept) == "async def f():\n"
                                    "    await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_xxxxxxx)\n"
                                    "    await anyio.to_thread.run_sync(\n"
                                    "        some_function_name, argument_one, argument_two_xxxxxxx\n"
                                    "    )\n");
    const std::string off = "# fmt: off\n" + written;
    CHECK(laidOut(off, kept) == off);
    // An original not formatted by black (single quotes, a hanging indent) keeps its layout.
    CHECK(laidOut(written + "x = 'a'\n", kept + "x = 'a'\n") == written + "x = 'a'\n");
    const std::string hanging = kept + "y = f(a,\n      b)\n";
    CHECK(laidOut(written + "y = f(a,\n      b)\n", hanging) == written + "y = f(a,\n      b)\n");
}

TEST_CASE("layout: the statement a long line belongs to is laid out whole", "[layout]") {
    const std::string text = "def main(arguments):\n"
                             "    found = anyio.run(\n"
                             "        functools.partial(discover, adapter=arguments.adapter, timeout=float(arguments.timeout))\n"
                             "    )\n";
    CHECK(laidOut(text, "") == "def main(arguments):\n"
                               "    found = anyio.run(\n"
                               "        functools.partial(\n"
                               "            discover, adapter=arguments.adapter, timeout=float(arguments.timeout)\n"
                               "        )\n"
                               "    )\n");
    // In 120 columns the statement fits on one line, and black joins it.
    CHECK(laidOut(text, "", 120) == "def main(arguments):\n"
                                    "    found = anyio.run(functools.partial(discover, adapter=arguments.adapter, "
                                    "timeout=float(arguments.timeout)))\n");
}

TEST_CASE("layout: the line length of the project's black or ruff configuration", "[layout]") {
    fs::path root = fs::temp_directory_path() / ("anymig-layout-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "black" / "pkg");
    fs::create_directories(root / "ruff");
    fs::create_directories(root / "none" / ".git");
    std::ofstream(root / "black" / "pyproject.toml") << "[tool.black]\nline-length = 100\n";
    std::ofstream(root / "ruff" / "pyproject.toml") << "[tool.ruff]\nline-length = 120\n";
    CHECK(formatterLineLength((root / "black" / "pkg" / "m.py").string()) == 100);
    CHECK(formatterLineLength((root / "ruff" / "m.py").string()) == 120);
    CHECK(formatterLineLength((root / "none" / "m.py").string()) == 88);
    fs::remove_all(root);
}

TEST_CASE("layout: a file with CRLF line ends gets CRLF in the lines it lays out", "[layout]") {
    const std::string kept = "async def f():\r\n    pass\r\n";
    const std::string written = "async def f():\r\n"
                                "    await anyio.to_thread.run_sync(some_function_name, argument_one, argument_two_xxxxxxx)\r\n";
    CHECK(laidOut(written, kept) == "async def f():\r\n"
                                    "    await anyio.to_thread.run_sync(\r\n"
                                    "        some_function_name, argument_one, argument_two_xxxxxxx\r\n"
                                    "    )\r\n");
    // A generated helper after the imports: its blank lines are CRLF too.
    const std::string helper = "import anyio\r\n"
                               "async def _anymig_helper():\r\n"
                               "    pass\r\n"
                               "x = 1\r\n";
    CHECK(laidOut(helper, "import anyio\r\nx = 1\r\n") == "import anyio\r\n\r\n\r\n"
                                                        "async def _anymig_helper():\r\n"
                                                        "    pass\r\n\r\n\r\n"
                                                        "x = 1\r\n");
}

TEST_CASE("layout: no blank line between a signature over several lines and a nested def", "[layout]") {
    const std::string text = "def outer(\n"
                             "    argument_one,\n"
                             ") -> int:\n"
                             "    def inner():\n"
                             "        pass\n"
                             "\n"
                             "    return inner\n";
    CHECK(laidOut(text, "") == text);
}
