#include "matchers/python/model.h"

#include <algorithm>
#include <memory>

namespace anymig::python {

namespace {

bool isComprehension(std::string_view t) {
    return t == "list_comprehension" || t == "set_comprehension" || t == "dictionary_comprehension" ||
           t == "generator_expression";
}

std::string dotted(const Syntax& s, TSNode n) {
    // dotted_name text without whitespace (a dotted name may contain none anyway)
    std::string out;
    for (char c : s.text(n))
        if (c != ' ' && c != '\t' && c != '\\' && c != '\n' && c != '\r') out += c;
    return out;
}

}  // namespace

Model::Model(const Syntax& syntax) : syntax_(syntax) {
    Scope* module = newScope(ScopeKind::Module, syntax.root(), nullptr);
    collect(syntax.root(), module);
    collectReferences(syntax.root(), module);
    std::unordered_map<const std::vector<Binding>*, BindingKinds>().swap(kinds_);
}

const Model::BindingKinds& Model::kindsOf(const std::vector<Binding>& bs) {
    auto [it, added] = kinds_.try_emplace(&bs);
    if (added) {
        it->second.allImport = !bs.empty();
        for (const Binding& b : bs) {
            if (b.kind != Binding::Kind::Import || b.qualified != bs.front().qualified) it->second.allImport = false;
            if (b.kind != Binding::Kind::Other) it->second.allOther = false;
        }
    }
    return it->second;
}

Scope* Model::newScope(ScopeKind kind, TSNode node, Scope* parent) {
    auto scope = std::make_unique<Scope>();
    scope->kind = kind;
    scope->node = node;
    scope->parent = parent;
    Scope* raw = scope.get();
    scopes_.push_back(std::move(scope));
    scopeByNode_[node.id] = raw;
    return raw;
}

void Model::bindTarget(TSNode target, Scope* scope) {
    // Nested patterns ((a, (b, c)), d) are walked with an explicit stack, in document order.
    std::vector<TSNode> work{target};
    while (!work.empty()) {
        TSNode t = work.back();
        work.pop_back();
        if (isNull(t)) continue;
        std::string_view ty = type(t);
        if (ty == "identifier") {
            Binding b;
            b.node = t;
            scope->bindings[std::string(syntax_.text(t))].push_back(b);
            stores_.insert(t.id);
        } else if (ty == "pattern_list" || ty == "tuple_pattern" || ty == "list_pattern" ||
                   ty == "list_splat_pattern" || ty == "parenthesized_expression" || ty == "expression_list" ||
                   ty == "tuple" || ty == "list" || ty == "as_pattern_target" || ty == "list_splat" ||
                   ty == "parenthesized_list_splat") {
            auto kids = syntax_.namedChildren(t);
            work.insert(work.end(), kids.rbegin(), kids.rend());
        }
        // attribute and subscript targets bind nothing
    }
}

void Model::bindImport(TSNode stmt, Scope* scope) {
    std::string_view ty = type(stmt);
    if (ty == "import_statement") {
        for (TSNode item : syntax_.namedChildren(stmt)) {
            Binding b;
            b.kind = Binding::Kind::Import;
            b.statement = stmt;
            b.importItem = item;
            std::string name;
            if (is(item, "aliased_import")) {
                b.qualified = dotted(syntax_, field(item, "name"));
                b.node = field(item, "alias");
                name = std::string(syntax_.text(b.node));
            } else {  // import a.b.c binds a
                std::string full = dotted(syntax_, item);
                name = full.substr(0, full.find('.'));
                b.qualified = name;
                b.node = item;
            }
            scope->bindings[name].push_back(b);
        }
    } else if (ty == "import_from_statement") {
        TSNode mod = field(stmt, "module_name");
        bool relative = is(mod, "relative_import");
        std::string module = dotted(syntax_, mod);
        for (TSNode item : syntax_.namedChildren(stmt)) {
            if (sameNode(item, mod) || is(item, "comment")) continue;
            if (is(item, "wildcard_import")) continue;
            Binding b;
            b.kind = relative ? Binding::Kind::Other : Binding::Kind::Import;
            b.statement = stmt;
            b.importItem = item;
            std::string name, member;
            if (is(item, "aliased_import")) {
                member = dotted(syntax_, field(item, "name"));
                b.node = field(item, "alias");
                name = std::string(syntax_.text(b.node));
            } else {
                member = dotted(syntax_, item);
                name = member;
                b.node = item;
            }
            b.qualified = module + "." + member;
            scope->bindings[name].push_back(b);
        }
    }
}

// Pre-order walk with an explicit stack (no recursion proportional to nesting depth): each
// node's handler binds what it binds and lists, in order, the children to visit and their scope.
void Model::collect(TSNode root, Scope* scope) {
    std::vector<CollectStep> work{{root, scope}}, later;
    while (!work.empty()) {
        CollectStep step = work.back();
        work.pop_back();
        if (step.endImportFallback) {
            --importFallbackDepth_;
            continue;
        }
        if (isNull(step.node)) continue;
        later.clear();
        collectOne(step.node, step.scope, later);
        work.insert(work.end(), later.rbegin(), later.rend());
    }
}

// function_definition: binds its name in `scope` and its parameters in a new function scope;
// defaults, annotations and the return type are visited in `scope`, the body in the function's.
void Model::collectFunction(TSNode node, Scope* scope, std::vector<CollectStep>& later) {
    TSNode name = field(node, "name");
    bindTarget(name, scope);
    // Defaults, annotations and the return type belong to the enclosing scope.
    Scope* fn = newScope(ScopeKind::Function, node, scope);
    TSNode first = ts_node_child(node, 0);
    fn->isAsync = type(first) == "async";
    TSNode params = field(node, "parameters");
    for (TSNode p : syntax_.namedChildren(params)) {
        std::string_view pt = type(p);
        TSNode id{};
        if (pt == "identifier") id = p;
        else if (pt == "default_parameter" || pt == "typed_default_parameter") {
            id = field(p, "name");
            later.push_back({field(p, "value"), scope});
            if (pt == "typed_default_parameter") later.push_back({field(p, "type"), scope});
        } else if (pt == "typed_parameter") {
            for (TSNode c : syntax_.namedChildren(p)) {
                if (is(c, "identifier")) id = c;
                else if (is(c, "list_splat_pattern") || is(c, "dictionary_splat_pattern")) id = syntax_.namedChildren(c).empty() ? TSNode{} : syntax_.namedChildren(c)[0];
            }
            later.push_back({field(p, "type"), scope});
        } else if (pt == "list_splat_pattern" || pt == "dictionary_splat_pattern") {
            auto kids = syntax_.namedChildren(p);
            if (!kids.empty()) id = kids[0];
        }
        if (!isNull(id)) bindTarget(id, fn);
    }
    later.push_back({field(node, "return_type"), scope});
    later.push_back({field(node, "body"), fn});
}

// lambda: parameters bound in a new lambda scope, defaults visited in `scope`.
void Model::collectLambda(TSNode node, Scope* scope, std::vector<CollectStep>& later) {
    Scope* fn = newScope(ScopeKind::Lambda, node, scope);
    TSNode params = field(node, "parameters");
    for (TSNode p : syntax_.namedChildren(params)) {
        std::string_view pt = type(p);
        if (pt == "identifier") bindTarget(p, fn);
        else if (pt == "default_parameter") {
            bindTarget(field(p, "name"), fn);
            later.push_back({field(p, "value"), scope});
        } else if (pt == "list_splat_pattern" || pt == "dictionary_splat_pattern") {
            for (TSNode c : syntax_.namedChildren(p)) bindTarget(c, fn);
        }
    }
    later.push_back({field(node, "body"), fn});
}

// An `except ImportError:` (or ModuleNotFoundError) handler: returns false for other handlers.
bool Model::collectImportFallback(TSNode node, Scope* scope, std::vector<CollectStep>& later) {
    // `try: import x` / `except ImportError: x = None` is an optional import, not a
    // rebinding of x: the None fallback does not shadow the import.
    std::string_view caught = syntax_.text(field(node, "value"));
    if (caught.empty() && ts_node_named_child_count(node) > 0) caught = syntax_.text(ts_node_named_child(node, 0));
    if (caught.find("ImportError") != std::string_view::npos ||
        caught.find("ModuleNotFoundError") != std::string_view::npos) {
        ++importFallbackDepth_;
        bindTarget(field(node, "alias"), scope);
        for (TSNode c : syntax_.namedChildren(node)) later.push_back({c, scope});
        later.push_back({TSNode{}, nullptr, true});  // the handler ends after its children
        return true;
    }
    return false;
}

// What a node that does not open a scope binds in `scope` (its children are visited after).
void Model::bindStatementTargets(std::string_view ty, TSNode node, Scope* scope) {
    if (ty == "assignment" || ty == "augmented_assignment") bindTarget(field(node, "left"), scope);
    else if (ty == "for_statement") bindTarget(field(node, "left"), scope);
    else if (ty == "named_expression") {
        // The walrus binds in the nearest enclosing non-comprehension scope.
        Scope* s = scope;
        while (s->kind == ScopeKind::Comprehension && s->parent) s = const_cast<Scope*>(s->parent);
        bindTarget(field(node, "name"), s);
    } else if (ty == "as_pattern") {
        bindTarget(field(node, "alias"), scope);
    } else if (ty == "except_clause") {
        bindTarget(field(node, "alias"), scope);
    } else if (ty == "delete_statement") {
        // `del x` makes x local to the scope as well
        for (TSNode c : syntax_.namedChildren(node)) bindTarget(c, scope);
    }
}

void Model::collectOne(TSNode node, Scope* scope, std::vector<CollectStep>& later) {
    std::string_view ty = type(node);
    if (ty == "function_definition") {
        collectFunction(node, scope, later);
        return;
    }
    if (ty == "lambda") {
        collectLambda(node, scope, later);
        return;
    }
    if (ty == "class_definition") {
        bindTarget(field(node, "name"), scope);
        later.push_back({field(node, "superclasses"), scope});
        Scope* cls = newScope(ScopeKind::Class, node, scope);
        later.push_back({field(node, "body"), cls});
        return;
    }
    if (isComprehension(ty)) {
        Scope* comp = newScope(ScopeKind::Comprehension, node, scope);
        for (TSNode c : syntax_.namedChildren(node)) {
            if (is(c, "for_in_clause")) bindTarget(field(c, "left"), comp);
        }
        for (TSNode c : syntax_.namedChildren(node)) later.push_back({c, comp});
        return;
    }
    if (ty == "import_statement" || ty == "import_from_statement") {
        bindImport(node, scope);
        return;
    }
    if (ty == "future_import_statement") return;
    if (ty == "global_statement" || ty == "nonlocal_statement") {
        for (TSNode c : syntax_.namedChildren(node)) {
            if (!is(c, "identifier")) continue;
            (ty == "global_statement" ? scope->globals : scope->nonlocals).insert(std::string(syntax_.text(c)));
            stores_.insert(c.id);
        }
        return;
    }
    if (ty == "except_clause" && collectImportFallback(node, scope, later)) return;
    if (ty == "assignment" && importFallbackDepth_ > 0 && is(field(node, "right"), "none") &&
        is(field(node, "left"), "identifier")) {
        stores_.insert(field(node, "left").id);
        return;
    }
    bindStatementTargets(ty, node, scope);
    syntax_.eachNamedChild(node, [&](TSNode c) { later.push_back({c, scope}); });
}

bool Model::isLoad(TSNode id, TSNode parent) const {
    if (stores_.count(id.id)) return false;
    std::string_view pt = type(parent);
    if (pt == "attribute") return !sameNode(field(parent, "attribute"), id);
    if (pt == "keyword_argument") return !sameNode(field(parent, "name"), id);
    if (pt == "dotted_name" || pt == "aliased_import" || pt == "import_statement" || pt == "import_from_statement" ||
        pt == "future_import_statement" || pt == "parameters" || pt == "lambda_parameters" ||
        pt == "default_parameter" || pt == "typed_parameter" || pt == "typed_default_parameter" ||
        pt == "list_splat_pattern" || pt == "dictionary_splat_pattern" || pt == "global_statement" ||
        pt == "nonlocal_statement" || pt == "function_definition" || pt == "class_definition")
        return pt == "default_parameter" ? !sameNode(field(parent, "name"), id) : false;
    return true;
}

// Every load of an imported name, in document order. Pre-order walk with an explicit stack of
// (node, scope) visits and identifier checks, so deep nesting cannot overflow the call stack.
void Model::collectReferences(TSNode root, const Scope* scope) {
    std::vector<RefStep> work{{root, scope, TSNode{}}}, later;
    while (!work.empty()) {
        RefStep step = work.back();
        work.pop_back();
        if (!isNull(step.parent)) {
            referenceAt(step.node, step.parent, step.scope);
            continue;
        }
        later.clear();
        referenceChildren(step.node, step.scope, later);
        work.insert(work.end(), later.rbegin(), later.rend());
    }
}

void Model::referenceChildren(TSNode node, const Scope* scope, std::vector<RefStep>& later) {
    auto it = scopeByNode_.find(node.id);
    const Scope* here = scope;
    if (it != scopeByNode_.end() && it->second != scope && !sameNode(node, syntax_.root())) {
        // Walk the parts that belong to the enclosing scope first, then the body in the new scope.
        const Scope* inner = it->second;
        std::string_view ty = type(node);
        if (ty == "function_definition" || ty == "class_definition" || ty == "lambda") {
            TSNode body = field(node, "body");
            for (TSNode c : syntax_.namedChildren(node)) {
                if (sameNode(c, body)) later.push_back({c, inner, TSNode{}});
                else if (is(c, "parameters") || is(c, "lambda_parameters")) {
                    for (TSNode p : syntax_.namedChildren(c)) {
                        // default values and annotations are evaluated in the enclosing scope
                        TSNode v = field(p, "value"), t = field(p, "type");
                        if (!isNull(v)) later.push_back({v, scope, TSNode{}});
                        if (!isNull(t)) later.push_back({t, scope, TSNode{}});
                    }
                } else later.push_back({c, scope, TSNode{}});
            }
            return;
        }
        here = inner;
    }
    syntax_.eachNamedChild(node, [&](TSNode c) { later.push_back({c, here, is(c, "identifier") ? node : TSNode{}}); });
}

// An identifier `c` (child of `node`) used in scope `here`.
void Model::referenceAt(TSNode c, TSNode node, const Scope* here) {
    if (!isLoad(c, node)) return;
    std::string name(syntax_.text(c));
    const Scope* owner = nullptr;
    const std::vector<Binding>* bs = lookup(here, name, &owner);
    const BindingKinds* kinds = bs ? &kindsOf(*bs) : nullptr;
    if (kinds && kinds->allImport) {
        Reference ref;
        ref.base = c;
        ref.node = c;
        ref.qualified = bs->front().qualified;
        ref.scope = here;
        ref.bindingScope = owner;
        ref.name = name;
        // Extend over the attribute chain: pkg.sub.NAME
        TSNode cur = c, par = node;
        while (is(par, "attribute") && sameNode(field(par, "object"), cur)) {
            ref.qualified += ".";
            ref.qualified += syntax_.text(field(par, "attribute"));
            cur = par;
            par = syntax_.parent(par);
        }
        ref.node = cur;
        references_.push_back(std::move(ref));
    } else if (!kinds || kinds->allOther) {
        loads_[name].push_back(NameLoad{c, here});
    }
}

const std::vector<Binding>* Model::lookup(const Scope* scope, const std::string& name, const Scope** owner) const {
    const Scope* s = scope;
    bool first = true;
    while (s) {
        if (s->globals.count(name)) s = &module();
        if (s->kind == ScopeKind::Class && !first) {
            s = s->parent;
            continue;
        }
        first = false;
        auto it = s->bindings.find(name);
        if (it != s->bindings.end() && !s->nonlocals.count(name)) {
            if (owner) *owner = s;
            return &it->second;
        }
        s = s->parent;
    }
    return nullptr;
}

std::optional<std::string> Model::resolve(TSNode expr, const Scope* scope) const {
    // a.b.c: down the chain to its base identifier (a loop: chains can be very long).
    std::vector<TSNode> attributes;
    while (is(expr, "attribute")) {
        attributes.push_back(field(expr, "attribute"));
        expr = field(expr, "object");
    }
    if (!is(expr, "identifier")) return std::nullopt;
    const std::vector<Binding>* bs = lookup(scope, std::string(syntax_.text(expr)));
    if (!bs || bs->empty()) return std::nullopt;
    for (const Binding& b : *bs)
        if (b.kind != Binding::Kind::Import || b.qualified != bs->front().qualified) return std::nullopt;
    std::string out = bs->front().qualified;
    for (auto it = attributes.rbegin(); it != attributes.rend(); ++it) {
        out += '.';
        out += syntax_.text(*it);
    }
    return out;
}

std::vector<const Reference*> Model::referencesTo(std::string_view module) const {
    std::vector<const Reference*> out;
    for (const Reference& r : references_) {
        const std::string& q = r.qualified;
        if (q.size() >= module.size() && q.compare(0, module.size(), module) == 0 &&
            (q.size() == module.size() || q[module.size()] == '.'))
            out.push_back(&r);
    }
    return out;
}

const std::vector<NameLoad>& Model::loadsOf(const std::string& name) const {
    static const std::vector<NameLoad> none;
    auto it = loads_.find(name);
    return it == loads_.end() ? none : it->second;
}

const Scope* Model::scopeOf(TSNode node) const {
    for (TSNode n = node; !isNull(n); n = syntax_.parent(n)) {
        auto it = scopeByNode_.find(n.id);
        if (it == scopeByNode_.end()) continue;
        const Scope* s = it->second;
        if (s->kind == ScopeKind::Function || s->kind == ScopeKind::Class || s->kind == ScopeKind::Lambda) {
            TSNode body = field(n, "body");
            if (!contains(body, node)) continue;  // the def line itself belongs to the enclosing scope
        }
        return s;
    }
    return &module();
}

const Scope* Model::enclosingFunction(const Scope* scope) {
    for (const Scope* s = scope; s; s = s->parent)
        if (s->kind == ScopeKind::Function || s->kind == ScopeKind::Lambda) return s;
    return nullptr;
}

bool Model::nameAvailableFor(const Scope* scope, const std::string& name, const std::string& module) const {
    const Scope* owner = nullptr;
    const std::vector<Binding>* bs = lookup(scope, name, &owner);
    if (!bs) return true;
    for (const Binding& b : *bs)
        if (b.kind != Binding::Kind::Import || b.qualified != module) return false;
    return true;
}

}  // namespace anymig::python
