#include "tool/rules_command.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/pack.h"

namespace anymig::tool {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == '\n') s.remove_prefix(1);
    while (!s.empty() && s.back() == '\n') s.remove_suffix(1);
    return s;
}

}  // namespace

std::string rulesText() {
    std::ostringstream out;
    for (const PackDescriptor& p : PackRegistry::instance().packs()) {
        out << p.name << " (" << p.language << ")\n";
        for (const RuleInfo* r : p.rules)
            out << "  " << r->id << "  " << r->name << "  [" << r->category << ", " << toString(r->safety) << "]  "
                << r->summary << "\n";
    }
    return out.str();
}

std::string rulesMarkdown() {
    std::ostringstream out;
    for (const PackDescriptor& p : PackRegistry::instance().packs()) {
        out << "# " << p.name << " (" << p.language << ")\n\n| Id | Name | Category | What it does | Fix safety |\n"
            << "|---|---|---|---|---|\n";
        for (const RuleInfo* r : p.rules)
            out << "| " << r->id << " | " << r->name << " | " << r->category << " | " << r->brief << " | "
                << toString(r->safety) << " |\n";
        for (const RuleInfo* r : p.rules)
            out << "\n## " << r->id << " " << r->name << "\n\nCategory: " << r->category
                << " · Fix: " << toString(r->safety) << "\n\n" << trimmed(r->doc) << "\n";
        out << "\n";
    }
    return out.str();
}

std::string rulesJson() {
    nlohmann::ordered_json packs = nlohmann::ordered_json::array();
    for (const PackDescriptor& p : PackRegistry::instance().packs()) {
        nlohmann::ordered_json rules = nlohmann::ordered_json::array();
        for (const RuleInfo* r : p.rules)
            rules.push_back({{"id", r->id},
                             {"name", r->name},
                             {"category", r->category},
                             {"summary", r->summary},
                             {"safety", toString(r->safety)},
                             {"brief", r->brief},
                             {"doc", std::string(trimmed(r->doc)) + "\n"}});
        packs.push_back({{"name", p.name}, {"language", p.language}, {"rules", rules}});
    }
    return packs.dump(2) + "\n";
}

}  // namespace anymig::tool
