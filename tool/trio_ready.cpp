#include "tool/trio_ready.h"

#include <algorithm>

namespace anymig::tool {

namespace {

bool isPython(const std::string& path) {
    auto ends = [&](const char* e) {
        std::string s(e);
        return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
    };
    return ends(".py") || ends(".pyi");
}

// What the site uses, for the reason list: the site's text up to its first "(" or line end.
std::string useOf(const Diagnostic& d) {
    std::string s = d.before.substr(0, d.before.find_first_of("(\r\n"));
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s + " (line " + std::to_string(d.begin.line) + ")";
}

}  // namespace

const char* toString(ModuleReadiness::State s) {
    switch (s) {
        case ModuleReadiness::State::BothBackends: return "both backends";
        case ModuleReadiness::State::AsyncioOnly: return "asyncio-only";
        case ModuleReadiness::State::PartlyMigrated: return "partly migrated";
    }
    return "";
}

std::vector<ModuleReadiness> trioReadiness(const RunResult& result, bool afterRun) {
    std::vector<ModuleReadiness> out;
    for (const FileOutcome& f : result.files) {
        if (!isPython(f.path) || f.state == FileState::NotParsed) continue;
        ModuleReadiness m;
        m.path = f.path;
        for (const Diagnostic& d : f.diagnostics) {
            if (afterRun && d.status == SiteStatus::Fixed) continue;
            std::string use = useOf(d);
            if (std::find(m.left.begin(), m.left.end(), use) == m.left.end()) m.left.push_back(use);
        }
        const MentionCounts& now = afterRun ? f.after : f.before;
        if (m.left.empty() && f.before.code == 0 && now.targetImports == 0) continue;  // never used asyncio
        if (!m.left.empty())
            m.state = now.targetImports > 0 ? ModuleReadiness::State::PartlyMigrated : ModuleReadiness::State::AsyncioOnly;
        out.push_back(std::move(m));
    }
    return out;
}

void printReadinessLine(std::ostream& out, const ModuleReadiness& m) {
    out << m.path << ": " << toString(m.state);
    for (std::size_t i = 0; i < m.left.size() && i < 5; ++i) out << (i ? ", " : ": ") << m.left[i];
    if (m.left.size() > 5) out << ", ... (" << m.left.size() - 5 << " more)";
    out << "\n";
}

void printReadinessSummary(std::ostream& out, const std::vector<ModuleReadiness>& modules, bool afterRun,
                           std::size_t listAtMost) {
    std::size_t ready = 0, only = 0, partly = 0;
    for (const ModuleReadiness& m : modules) {
        if (m.state == ModuleReadiness::State::BothBackends) ++ready;
        else if (m.state == ModuleReadiness::State::AsyncioOnly) ++only;
        else ++partly;
    }
    if (afterRun)
        out << "  trio readiness: " << ready << " of " << modules.size()
            << " modules that used asyncio run on both backends now; ";
    else
        out << "  trio readiness: ";
    out << only + partly << (only + partly == 1 ? " module uses" : " modules use") << " asyncio (" << only
        << " asyncio-only, " << partly << " partly migrated: they import anyio too)\n";
    std::size_t listed = 0;
    for (const ModuleReadiness& m : modules) {
        if (m.state == ModuleReadiness::State::BothBackends) continue;
        if (listed++ == listAtMost) {
            out << "    ... (`anymig check --trio-ready` lists every module)\n";
            break;
        }
        out << "    ";
        printReadinessLine(out, m);
    }
}

}  // namespace anymig::tool
