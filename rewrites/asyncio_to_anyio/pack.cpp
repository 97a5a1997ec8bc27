// The asyncio-to-anyio pack: its descriptor. Adding a rule means one line in rules.def.
#include "rewrites/asyncio_to_anyio/pack.h"

#include <memory>

#include "matchers/python/dependencies.h"
#include "matchers/python/frontend.h"
#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/module_summary.h"

namespace anymig::asyncio_to_anyio {

using python::PyRule;

std::unique_ptr<Frontend> makePytestConfigFrontend();  // config_files.cpp
std::string testingImpact(const TestingScan& scan);    // testing_impact.cpp
std::vector<CompileResult> verifyCompile(const std::vector<std::string>& files, const std::string& python);

#define ANYMIG_RULE(k) extern const PyRule k;
#include "rewrites/asyncio_to_anyio/rules.def"
#undef ANYMIG_RULE

const std::vector<const PyRule*>& rules() {
    static const std::vector<const PyRule*> all = {
#define ANYMIG_RULE(k) &k,
#include "rewrites/asyncio_to_anyio/rules.def"
#undef ANYMIG_RULE
    };
    return all;
}

// The options the pack's rules read (Settings::get(option)).
extern const PackOption kTargetAnyio{"target-anyio", PackOption::Kind::Version,
                                     "anyio version to target (default: the project's anyio>=X from pyproject.toml, setup.cfg, setup.py or "
                                     "requirements*.txt, else the version in uv.lock/poetry.lock, else 4.0)",
                                     "4.0", "anyio"};
extern const PackOption kTargetPython{"target-python", PackOption::Kind::Version,
                                      "Python version to target (default: the project's requires-python / python_requires / Poetry "
                                      "python, else 3.8)",
                                      "3.8", "python"};
extern const PackOption kTestBackends{"test-backends", PackOption::Kind::List,
                                      "anyio backends the test suite must run on (e.g. asyncio,trio), for the pytest rule",
                                      "asyncio", ""};

const PackDescriptor& descriptor() {
    static const PackDescriptor pack = [] {
        PackDescriptor d;
        d.name = "asyncio-to-anyio";
        d.language = "python";
        for (const PyRule* r : rules()) d.rules.push_back(&r->info);
        d.frontend.triggers = {"asyncio", "HAS_"};
        d.frontend.mentionWord = "asyncio";
        d.frontend.targetImports = {"anyio"};
        // asyncio/__init__.py re-exports these submodules' names (`from .tasks import *`).
        for (const char* sub : {"coroutines", "events", "exceptions", "futures", "locks", "queues", "runners",
                                "streams", "subprocess", "taskgroups", "tasks", "threads", "timeouts"})
            d.frontend.aliases.emplace_back(std::string("asyncio.") + sub + ".", "asyncio.");
        d.frontend.alwaysOnRule = kImports.info.id;
        // Piecewise run of huge modules (core/piecewise.h): asyncio.sleep's decisions are the call's
        // own; the import rule's are checked to agree across the pieces.
        d.frontend.pieceLocalRules = {std::string(kAsyncioSleep.info.id), std::string(kImports.info.id)};
        // The pytest rule also reads the pytest configuration and conftest.py files above a
        // module: their content is part of the result cache's key.
        d.frontend.contextFiles = {"conftest.py", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"};
        d.options = {kTargetAnyio, kTargetPython, kTestBackends};
        d.report = {"Anyio Migration", "asyncio", "anyio", R"(^\s*(import\s+asyncio\b|from\s+asyncio\b))",
                    R"(^\s*(import\s+anyio\b|from\s+anyio\b))",
                    "Run the test suite on both anyio backends (asyncio and trio).", "python", "#"};
        d.readiness = {"trio-ready",
                       "List each Python module that used asyncio as runs-on-both-backends, asyncio-only or partly "
                       "migrated (with the asyncio uses left); exit 1 while any is not ready",
                       "trio readiness", "both backends", "run on both backends"};
        d.testingImpact = testingImpact;
        d.verifyCompile = verifyCompile;
        d.compileCommand = "{tool} -m py_compile";
        d.readDependencies = python::readProjectDependencies;
        d.addDependency = python::addDependency;
        d.dependencyOption = &kTargetAnyio;
        d.makeFrontends = [](const PackDescriptor& self) {
            std::vector<std::unique_ptr<Frontend>> out;
            out.push_back(std::make_unique<python::PythonFrontend>(rules(), self.frontend, checkRound, summarizeModule,
                                                                      summarizeModuleRound));
            out.push_back(makePytestConfigFrontend());  // pytest.ini, setup.cfg, tox.ini, pyproject.toml
            return out;
        };
        return d;
    }();
    return pack;
}

}  // namespace anymig::asyncio_to_anyio
