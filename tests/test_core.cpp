// Unit tests for the language-neutral core: edits, conflicts, line/column mapping,
// gitignore matching, atomic writes, diffs.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/atomic_write.h"
#include "core/discovery.h"
#include "core/edit.h"
#include "core/site_lines.h"
#include "core/source.h"
#include "core/unified_diff.h"

using namespace anymig;

TEST_CASE("edits apply in order and keep every other byte", "[core][edit]") {
    EditSet set;
    REQUIRE(set.add({6, 13, "anyio", "t"}));
    REQUIRE(set.add({0, 0, "# x\r\n", "t"}));
    CHECK(set.apply("await asyncio.sleep(1)\r\n") == "# x\r\nawait anyio.sleep(1)\r\n");
}

TEST_CASE("overlapping edits conflict; touching ones do not", "[core][edit]") {
    EditSet set;
    REQUIRE(set.add({5, 10, "a", "t"}));
    CHECK_FALSE(set.add({7, 12, "b", "t"}));   // overlaps
    CHECK_FALSE(set.add({4, 6, "b", "t"}));    // overlaps the start
    CHECK_FALSE(set.add({7, 7, "ins", "t"}));  // inserts inside a replacement
    CHECK(set.add({10, 12, "c", "t"}));        // touches the end
    CHECK(set.add({5, 5, "<", "t"}));          // inserts at the start
    CHECK(set.add({5, 5, "<<", "t"}));         // a second insertion at the same point keeps order
    CHECK(set.apply("0123456789AB") == "01234<<<ac");
    CHECK(set.size() == 4);
}

TEST_CASE("line and column mapping, CRLF and BOM", "[core][source]") {
    SourceFile f("x.py", "\xEF\xBB\xBFimport a\r\nb = 1\r\n\r\nc\n");
    CHECK(f.hasBom());
    CHECK(f.newline() == "\r\n");
    CHECK(f.lineCount() == 5);
    CHECK(f.position(0).line == 1);
    Position p = f.position(f.text().find('b'));
    CHECK(p.line == 2);
    CHECK(p.column == 1);
    CHECK(f.lineText(2) == "b = 1");
    CHECK(f.lineText(3) == "");
    CHECK(f.offsetOf(2, 5) == f.text().find('1'));
    SourceFile g("y.py", "a\nb");
    CHECK(g.newline() == "\n");
    CHECK(g.lineText(2) == "b");
}

TEST_CASE("UTF-8 validation and binary detection", "[core][source]") {
    CHECK(firstInvalidUtf8("caf\xC3\xA9") == std::string::npos);
    CHECK(firstInvalidUtf8("ab\xE9z") == 2);
    CHECK(firstInvalidUtf8("\xC0\x80") == 0);  // overlong
    CHECK(looksBinary(std::string("a\0b", 3)));
    CHECK_FALSE(looksBinary("abc"));
}

TEST_CASE("gitignore patterns", "[core][discovery]") {
    GitIgnore gi;
    gi.addPatterns("# comment\n*.pyc\nbuild/\n/top.py\ndocs/*.py\n!keep.pyc\n");
    CHECK(gi.ignored("a/b.pyc", false));
    CHECK_FALSE(gi.ignored("a/keep.pyc", false));
    CHECK(gi.ignored("build", true));
    CHECK_FALSE(gi.ignored("build", false));
    CHECK(gi.ignored("top.py", false));
    CHECK_FALSE(gi.ignored("sub/top.py", false));
    CHECK(gi.ignored("docs/x.py", false));
    CHECK_FALSE(gi.ignored("docs/sub/x.py", false));
}

TEST_CASE("discovery skips .git, venvs, build folders and ignored files", "[core][discovery]") {
    namespace fs = std::filesystem;
    fs::path root = fs::temp_directory_path() / ("anymig-discovery-test-" + std::to_string(::getpid()));
    fs::remove_all(root);
    for (const char* d : {"pkg", ".git", "venv2", "build", "pkg/gen"}) fs::create_directories(root / d);
    std::ofstream(root / "venv2" / "pyvenv.cfg") << "home = /usr\n";
    for (const char* f : {"pkg/a.py", "pkg/b.pyi", "pkg/c.txt", ".git/x.py", "venv2/v.py", "build/g.py",
                          "pkg/gen/skip.py", "top.py"})
        std::ofstream(root / f) << "x = 1\n";
    std::ofstream(root / ".gitignore") << "gen/\n";
    DiscoveryOptions opt{{".py", ".pyi"}, {}};
    DiscoveryResult r = discoverFiles({root.string()}, opt);
    std::vector<std::string> rel;
    for (const auto& f : r.files) rel.push_back(fs::relative(f, root).generic_string());
    CHECK(rel == std::vector<std::string>{"pkg/a.py", "pkg/b.pyi", "top.py"});
    DiscoveryResult missing = discoverFiles({(root / "nope").string()}, opt);
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].find("no such file") != std::string::npos);
    opt.excludeGlobs = {"pkg"};
    CHECK(discoverFiles({root.string()}, opt).files.size() == 1);
    fs::remove_all(root);
}

// Ignore and exclude patterns match a walked path as fs::relative gives it, which resolves
// symlinks: a symlinked file is matched by its target's path, a walk of a symlinked folder by the
// real folder's. Discovery computes it without a realpath per file, so this pins the answers.
TEST_CASE("discovery matches symlinked files and folders by their targets' paths", "[core][discovery]") {
    namespace fs = std::filesystem;
    fs::path top = fs::temp_directory_path() / ("anymig-discovery-links-" + std::to_string(::getpid()));
    fs::remove_all(top);
    fs::path root = top / "tree";
    for (const char* d : {"real", "sub/deep"}) fs::create_directories(root / d);
    fs::create_directories(top / "outside");
    for (const char* f : {"real/t.py", "real/u.py", "sub/s.py", "sub/ignored.py", "sub/deep/x.py", "sub/deep/y.py"})
        std::ofstream(root / f) << "x = 1\n";
    std::ofstream(top / "outside" / "o.py") << "x = 1\n";
    std::ofstream(root / ".gitignore") << "/real/u.py\n";
    std::ofstream(root / "sub" / ".gitignore") << "ignored.py\n/deep/x.py\n";
    fs::create_symlink("real/t.py", root / "link.py");
    fs::create_symlink("real", root / "linkdir");
    fs::create_symlink("../outside/o.py", root / "out.py");
    auto found = [&](const fs::path& walked, std::vector<std::string> exclude) {
        DiscoveryResult r = discoverFiles({walked.string()}, DiscoveryOptions{{".py"}, std::move(exclude)});
        std::vector<std::string> rel;
        for (const auto& f : r.files) rel.push_back(fs::path(f).lexically_relative(root).generic_string());
        return rel;
    };
    // The symlinked folder is not walked; the symlinked files are taken.
    CHECK(found(root, {}) == std::vector<std::string>{"link.py", "out.py", "real/t.py", "sub/deep/y.py", "sub/s.py"});
    // link.py is real/t.py to the patterns: "real" excludes it, its own name does not.
    CHECK(found(root, {"real"}) == std::vector<std::string>{"out.py", "sub/deep/y.py", "sub/s.py"});
    CHECK(found(root, {"link.py"}) ==
          std::vector<std::string>{"link.py", "out.py", "real/t.py", "sub/deep/y.py", "sub/s.py"});
    CHECK(found(root, {"../outside/*"}) == std::vector<std::string>{"link.py", "real/t.py", "sub/deep/y.py", "sub/s.py"});
    // Walking the symlinked folder: the .gitignore above matches linkdir/u.py as real/u.py, and
    // the walk root is the real folder, so "t.py" excludes linkdir/t.py.
    CHECK(found(root / "linkdir", {}) == std::vector<std::string>{"linkdir/t.py"});
    CHECK(found(root / "linkdir", {"t.py"}).empty());
    CHECK(found(root / "sub", {"deep"}) == std::vector<std::string>{"sub/s.py"});
    fs::remove_all(top);
}

TEST_CASE("site lines keep each site's lines, its enclosing block's and the marker lines", "[core][site-lines]") {
    const std::string text =
        "import asyncio\r\n"                         // 1
        "class C:\n"                                   // 2
        "    def f(self):\n"                           // 3
        "\n"                                           // 4
        "        # a comment\n"                        // 5
        "        await asyncio.sleep(1)  # anymig: ignore\n"  // 6
        "\tif x:\n"                                    // 7: a tab is 8 columns
        "\t    asyncio.run(\n"                         // 8
        "            main())\n"                        // 9
        "y = 'anymig: not a comment'";                 // 10
    auto diag = [](int line, int endLine) {
        Diagnostic d;
        d.begin = {line, 1};
        d.end = {endLine, 2};
        return d;
    };
    SiteLines s = siteLinesOf("m.py", text, {diag(8, 9), diag(6, 6), diag(1, 1), diag(40, 41)});
    CHECK(s.lineCount == 10);
    std::vector<std::pair<int, std::string>> lines = {{1, "import asyncio"},
                                                      {3, "    def f(self):"},
                                                      {6, "        await asyncio.sleep(1)  # anymig: ignore"},
                                                      {7, "\tif x:"},
                                                      {8, "\t    asyncio.run("},
                                                      {9, "            main())"},
                                                      {10, "y = 'anymig: not a comment'"}};
    CHECK(s.lines == lines);
    CHECK(s.enclosing == std::vector<std::pair<int, int>>{{6, 3}, {8, 7}});
    CHECK(s.text(9) == "            main())");
    CHECK(s.text(2).empty());
    CHECK(s.enclosingOf(8) == 7);
    CHECK(s.enclosingOf(1) == 0);
    // Nothing is kept for a file without sites or markers; a marker alone keeps its lines.
    CHECK(siteLinesOf("m.py", text, {}).kept());
    CHECK_FALSE(siteLinesOf("m.py", "x = 1\n", {}).kept());
    SiteLines marked = siteLinesOf("m.py", "x = 1\ny = 2  # anymig: ignore[AM101]\n", {});
    CHECK(marked.lineCount == 3);
    CHECK(marked.lines == std::vector<std::pair<int, std::string>>{{2, "y = 2  # anymig: ignore[AM101]"}});
    CHECK(marked.enclosing.empty());
}

TEST_CASE("atomic writes keep permissions and leave no temporary file", "[core][write]") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("anymig-write-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::path f = dir / "script.py";
    std::ofstream(f) << "old\n";
    ::chmod(f.c_str(), 0754);
    REQUIRE(writeFileAtomically(f.string(), "new\n").empty());
    std::string text, err;
    REQUIRE(readFile(f.string(), text, err));
    CHECK(text == "new\n");
    struct stat st {};
    ::stat(f.c_str(), &st);
    CHECK((st.st_mode & 07777) == 0754);
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
    CHECK_FALSE(writeFileAtomically((dir / "missing" / "x.py").string(), "x").empty());
    fs::remove_all(dir);
}

TEST_CASE("atomic writes made of pieces: the pieces in order, or nothing when the maker gives up", "[core][write]") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("anymig-write-pieces-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::path f = dir / "shard.bin";
    const std::vector<std::string> pieces{"first ", "", "second ", "third\n"};  // "" ends it
    std::size_t at = 0;
    REQUIRE(writeFileAtomically(f.string(), [&](std::string_view& piece) {
                piece = at < pieces.size() ? pieces[at] : std::string_view();
                ++at;
                return std::string();
            }).empty());
    std::string text, err;
    REQUIRE(readFile(f.string(), text, err));
    CHECK(text == "first ");
    CHECK(at == 2);
    at = 1;  // from "second" (index 2): two pieces, then the end
    REQUIRE(writeFileAtomically(f.string(), [&](std::string_view& piece) {
                piece = ++at < pieces.size() ? pieces[at] : std::string_view();
                return std::string();
            }).empty());
    REQUIRE(readFile(f.string(), text, err));
    CHECK(text == "second third\n");
    // Giving up after a piece was written: the reason comes back, the file is as it was and no
    // temporary is left.
    int calls = 0;
    CHECK(writeFileAtomically(f.string(), [&](std::string_view& piece) {
              piece = "partial";
              return ++calls == 2 ? std::string("cannot read back") : std::string();
          }) == "cannot read back");
    REQUIRE(readFile(f.string(), text, err));
    CHECK(text == "second third\n");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
    fs::remove_all(dir);
}

TEST_CASE("unified diff and line counts", "[core][diff]") {
    std::string a = "a\nb\nc\n", b = "a\nB\nc\nd\n";
    CHECK(unifiedDiff("f.py", a, b) == "--- a/f.py\n+++ b/f.py\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n");
    CHECK(unifiedDiff("f.py", a, a).empty());
    int added = 0, removed = 0;
    countLineChanges(a, b, added, removed);
    CHECK(added == 2);
    CHECK(removed == 1);
}
