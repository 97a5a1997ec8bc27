// libFuzzer target: the project configuration reader (tool/project.cpp readProjectFacts:
// pyproject.toml's [project] and [tool.anymig]) on arbitrary bytes. See reader_support.h for
// what counts as a finding.
#include <cstdint>

#include "reader_support.h"
#include "tool/project.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string file = fuzz::put("pyproject.toml", data, size);
    fuzz::expectClearRefusal({file}, [&] { anymig::tool::readProjectFacts(fuzz::scratch().string()); });
    return 0;
}
