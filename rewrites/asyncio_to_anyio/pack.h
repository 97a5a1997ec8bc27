// The asyncio-to-anyio pack: its rules, in the order they run, and its registration.
#pragma once
#include <vector>

#include "matchers/python/rule.h"

namespace anymig::asyncio_to_anyio {

const std::vector<const python::PyRule*>& rules();
// Registers the pack's metadata and the Python front end that runs it.
void registerPack();

}  // namespace anymig::asyncio_to_anyio
