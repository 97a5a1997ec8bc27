// The Python front end's first pass over a run (the cross-module part of the semantic model):
// every file is read once (its import statements' words, a digest of its text) before any file is
// analysed; a module is parsed and summarised by the pack (matchers/python/run_summary.h) only
// when a check first asks about it, so a run pays only for the modules a timeout or a shield
// reaches across modules. One module alone has nothing to consult: no pass.
#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "core/atomic_write.h"
#include "core/runner.h"
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

// The lines of `text` (kMigratedOnlyKey, kFileIgnoresKey), and the space-separated words of one.
std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = 0, end; at < text.size(); at = end + 1) {
        end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        if (end > at) out.push_back(text.substr(at, end - at));
    }
    return out;
}

std::vector<std::string> splitWords(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = 0, end; at < text.size(); at = end + 1) {
        end = text.find(' ', at);
        if (end == std::string::npos) end = text.size();
        if (end > at) out.push_back(text.substr(at, end - at));
    }
    return out;
}

}  // namespace

std::string PythonFrontend::summarizeOne(const std::string& path, const RuleSelection& rules, const Settings& settings,
                                         const RunSummaries* others, ModuleSummary* out, bool migrated) const {
    std::string text, error;
    // Files in another encoding than UTF-8, binary files and files that do not parse are left out
    // (unknown to the others).
    if (!readFile(path, text, error) || text.find('\0') != std::string::npos || !declaredEncoding(text).empty())
        return {};
    SourceFile source(path, text);
    Syntax syntax(source);
    if (syntax.syntaxError()) return {};
    Model model(syntax);
    Analysis scratch;
    Context ctx(syntax, model, settings, scratch);
    ctx.aliases = &config_.aliases;
    ctx.package = packageNameOf(path);
    if (!out) {  // the module's whole first round, then the pack's round fact
        ctx.run = others;
        ctx.inRunSummary = true;
        if (migrated) {
            for (const PyRule* rule : rules_)
                if (rule->info.id != config_.alwaysOnRule && rules.enabled(rule->info)) runRule(*rule, ctx);
            if (check_) check_(ctx);
        }
        return summarizeRound_(ctx);
    }
    for (TSNode call : ctx.semantics().callNodesIn(syntax.root())) {
        std::string target = importedName(model, field(call, "function"), ctx.package);
        if (!target.empty()) out->calls.emplace(target, rowOf(call));
    }
    for (TSNode call : ctx.semantics().untypedMethodCalls(syntax.root()))
        out->methods.emplace(std::string(syntax.text(field(field(call, "function"), "attribute"))), rowOf(call));
    collectUsesOutsideAsync(model, ctx.package, out->usesOutsideAsync);
    summarize_(ctx, rules, *out);
    return {};
}

void PythonFrontend::prepareRun(const std::vector<std::string>& paths, const RuleSelection& rules,
                                const Settings& settings) const {
    summaries_.reset();
    if (!summarize_ || !summarizeRound_) return;
    std::vector<std::string> mine;
    const std::vector<std::string> endings = extensions();
    for (const std::string& p : paths)
        if (handles(endings, p)) mine.push_back(p);
    if (mine.size() < 2) return;
    // The pass only reads every file; a module is summarised when a check first asks about it.
    std::vector<RunSummaries::File> files(mine.size());
    inParallel(mine.size(), [&](std::size_t i) {
        std::string text, error;
        if (!readFile(mine[i], text, error)) return;
        files[i] = {mine[i], moduleNameOf(mine[i]), importWords(text), textDigest(text),
                    text.find("async def") != std::string::npos || text.find(".run(") != std::string::npos,
                    asyncDefNames(text)};
    });
    // A plan's batch migrates only its own files (kMigratedOnlyKey): the run's other files keep
    // every legacy call this run would otherwise count as migrated.
    auto only = std::make_shared<std::set<std::string>>();
    if (auto it = settings.values.find(kMigratedOnlyKey); it != settings.values.end())
        for (std::string& p : splitLines(it->second)) only->insert(std::move(p));
    // A run split into per-file-ignores groups (kFileIgnoresKey): another file is migrated, or
    // kept, under its own rules, not this group's.
    auto own = std::make_shared<std::map<std::string, RuleSelection>>();
    if (auto it = settings.values.find(kFileIgnoresKey); it != settings.values.end()) {
        RuleSelection base{rules.select, {}};
        if (auto b = settings.values.find(kRunIgnoresKey); b != settings.values.end())
            base.ignore = splitWords(b->second);
        (*own)[""] = base;  // a file without ignores of its own
        for (const std::string& line : splitLines(it->second)) {
            std::size_t tab = line.find('\t');
            if (tab == std::string::npos) continue;
            RuleSelection r = base;
            for (std::string& rule : splitWords(line.substr(tab + 1))) r.ignore.push_back(std::move(rule));
            (*own)[line.substr(0, tab)] = std::move(r);
        }
    }
    // The computations run later, during the run: they keep their own copies of its options.
    auto options = std::make_shared<std::pair<RuleSelection, Settings>>(rules, settings);
    auto rulesOf = [options, own](const std::string& path) -> const RuleSelection& {
        if (own->empty()) return options->first;
        auto it = own->find(path);
        return it != own->end() ? it->second : own->at("");
    };
    auto all = std::make_shared<RunSummaries>(
        std::move(files),
        [this, options, rulesOf](const std::string& path, ModuleSummary& out) {
            summarizeOne(path, rulesOf(path), options->second, nullptr, &out);
        },
        [this, options, only, rulesOf](const std::string& path, const RunSummaries& run) {
            return summarizeOne(path, rulesOf(path), options->second, &run, nullptr,
                                only->empty() || only->count(path) > 0);
        });
    summaries_ = std::move(all);
}

std::string PythonFrontend::cacheKeyFor(const std::string& path) const {
    return summaries_ ? summaries_->digestFor(path) : std::string();
}

}  // namespace anymig::python
