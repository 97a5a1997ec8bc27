#include <algorithm>

#include "core/diagnostic.h"
#include "core/frontend.h"
#include "core/pack.h"
#include "core/rule.h"

namespace anymig {

const char* toString(FixSafety s) {
    switch (s) {
        case FixSafety::Safe: return "safe";
        case FixSafety::Conditional: return "conditional";
        case FixSafety::ReviewOnly: return "review-only";
    }
    return "?";
}

const char* toString(SiteStatus s) {
    switch (s) {
        case SiteStatus::Fixed: return "fixed";
        case SiteStatus::NeedsReview: return "needs-review";
        case SiteStatus::NoEquivalent: return "no-equivalent";
        case SiteStatus::NotYetMigrated: return "not-yet-migrated";
        case SiteStatus::KeptByPolicy: return "kept-by-policy";
        case SiteStatus::Suppressed: return "suppressed";
    }
    return "?";
}

PackRegistry& PackRegistry::instance() {
    static PackRegistry registry;
    return registry;
}

void PackRegistry::add(PackDescriptor pack) { packs_.push_back(std::move(pack)); }

const PackDescriptor* PackRegistry::find(std::string_view name) const {
    for (const PackDescriptor& p : packs_)
        if (p.name == name) return &p;
    return nullptr;
}

const RuleInfo* PackRegistry::findRule(std::string_view key) const {
    for (const PackDescriptor& p : packs_)
        for (const RuleInfo* r : p.rules)
            if (r->id == key || r->name == key) return r;
    return nullptr;
}

const PackDescriptor* PackRegistry::packOf(std::string_view ruleId) const {
    for (const PackDescriptor& p : packs_)
        for (const RuleInfo* r : p.rules)
            if (r->id == ruleId) return &p;
    return nullptr;
}

std::vector<const PackDescriptor*> PackRegistry::forLanguage(std::string_view language) const {
    std::vector<const PackDescriptor*> out;
    for (const PackDescriptor& p : packs_)
        if (p.language == language) out.push_back(&p);
    return out;
}

void registerPack(const PackDescriptor& pack) {
    PackRegistry& packs = PackRegistry::instance();
    if (packs.find(pack.name)) return;
    packs.add(pack);
    if (pack.makeFrontends)
        for (auto& frontend : pack.makeFrontends(*packs.find(pack.name)))
            FrontendRegistry::instance().add(std::move(frontend));
}

static bool matchesKey(const RuleInfo& rule, const std::string& key) {
    if (key == "ALL" || key == "all") return true;
    if (rule.id == key || rule.name == key || rule.category == key) return true;
    // A prefix of the code selects a family: "AM1" selects AM101..AM199.
    return key.size() >= 2 && rule.id.substr(0, key.size()) == key;
}

bool RuleSelection::enabled(const RuleInfo& rule) const {
    bool on = select.empty() ||
              std::any_of(select.begin(), select.end(), [&](const std::string& k) { return matchesKey(rule, k); });
    if (!on) return false;
    return std::none_of(ignore.begin(), ignore.end(), [&](const std::string& k) { return matchesKey(rule, k); });
}

FrontendRegistry& FrontendRegistry::instance() {
    static FrontendRegistry registry;
    return registry;
}

void FrontendRegistry::add(std::unique_ptr<Frontend> frontend) { frontends_.push_back(std::move(frontend)); }

static bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const Frontend* FrontendRegistry::forPath(std::string_view path) const {
    for (const auto& f : frontends_)
        for (const std::string& ext : f->extensions())
            if (endsWith(path, ext)) return f.get();
    return nullptr;
}

std::vector<std::string> FrontendRegistry::extensions() const {
    std::vector<std::string> out;
    for (const auto& f : frontends_)
        for (const std::string& e : f->extensions()) out.push_back(e);
    return out;
}

}  // namespace anymig
