// The cross-module part of the semantic model: a summary of each Python module of a run, so the
// checks of one module can consult what the modules it imports (or that import it) do: for each
// function, what the pack found about it (`hazard`: why cancelling it through the target library
// would change behaviour, naming the site) and which imported functions it calls; for a module,
// what the pack found after its whole first round (e.g. a cancellation source it keeps). It names
// no library: the facts are the pack's (PythonFrontend::Summarizer, RoundSummarizer).
// The result cache keys an entry by the texts of the files it may import, transitively, and of
// the files that import it, so a change to an imported module invalidates its importers.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "matchers/python/model.h"

namespace anymig::python {

struct FunctionSummary {
    std::string hazard;              // the pack's finding about the function, "" for none
    std::string timeoutClass;        // the pack's second finding (what in it raises a library's own timeout class), "" for none
    std::string keepsRunning;        // the pack's third finding (a handler it reaches that outlives a cancellation), "" for none
    std::string startsTask;          // the pack's fourth finding (a task it starts that has cleanup), "" for none
    std::string outside;             // the pack's fifth finding (code outside the run it awaits), "" for none
    // What it awaits (or reaches) that other modules' summaries answer for: imported functions
    // (absolute names) and methods called on objects of classes the model cannot tell ("=m" when a
    // class of its own module has an async method m), each with "`call` (line N)" after a TAB.
    std::vector<std::string> awaitedImports, awaitedMethods;
    std::vector<std::string> calls;  // absolute dotted names of imported functions it calls (or reaches)
    std::vector<std::string> methods;  // methods it calls (or reaches) on objects of classes the model cannot tell
};

struct ModuleSummary {
    std::string path;
    std::string module;                                // dotted name ("pkg.sub.mod")
    std::map<std::string, FunctionSummary> functions;  // "f" (module level), "C.m" (method of a top-level class)
    std::map<std::string, int> calls;                  // every imported name it calls -> the first call's line
    std::map<std::string, int> methods;                // every method called on an untyped object -> first line
    // The pack's: imported names, and methods called on untyped objects, called inside a try
    // statement with except clauses (of their function) -> that try's line.
    std::map<std::string, int> caughtCalls, caughtMethods;
    // Every imported name ("pkg.mod.C") used here other than as the callee of a call inside an
    // `async def` (a call in a sync function or at import time, a value, a base class; not an
    // annotation or an isinstance/issubclass argument, which never call it), and "pkg.mod.*" for
    // a star import of pkg.mod -> the first such use's line (collectUsesOutsideAsync).
    std::map<std::string, int> usesOutsideAsync;
};

// A name used at `node` (an identifier or attribute chain) in an annotation, or as an argument of
// isinstance/issubclass: evaluating it there never calls it.
bool neverCalls(const Syntax& syntax, TSNode node);
// Fills ModuleSummary::usesOutsideAsync from a module's model (`package`: packageNameOf its path).
void collectUsesOutsideAsync(const Model& model, const std::string& package, std::map<std::string, int>& out);

// The modules of a run, summarised on demand: the run's first pass only reads every file (its
// import statements' words, a digest of its text); a module is parsed and summarised the first
// time a check asks about it (find), and its whole first round runs only when a check asks for
// its round fact. Thread-safe: each is computed once (std::call_once), and the computation of
// a round may ask for other modules' summaries, never for rounds.
class RunSummaries {
public:
    // Computes a module's summary; computes its round fact after its whole first round, in which
    // the checks may consult the run's other summaries.
    using Summarize = std::function<void(const std::string& path, ModuleSummary& out)>;
    using RoundFact = std::function<std::string(const std::string& path, const RunSummaries& run)>;
    struct File {
        std::string path;
        std::string module;
        std::set<std::string> words;  // of its import statements
        std::string digest;           // of its text
        bool async = false;           // it has async functions, or may run a coroutine (`x.run(`: a program's entry
                                      // point, which a check asks about its callers' runner); else nothing to summarise
        std::set<std::string> asyncDefs;  // the names after `async def` (methods included)
    };
    RunSummaries(std::vector<File> files, Summarize summarize, RoundFact roundFact);

    struct Found {
        const ModuleSummary* module = nullptr;
        const FunctionSummary* function = nullptr;
        std::string name;  // the function's name in its module ("f", "C.m")
    };
    // The module of the run and its function an absolute name refers to ("pkg.mod.f", "pkg.mod.C.m").
    Found find(const std::string& absolute) const;
    // The module an absolute name is in ("pkg.mod" for "pkg.mod.f") is a module of the run. Summarises
    // nothing (a summary being computed may ask it about the modules it imports).
    bool inRun(const std::string& absolute) const;
    // The absolute names ("pkg.mod.C.m") of the async methods named `method` in the modules of the
    // run `path`'s digest covers (digestFor: what it imports, transitively, and its importers) that
    // are in its top-level package or one its import statements name, its own module left out: where an object whose class the model cannot tell, in `path` or in code
    // it reaches in those modules, may come from (the file that wires objects together imports
    // their classes).
    std::vector<std::string> methodsNamed(const std::string& path, const std::string& method) const;
    // The first (by path) other file of the run whose import statements name `path`'s module ("" for none).
    std::string firstImporterOf(const std::string& path) const;
    // The first (by path) other file of the run that imports `name` from `path`'s module (`from
    // .process import PIPE`, `from pkg.process import PIPE as P`: a re-export the module itself
    // may never use), in its top-level package or naming that package as firstImporterOf. By the
    // module's last part, so it may name a same-named module of another package: in doubt, yes.
    // "" for none.
    std::string importerOfName(const std::string& path, const std::string& name) const;
    // The summaries of the run's modules with async functions whose import statements name `path`'s
    // module (by its last part), in its top-level package or naming that package.
    std::vector<const ModuleSummary*> importersOf(const std::string& path) const;
    // How the other files of the run whose import statements name `path`'s module use its
    // top-level name `name` (a class or a module-level function; same files as firstImporterOf),
    // and the files that import `name` from those that import it by name (re-exports, followed).
    // `outside`: "file:line: why" of the first use that is not a call inside an `async def`
    // (ModuleSummary::usesOutsideAsync) or of a star import or a value use of such a module; ""
    // for none. `calledFromAsync`: some file calls it inside an `async def`. Files without async
    // code are summarised for this too.
    struct NameUse {
        std::string outside;
        bool calledFromAsync = false;
    };
    NameUse useOfName(const std::string& path, const std::string& name) const;
    // The pack's finding after the whole first round of the module (computed once).
    const std::string& roundFact(const ModuleSummary& m) const;
    const std::string& moduleOf(const std::string& path) const;
    // For the result cache: a digest of the texts of the run's files `path`'s import statements
    // may name, transitively, and of the files whose import statements name it ("" when none);
    // the digest of the whole run when those are more than kDigestSpan files.
    std::string digestFor(const std::string& path) const;

private:
    struct Slot {
        File file;
        mutable std::once_flag summarised, rounded, used;
        mutable ModuleSummary summary;
        mutable ModuleSummary usesSummary;  // useOfName's summary of a file without async code
        mutable std::string fact;
    };
    const Slot* slotOf(const std::string& module) const;
    // The slots whose import statements have `word`, in the run's order.
    const std::vector<const Slot*>& slotsNaming(const std::string& word) const;
    const ModuleSummary& summaryOf(const Slot& slot) const;
    const ModuleSummary& usesSummaryOf(const Slot& slot) const;
    // The slots digestFor covers for `own` (its own left out); the search stops once it has
    // found more than `limit`.
    std::set<const Slot*> related(const Slot* own, std::size_t limit = SIZE_MAX) const;
    // A digest of every file of the run (computed once).
    const std::string& runDigest() const;
    static constexpr std::size_t kDigestSpan = 256;
    mutable std::once_flag runDigestOnce_;
    mutable std::string runDigest_;
    // methodsNamed's answers, each worked out once per run: it walks the file's related() closure,
    // most of the run on a library whose modules import one another, and the round's checks ask it
    // for every untyped method call they follow.
    mutable std::mutex methodsMutex_;
    mutable std::map<std::pair<std::string, std::string>, std::vector<std::string>> methodsMemo_;
    std::vector<std::string> findMethodsNamed(const std::string& path, const std::string& method) const;
    std::deque<Slot> slots_;
    std::map<std::string, const Slot*> byModule_;  // ambiguous names (two files) left out
    std::map<std::string, std::vector<const Slot*>> byStem_;
    // word of an import statement -> the slots that have it (importersOf and digestFor look a
    // module's stem up here; a loop over every slot per file made a run quadratic in its files)
    std::map<std::string, std::vector<const Slot*>> byWord_;
    std::map<std::string, const Slot*> byPath_;
    Summarize summarize_;
    RoundFact roundFact_;
};

// The words of a text's import statements (`from .store import commit` -> "from", "store",
// "import", "commit", and "store/commit" for the name taken from the module; also indented ones,
// parenthesised and continued lines): a cheap scan, so the run's first pass summarises only the
// modules another file names in an import.
std::set<std::string> importWords(std::string_view text);
// The names defined by `async def` in a text (a cheap scan, for RunSummaries::File::asyncDefs).
std::set<std::string> asyncDefNames(std::string_view text);
// A digest of a file's text, for RunSummaries::File::digest.
std::string textDigest(std::string_view text);
// The last part of a dotted module name ("pkg.store" -> "store"), the word an import names it by.
std::string moduleStem(const std::string& module);

// The dotted module name of a file: its stem, prefixed by the folders above it that are packages
// (hold an __init__.py); "pkg/__init__.py" is "pkg".
std::string moduleNameOf(const std::string& path);
// The package relative imports of that file start from ("pkg" for pkg/mod.py and pkg/__init__.py).
std::string packageNameOf(const std::string& path);
// The absolute dotted name a callee (identifier or attribute chain) refers to through an import
// (`from .other import f` -> "pkg.other.f", `import pkg.other as o; o.f` -> "pkg.other.f"), or "".
std::string importedName(const Model& model, TSNode callee, const std::string& package);

}  // namespace anymig::python
