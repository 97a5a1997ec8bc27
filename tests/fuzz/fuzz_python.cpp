// libFuzzer target: the whole Python rewrite pipeline (decode, parse, model, every rule, rounds
// to a fixed point, the strict re-parse check) on arbitrary bytes. Besides crashes, hangs and
// sanitizer reports, it aborts when
//   - a rewrite that anymig would write does not pass the strict syntax check;
//   - a second pass over the rewrite changes it again (migrate must be idempotent);
//   - a byte outside the reported edits changed: the edits of every round, composed onto the
//     original (RunOptions::recordEdits), must give exactly the rewrite, and each must come
//     from a rule that reported a fixed site in the file (import and layout edits: from some fix).
// The CPython differential oracle (the output compiles wherever the input does) runs over the
// corpus afterwards: tests/fuzz/oracle.py (a CPython per input would slow fuzzing 100-fold).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "core/runner.h"
#include "matchers/python/syntax.h"
#include "rewrites/asyncio_to_anyio/pack.h"

using namespace anymig;

namespace {

[[noreturn]] void finding(const char* what, const std::string& detail = "") {
    std::fprintf(stderr, "FINDING: %s%s%s\n", what, detail.empty() ? "" : ": ", detail.c_str());
    std::abort();
}

void checkEditsReported(const FileOutcome& out) {
    if (applyEdits(out.original, out.edits) != out.rewritten) finding("bytes outside the recorded edits changed");
    std::set<std::string> reported;
    for (const Diagnostic& d : out.diagnostics)
        if (d.status == SiteStatus::Fixed) reported.insert(d.ruleId);
    for (const Edit& e : out.edits)
        for (std::size_t at = 0; at <= e.ruleId.size();) {
            std::size_t comma = std::min(e.ruleId.find(',', at), e.ruleId.size());
            std::string rule = e.ruleId.substr(at, comma - at);
            // The import rule (AM001) reports no sites of its own: it adds the imports the
            // file's fixes need and removes the ones they left unused, so it needs some fix; so
            // does the layout (matchers/python/layout.h), which lays out the lines fixes wrote.
            bool needsSomeFix = rule == "AM001" || rule == "layout";
            if (needsSomeFix ? reported.empty() : !reported.count(rule))
                finding("an edit from a rule that reported no fixed site", rule + " at byte " + std::to_string(e.begin));
            at = comma + 1;
        }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    registerPack(asyncio_to_anyio::descriptor());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return -1;  // keep executions fast; huge files have their own bench
    std::string text(reinterpret_cast<const char*>(data), size);
    RunOptions options;
    options.mode = RunMode::Diff;
    options.jobs = 1;
    options.recordEdits = true;
    FileOutcome first = processText("fuzz.py", text, options);
    if (first.state != FileState::Changed) return 0;
    if (auto err = python::quickSyntaxError(first.rewritten)) finding("the rewrite does not parse", *err);
    checkEditsReported(first);
    FileOutcome second = processText("fuzz.py", first.rewritten, options);
    if (second.state == FileState::Changed) finding("a second pass changed the rewrite again");
    return 0;
}
