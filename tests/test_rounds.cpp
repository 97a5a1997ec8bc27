// Tentative edits (core/edit.h): a rule may decide in one round what it would otherwise decide
// in the next, on the rewritten text; the runner keeps such edits only when the result settles,
// so the output is the one the extra round would give, whatever the guess.
#include <catch2/catch.hpp>

#include "core/runner.h"
#include "fixture_support.h"

using namespace anymig;

namespace {

// Replaces "old" with "new" and, tentatively, `guess` for the first "X"; a text without "old"
// gets "X" removed for real (the decision the next round makes), and "W" replaced by "V".
class GuessFrontend : public Frontend {
public:
    GuessFrontend(std::string guess, std::string extension) : guess_(std::move(guess)), extension_(std::move(extension)) {}
    std::string_view name() const override { return "guess"; }
    std::vector<std::string> extensions() const override { return {extension_}; }
    bool mayNeedWork(std::string_view, const Settings&) const override { return true; }
    Analysis analyze(const SourceFile& src, const AnalysisOptions&) const override {
        Analysis a;
        const std::string& t = src.text();
        std::size_t old = t.find("old"), x = t.find('X'), w = t.find('W');
        if (old != std::string::npos) {
            a.edits.add({old, old + 3, "new", "G1"});
            Diagnostic d;
            d.ruleId = "G1";
            d.status = SiteStatus::Fixed;
            d.begin = src.position(old);
            a.diagnostics.push_back(d);
            if (x != std::string::npos) a.edits.add({x, x + 1, guess_, "G2", /*tentative=*/true});
        } else if (x != std::string::npos) {
            a.edits.add({x, x + 1, "", "G2"});
        } else if (w != std::string::npos) {
            a.edits.add({w, w + 1, "V", "G3"});
        }
        return a;
    }
    std::optional<std::string> syntaxError(const SourceFile&) const override { return std::nullopt; }

private:
    std::string guess_;
    std::string extension_;
};

RunOptions diffMode() {
    static bool done = [] {
        FrontendRegistry::instance().add(std::make_unique<GuessFrontend>("", ".right"));
        FrontendRegistry::instance().add(std::make_unique<GuessFrontend>("W", ".wrong"));
        return true;
    }();
    (void)done;
    RunOptions o;
    o.mode = RunMode::Diff;
    return o;
}

}  // namespace

TEST_CASE("rounds: a right guess saves the round", "[runner][rounds]") {
    FileOutcome out = processText("a.right", "old X.\n", diffMode());
    CHECK(out.state == FileState::Changed);
    CHECK(out.rewritten == "new .\n");
    CHECK(out.rounds == 1);
    CHECK(out.diagnostics.size() == 1);
}

TEST_CASE("rounds: a wrong guess is taken back and the round made as without it", "[runner][rounds]") {
    // The guess "X" -> "W" would be followed by "W" -> "V"; taken back, the next round removes "X".
    FileOutcome out = processText("a.wrong", "old X.\n", diffMode());
    CHECK(out.state == FileState::Changed);
    CHECK(out.rewritten == "new .\n");
    CHECK(out.rounds == 2);
}

TEST_CASE("rounds: no guess in the last allowed round", "[runner][rounds]") {
    RunOptions o = diffMode();
    o.maxRounds = 1;
    FileOutcome out = processText("a.right", "old X.\n", o);
    CHECK(out.state == FileState::Changed);
    CHECK(out.rewritten == "new X.\n");
    CHECK(out.rounds == 1);
}

TEST_CASE("rounds: AM001 removes the imports a round leaves unused in that round", "[runner][rounds][AM001]") {
    ensurePackRegistered();
    RunOptions o;
    o.mode = RunMode::Diff;
    // The new import goes below the block's last import: decided in the round of the rewrite.
    FileOutcome one = processText("m.py",
                                  "\"\"\"Doc.\"\"\"\n"
                                  "import asyncio\n"
                                  "import os\n"
                                  "\n"
                                  "\n"
                                  "async def main():\n"
                                  "    await asyncio.sleep(1)\n"
                                  "    print(os.sep)\n",
                                  o);
    CHECK(one.state == FileState::Changed);
    CHECK(one.rewritten ==
          "\"\"\"Doc.\"\"\"\n"
          "import os\n"
          "\n"
          "import anyio\n"
          "\n"
          "\n"
          "async def main():\n"
          "    await anyio.sleep(1)\n"
          "    print(os.sep)\n");
    CHECK(one.rounds == 1);
    // A new section directly below a `from asyncio import` that keeps a name: the removal reads
    // the rewritten layout, so it waits for the next round (same output as before).
    FileOutcome two = processText("n.py",
                                  "import asyncio\n"
                                  "from asyncio import sleep, Event\n"
                                  "\n"
                                  "\n"
                                  "async def main(ev: Event):\n"
                                  "    await sleep(1)\n"
                                  "    await asyncio.sleep(2)\n",
                                  o);
    CHECK(two.state == FileState::Changed);
    CHECK(two.rewritten ==
          "from asyncio import Event\n"
          "\n"
          "import anyio\n"
          "\n"
          "\n"
          "async def main(ev: Event):\n"
          "    await anyio.sleep(1)\n"
          "    await anyio.sleep(2)\n");
    CHECK(two.rounds == 2);
}
