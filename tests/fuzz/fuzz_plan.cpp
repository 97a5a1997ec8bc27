// libFuzzer target: the plan and plan-state readers (tool/plan.cpp loadPlan, then every reader
// of its fields: batchFiles, planGroups, statusText) on arbitrary bytes. The input is split at
// the first NUL byte: before it the plan, after it the state file (none without a NUL). See
// reader_support.h for what counts as a finding.
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "reader_support.h"
#include "rewrites/asyncio_to_anyio/pack.h"
#include "tool/plan.h"

// The plan's run_options hold the registered packs' options, which the shape check reads.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    anymig::registerPack(anymig::asyncio_to_anyio::descriptor());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const void* nul = std::memchr(data, 0, size);
    std::size_t planSize = nul ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(nul) - data) : size;
    std::string plan = fuzz::put("plan.json", data, planSize);
    std::filesystem::path state = fuzz::scratch() / "plan.state.json";
    if (nul) fuzz::put("plan.state.json", data + planSize + 1, size - planSize - 1);
    else std::filesystem::remove(state);
    fuzz::expectClearRefusal({plan, state.string()}, [&] {
        anymig::tool::LoadedPlan p = anymig::tool::loadPlan(plan);
        for (int k = 1; k <= static_cast<int>(p.plan["batches"].size()); ++k) anymig::tool::batchFiles(p, k);
        anymig::tool::planGroups(p);
        anymig::tool::statusText(p, {});
    });
    return 0;
}
