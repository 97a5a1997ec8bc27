#include "tool/project.h"

#include <fstream>
#include <iterator>
#include <string_view>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "core/pack.h"
#include "core/toml.h"

namespace anymig::tool {

namespace fs = std::filesystem;

const std::vector<std::string>& toolConfigKeys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k = {"select",     "ignore",    "assume-true", "assume-false", "exclude",
                                      "per-file-ignores", "batch-size", "max-edits", "group-by", "baseline"};
        for (const PackDescriptor& pack : PackRegistry::instance().packs())
            for (const PackOption& opt : pack.options) k.emplace_back(opt.name);
        return k;
    }();
    return keys;
}

namespace {

[[noreturn]] void configError(const std::string& file, const std::string& key, const std::string& what) {
    throw std::runtime_error(file + ": [tool.anymig] " + key + ": " + what);
}

// A string or an array of strings.
std::vector<std::string> stringList(const toml::node& node, const std::string& file, const std::string& key) {
    std::vector<std::string> out;
    if (auto s = node.value<std::string>()) {
        out.push_back(*s);
        return out;
    }
    const toml::array* arr = node.as_array();
    if (!arr) configError(file, key, "expected a string or an array of strings");
    for (const auto& item : *arr) {
        auto s = item.value<std::string>();
        if (!s || item.type() != toml::node_type::string) configError(file, key, "expected an array of strings");
        out.push_back(*s);
    }
    return out;
}

std::string string(const toml::node& node, const std::string& file, const std::string& key) {
    if (node.type() != toml::node_type::string) configError(file, key, "expected a string");
    return *node.value<std::string>();
}

int positive(const toml::node& node, const std::string& file, const std::string& key) {
    if (node.type() != toml::node_type::integer) configError(file, key, "expected a positive integer");
    int64_t v = *node.value<int64_t>();
    if (v < 1 || v > 1000000) configError(file, key, "expected a positive integer");
    return static_cast<int>(v);
}

// Versions may be written as strings ("4.2") or, carelessly, as TOML floats (4.2).
std::string version(const toml::node& node, const std::string& file, const std::string& key) {
    if (node.type() == toml::node_type::string) return *node.value<std::string>();
    configError(file, key, "expected a version string such as \"4.0\"");
}

const PackOption* packOption(const std::string& key) {
    for (const PackDescriptor& pack : PackRegistry::instance().packs())
        for (const PackOption& opt : pack.options)
            if (opt.name == key) return &opt;
    return nullptr;
}

void readPackOption(ToolConfig& c, const PackOption& opt, const toml::node& node, const std::string& file) {
    std::string key(opt.name);
    switch (opt.kind) {
        case PackOption::Kind::List: c.packLists[key] = stringList(node, file, key); break;
        case PackOption::Kind::Version: c.packText[key] = version(node, file, key); break;
        case PackOption::Kind::Text: c.packText[key] = string(node, file, key); break;
        case PackOption::Kind::Flag:
            if (node.type() != toml::node_type::boolean) configError(file, key, "expected true or false");
            c.packFlags[key] = *node.value<bool>();
            break;
    }
}

ToolConfig readToolConfig(const toml::table& tbl, const std::string& file) {
    ToolConfig c;
    const toml::table* t = tbl["tool"]["anymig"].as_table();
    if (!t) {
        if (tbl["tool"]["anymig"]) throw std::runtime_error(file + ": [tool.anymig] must be a table");
        return c;
    }
    c.present = true;
    const auto& known = toolConfigKeys();
    for (const auto& [k, node] : *t) {
        std::string key(k.str());
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw std::runtime_error(file + ":" + std::to_string(node.source().begin.line) + ": unknown key '" + key +
                                     "' in [tool.anymig]");
        if (key == "select") c.select = stringList(node, file, key);
        else if (key == "ignore") c.ignore = stringList(node, file, key);
        else if (key == "assume-true") c.assumeTrue = stringList(node, file, key);
        else if (key == "assume-false") c.assumeFalse = stringList(node, file, key);
        else if (key == "exclude") c.exclude = stringList(node, file, key);
        else if (key == "batch-size") c.batchSize = positive(node, file, key);
        else if (key == "max-edits") c.maxEdits = positive(node, file, key);
        else if (key == "baseline") c.baseline = string(node, file, key);
        else if (const PackOption* opt = packOption(key)) readPackOption(c, *opt, node, file);
        else if (key == "group-by") {
            c.groupBy = string(node, file, key);
            if (*c.groupBy != "dir" && *c.groupBy != "package") configError(file, key, "expected \"dir\" or \"package\"");
        } else if (key == "per-file-ignores") {
            const toml::table* pf = node.as_table();
            if (!pf) configError(file, key, "expected a table of glob = [rules]");
            for (const auto& [glob, rules] : *pf)
                c.perFileIgnores.emplace_back(std::string(glob.str()),
                                              stringList(rules, file, key + "." + std::string(glob.str())));
        }
    }
    return c;
}

}  // namespace

// TOML allows non-ASCII text only in strings and comments. Debian 12's toml++ 3.3.0 had
// undefined behaviour (a reachable TOML_UNREACHABLE in is_non_ascii_horizontal_whitespace, found
// by tests/fuzz/fuzz_config) when it met e.g. U+00E9 where whitespace may stand; core/toml.h
// closes that for every TOML reader. The project's own pyproject.toml is still checked first,
// for the clearer message: the line of the first such byte (1-based), or 0.
static int nonAsciiOutsideStrings(std::string_view t) {
    int line = 1;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == '\n') ++line;
        if (static_cast<unsigned char>(c) >= 0x80) return line;
        if (c == '#') {
            while (i + 1 < t.size() && t[i + 1] != '\n') ++i;
        } else if (c == '"' || c == '\'') {
            bool multi = t.compare(i, 3, std::string(3, c)) == 0;
            i += multi ? 3 : 1;
            for (; i < t.size(); ++i) {
                if (t[i] == '\n') {
                    ++line;
                    if (!multi) break;  // an unterminated one-line string: toml++ reports it
                }
                if (c == '"' && t[i] == '\\') {
                    if (i + 1 < t.size() && t[i + 1] == '\n') ++line;
                    ++i;
                    continue;
                }
                if (t[i] == c && (!multi || t.compare(i, 3, std::string(3, c)) == 0)) {
                    if (multi) i += 2;
                    break;
                }
            }
        }
    }
    return 0;
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
        std::ifstream in(facts.pyprojectPath, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (int line = nonAsciiOutsideStrings(text))
            throw std::runtime_error(facts.pyprojectPath + ": invalid TOML at line " + std::to_string(line) +
                                     ": a non-ASCII character outside a string or comment");
        tbl = toml::parse(text, facts.pyprojectPath);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(facts.pyprojectPath + ": invalid TOML at line " +
                                 std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    facts.config = readToolConfig(tbl, facts.pyprojectPath);
    return facts;
}

}  // namespace anymig::tool
