// Language-neutral rule metadata and the registry of packs. A front end owns how
// rules run; the core only needs to know which rules exist, for selection, listing
// and documentation.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace anymig {

struct RuleInfo {
    std::string_view id;        // stable code, e.g. "AM101"
    std::string_view name;      // kebab slug, e.g. "asyncio-sleep"; docs/rules/<pack>/<name>.md
    std::string_view category;  // pattern category, e.g. "sleep"
    std::string_view summary;   // one line: what it does
    FixSafety safety = FixSafety::Safe;
};

struct Pack {
    std::string_view name;      // e.g. "asyncio-to-anyio"
    std::string_view language;  // e.g. "python"
    std::vector<const RuleInfo*> rules;
};

// All packs compiled into this binary (front ends register theirs at start-up).
class PackRegistry {
public:
    static PackRegistry& instance();
    void add(Pack pack);
    const std::vector<Pack>& packs() const { return packs_; }
    const RuleInfo* findRule(std::string_view idOrName) const;

private:
    std::vector<Pack> packs_;
};

// Which rules run: --select and --ignore take ids, names, or category names.
struct RuleSelection {
    std::vector<std::string> select;  // empty = all
    std::vector<std::string> ignore;
    bool enabled(const RuleInfo& rule) const;
};

}  // namespace anymig
