// The asyncio-to-anyio pack: adding a rule means one line here.
#include "rewrites/asyncio_to_anyio/pack.h"

#include <memory>

#include "matchers/python/frontend.h"
#include "rewrites/asyncio_to_anyio/cancellation.h"

namespace anymig::asyncio_to_anyio {

using python::PyRule;

std::unique_ptr<Frontend> makePytestConfigFrontend();  // config_files.cpp

extern const PyRule kHasFlag;
extern const PyRule kAsyncioSleep;
extern const PyRule kAsyncioRun;
extern const PyRule kSyncPrimitives;
extern const PyRule kCoroutineDetection;
extern const PyRule kTimeoutError;
extern const PyRule kCancelledError;
extern const PyRule kToThread;
extern const PyRule kEventLoop;
extern const PyRule kGather;
extern const PyRule kWaitFor;
extern const PyRule kTimeouts;
extern const PyRule kTaskGroup;
extern const PyRule kCreateTask;
extern const PyRule kShield;
extern const PyRule kSubprocess;
extern const PyRule kQueue;
extern const PyRule kSockets;
extern const PyRule kPytest;
extern const PyRule kLegacyReference;
extern const PyRule kImports;

const std::vector<const PyRule*>& rules() {
    // Run order: flag folding first (its edits are the largest), the catch-all after
    // every pattern rule, and the import rule last (it reads what the others need).
    static const std::vector<const PyRule*> all = {
        &kHasFlag,
        &kAsyncioSleep,
        &kAsyncioRun,
        &kSyncPrimitives,
        &kCoroutineDetection,
        &kTimeoutError,
        &kCancelledError,
        &kToThread,
        &kEventLoop,
        &kGather,
        &kWaitFor,
        &kTimeouts,
        &kTaskGroup,
        &kCreateTask,
        &kShield,
        &kSubprocess,
        &kQueue,
        &kSockets,
        &kPytest,
        &kLegacyReference,
        &kImports,
    };
    return all;
}

void registerPack() {
    Pack pack{"asyncio-to-anyio", "python", {}};
    for (const PyRule* r : rules()) pack.rules.push_back(&r->info);
    PackRegistry::instance().add(std::move(pack));
    // The pytest rule also reads the pytest configuration and conftest.py files above a module:
    // their content is part of the result cache's key.
    std::vector<std::string> context{"conftest.py", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"};
    FrontendRegistry::instance().add(std::make_unique<python::PythonFrontend>(
        rules(), std::vector<std::string>{"asyncio", "HAS_"}, checkRound, std::move(context)));
    FrontendRegistry::instance().add(makePytestConfigFrontend());  // pytest.ini, setup.cfg, tox.ini, pyproject.toml
}

}  // namespace anymig::asyncio_to_anyio
