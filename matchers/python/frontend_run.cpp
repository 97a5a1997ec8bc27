// The Python front end's first pass over a run (the cross-module part of the semantic model):
// every module of the run with async functions is parsed once and summarised by the pack
// (matchers/python/run_summary.h) before any file is analysed, so a module's checks can consult
// the modules it imports. One module alone has nothing to consult: no pass.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "matchers/python/context.h"
#include "matchers/python/frontend.h"
#include "matchers/python/syntax.h"

namespace anymig::python {

namespace {

bool readText(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
    return static_cast<bool>(in) || in.eof();
}

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
    std::string text;
    // Only async functions have cancellation facts; files in another encoding than UTF-8, binary
    // files and files that do not parse are left out (unknown to the others).
    if (!readText(path, text) || text.find("async def") == std::string::npos || text.find('\0') != std::string::npos ||
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

void PythonFrontend::prepareRun(const std::vector<std::string>& paths, const RuleSelection& rules,
                                const Settings& settings) const {
    summaries_.reset();
    if (!summarize_) return;
    std::vector<std::string> mine;
    const std::vector<std::string> endings = extensions();
    for (const std::string& p : paths)
        if (handles(endings, p)) mine.push_back(p);
    if (mine.size() < 2) return;
    std::vector<ModuleSummary> first(mine.size());
    inParallel(mine.size(), [&](std::size_t i) { summarizeOne(mine[i], rules, settings, nullptr, first[i]); });
    auto all = std::make_shared<RunSummaries>();
    for (ModuleSummary& m : first) all->add(std::move(m));
    all->finish();
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
