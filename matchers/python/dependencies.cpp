#include "matchers/python/dependencies.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>
#include <sstream>
#include <stdexcept>

#include "core/atomic_write.h"
#include "core/source.h"
#include "core/toml.h"
#include "matchers/python/import_style.h"
#include "matchers/python/syntax.h"

namespace anymig::python {

namespace fs = std::filesystem;

namespace {

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// A requirement's name and what follows it (extras skipped): `^\s*([A-Za-z0-9_.\-]+)\s*
// (\[[^\]]*\])?\s*(.*)$`, scanned by hand. libstdc++'s std::regex matches each repetition by
// recursion, one stack frame per character: a 30 KB requirement line overflowed the stack.
std::optional<std::pair<std::string, std::string>> splitRequirement(const std::string& spec) {
    std::size_t i = 0;
    while (i < spec.size() && space(spec[i])) ++i;
    std::size_t begin = i;
    while (i < spec.size() && (std::isalnum(static_cast<unsigned char>(spec[i])) || spec[i] == '_' || spec[i] == '.' ||
                               spec[i] == '-'))
        ++i;
    if (i == begin) return std::nullopt;
    std::string name = spec.substr(begin, i - begin);
    while (i < spec.size() && space(spec[i])) ++i;
    if (i < spec.size() && spec[i] == '[') {
        if (std::size_t close = spec.find(']', i); close != std::string::npos) {
            i = close + 1;
            while (i < spec.size() && space(spec[i])) ++i;
        }
    }
    std::string rest = spec.substr(i);
    if (rest.find_first_of("\n\r") != std::string::npos) return std::nullopt;  // `.` stops at a line break
    return std::make_pair(name, rest);
}

// How a file is named in messages: relative to the working directory when it lies under it.
std::string display(const fs::path& p) {
    std::error_code ec;
    fs::path rel = fs::relative(p, fs::current_path(ec), ec);
    if (ec || rel.empty() || *rel.begin() == "..") return p.string();
    return rel.string();
}

// Records a declaration unless an earlier one named the same distribution.
struct Collector {
    ProjectDependencies deps;
    void add(const std::string& name, const std::string& spec, const std::string& source, bool locked = false) {
        auto v = name == "python" ? lowerBound(spec) : lowerBound(spec, name);
        auto it = deps.floors.find(name);
        if (!v || (it != deps.floors.end() && !(it->second.locked && !locked))) return;
        deps.floors[name] = DeclaredFloor{*v, source, locked};
    }
    void addRequirement(const std::string& spec, const std::string& source) {
        if (auto name = requirementName(spec)) add(*name, spec, source);
    }
};

toml::table parseToml(const fs::path& p) {
    try {
        return toml::parse_file(p.string());
    } catch (const toml::parse_error& e) {
        throw std::runtime_error(display(p) + ": invalid TOML at line " + std::to_string(e.source().begin.line) + ": " +
                                 std::string(e.description()));
    }
}

std::string inQuotes(const std::string& s) { return "\"" + s + "\""; }

// Poetry's "^3.6" / "~3.6" / "3.6.1" / {version = "..."}: a PEP 440-ish spec.
std::optional<std::string> poetrySpec(const toml::node& v) {
    std::optional<std::string> s = v.value<std::string>();
    if (!s)
        if (const toml::table* t = v.as_table()) s = (*t)["version"].value<std::string>();
    if (s && !s->empty() && std::isdigit(static_cast<unsigned char>((*s)[0]))) s = "==" + *s;
    return s;
}

void readPyproject(Collector& c, const fs::path& p) {
    toml::table tbl = parseToml(p);
    std::string file = display(p);
    if (auto rp = tbl["project"]["requires-python"].value<std::string>())
        c.add("python", *rp, file + " [project] requires-python: " + inQuotes(*rp));
    auto scan = [&](const toml::array* deps, const std::string& where) {
        if (!deps) return;
        for (const auto& d : *deps)
            if (auto s = d.value<std::string>()) c.addRequirement(*s, file + " " + where + ": " + inQuotes(*s));
    };
    scan(tbl["project"]["dependencies"].as_array(), "[project] dependencies");
    if (auto opt = tbl["project"]["optional-dependencies"].as_table())
        for (const auto& [k, v] : *opt) scan(v.as_array(), "[project.optional-dependencies] " + std::string(k.str()));
    if (const toml::table* poetry = tbl["tool"]["poetry"]["dependencies"].as_table())
        for (const auto& [k, v] : *poetry) {
            std::string name(k.str());
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
            if (auto spec = poetrySpec(v))
                c.add(name, name == "python" ? *spec : name + *spec,
                      file + " [tool.poetry.dependencies] " + std::string(k.str()) + " = " + inQuotes(*poetrySpec(v)));
        }
    if (tbl["project"]["dependencies"].as_array()) c.deps.addTo = display(p);
    else if (tbl["tool"]["poetry"]["dependencies"].as_table()) c.deps.addTo = display(p);
}

void readSetupCfg(Collector& c, const fs::path& p) {
    auto values = readIniSections(display(p), {"options"});
    std::string file = display(p);
    for (const std::string& spec : values["python_requires"])
        c.add("python", spec, file + " [options] python_requires: " + spec);
    for (const std::string& spec : values["install_requires"])
        c.addRequirement(spec, file + " [options] install_requires: " + spec);
}

// A plain string literal's text (no prefix, escape or interpolation), or nullopt.
std::optional<std::string> literal(const Syntax& syntax, TSNode n) {
    if (std::string(ts_node_type(n)) != "string") return std::nullopt;
    std::string text;
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        TSNode c = ts_node_named_child(n, i);
        std::string type = ts_node_type(c);
        if (type == "string_start" && syntax.text(c).find_first_of("bBfFuU") != std::string_view::npos) return std::nullopt;
        if (type == "string_content") text = std::string(syntax.text(c));
        else if (type != "string_start" && type != "string_end") return std::nullopt;
    }
    return text;
}

// setup(..., install_requires=[literals], python_requires=literal): the literal arguments only.
void readSetupPy(Collector& c, const fs::path& p) {
    std::string text, error;
    if (!readFile(p.string(), text, error)) throw std::runtime_error(display(p) + ": " + error);
    SourceFile source(p.string(), text);
    Syntax syntax(source);
    std::string file = display(p);
    for (TSNode n : syntax.namedNodes()) {
        if (std::string(ts_node_type(n)) != "keyword_argument") continue;
        TSNode call = syntax.parent(syntax.parent(n));
        if (ts_node_is_null(call) || std::string(ts_node_type(call)) != "call") continue;
        std::string_view fn = syntax.text(ts_node_child_by_field_name(call, "function", 8));
        if (fn != "setup" && fn != "setuptools.setup") continue;
        std::string_view key = syntax.text(ts_node_child_by_field_name(n, "name", 4));
        TSNode value = ts_node_child_by_field_name(n, "value", 5);
        if (key == "python_requires")
            if (auto s = literal(syntax, value)) c.add("python", *s, file + " setup(python_requires=" + inQuotes(*s) + ")");
        if (key != "install_requires" || std::string(ts_node_type(value)) != "list") continue;
        for (uint32_t i = 0; i < ts_node_named_child_count(value); ++i)
            if (auto s = literal(syntax, ts_node_named_child(value, i)))
                c.addRequirement(*s, file + " setup(install_requires=[..." + inQuotes(*s) + "...])");
    }
}

// One requirement a line; comments, options (-r, -e, --index-url) and markers dropped.
std::vector<std::pair<int, std::string>> requirementLines(const std::string& text) {
    std::vector<std::pair<int, std::string>> out;
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        std::size_t hash = line.find(" #");
        if (line.rfind('#', 0) == 0) hash = 0;
        line = line.substr(0, std::min(hash, line.find(';')));
        auto b = line.find_first_not_of(" \t\r"), e = line.find_last_not_of(" \t\r");
        if (b == std::string::npos || line[b] == '-') continue;
        out.emplace_back(n, line.substr(b, e - b + 1));
    }
    return out;
}

void readRequirements(Collector& c, const fs::path& p) {
    std::string text, error;
    if (!readFile(p.string(), text, error)) throw std::runtime_error(display(p) + ": " + error);
    for (const auto& [n, spec] : requirementLines(text))
        c.addRequirement(spec, display(p) + " line " + std::to_string(n) + ": " + spec);
    if (p.filename() == "requirements.txt" && c.deps.addTo.empty()) c.deps.addTo = display(p);
}

// [[package]] name/version of uv.lock and poetry.lock: major.minor of the locked version.
void readLock(Collector& c, const fs::path& p) {
    toml::table tbl = parseToml(p);
    const toml::array* packages = tbl["package"].as_array();
    if (!packages) return;
    for (const toml::node& pkg : *packages) {
        const toml::table* t = pkg.as_table();
        auto name = t ? (*t)["name"].value<std::string>() : std::nullopt;
        auto version = t ? (*t)["version"].value<std::string>() : std::nullopt;
        if (name && version)
            c.add(*requirementName(*name), *name + "==" + *version, display(p) + ": " + *name + " " + *version + " (locked)",
                  true);
    }
}

std::vector<fs::path> requirementFiles(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string n = e.path().filename().string();
        if (n.rfind("requirements", 0) == 0 && n.size() > 4 && n.substr(n.size() - 4) == ".txt" && e.is_regular_file(ec))
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool holdsDeclarations(const fs::path& dir) {
    std::error_code ec;
    for (const char* f : {"pyproject.toml", "setup.cfg", "setup.py", "uv.lock", "poetry.lock"})
        if (fs::is_regular_file(dir / f, ec)) return true;
    return !requirementFiles(dir).empty();
}

// The byte offset of toml++'s 1-based line/column (columns count code points).
std::size_t offsetAt(const std::string& text, toml::source_position pos) {
    std::size_t off = 0;
    for (uint32_t line = 1; line < pos.line && off < text.size(); ++line) {
        std::size_t nl = text.find('\n', off);
        off = nl == std::string::npos ? text.size() : nl + 1;
    }
    for (uint32_t col = 1; col < pos.column && off < text.size(); ++col) {
        ++off;
        while (off < text.size() && (static_cast<unsigned char>(text[off]) & 0xC0) == 0x80) ++off;
    }
    return off;
}

std::string newlineOf(const std::string& text) {
    std::size_t nl = text.find('\n');
    return nl != std::string::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

// The end of the line holding `off` (before its line break).
std::size_t lineEnd(const std::string& text, std::size_t off) {
    std::size_t nl = text.find('\n', off);
    if (nl == std::string::npos) return text.size();
    return nl > 0 && text[nl - 1] == '\r' ? nl - 1 : nl;
}

// `"req"` added as the last item of the array whose last item ends at `last` (or, for an empty
// array, right after its `[` at `open`): after a trailing comma and the rest of its line on a
// line of its own in a multi-line array, else `, "req"`.
std::string insertIntoArray(const std::string& text, std::size_t open, std::size_t last, bool empty,
                            const std::string& item) {
    if (empty) return text.substr(0, open + 1) + item + text.substr(open + 1);
    std::size_t i = last;
    bool comma = false;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',' || text[i] == '#')) {
        if (text[i] == '#') {
            i = lineEnd(text, i);
            continue;
        }
        comma = comma || text[i] == ',';
        ++i;
    }
    bool multiLine = i < text.size() && (text[i] == '\r' || text[i] == '\n');
    if (!multiLine) return text.substr(0, last) + ", " + item + text.substr(last);
    std::size_t ls = last == 0 ? std::string::npos : text.rfind('\n', last - 1);
    ls = ls == std::string::npos ? 0 : ls + 1;
    std::string indent = text.substr(ls, text.find_first_not_of(" \t", ls) - ls);
    std::size_t eol = lineEnd(text, last);
    std::string head = comma ? text.substr(0, eol) : text.substr(0, last) + "," + text.substr(last, eol - last);
    return head + newlineOf(text) + indent + item + (comma ? "," : "") + text.substr(eol);
}

std::string addToPep621(const std::string& text, const toml::table& tbl, const std::string& req) {
    const toml::array& arr = *tbl["project"]["dependencies"].as_array();
    std::size_t open = offsetAt(text, arr.source().begin);
    if (open >= text.size() || text[open] != '[') throw std::runtime_error("[project] dependencies is not a literal array");
    char quote = '"';
    std::size_t last = open + 1;
    if (!arr.empty()) {
        quote = text[offsetAt(text, arr.back().source().begin)] == '\'' ? '\'' : '"';
        last = offsetAt(text, arr.back().source().end);
    }
    return insertIntoArray(text, open, last, arr.empty(), quote + req + quote);
}

std::string addToPoetry(const std::string& text, const toml::table& tbl, const std::string& name,
                        const std::string& version) {
    const toml::table& deps = *tbl["tool"]["poetry"]["dependencies"].as_table();
    if (deps.is_inline() || deps.empty()) throw std::runtime_error("[tool.poetry.dependencies] is inline or empty");
    std::size_t end = 0;
    for (const auto& [k, v] : deps) end = std::max(end, offsetAt(text, v.source().end));
    std::size_t eol = lineEnd(text, end);
    return text.substr(0, eol) + newlineOf(text) + name + " = \">=" + version + "\"" + text.substr(eol);
}

std::string addToPyproject(const std::string& text, const std::string& name, const std::string& version) {
    toml::table before = toml::parse(text);
    bool pep621 = before["project"]["dependencies"].as_array() != nullptr;
    std::string req = name + ">=" + version;
    std::string after = pep621 ? addToPep621(text, before, req) : addToPoetry(text, before, name, version);
    toml::table check;
    try {
        check = toml::parse(after);
    } catch (const toml::parse_error& e) {
        throw std::runtime_error("the edit would not parse (" + std::string(e.description()) + ")");
    }
    bool added = pep621 ? check["project"]["dependencies"].as_array() &&
                              check["project"]["dependencies"].as_array()->back().value<std::string>() == req
                        : check["tool"]["poetry"]["dependencies"][name].value<std::string>() == ">=" + version;
    if (pep621 && added) check["project"]["dependencies"].as_array()->pop_back();
    if (!pep621 && added) check["tool"]["poetry"]["dependencies"].as_table()->erase(name);
    if (!added || check != before) throw std::runtime_error("the edit would change other declarations");
    return after;
}

}  // namespace

std::string addDependency(const std::string& file, const std::string& text, const std::string& name,
                          const std::string& version) {
    if (fs::path(file).filename() == "pyproject.toml") {
        try {
            return addToPyproject(text, name, version);
        } catch (const toml::parse_error& e) {
            throw std::runtime_error("invalid TOML at line " + std::to_string(e.source().begin.line));
        }
    }
    std::string nl = newlineOf(text);
    std::string after = text + (text.empty() || text.back() == '\n' ? "" : nl) + name + ">=" + version + nl;
    auto lines = requirementLines(after);
    if (lines.size() != requirementLines(text).size() + 1 || lines.back().second != name + ">=" + version)
        throw std::runtime_error("the edit would not add exactly one requirement line");
    return after;
}

std::optional<std::string> requirementName(const std::string& spec) {
    auto split = splitRequirement(spec);
    if (!split) return std::nullopt;
    std::string n = split->first;
    for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return n;
}

// The first `(>=|==|~=|>|\^|~)\s*([0-9]+)(\.([0-9]+))?` in the spec, as "MAJOR.MINOR" (scanned
// by hand, as above).
std::optional<std::string> lowerBound(const std::string& spec, const std::string& package) {
    std::string s = spec;
    if (!package.empty()) {
        auto split = splitRequirement(spec);
        if (requirementName(spec) != package || !split) return std::nullopt;
        s = split->second;
    }
    auto digits = [&](std::size_t from) {
        std::size_t e = from;
        while (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
        return e;
    };
    static constexpr std::string_view ops[] = {">=", "==", "~=", ">", "^", "~"};
    for (std::size_t i = 0; i < s.size(); ++i)
        for (std::string_view op : ops) {
            if (s.compare(i, op.size(), op) != 0) continue;
            std::size_t k = i + op.size();
            while (k < s.size() && space(s[k])) ++k;
            std::size_t major = digits(k);
            if (major == k) continue;
            std::size_t minor = major < s.size() && s[major] == '.' ? digits(major + 1) : major;
            std::string minorText = minor > major + 1 ? s.substr(major + 1, minor - major - 1) : "0";
            return s.substr(k, major - k) + "." + minorText;
        }
    return std::nullopt;
}

ProjectDependencies readProjectDependencies(const std::string& start) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
    for (; !dir.empty(); dir = dir.parent_path()) {
        if (holdsDeclarations(dir) || fs::exists(dir / ".git", ec) || dir == dir.root_path()) break;
    }
    Collector c;
    if (dir.empty() || !holdsDeclarations(dir)) {
        c.deps.addToWhy = "no dependency declaration was found";
        return c.deps;
    }
    if (fs::is_regular_file(dir / "pyproject.toml", ec)) readPyproject(c, dir / "pyproject.toml");
    if (fs::is_regular_file(dir / "setup.cfg", ec)) readSetupCfg(c, dir / "setup.cfg");
    if (fs::is_regular_file(dir / "setup.py", ec)) readSetupPy(c, dir / "setup.py");
    for (const fs::path& r : requirementFiles(dir)) readRequirements(c, r);
    for (const char* lock : {"uv.lock", "poetry.lock"})
        if (fs::is_regular_file(dir / lock, ec)) readLock(c, dir / lock);
    if (c.deps.addTo.empty())
        c.deps.addToWhy = "no pyproject.toml [project] dependencies, [tool.poetry.dependencies] or requirements.txt in " +
                          display(dir) + " (setup.cfg and setup.py are not edited)";
    return c.deps;
}

}  // namespace anymig::python
