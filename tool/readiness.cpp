#include "tool/readiness.h"

#include <algorithm>
#include <unordered_set>

#include "core/frontend.h"

namespace anymig::tool {

namespace {

// What the site uses, for the reason list: the site's text up to its first "(" or line end.
std::string useOf(const Diagnostic& d) {
    std::string s = d.before.substr(0, d.before.find_first_of("(\r\n"));
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s + " (line " + std::to_string(d.begin.line) + ")";
}

}  // namespace

std::string stateText(const PackDescriptor& pack, ModuleReadiness::State s) {
    switch (s) {
        case ModuleReadiness::State::Ready: return std::string(pack.readiness.readyState);
        case ModuleReadiness::State::LegacyOnly: return pack.report.legacy + "-only";
        case ModuleReadiness::State::PartlyMigrated: return "partly migrated";
    }
    return "";
}

namespace {

// Whether the pack's own front end (not a configuration-file one) reads this file.
bool ofPackLanguage(const PackDescriptor& pack, const std::string& path) {
    const Frontend* fe = FrontendRegistry::instance().forPath(path);
    return fe && fe->name() == pack.language;
}

}  // namespace

std::vector<const PackDescriptor*> packsWithReadiness() {
    std::vector<const PackDescriptor*> out;
    for (const PackDescriptor& p : PackRegistry::instance().packs())
        if (!p.readiness.flag.empty()) out.push_back(&p);
    return out;
}

std::vector<ModuleReadiness> readiness(const PackDescriptor& pack, const RunResult& result, bool afterRun,
                                       bool listUses) {
    std::vector<ModuleReadiness> out;
    for (const FileOutcome& f : result.files) {
        if (f.state == FileState::NotParsed || !ofPackLanguage(pack, f.path)) continue;
        ModuleReadiness m;
        m.path = f.path;
        std::unordered_set<std::string> listed;  // m.left keeps the order of first use
        for (const Diagnostic& d : f.diagnostics) {
            if (afterRun && d.status == SiteStatus::Fixed) continue;
            std::string use = useOf(d);
            if (listed.insert(use).second) m.left.push_back(std::move(use));
            if (!listUses) break;  // the first use decides the state
        }
        const MentionCounts& now = afterRun ? f.after : f.before;
        if (m.left.empty() && f.before.code == 0 && now.targetImports == 0) continue;  // never used the library
        if (!m.left.empty())
            m.state = now.targetImports > 0 ? ModuleReadiness::State::PartlyMigrated : ModuleReadiness::State::LegacyOnly;
        out.push_back(std::move(m));
    }
    return out;
}

void printReadinessLine(std::ostream& out, const PackDescriptor& pack, const ModuleReadiness& m) {
    out << m.path << ": " << stateText(pack, m.state);
    for (std::size_t i = 0; i < m.left.size() && i < 5; ++i) out << (i ? ", " : ": ") << m.left[i];
    if (m.left.size() > 5) out << ", ... (" << m.left.size() - 5 << " more)";
    out << "\n";
}

void printReadinessSummary(std::ostream& out, const PackDescriptor& pack, const std::vector<ModuleReadiness>& modules,
                           bool afterRun, std::size_t listAtMost) {
    const std::string& legacy = pack.report.legacy;
    std::size_t ready = 0, only = 0, partly = 0;
    for (const ModuleReadiness& m : modules) {
        if (m.state == ModuleReadiness::State::Ready) ++ready;
        else if (m.state == ModuleReadiness::State::LegacyOnly) ++only;
        else ++partly;
    }
    out << "  " << pack.readiness.label << ": ";
    if (afterRun)
        out << ready << " of " << modules.size() << " modules that used " << legacy << " " << pack.readiness.readyPhrase
            << " now; ";
    out << only + partly << (only + partly == 1 ? " module uses" : " modules use") << " " << legacy << " (" << only
        << " " << legacy << "-only, " << partly << " partly migrated: they import " << pack.report.target << " too)\n";
    std::size_t listed = 0;
    for (const ModuleReadiness& m : modules) {
        if (m.state == ModuleReadiness::State::Ready) continue;
        if (listed++ == listAtMost) {
            out << "    ... (`anymig check --" << pack.readiness.flag << "` lists every module)\n";
            break;
        }
        out << "    ";
        printReadinessLine(out, pack, m);
    }
}

void addReadiness(reports::ReportMeta& meta, const PackDescriptor& pack, const RunResult& result, bool afterRun) {
    if (pack.readiness.flag.empty()) return;
    meta.readinessLabel = std::string(pack.readiness.label);
    for (const ModuleReadiness& m : readiness(pack, result, afterRun))
        meta.readiness.push_back({m.path, stateText(pack, m.state), m.left});
    std::sort(meta.readiness.begin(), meta.readiness.end(),
              [](const reports::ReportModule& a, const reports::ReportModule& b) { return a.path < b.path; });
}

}  // namespace anymig::tool
