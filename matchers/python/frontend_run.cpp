// The Python front end's first pass over a run (the cross-module part of the semantic model):
// every module of the run with async functions is parsed once and summarised by the pack
// (matchers/python/run_summary.h) before any file is analysed, so a module's checks can consult
// the modules it imports. One module alone has nothing to consult: no pass.
#include <algorithm>
#include <atomic>
#include <fstream>
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
    std::vector<ModuleSummary> out(mine.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next.fetch_add(1); i < mine.size(); i = next.fetch_add(1)) {
            std::string text;
            // Only async functions have cancellation facts; files in another encoding than UTF-8,
            // binary files and files that do not parse are left out (unknown to the others).
            if (!readText(mine[i], text) || text.find("async def") == std::string::npos ||
                text.find('\0') != std::string::npos || !declaredEncoding(text).empty())
                continue;
            SourceFile source(mine[i], text);
            Syntax syntax(source);
            if (syntax.syntaxError()) continue;
            Model model(syntax);
            Analysis scratch;
            Context ctx(syntax, model, settings, scratch);
            ctx.aliases = &config_.aliases;
            ctx.package = packageNameOf(mine[i]);
            ModuleSummary& m = out[i];
            m.path = mine[i];
            m.module = moduleNameOf(mine[i]);
            m.imports = importedNames(model, ctx.package);
            summarize_(ctx, rules, m);
        }
    };
    unsigned jobs = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(),
                                                    static_cast<unsigned>(mine.size())));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    auto all = std::make_shared<RunSummaries>();
    for (ModuleSummary& m : out) all->add(std::move(m));
    all->finish();
    summaries_ = std::move(all);
}

std::string PythonFrontend::cacheKeyFor(const std::string& path) const {
    return summaries_ ? summaries_->digestFor(path) : std::string();
}

}  // namespace anymig::python
