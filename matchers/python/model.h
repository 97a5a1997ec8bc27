// The semantic model of one Python module: scopes, what each name is bound to,
// and every reference to an imported name, resolved to its qualified name
// ("p.sleep" -> "pkg.sleep" after `import pkg as p`). A name bound by
// anything other than an import in the scope that owns it (a parameter, a local, a
// nested def) is shadowed and resolves to nothing. Strings and comments are not code.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "matchers/python/syntax.h"

namespace anymig::python {

enum class ScopeKind { Module, Function, Lambda, Class, Comprehension };

struct Binding {
    enum class Kind { Import, Other };
    Kind kind = Kind::Other;
    std::string qualified;  // Import: "pkg" (import pkg) or "pkg.sleep" (from pkg import sleep)
    TSNode statement{};     // Import: the import statement
    TSNode importItem{};    // Import: the dotted_name or aliased_import item inside it
    TSNode node{};          // the node that binds the name
};

struct Scope {
    ScopeKind kind = ScopeKind::Module;
    TSNode node{};
    const Scope* parent = nullptr;
    bool isAsync = false;  // an `async def`
    std::unordered_map<std::string, std::vector<Binding>> bindings;
    std::unordered_set<std::string> globals;
    std::unordered_set<std::string> nonlocals;
};

struct Reference {
    TSNode node{};           // the whole reference: identifier or attribute chain ("pkg.sub.NAME")
    TSNode base{};           // the identifier it starts with
    std::string qualified;   // resolved, e.g. "pkg.sub.NAME"
    const Scope* scope = nullptr;         // the scope the reference appears in
    const Scope* bindingScope = nullptr;  // the scope owning the import binding
    std::string name;                     // the bound name ("aio")
};

// A load of a plain name that is not an import (e.g. a HAS_PKG flag).
struct NameLoad {
    TSNode node{};
    const Scope* scope = nullptr;
};

class Model {
public:
    explicit Model(const Syntax& syntax);

    const Syntax& syntax() const { return syntax_; }
    const Scope& module() const { return *scopes_.front(); }
    const std::vector<Reference>& references() const { return references_; }
    // References whose qualified name starts with `module` ("pkg" matches "pkg.sleep").
    std::vector<const Reference*> referencesTo(std::string_view module) const;
    const std::vector<NameLoad>& loadsOf(const std::string& name) const;

    // The bindings `name` resolves to when used in `scope`, and the scope owning them.
    const std::vector<Binding>* lookup(const Scope* scope, const std::string& name, const Scope** owner = nullptr) const;
    // The qualified name of an expression (identifier or attribute chain) used in `scope`.
    std::optional<std::string> resolve(TSNode expr, const Scope* scope) const;
    // The innermost scope whose body contains `node`.
    const Scope* scopeOf(TSNode node) const;
    // The innermost function (def or lambda) enclosing `scope`, or null at module/class level.
    static const Scope* enclosingFunction(const Scope* scope);
    // True when `name` used at `scope` would refer to the module-level import of `module`
    // (or to nothing, so that a new module-level import would bind it).
    bool nameAvailableFor(const Scope* scope, const std::string& name, const std::string& module) const;

private:
    struct CollectStep {
        TSNode node{};
        Scope* scope = nullptr;
        bool endImportFallback = false;  // leaving an `except ImportError:` handler
    };
    void collect(TSNode root, Scope* scope);
    void collectOne(TSNode node, Scope* scope, std::vector<CollectStep>& later);
    // collectOne's handlers of the node kinds that take more than a few lines.
    void collectFunction(TSNode node, Scope* scope, std::vector<CollectStep>& later);
    void collectLambda(TSNode node, Scope* scope, std::vector<CollectStep>& later);
    bool collectImportFallback(TSNode node, Scope* scope, std::vector<CollectStep>& later);
    void bindStatementTargets(std::string_view ty, TSNode node, Scope* scope);
    void bindTarget(TSNode target, Scope* scope);
    void bindImport(TSNode stmt, Scope* scope);
    Scope* newScope(ScopeKind kind, TSNode node, Scope* parent);
    struct RefStep {
        TSNode node{};
        const Scope* scope = nullptr;
        TSNode parent{};  // set: `node` is an identifier child of `parent` to resolve
    };
    void collectReferences(TSNode root, const Scope* scope);
    void referenceChildren(TSNode node, const Scope* scope, std::vector<RefStep>& later);
    void referenceAt(TSNode identifier, TSNode parent, const Scope* scope);
    bool isLoad(TSNode id, TSNode parent) const;
    // What a binding list holds, computed once per list while references are collected (the
    // lists are complete by then): a name loaded N times with M bindings cost N x M before
    // (`total = f(total)` repeated over a 50 MB function).
    struct BindingKinds {
        bool allImport = false;  // non-empty, every binding an import of the same name
        bool allOther = true;    // no import, no definition
    };
    const BindingKinds& kindsOf(const std::vector<Binding>& bindings);
    std::unordered_map<const std::vector<Binding>*, BindingKinds> kinds_;

    const Syntax& syntax_;
    std::vector<std::unique_ptr<Scope>> scopes_;
    std::unordered_map<const void*, const Scope*> scopeByNode_;
    std::unordered_set<const void*> stores_;  // identifiers that are binding targets
    std::vector<Reference> references_;
    std::unordered_map<std::string, std::vector<NameLoad>> loads_;
    int importFallbackDepth_ = 0;  // inside `except ImportError:` of a try that imports
};

}  // namespace anymig::python
