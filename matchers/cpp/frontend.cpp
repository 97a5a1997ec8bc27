// The C/C++ front end: runs Clang 19 (LibTooling) on the in-memory text of one file, with the
// file's compile command from a compilation database (`-p build/`) or fixed flags (`-- ...`),
// runs the engine's matchers and PP callbacks, and turns the engine's sites into core
// diagnostics and edits.
//
// Cross-file consistency: a .cpp that is being rewritten is re-parsed against the *migrated*
// versions of the project headers it includes (computed in memory with the same rules), since
// the runner writes those headers in the same run. The first parse of a file (its text equals
// the file on disk) always sees the headers as they are on disk.
#include "matchers/cpp/register.h"

#include <fstream>
#include <list>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <clang/AST/ASTConsumer.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

#include "core/runner.h"
#include "matchers/cpp/extensions.h"
#include "matchers/cpp/engine.h"

namespace anymig {
namespace {

using namespace clang;

#ifndef ANYMIG_CLANG_RESOURCE_DIR
#define ANYMIG_CLANG_RESOURCE_DIR "/usr/lib/llvm-19/lib/clang/19"
#endif

constexpr char kArgSeparator = '\x1f';

std::string absolute(const std::string& path) {
    llvm::SmallString<256> p(path);
    llvm::sys::fs::make_absolute(p);
    llvm::sys::path::remove_dots(p, true);
    return std::string(p);
}

// Whether `file` (absolute) is one of the files of this run (Settings' run-files list).
// Without a list (a single in-memory analysis) every file counts as part of the run.
bool inRun(const std::string& file, const Settings* settings) {
    auto it = settings ? settings->values.find(kRunFilesKey) : decltype(settings->values.end()){};
    if (!settings || it == settings->values.end()) return true;
    std::size_t start = 0;
    const std::string& list = it->second;
    while (start < list.size()) {
        std::size_t nl = list.find('\n', start);
        if (nl == std::string::npos) nl = list.size();
        if (absolute(list.substr(start, nl - start)) == file) return true;
        start = nl + 1;
    }
    return false;
}

bool readDisk(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

// Errors (only errors) of one parse, as "line N: message".
class ErrorCollector : public DiagnosticConsumer {
public:
    void HandleDiagnostic(DiagnosticsEngine::Level level, const clang::Diagnostic& info) override {
        DiagnosticConsumer::HandleDiagnostic(level, info);
        if (level < DiagnosticsEngine::Error || !first.empty()) return;
        llvm::SmallString<160> msg;
        info.FormatDiagnostic(msg);
        std::string where = "line ?";
        if (info.hasSourceManager() && info.getLocation().isValid()) {
            SourceManager& sm = info.getSourceManager();
            PresumedLoc p = sm.getPresumedLoc(sm.getFileLoc(info.getLocation()));
            if (p.isValid()) {
                bool main = sm.isWrittenInMainFile(sm.getFileLoc(info.getLocation()));
                where = main ? "line " + std::to_string(p.getLine())
                             : std::string(p.getFilename()) + " line " + std::to_string(p.getLine());
            }
        }
        first = where + ": " + std::string(msg);
    }
    std::string first;
};

// One pre-fetched compile command (the shared database is not consulted from worker threads).
class OneCommand : public tooling::CompilationDatabase {
public:
    explicit OneCommand(tooling::CompileCommand cmd) : cmd_(std::move(cmd)) {}
    std::vector<tooling::CompileCommand> getCompileCommands(StringRef) const override { return {cmd_}; }

private:
    tooling::CompileCommand cmd_;
};

struct ParseResult {
    std::optional<std::string> error;
    Analysis analysis;
    std::vector<std::string> projectHeaders;  // non-system files the main file included
};

using Done = std::function<void(cpp::Engine&)>;

class Consumer : public ASTConsumer {
public:
    Consumer(cpp::Engine* engine, CompilerInstance& ci, Done* done) : engine_(engine), ci_(ci), done_(done) {
        if (engine_) engine_->registerMatchers(finder_);
    }
    void HandleTranslationUnit(ASTContext& ctx) override {
        if (!engine_ || ci_.getDiagnostics().hasErrorOccurred()) return;
        finder_.matchAST(ctx);
        engine_->finalize();
        (*done_)(*engine_);  // while the AST and source manager are alive
    }

private:
    cpp::Engine* engine_;
    CompilerInstance& ci_;
    Done* done_;
    ast_matchers::MatchFinder finder_;
};

class Action : public ASTFrontendAction {
public:
    Action(cpp::Engine* engine, std::vector<std::string>* headers, Done* done)
        : engine_(engine), headers_(headers), done_(done) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance& ci, StringRef) override {
        if (engine_) {
            engine_->attach(ci.getSourceManager(), ci.getLangOpts());
            ci.getPreprocessor().addPPCallbacks(engine_->makePPCallbacks());
        }
        return std::make_unique<Consumer>(engine_, ci, done_);
    }
    void EndSourceFileAction() override {
        SourceManager& sm = getCompilerInstance().getSourceManager();
        for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
            FileEntryRef fe = it->first;
            StringRef name = fe.getName();
            if (name.starts_with("/usr/") || name.contains("<")) continue;
            headers_->push_back(absolute(name.str()));
        }
    }

private:
    cpp::Engine* engine_;
    std::vector<std::string>* headers_;
    Done* done_;
};

class ActionFactory : public tooling::FrontendActionFactory {
public:
    ActionFactory(cpp::Engine* engine, std::vector<std::string>* headers, Done done)
        : engine_(engine), headers_(headers), done_(std::move(done)) {}
    std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(engine_, headers_, &done_); }

private:
    cpp::Engine* engine_;
    std::vector<std::string>* headers_;
    Done done_;
};

bool isHeader(llvm::StringRef path) {
    return path.ends_with(".h") || path.ends_with(".hh") || path.ends_with(".hpp") || path.ends_with(".hxx");
}

bool isCppExt(llvm::StringRef path) {
    return !path.ends_with(".c");
}

class CppFrontend : public Frontend {
public:
    std::string_view name() const override { return "cpp"; }
    std::vector<std::string> extensions() const override {
        return {cpp::kExtensions.begin(), cpp::kExtensions.end()};
    }
    bool mayNeedWork(std::string_view text, const Settings& settings) const override {
        if (text.find("boost") != std::string_view::npos) return true;
        for (const auto& [flag, on] : settings.flags)
            if (text.find(flag) != std::string_view::npos) return true;
        return false;
    }
    Analysis analyze(const SourceFile& source, const AnalysisOptions& options) const override {
        ParseResult r = parse(source, options.settings, options.rules, true);
        Analysis a = std::move(r.analysis);
        a.syntaxError = r.error;
        return a;
    }
    std::optional<std::string> syntaxError(const SourceFile& source) const override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = verdicts_.find(key(source.path(), source.text()));
            if (it != verdicts_.end()) return it->second;
        }
        return parse(source, lastSettings(), nullptr, false).error;
    }

private:
    static std::string key(const std::string& path, const std::string& text) {
        return absolute(path) + '\0' + std::to_string(std::hash<std::string>{}(text));
    }
    const Settings* lastSettings() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return settings_ ? &*settings_ : nullptr;
    }

    // The compile command for `path`, from the database, the fixed flags, or a default.
    std::optional<tooling::CompileCommand> command(const std::string& path, const Settings* settings,
                                                   std::string& error) const {
        std::string compdb = settings ? settings->get("compdb") : "";
        std::string extra = settings ? settings->get("cpp-args") : "";
        std::vector<std::string> fixed;
        if (!extra.empty())
            for (llvm::StringRef a : llvm::split(llvm::StringRef(extra), kArgSeparator))
                if (!a.empty()) fixed.push_back(a.str());
        if (!compdb.empty()) {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = dbs_.find(compdb);
            if (it == dbs_.end()) {
                std::string err;
                auto db = tooling::CompilationDatabase::loadFromDirectory(compdb, err);
                if (!db) {
                    error = "cannot load the compilation database in " + compdb + ": " + err;
                    return std::nullopt;
                }
                it = dbs_.emplace(compdb, tooling::inferMissingCompileCommands(std::move(db))).first;
            }
            auto cmds = it->second->getCompileCommands(path);
            if (!cmds.empty()) {
                tooling::CompileCommand c = cmds.front();
                for (const std::string& a : fixed) c.CommandLine.insert(c.CommandLine.end() - 1, a);
                c.Filename = path;
                return c;
            }
        }
        tooling::CompileCommand c;
        c.Directory = llvm::sys::path::parent_path(path).str();
        c.Filename = path;
        c.CommandLine = {isCppExt(path) ? "clang++" : "clang"};
        if (fixed.empty()) {
            if (isCppExt(path)) c.CommandLine.insert(c.CommandLine.end(), {"-x", "c++", "-std=c++20"});
            else c.CommandLine.push_back("-std=c11");
        }
        c.CommandLine.insert(c.CommandLine.end(), fixed.begin(), fixed.end());
        c.CommandLine.push_back(path);
        return c;
    }

    // Migrated text of a project header (for the re-parse of a rewritten includer).
    std::optional<std::string> migratedHeader(const std::string& header, const AnalysisOptions& parent) const {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = migrated_.find(header);
            if (it != migrated_.end()) return it->second;
        }
        std::string text;
        std::optional<std::string> result;
        bool known = false;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = originals_.find(header);
            if (it != originals_.end()) text = it->second, known = true;
        }
        static thread_local std::unordered_set<std::string> active;
        if (!active.count(header) && (known || readDisk(header, text)) && FrontendRegistry::instance().forPath(header) == this &&
            mayNeedWork(text, *parent.settings)) {
            active.insert(header);
            RunOptions opts;
            opts.mode = RunMode::Diff;
            opts.rules = parent.rules ? *parent.rules : RuleSelection{};
            opts.settings = *parent.settings;
            FileOutcome out = processText(header, text, opts);
            active.erase(header);
            if (out.state == FileState::Changed) result = out.rewritten;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        migrated_[header] = result;
        return result;
    }

    ParseResult parse(const SourceFile& source, const Settings* settings, const RuleSelection* rules,
                      bool runRules) const {
        ParseResult out;
        std::string path = absolute(source.path());
        static const Settings none;
        if (!settings) settings = &none;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!settings_) settings_ = *settings;
        }
        std::string error;
        auto cmd = command(path, settings, error);
        if (!cmd) {
            out.error = error;
            return out;
        }
        OneCommand db(*cmd);
        llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs(llvm::vfs::createPhysicalFileSystem().release());
        tooling::ClangTool tool(db, {path}, std::make_shared<PCHContainerOperations>(), fs);
        tool.mapVirtualFile(path, source.text());
        // A rewritten file is checked against the migrated versions of its project headers.
        std::string disk;
        std::list<std::string> overlays;
        bool original = readDisk(path, disk) && disk == source.text();
        if (original) {
            // Headers other workers of this run may already have rewritten on disk: the first
            // parse of a file must see them as they were.
            std::lock_guard<std::mutex> lock(mutex_);
            originals_.emplace(path, source.text());
            for (const auto& [other, text] : originals_)
                if (other != path && isHeader(other)) tool.mapVirtualFile(other, text);
        } else {
            std::vector<std::string> headers;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                auto it = headers_.find(path);
                if (it != headers_.end()) headers = it->second;
            }
            AnalysisOptions parent{rules, settings};
            // Only headers migrated in this same run: a header left out stays as it is on disk.
            for (const std::string& h : headers)
                if (h != path && inRun(h, settings))
                    if (auto text = migratedHeader(h, parent)) {
                        // ClangTool keeps StringRefs: the texts must outlive tool.run().
                        overlays.push_back(std::move(*text));
                        tool.mapVirtualFile(h, overlays.back());
                    }
        }
        tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
            {"-resource-dir=" ANYMIG_CLANG_RESOURCE_DIR, "-w", "-Wno-unknown-warning-option", "-fno-caret-diagnostics",
             // Boost 1.74's MPL trips Clang 16+'s enum range check (an error by default).
             "-Wno-enum-constexpr-conversion", "-ferror-limit=1"},
            tooling::ArgumentInsertPosition::END));
        ErrorCollector errors;
        tool.setDiagnosticConsumer(&errors);
        tool.setPrintErrorMessage(false);
        auto enabled = [rules](const RuleInfo& r) { return !rules || rules->enabled(r); };
        std::unique_ptr<cpp::Engine> engine;
        if (runRules) engine = std::make_unique<cpp::Engine>(settings, enabled);
        std::vector<std::string> included;
        bool converted = false;
        ActionFactory factory(engine.get(), &included, [&](cpp::Engine& e) {
            if (!e.finalized()) return;
            toAnalysis(e, source, out.analysis);
            converted = true;
        });
        int rc = tool.run(&factory);
        if (!errors.first.empty()) out.error = errors.first;
        else if (rc != 0) out.error = "line 1: clang could not process the file";
        if (original) {
            std::lock_guard<std::mutex> lock(mutex_);
            headers_[path] = included;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            verdicts_[key(source.path(), source.text())] = out.error;
        }
        if (out.error) out.analysis = Analysis{};
        return out;
    }

    static void toAnalysis(const cpp::Engine& engine, const SourceFile& source, Analysis& a) {
        for (const cpp::Site& s : engine.sites()) {
            if (!s.enabled) continue;
            anymig::Diagnostic d;
            d.ruleId = std::string(s.rule->id);
            d.ruleName = std::string(s.rule->name);
            d.category = std::string(s.rule->category);
            d.status = s.status;
            d.path = source.path();
            d.begin = source.position(s.begin);
            d.end = source.position(s.end);
            d.message = s.message;
            d.before = s.before;
            if (s.status == SiteStatus::Fixed) {
                if (s.subsumed) continue;  // inside another accepted fix: nothing left to say
                d.after = s.after;
                d.deferred = s.deferred;
                if (s.accepted)
                    for (const cpp::FixPiece& p : s.fix)
                        a.edits.add(Edit{p.offset, p.offset + p.length, p.text, d.ruleId});
            }
            a.diagnostics.push_back(std::move(d));
        }
        // Mentions: Boost names in code, "boost" in comments and string literals, std headers.
        std::set<unsigned> seen;
        for (const cpp::Ref& r : engine.refs())
            if (r.inBoost && r.kind != cpp::Ref::Member && !engine.foreign(r.written.getBegin()))
                a.mentions.code++;
        for (const cpp::IncludeDirective& inc : engine.includes()) {
            static const std::set<std::string> std = {"thread", "mutex", "shared_mutex", "condition_variable",
                                                      "future", "chrono"};
            if (inc.angled && std.count(inc.written)) a.mentions.targetImports++;
        }
        const std::string& text = source.text();
        LangOptions lo;
        lo.CPlusPlus = lo.CPlusPlus11 = true;
        Lexer lex(SourceLocation(), lo, text.data(), text.data(), text.data() + text.size());
        lex.SetCommentRetentionState(true);
        Token tok;
        for (;;) {
            lex.LexFromRawLexer(tok);
            if (tok.is(tok::eof)) break;
            llvm::StringRef t(text.data() + tok.getLocation().getRawEncoding(), tok.getLength());
            if (!t.contains("boost")) continue;
            if (tok.is(tok::comment)) a.mentions.comments++;
            else if (tok.isLiteral()) a.mentions.docstrings++;
        }
    }

    mutable std::mutex mutex_;
    mutable std::map<std::string, std::unique_ptr<tooling::CompilationDatabase>> dbs_;
    mutable std::unordered_map<std::string, std::optional<std::string>> verdicts_;
    mutable std::unordered_map<std::string, std::vector<std::string>> headers_;
    mutable std::unordered_map<std::string, std::optional<std::string>> migrated_;
    mutable std::optional<Settings> settings_;
    // Text of every file at its first (original) parse; std::map keeps references stable.
    mutable std::map<std::string, std::string> originals_;
};

}  // namespace

void registerCppFrontend() {
    static std::once_flag once;
    std::call_once(once, [] {
        FrontendRegistry::instance().add(std::make_unique<CppFrontend>());
        PackRegistry::instance().add(cpp::boostThreadPack());
    });
}

}  // namespace anymig
