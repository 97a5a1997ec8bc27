// The asyncio-to-anyio pack: its rules, in the order they run, and its registration.
#pragma once
#include <vector>

#include "core/pack.h"
#include "matchers/python/rule.h"

namespace anymig::asyncio_to_anyio {

const std::vector<const python::PyRule*>& rules();
// Everything the program knows of the pack: rules, front ends, options, report words.
const PackDescriptor& descriptor();

}  // namespace anymig::asyncio_to_anyio
