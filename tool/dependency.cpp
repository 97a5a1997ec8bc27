#include "tool/dependency.h"

#include <iostream>
#include <regex>

#include "core/line_pattern.h"
#include "core/atomic_write.h"
#include "core/frontend.h"

namespace anymig::tool {

std::vector<const PackDescriptor*> packsOfRun(const RunResult& result) {
    std::vector<const PackDescriptor*> out;
    for (const PackDescriptor& pack : PackRegistry::instance().packs())
        for (const FileOutcome& f : result.files) {
            const Frontend* fe = FrontendRegistry::instance().forPath(f.path);
            if (fe && fe->name() == pack.language) {
                out.push_back(&pack);
                break;
            }
        }
    return out;
}

void printTargets(std::ostream& out, const CommonOptions& o, const RunResult& result) {
    for (const PackDescriptor* pack : packsOfRun(result)) {
        std::vector<TargetLine> lines = targetLines(o, *pack);
        if (lines.empty()) continue;
        out << "  targets:";
        for (std::size_t i = 0; i < lines.size(); ++i)
            out << (i ? ", " : " ") << lines[i].name << " " << lines[i].value << " (" << lines[i].source << ")";
        out << "\n";
    }
}

namespace {

// A changed file gained a line importing the target library.
bool introducedImport(const PackDescriptor& pack, const RunResult& result) {
    std::regex line(pack.report.targetImport, std::regex::multiline);
    for (const FileOutcome& f : result.files)
        if (f.state == FileState::Changed && anyLineMatches(f.rewritten, line) && !anyLineMatches(f.original, line))
            return true;
    return false;
}

int addOne(const CommonOptions& o, const PackDescriptor& pack, const RunResult& result) {
    std::string name(pack.dependencyOption->projectDefault);
    Settings settings;
    setPackOptions(o, settings);
    std::string version = settings.values[std::string(pack.dependencyOption->name)];
    auto declared = o.dependencies.floors.find(name);
    if (!introducedImport(pack, result)) {
        std::cerr << "anymig: --add-dependency: the run introduced no " << name << " import; nothing added\n";
    } else if (declared != o.dependencies.floors.end() && !declared->second.locked) {
        std::cerr << "anymig: --add-dependency: " << name << " is already declared (" << declared->second.source << ")\n";
    } else if (o.dependencies.addTo.empty()) {
        std::cerr << "anymig: error: --add-dependency: " << o.dependencies.addToWhy << "; add " << name << ">=" << version
                  << " by hand\n";
        return 1;
    } else {
        std::string text, error;
        try {
            if (!readFile(o.dependencies.addTo, text, error)) throw std::runtime_error(error);
            std::string after = pack.addDependency(o.dependencies.addTo, text, name, version);
            if (std::string why = writeFileAtomically(o.dependencies.addTo, after); !why.empty())
                throw std::runtime_error(why);
        } catch (const std::exception& e) {
            std::cerr << "anymig: error: --add-dependency: " << o.dependencies.addTo << ": " << e.what()
                      << "; nothing written\n";
            return 1;
        }
        std::cerr << "anymig: added " << name << ">=" << version << " to " << o.dependencies.addTo << "\n";
    }
    return 0;
}

}  // namespace

int addDependencies(const CommonOptions& o, const RunResult& result) {
    int errors = 0;
    for (const PackDescriptor* pack : packsOfRun(result))
        if (pack->dependencyOption && pack->addDependency) errors += addOne(o, *pack, result);
    return errors;
}

}  // namespace anymig::tool
