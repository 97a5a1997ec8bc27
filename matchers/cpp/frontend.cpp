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

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <list>
#include <mutex>
#include <set>
#include <string_view>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <clang/AST/ASTConsumer.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/Preprocessor.h>
#include <llvm/Support/thread.h>
#include <clang/Lex/PreprocessorOptions.h>
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
        std::string where = "line ?", file;
        if (info.hasSourceManager() && info.getLocation().isValid()) {
            SourceManager& sm = info.getSourceManager();
            PresumedLoc p = sm.getPresumedLoc(sm.getFileLoc(info.getLocation()));
            if (p.isValid()) {
                where = "line " + std::to_string(p.getLine());
                if (!sm.isWrittenInMainFile(sm.getFileLoc(info.getLocation()))) file = p.getFilename();
                else firstInMain = true;
            }
        }
        first = (file.empty() ? "" : file + " ") + where + ": " + std::string(msg);
        named = (file.empty() ? mainFile + " " : file + " ") + where + ": " + std::string(msg);
    }
    std::string first;      // "line 3: ..." in the main file, "/inc/a.hpp line 3: ..." elsewhere
    std::string named;      // the same, naming the main file too ("/src/a.cpp line 3: ...")
    bool firstInMain = false;
    std::string mainFile;
};

// Records the project (non-system) files a translation unit reads.
void recordProjectFiles(SourceManager& sm, std::vector<std::string>& out) {
    for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
        StringRef name = it->first.getName();
        // (The run's precompiled prefixes live in a temporary anymig-pch-* directory.)
        if (name.starts_with("/usr/") || name.contains("<") || name.contains("/anymig-pch-")) continue;
        out.push_back(absolute(name.str()));
    }
}

// Preprocesses only, to learn which project headers a translation unit includes.
class IncludesAction : public PreprocessOnlyAction {
public:
    explicit IncludesAction(std::vector<std::string>* out) : out_(out) {}
    void EndSourceFileAction() override {
        recordProjectFiles(getCompilerInstance().getSourceManager(), *out_);
        PreprocessOnlyAction::EndSourceFileAction();
    }

private:
    std::vector<std::string>* out_;
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
            engine_->attach(ci.getSourceManager(), ci.getLangOpts(), &ci.getPreprocessorOpts());
            ci.getPreprocessor().addPPCallbacks(engine_->makePPCallbacks());
        }
        return std::make_unique<Consumer>(engine_, ci, done_);
    }
    void EndSourceFileAction() override { recordProjectFiles(getCompilerInstance().getSourceManager(), *headers_); }

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

class IncludesFactory : public tooling::FrontendActionFactory {
public:
    explicit IncludesFactory(std::vector<std::string>* out) : out_(out) {}
    std::unique_ptr<FrontendAction> create() override { return std::make_unique<IncludesAction>(out_); }

private:
    std::vector<std::string>* out_;
};

// The flags every parse adds, and where its errors go.
void configure(tooling::ClangTool& tool, ErrorCollector& errors) {
    tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        {"-resource-dir=" ANYMIG_CLANG_RESOURCE_DIR, "-w", "-Wno-unknown-warning-option", "-fno-caret-diagnostics",
         // Older template libraries trip Clang 16+'s enum range check (an error by default).
         "-Wno-enum-constexpr-conversion", "-ferror-limit=1"},
        tooling::ArgumentInsertPosition::END));
    tool.setDiagnosticConsumer(&errors);
    tool.setPrintErrorMessage(false);
}

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> physicalFs() {
    return llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(llvm::vfs::createPhysicalFileSystem().release());
}

// Runs body(0..n-1) on all cores.
void parallelFor(std::size_t n, const std::function<void(std::size_t)>& body) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) body(i);
    };
    unsigned jobs = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), std::max<std::size_t>(n, 1));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
}

bool wordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::size_t wordEnd(std::string_view s, std::size_t i) {
    while (i < s.size() && wordChar(s[i])) ++i;
    return i;
}

// The NAME of the first "no (template|member|type) named 'NAME' in namespace 'std'" or
// "undefined template 'std::[__X::]NAME<" in a Clang error, scanned by hand (std::regex
// recursed once per character of a long name).
std::string missingStdName(std::string_view error) {
    for (std::size_t i = 0; i < error.size(); ++i) {
        for (std::string_view kind : {"no template named '", "no member named '", "no type named '"}) {
            if (error.compare(i, kind.size(), kind) != 0) continue;
            std::size_t b = i + kind.size(), e = wordEnd(error, b);
            if (e > b && error.substr(e, 20) == "' in namespace 'std'") return std::string(error.substr(b, e - b));
        }
        constexpr std::string_view undefined = "undefined template 'std::";
        if (error.compare(i, undefined.size(), undefined) != 0) continue;
        std::size_t b = i + undefined.size(), e = wordEnd(error, b);
        if (error.substr(b, 2) == "__" && error.substr(e, 2) == "::" && e > b + 2) {  // an inline namespace
            std::size_t b2 = e + 2, e2 = wordEnd(error, b2);
            if (e2 > b2 && e2 < error.size() && error[e2] == '<') return std::string(error.substr(b2, e2 - b2));
        }
        if (e > b && e < error.size() && error[e] == '<') return std::string(error.substr(b, e - b));
    }
    return "";
}

// Clang's parser and Sema recurse on the input's depth: a 50,000-term `x && x && ...` overflows
// an 8 MB stack in Sema's unsequenced-operations check (clang++ -fsyntax-only crashes on it too),
// which ended the whole run. Every Clang run here goes through runClang, on a thread whose
// stack is 1 GiB of address space (pages are only used as deep as the input goes): about
// 5 million such terms, files far beyond what the bracket-depth limit lets through otherwise.
constexpr unsigned kClangStackBytes = 1u << 30;

int runClang(tooling::ClangTool& tool, tooling::ToolAction* action) {
    int rc = 1;
    llvm::thread worker(std::optional<unsigned>(kClangStackBytes), [&] { rc = tool.run(action); });
    worker.join();
    return rc;
}

// The standard header declaring `std::NAME` when a parse error says the name is missing.
std::string missingStdHeader(const std::string& error) {
    // "no template named 'list' in namespace 'std'"; a class only declared by <iosfwd> in
    // "implicit instantiation of undefined template 'std::basic_ostringstream<char>'".
    static const std::map<std::string, std::string> headers = {
        {"list", "<list>"}, {"map", "<map>"}, {"multimap", "<map>"}, {"set", "<set>"}, {"multiset", "<set>"},
        {"unordered_map", "<unordered_map>"}, {"unordered_set", "<unordered_set>"}, {"vector", "<vector>"},
        {"deque", "<deque>"}, {"queue", "<queue>"}, {"priority_queue", "<queue>"}, {"stack", "<stack>"},
        {"string", "<string>"}, {"to_string", "<string>"}, {"function", "<functional>"}, {"bind", "<functional>"},
        {"ref", "<functional>"}, {"cref", "<functional>"}, {"reference_wrapper", "<functional>"},
        {"placeholders", "<functional>"}, {"shared_ptr", "<memory>"}, {"unique_ptr", "<memory>"},
        {"weak_ptr", "<memory>"}, {"make_shared", "<memory>"}, {"make_unique", "<memory>"},
        {"enable_shared_from_this", "<memory>"}, {"pair", "<utility>"}, {"make_pair", "<utility>"},
        {"move", "<utility>"}, {"forward", "<utility>"}, {"swap", "<utility>"}, {"tuple", "<tuple>"},
        {"atomic", "<atomic>"}, {"exception", "<exception>"}, {"exception_ptr", "<exception>"},
        {"runtime_error", "<stdexcept>"}, {"logic_error", "<stdexcept>"}, {"out_of_range", "<stdexcept>"},
        {"invalid_argument", "<stdexcept>"}, {"ostringstream", "<sstream>"}, {"istringstream", "<sstream>"},
        {"stringstream", "<sstream>"}, {"cout", "<iostream>"}, {"cerr", "<iostream>"}, {"array", "<array>"},
        {"optional", "<optional>"}, {"system_error", "<system_error>"}, {"error_code", "<system_error>"},
        {"min", "<algorithm>"}, {"max", "<algorithm>"}, {"sort", "<algorithm>"}, {"find", "<algorithm>"},
        {"numeric_limits", "<limits>"}, {"chrono", "<chrono>"}, {"thread", "<thread>"}, {"mutex", "<mutex>"},
        {"unique_lock", "<mutex>"}, {"lock_guard", "<mutex>"}, {"condition_variable", "<condition_variable>"},
        {"accumulate", "<numeric>"}, {"iota", "<numeric>"}, {"basic_ostringstream", "<sstream>"},
        {"basic_istringstream", "<sstream>"}, {"basic_stringstream", "<sstream>"}, {"basic_ofstream", "<fstream>"},
        {"basic_ifstream", "<fstream>"}, {"basic_fstream", "<fstream>"}, {"basic_string", "<string>"}};
    std::string name = missingStdName(error);
    if (name.empty()) return "";
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

bool isHeader(llvm::StringRef path) {
    return path.ends_with(".h") || path.ends_with(".hh") || path.ends_with(".hpp") || path.ends_with(".hxx");
}

bool isCppExt(llvm::StringRef path) {
    return !path.ends_with(".c");
}

// Shared precompiled prefixes (parse each common header once per run). The prefix of a main file
// is its first `#include <...>` line, with the object-like `#define`s before it, when only blank
// lines, `//` comments and `#pragma once` precede them: a translation unit parsed with
// `-include-pch` of exactly that prefix sees the same declarations in the same order (the main
// file's own include of that header is then skipped by its include guard). The first include
// only, so that files which start alike (the legacy library's umbrella header, then each its own) share it. A
// prefix is precompiled, once per run and compile command, the first time a parse asks for it when
// two files of the run start with it, else the second time (building a PCH costs about one
// parse, loading it a quarter of one), and only when it reads
// no project file (a project header may be migrated in memory during the run). A parse that
// fails with the PCH is parsed again without it, so every verdict and error message is the
// plain parse's. A run keeps at most 1 GiB of them. ANYMIG_CPP_PCH=0 in the environment turns
// it off (bench/cpp_bench.py --no-pch).
enum class PrefixLine { Include, Define, Skip, Other };

std::size_t blanksEnd(std::string_view l, std::size_t i) {
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
    return i;
}

// What one line is to a prefix, scanned by hand (std::regex recursed once per character: a long
// `//` comment or `#define` at the top of a file overflowed the stack):
//   Include  `^[ \t]*#[ \t]*include[ \t]*<[^>\n]+>[ \t]*(//.*)?$`
//   Define   `^[ \t]*#[ \t]*define[ \t]+\w+([ \t][^\\\n]*)?$`
//   Skip     `^[ \t]*((//.*)|#[ \t]*pragma[ \t]+once[ \t]*)?$`
PrefixLine prefixLine(std::string_view l) {
    std::size_t i = blanksEnd(l, 0);
    if (i == l.size() || l.substr(i, 2) == "//") return PrefixLine::Skip;
    if (l[i] != '#') return PrefixLine::Other;
    i = blanksEnd(l, i + 1);
    auto word = [&](std::string_view w) { return l.compare(i, w.size(), w) == 0 ? (i += w.size(), true) : false; };
    if (word("include")) {
        i = blanksEnd(l, i);
        std::size_t close = i < l.size() && l[i] == '<' ? l.find('>', i + 1) : std::string_view::npos;
        if (close == std::string_view::npos || close == i + 1) return PrefixLine::Other;
        std::size_t after = blanksEnd(l, close + 1);
        return after == l.size() || l.substr(after, 2) == "//" ? PrefixLine::Include : PrefixLine::Other;
    }
    if (word("define")) {
        std::size_t name = blanksEnd(l, i), end = wordEnd(l, name);
        if (name == i || end == name) return PrefixLine::Other;
        if (end == l.size()) return PrefixLine::Define;
        bool value = (l[end] == ' ' || l[end] == '\t') && l.find('\\', end) == std::string_view::npos;
        return value ? PrefixLine::Define : PrefixLine::Other;
    }
    if (word("pragma")) {
        std::size_t once = blanksEnd(l, i);
        if (once == i || l.compare(once, 4, "once") != 0) return PrefixLine::Other;
        return blanksEnd(l, once + 4) == l.size() ? PrefixLine::Skip : PrefixLine::Other;
    }
    return PrefixLine::Other;
}

std::string includePrefix(const std::string& text) {
    std::string defines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        std::string line = text.substr(start, (nl == std::string::npos ? text.size() : nl) - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        PrefixLine kind = line.find('\r') == std::string::npos ? prefixLine(line) : PrefixLine::Other;  // `.`: no CR
        if (kind == PrefixLine::Include) return defines + line + "\n";
        if (kind == PrefixLine::Define) defines += line + "\n";
        else if (kind != PrefixLine::Skip || nl == std::string::npos) break;
        start = nl + 1;
    }
    return "";
}

bool pchEnabled() {
    const char* v = std::getenv("ANYMIG_CPP_PCH");
    return !v || std::string(v) != "0";
}

// Builds a PCH at the path given (BeginInvocation: ClangTool strips the command's own -o) and
// records the project files it read (a prefix must hold system headers only: a project header
// may be migrated in memory during the run, and a PCH would keep its disk text).
class PrefixPchAction : public GeneratePCHAction {
public:
    PrefixPchAction(std::string out, std::vector<std::string>* read) : out_(std::move(out)), read_(read) {}

protected:
    bool BeginInvocation(CompilerInstance& ci) override {
        ci.getFrontendOpts().OutputFile = out_;
        return GeneratePCHAction::BeginInvocation(ci);
    }
    void EndSourceFileAction() override {
        recordProjectFiles(getCompilerInstance().getSourceManager(), *read_);
        GeneratePCHAction::EndSourceFileAction();
    }

private:
    std::string out_;
    std::vector<std::string>* read_;
};

class PrefixPchFactory : public tooling::FrontendActionFactory {
public:
    PrefixPchFactory(std::string out, std::vector<std::string>* read) : out_(std::move(out)), read_(read) {}
    std::unique_ptr<FrontendAction> create() override { return std::make_unique<PrefixPchAction>(out_, read_); }

private:
    std::string out_;
    std::vector<std::string>* read_;
};

// The run's precompiled prefixes, by compile command and prefix text, in a temporary directory
// removed at the start of the next run and when the process ends.
class PrefixPchs {
public:
    ~PrefixPchs() { reset(); }
    void reset() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!dir_.empty()) llvm::sys::fs::remove_directories(dir_);
        dir_.clear(), entries_.clear(), bytes_ = 0;
        expected_.clear(), expectedDone_ = false;
    }
    // Counts, once per run, the prefixes of the run's files (Settings' run-files list): a prefix
    // that two of them share is built at its first request, not its second.
    void expect(const Settings& settings) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = settings.values.find(kRunFilesKey);
        if (expectedDone_ || it == settings.values.end() || !pchEnabled()) return;
        expectedDone_ = true;
        std::istringstream files(it->second);
        for (std::string file, text; std::getline(files, file);)
            if (readDisk(file, text))
                if (std::string prefix = includePrefix(text); !prefix.empty()) expected_[prefix]++;
    }
    // The PCH to parse `cmd` with, or "" (no prefix, first request, or it did not build).
    std::string forCommand(const tooling::CompileCommand& cmd, const std::string& mainText) {
        if (!pchEnabled()) return "";
        std::string prefix = includePrefix(mainText);
        if (prefix.empty()) return "";
        std::vector<std::string> args = commandWithout(cmd);
        std::string k = cmd.Directory;
        for (const std::string& a : args) k += '\0' + a;
        k += '\0' + prefix;
        std::shared_ptr<Entry> entry;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            std::shared_ptr<Entry>& e = entries_[k];
            if (!e) e = std::make_shared<Entry>();
            auto shared = expected_.find(prefix);  // files of the run that start alike: build at once
            if (++e->requests < (shared != expected_.end() && shared->second > 1 ? 1 : 2)) return "";
            // A PCH of a large library header is tens of MB: a run keeps at most kMaxBytes of them.
            if (e->path.empty() && bytes_ >= kMaxBytes) return "";
            if (dir_.empty()) {
                llvm::SmallString<128> d;
                if (llvm::sys::fs::createUniqueDirectory("anymig-pch", d)) return "";
                dir_ = std::string(d);
            }
            if (e->path.empty()) e->path = dir_ + "/p" + std::to_string(++built_);
            entry = e;
        }
        std::lock_guard<std::mutex> lock(entry->building);  // one builds, the others wait for it
        if (!entry->tried) {
            entry->ok = build(cmd, std::move(args), prefix, entry->path), entry->tried = true;
            uint64_t size = 0;
            if (!llvm::sys::fs::file_size(entry->path + ".pch", size)) bytes_ += size;
        }
        return entry->ok ? entry->path + ".pch" : "";
    }

private:
    struct Entry {
        std::mutex building;
        int requests = 0;
        bool tried = false, ok = false;
        std::string path;  // without extension: path.h (the prefix), path.pch
    };
    // The command's arguments without its main file, its output and -c.
    static std::vector<std::string> commandWithout(const tooling::CompileCommand& cmd) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < cmd.CommandLine.size(); ++i) {
            const std::string& a = cmd.CommandLine[i];
            if (a == "-o") ++i;
            else if (a != "-c" && a != cmd.Filename && absolute(a) != absolute(cmd.Filename)) out.push_back(a);
        }
        return out;
    }
    static bool build(const tooling::CompileCommand& cmd, std::vector<std::string> args, const std::string& prefix,
                      const std::string& path) {
        std::string header = path + (isCppExt(cmd.Filename) ? ".hpp" : ".h");
        {
            std::ofstream out(header, std::ios::binary);
            out << prefix;
            if (!out) return false;
        }
        args.insert(args.end(), {"-x", isCppExt(cmd.Filename) ? "c++-header" : "c-header", header});
        tooling::CompileCommand c{cmd.Directory, header, args, ""};
        OneCommand db(c);
        tooling::ClangTool tool(db, {header}, std::make_shared<PCHContainerOperations>(), physicalFs());
        ErrorCollector errors;
        configure(tool, errors);
        std::vector<std::string> read;
        PrefixPchFactory factory(path + ".pch", &read);
        return runClang(tool, &factory) == 0 && errors.first.empty() && read.empty() && llvm::sys::fs::exists(path + ".pch");
    }

    std::mutex mutex_;
    std::string dir_;
    std::size_t built_ = 0;
    static constexpr uint64_t kMaxBytes = uint64_t(1) << 30;
    std::atomic<uint64_t> bytes_{0};  // of the PCHs built in this run
    std::map<std::string, std::shared_ptr<Entry>> entries_;
    std::map<std::string, int> expected_;  // prefix -> how many files of the run start with it
    bool expectedDone_ = false;
};

class CppFrontend : public Frontend {
public:
    CppFrontend(std::vector<cpp::RuleEntry> rules, cpp::LegacyLibrary legacy, FrontendConfig config)
        : rules_(std::move(rules)), legacy_(std::move(legacy)), config_(std::move(config)) {}
    std::string_view name() const override { return "cpp"; }
    std::vector<std::string> extensions() const override {
        return {cpp::kExtensions.begin(), cpp::kExtensions.end()};
    }
    bool mayNeedWork(std::string_view text, const Settings& settings) const override {
        for (const std::string& t : config_.triggers)
            if (text.find(t) != std::string_view::npos) return true;
        for (const auto& [flag, on] : settings.flags)
            if (text.find(flag) != std::string_view::npos) return true;
        return false;
    }
    // A rewrite that removes an #include is tried first (one more parse): when a header included
    // later no longer compiles, the include is kept; when the file uses std names the removed
    // header brought in (std::list through the legacy header), their headers are added.
    Analysis analyze(const SourceFile& source, const AnalysisOptions& options) const override {
        // A header in the run is analysed by its own worker and again for each includer's
        // re-parse (migratedHeader): the same text gives the same analysis, computed once.
        std::string memoKey = key(source.path(), source.text()) + '\0' + optionsKey(options);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (auto it = analyses_.find(memoKey); it != analyses_.end()) return it->second;
        }
        Analysis a = analyzeOnce(source, options);
        std::lock_guard<std::mutex> lock(mutex_);
        analyses_.emplace(memoKey, a);
        return a;
    }
    Analysis analyzeOnce(const SourceFile& source, const AnalysisOptions& options) const {
        if (auto cached = takeTrial(source)) return std::move(*cached);
        Settings local = options.settings ? *options.settings : Settings{};
        if (options.originalText) local.values[cpp::kOriginalTextKey] = *options.originalText;
        for (int attempt = 0;; ++attempt) {
            ParseResult r = parse(source, &local, options.rules, true);
            Analysis a = std::move(r.analysis);
            a.syntaxError = r.error;
            if (a.syntaxError || attempt == 4 || !removesInclude(source.text(), a.edits)) return a;
            SourceFile trial(source.path(), a.edits.apply(source.text()));
            ParseResult t = parse(trial, &local, options.rules, true);
            if (!t.error) {
                if (attempt == 0) keepTrial(trial, std::move(t));
                return a;
            }
            std::string header = missingStdHeader(*t.error);
            std::string& extra = local.values[cpp::kExtraHeadersKey];
            if (!header.empty() && extra.find(header) == std::string::npos) extra += (extra.empty() ? "" : ",") + header;
            else if (!llvm::StringRef(*t.error).starts_with("line ") && !local.values.count(cpp::kKeepIncludesKey))
                local.values[cpp::kKeepIncludesKey] = *t.error;
            else return a;  // the runner's re-parse refuses it, with the reason
        }
    }
    std::optional<std::string> syntaxError(const SourceFile& source) const override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = verdicts_.find(key(source.path(), source.text()));
            if (it != verdicts_.end()) return it->second;
        }
        return parse(source, lastSettings(), nullptr, false).error;
    }

    // The build is the unit of safety: every translation unit of the project that reads a changed
    // file is compiled with all accepted changes; when one that compiled before fails, every
    // accepted change it reads is refused as a group, and the units reading those are checked
    // again (a source whose rewrite needed a refused header fails in turn), to a fixed point.
    std::map<std::string, std::string> refuseForProject(const std::map<std::string, std::string>& changed,
                                                        const Settings& settings) const override {
        std::map<std::string, std::string> given, accepted;  // absolute path -> as given / new text
        for (const auto& [path, text] : changed) given[absolute(path)] = path, accepted[absolute(path)] = text;
        std::vector<std::string> tus = projectUnits(settings, accepted);
        std::vector<std::vector<std::string>> reads(tus.size());  // each unit and the project files it includes
        parallelFor(tus.size(), [&](std::size_t i) {
            reads[i] = includesOf(tus[i], &settings);
            reads[i].push_back(tus[i]);
        });
        std::map<std::string, std::string> refused;
        std::set<std::string> touched;  // files whose text for the check changed since the last pass
        for (const auto& [path, text] : accepted) touched.insert(path);
        for (int pass = 0; !touched.empty(); ++pass) {
            std::vector<std::size_t> todo;
            for (std::size_t i = 0; i < tus.size(); ++i)
                if (std::any_of(reads[i].begin(), reads[i].end(), [&](const std::string& f) { return touched.count(f); }))
                    todo.push_back(i);
            std::vector<std::optional<std::string>> errors(todo.size());
            parallelFor(todo.size(), [&](std::size_t k) {
                errors[k] = compileWith(tus[todo[k]], accepted, &settings);
                // A unit that did not compile before the run is not the run's to keep compiling.
                if (errors[k] && !compiledBefore(tus[todo[k]], &settings)) errors[k].reset();
            });
            touched.clear();
            for (std::size_t k = 0; k < todo.size(); ++k) {
                if (!errors[k]) continue;
                std::vector<std::string> group;
                for (const std::string& f : reads[todo[k]])
                    if (accepted.count(f)) group.push_back(f);
                std::string names;
                for (const std::string& f : group) names += (names.empty() ? "" : ", ") + given[f];
                for (const std::string& f : group) {
                    refused[given[f]] = "refused as a group (" + names + "): translation unit " + tus[todo[k]] +
                                        " would not compile (" + *errors[k] + ")" +
                                        (pass ? "; it needed a change refused before" : "");
                    accepted.erase(f);
                    touched.insert(f);
                }
            }
        }
        return refused;
    }

private:
    static bool removesInclude(const std::string& text, const EditSet& edits) {
        for (const Edit& e : edits.edits())
            if (e.end > e.begin && llvm::StringRef(text).substr(e.begin, e.end - e.begin).contains("#include"))
                return true;
        return false;
    }
    // The analysis of a successful trial is the next round's analysis of that text: keep it once.
    void keepTrial(const SourceFile& trial, ParseResult&& r) const {
        r.analysis.syntaxError = r.error;
        std::lock_guard<std::mutex> lock(mutex_);
        trials_[key(trial.path(), trial.text())] = std::move(r.analysis);
    }
    std::optional<Analysis> takeTrial(const SourceFile& source) const {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = trials_.find(key(source.path(), source.text()));
        if (it == trials_.end()) return std::nullopt;
        Analysis a = std::move(it->second);
        trials_.erase(it);
        return a;
    }

    // Every translation unit of the project: the database's, and the sources parsed in this run.
    std::vector<std::string> projectUnits(const Settings& settings, const std::map<std::string, std::string>& changed) const {
        std::set<std::string> tus;
        std::string compdb = settings.get("compdb");
        std::lock_guard<std::mutex> lock(mutex_);
        if (auto it = dbs_.find(compdb); !compdb.empty() && it != dbs_.end())
            for (const std::string& f : it->second->getAllFiles()) tus.insert(absolute(f));
        for (const auto& [f, unused] : headers_)
            if (!isHeader(f)) tus.insert(f);
        for (const auto& [f, unused] : changed)
            if (!isHeader(f)) tus.insert(f);
        return {tus.begin(), tus.end()};
    }

    // Whether a unit compiled before the run: known from its first parse in this run, else compiled.
    bool compiledBefore(const std::string& tu, const Settings* settings) const {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (auto it = compiledBefore_.find(tu); it != compiledBefore_.end()) return it->second;
        }
        return !compileWith(tu, {}, settings);
    }

    // The project files a unit includes: known from its first parse in this run, else preprocessed.
    std::vector<std::string> includesOf(const std::string& tu, const Settings* settings) const {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (auto it = headers_.find(tu); it != headers_.end()) return it->second;
        }
        std::string error;
        auto cmd = command(tu, settings, error);
        if (!cmd) return {};
        OneCommand db(*cmd);
        tooling::ClangTool tool(db, {tu}, std::make_shared<PCHContainerOperations>(), physicalFs());
        ErrorCollector errors;
        configure(tool, errors);
        std::vector<std::string> out;
        IncludesFactory factory(&out);
        runClang(tool, &factory);
        return out;
    }

    // Compiles `tu` (to the AST) with `overlays` mapped over the disk: its first error, naming the file.
    std::optional<std::string> compileWith(const std::string& tu, const std::map<std::string, std::string>& overlays,
                                           const Settings* settings) const {
        if (auto known = knownBuild(tu, overlays)) return *known;
        std::string error;
        auto cmd = command(tu, settings, error);
        if (!cmd) return error;
        std::optional<std::string> result;
        std::vector<std::string> read;
        parseWithPrefix(*cmd, overlays, [&](tooling::ClangTool& tool, ErrorCollector& errors, bool) {
            read.clear();
            ActionFactory factory(nullptr, &read, [](cpp::Engine&) {});
            int rc = runClang(tool, &factory);
            result.reset();
            if (!errors.named.empty()) result = errors.named;
            else if (rc != 0) result = tu + " line 1: clang could not process the file";
            return !result;
        });
        rememberBuild(tu, read, overlays, result);
        return result;
    }

    // Compiles of a unit by the exact text of every project file it read (its own included): a
    // parse in the rounds already compiled most of what the build check asks for. The texts are
    // the overlays given, else the files on disk.
    static std::string buildKey(const std::string& tu, std::vector<std::string> read,
                                const std::map<std::string, std::string>& overlays) {
        std::sort(read.begin(), read.end());
        read.erase(std::unique(read.begin(), read.end()), read.end());
        std::string k = tu;
        for (const std::string& f : read) {
            auto it = overlays.find(f);
            std::string disk;
            if (it == overlays.end() && !readDisk(f, disk)) return "";  // gone: never reuse
            k += '\0' + f + '\0' + std::to_string(std::hash<std::string>{}(it == overlays.end() ? disk : it->second));
        }
        return k;
    }
    void rememberBuild(const std::string& tu, const std::vector<std::string>& read,
                       const std::map<std::string, std::string>& overlays, const std::optional<std::string>& error) const {
        if (read.empty()) return;
        std::string k = buildKey(tu, read, overlays);
        std::lock_guard<std::mutex> lock(mutex_);
        if (!k.empty()) builds_[k] = error;
        std::vector<std::string> sorted = read;
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        reads_[tu].insert(std::move(sorted));
    }
    std::optional<std::optional<std::string>> knownBuild(const std::string& tu,
                                                         const std::map<std::string, std::string>& overlays) const {
        std::set<std::vector<std::string>> lists;  // the read sets seen for this unit (they depend on the texts)
        {
            std::lock_guard<std::mutex> lock(mutex_);
            auto it = reads_.find(tu);
            if (it == reads_.end()) return std::nullopt;
            lists = it->second;
        }
        for (const std::vector<std::string>& read : lists) {
            std::string k = buildKey(tu, read, overlays);
            std::lock_guard<std::mutex> lock(mutex_);
            if (auto it = builds_.find(k); !k.empty() && it != builds_.end()) return it->second;
        }
        return std::nullopt;
    }

    // What an analysis depends on besides the file: settings (with the trial's) and rule selection.
    static std::string optionsKey(const AnalysisOptions& options) {
        std::string k;
        if (options.settings) {
            for (const auto& [name, value] : options.settings->values) k += name + '=' + value + '\x1e';
            for (const auto& [name, on] : options.settings->flags) k += name + (on ? "=1\x1e" : "=0\x1e");
        }
        if (options.rules) {
            for (const std::string& r : options.rules->select) k += "+" + r;
            for (const std::string& r : options.rules->ignore) k += "-" + r;
        }
        return std::to_string(std::hash<std::string>{}(k));
    }
    void beginRun() const override {
        std::lock_guard<std::mutex> lock(mutex_);
        verdicts_.clear(), headers_.clear(), migrated_.clear(), trials_.clear(), analyses_.clear();
        builds_.clear(), reads_.clear(), compiledBefore_.clear(), originals_.clear();
        settings_.reset();
        pchs_.reset();
    }
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
        std::vector<std::string> fixed;
        if (settings)
            for (const std::string& a : settings->list(kCompilerArgsKey))
                if (!a.empty()) fixed.push_back(a);
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
            // The includer's trial settings (its kept includes, its added std headers) are its own.
            opts.settings.values.erase(cpp::kKeepIncludesKey);
            opts.settings.values.erase(cpp::kExtraHeadersKey);
            opts.settings.values.erase(cpp::kOriginalTextKey);
            FileOutcome out = processText(header, text, opts);
            active.erase(header);
            if (out.state == FileState::Changed) result = out.rewritten;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        migrated_[header] = result;
        return result;
    }

    // The header texts the parse of `path` must see instead of the disk, added to `seen`; returns
    // whether `source` is the file as it is on disk (its original text).
    bool mapHeaders(const std::string& path, const SourceFile& source, const Settings* settings,
                    const RuleSelection* rules, std::map<std::string, std::string>& seen) const {
        std::string disk;
        bool original = readDisk(path, disk) && disk == source.text();
        if (original) {
            // Headers other workers of this run may already have rewritten on disk: the first
            // parse of a file must see them as they were.
            std::lock_guard<std::mutex> lock(mutex_);
            originals_.emplace(path, source.text());
            for (const auto& [other, text] : originals_)
                if (other != path && isHeader(other)) seen.emplace(other, text);
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
                    if (auto text = migratedHeader(h, parent)) seen.emplace(h, std::move(*text));
        }
        return original;
    }

    // Runs one parse of `cmd` with `overlays` mapped over the disk (the main file's text among them,
    // or on disk): `attempt(tool, errors, withPch)` runs the prepared tool and says whether it
    // compiled. With the run's prefix PCH first when there is one; a failure with it is attempted
    // again without, so every verdict and error is the plain parse's.
    using Attempt = std::function<bool(tooling::ClangTool&, ErrorCollector&, bool)>;
    void parseWithPrefix(const tooling::CompileCommand& cmd, const std::map<std::string, std::string>& overlays,
                         const Attempt& attempt) const {
        std::string main;
        if (auto it = overlays.find(cmd.Filename); it != overlays.end()) main = it->second;
        else readDisk(cmd.Filename, main);
        auto once = [&](const std::string& pch) {
            OneCommand db(cmd);
            tooling::ClangTool tool(db, {cmd.Filename}, std::make_shared<PCHContainerOperations>(), physicalFs());
            for (const auto& [path, text] : overlays) tool.mapVirtualFile(path, text);
            ErrorCollector errors;
            errors.mainFile = cmd.Filename;
            configure(tool, errors);
            usePch(tool, pch);
            return attempt(tool, errors, !pch.empty());
        };
        std::string pch = pchs_.forCommand(cmd, main);
        if (!pch.empty() && once(pch)) return;
        once("");
    }
    static void usePch(tooling::ClangTool& tool, const std::string& pch) {
        if (!pch.empty())
            tool.appendArgumentsAdjuster(
                tooling::getInsertArgumentAdjuster({"-include-pch", pch}, tooling::ArgumentInsertPosition::BEGIN));
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
        pchs_.expect(*settings);
        // A rewritten file is checked against the migrated versions of its project headers.
        // ClangTool keeps StringRefs to the paths and texts it maps: `seen` outlives tool.run().
        std::map<std::string, std::string> seen = {{path, source.text()}};  // texts given instead of the disk
        bool original = mapHeaders(path, source, settings, rules, seen);
        std::vector<std::string> included;
        parseWithPrefix(*cmd, seen, [&](tooling::ClangTool& tool, ErrorCollector& errors, bool withPch) {
            auto enabled = [rules](const RuleInfo& r) { return !rules || rules->enabled(r); };
            std::unique_ptr<cpp::Engine> engine;
            if (runRules) engine = std::make_unique<cpp::Engine>(settings, enabled, rules_, legacy_);
            included.clear();
            out = ParseResult{};
            ActionFactory factory(engine.get(), &included, [&](cpp::Engine& e) {
                if (e.finalized()) toAnalysis(e, source, out.analysis);
            });
            int rc = runClang(tool, &factory);
            if (!errors.first.empty()) out.error = errors.first;
            else if (rc != 0) out.error = "line 1: clang could not process the file";
            if (out.error && withPch) return false;
            rememberBuild(path, included, seen,
                          errors.named.empty() ? out.error ? std::optional<std::string>(path + " " + *out.error) : std::nullopt
                                               : std::optional<std::string>(errors.named));
            return !out.error;
        });
        if (original) {
            std::lock_guard<std::mutex> lock(mutex_);
            headers_[path] = included;
            compiledBefore_[path] = !out.error;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            verdicts_[key(source.path(), source.text())] = out.error;
        }
        if (out.error) out.analysis = Analysis{};
        return out;
    }

    void toAnalysis(const cpp::Engine& engine, const SourceFile& source, Analysis& a) const {
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
        // Mentions: the library's names in code, its word in comments and string literals, and
        // the target headers included.
        std::set<unsigned> seen;
        for (const cpp::Ref& r : engine.refs())
            if (r.inLegacy && r.kind != cpp::Ref::Member && !engine.foreign(r.written.getBegin()))
                a.mentions.code++;
        const std::vector<std::string>& targets = config_.targetImports;
        for (const cpp::IncludeDirective& inc : engine.includes())
            if (inc.angled && std::find(targets.begin(), targets.end(), inc.written) != targets.end())
                a.mentions.targetImports++;
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
            if (!t.contains(config_.mentionWord)) continue;
            if (tok.is(tok::comment)) a.mentions.comments++;
            else if (tok.isLiteral()) a.mentions.docstrings++;
        }
    }

    std::vector<cpp::RuleEntry> rules_;
    cpp::LegacyLibrary legacy_;
    FrontendConfig config_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::unique_ptr<tooling::CompilationDatabase>> dbs_;
    mutable std::unordered_map<std::string, std::optional<std::string>> verdicts_;
    mutable std::unordered_map<std::string, std::vector<std::string>> headers_;
    mutable std::unordered_map<std::string, std::optional<std::string>> migrated_;
    mutable std::unordered_map<std::string, Analysis> trials_;
    mutable std::unordered_map<std::string, Analysis> analyses_;  // analyze() by path, text and trial settings
    mutable std::unordered_map<std::string, std::optional<std::string>> builds_;  // buildKey -> first error
    mutable std::unordered_map<std::string, std::set<std::vector<std::string>>> reads_;  // unit -> files read
    mutable std::unordered_map<std::string, bool> compiledBefore_;  // first parse of a file in this run
    mutable std::optional<Settings> settings_;
    // Text of every file at its first (original) parse; std::map keeps references stable.
    mutable std::map<std::string, std::string> originals_;
    mutable PrefixPchs pchs_;
};

}  // namespace

std::unique_ptr<Frontend> cpp::makeCppFrontend(const std::vector<cpp::RuleEntry>& rules, LegacyLibrary legacy,
                                               FrontendConfig config) {
    return std::make_unique<CppFrontend>(rules, std::move(legacy), std::move(config));
}

}  // namespace anymig
