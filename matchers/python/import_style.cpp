#include "matchers/python/import_style.h"

#include <fnmatch.h>
#include <ini.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#include "core/toml.h"

namespace anymig::python {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Settings as isort reads them: key (snake_case, lower case) -> raw values. A list value
// collects every item (TOML arrays, or comma/newline separated INI values).
using RawSettings = std::map<std::string, std::vector<std::string>>;

std::string normaliseKey(std::string key) {
    key = lower(std::move(key));
    std::replace(key.begin(), key.end(), '-', '_');
    return key;
}

void addIniValue(RawSettings& out, const std::string& key, const std::string& value) {
    std::vector<std::string>& items = out[normaliseKey(key)];
    std::string item;
    std::istringstream in(value);
    while (std::getline(in, item, ',')) {
        auto b = item.find_first_not_of(" \t\r\n"), e = item.find_last_not_of(" \t\r\n");
        if (b != std::string::npos) items.push_back(item.substr(b, e - b + 1));
    }
}

// The [isort] / [tool:isort] / [settings] sections of an INI file (inih; multi-line values
// arrive as one call per line, so lists written one item a line are read too).
RawSettings readIni(const std::string& path, const std::vector<std::string>& sections) {
    struct Ctx { RawSettings out; const std::vector<std::string>* sections; } ctx{{}, &sections};
    auto handler = [](void* user, const char* section, const char* name, const char* value) -> int {
        auto* c = static_cast<Ctx*>(user);
        if (std::find(c->sections->begin(), c->sections->end(), lower(section)) != c->sections->end())
            addIniValue(c->out, name, value ? value : "");
        return 1;
    };
    int rc = ini_parse(path.c_str(), handler, &ctx);
    if (rc < 0) throw std::runtime_error(path + ": cannot be read");
    if (rc > 0) throw std::runtime_error(path + ":" + std::to_string(rc) + ": not valid INI");
    return ctx.out;
}

void addTomlTable(RawSettings& out, const toml::table& table) {
    for (const auto& [k, v] : table) {
        std::vector<std::string>& items = out[normaliseKey(std::string(k.str()))];
        auto scalar = [](const toml::node& n) -> std::string {
            if (auto s = n.value<std::string>()) return *s;
            if (auto b = n.value<bool>()) return *b ? "true" : "false";
            if (auto i = n.value<int64_t>()) return std::to_string(*i);
            return {};
        };
        if (const toml::array* arr = v.as_array()) {
            for (const toml::node& item : *arr) items.push_back(scalar(item));
        } else {
            items.push_back(scalar(v));
        }
    }
}

// The first of `paths` ("tool.isort", "tool.ruff.lint.isort") that exists in the TOML file.
// `found` says whether any did; a ruff table counts even when empty (ruff then uses defaults).
RawSettings readToml(const std::string& path, const std::vector<std::string>& paths, bool& found) {
    toml::table tbl;
    try {
        tbl = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(path + ":" + std::to_string(e.source().begin.line) + ": " +
                                 std::string(e.description()));
    }
    RawSettings out;
    found = false;
    for (const std::string& p : paths) {
        const toml::table* t = tbl.at_path(p).as_table();
        if (!t) continue;
        addTomlTable(out, *t);
        found = true;
        break;
    }
    return out;
}

bool truthy(const std::string& v) {
    std::string l = lower(v);
    return l == "true" || l == "1" || l == "yes" || l == "on";
}

// isort's profiles, reduced to the settings that decide where an import goes.
void applyProfile(ImportStyle& s, const std::string& profile) {
    if (profile == "google" || profile == "open_stack") {
        s.forceSingleLine = s.forceSortWithinSections = s.lexicographical = true;
        if (profile == "google") s.orderByType = false;
    } else if (profile == "plone") {
        s.forceSingleLine = true;
        s.linesAfterImports = 2;
    } else if (profile == "attrs" || profile == "pycharm") {
        s.linesAfterImports = 2;
    }
}

ImportSection sectionNamed(const std::string& name) {
    std::string n = lower(name);
    if (n == "future") return ImportSection::Future;
    if (n == "stdlib") return ImportSection::StandardLibrary;
    if (n == "firstparty") return ImportSection::FirstParty;
    if (n == "localfolder") return ImportSection::LocalFolder;
    return ImportSection::ThirdParty;
}

ImportStyle styleFrom(const RawSettings& raw, const fs::path& root, bool ruff) {
    ImportStyle s;
    s.projectRoot = root.string();
    auto one = [&](const char* key) -> const std::string* {
        auto it = raw.find(key);
        return it == raw.end() || it->second.empty() ? nullptr : &it->second.front();
    };
    auto list = [&](const char* key) {
        auto it = raw.find(key);
        return it == raw.end() ? std::vector<std::string>{} : it->second;
    };
    if (ruff) s.orderByType = false;  // ruff compares module names case-insensitively throughout
    if (const std::string* p = one("profile")) applyProfile(s, *p);
    if (const std::string* v = one("force_sort_within_sections")) s.forceSortWithinSections = truthy(*v);
    if (const std::string* v = one("force_single_line")) s.forceSingleLine = truthy(*v);
    if (const std::string* v = one("order_by_type"); v && !ruff) s.orderByType = truthy(*v);
    if (const std::string* v = one("case_sensitive")) s.caseSensitive = truthy(*v);
    if (const std::string* v = one("lexicographical")) s.lexicographical = truthy(*v);
    if (const std::string* v = one("lines_after_imports")) s.linesAfterImports = std::atoi(v->c_str());
    if (const std::string* v = one("lines_between_sections")) s.linesBetweenSections = std::atoi(v->c_str());
    if (const std::string* v = one("default_section")) s.defaultSection = sectionNamed(*v);
    s.knownFirstParty = list("known_first_party");
    s.knownThirdParty = list("known_third_party");
    s.knownLocalFolder = list("known_local_folder");
    s.knownStandardLibrary = list("known_standard_library");
    for (const std::string& extra : list("extra_standard_library")) s.knownStandardLibrary.push_back(extra);
    std::vector<std::string> src = list(ruff ? "src" : "src_paths");
    if (src.empty()) src = {"src", "."};
    for (const std::string& p : src) s.srcPaths.push_back(fs::weakly_canonical(root / p).string());
    return s;
}

struct Found {
    RawSettings raw;
    fs::path file;
    bool ruff = false;
};

// isort's search order within one folder, then ruff's.
bool findIn(const fs::path& dir, Found& out) {
    std::error_code ec;
    auto file = [&](const char* name) {
        fs::path p = dir / name;
        return fs::is_regular_file(p, ec) ? p : fs::path{};
    };
    if (fs::path p = file(".isort.cfg"); !p.empty()) {
        out = {readIni(p.string(), {"settings", "isort"}), p, false};
        if (!out.raw.empty()) return true;
    }
    if (fs::path p = file("pyproject.toml"); !p.empty()) {
        bool found = false;
        RawSettings raw = readToml(p.string(), {"tool.isort"}, found);
        if (found && !raw.empty()) return out = {raw, p, false}, true;
    }
    for (const char* name : {"setup.cfg", "tox.ini"})
        if (fs::path p = file(name); !p.empty()) {
            out = {readIni(p.string(), {"isort", "tool:isort"}), p, false};
            if (!out.raw.empty()) return true;
        }
    if (fs::path p = file("pyproject.toml"); !p.empty()) {
        bool found = false;
        RawSettings raw = readToml(p.string(), {"tool.ruff.lint.isort", "tool.ruff.isort"}, found);
        if (found) return out = {raw, p, true}, true;
    }
    for (const char* name : {"ruff.toml", ".ruff.toml"})
        if (fs::path p = file(name); !p.empty()) {
            bool found = false;
            RawSettings raw = readToml(p.string(), {"lint.isort", "isort"}, found);
            if (found) return out = {raw, p, true}, true;
        }
    return false;
}

ImportStyle discover(const fs::path& start) {
    std::error_code ec;
    fs::path dir = start;
    for (int depth = 0; depth < 25 && !dir.empty(); ++depth) {
        Found found;
        if (findIn(dir, found)) {
            ImportStyle s = styleFrom(found.raw, dir, found.ruff);
            s.source = found.file.string();
            return s;
        }
        if (fs::exists(dir / ".git", ec) || fs::exists(dir / ".hg", ec)) return styleFrom({}, dir, false);
        if (dir == dir.parent_path()) break;
        dir = dir.parent_path();
    }
    // No configuration and no repository above the file: isort then takes its src_paths from
    // the folder it runs in (src and . there), so a package folder beside the user is first
    // party. Take the folder anymig runs in the same way.
    fs::path cwd = fs::current_path(ec);
    return styleFrom({}, ec ? start : cwd, false);
}

bool matchesAny(const std::vector<std::string>& patterns, const std::string& name) {
    for (const std::string& p : patterns)
        if (::fnmatch(p.c_str(), name.c_str(), 0) == 0) return true;
    return false;
}

bool existsAsModule(const fs::path& srcPath, const std::string& root) {
    std::error_code ec;
    fs::path p = srcPath / root;
    if (fs::is_directory(p, ec)) return true;
    for (const char* ext : {".py", ".pyi", ".pyx", ".pxd", ".so"})
        if (fs::exists(fs::path(p.string() + ext), ec)) return true;
    return srcPath.filename() == root && fs::is_directory(srcPath, ec);
}

}  // namespace

ImportSection ImportStyle::sectionOf(const std::string& module) const {
    if (startsWith(module, ".")) return ImportSection::LocalFolder;
    // Longest prefix first; at each, isort's order: local, first party, third party, stdlib, future.
    for (std::string name = module;;) {
        if (matchesAny(knownLocalFolder, name)) return ImportSection::LocalFolder;
        if (matchesAny(knownFirstParty, name)) return ImportSection::FirstParty;
        if (matchesAny(knownThirdParty, name)) return ImportSection::ThirdParty;
        // isort's own standard-library list has no `__future__` (sys.stdlib_module_names has):
        // its known_future_library places it, after the stdlib test.
        if (matchesAny(knownStandardLibrary, name) || (name != "__future__" && standardLibraryModules().count(name)))
            return ImportSection::StandardLibrary;
        if (name == "__future__") return ImportSection::Future;
        auto dot = name.rfind('.');
        if (dot == std::string::npos) break;
        name.resize(dot);
    }
    std::string root = module.substr(0, module.find('.'));
    for (const std::string& src : srcPaths)
        if (existsAsModule(src, root)) return ImportSection::FirstParty;
    return defaultSection;
}

std::string ImportStyle::lineKey(const std::string& line) const {
    std::string key = line;
    if (lexicographical) {
        if (auto at = key.find(" import "); at != std::string::npos) key.replace(at, 8, ".");
    }
    for (std::string_view intro : {"from ", "import "})
        if (startsWith(key, intro)) {
            key.erase(0, intro.size());
            break;
        }
    if (!orderByType) key = lower(key);
    return "B" + key;
}

std::string ImportStyle::moduleKey(const std::string& module) const {
    std::string name = module;
    std::size_t dots = name.find_first_not_of('.');
    if (dots != 0 && dots != std::string::npos) name = name.substr(0, dots) + "_" + name.substr(dots);
    if (!caseSensitive) name = lower(name);
    return "B" + name;
}

int ImportStyle::blankLinesAfterImports(std::string_view next, std::string_view path) const {
    if (linesAfterImports != -1) return linesAfterImports;
    if (path.ends_with(".pyi")) return 1;
    for (std::string_view decl : {"def ", "cdef ", "cpdef ", "class ", "@", "async def"})
        if (startsWith(next, decl)) return 2;
    return 1;
}

bool naturalLess(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
            unsigned long long x = std::stoull(a.substr(i, std::min<std::size_t>(ie - i, 18)));
            unsigned long long y = std::stoull(b.substr(j, std::min<std::size_t>(je - j, 18)));
            if (x != y) return x < y;
            i = ie;
            j = je;
            continue;
        }
        if (a[i] != b[j]) return a[i] < b[j];
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

const ImportStyle& importStyleFor(const std::string& filePath, const std::string& settingsPath, std::string* problem) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<ImportStyle>> cache;
    static std::map<std::string, std::string> problems;
    std::error_code ec;
    fs::path dir = settingsPath.empty() ? fs::absolute(fs::path(filePath), ec).parent_path()
                                        : fs::absolute(fs::path(settingsPath), ec);
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(dir.string());
    if (it == cache.end()) {
        std::unique_ptr<ImportStyle> style;
        try {
            style = std::make_unique<ImportStyle>(discover(dir));
        } catch (const std::exception& e) {
            style = std::make_unique<ImportStyle>(styleFrom({}, dir, false));
            problems[dir.string()] = e.what();
        }
        it = cache.emplace(dir.string(), std::move(style)).first;
    }
    if (problem) {
        auto p = problems.find(dir.string());
        *problem = p == problems.end() ? "" : p->second;
    }
    return *it->second;
}

std::map<std::string, std::vector<std::string>> readIniSections(const std::string& path,
                                                                 const std::vector<std::string>& sections) {
    return readIni(path, sections);
}

}  // namespace anymig::python
