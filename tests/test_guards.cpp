// The shared pieces of Python rules (matchers/python/guards.h and rule.h), on their own:
// syntax predicates, guards over call sites, case order, and table rules.
#include <catch2/catch.hpp>

#include "matchers/python/guards.h"
#include "matchers/python/model.h"

using namespace anymig;
using namespace anymig::python;

namespace {

// Parses `code` once and answers questions about the calls to `callee` in it.
struct Module {
    explicit Module(const std::string& code)
        : source("t.py", code), syntax(source), model(syntax), ctx(syntax, model, settings, out) {
        ctx.aliases = &aliases;
    }
    std::vector<CallSite> calls(std::string_view callee) const { return ctx.callsTo({callee}); }
    // The guard's answer for each call to `callee`, in document order.
    std::vector<bool> answers(const Guard& g, std::string_view callee) const {
        std::vector<bool> out;
        for (const CallSite& c : calls(callee)) out.push_back(g(c, ctx));
        return out;
    }
    SourceFile source;
    Syntax syntax;
    Model model;
    Settings settings;
    Analysis out;
    std::vector<std::pair<std::string, std::string>> aliases{{"pkg.sub.", "pkg."}};
    Context ctx;
};

using B = std::vector<bool>;

}  // namespace

TEST_CASE("inAsyncDef: only directly inside an async def", "[guards]") {
    Module m(
        "import pkg\n"
        "async def a():\n    pkg.f()\n"
        "def b():\n    pkg.f()\n"
        "async def c():\n    def inner():\n        pkg.f()\n    g = lambda: pkg.f()\n    [pkg.f() for _ in x]\n"
        "async def d():\n    class C:\n        x = pkg.f()\n"
        "pkg.f()\n");
    CHECK(m.answers(inAsyncDef(), "pkg.f") == B{true, false, false, false, true, false, false});
}

TEST_CASE("argument guards", "[guards]") {
    Module m("import pkg\npkg.f(1)\npkg.f(1, 2)\npkg.f(x=1)\npkg.f(*a)\npkg.f(**k)\npkg.f(\n    1,  # why\n)\n");
    CHECK(m.answers(positionalArgs(1), "pkg.f") == B{true, false, false, false, false, true});
    CHECK(m.answers(maxPositionalArgs(1), "pkg.f") == B{true, false, true, true, true, true});
    CHECK(m.answers(noStarArgs(), "pkg.f") == B{true, true, true, false, false, true});
    CHECK(m.answers(noCommentsInArgs(), "pkg.f") == B{true, true, true, true, true, false});
    CHECK(m.answers(noKeyword("x"), "pkg.f") == B{true, true, false, true, true, true});
}

TEST_CASE("submodule aliases are matched once, by the canonical name", "[guards]") {
    Module m("import pkg.sub\nfrom pkg.sub import f as g\npkg.sub.f()\ng()\npkg.f()\npkg.other.f()\n");
    CHECK(m.calls("pkg.f").size() == 3);
    CHECK(m.ctx.canonical("pkg.sub.f") == "pkg.f");
    CHECK(m.ctx.canonical("pkg.other.f") == "pkg.other.f");
    CHECK(m.answers(calls("pkg.f"), "pkg.f") == B{true, true, true});
}

TEST_CASE("isPure: atoms and expressions", "[guards]") {
    auto pure = [](const std::string& expr, Purity level) {
        Module m("x = " + expr + "\n");
        TSNode assignment = field(namedChildren(namedChildren(m.syntax.root())[0])[0], "right");
        return isPure(assignment, level);
    };
    for (const char* atom : {"1", "2.5", "name", "a.b.c", "-n", "True", "None"}) {
        INFO(atom);
        CHECK(pure(atom, Purity::Atom));
        CHECK(pure(atom, Purity::Expression));
    }
    for (const char* expr : {"'text'", "n + 1", "(a * b)"}) {
        INFO(expr);
        CHECK_FALSE(pure(expr, Purity::Atom));
        CHECK(pure(expr, Purity::Expression));
    }
    for (const char* impure : {"f()", "f'{x}'", "a[0]", "[1]"}) {
        INFO(impure);
        CHECK_FALSE(pure(impure, Purity::Expression));
    }
}

TEST_CASE("cases: the first that applies decides; unless inverts", "[guards]") {
    Module m("import pkg\nasync def a():\n    pkg.f(1)\n    pkg.f(1, 2)\ndef b():\n    pkg.f(1)\n");
    std::vector<Case> cases = {
        {.name = "arguments", .unless = {positionalArgs(1)}, .then = flag(SiteStatus::NeedsReview, "args")},
        {.name = "sync", .unless = {inAsyncDef()}, .then = flag(SiteStatus::NoEquivalent, "sync")},
        {.name = "rewrite", .when = {inAsyncDef()}, .then = [](const CallSite& s, Context&) -> Outcome {
             return renameCallee(s, "other.f", "other", "renamed");
         }},
    };
    std::vector<std::string> got;
    for (const CallSite& c : m.calls("pkg.f")) {
        Outcome o = decide(cases, c, m.ctx);
        if (auto* f = std::get_if<Flag>(&o)) got.push_back("flag:" + f->message);
        else if (auto* r = std::get_if<Rewrite>(&o)) got.push_back("rewrite:" + r->fix.edits.at(0).replacement);
        else got.push_back("skip");
    }
    CHECK(got == std::vector<std::string>{"rewrite:other.f", "flag:args", "flag:sync"});
    CHECK(std::holds_alternative<Skip>(decide({}, m.calls("pkg.f")[0], m.ctx)));
}

TEST_CASE("table rules rename or flag by row", "[guards]") {
    PyRule rule = tableRule({.id = "T1", .name = "t", .category = "t", .summary = "t"},
                            {{.qualified = "pkg.f", .replacement = "other.f", .module = "other"},
                             {.qualified = "pkg.g", .status = SiteStatus::NoEquivalent, .reason = "g is gone"}});
    CHECK(rule.calls == std::vector<std::string_view>{"pkg.f", "pkg.g"});
    Module m("import pkg.sub\npkg.sub.f(1)\npkg.g()\n");
    Outcome f = decide(rule.cases, m.calls("pkg.f").at(0), m.ctx);
    REQUIRE(std::holds_alternative<Rewrite>(f));
    CHECK(std::get<Rewrite>(f).message == "pkg.f() -> other.f()");
    CHECK(std::get<Rewrite>(f).fix.imports == std::vector<std::string>{"other"});
    CHECK(m.source.text().substr(std::get<Rewrite>(f).fix.edits.at(0).begin, 9) == "pkg.sub.f");
    Outcome g = decide(rule.cases, m.calls("pkg.g").at(0), m.ctx);
    REQUIRE(std::holds_alternative<Flag>(g));
    CHECK(std::get<Flag>(g).message == "pkg.g() has no equivalent: g is gone");
}
