#include "tool/cli_support.h"

#include <fnmatch.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>

#include "core/atomic_write.h"
#include "tool/cpp_module.h"
#include "tool/gate.h"
#include "tool/progress.h"

namespace anymig::tool {

bool globMatches(const std::string& glob, const std::string& relPath) {
    if (glob.empty()) return false;
    if (::fnmatch(glob.c_str(), relPath.c_str(), 0) == 0) return true;
    std::string dirGlob = glob.back() == '/' ? glob + "*" : glob + "/*";
    return ::fnmatch(dirGlob.c_str(), relPath.c_str(), 0) == 0;
}

std::vector<std::string> excludeByGlobs(const std::vector<std::string>& files, const std::vector<std::string>& globs,
                                        const std::string& baseDir) {
    if (globs.empty()) return files;
    std::vector<std::string> kept;
    for (const std::string& f : files) {
        std::string rel = relativeTo(f, baseDir);
        if (std::none_of(globs.begin(), globs.end(), [&](const std::string& g) { return globMatches(g, rel); }))
            kept.push_back(f);
    }
    return kept;
}

std::set<std::string> perFileIgnoresFor(const std::string& file,
                                        const std::vector<std::pair<std::string, std::vector<std::string>>>& perFileIgnores,
                                        const std::string& baseDir) {
    std::set<std::string> extra;
    if (perFileIgnores.empty()) return extra;
    std::string rel = relativeTo(file, baseDir);
    for (const auto& [glob, rules] : perFileIgnores)
        if (globMatches(glob, rel)) extra.insert(rules.begin(), rules.end());
    return extra;
}

RunResult runWithPerFileIgnores(const std::vector<std::string>& input, const RunOptions& options,
                                const std::vector<std::pair<std::string, std::vector<std::string>>>& perFileIgnores,
                                const std::string& baseDir, ProgressBar* progress) {
    std::vector<std::string> files = input;
    prepareFrontends(files);  // loads the C/C++ front end only for a run with C/C++ files
    // Partition the files by the set of extra ignores that apply to them.
    std::map<std::set<std::string>, std::vector<std::string>> parts;
    for (const std::string& f : files) parts[perFileIgnoresFor(f, perFileIgnores, baseDir)].push_back(f);
    RunResult all;
    RunOptions whole = options;
    whole.settings.values[kRunFilesKey] = joinRunFiles(files);  // every part sees the whole run
    if (whole.runPaths.empty()) whole.runPaths = files;          // and its cross-module facts
    if (!perFileIgnores.empty()) {  // and computes the files of another group with their own rules
        std::string lines, base;
        for (const std::string& f : whole.runPaths) {
            std::set<std::string> extra = perFileIgnoresFor(f, perFileIgnores, baseDir);
            if (extra.empty()) continue;
            lines += f + '\t';
            for (const std::string& rule : extra) lines += rule + ' ';
            lines.back() = '\n';
        }
        for (const std::string& rule : options.rules.ignore) base += rule + ' ';
        if (!lines.empty()) {
            whole.settings.values[kFileIgnoresKey] = lines;
            whole.settings.values[kRunIgnoresKey] = base;
        }
    }
    std::size_t doneBefore = 0;
    auto bar = progress ? progress->callback() : std::function<void(std::size_t, std::size_t)>();
    for (const auto& [extra, part] : parts) {
        RunOptions o = whole;
        o.rules.ignore.insert(o.rules.ignore.end(), extra.begin(), extra.end());
        if (bar) o.progress = [&, base = doneBefore](std::size_t done, std::size_t) { bar(base + done, files.size()); };
        RunResult r = runFiles(part, o);
        doneBefore += part.size();
        for (FileOutcome& f : r.files) all.files.push_back(std::move(f));
    }
    if (progress) progress->finish();
    std::sort(all.files.begin(), all.files.end(),
              [](const FileOutcome& a, const FileOutcome& b) { return a.path < b.path; });
    return all;
}

std::string isoNow() {
    std::time_t t = std::time(nullptr);
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) t = static_cast<std::time_t>(std::atoll(sde));
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace anymig::tool
