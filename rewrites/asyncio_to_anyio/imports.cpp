// AM001 imports: adds the imports other rules' fixes need (`import anyio`, `import
// inspect`, `import functools`) with the module's top-level imports, and removes
// asyncio imports that nothing uses any more. Every import edit goes through here.
#include <algorithm>
#include <set>

#include "rewrites/asyncio_to_anyio/imports.h"

#include "matchers/python/import_style.h"
#include "rewrites/asyncio_to_anyio/common.h"
#include "rewrites/asyncio_to_anyio/local_names.h"

namespace anymig::asyncio_to_anyio {

namespace {

bool isDocstring(TSNode stmt) {
    if (!is(stmt, "expression_statement")) return false;
    auto kids = namedChildren(stmt);
    return kids.size() == 1 && is(kids[0], "string");
}

// One statement of the module's first run of top-level imports, as isort sees it.
struct BlockImport {
    TSNode stmt{};
    python::ImportSection section{};
    bool straight = false;      // `import x` (else `from x import y`)
    std::string module;         // "os.path", ".sibling", "__future__"
    std::string line;           // normalised: "import x" / "from x import y"
    std::size_t begin = 0;      // start of its line, or of the comment lines directly above it
    std::size_t end = 0;        // start of the line after it
};

bool isImport(TSNode n) {
    return is(n, "import_statement") || is(n, "import_from_statement") || is(n, "future_import_statement");
}

bool blankLine(std::string_view text, std::size_t at) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r')) ++at;
    return at < text.size() && text[at] == '\n';
}

std::size_t nextLine(std::string_view text, std::size_t at) {
    std::size_t nl = text.find('\n', at);
    return nl == std::string_view::npos ? text.size() : nl + 1;
}

BlockImport describe(const Context& ctx, TSNode stmt, std::size_t begin, const python::ImportStyle& style) {
    BlockImport b{stmt, {}, is(stmt, "import_statement"), {}, {}, begin, afterLine(ctx, stmt)};
    if (is(stmt, "future_import_statement")) {
        b.module = "__future__";
    } else if (b.straight) {
        TSNode first = namedChildren(stmt).front();
        b.module = ctx.str(is(first, "aliased_import") ? field(first, "name") : first);
    } else {
        b.module = ctx.str(field(stmt, "module_name"));
    }
    std::string firstName;
    for (TSNode item : namedChildren(stmt))
        if (!python::sameNode(item, field(stmt, "module_name")) && !is(item, "comment")) {
            firstName = ctx.str(item);
            break;
        }
    b.line = b.straight ? "import " + b.module : "from " + b.module + " import " + firstName;
    b.section = style.sectionOf(b.module);
    return b;
}

// The module's first run of top-level imports (comments between them allowed), after the
// docstring; `preambleEnd` is set to the end of the docstring or leading comment lines.
std::vector<BlockImport> importBlock(const Context& ctx, const python::ImportStyle& style, std::size_t& preambleEnd) {
    auto top = namedChildren(ctx.syntax.root());
    std::vector<BlockImport> block;
    preambleEnd = ctx.source.hasBom() ? 3 : 0;
    std::size_t i = 0, commentsFrom = std::string::npos;
    for (; i < top.size() && is(top[i], "comment") && python::rowOf(top[i]) == ctx.source.position(preambleEnd).line; ++i)
        preambleEnd = afterLine(ctx, top[i]);  // shebang, encoding, licence lines at the very top
    if (i < top.size() && isDocstring(top[i])) preambleEnd = afterLine(ctx, top[i++]);
    int prevEndRow = i > 0 ? python::endRowOf(top[i - 1]) : -1;
    int commentRow = -2;  // the last own-line comment's row
    for (; i < top.size(); ++i) {
        TSNode n = top[i];
        std::size_t lineStart = ctx.source.lineStart(python::rowOf(n));
        if (is(n, "comment")) {
            if (python::rowOf(n) == prevEndRow) continue;  // trailing comment: `import os  # noqa`
            if (commentRow + 1 != python::rowOf(n)) commentsFrom = lineStart;
            commentRow = prevEndRow = python::rowOf(n);
            continue;
        }
        if (!isImport(n)) break;
        bool attached = commentsFrom != std::string::npos && commentRow + 1 == python::rowOf(n);
        block.push_back(describe(ctx, n, attached ? commentsFrom : lineStart, style));
        commentsFrom = std::string::npos;
        commentRow = -2;
        prevEndRow = python::endRowOf(n);
    }
    return block;
}

// A Fix::imports entry: "module" or "module as alias" (see importedModuleName).
struct ImportEntry {
    std::string module, name;
};

ImportEntry parseEntry(const std::string& entry) {
    std::size_t as = entry.find(" as ");
    if (as == std::string::npos) return {entry, entry};
    return {entry.substr(0, as), entry.substr(as + 4)};
}

// One `import <module>` line to insert at `at` (replacing [at, end): blank lines, for a new
// block). Insertions at the same point are merged in isort's order (mergeInsertions).
struct Planned {
    std::size_t at = 0, end = 0;
    python::ImportSection section{};
    std::string key;     // isort's sort key within the section
    std::string line;    // "import x" + newline
    std::string prefix;  // blank lines before it (a new section after others; a new block)
    std::string suffix;  // blank lines after it (a new section before others; a new block)
};

std::string sortKey(const python::ImportStyle& style, const std::string& module) {
    return style.forceSortWithinSections ? style.lineKey("import " + module) : style.moduleKey(module);
}

// `import <module>` where isort puts it within its section: among the `import x` lines by
// module name (then before the `from` lines), or among all lines with force_sort_within_sections.
std::size_t intoSection(const python::ImportStyle& style, const std::vector<const BlockImport*>& same,
                        const std::string& module) {
    std::string key = sortKey(style, module);
    if (style.forceSortWithinSections) {
        for (const BlockImport* b : same)
            if (python::naturalLess(key, style.lineKey(b->line))) return b->begin;
        return same.back()->end;
    }
    const BlockImport* lastStraight = nullptr;
    for (const BlockImport* b : same) {
        if (!b->straight) continue;
        if (python::naturalLess(key, style.moduleKey(b->module))) return b->begin;
        lastStraight = b;
    }
    return lastStraight ? lastStraight->end : same.front()->begin;
}

// A new import block after the docstring / leading comments: one blank line above it (when
// something is above), and below it the blank lines isort wants before the code that follows.
void newBlock(const Context& ctx, const python::ImportStyle& style, std::size_t at, Planned& p) {
    const std::string& text = ctx.source.text();
    const std::string& nl = ctx.newline();
    std::size_t end = at;
    while (end < text.size() && blankLine(text, end)) end = nextLine(text, end);
    std::size_t next = end;  // isort skips comment lines directly followed by code
    while (next < text.size() && text[next] == '#' && nextLine(text, next) < text.size() &&
           !blankLine(text, nextLine(text, next)))
        next = nextLine(text, next);
    p.at = at;
    p.end = end;
    if (at > (ctx.source.hasBom() ? 3u : 0u)) p.prefix = nl;
    if (end < text.size()) {
        int blanks = style.blankLinesAfterImports(std::string_view(text).substr(next), ctx.source.path());
        for (int k = 0; k < blanks; ++k) p.suffix += nl;
    }
}

// Where `import <module>` goes, in isort's model (see matchers/python/import_style.h):
// in its section of the module's first import block, else a new section between the others.
Planned plan(const Context& ctx, const python::ImportStyle& style, const std::vector<BlockImport>& block,
             std::size_t preambleEnd, const std::string& entry) {
    Planned p;
    const std::string module = parseEntry(entry).module;
    p.section = style.sectionOf(module);
    p.key = style.forceSortWithinSections ? style.lineKey("import " + entry) : style.moduleKey(module);
    p.line = "import " + entry + ctx.newline();
    if (block.empty()) {
        newBlock(ctx, style, preambleEnd, p);
        return p;
    }
    std::vector<const BlockImport*> same;
    for (const BlockImport& b : block)
        if (b.section == p.section) same.push_back(&b);
    std::string gap;
    for (int k = 0; k < style.linesBetweenSections; ++k) gap += ctx.newline();
    if (!same.empty()) {
        p.at = p.end = intoSection(style, same, module);
        return p;
    }
    for (const BlockImport& b : block)
        if (b.section > p.section) {
            p.at = p.end = b.begin;
            p.suffix = gap;
            return p;
        }
    p.at = p.end = block.back().end;
    p.prefix = gap;
    return p;
}

// Insertions at one point become one edit: sections in order with a blank line between them,
// names in isort's order within a section.
std::vector<Edit> mergeInsertions(const Context& ctx, const python::ImportStyle& style, std::vector<Planned> all) {
    std::stable_sort(all.begin(), all.end(), [](const Planned& a, const Planned& b) {
        if (a.at != b.at) return a.at < b.at;
        if (a.section != b.section) return a.section < b.section;
        return python::naturalLess(a.key, b.key);
    });
    std::string gap;
    for (int k = 0; k < style.linesBetweenSections; ++k) gap += ctx.newline();
    const std::string& src = ctx.source.text();
    std::vector<Edit> edits;
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        std::string text = all[i].prefix;
        for (; j < all.size() && all[j].at == all[i].at; ++j) {
            if (j > i && all[j].section != all[j - 1].section) text += gap;
            text += all[j].line;
        }
        text += all[j - 1].suffix;
        std::size_t at = all[i].at;
        if (at == src.size() && !src.empty() && src.back() != '\n') text = ctx.newline() + text;
        edits.push_back(Edit{at, all[i].end, text, "AM001"});
        i = j;
    }
    return edits;
}

// An import this run wrote in place of other code (AM105's `try: import anyio` block becoming
// `import anyio`) keeps the blank lines that stood above that code; isort wants its block
// without them: gaps next to such an import shrink to one blank line between sections and
// none within one. Gaps between the user's own imports are left alone.
void closeGaps(Context& ctx, const python::ImportStyle& style, const std::vector<BlockImport>& block,
               const std::set<std::string>& originalImports) {
    const std::string& text = ctx.source.text();
    for (std::size_t i = 0; i + 1 < block.size(); ++i) {
        const BlockImport& a = block[i];
        const BlockImport& b = block[i + 1];
        if (originalImports.count(ctx.str(a.stmt)) && originalImports.count(ctx.str(b.stmt))) continue;
        int blanks = 0;
        std::size_t at = a.end;
        for (; at < b.begin && blankLine(text, at); at = nextLine(text, at)) ++blanks;
        int want = a.section == b.section ? 0 : style.linesBetweenSections;
        if (at != b.begin || blanks <= want) continue;
        std::string gap;
        for (int k = 0; k < want; ++k) gap += ctx.newline();
        ctx.tryAdd({Edit{a.end, b.begin, gap, "AM001"}}, /*layoutCheck=*/false);
    }
    // Below the block, when its last import is such an import: the blank lines isort wants.
    if (block.empty() || originalImports.count(ctx.str(block.back().stmt))) return;
    std::size_t at = block.back().end;
    int blanks = 0;
    for (; at < text.size() && blankLine(text, at); at = nextLine(text, at)) ++blanks;
    if (at >= text.size() || text[at] == '#') return;
    int want = style.blankLinesAfterImports(std::string_view(text).substr(at), ctx.source.path());
    if (blanks == want) return;
    std::string gap;
    for (int k = 0; k < want; ++k) gap += ctx.newline();
    ctx.tryAdd({Edit{block.back().end, at, gap, "AM001"}}, /*layoutCheck=*/false);
}

// Whether the module binds `name` to `module` with a top-level `import` statement.
bool moduleImports(const Context& ctx, const std::string& module, const std::string& name) {
    auto it = ctx.model.module().bindings.find(name);
    if (it == ctx.model.module().bindings.end()) return false;
    for (const python::Binding& b : it->second)
        if (b.kind == python::Binding::Kind::Import && b.qualified == module &&
            is(ctx.syntax.parent(b.statement), "module"))
            return true;
    return false;
}

bool moduleImports(const Context& ctx, const std::string& entry) {
    ImportEntry e = parseEntry(entry);
    return moduleImports(ctx, e.module, e.name);
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

// removeStatement for an import, keeping the import block as isort leaves it: when the
// statement was a section of its own (blank lines on both sides), the blank lines above it
// go too; when it was the first section (at the top, or under a docstring with more imports
// below), the blank lines below it.
std::vector<Edit> removeImport(const Context& ctx, TSNode stmt) {
    std::vector<Edit> edits = removeStatement(ctx, stmt);
    if (edits.size() != 1 || !is(ctx.syntax.parent(stmt), "module") || !edits[0].replacement.empty() ||
        edits[0].begin != ctx.source.lineStart(python::rowOf(stmt)))
        return edits;
    Edit& e = edits[0];
    const std::string& text = ctx.source.text();
    std::size_t top = ctx.source.hasBom() ? 3 : 0;
    std::size_t after = e.end;
    while (after < text.size() && blankLine(text, after)) after = nextLine(text, after);
    std::size_t before = e.begin;
    while (before > top) {
        std::size_t prev = ctx.source.lineStart(ctx.source.position(before - 1).line);
        if (!blankLine(text, prev)) break;
        before = prev;
    }
    auto importAt = [&](std::size_t at) { return text.compare(at, 7, "import ") == 0 || text.compare(at, 5, "from ") == 0; };
    TSNode prev = ts_node_prev_named_sibling(stmt);
    bool firstOfSection = before != e.begin || isNull(prev) || !isImport(prev);
    if (before != e.begin && (after != e.end || after >= text.size())) e.begin = before;
    else if (e.begin == top || (firstOfSection && after != e.end && after < text.size() && importAt(after))) e.end = after;
    return edits;
}

bool fromAsyncio(const std::string& qualified) {
    return qualified == "asyncio" || qualified.rfind("asyncio.", 0) == 0;
}


// 1. Imports the accepted fixes need.
void addNeededImports(Context& ctx, const python::ImportStyle& style, const std::vector<BlockImport>& block,
                      std::size_t preambleEnd) {
    std::vector<Planned> planned;
    for (const auto& [module, count] : ctx.neededImports()) {
        if (count == 0 || moduleImports(ctx, module) || ctx.providedImports().count(module)) continue;
        planned.push_back(plan(ctx, style, block, preambleEnd, module));
    }
    for (Edit& e : mergeInsertions(ctx, style, std::move(planned)))
        ctx.tryAdd({e}, /*layoutCheck=*/false);  // the fixes of this round need it
}

// What the user's file imported at the top level (statement texts) and used from asyncio (names),
// before this run's first round.
struct OriginalFacts {
    std::set<std::string> usedFromAsyncio;
    std::set<std::string> imports;
};

OriginalFacts factsOf(const python::Syntax& syn, const python::Model& model) {
    OriginalFacts f;
    for (const python::Reference& r : model.references())
        if (fromAsyncio(r.qualified)) f.usedFromAsyncio.insert(r.name);
    for (TSNode n : namedChildren(syn.root()))
        if (isImport(n)) f.imports.insert(std::string(syn.text(n)));
    return f;
}

// Kept in the run's round notes as NUL-separated lists (names and statements hold no NUL).
constexpr const char* kUsedNote = "AM001.original-used";
constexpr const char* kImportsNote = "AM001.original-imports";

std::string joinNul(const std::set<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += i + '\0';
    return out;
}

std::set<std::string> splitNul(const std::string& joined) {
    std::set<std::string> out;
    for (std::size_t at = 0, end; (end = joined.find('\0', at)) != std::string::npos; at = end + 1)
        out.insert(joined.substr(at, end - at));
    return out;
}

void noteOriginalFacts(const Context& ctx) {
    if (!ctx.roundNotes) return;
    OriginalFacts f = factsOf(ctx.syntax, ctx.model);
    (*ctx.roundNotes)[kUsedNote] = joinNul(f.usedFromAsyncio);
    (*ctx.roundNotes)[kImportsNote] = joinNul(f.imports);
}

// From the notes of the first round, or (outside a runner's rounds) by parsing the original.
OriginalFacts originalFacts(const Context& ctx) {
    if (ctx.roundNotes && ctx.roundNotes->count(kUsedNote))
        return {splitNul(ctx.roundNotes->at(kUsedNote)), splitNul(ctx.roundNotes->at(kImportsNote))};
    SourceFile original(ctx.source.path(), *ctx.originalText);
    python::Syntax syn(original);
    python::Model model(syn);
    return factsOf(syn, model);
}

// The asyncio names the original text (before this run) used; also closes the gaps next to
// imports this run wrote (closeGaps), which needs the original imports.
std::set<std::string> usedOriginallyClosingGaps(Context& ctx, const python::ImportStyle& style,
                                                const std::vector<BlockImport>& block) {
    OriginalFacts original = originalFacts(ctx);
    closeGaps(ctx, style, block, original.imports);
    return std::move(original.usedFromAsyncio);
}

// One name of an import statement, and whether it is an asyncio import this run stopped using.
// `plain`: removed as removeStatement alone removes it (see predictUnused).
struct ImportItem { TSNode stmt; TSNode item; bool unused; bool plain = false; };

// Group import items of asyncio by statement.
std::vector<ImportItem> importItems(const Context& ctx, const std::set<std::string>& usedOriginally) {
    const bool hasAll = ctx.source.text().find("__all__") != std::string::npos;
    const std::string& path = ctx.source.path();
    const bool isPackageInit = path.size() >= 11 && path.compare(path.size() - 11, 11, "__init__.py") == 0;
    std::vector<ImportItem> items;
    for (TSNode n : ctx.syntax.namedNodes()) {
        if (!isImport(n) || is(n, "future_import_statement")) continue;
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
                // Names another module of the run may import from this one stay (asyncssh's
                // process.py: `from asyncio.subprocess import PIPE`, re-exported by its __init__'s
                // `from .process import DEVNULL, PIPE, STDOUT`; removing it broke the package).
                if (unused && ctx.run && !ctx.run->importerOfName(path, name).empty()) unused = false;
                // Names re-exported through __all__ stay.
                if (unused && hasAll && is(n, "import_from_statement") &&
                    (ctx.source.text().find("\"" + name + "\"") != std::string::npos ||
                     ctx.source.text().find("'" + name + "'") != std::string::npos))
                    unused = false;
            }
            items.push_back(ImportItem{n, item, unused});
        }
    }
    return items;
}

// Removes the unused items: whole statements (or their optional-import `try` block), else
// runs of names. `tentative`: decided ahead of the round's rewrite (see predictUnused).
void removeUnusedItems(Context& ctx, const std::vector<ImportItem>& items, bool tentative = false) {
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
            TSNode whole = j - i == 1 && !items[i].plain ? optionalImportBlock(ctx, stmt, boundName(ctx, stmt, items[i].item)) : TSNode{};
            std::vector<Edit> edits = items[i].plain ? removeStatement(ctx, stmt) : removeImport(ctx, isNull(whole) ? stmt : whole);
            if (!edits.empty()) {
                for (Edit& e : edits) {
                    e.ruleId = "AM001";
                    e.tentative = tentative;
                }
                ctx.tryAdd(edits, /*layoutCheck=*/false);  // whole top-level lines, never re-indented
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
            for (Edit& e : edits) e.tentative = tentative;
            ctx.tryAdd(edits, /*layoutCheck=*/false);
        }
        i = j;
    }
}

bool identifierByte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

// How often `word` occurs in `text` as a whole identifier-like word that is not an attribute
// name (`x.sleep` never refers to a name `sleep`).
std::size_t wordCount(std::string_view text, std::string_view word) {
    std::size_t n = 0;
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1))
        if ((at == 0 || (!identifierByte(text[at - 1]) && text[at - 1] != '.')) &&
            (at + word.size() >= text.size() || !identifierByte(text[at + word.size()])))
            ++n;
    return n;
}

// The text a removal of `unit` reads (removeStatement, removeImport): from the statement before
// it (whose kind counts) over the blank lines to the first bytes of the next non-blank line
// (`after`); inside a block, the whole block (removeStatement counts its statements).
struct Window { std::size_t begin, end, after; };
Window removalWindow(const Context& ctx, TSNode unit) {
    const std::string& text = ctx.source.text();
    TSNode parent = ctx.syntax.parent(unit);
    TSNode prev = ts_node_prev_named_sibling(unit);
    std::size_t b = isNull(prev) ? 0 : beginOf(prev);
    std::size_t e = nextLine(text, endOf(unit));
    while (e < text.size() && blankLine(text, e)) e = nextLine(text, e);
    const std::size_t after = e;
    e += 8;  // removeImport looks for "import " / "from " there
    if (!isNull(parent) && !is(parent, "module")) {
        b = std::min(b, beginOf(parent));
        e = std::max(e, endOf(parent) + 1);
        if (isNull(prev)) b = beginOf(parent);
    }
    return {b, e, after};
}

bool startsImport(std::string_view text) {
    return text.substr(0, 7) == "import " || text.substr(0, 5) == "from ";
}

// In a round where other rules have edits pending (the normal first round of a migration),
// the asyncio imports those edits leave unused, decided from the round's planned edits so the
// file does not need a round of its own for them. Only where the answer is certainly the one
// the next round would reach on the rewritten text; everything else waits for that round:
// - every reference to the import's binding lies inside an edit that replaces it, no edit's
//   replacement names it, and the edited text holds the name exactly as often as those
//   references (so no other binding or use of the name is changed);
// - no edit touches the statement, its neighbours or the blank lines between them (the text
//   removeImport reads is the same before and after the round);
// - `__all__` and the re-export checks read the rewritten text.
// The removals are tentative: the runner keeps them only when the result asks for nothing more
// (so the next round, had it run, would have made exactly these edits and no others).
// An import line inserted right below a whole-line top-level statement (the new `import anyio`
// after the block's last import): on the rewritten text the statement is directly followed by an
// import, and removeImport then removes exactly removeStatement's lines. The statement and what
// is above it must be untouched.
bool insertedBelow(const Context& ctx, const std::vector<Edit>& pending, TSNode stmt) {
    if (!is(ctx.syntax.parent(stmt), "module")) return false;
    std::vector<Edit> plain = removeStatement(ctx, stmt);
    if (plain.size() != 1 || plain[0].end != afterLine(ctx, stmt) || !plain[0].replacement.empty()) return false;
    Window w = removalWindow(ctx, stmt);
    bool inserted = false;
    for (const Edit& x : pending) {
        if (x.end < w.begin || x.begin > plain[0].end) continue;
        if (x.begin == x.end && x.begin == plain[0].end && startsImport(x.replacement)) {
            inserted = true;
            continue;
        }
        return false;
    }
    return inserted;
}

// Whether a pending edit changes what removing `unit` reads. A line inserted where the next line
// starts (a new import section below it) does not when both that line and the next start an
// import: removeImport reads only whether an import follows the blank lines.
bool touched(const Context& ctx, const std::vector<Edit>& pending, TSNode unit) {
    const std::string& src = ctx.source.text();
    Window w = removalWindow(ctx, unit);
    for (const Edit& x : pending) {
        if (x.begin > w.end || x.end < w.begin) continue;
        if (x.begin == x.end && x.begin == w.after && w.after < src.size() && startsImport(x.replacement) &&
            startsImport(std::string_view(src).substr(w.after)) && is(ctx.syntax.parent(unit), "module"))
            continue;
        return true;
    }
    return false;
}

// What predictUnused reads of one round.
struct Round {
    const std::vector<Edit>& pending;
    std::string rewritten;
    bool hasAll = false, isPackageInit = false;
};

enum class Guess { Used, Unused, Unsure };

// One import item: Unused when the round's edits certainly leave it unused (see predictUnused),
// Used when the next round would keep it too, Unsure when only the next round can tell.
Guess guessItem(const Context& ctx, const Round& round, TSNode stmt, TSNode item,
                const std::set<std::string>& usedOriginally) {
    std::string name = boundName(ctx, stmt, item);
    const python::Scope* scope = ctx.model.scopeOf(stmt);
    const python::Scope* owner = nullptr;
    const std::vector<python::Binding>* bs = ctx.model.lookup(scope, name, &owner);
    bool isAsyncio = false, clean = bs != nullptr && owner == scope;
    if (bs)
        for (const python::Binding& b : *bs) {
            if (b.kind != python::Binding::Kind::Import) clean = false;
            if (python::sameNode(b.importItem, item) && fromAsyncio(b.qualified)) isAsyncio = true;
        }
    if (!isAsyncio || !clean || !usedOriginally.count(name)) return Guess::Used;
    std::size_t inside = 0;
    for (const python::Reference& r : ctx.model.references()) {
        if (r.bindingScope != owner || r.name != name) continue;
        bool replaced = std::any_of(round.pending.begin(), round.pending.end(), [&](const Edit& x) {
            return x.begin < x.end && x.begin <= beginOf(r.base) && endOf(r.base) <= x.end;
        });
        if (!replaced) return Guess::Used;  // a reference stays
        ++inside;
    }
    std::size_t words = 0;
    for (const Edit& x : round.pending) {
        if (wordCount(x.replacement, name) != 0) return Guess::Unsure;
        words += wordCount(std::string_view(ctx.source.text()).substr(x.begin, x.end - x.begin), name);
    }
    if (words != inside) return Guess::Unsure;
    if (is(stmt, "import_from_statement") && round.isPackageInit) return Guess::Used;
    if (ctx.run && !ctx.run->importerOfName(ctx.source.path(), name).empty()) return Guess::Used;  // as importItems
    if (round.hasAll && is(stmt, "import_from_statement") &&
        (round.rewritten.find("\"" + name + "\"") != std::string::npos ||
         round.rewritten.find("'" + name + "'") != std::string::npos))
        return Guess::Used;
    return Guess::Unused;
}

// In a round where other rules have edits pending (the normal first round of a migration), the
// asyncio imports those edits leave unused, decided from the round's planned edits so the file
// does not need a round of its own for them. Only where the answer is certainly the one the next
// round would reach on the rewritten text:
// - every reference to the import's binding lies inside an edit that replaces it, no edit's
//   replacement names it, and the edited text holds the name exactly as often as those
//   references (so no other binding or use of the name is changed);
// - no edit touches the statement, its neighbours or the blank lines between them (the text
//   removeImport reads is the same before and after the round), or see insertedBelow;
// - `__all__` and the re-export checks read the rewritten text.
// When any import is Unsure, nothing is guessed (the next round would remove it anyway). The
// removals are tentative: the runner keeps them only when the result asks for nothing more (so
// the next round, had it run, would have made exactly these edits and no others).
void predictUnused(Context& ctx, const std::set<std::string>& usedOriginally) {
    const std::string& src = ctx.source.text();
    const std::string& path = ctx.source.path();
    Round round{ctx.edits().edits(), ctx.edits().apply(src)};
    if (ctx.originalText ? round.rewritten == *ctx.originalText : round.rewritten == src) return;
    round.hasAll = round.rewritten.find("__all__") != std::string::npos;
    round.isPackageInit = path.size() >= 11 && path.compare(path.size() - 11, 11, "__init__.py") == 0;
    std::vector<ImportItem> items;
    for (TSNode n : ctx.syntax.namedNodes()) {
        if (!isImport(n) || is(n, "future_import_statement")) continue;
        const std::size_t first = items.size();
        for (TSNode item : namedChildren(n)) {
            if (python::sameNode(item, field(n, "module_name")) || is(item, "comment")) continue;
            Guess g = guessItem(ctx, round, n, item, usedOriginally);
            if (g == Guess::Unsure) return;
            items.push_back(ImportItem{n, item, g == Guess::Unused});
        }
        if (std::none_of(items.begin() + static_cast<long>(first), items.end(), [](const ImportItem& i) { return i.unused; }))
            continue;
        TSNode whole = items.size() - first == 1 ? optionalImportBlock(ctx, n, boundName(ctx, n, items[first].item)) : TSNode{};
        if (isNull(whole) && items.size() - first == 1 && insertedBelow(ctx, round.pending, n))
            items[first].plain = true;
        else if (touched(ctx, round.pending, n) || (!isNull(whole) && touched(ctx, round.pending, whole)))
            return;  // the next round decides it on the rewritten layout
    }
    removeUnusedItems(ctx, items, /*tentative=*/true);
}

}  // namespace

ImportedName importedModuleName(const Context& ctx, TSNode site, const std::string& module) {
    const python::Scope* scope = ctx.model.scopeOf(site);
    if (ctx.model.nameAvailableFor(scope, module, module)) return {module, module};
    // An alias the file has already (an earlier run's, or the user's `import subprocess as sp`).
    std::vector<std::string> aliases;
    for (const auto& [name, bindings] : ctx.model.module().bindings)
        if (name != module && moduleImports(ctx, module, name) && ctx.model.nameAvailableFor(scope, name, module))
            for (const python::Binding& b : bindings)
                if (is(b.statement, "import_statement")) aliases.push_back(name);
    if (!aliases.empty()) {
        std::string name = *std::min_element(aliases.begin(), aliases.end());  // one answer for every site
        return {name, module + " as " + name};
    }
    std::string name = "_" + module;
    for (int k = 2; identifierUsed(ctx, name); ++k) name = "_" + module + "_" + std::to_string(k);
    return {name, module + " as " + name};
}

extern const PyRule kImports{
    .info = {.id = "AM001",
     .name = "imports",
     .category = "import",
     .summary = "Add the imports fixes need and remove asyncio imports nothing uses any more",
     .safety = FixSafety::Safe,
     .brief = R"md(adds `import anyio` / `inspect` / `functools` where the project's isort (or ruff) puts them: its section (future, stdlib, third party, first party, local), isort's order, the project's `[tool.isort]` / `.isort.cfg` / `setup.cfg` / `[tool.ruff.lint.isort]` settings; never inside a block; removes asyncio imports this run stopped using (an emptied section takes its blank line))md",
     .doc = R"md(
## What it does

Every import edit of the pack goes through this rule; the other rules only list the modules
their replacement text needs. It runs last in every round and does two things.

**Adds** `import anyio`, `import inspect`, `import functools` (and the other modules fixes
name) when an accepted fix needs the module and the module is not already imported at module
level. The line goes where isort would put it, so a project that runs isort or ruff's import
sorting in CI still passes it after the migration:

A fix whose module's name is bound to something else at its site asks this rule for the name
to use (`importedModuleName`, ruff's importer model): the module's own name where it is free,
else the alias of a top-level `import module as x` the file has, else a new alias `_module`
(`_module_2`, ... until the name occurs nowhere in the file); the fix then lists the import
as `module as alias`, and the line `import subprocess as _subprocess` is placed like
`import subprocess` ([AM212](subprocess.md)'s constants under `from asyncio import subprocess`).

- sections as isort has them: future, standard library, third party, first party, local
  (relative imports); a module is first party when the configuration says so
  (`known_first_party`) or when it is found in the project's `src_paths` (default: the
  configuration's folder and its `src/`), as isort decides;
- in the module's first run of top-level imports, within the module's section: among the
  `import x` lines in isort's order (case-insensitive, natural), before the `from` lines;
  with `force_sort_within_sections`, among all the section's lines by isort's line key;
- a section the file does not have yet is created between the others, with a blank line
  between sections (`lines_between_sections`);
- with no top-level imports: a new block after the docstring / leading comments, one blank
  line above it and below it what isort wants before the code (`lines_after_imports`;
  by default two before a `def`/`class`/decorator, else one);
- several imports added at one point come out in isort's order as one block.

The configuration is read as isort finds it: the nearest folder at or above the file holding
`.isort.cfg`, `pyproject.toml` `[tool.isort]`, `setup.cfg` / `tox.ini` `[isort]` or
`[tool:isort]` (read with toml++ and inih), else ruff's `[tool.ruff.lint.isort]` /
`[tool.ruff.isort]` or `ruff.toml`, stopping at the repository root. Settings used:
`profile` (black, google, open_stack, plone, attrs, pycharm), `known_first_party`,
`known_third_party`, `known_local_folder`, `known_standard_library` /
`extra_standard_library`, `src_paths` (ruff: `src`), `default_section`,
`force_sort_within_sections`, `force_single_line` (a straight `import x` is one line either
way), `order_by_type`, `case_sensitive`, `lexicographical`, `lines_after_imports`,
`lines_between_sections`. The logic lives in `matchers/python/import_style.cpp` (it names no
pack). `tests/scripts/test_isort_black.py` checks the round trip with Debian's isort and
black.

A whole line is inserted at the start of a line, with the file's own line ending (CRLF stays
CRLF; a missing final newline is handled), so it can never land inside an indented block or
split a multi-line import.

**Removes** asyncio imports (`import asyncio`, `import asyncio as aio`, and the individual
names of `from asyncio import a, b`) that this run stopped using, in any scope:

- only in a round where no other rule has an edit pending, on the text as it really is,
  so a reference that another rule kept is never missed; or already in the round whose
  fixes replace its last references, when that is certain from the round's edits (every
  reference inside an edit that replaces it, no fix writing the name, the lines around the
  import not edited): such a removal is kept only when the rewritten file then needs no
  further round, so the result is the same either way, one round sooner;
- only names the original file used: an import that was already unused stays
  (importing a submodule such as `asyncio.subprocess` can have side effects);
- from a `from asyncio import ...` only the unused names go, separators fixed;
- names listed in `__all__` stay, and so do names another module of the run may import from
  this one (its import statements name this module and the name: asyncssh's `__init__.py`
  re-exports `from .process import DEVNULL, PIPE, STDOUT`, which `process.py` imports from
  `asyncio.subprocess`; fixture `imports/pkg/`), and every `from` import of a package's
  `__init__.py`;
- a removed import that was a section of its own takes the blank line that separated it
  (isort leaves no empty section behind);
- an import that is the only statement of a `try:` whose handlers only catch
  `ImportError` / `ModuleNotFoundError` and `pass` or set the name to `None` is removed
  with its whole `try` block.

## Why

The seed's pattern 1 (`import asyncio` → `import anyio`) looks like a one-line text edit and
is where hand migrations break files. A real migration inserted `import inspect` at column 0
inside an indented `try:` block, a syntax error that only `py_compile` caught (see
[AM104 coroutine-detection](coroutine-detection.md)). Removing `import asyncio` while one
`asyncio.get_event_loop()` is still in the file gives a `NameError` at run time; keeping it
after every use is gone leaves the module looking unmigrated. This rule decides both from
the syntax tree.

## Example

`test-inputs/python/imports/placement.py` (shebang, encoding line, docstring,
`from __future__`, an optional import, and `import asyncio` after it):

```python
@fixture placement.py 1-20
```

becomes (`placement.expected.py`):

```python
@fixture placement.expected.py 1-20
```

Partly used `from asyncio import (...)` (`partial_from.py` → `partial_from.expected.py`;
`import asyncio, os` was already unused before the run, so it stays):

```python
@fixture partial_from.py 1-14
```

```python
@fixture partial_from.expected.py 1-14
```

## Flagged instead of rewritten

This rule adds no diagnostics of its own. When a fix needs a module whose name is bound to
something else at the site (a parameter called `anyio`, say), the fix is not applied and
the *requesting* rule's diagnostic becomes needs-review with this suffix:

- ``<the fix's message> — not rewritten: `<module>` is bound to something else here``

From `test-inputs/python/imports/name_taken.py`:

```python
@fixture name_taken.py 1-6
```

```text
5:11: AM101 [needs-review] asyncio.sleep() -> anyio.sleep() — not rewritten: `anyio` is bound to something else here
```

## Fix safety

Always safe: inserted imports are whole top-level lines, and an import is removed only
when no reference to its name is left in its scope. One case to know: a name imported from
asyncio that other modules import *from this module* (an implicit re-export, not listed in
`__all__`) is removed once this module stops using it; list it in `__all__` to keep it.

## Target versions

None. Which modules are requested depends on the other rules' settings (for example
`functools` only for an `asyncio.run` with keyword arguments), not on this rule's.
)md"},
    .onModule = [](Context& ctx, const PyRule& rule) {
        if (!ctx.originalText) noteOriginalFacts(ctx);  // the first round sees the original
        const python::ImportStyle& style = python::importStyleFor(ctx.source.path(), ctx.settings.get(python::kImportSettingsPathKey));
        std::size_t preambleEnd = 0;
        std::vector<BlockImport> block = importBlock(ctx, style, preambleEnd);
        addNeededImports(ctx, style, block, preambleEnd);
        // 2. asyncio imports nothing uses. Decided only in a round where no other edit is
        //    pending, on the text as it really is, so a kept reference is never missed.
        bool othersPending = std::any_of(ctx.edits().edits().begin(), ctx.edits().edits().end(),
                                         [](const Edit& e) { return e.ruleId != "AM001"; });
        if (othersPending) {
            // Within a runner's rounds (which can take a tentative edit back), decide now what
            // the next round would decide on the rewritten text, where that is certain.
            if (ctx.roundNotes) predictUnused(ctx, originalFacts(ctx).usedFromAsyncio);
            return;
        }
        // Only names this run stopped using: an import that was already unused in the user's
        // file stays (importing a submodule has side effects that are not ours to remove).
        if (!ctx.originalText || *ctx.originalText == ctx.source.text()) return;
        std::set<std::string> usedOriginally = usedOriginallyClosingGaps(ctx, style, block);
        removeUnusedItems(ctx, importItems(ctx, usedOriginally));
        (void)rule;
    }};

}  // namespace anymig::asyncio_to_anyio
