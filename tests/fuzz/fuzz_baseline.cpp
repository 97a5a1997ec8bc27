// libFuzzer target: the baseline reader (tool/gate.cpp Baseline::load, then apply) on arbitrary
// bytes. See reader_support.h for what counts as a finding.
#include <cstdint>

#include "reader_support.h"
#include "tool/gate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string file = fuzz::put("baseline.json", data, size);
    fuzz::expectClearRefusal({file}, [&] {
        anymig::tool::Baseline b = anymig::tool::Baseline::load(file);
        anymig::Diagnostic d;
        d.path = "a.py";
        d.ruleId = "AM101";
        std::vector<anymig::tool::GateSite> sites(1);
        sites[0].diagnostic = &d;
        sites[0].fingerprint = "0123456789abcdef";
        b.apply(sites);
        (void)b.size();
    });
    return 0;
}
