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

RunSummaries::RunSummaries(std::vector<File> files, Summarize summarize, RoundFact roundFact)
    : summarize_(std::move(summarize)), roundFact_(std::move(roundFact)) {
    std::map<std::string, int> claims;
    for (File& f : files) {
        if (f.module.empty()) continue;
        ++claims[f.module];
        Slot& slot = slots_.emplace_back();
        slot.file = std::move(f);
    }
    for (const Slot& slot : slots_) {
        byPath_[slot.file.path] = &slot;
        for (const std::string& w : slot.file.words) byWord_[w].push_back(&slot);
        if (claims[slot.file.module] > 1) continue;  // two files claim the name: unknown
        byModule_[slot.file.module] = &slot;
        byStem_[moduleStem(slot.file.module)].push_back(&slot);
    }
}

const std::vector<const RunSummaries::Slot*>& RunSummaries::slotsNaming(const std::string& word) const {
    static const std::vector<const Slot*> none;
    auto it = byWord_.find(word);
    return it == byWord_.end() ? none : it->second;
}

const RunSummaries::Slot* RunSummaries::slotOf(const std::string& module) const {
    auto it = byModule_.find(module);
    return it == byModule_.end() ? nullptr : it->second;
}

const ModuleSummary& RunSummaries::summaryOf(const Slot& slot) const {
    std::call_once(slot.summarised, [&] {
        slot.summary.path = slot.file.path;
        slot.summary.module = slot.file.module;
        if (slot.file.async) summarize_(slot.file.path, slot.summary);
    });
    return slot.summary;
}

RunSummaries::Found RunSummaries::find(const std::string& absolute) const {
    Found out;
    for (std::size_t dot = absolute.rfind('.'); dot != std::string::npos && dot > 0;
         dot = absolute.rfind('.', dot - 1)) {
        const Slot* slot = slotOf(absolute.substr(0, dot));
        if (!slot) continue;
        out.module = &summaryOf(*slot);
        out.name = absolute.substr(dot + 1);
        auto f = out.module->functions.find(out.name);
        if (f != out.module->functions.end()) out.function = &f->second;
        return out;
    }
    return out;
}

bool RunSummaries::inRun(const std::string& absolute) const {
    for (std::size_t dot = absolute.rfind('.'); dot != std::string::npos && dot > 0; dot = absolute.rfind('.', dot - 1))
        if (slotOf(absolute.substr(0, dot))) return true;
    return false;
}

std::vector<const ModuleSummary*> RunSummaries::importersOf(const std::string& path) const {
    std::vector<const ModuleSummary*> out;
    auto own = byPath_.find(path);
    if (own == byPath_.end()) return out;
    // Only from its own top-level package or a file whose imports name that package, as
    // firstImporterOf: aioredis/sentinel/pool.py's `from ..pool import` is not an import of
    // asyncpg.pool.
    const std::string& module = own->second->file.module;
    const std::string top = module.substr(0, module.find('.'));
    for (const Slot* slot : slotsNaming(moduleStem(module))) {
        if (slot == own->second || !slot->file.async) continue;
        if (slot->file.module.substr(0, slot->file.module.find('.')) != top && !slot->file.words.count(top)) continue;
        out.push_back(&summaryOf(*slot));
    }
    return out;
}

RunSummaries::NameUse RunSummaries::useOfName(const std::string& path, const std::string& name) const {
    NameUse out;
    auto own = byPath_.find(path);
    if (own == byPath_.end()) return out;
    // The modules the name can be imported from: its own, then every file that imports it by name
    // (`from .mod import C` in a package's __init__.py or anywhere: a re-export), followed with
    // an explicit list. Their importers as importerOfName finds them (by the module's last part, in
    // its package or naming it), in path order so the named one is the same in every run.
    std::vector<const Slot*> exporters{own->second};
    std::set<const Slot*> seen{own->second};
    for (std::size_t next = 0; next < exporters.size(); ++next) {
        const std::string& module = exporters[next]->file.module;
        const std::string stem = moduleStem(module), top = module.substr(0, module.find('.'));
        const std::string full = module + "." + name;
        std::vector<const Slot*> importers;
        for (const Slot* slot : slotsNaming(stem)) {
            if (slot == exporters[next]) continue;
            if (slot->file.module.substr(0, slot->file.module.find('.')) != top && !slot->file.words.count(top)) continue;
            importers.push_back(slot);
        }
        std::sort(importers.begin(), importers.end(),
                  [](const Slot* a, const Slot* b) { return a->file.path < b->file.path; });
        for (const Slot* slot : importers) {
            const ModuleSummary& m = slot->file.async ? summaryOf(*slot) : usesSummaryOf(*slot);
            const std::string where = slot->file.path + ":";
            auto use = [&](const std::string& key, bool under) -> const std::pair<const std::string, int>* {
                auto it = m.usesOutsideAsync.lower_bound(key);
                if (it == m.usesOutsideAsync.end()) return nullptr;
                if (it->first == key || (under && it->first.compare(0, key.size() + 1, key + ".") == 0)) return &*it;
                return nullptr;
            };
            if (const auto* u = use(full, true)) {
                out.outside = where + std::to_string(u->second) + ": `" + u->first + "` is used outside async code";
                return out;
            }
            if (const auto* u = use(module, false)) {
                out.outside = where + std::to_string(u->second) + ": the module `" + module + "` is used as a value";
                return out;
            }
            if (const auto* u = use(module + ".*", false)) {
                out.outside = where + std::to_string(u->second) + ": a star import of `" + module + "`";
                return out;
            }
            out.calledFromAsync = out.calledFromAsync || m.calls.count(full) > 0;
            if (slot->file.words.count(stem + "/" + name) && seen.insert(slot).second) exporters.push_back(slot);
        }
    }
    return out;
}

const ModuleSummary& RunSummaries::usesSummaryOf(const Slot& slot) const {
    std::call_once(slot.used, [&] {
        slot.usesSummary.path = slot.file.path;
        slot.usesSummary.module = slot.file.module;
        summarize_(slot.file.path, slot.usesSummary);
    });
    return slot.usesSummary;
}

std::string RunSummaries::firstImporterOf(const std::string& path) const { return importerOfName(path, {}); }

std::string RunSummaries::importerOfName(const std::string& path, const std::string& name) const {
    auto own = byPath_.find(path);
    if (own == byPath_.end()) return {};
    // By the module's last part, as related() does, but only from its own top-level package or a
    // file whose imports name that package: `from ._transports.wsgi import` in httpx is not an
    // import of uvicorn.middleware.wsgi.
    const std::string& module = own->second->file.module;
    std::string stem = moduleStem(module), top = module.substr(0, module.find('.')), first;
    for (const Slot* slot : slotsNaming(stem)) {
        if (slot == own->second) continue;
        if (slot->file.module.substr(0, slot->file.module.find('.')) != top && !slot->file.words.count(top)) continue;
        if (!name.empty() && !slot->file.words.count(stem + "/" + name)) continue;
        if (first.empty() || slot->file.path < first) first = slot->file.path;
    }
    return first;
}

const std::string& RunSummaries::roundFact(const ModuleSummary& m) const {
    auto it = byPath_.find(m.path);
    static const std::string none;
    if (it == byPath_.end()) return none;
    const Slot& slot = *it->second;
    std::call_once(slot.rounded, [&] { slot.fact = roundFact_(slot.file.path, *this); });
    return slot.fact;
}

const std::string& RunSummaries::moduleOf(const std::string& path) const {
    static const std::string none;
    auto it = byPath_.find(path);
    return it == byPath_.end() ? none : it->second->file.module;
}

std::set<const RunSummaries::Slot*> RunSummaries::related(const Slot* own, std::size_t limit) const {
    // The files its import statements may name, transitively (by their module's last part), and
    // the files whose import statements name it.
    std::set<const Slot*> seen{own};
    std::vector<const Slot*> todo{own};
    while (!todo.empty()) {
        const Slot* s = todo.back();
        todo.pop_back();
        for (const std::string& w : s->file.words)
            if (auto it = byStem_.find(w); it != byStem_.end())
                for (const Slot* next : it->second)
                    if (seen.insert(next).second) todo.push_back(next);
        if (seen.size() > limit) return seen;
    }
    for (const Slot* slot : slotsNaming(moduleStem(own->file.module))) seen.insert(slot);
    seen.erase(own);
    return seen;
}

std::vector<std::string> RunSummaries::methodsNamed(const std::string& path, const std::string& method) const {
    auto key = std::make_pair(path, method);
    {
        std::lock_guard<std::mutex> lock(methodsMutex_);
        if (auto it = methodsMemo_.find(key); it != methodsMemo_.end()) return it->second;
    }
    std::vector<std::string> out = findMethodsNamed(path, method);
    std::lock_guard<std::mutex> lock(methodsMutex_);
    methodsMemo_.emplace(std::move(key), out);
    return out;
}

std::vector<std::string> RunSummaries::findMethodsNamed(const std::string& path, const std::string& method) const {
    std::vector<std::string> out;
    auto own = byPath_.find(path);
    if (own == byPath_.end()) return out;
    // Of those, the ones of its own top-level package or of a top-level package its imports name:
    // related() matches modules by their last part only, which would pair unrelated packages.
    auto top = [](const std::string& module) { return module.substr(0, module.find('.')); };
    const std::string ownTop = top(own->second->file.module);
    for (const Slot* s : related(own->second)) {
        if (!s->file.asyncDefs.count(method) || !byModule_.count(s->file.module)) continue;
        if (std::string t = top(s->file.module); t != ownTop && !own->second->file.words.count(t)) continue;
        for (const auto& [name, f] : summaryOf(*s).functions)
            if (name.size() > method.size() + 1 && name.compare(name.size() - method.size(), method.size(), method) == 0 &&
                name[name.size() - method.size() - 1] == '.')
                out.push_back(s->file.module + "." + name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

const std::string& RunSummaries::runDigest() const {
    std::call_once(runDigestOnce_, [&] {
        std::vector<std::pair<std::string, std::string>> parts;
        for (const Slot& s : slots_) parts.emplace_back(s.file.path, s.file.digest);
        std::sort(parts.begin(), parts.end());
        XXH3_state_t* state = XXH3_createState();
        XXH3_128bits_reset(state);
        for (const auto& [p, d] : parts) {
            XXH3_128bits_update(state, p.data(), p.size() + 1);  // with its NUL
            XXH3_128bits_update(state, d.data(), d.size());
        }
        XXH128_hash_t h = XXH3_128bits_digest(state);
        XXH3_freeState(state);
        runDigest_ = "run" + std::string(reinterpret_cast<const char*>(&h), sizeof h);
    });
    return runDigest_;
}

std::string RunSummaries::digestFor(const std::string& path) const {
    auto own = byPath_.find(path);
    if (own == byPath_.end()) return {};
    // The file's own content is in the key already. A file related to more than kDigestSpan
    // others takes the digest of the whole run instead (a superset: any change in the run
    // invalidates it): one closure per file would make the keys quadratic in the run's files
    // (CPython's library: most modules reach most others through their imports).
    std::set<const Slot*> seen = related(own->second, kDigestSpan);
    if (seen.size() > kDigestSpan) return runDigest();
    if (seen.empty()) return {};
    std::vector<std::pair<std::string, std::string>> parts;
    for (const Slot* s : seen) parts.emplace_back(s->file.path, s->file.digest);
    std::sort(parts.begin(), parts.end());
    std::string all;
    for (const auto& [p, d] : parts) all += p + '\0' + d;
    XXH128_hash_t h = XXH3_128bits(all.data(), all.size());
    return std::string(reinterpret_cast<const char*>(&h), sizeof h);
}

std::set<std::string> asyncDefNames(std::string_view text) {
    std::set<std::string> out;
    for (std::size_t at = text.find("async def"); at != std::string_view::npos; at = text.find("async def", at + 1)) {
        std::size_t i = at + 9;
        if (i >= text.size() || (text[i] != ' ' && text[i] != '\t')) continue;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        std::size_t start = i;
        while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
        if (i > start) out.insert(std::string(text.substr(start, i - start)));
    }
    return out;
}

std::string textDigest(std::string_view text) {
    XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
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

bool neverCalls(const Syntax& syntax, TSNode node) {
    TSNode parent = syntax.parent(node);
    if (is(parent, "argument_list")) {
        TSNode f = field(syntax.parent(parent), "function");
        if (is(f, "identifier") && (syntax.text(f) == "isinstance" || syntax.text(f) == "issubclass")) return true;
    }
    for (TSNode n = parent; !isNull(n); n = syntax.parent(n)) {
        if (is(n, "type")) return true;
        if (is(n, "block") || is(n, "module")) return false;
    }
    return false;
}

void collectUsesOutsideAsync(const Model& model, const std::string& package, std::map<std::string, int>& out) {
    const Syntax& syntax = model.syntax();
    // `node`: an identifier or attribute chain used in `scope`.
    auto use = [&](TSNode node, const Scope* scope) {
        TSNode parent = syntax.parent(node);
        const Scope* fn = Model::enclosingFunction(scope);
        if (fn && fn->isAsync && is(parent, "call") && sameNode(field(parent, "function"), node)) return;
        if (neverCalls(syntax, node)) return;
        std::string name = importedName(model, node, package);
        if (!name.empty()) out.emplace(std::move(name), rowOf(node));
    };
    for (const Reference& ref : model.references()) use(ref.node, ref.scope);
    // Names bound by a relative import are plain loads to the model (it resolves no package).
    std::set<std::string> relative;
    for (TSNode stmt : syntax.nodesOfType("import_from_statement")) {
        if (!is(field(stmt, "module_name"), "relative_import")) continue;
        for (TSNode item : namedChildren(stmt)) {
            if (sameNode(item, field(stmt, "module_name"))) continue;
            TSNode bound = is(item, "aliased_import") ? field(item, "alias") : item;
            if (is(bound, "dotted_name") || is(bound, "identifier")) relative.insert(std::string(syntax.text(bound)));
        }
    }
    for (const std::string& name : relative)
        for (const NameLoad& load : model.loadsOf(name)) {
            TSNode chain = load.node;  // extend over the attribute chain, as the model's references
            for (TSNode p = syntax.parent(chain); is(p, "attribute") && sameNode(field(p, "object"), chain);
                 p = syntax.parent(p))
                chain = p;
            use(chain, load.scope);
        }
    for (TSNode stmt : syntax.nodesOfType("import_from_statement")) {
        bool star = false;
        for (TSNode c : namedChildren(stmt)) star = star || is(c, "wildcard_import");
        if (!star) continue;
        TSNode mod = field(stmt, "module_name");
        std::string module = is(mod, "relative_import") ? absoluteFrom(dottedText(syntax.text(mod)), package)
                                                        : dottedText(syntax.text(mod));
        if (!module.empty()) out.emplace(module + ".*", rowOf(stmt));
    }
}

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
        std::vector<std::string> words;
        for (std::size_t i = first; i <= end && i <= text.size(); ++i) {
            char c = i < end ? text[i] : ' ';
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') word += c;
            else if (!word.empty()) words.push_back(std::exchange(word, {}));
        }
        out.insert(words.begin(), words.end());
        // `from pkg.mod import a, b as c`: also "mod/a" and "mod/b", the names taken from the
        // module (RunSummaries::importerOfName); a '/' never joins words of identifiers.
        auto kw = std::find(words.begin(), words.end(), "import");
        if (!words.empty() && words.front() == "from" && kw != words.end() && kw - words.begin() >= 2) {
            const std::string& stem = *(kw - 1);
            for (auto it = kw + 1; it != words.end(); ++it) {
                if (*it == "as") {
                    if (++it == words.end()) break;
                    continue;
                }
                out.insert(stem + "/" + *it);
            }
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

}  // namespace anymig::python
