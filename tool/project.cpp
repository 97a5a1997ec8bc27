#include "tool/project.h"

#include <filesystem>
#include <regex>
#include <stdexcept>
#include <toml++/toml.h>

namespace anymig::tool {

namespace fs = std::filesystem;

std::optional<std::string> lowerBound(const std::string& spec, const std::string& package) {
    std::string s = spec;
    if (!package.empty()) {
        static const std::regex name(R"(^\s*([A-Za-z0-9_.\-]+)\s*(\[[^\]]*\])?\s*(.*)$)");
        std::smatch m;
        if (!std::regex_match(s, m, name)) return std::nullopt;
        std::string n = m[1].str();
        for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (n != package) return std::nullopt;
        s = m[3].str();
    }
    static const std::regex bound(R"((>=|==|~=|>)\s*([0-9]+)(\.([0-9]+))?)");
    std::smatch m;
    if (!std::regex_search(s, m, bound)) return std::nullopt;
    return m[2].str() + "." + (m[4].matched ? m[4].str() : std::string("0"));
}

ProjectFacts readProjectFacts(const std::string& start) {
    ProjectFacts facts;
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
    for (; !dir.empty(); dir = dir.parent_path()) {
        if (fs::is_regular_file(dir / "pyproject.toml", ec)) {
            facts.pyprojectPath = (dir / "pyproject.toml").string();
            break;
        }
        if (fs::exists(dir / ".git", ec) || dir == dir.root_path()) break;
    }
    if (facts.pyprojectPath.empty()) return facts;
    toml::table tbl;
    try {
        tbl = toml::parse_file(facts.pyprojectPath);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(facts.pyprojectPath + ": invalid TOML at line " +
                                 std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    if (auto rp = tbl["project"]["requires-python"].value<std::string>()) facts.targetPython = lowerBound(*rp);
    auto scan = [&](const toml::array* deps) {
        if (!deps) return;
        for (const auto& d : *deps)
            if (auto s = d.value<std::string>())
                if (auto v = lowerBound(*s, "anyio")) facts.targetAnyio = v;
    };
    scan(tbl["project"]["dependencies"].as_array());
    if (auto opt = tbl["project"]["optional-dependencies"].as_table())
        for (const auto& [k, v] : *opt) scan(v.as_array());
    return facts;
}

}  // namespace anymig::tool
