// AM001 imports: adds the imports other rules' fixes need (`import anyio`, `import
// inspect`, `import functools`) with the module's top-level imports, and removes
// asyncio imports that nothing uses any more. Every import edit goes through here.
#include <algorithm>
#include <set>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

bool isDocstring(TSNode stmt) {
    if (!is(stmt, "expression_statement")) return false;
    auto kids = namedChildren(stmt);
    return kids.size() == 1 && is(kids[0], "string");
}

bool isImport(TSNode n) { return is(n, "import_statement") || is(n, "import_from_statement"); }

// A plain `import x` with one name and no alias: its module name, else "".
std::string plainImportName(const Context& ctx, TSNode stmt) {
    if (!is(stmt, "import_statement")) return {};
    auto items = namedChildren(stmt);
    if (items.size() != 1 || !is(items[0], "dotted_name")) return {};
    return ctx.str(items[0]);
}

// Where `import <module>` goes: with the first block of top-level imports, in name
// order among the plain `import x` lines; else after the docstring and __future__
// imports; never inside an indented block.
Edit insertion(const Context& ctx, const std::string& module) {
    const std::string& nl = ctx.newline();
    std::string line = "import " + module + nl;
    auto top = namedChildren(ctx.syntax.root());
    std::size_t i = 0;
    TSNode lastPreamble{};
    for (; i < top.size(); ++i) {
        TSNode n = top[i];
        if (is(n, "comment")) continue;
        if ((isNull(lastPreamble) && isDocstring(n)) || is(n, "future_import_statement")) {
            lastPreamble = n;
            continue;
        }
        break;
    }
    // The first run of top-level imports.
    std::size_t first = i;
    while (first < top.size() && !isImport(top[first])) ++first;
    if (first < top.size()) {
        std::vector<TSNode> block;
        for (std::size_t k = first; k < top.size() && (isImport(top[k]) || is(top[k], "comment")); ++k)
            if (isImport(top[k])) block.push_back(top[k]);
        TSNode lastPlain{};
        for (TSNode s : block) {
            std::string name = plainImportName(ctx, s);
            if (name.empty()) continue;
            if (name > module) return Edit{ctx.source.lineStart(python::rowOf(s)), ctx.source.lineStart(python::rowOf(s)), line, "AM001"};
            lastPlain = s;
        }
        if (!isNull(lastPlain)) {
            std::size_t at = afterLine(ctx, lastPlain);
            bool needNl = at == ctx.source.text().size() && !ctx.source.text().empty() && ctx.source.text().back() != '\n';
            return Edit{at, at, (needNl ? nl : "") + line, "AM001"};
        }
        std::size_t at = ctx.source.lineStart(python::rowOf(block.front()));
        return Edit{at, at, line, "AM001"};
    }
    if (!isNull(lastPreamble)) {
        std::size_t at = afterLine(ctx, lastPreamble);
        bool needNl = at == ctx.source.text().size() && !ctx.source.text().empty() && ctx.source.text().back() != '\n';
        return Edit{at, at, (needNl ? nl : "") + line, "AM001"};
    }
    // No imports, no docstring: after leading comment lines (shebang, encoding, licence), else at the top.
    std::size_t at = ctx.source.hasBom() ? 3 : 0;
    for (TSNode n : top) {
        if (!is(n, "comment") || python::rowOf(n) != ctx.source.position(at).line) break;
        at = afterLine(ctx, n);
    }
    bool needNl = at == ctx.source.text().size() && !ctx.source.text().empty() && ctx.source.text().back() != '\n';
    return Edit{at, at, (needNl ? nl : "") + line, "AM001"};
}

bool moduleImports(const Context& ctx, const std::string& module) {
    auto it = ctx.model.module().bindings.find(module);
    if (it == ctx.model.module().bindings.end()) return false;
    for (const python::Binding& b : it->second)
        if (b.kind == python::Binding::Kind::Import && b.qualified == module &&
            is(ctx.syntax.parent(b.statement), "module"))
            return true;
    return false;
}

// The name an import item binds.
std::string boundName(const Context& ctx, TSNode stmt, TSNode item) {
    if (is(item, "aliased_import")) return ctx.str(field(item, "alias"));
    std::string full = ctx.str(item);
    return is(stmt, "import_statement") ? full.substr(0, full.find('.')) : full;
}

// `try: import x` whose handlers only catch ImportError and set x = None / pass: once the
// import goes, the whole optional-import block goes with it.
TSNode optionalImportBlock(const Context& ctx, TSNode stmt, const std::string& name) {
    TSNode block = ctx.syntax.parent(stmt);
    TSNode tryStmt = ctx.syntax.parent(block);
    if (!is(block, "block") || !is(tryStmt, "try_statement") || !python::sameNode(field(tryStmt, "body"), block))
        return TSNode{};
    for (TSNode c : namedChildren(block))
        if (!is(c, "comment") && !python::sameNode(c, stmt)) return TSNode{};
    bool sawHandler = false;
    for (TSNode clause : namedChildren(tryStmt)) {
        if (python::sameNode(clause, block) || is(clause, "comment")) continue;
        if (!is(clause, "except_clause")) return TSNode{};
        sawHandler = true;
        std::string caught = ctx.str(namedChildren(clause).front());
        if (caught != "ImportError" && caught != "ModuleNotFoundError") return TSNode{};
        for (TSNode s : namedChildren(namedChildren(clause).back())) {
            if (is(s, "comment") || is(s, "pass_statement")) continue;
            auto kids = namedChildren(s);
            if (is(s, "expression_statement") && kids.size() == 1 && is(kids[0], "assignment") &&
                ctx.text(field(kids[0], "left")) == name && is(field(kids[0], "right"), "none"))
                continue;
            return TSNode{};
        }
    }
    return sawHandler ? tryStmt : TSNode{};
}

bool fromAsyncio(const std::string& qualified) {
    return qualified == "asyncio" || qualified.rfind("asyncio.", 0) == 0;
}

}  // namespace

extern const PyRule kImports{
    {"AM001", "imports", "import",
     "Add the imports fixes need and remove asyncio imports nothing uses any more", FixSafety::Safe},
    {},
    {},
    [](Context& ctx, const PyRule& rule) {
        // 1. Imports the accepted fixes need.
        for (const auto& [module, count] : ctx.neededImports()) {
            if (count == 0 || moduleImports(ctx, module) || ctx.providedImports().count(module)) continue;
            Edit e = insertion(ctx, module);
            ctx.tryAdd({e});
        }
        // 2. asyncio imports nothing uses. Decided only in a round where no other edit is
        //    pending, on the text as it really is, so a kept reference is never missed.
        bool othersPending = std::any_of(ctx.edits().edits().begin(), ctx.edits().edits().end(),
                                         [](const Edit& e) { return e.ruleId != "AM001"; });
        if (othersPending) return;
        // Only names this run stopped using: an import that was already unused in the user's
        // file stays (importing a submodule has side effects that are not ours to remove).
        if (!ctx.originalText || *ctx.originalText == ctx.source.text()) return;
        std::set<std::string> usedOriginally;
        {
            SourceFile original(ctx.source.path(), *ctx.originalText);
            python::Syntax syn(original);
            python::Model model(syn);
            for (const python::Reference& r : model.references())
                if (fromAsyncio(r.qualified)) usedOriginally.insert(r.name);
        }
        const bool hasAll = ctx.source.text().find("__all__") != std::string::npos;
        const std::string& path = ctx.source.path();
        const bool isPackageInit = path.size() >= 11 && path.compare(path.size() - 11, 11, "__init__.py") == 0;
        struct Item { TSNode stmt; TSNode item; bool unused; };
        std::vector<const python::Scope*> scopes;
        std::vector<Item> items;
        // Group import items of asyncio by statement.
        for (TSNode n : ctx.syntax.namedNodes()) {
            if (!isImport(n)) continue;
            const python::Scope* scope = ctx.model.scopeOf(n);
            for (TSNode item : namedChildren(n)) {
                if (python::sameNode(item, field(n, "module_name")) || is(item, "comment")) continue;
                std::string name = boundName(ctx, n, item);
                const python::Scope* owner = nullptr;
                const std::vector<python::Binding>* bs = ctx.model.lookup(scope, name, &owner);
                bool isAsyncio = false, clean = bs != nullptr && owner == scope;
                if (bs)
                    for (const python::Binding& b : *bs) {
                        if (b.kind != python::Binding::Kind::Import) clean = false;
                        if (python::sameNode(b.importItem, item) && fromAsyncio(b.qualified)) isAsyncio = true;
                    }
                bool unused = false;
                if (isAsyncio && clean && usedOriginally.count(name)) {
                    unused = true;
                    for (const python::Reference& r : ctx.model.references())
                        if (r.bindingScope == owner && r.name == name) { unused = false; break; }
                    // A package's __init__ re-exports what it imports: other modules may use it.
                    if (unused && is(n, "import_from_statement") && isPackageInit) unused = false;
                    // Names re-exported through __all__ stay.
                    if (unused && hasAll && is(n, "import_from_statement") &&
                        (ctx.source.text().find("\"" + name + "\"") != std::string::npos ||
                         ctx.source.text().find("'" + name + "'") != std::string::npos))
                        unused = false;
                }
                items.push_back(Item{n, item, unused});
            }
        }
        for (std::size_t i = 0; i < items.size();) {
            std::size_t j = i;
            while (j < items.size() && python::sameNode(items[j].stmt, items[i].stmt)) ++j;
            bool any = false, all = true;
            for (std::size_t k = i; k < j; ++k) {
                any = any || items[k].unused;
                all = all && items[k].unused;
            }
            TSNode stmt = items[i].stmt;
            if (all) {
                TSNode whole = j - i == 1 ? optionalImportBlock(ctx, stmt, boundName(ctx, stmt, items[i].item)) : TSNode{};
                std::vector<Edit> edits = removeStatement(ctx, isNull(whole) ? stmt : whole);
                if (!edits.empty()) {
                    for (Edit& e : edits) e.ruleId = "AM001";
                    ctx.tryAdd(edits);
                }
            } else if (any) {
                // Remove runs of unused names, keeping the separators right.
                std::vector<Edit> edits;
                for (std::size_t k = i; k < j;) {
                    if (!items[k].unused) { ++k; continue; }
                    std::size_t r = k;
                    while (r < j && items[r].unused) ++r;
                    if (r < j) edits.push_back(Edit{beginOf(items[k].item), beginOf(items[r].item), "", "AM001"});
                    else edits.push_back(Edit{endOf(items[k - 1].item), endOf(items[r - 1].item), "", "AM001"});
                    k = r;
                }
                ctx.tryAdd(edits);
            }
            i = j;
        }
        (void)rule;
    }};

}  // namespace anymig::asyncio_to_anyio
