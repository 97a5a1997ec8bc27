#include "core/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "core/atomic_write.h"
#include "core/result_cache.h"
#include "core/encoding.h"
#include "core/piecewise.h"
#include "core/safe_file.h"
#include "core/unified_diff.h"

namespace anymig {

const char* toString(FileState s) {
    switch (s) {
        case FileState::Unchanged: return "unchanged";
        case FileState::Changed: return "changed";
        case FileState::NotParsed: return "not-parsed";
        case FileState::SkippedSyntaxError: return "skipped-syntax-error";
        case FileState::RefusedRewrite: return "refused-rewrite";
        case FileState::Error: return "error";
    }
    return "?";
}

bool RunResult::hadErrors() const {
    return std::any_of(files.begin(), files.end(), [](const FileOutcome& f) {
        return f.state == FileState::Error || f.state == FileState::RefusedRewrite;
    });
}

namespace {

// Fixed sites in the order their rounds made them, then what remains in file order.
void keepFinal(FileOutcome& out, std::vector<Diagnostic>&& fixed, const std::vector<Diagnostic>& remaining) {
    out.diagnostics = std::move(fixed);
    std::size_t firstRemaining = out.diagnostics.size();
    // Sized once: a run keeps every file's diagnostics to the end, and a vector grown by doubling
    // would keep a quarter of them again as spare capacity (about 8 MB on the dense bench corpus).
    out.diagnostics.reserve(firstRemaining + remaining.size());
    for (const Diagnostic& d : remaining)
        if (d.status != SiteStatus::Fixed) out.diagnostics.push_back(d);
    std::stable_sort(out.diagnostics.begin() + static_cast<long>(firstRemaining), out.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return a.begin.line != b.begin.line ? a.begin.line < b.begin.line
                                                             : a.begin.column < b.begin.column;
                     });
}

// Leaves the file byte-identical and reports its original sites as they stand, fixes downgraded.
void refuse(FileOutcome& out, const Frontend& fe, const std::string& text, const AnalysisOptions& aopts,
            const std::string& reason, const char* note = "the result did not parse") {
    out.state = FileState::RefusedRewrite;
    out.reason = reason;
    out.original.clear();
    out.rewritten.clear();
    out.edits.clear();
    out.linesAdded = out.linesRemoved = 0;
    out.rounds = 0;
    Analysis original = fe.analyze(SourceFile(out.path, text), aopts);
    out.after = original.mentions;
    out.diagnostics = std::move(original.diagnostics);
    for (Diagnostic& d : out.diagnostics) {
        if (d.status == SiteStatus::Fixed) {
            d.status = SiteStatus::NeedsReview;
            d.message += std::string(" (rewrite refused: ") + note + ")";
            d.after.clear();
        }
    }
}

// Lets each front end refuse changes that would break files outside them (C/C++: the other
// translation units of the build) before anything is written.
void checkProject(RunResult& result, const RunOptions& options) {
    // The new texts are moved into the front ends' maps and back, not copied: they are every
    // changed file's text (21.7 MB on the dense bench corpus), and this is when the run holds
    // everything else too.
    std::map<const Frontend*, std::map<std::string, std::string>> changed;
    for (FileOutcome& f : result.files)
        if (f.state == FileState::Changed)
            if (const Frontend* fe = FrontendRegistry::instance().forPath(f.path))
                changed[fe][f.path] = std::move(f.rewritten);
    AnalysisOptions aopts{&options.rules, &options.settings};
    for (auto& [fe, files] : changed) {
        std::map<std::string, std::string> refused = fe->refuseForProject(files, options.settings);
        for (FileOutcome& f : result.files)
            if (f.state == FileState::Changed && FrontendRegistry::instance().forPath(f.path) == fe)
                f.rewritten = std::move(files.at(f.path));
        for (FileOutcome& f : result.files) {
            auto it = refused.find(f.path);
            if (it != refused.end() && f.state == FileState::Changed) refuse(f, *fe, std::string(f.original), aopts, it->second, "the project would not build");
        }
    }
}

bool hasTentative(const EditSet& edits) {
    return std::any_of(edits.edits().begin(), edits.edits().end(), [](const Edit& e) { return e.tentative; });
}

EditSet withoutTentative(const EditSet& edits) {
    EditSet kept;
    for (const Edit& e : edits.edits())
        if (!e.tentative) kept.add(e);  // accepted before beside them, so they still fit
    return kept;
}

}  // namespace

namespace {

// A file in another encoding than UTF-8 (declared by the file itself) is decoded for analysis.
bool decodeDeclared(const Frontend& fe, const std::string& bytes, std::string& utf8, FileOutcome& out) {
    std::string encoding = fe.declaredEncoding(bytes);
    if (encoding.empty() || isUtf8Name(encoding)) return true;
    if (std::string why = convertEncoding(bytes, encoding, "UTF-8", utf8); !why.empty()) {
        out.state = FileState::Error;
        out.reason = "cannot decode as " + encoding + " (its declared encoding): " + why;
        return false;
    }
    out.encoding = encoding;
    return true;
}

// The rewrite must be representable in the file's own encoding, or the file is refused.
bool encodable(const std::string& path, const std::string& utf8, FileOutcome& out) {
    if (out.encoding.empty()) return true;
    std::string bytes;
    std::size_t at = 0;
    if (convertEncoding(utf8, "UTF-8", out.encoding, bytes, &at).empty()) return true;
    Position p = SourceFile(path, utf8).position(at);
    out.state = FileState::RefusedRewrite;
    out.reason = "the migrated text cannot be encoded in " + out.encoding + " (its declared encoding) at line " +
                 std::to_string(p.line) + ", column " + std::to_string(p.column) + "; left unchanged";
    return false;
}

}  // namespace

namespace {

// check: what the first round found, fixes included, in file order.
FileOutcome checked(FileOutcome out, const std::vector<Diagnostic>& diagnostics) {
    keepFinal(out, {}, diagnostics);
    for (const Diagnostic& d : diagnostics)
        if (d.status == SiteStatus::Fixed) out.diagnostics.push_back(d);
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.begin.line != b.begin.line ? a.begin.line < b.begin.line : a.begin.column < b.begin.column;
    });
    out.state = FileState::Unchanged;
    return out;
}

// Did not settle within the round limit: what is still pending is reported as review work.
void unsettled(std::vector<Diagnostic>& diagnostics) {
    for (Diagnostic& d : diagnostics)
        if (d.status == SiteStatus::Fixed) {
            d.status = SiteStatus::NeedsReview;
            d.message += " (not applied: edits did not settle within the round limit)";
        }
}

// The rounds' result `current` of `text`: unchanged, refused (not encodable), or changed.
FileOutcome finished(FileOutcome out, const std::string& text, std::string current) {
    if (current == text) {
        out.state = FileState::Unchanged;
        return out;
    }
    // No second parse here: every round's text was analysed, and refused above if it did not parse.
    if (!encodable(out.path, current, out)) return out;
    countLineChanges(text, current, out.linesAdded, out.linesRemoved);
    out.state = FileState::Changed;
    out.original = text;
    out.rewritten = std::move(current);
    return out;
}

// A huge module's run one piece at a time (core/piecewise.h), when it gives the whole module's.
FileOutcome piecewiseOutcome(FileOutcome out, const std::string& text, const RunOptions& options, PiecewiseRun run) {
    out.before = run.before;
    out.after = run.after;
    if (options.mode == RunMode::Check) return checked(std::move(out), run.remaining);
    out.rounds = run.rounds;
    if (!run.settled) unsettled(run.remaining);
    keepFinal(out, std::move(run.fixed), run.remaining);
    return finished(std::move(out), text, std::move(run.result));
}

}  // namespace

FileOutcome processText(const std::string& path, const std::string& bytes, const RunOptions& options) {
    FileOutcome out;
    out.path = path;
    const Frontend* fe = FrontendRegistry::instance().forPath(path);
    if (!fe) {
        out.state = FileState::Error;
        out.reason = "no front end handles this file type";
        return out;
    }
    if (looksBinary(bytes)) {
        out.state = FileState::Error;
        out.reason = "binary file (contains NUL bytes)";
        return out;
    }
    std::string decoded;
    if (!decodeDeclared(*fe, bytes, decoded, out)) return out;
    const std::string& text = out.encoding.empty() ? bytes : decoded;
    if (std::size_t bad = firstInvalidUtf8(text); bad != std::string::npos) {
        SourceFile probe(path, text);
        Position p = probe.position(bad);
        out.state = FileState::Error;
        out.reason = "not valid UTF-8 (line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ")";
        return out;
    }
    if (!fe->mayNeedWork(text, options.settings)) {
        out.state = FileState::NotParsed;
        return out;
    }
    if (std::optional<PiecewiseRun> run = runPiecewise(*fe, path, text, options))
        return piecewiseOutcome(std::move(out), text, options, std::move(*run));
    std::map<std::string, std::string> roundNotes;  // the front end's, for this file's rounds
    AnalysisOptions aopts{&options.rules, &options.settings, nullptr, &roundNotes};
    Analysis analysis = fe->analyze(SourceFile(path, text), aopts);
    out.before = analysis.mentions;
    out.after = analysis.mentions;
    // --fix-broken-files: the front end edited only statements without error nodes; a round is
    // accepted when its error nodes are exactly the original ones.
    // Only front ends that list their error nodes take part (the C/C++ one does not).
    const bool aroundErrors = analysis.syntaxError && options.settings.get("fix-broken-files") == "1" &&
                              !analysis.errorNodes.empty();
    const std::vector<std::string> originalErrors = analysis.errorNodes;
    if (analysis.syntaxError && !aroundErrors) {
        out.state = FileState::SkippedSyntaxError;
        out.reason = "syntax error at " + *analysis.syntaxError;
        out.diagnostics.reserve(analysis.diagnostics.size());
        for (Diagnostic d : analysis.diagnostics) {
            if (d.status == SiteStatus::Fixed) {
                d.status = SiteStatus::KeptByPolicy;
                d.message += " (not migrated: the file has a syntax error)";
                d.after.clear();
            }
            out.diagnostics.push_back(std::move(d));
        }
        return out;
    }
    if (options.mode == RunMode::Check) return checked(std::move(out), analysis.diagnostics);

    std::string current = text;
    std::vector<Diagnostic> fixed;
    int round = 0;
    while (!analysis.edits.empty() && round < options.maxRounds) {
        ++round;
        for (const Diagnostic& d : analysis.diagnostics)
            if (d.status == SiteStatus::Fixed && !d.deferred) fixed.push_back(d);
        analysis.edits.adaptLineEndings(current);  // inserted lines end like their neighbours
        aopts.originalText = &text;
        // Tentative edits (a rule deciding in this round what it would otherwise decide in the
        // next, on the rewritten text) stand only if the result settles: its analysis asks for
        // no edit and parses. Otherwise the round is redone without them, which is exactly the
        // round as it would have been, so the output never depends on the guess. Not tried in
        // the last allowed round or beside a deferred fix (the next round has edits anyway).
        const bool guess = hasTentative(analysis.edits) && round < options.maxRounds &&
                           std::none_of(analysis.diagnostics.begin(), analysis.diagnostics.end(),
                                        [](const Diagnostic& d) { return d.deferred; });
        if (!guess && hasTentative(analysis.edits)) analysis.edits = withoutTentative(analysis.edits);
        std::string next = analysis.edits.apply(current);
        Analysis again = fe->analyze(SourceFile(path, next), aopts);
        if (guess && (!again.edits.empty() || again.syntaxError)) {
            analysis.edits = withoutTentative(analysis.edits);
            next = analysis.edits.apply(current);
            again = fe->analyze(SourceFile(path, next), aopts);
        }
        if (options.recordEdits) out.edits = composeEdits(out.edits, current, analysis.edits.edits());
        if (again.syntaxError && !(aroundErrors && again.errorNodes == originalErrors)) {
            refuse(out, *fe, text, aopts, "the rewritten file would not parse (" + *again.syntaxError + "); left unchanged");
            return out;
        }
        current = std::move(next);
        analysis = std::move(again);
    }
    out.rounds = round;
    if (!analysis.edits.empty()) unsettled(analysis.diagnostics);
    keepFinal(out, std::move(fixed), analysis.diagnostics);
    out.after = analysis.mentions;
    if (current == text && aroundErrors) {
        out.state = FileState::SkippedSyntaxError;
        out.reason = "syntax error at " + *analysis.syntaxError + " (nothing to migrate around it)";
        return out;
    }
    out.editedAroundSyntaxErrors = aroundErrors;
    return finished(std::move(out), text, std::move(current));
}

std::string joinRunFiles(const std::vector<std::string>& paths) {
    std::string out;
    for (const std::string& p : paths) {
        out += p;
        out += '\n';
    }
    return out;
}

std::string runIndexIdentity(const std::vector<std::string>& paths, const RunOptions& options) {
    return joinRunFiles(paths) + '\0' + joinRunFiles(options.runPaths);
}

RunResult runFiles(const std::vector<std::string>& paths, const RunOptions& callerOptions) {
    RunOptions options = callerOptions;
    if (options.recordEdits) options.cache = nullptr;  // the cache does not keep FileOutcome::edits
    if (!options.settings.values.count(kRunFilesKey)) options.settings.values[kRunFilesKey] = joinRunFiles(paths);
    for (const auto& fe : FrontendRegistry::instance().all()) fe->beginRun();
    const std::string runKey = options.cache ? options.cache->runKey(options) : std::string();
    // The run index (core/result_cache.h): the same files, options and run, nothing changed.
    const std::string runIdentity = options.cache ? runIndexIdentity(paths, options) : std::string();
    const std::int64_t startNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::system_clock::now().time_since_epoch()).count();
    RunResult result;
    if (options.cache)
        if (auto all = options.cache->lookupUnchanged(paths, runIdentity, runKey)) {
            result.files = std::move(*all);  // none Changed: a Changed outcome is never cached
            if (options.progress) options.progress(paths.size(), paths.size());
            std::sort(result.files.begin(), result.files.end(),
                      [](const FileOutcome& a, const FileOutcome& b) { return a.path < b.path; });
            return result;
        }
    for (const auto& fe : FrontendRegistry::instance().all()) fe->prepareRun(options.runPaths.empty() ? paths : options.runPaths, options.rules, options.settings);
    result.files.resize(paths.size());
    std::vector<std::optional<ResultCache::StatId>> readAs(options.cache ? paths.size() : 0);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex progressMutex;
    std::vector<FileIdentity> identities(paths.size());  // what was read, checked again before writing
    auto worker = [&] {
        for (;;) {
            std::size_t i = next.fetch_add(1);
            if (i >= paths.size()) return;
            FileOutcome& out = result.files[i];
            std::string text, error;
            ResultCache::StatId before;
            if (options.cache && ResultCache::statOf(paths[i], before)) readAs[i] = before;  // before the read
            if (!readSourceFile(paths[i], text, identities[i], error)) {
                out.path = paths[i];
                out.state = FileState::Error;
                out.reason = error;
            } else {
                const Frontend* fe = options.cache ? FrontendRegistry::instance().forPath(paths[i]) : nullptr;
                std::optional<FileOutcome> hit;
                if (fe) hit = options.cache->lookup(*fe, paths[i], text, runKey);
                if (hit) {
                    out = std::move(*hit);
                } else {
                    out = processText(paths[i], text, options);
                    if (options.keepSiteLines) out.siteLines = siteLinesOf(paths[i], text, out.diagnostics);
                    if (fe) options.cache->store(*fe, paths[i], text, runKey, out);
                }
            }
            std::size_t d = done.fetch_add(1) + 1;
            if (options.progress) {
                std::lock_guard<std::mutex> lock(progressMutex);
                options.progress(d, paths.size());
            }
        }
    };
    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, paths.size())));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    if (options.cache && !std::any_of(result.files.begin(), result.files.end(),
                                      [](const FileOutcome& f) { return f.state == FileState::Changed; }))
        options.cache->writeIndex(paths, readAs, runIdentity, runKey, startNs);  // a failure only costs speed
    if (options.mode != RunMode::Check) checkProject(result, options);
    if (options.mode == RunMode::Migrate)
        for (std::size_t i = 0; i < result.files.size(); ++i) {
            FileOutcome& out = result.files[i];
            if (out.state != FileState::Changed) continue;
            // Replaced only if it is still the file that was read (see core/safe_file.h), in its
            // own encoding.
            std::string encoded, why;
            if (!out.encoding.empty()) why = convertEncoding(out.rewritten, "UTF-8", out.encoding, encoded);
            if (why.empty())
                why = replaceFileSafely(paths[i], out.encoding.empty() ? out.rewritten : encoded, identities[i]);
            if (!why.empty()) {
                out.state = FileState::Error;
                out.reason = "not written: " + why;
            }
        }
    std::sort(result.files.begin(), result.files.end(),
              [](const FileOutcome& a, const FileOutcome& b) { return a.path < b.path; });
    return result;
}

}  // namespace anymig
