#include "matchers/python/run_summary.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <filesystem>
#include <set>

#define XXH_INLINE_ALL  // header-only use of Debian's libxxhash-dev
#include <xxhash.h>

namespace anymig::python {

namespace fs = std::filesystem;

std::string ModuleSummary::serialise() const {
    std::string out = module + "\n";
    for (const auto& [name, f] : functions) {
        out += name + "\t" + f.hazard + "\n";
        for (const std::string& c : f.calls) out += "\t" + c + "\n";
    }
    for (const std::string& i : imports) out += "import " + i + "\n";
    for (const auto& [name, line] : calls) out += "call " + name + " " + std::to_string(line) + "\n";
    out += "fact " + roundFact + "\n";
    return out;
}

void RunSummaries::add(ModuleSummary m) {
    if (m.module.empty()) return;
    ++claims_[m.module];
    moduleOfPath_[m.path] = m.module;
    std::string name = m.module;
    byModule_[name] = std::move(m);
}

void RunSummaries::finish() {
    for (const auto& [name, n] : claims_)
        if (n > 1) byModule_.erase(name);
    for (auto it = moduleOfPath_.begin(); it != moduleOfPath_.end();)
        it = byModule_.count(it->second) ? std::next(it) : moduleOfPath_.erase(it);
}

const ModuleSummary* RunSummaries::forPath(const std::string& path) const {
    auto it = moduleOfPath_.find(path);
    return it == moduleOfPath_.end() ? nullptr : &byModule_.at(it->second);
}

ModuleSummary* RunSummaries::forPath(const std::string& path) {
    auto it = moduleOfPath_.find(path);
    return it == moduleOfPath_.end() ? nullptr : &byModule_.at(it->second);
}

RunSummaries::Found RunSummaries::find(const std::string& absolute) const {
    Found out;
    for (std::size_t dot = absolute.rfind('.'); dot != std::string::npos && dot > 0;
         dot = absolute.rfind('.', dot - 1)) {
        auto it = byModule_.find(absolute.substr(0, dot));
        if (it == byModule_.end()) continue;
        out.module = &it->second;
        out.name = absolute.substr(dot + 1);
        auto f = it->second.functions.find(out.name);
        if (f != it->second.functions.end()) out.function = &f->second;
        return out;
    }
    return out;
}

void RunSummaries::setImportWords(const std::string& path, std::set<std::string> words) {
    words_[path] = std::move(words);
}

std::string RunSummaries::digestFor(const std::string& path) const {
    auto own = moduleOfPath_.find(path);
    const std::string self = own == moduleOfPath_.end() ? "" : own->second;
    std::set<std::string> seen;
    std::vector<std::string> todo;
    if (!self.empty()) {
        seen.insert(self);
        todo.push_back(self);
    }
    // Every module of the run the file's import statements may name (by its last part).
    if (auto w = words_.find(path); w != words_.end())
        for (const auto& [name, m] : byModule_)
            if (w->second.count(moduleStem(name)) && seen.insert(name).second) todo.push_back(name);
    while (!todo.empty()) {
        const ModuleSummary& m = byModule_.at(todo.back());
        todo.pop_back();
        std::vector<std::string> names = m.imports;  // and what its functions call (imports inside them)
        for (const auto& [fname, f] : m.functions) names.insert(names.end(), f.calls.begin(), f.calls.end());
        for (const std::string& name : names) {
            // The longest prefix of the imported name that is a module of the run.
            for (std::string prefix = name; !prefix.empty();) {
                if (byModule_.count(prefix)) {
                    if (seen.insert(prefix).second) todo.push_back(prefix);
                    break;
                }
                std::size_t dot = prefix.rfind('.');
                prefix = dot == std::string::npos ? "" : prefix.substr(0, dot);
            }
        }
    }
    if (!self.empty() && byModule_.at(self).dependsOnCallers)
        for (const auto& [name, m] : byModule_)
            for (const auto& [target, line] : m.calls)
                if (target.compare(0, self.size() + 1, self + ".") == 0) seen.insert(name);
    seen.erase(self);  // the file's own content is in the key already
    if (seen.empty()) return {};
    XXH3_state_t* st = XXH3_createState();
    XXH3_128bits_reset(st);
    for (const std::string& name : seen) {
        std::string s = byModule_.at(name).serialise();
        XXH3_128bits_update(st, s.data(), s.size());
    }
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    return std::string(reinterpret_cast<const char*>(&h), sizeof h);
}

namespace {

bool isPackageDir(const fs::path& dir) {
    std::error_code ec;
    return !dir.empty() && fs::is_regular_file(dir / "__init__.py", ec);
}

std::string dottedText(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\\' && c != '\n' && c != '\r') out += c;
    return out;
}

// The absolute module a relative `from` names: `from ..x import` in package "a.b.c" is "a.b.x".
std::string absoluteFrom(std::string_view relative, const std::string& package) {
    std::size_t dots = 0;
    while (dots < relative.size() && relative[dots] == '.') ++dots;
    std::string base = package;
    for (std::size_t up = 1; up < dots; ++up) {
        std::size_t dot = base.rfind('.');
        if (dot == std::string::npos) return {};  // above the top-level package
        base = base.substr(0, dot);
    }
    std::string rest(relative.substr(dots));
    if (base.empty()) return rest;
    return rest.empty() ? base : base + "." + rest;
}

// The absolute name an import binding stands for ("" when it cannot be told).
std::string bindingTarget(const Syntax& syntax, const Binding& b, const std::string& package) {
    if (isNull(b.statement)) return {};
    if (is(b.statement, "import_statement")) return b.qualified;
    if (!is(b.statement, "import_from_statement")) return {};
    TSNode mod = field(b.statement, "module_name");
    if (!is(mod, "relative_import")) return b.qualified;
    TSNode item = is(b.importItem, "aliased_import") ? field(b.importItem, "name") : b.importItem;
    std::string module = absoluteFrom(dottedText(syntax.text(mod)), package);
    if (module.empty()) return {};
    return module + "." + dottedText(syntax.text(item));
}

}  // namespace

std::set<std::string> importWords(std::string_view text) {
    std::set<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = std::min(text.find('\n', pos), text.size());
        std::size_t first = text.find_first_not_of(" \t", pos);
        std::string_view line = first < eol ? text.substr(first, eol - first) : std::string_view();
        if (line.substr(0, 7) != "import " && line.substr(0, 5) != "from ") {
            pos = eol + 1;
            continue;
        }
        std::size_t end = eol;  // the statement ends at its line's end, a closing parenthesis, or
        if (line.find('(') != std::string_view::npos && line.find(')') == std::string_view::npos)
            end = std::min(text.find(')', eol), text.size());
        while (end < text.size() && end > 0 && text[end - 1] == '\\')  // after continued lines
            end = std::min(text.find('\n', end + 1), text.size());
        std::string word;
        for (std::size_t i = first; i <= end && i <= text.size(); ++i) {
            char c = i < end ? text[i] : ' ';
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') word += c;
            else if (!word.empty()) out.insert(std::exchange(word, {}));
        }
        pos = end + 1;
    }
    return out;
}

std::string moduleStem(const std::string& module) {
    std::size_t dot = module.rfind('.');
    return dot == std::string::npos ? module : module.substr(dot + 1);
}

std::string moduleNameOf(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::absolute(path, ec).lexically_normal();
    std::string name = p.stem().string();
    if (name == "__init__") name.clear();
    for (fs::path dir = p.parent_path(); isPackageDir(dir); dir = dir.parent_path()) {
        name = name.empty() ? dir.filename().string() : dir.filename().string() + "." + name;
        if (dir == dir.root_path()) break;
    }
    return name;
}

std::string packageNameOf(const std::string& path) {
    std::string module = moduleNameOf(path);
    if (fs::path(path).stem() == "__init__") return module;
    std::size_t dot = module.rfind('.');
    return dot == std::string::npos ? "" : module.substr(0, dot);
}

std::string importedName(const Model& model, TSNode callee, const std::string& package) {
    std::vector<std::string> rest;
    TSNode n = callee;
    while (is(n, "attribute")) {
        rest.push_back(std::string(model.syntax().text(field(n, "attribute"))));
        n = field(n, "object");
    }
    if (!is(n, "identifier")) return {};
    const auto* bindings = model.lookup(model.scopeOf(n), std::string(model.syntax().text(n)));
    if (!bindings || bindings->empty()) return {};
    std::string target;
    for (const Binding& b : *bindings) {
        std::string t = bindingTarget(model.syntax(), b, package);
        if (t.empty() || (!target.empty() && t != target)) return {};
        target = t;
    }
    for (auto it = rest.rbegin(); it != rest.rend(); ++it) target += "." + *it;
    return target;
}

std::vector<std::string> importedNames(const Model& model, const std::string& package) {
    std::set<std::string> out;
    for (const auto& [name, bindings] : model.module().bindings)
        for (const Binding& b : bindings) {
            std::string t = bindingTarget(model.syntax(), b, package);
            if (!t.empty()) out.insert(t);
        }
    return {out.begin(), out.end()};
}

}  // namespace anymig::python
