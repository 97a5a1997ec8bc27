// libFuzzer target: the whole Python rewrite pipeline (parse, model, every rule, rounds to a
// fixed point, the strict re-parse check) on arbitrary bytes. Besides crashes, hangs and
// sanitizer reports, it aborts when
//   - a rewrite that anymig would write does not pass the strict syntax check,
//   - a second pass over the rewrite changes it again (migrate must be idempotent).
// The CPython differential oracle (the output compiles wherever the input does) runs over the
// corpus afterwards: tests/fuzz/oracle.py.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/runner.h"
#include "matchers/python/syntax.h"
#include "rewrites/asyncio_to_anyio/pack.h"

using namespace anymig;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    asyncio_to_anyio::registerPack();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return -1;  // keep executions fast; huge files have their own bench
    std::string text(reinterpret_cast<const char*>(data), size);
    RunOptions options;
    options.mode = RunMode::Diff;
    options.jobs = 1;
    FileOutcome first = processText("fuzz.py", text, options);
    if (first.state != FileState::Changed) return 0;
    if (auto err = python::quickSyntaxError(first.rewritten)) {
        std::fprintf(stderr, "rewrite does not parse: %s\n", err->c_str());
        std::abort();
    }
    FileOutcome second = processText("fuzz.py", first.rewritten, options);
    if (second.state == FileState::Changed) {
        std::fprintf(stderr, "a second pass changed the rewrite again\n");
        std::abort();
    }
    return 0;
}
