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

namespace {

const char* kByUse =
    "#ifdef APP_BOOST_SYNC\n"
    "#include <boost/thread/mutex.hpp>\n"
    "typedef boost::mutex Lock;\n"
    "#else\n"
    "#include <mutex>\n"
    "typedef std::mutex Lock;\n"
    "#endif\n"
    "static Lock m;\n";

std::vector<std::string> hasFlagMessages(const FileOutcome& out) {
    std::vector<std::string> v;
    for (const Diagnostic& d : out.diagnostics)
        if (d.ruleId == "AMC110") v.push_back(std::string(toString(d.status)) + ": " + d.message);
    return v;
}

}  // namespace

TEST_CASE("a configuration macro found by use is folded once the file no longer uses Boost.Thread") {
    FileOutcome out = processText("byuse.cpp", kByUse, options());
    REQUIRE(out.state == FileState::Changed);
    CHECK(out.rewritten == "#include <mutex>\ntypedef std::mutex Lock;\nstatic Lock m;\n");
    CHECK(hasFlagMessages(out) ==
          std::vector<std::string>{"fixed: fold the conditional assuming APP_BOOST_SYNC undefined (this file no longer "
                                   "uses Boost.Thread); the live branch is kept as is"});
}

TEST_CASE("a configuration macro the build sets, the file defines or uses otherwise is not folded by use") {
    auto refused = [](const std::string& text, std::vector<std::string> args) {
        RunOptions o = options();
        o.settings.lists[kCompilerArgsKey] = std::move(args);
        FileOutcome out = processText("refused.cpp", text, o);
        CHECK(out.state == FileState::Unchanged);
        return hasFlagMessages(out);
    };
    const std::string head = "APP_BOOST_SYNC is not folded although this file no longer uses Boost.Thread: ";
    CHECK(refused(kByUse, {"-std=c++17", "-UAPP_BOOST_SYNC"}) ==
          std::vector<std::string>{"needs-review: " + head +
                                   "the build sets it (-UAPP_BOOST_SYNC in the compile command); give "
                                   "--assume-false APP_BOOST_SYNC to fold it"});
    CHECK(refused("#undef APP_BOOST_SYNC\n" + std::string(kByUse), {"-std=c++17"}) ==
          std::vector<std::string>{"needs-review: " + head + "the file defines or undefines it (line 1)"});
    CHECK(refused(std::string(kByUse) + "#define STR(x) #x\nconst char* name = STR(APP_BOOST_SYNC);\n", {"-std=c++17"}) ==
          std::vector<std::string>{"needs-review: " + head + "the file also uses it outside conditionals (line 10)"});
    CHECK(refused(std::string(kByUse) + "#ifdef APP_BOOST_SYNC\nconst char* name = \"boost\";\n#endif\n", {"-std=c++17"}) ==
          std::vector<std::string>(2, "needs-review: " + head +
                                          "the file also uses it for something else (the conditional at line 9 does "
                                          "not select Boost.Thread code)"));
}

TEST_CASE("files that start with the same Boost include migrate the same with and without the shared PCH") {
    std::string dir = tempDir();
    std::string a = "#include <boost/thread.hpp>\nstatic boost::mutex m;\n";
    std::string b = "#include <boost/thread.hpp>\n#include <boost/thread/tss.hpp>\n"
                    "static boost::thread_specific_ptr<int> p;\nstatic boost::mutex m;\n";
    // The second file asks for the precompiled <boost/thread.hpp> a second time: it is built and
    // used. The include must stay (thread_specific_ptr has no std equivalent) exactly as without it.
    std::string want = "#include <boost/thread.hpp>\n#include <boost/thread/tss.hpp>\n#include <mutex>\n"
                       "static boost::thread_specific_ptr<int> p;\nstatic std::mutex m;\n";
    CHECK(processText(dir + "/a.cpp", a, options()).rewritten == "#include <mutex>\nstatic std::mutex m;\n");
    CHECK(processText(dir + "/b.cpp", b, options()).rewritten == want);
    ::setenv("ANYMIG_CPP_PCH", "0", 1);
    CHECK(processText(dir + "/b2.cpp", b, options()).rewritten == want);
    ::unsetenv("ANYMIG_CPP_PCH");
}
