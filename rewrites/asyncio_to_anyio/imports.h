// The import rule's answer to "under which name can this fix refer to a module here?"
// (ruff's importer: the rule asks, the import rule hands back the bound name and adds the
// import that binds it).
#pragma once
#include <string>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

struct ImportedName {
    std::string name;   // what the replacement text writes: "subprocess", "_subprocess"
    std::string entry;  // what the fix lists in Fix::imports: "subprocess", "subprocess as _subprocess"
};

// `module` (a top-level module: "subprocess") as `site` can name it: the module's own name
// when that name is free there or already the module; else the alias of a top-level
// `import module as x` the file has; else a new alias `_module` (`_module_2`, ...), a name
// that occurs nowhere in the file, so it never collides (and a star import never exports it).
ImportedName importedModuleName(const Context& ctx, TSNode site, const std::string& module);

}  // namespace anymig::asyncio_to_anyio
