// The C/C++ rule engine: one per translation unit. Rules register AST matchers, collect
// candidate sites while the AST is traversed, and decide at the end of the translation
// unit (when whole-file facts are known: which legacy classes use an API with no std
// equivalent, which threads are never joined, which fixes were accepted). The same engine
// runs under the anymig CLI (matchers/cpp/frontend.cpp) and under clang-tidy
// (matchers/cpp/tidy_module.cpp), so both report and fix exactly the same sites.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/PPCallbacks.h>

#include "core/diagnostic.h"
#include "core/frontend.h"
#include "core/rule.h"

namespace clang {
class PreprocessorOptions;
}

namespace anymig::cpp {

namespace am = clang::ast_matchers;

// Settings the front end adds when its trial re-parse of a rewrite that removes an #include
// fails: a header included later needs the removed include (keep it; the value says why), or
// the file uses std names the removed header brought in (the headers to add, comma-separated).
inline constexpr const char* kKeepIncludesKey = "cpp-keep-includes";
inline constexpr const char* kExtraHeadersKey = "cpp-extra-headers";
// Setting holding the file's text before this run's first round (rounds after the first): the
// has-flag rule finds configuration macros by what their branches contained before the renames.
inline constexpr const char* kOriginalTextKey = "cpp-original-text";
using MatchResult = am::MatchFinder::MatchResult;

// One replacement of `length` bytes at a main-file location (length 0 = insertion).
struct FixPiece {
    clang::SourceLocation loc;
    unsigned length = 0;
    std::string text;
    unsigned offset = 0;  // filled by the engine: byte offset in the main file
};

struct Site {
    const RuleInfo* rule = nullptr;
    clang::CharSourceRange range;  // main-file range the diagnostic points at
    SiteStatus status = SiteStatus::NeedsReview;
    std::string message;
    std::vector<FixPiece> fix;          // only for Fixed sites
    std::vector<std::string> headers;   // headers the fix needs, e.g. "<mutex>"
    int priority = 1;                   // lower is accepted first when fixes overlap
    // Filled by the engine when it finalises:
    bool enabled = true;    // the rule is selected
    bool deferred = false;  // overlapped an accepted fix; the next round sees it again
    bool subsumed = false;  // lies inside an accepted fix (a removed branch, a larger rename)
    bool accepted = false;  // its edits are in the result
    unsigned begin = 0, end = 0;  // byte offsets of `range`
    std::string before, after;
};

// A name written in the main file that refers to a declaration (type, function, variable,
// member, using-declaration); the raw material of the rename rules and of the include rule.
struct Ref {
    enum Kind { Type, Expr, Qualifier, Member, Using } kind = Type;
    const clang::NamedDecl* decl = nullptr;
    std::string qualName;         // "lib::mutex", "lib::thread::join"
    clang::SourceRange written;   // qualifier + name, no template arguments
    bool inLegacy = false;        // declared in the legacy library's namespace (LegacyLibrary)
    const void* node = nullptr;   // the TypeLoc data / Expr, for rules that look closer
};

// A preprocessor conditional directive in the main file.
struct CondDirective {
    enum Kind { If, Ifdef, Ifndef, Elif, Else, Endif, Other } kind = Other;
    clang::SourceLocation loc;      // the directive name token
    clang::SourceLocation chain;    // the opening #if of its chain
    std::string condition;          // condition text (#if/#elif) or macro name (#ifdef/#ifndef)
};

struct IncludeDirective {
    clang::SourceLocation hashLoc;
    std::string written;  // "lib/thread.hpp"
    bool angled = true;
    clang::FileID included;  // may be invalid when not found
};

struct MacroUse {
    std::string name;
    clang::SourceLocation defLoc;  // where the macro is defined
    clang::SourceLocation useLoc;
};

struct MacroDef {
    std::string name;
    clang::SourceLocation hashLoc;  // best effort: the macro name location
};

class Engine;

class CppRule {
public:
    virtual ~CppRule() = default;
    virtual const RuleInfo& info() const = 0;
    // Matchers whose results arrive in onMatch.
    virtual void registerMatchers(am::MatchFinder& finder, am::MatchFinder::MatchCallback* cb) {}
    virtual void onMatch(const MatchResult& result, Engine& engine) {}
    // End of translation unit, first phase: record whole-file facts (blocked classes...).
    virtual void prepare(Engine& engine) {}
    // Second phase: turn candidates into sites.
    virtual void finish(Engine& engine) {}
    // Late rules finish after overlapping fixes have been resolved (the include rule).
    virtual bool late() const { return false; }
};

struct RuleEntry {
    const RuleInfo* info;
    std::unique_ptr<CppRule> (*make)();
};

// The library a pack migrates from, as the engine sees it (the pack says: see its pack.h).
struct LegacyLibrary {
    std::string ns;  // "lib": a declaration inside this top-level namespace is the library's
    // An include written with one of these prefixes ("lib/thread") is one the pack migrates.
    std::vector<std::string> headerPrefixes;
    // A header file whose path holds one of these ("/lib/thread/") is one of those headers
    // (reached through a project header).
    std::vector<std::string> headerPathParts;
};

// Whether a rename target applies: qualified legacy name -> std spelling + header.
struct Rename {
    const char* from;
    const char* to;
    const char* header;
};

class Engine {
public:
    // One instance of each of `rules` runs in this engine.
    Engine(const Settings* settings, std::function<bool(const RuleInfo&)> enabled, const std::vector<RuleEntry>& rules,
           LegacyLibrary legacy);
    ~Engine();

    // Wiring (CLI and plugin).
    // `pp`: the compile command's -D/-U macros (buildMacros()), when the caller has them.
    void attach(clang::SourceManager& sm, const clang::LangOptions& lang, const clang::PreprocessorOptions* pp = nullptr);
    void registerMatchers(am::MatchFinder& finder);
    std::unique_ptr<clang::PPCallbacks> makePPCallbacks();
    void finalize();  // idempotent
    const std::vector<Site>& sites() const { return sites_; }
    bool finalized() const { return finalized_; }

    // --- facts for rules ---
    clang::SourceManager& sm() const { return *sm_; }
    const clang::LangOptions& lang() const { return *lang_; }
    clang::ASTContext* ast() const { return ast_; }
    const Settings* settings() const { return settings_; }
    bool enabled(const RuleInfo& rule) const { return enabled_(rule); }
    const std::vector<Ref>& refs() const { return refs_; }
    const std::vector<CondDirective>& conditionals() const { return conds_; }
    const std::vector<IncludeDirective>& includes() const { return includes_; }
    const std::vector<MacroUse>& macroUses() const { return macroUses_; }
    const std::vector<MacroDef>& macroDefs() const { return macroDefs_; }
    // Macros the build defines or undefines (-D/-U of the compile command): name -> as written.
    const std::map<std::string, std::string>& buildMacros() const { return buildMacros_; }
    std::string mainText() const;
    unsigned offset(clang::SourceLocation loc) const;  // in the main file
    clang::SourceLocation locAt(unsigned offset) const;

    // A class (or function) whose renaming is blocked in this file, and why.
    void block(const std::string& qualName, const std::string& reason);
    const std::string* blocked(const std::string& qualName) const;
    // A main-file range whose names must not be renamed (e.g. a never-joined thread's type).
    void blockRange(clang::SourceRange range, const std::string& reason);
    const std::string* blockedAt(clang::SourceLocation loc) const;

    // The main-file char range of a written token range, when every byte of it is spelled
    // in the main file (directly or as a macro argument). Otherwise nullopt and `why`.
    std::optional<clang::CharSourceRange> fileRange(clang::SourceRange tokens, std::string* why = nullptr) const;
    // Where to point a diagnostic for a node that may sit in a macro expansion.
    clang::CharSourceRange reportRange(clang::SourceRange tokens) const;
    std::string text(clang::CharSourceRange range) const;
    std::string text(clang::SourceRange tokens) const;
    // True for locations the pack must never touch: outside the main file's expansion,
    // or spelled in a system header.
    bool foreign(clang::SourceLocation loc) const;
    // The main-file #include through which the file declaring `loc` came in (invalid when none).
    // The front end may parse with a precompiled prefix: the PCH of the main file's first
    // `#include <...>` (frontend.cpp, includePrefix); files loaded from it came in through that line.
    clang::SourceLocation mainInclude(clang::SourceLocation loc) const;

    Site& flag(const RuleInfo& rule, clang::SourceRange tokens, SiteStatus status, std::string message);
    // A fix made of pieces (all must be in the main file; the caller checked).
    Site& fix(const RuleInfo& rule, clang::SourceRange tokens, std::vector<FixPiece> pieces,
              std::vector<std::string> headers, std::string message);
    FixPiece replace(clang::CharSourceRange range, std::string text) const;
    FixPiece insert(clang::SourceLocation at, std::string text) const;

    // Renames every written reference to a name in `table` (respecting blocks and
    // macro bodies); `filter` may veto a reference.
    void renameRefs(const RuleInfo& rule, const std::vector<Rename>& table,
                    const std::function<bool(const Ref&)>& filter = {});
    // Whether some accepted fix piece covers `loc` (only meaningful for late rules).
    bool covered(clang::SourceLocation loc) const;
    // Fixed, enabled, not deferred/subsumed sites (only meaningful for late rules).
    std::vector<const Site*> acceptedFixes() const;
    // True when the main file includes one of the legacy library's migrated headers (directly
    // or through a project header).
    bool includesLegacyHeaders() const;

    // Written type of a declaration or expression, for rules.
    static std::string qualifiedName(const clang::NamedDecl* decl);
    bool isInLegacy(const clang::Decl* decl) const;

    // Internal: match callbacks of the engine's own collectors and the PP hooks.
    void collect(const MatchResult& result);
    void onInclude(clang::SourceLocation hash, llvm::StringRef name, bool angled, clang::OptionalFileEntryRef file);
    void onConditional(CondDirective::Kind kind, clang::SourceLocation loc, clang::SourceRange cond,
                       clang::SourceLocation chain, const std::string& macro = "");
    void onMacroUse(const std::string& name, clang::SourceLocation def, clang::SourceLocation use);
    void onMacroDef(const std::string& name, clang::SourceLocation loc);

private:
    void resolveOverlaps();
    void fillSite(Site& site);
    void addRef(Ref ref);

    const Settings* settings_;
    std::function<bool(const RuleInfo&)> enabled_;
    LegacyLibrary legacy_;
    clang::SourceManager* sm_ = nullptr;
    const clang::LangOptions* lang_ = nullptr;
    clang::ASTContext* ast_ = nullptr;
    std::vector<std::unique_ptr<CppRule>> rules_;
    std::vector<std::unique_ptr<am::MatchFinder::MatchCallback>> callbacks_;
    std::vector<Site> sites_;
    std::vector<Ref> refs_;
    std::set<unsigned> refKeys_;
    std::vector<CondDirective> conds_;
    std::vector<IncludeDirective> includes_;
    std::vector<MacroUse> macroUses_;
    std::vector<MacroDef> macroDefs_;
    std::map<std::string, std::string> buildMacros_;
    std::map<std::string, std::string> blocked_;
    std::vector<std::pair<clang::SourceRange, std::string>> blockedRanges_;
    std::vector<std::pair<unsigned, unsigned>> accepted_;  // accepted piece ranges
    bool finalized_ = false;
};

// Helpers shared by rules.
// Strips implicit nodes, parens, temporaries and cleanups.
const clang::Expr* bare(const clang::Expr* e);
// The written type name of a construction expression (functional cast / temporary object).
const clang::NamedDecl* writtenTypeDecl(const clang::Expr* e, clang::SourceRange* nameRange);
// The parent statement/expression (first one) of a node, skipping implicit wrappers.
const clang::Stmt* parentStmt(clang::ASTContext& ctx, const clang::Stmt* s);
// True when the value of `e` is discarded (an expression statement).
bool valueDiscarded(clang::ASTContext& ctx, const clang::Expr* e);

// Legacy APIs with no std equivalent: `block` (comma-separated qualified names) lists the
// renames that must not happen in a file that uses `name`; `reason` goes in the message.
struct NoEquivalentName {
    const char* name;
    const char* block;
    const char* reason;
};
void blockNoEquivalent(Engine& e, const std::vector<NoEquivalentName>& names);
void flagNoEquivalent(Engine& e, const RuleInfo& rule, const std::vector<NoEquivalentName>& names,
                      SiteStatus status = SiteStatus::NoEquivalent);
// A table rule: reports every use of `names` with its reason (as `status`) and blocks the
// renames each name lists. `names` must outlive the rule (a function-local static).
std::unique_ptr<CppRule> noEquivalentRule(const RuleInfo& info, const std::vector<NoEquivalentName>& names,
                                          SiteStatus status = SiteStatus::NoEquivalent);

}  // namespace anymig::cpp
