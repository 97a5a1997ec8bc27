// The runner's guarantees with a deliberately broken front end: a rewrite that does not
// re-parse is refused and nothing changes; rounds continue until no edit is made.
#include <catch2/catch.hpp>

#include "core/runner.h"

using namespace anymig;

namespace {

const RuleInfo kFake{"T1", "fake", "test", "test rule", FixSafety::Safe};

// Replaces "old" with the configured text; "BAD" stands for an unparsable result.
class FakeFrontend : public Frontend {
public:
    FakeFrontend(std::string replacement, std::string extension)
        : replacement_(std::move(replacement)), extension_(std::move(extension)) {}
    std::string_view name() const override { return "fake"; }
    std::vector<std::string> extensions() const override { return {extension_}; }
    bool mayNeedWork(std::string_view text, const Settings&) const override { return text.find("old") != std::string::npos; }
    Analysis analyze(const SourceFile& src, const AnalysisOptions&) const override {
        Analysis a;
        if (auto e = syntaxError(src)) a.syntaxError = e;
        std::size_t at = src.text().find("old");
        if (at != std::string::npos) {
            a.edits.add({at, at + 3, replacement_, "T1"});
            Diagnostic d;
            d.ruleId = "T1";
            d.status = SiteStatus::Fixed;
            d.begin = src.position(at);
            a.diagnostics.push_back(d);
        }
        return a;
    }
    std::optional<std::string> syntaxError(const SourceFile& src) const override {
        std::size_t at = src.text().find("BAD");
        if (at == std::string::npos) return std::nullopt;
        return "line " + std::to_string(src.position(at).line) + ": invalid";
    }

private:
    std::string replacement_;
    std::string extension_;
};

// Each test case may run in its own process (ctest), so each registers the front end once.
void registerFake() {
    static bool done = [] {
        FrontendRegistry::instance().add(std::make_unique<FakeFrontend>("new", ".fake"));
        FrontendRegistry::instance().add(std::make_unique<FakeFrontend>("BAD", ".bad"));  // breaks every file
        return true;
    }();
    (void)done;
}

RunOptions migrate() {
    registerFake();
    RunOptions o;
    o.mode = RunMode::Diff;
    return o;
}

}  // namespace

TEST_CASE("runner: rounds reach a fixed point", "[runner]") {
    FileOutcome out = processText("a.fake", "old old old\n", migrate());
    CHECK(out.state == FileState::Changed);
    CHECK(out.rewritten == "new new new\n");
    CHECK(out.rounds == 3);  // one site per round in this front end
    CHECK(out.diagnostics.size() == 3);
    CHECK(out.linesAdded == 1);
    CHECK(out.linesRemoved == 1);
}

TEST_CASE("runner: files that do not need work are not parsed; binary and bad UTF-8 are errors", "[runner]") {
    CHECK(processText("b.fake", "nothing here\n", migrate()).state == FileState::NotParsed);
    FileOutcome bin = processText("b.fake", std::string("old\0x", 5), migrate());
    CHECK(bin.state == FileState::Error);
    CHECK(bin.reason == "binary file (contains NUL bytes)");
    FileOutcome latin = processText("b.fake", "old\ncaf\xe9\n", migrate());
    CHECK(latin.state == FileState::Error);
    CHECK(latin.reason == "not valid UTF-8 (line 2, column 4)");
    CHECK(processText("b.txt", "old", migrate()).reason == "no front end handles this file type");
}

TEST_CASE("runner: a rewrite that does not parse is refused", "[runner]") {
    RunOptions o = migrate();
    FileOutcome pre = processText("c.fake", "BAD old\n", o);
    CHECK(pre.state == FileState::SkippedSyntaxError);
    CHECK(pre.reason == "syntax error at line 1: invalid");
    FileOutcome refused = processText("d.bad", "x\nold\n", o);
    CHECK(refused.state == FileState::RefusedRewrite);
    CHECK(refused.reason == "the rewritten file would not parse (line 2: invalid); left unchanged");
    CHECK(refused.rewritten.empty());
    REQUIRE(refused.diagnostics.size() == 1);
    CHECK(refused.diagnostics[0].status == SiteStatus::NeedsReview);
    CHECK(refused.diagnostics[0].message == " (rewrite refused: the result did not parse)");
    RunResult none;
    none.files.push_back(refused);
    CHECK(none.hadErrors());
}
