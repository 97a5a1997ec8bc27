// The cross-module part of the semantic model: a summary of each Python module of a run,
// computed in a first pass over every file of the run before any file is analysed
// (PythonFrontend::prepareRun), so the checks of one module can consult what its imported
// modules do: for each function, what the pack found about it (`hazard`: why cancelling it
// through the target library would change behaviour, naming the site) and which imported
// functions it calls. It names no library: the facts are the pack's (PythonFrontend::Summarizer).
// The result cache keys an entry by the summaries of every module the file imports, directly or
// through other modules of the run, so a change to an imported module invalidates its importers.
#pragma once
#include <map>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "matchers/python/model.h"

namespace anymig::python {

struct FunctionSummary {
    std::string hazard;              // the pack's finding about the function, "" for none
    std::vector<std::string> calls;  // absolute dotted names of imported functions it calls (or reaches)
};

struct ModuleSummary {
    std::string path;
    std::string module;                                // dotted name ("pkg.sub.mod")
    std::map<std::string, FunctionSummary> functions;  // "f" (module level), "C.m" (method of a top-level class)
    std::vector<std::string> imports;                  // absolute names it imports ("pkg.other", "pkg.other.f")
    std::map<std::string, int> calls;                  // every imported name it calls -> the first call's line
    // Set by the pack's first summary: the module's result depends on the modules that call it
    // (so their summaries join its cache key), or its round may matter to the modules it calls
    // (so the pass runs its whole first round, with the first summaries, and asks the pack again).
    bool dependsOnCallers = false;
    bool mayAffectCallees = false;
    std::string roundFact;  // the pack's finding after that round ("" for none)
    std::string serialise() const;
};

class RunSummaries {
public:
    void add(ModuleSummary m);
    // After the last add(): a module name two files of the run claim is dropped (unknown).
    void finish();
    struct Found {
        const ModuleSummary* module = nullptr;
        const FunctionSummary* function = nullptr;
        std::string name;  // the function's name in its module ("f", "C.m")
    };
    // The module of the run and its function an absolute name refers to ("pkg.mod.f", "pkg.mod.C.m").
    Found find(const std::string& absolute) const;
    // A digest of the summaries of every module of the run `path` imports, transitively, and when
    // the module depends on its callers, of the modules that call it ("" when none).
    std::string digestFor(const std::string& path) const;
    const std::map<std::string, ModuleSummary>& modules() const { return byModule_; }
    const ModuleSummary* forPath(const std::string& path) const;
    ModuleSummary* forPath(const std::string& path);
    bool empty() const { return byModule_.empty(); }
    // The words of the import statements of a file of the run (importWords), for its cache key.
    void setImportWords(const std::string& path, std::set<std::string> words);

private:
    std::map<std::string, std::set<std::string>> words_;
    std::map<std::string, ModuleSummary> byModule_;
    std::map<std::string, std::string> moduleOfPath_;
    std::map<std::string, int> claims_;
};

// The words of a text's import statements (`from .store import commit` -> "store", "commit"; also
// indented ones, parenthesised and continued lines): a cheap scan, so the run's first pass
// summarises only the modules another file names in an import.
std::set<std::string> importWords(std::string_view text);
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
// Every absolute name the module's imports bind ("pkg.other" for `from pkg import other` too).
std::vector<std::string> importedNames(const Model& model, const std::string& package);

}  // namespace anymig::python
