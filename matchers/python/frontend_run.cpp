// The Python front end's first pass over a run (the cross-module part of the semantic model):
// every file is read once for its import statements (a text scan), then each module with async
// functions that a file setting a timeout imports, directly or through other files, and each
// module with a shield that others import, with its importers (see worthSummarising), is parsed once and summarised by the pack (matchers/python/run_summary.h) before any file is
// analysed, so a module's checks can consult the modules it imports. One module alone has
// nothing to consult: no pass.
#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "core/atomic_write.h"
#include "matchers/python/context.h"
#include "matchers/python/frontend.h"
#include "matchers/python/syntax.h"

namespace anymig::python {

namespace {

bool handles(const std::vector<std::string>& endings, const std::string& path) {
    return std::any_of(endings.begin(), endings.end(), [&](const std::string& e) {
        return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
    });
}

// Runs `work(i)` for i in [0, n) on the machine's cores.
void inParallel(std::size_t n, const std::function<void(std::size_t)>& work) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) work(i);
    };
    unsigned jobs = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), static_cast<unsigned>(n)));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
}

// The second pass is for a module whose round may matter to a module it calls that depends on
// its callers.
bool needsRound(const RunSummaries& all, const ModuleSummary& m) {
    if (!m.mayAffectCallees) return false;
    for (const auto& [target, line] : m.calls) {
        RunSummaries::Found f = all.find(target);
        if (f.module && f.module != &m && f.module->dependsOnCallers) return true;
    }
    return false;
}

}  // namespace

void PythonFrontend::summarizeOne(const std::string& path, const RuleSelection& rules, const Settings& settings,
                                  const RunSummaries* others, ModuleSummary& out) const {
    std::string text, error;
    // Only async functions have cancellation facts; files in another encoding than UTF-8, binary
    // files and files that do not parse are left out (unknown to the others).
    if (!readFile(path, text, error) || text.find("async def") == std::string::npos || text.find('\0') != std::string::npos ||
        !declaredEncoding(text).empty())
        return;
    SourceFile source(path, text);
    Syntax syntax(source);
    if (syntax.syntaxError()) return;
    Model model(syntax);
    Analysis scratch;
    Context ctx(syntax, model, settings, scratch);
    ctx.aliases = &config_.aliases;
    ctx.package = packageNameOf(path);
    if (others) {  // the second pass: the module's whole first round, then the pack's round fact
        ctx.run = others;
        for (const PyRule* rule : rules_)
            if (rule->info.id != config_.alwaysOnRule && rules.enabled(rule->info)) runRule(*rule, ctx);
        if (check_) check_(ctx);
        summarizeRound_(ctx, out);
        return;
    }
    out.path = path;
    out.module = moduleNameOf(path);
    out.imports = importedNames(model, ctx.package);
    for (TSNode call : ctx.semantics().callNodesIn(syntax.root())) {
        std::string target = importedName(model, field(call, "function"), ctx.package);
        if (!target.empty()) out.calls.emplace(target, rowOf(call));
    }
    summarize_(ctx, rules, out);
}

namespace {

// What the run's first pass reads of every file before it parses any: whether it has async
// functions, mentions a shield or sets a timeout, the words of its import statements, its
// module's last part.
struct Scan {
    bool async = false;
    bool shield = false;
    bool timeout = false;
    std::set<std::string> words;
    std::string stem;
};

// The files worth summarising (parsing a file twice is what the pass costs): files with async
// functions named in an import by a file that sets a timeout, or by a file named so in turn
// (the timed-out code may reach them); files with async functions and a shield that another file
// names, and the files with async functions that name those (their callers matter).
std::vector<std::size_t> worthSummarising(const std::vector<Scan>& scans) {
    std::map<std::string, std::vector<std::size_t>> byStem;
    for (std::size_t i = 0; i < scans.size(); ++i) byStem[scans[i].stem].push_back(i);
    std::vector<char> reached(scans.size(), 0), named(scans.size(), 0);
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < scans.size(); ++i)
        if (scans[i].timeout) todo.push_back(i);
    for (std::size_t i = 0; i < scans.size(); ++i)  // named by another file at all
        for (const std::string& w : scans[i].words)
            if (auto it = byStem.find(w); it != byStem.end())
                for (std::size_t j : it->second) named[j] = named[j] || j != i;
    while (!todo.empty()) {  // named by a file that sets a timeout, transitively
        std::size_t i = todo.back();
        todo.pop_back();
        for (const std::string& w : scans[i].words)
            if (auto it = byStem.find(w); it != byStem.end())
                for (std::size_t j : it->second)
                    if (j != i && !reached[j]) reached[j] = 1, todo.push_back(j);
    }
    std::set<std::string> shieldStems;
    for (std::size_t i = 0; i < scans.size(); ++i)
        if (scans[i].async && scans[i].shield && named[i]) shieldStems.insert(scans[i].stem);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < scans.size(); ++i) {
        const Scan& s = scans[i];
        bool callsShield = std::any_of(s.words.begin(), s.words.end(),
                                       [&](const std::string& w) { return w != s.stem && shieldStems.count(w); });
        if (s.async && (reached[i] || shieldStems.count(s.stem) || callsShield)) out.push_back(i);
    }
    return out;
}

}  // namespace

void PythonFrontend::prepareRun(const std::vector<std::string>& paths, const RuleSelection& rules,
                                const Settings& settings) const {
    summaries_.reset();
    if (!summarize_) return;
    std::vector<std::string> mine;
    const std::vector<std::string> endings = extensions();
    for (const std::string& p : paths)
        if (handles(endings, p)) mine.push_back(p);
    if (mine.size() < 2) return;
    std::vector<Scan> scans(mine.size());
    inParallel(mine.size(), [&](std::size_t i) {
        std::string text, error;
        if (!readFile(mine[i], text, error)) return;
        auto has = [&](const char* word) { return text.find(word) != std::string::npos; };
        scans[i] = {has("async def"), has("shield"), has("wait_for") || has("timeout"), importWords(text),
                    moduleStem(moduleNameOf(mine[i]))};
    });
    std::vector<std::size_t> chosen = worthSummarising(scans);
    std::vector<ModuleSummary> first(chosen.size());
    inParallel(chosen.size(), [&](std::size_t k) { summarizeOne(mine[chosen[k]], rules, settings, nullptr, first[k]); });
    auto all = std::make_shared<RunSummaries>();
    for (ModuleSummary& m : first) all->add(std::move(m));
    all->finish();
    for (std::size_t i = 0; i < mine.size(); ++i) all->setImportWords(mine[i], std::move(scans[i].words));
    if (summarizeRound_) {
        std::vector<std::string> again;
        for (const auto& [name, m] : all->modules())
            if (needsRound(*all, m)) again.push_back(m.path);
        std::vector<ModuleSummary> facts(again.size());
        inParallel(again.size(), [&](std::size_t i) { summarizeOne(again[i], rules, settings, all.get(), facts[i]); });
        for (std::size_t i = 0; i < again.size(); ++i) all->forPath(again[i])->roundFact = facts[i].roundFact;
    }
    summaries_ = std::move(all);
}

std::string PythonFrontend::cacheKeyFor(const std::string& path) const {
    return summaries_ ? summaries_->digestFor(path) : std::string();
}

}  // namespace anymig::python
