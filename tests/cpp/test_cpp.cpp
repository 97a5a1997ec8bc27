// Unit tests of the C/C++ front end: what must not trigger, selection, syntax errors, macros
// from other files, idempotency, mentions. Golden fixtures live in test_fixtures.py.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/runner.h"
#include "rewrites/boost_thread_to_std/pack.h"

using namespace anymig;

namespace {

RunOptions options(RunMode mode = RunMode::Migrate) {
    registerPack(boost_thread_to_std::descriptor());
    RunOptions o;
    o.mode = mode;
    o.settings.lists[kCompilerArgsKey] = {"-std=c++17"};
    return o;
}

std::string tempDir() {
    auto dir = std::filesystem::temp_directory_path() / ("anymig-cpp-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir.string();
}

std::vector<std::string> ids(const FileOutcome& out) {
    std::vector<std::string> v;
    for (const Diagnostic& d : out.diagnostics) v.push_back(d.ruleId + ":" + toString(d.status));
    return v;
}

}  // namespace

TEST_CASE("code that only looks like Boost.Thread does not trigger") {
    std::string text =
        "// boost::mutex in a comment\n"
        "#include <mutex>\n"
        "namespace myboost { struct mutex {}; }\n"
        "static myboost::mutex a;\n"
        "static std::mutex b;\n"
        "const char* s = \"boost::thread\";\n";
    FileOutcome out = processText("neg.cpp", text, options());
    CHECK(out.state == FileState::Unchanged);
    CHECK(out.diagnostics.empty());
    CHECK(out.before.comments == 1);
    CHECK(out.before.docstrings == 1);
    CHECK(out.before.code == 0);
    CHECK(out.before.targetImports == 1);  // <mutex>
}

TEST_CASE("files without the word boost are not parsed at all") {
    FileOutcome out = processText("plain.cpp", "int main() { return 0; }\n", options());
    CHECK(out.state == FileState::NotParsed);
}

TEST_CASE("a file with a syntax error is left alone") {
    std::string text = "#include <boost/thread/mutex.hpp>\nstatic boost::mutex m\nint x;\n";
    FileOutcome out = processText("broken.cpp", text, options());
    CHECK(out.state == FileState::SkippedSyntaxError);
    CHECK(out.reason.find("line 2") != std::string::npos);
}

TEST_CASE("rule selection is honoured, and the include stays while Boost names remain") {
    std::string text =
        "#include <boost/thread.hpp>\n"
        "static boost::mutex m;\n"
        "void f() { boost::thread t([] {}); t.join(); }\n";
    RunOptions o = options();
    o.rules.select = {"boost-sync-primitives"};
    FileOutcome out = processText("sel.cpp", text, o);
    REQUIRE(out.state == FileState::Changed);
    CHECK(out.rewritten ==
          "#include <boost/thread.hpp>\n"
          "static std::mutex m;\n"
          "void f() { boost::thread t([] {}); t.join(); }\n");
    CHECK(ids(out) == std::vector<std::string>{"AMC104:fixed"});
}

TEST_CASE("ignoring the include rule keeps the includes but still renames") {
    std::string text = "#include <boost/thread/mutex.hpp>\nstatic boost::mutex m;\n";
    RunOptions o = options();
    o.rules.ignore = {"AMC101"};
    FileOutcome out = processText("ign.cpp", text, o);
    REQUIRE(out.state == FileState::Changed);
    CHECK(out.rewritten == "#include <boost/thread/mutex.hpp>\nstatic std::mutex m;\n");
}

TEST_CASE("a migration is a fixed point: the second run changes nothing") {
    std::string text =
        "#include <boost/thread.hpp>\n"
        "static boost::mutex m;\n"
        "void f() { boost::mutex::scoped_lock l(m); boost::this_thread::sleep(boost::posix_time::seconds(0)); }\n";
    FileOutcome first = processText("fix.cpp", text, options());
    REQUIRE(first.state == FileState::Changed);
    CHECK(first.rewritten ==
          "#include <chrono>\n#include <mutex>\n#include <thread>\n"
          "static std::mutex m;\n"
          "void f() { std::unique_lock<std::mutex> l(m); std::this_thread::sleep_for(std::chrono::seconds(0)); }\n");
    FileOutcome second = processText("fix.cpp", first.rewritten, options());
    CHECK((second.state == FileState::NotParsed || second.state == FileState::Unchanged));
    CHECK(second.after.targetImports == 0);  // not parsed: no "boost" left at all
}

TEST_CASE("names inside a macro of another project header block the matching renames") {
    std::string dir = tempDir();
    std::ofstream(dir + "/lock.h") << "#pragma once\n#include <boost/thread/mutex.hpp>\n#include <boost/thread/lock_guard.hpp>\n"
                                      "#define GUARD(m) boost::lock_guard<boost::mutex> g_(m)\n";
    std::string text = "#include \"lock.h\"\nstatic boost::mutex m;\nvoid f() { GUARD(m); }\n";
    RunOptions o = options();
    o.settings.lists[kCompilerArgsKey] = {"-std=c++17", "-I" + dir};
    FileOutcome out = processText(dir + "/use.cpp", text, o);
    INFO(out.reason);
    // Renaming `m` alone would hand a std::mutex to the macro's boost::lock_guard.
    CHECK(out.state == FileState::Unchanged);
    bool flagged = false;
    for (const Diagnostic& d : out.diagnostics) {
        CHECK(d.status != SiteStatus::Fixed);
        if (d.begin.line == 2 && d.message.find("macro `GUARD`") != std::string::npos) flagged = true;
    }
    CHECK(flagged);
}

TEST_CASE("the re-parse check reports errors only") {
    registerPack(boost_thread_to_std::descriptor());
    const Frontend* fe = FrontendRegistry::instance().forPath("x.cpp");
    REQUIRE(fe != nullptr);
    CHECK_FALSE(fe->syntaxError(SourceFile("ok.cpp", "#warning hi\nint x;\n")).has_value());
    auto err = fe->syntaxError(SourceFile("bad.cpp", "int x = ;\n"));
    REQUIRE(err.has_value());
    CHECK(err->rfind("line 1:", 0) == 0);
}

TEST_CASE("the pack is registered with one rule per code") {
    registerPack(boost_thread_to_std::descriptor());
    const RuleInfo* r = PackRegistry::instance().findRule("boost-thread-sleep");
    REQUIRE(r != nullptr);
    CHECK(r->id == "AMC102");
    CHECK(PackRegistry::instance().findRule("AMC118") != nullptr);
}
