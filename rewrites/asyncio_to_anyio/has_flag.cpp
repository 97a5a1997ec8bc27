// AM105 has-flag: folds constant availability flags. The seed's
//   try: import anyio; HAS_ANYIO = True
//   except ImportError: import asyncio; HAS_ANYIO = False
// becomes `import anyio`; `if HAS_ANYIO: A else: B` becomes A (re-indented, comments
// kept); `X if HAS_ANYIO else Y` becomes X; `HAS_ANYIO and c` becomes c. Flags come
// from that pattern (assumed true, since anyio is the target) and from --assume-true /
// --assume-false. The definition goes once nothing in the module uses the flag.
#include <algorithm>
#include <optional>
#include <set>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

struct FlagDef {
    std::string name;
    bool value = true;
    TSNode tryStmt{};       // the try/except pattern, if that is where it came from
    bool tryFoldable = false;
    TSNode flagAssign{};    // `NAME = True` inside the try body
    TSNode keptDef{};       // `NAME = True` after a module-level `import anyio` (a partly folded earlier round)
};

// `NAME = <literal>` as a statement: returns NAME, sets value.
std::optional<std::string> boolAssignment(const Context& ctx, TSNode stmt, bool& value) {
    if (!is(stmt, "expression_statement")) return std::nullopt;
    auto kids = namedChildren(stmt);
    if (kids.size() != 1 || !is(kids[0], "assignment")) return std::nullopt;
    TSNode left = field(kids[0], "left"), right = field(kids[0], "right");
    if (!is(left, "identifier") || !(is(right, "true") || is(right, "false"))) return std::nullopt;
    value = is(right, "true");
    return ctx.str(left);
}

bool importsAnyio(const Context& ctx, TSNode stmt) {
    if (is(stmt, "import_statement")) {
        for (TSNode item : namedChildren(stmt)) {
            TSNode name = is(item, "aliased_import") ? field(item, "name") : item;
            std::string t = ctx.str(name);
            if (t == "anyio" || t.rfind("anyio.", 0) == 0) return true;
        }
    }
    if (is(stmt, "import_from_statement")) {
        std::string m = ctx.str(field(stmt, "module_name"));
        return m == "anyio" || m.rfind("anyio.", 0) == 0;
    }
    return false;
}

bool catchesImportError(const Context& ctx, TSNode clause) {
    TSNode v = field(clause, "value");
    if (isNull(v)) return true;  // bare except
    std::string t = ctx.str(v);
    for (char& c : t)
        if (c == '(' || c == ')' || c == ',' || c == ' ') c = ' ';
    std::string word;
    for (std::size_t i = 0; i <= t.size(); ++i) {
        if (i == t.size() || t[i] == ' ') {
            if (!word.empty() && word != "ImportError" && word != "ModuleNotFoundError") return false;
            word.clear();
        } else word += t[i];
    }
    return true;
}

TSNode lastBlock(TSNode n) {
    auto kids = namedChildren(n);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it)
        if (is(*it, "block")) return *it;
    return TSNode{};
}

// The flag of a top-level `try: import anyio; NAME = True / except ImportError: NAME = False`.
std::optional<FlagDef> tryFlag(const Context& ctx, TSNode n) {
    TSNode body = field(n, "body");
    bool anyio = false, other = false;
    std::optional<std::string> name;
    TSNode assign{};
    for (TSNode s : namedChildren(body)) {
        bool v = false;
        if (is(s, "comment")) continue;
        if (importsAnyio(ctx, s)) anyio = true;
        else if (is(s, "import_statement") || is(s, "import_from_statement")) continue;
        else if (auto nm = boolAssignment(ctx, s, v); nm && v && !name) { name = nm; assign = s; }
        else other = true;
    }
    if (!anyio || !name) return std::nullopt;
    bool clausesOk = true, sawFalse = false;
    for (TSNode c : namedChildren(n)) {
        if (is(c, "else_clause") || is(c, "finally_clause") || is(c, "except_group_clause")) clausesOk = false;
        if (!is(c, "except_clause")) continue;
        if (!catchesImportError(ctx, c)) clausesOk = false;
        for (TSNode s : namedChildren(lastBlock(c))) {
            bool v = true;
            if (is(s, "comment") || is(s, "pass_statement") || is(s, "import_statement") ||
                is(s, "import_from_statement"))
                continue;
            if (auto nm = boolAssignment(ctx, s, v); nm && *nm == *name && !v) { sawFalse = true; continue; }
            // `anyio = None` style placeholders
            auto kids = namedChildren(s);
            if (is(s, "expression_statement") && kids.size() == 1 && is(kids[0], "assignment") &&
                is(field(kids[0], "right"), "none"))
                continue;
            clausesOk = false;
        }
    }
    if (!sawFalse) return std::nullopt;
    FlagDef f;
    f.name = *name;
    f.tryStmt = n;
    f.flagAssign = assign;
    f.tryFoldable = clausesOk && !other;
    return f;
}

// `import anyio` then `NAME = True`: the form an earlier round leaves while uses remain.
// top[i] is the `import anyio` statement.
std::optional<FlagDef> keptFlag(const Context& ctx, const std::vector<TSNode>& top, std::size_t i) {
    std::size_t k = i + 1;
    while (k < top.size() && is(top[k], "comment")) ++k;
    bool v = false;
    if (k < top.size())
        if (auto nm = boolAssignment(ctx, top[k], v); nm && v && nm->rfind("HAS_", 0) == 0) {
            FlagDef f;
            f.name = *nm;
            f.keptDef = top[k];
            return f;
        }
    return std::nullopt;
}

// Explicit assumptions win and add flags defined elsewhere.
void applyAssumptions(const Context& ctx, std::vector<FlagDef>& flags) {
    for (const auto& [name, value] : ctx.settings.flags) {
        auto it = std::find_if(flags.begin(), flags.end(), [&](const FlagDef& f) { return f.name == name; });
        if (it != flags.end()) {
            it->value = value;
            if (!value) it->tryFoldable = false;  // the try body is then the dead branch
        } else {
            FlagDef f;
            f.name = name;
            f.value = value;
            flags.push_back(f);
        }
    }
}

std::vector<FlagDef> detectFlags(const Context& ctx) {
    std::vector<FlagDef> flags;
    auto top = namedChildren(ctx.syntax.root());
    for (std::size_t i = 0; i < top.size(); ++i) {
        TSNode n = top[i];
        if (is(n, "try_statement")) {
            if (std::optional<FlagDef> f = tryFlag(ctx, n)) flags.push_back(*f);
        } else if (importsAnyio(ctx, n) && is(n, "import_statement")) {
            if (std::optional<FlagDef> f = keptFlag(ctx, top, i)) flags.push_back(*f);
        }
    }
    applyAssumptions(ctx, flags);
    return flags;
}

enum class Kind { True, False, Residual, Unknown };
struct Val {
    Kind kind = Kind::Unknown;
    TSNode residual{};
};

class Folder {
public:
    Folder(Context& ctx, const PyRule& rule, const FlagDef& flag, const std::set<const void*>& uses)
        : ctx_(ctx), rule_(rule), flag_(flag), uses_(uses) {}

    // Folding is recursive over the expression, so it stops (Unknown: nothing folded) past a
    // depth no hand-written condition reaches; deep machine-made chains are left alone.
    static constexpr int kMaxDepth = 200;
    Val eval(TSNode e, bool boolContext, int depth = 0) const {
        if (depth > kMaxDepth) return {};
        if (is(e, "identifier") && uses_.count(e.id)) return {flag_.value ? Kind::True : Kind::False, {}};
        if (is(e, "parenthesized_expression")) {
            auto kids = namedChildren(e);
            if (kids.size() == 1) {
                Val v = eval(kids[0], boolContext, depth + 1);
                if (v.kind == Kind::Residual && sameNode(v.residual, kids[0])) v.residual = e;
                return v;
            }
        }
        if (is(e, "not_operator")) {
            Val v = eval(field(e, "argument"), true, depth + 1);
            if (v.kind == Kind::True) return {Kind::False, {}};
            if (v.kind == Kind::False) return {Kind::True, {}};
            return {};
        }
        if (is(e, "boolean_operator")) {
            std::string op(ctx_.text(field(e, "operator")));
            TSNode l = field(e, "left"), r = field(e, "right");
            Val L = eval(l, boolContext, depth + 1), R = eval(r, boolContext, depth + 1);
            auto asVal = [&](const Val& v, TSNode n) -> Val {
                if (v.kind == Kind::Unknown) return {Kind::Residual, n};
                return v;
            };
            if (op == "and") {
                if (L.kind == Kind::False) return {Kind::False, {}};
                if (L.kind == Kind::True) return asVal(R, r);
                if (L.kind == Kind::Residual && (R.kind == Kind::True) && boolContext) return L;
                if (L.kind == Kind::Unknown && R.kind == Kind::True && boolContext) return {Kind::Residual, l};
            } else if (op == "or") {
                if (L.kind == Kind::True) return {Kind::True, {}};
                if (L.kind == Kind::False) return asVal(R, r);
                if (L.kind == Kind::Unknown && R.kind == Kind::False && boolContext) return {Kind::Residual, l};
            }
            return {};
        }
        return {};
    }

    // Re-indents the lines of `block` to the indentation of `header` (an if/elif/else line).
    std::string dedent(TSNode block, TSNode header, int firstRow) const {
        const SourceFile& src = ctx_.source;
        auto stmts = namedChildren(block);
        if (rowOf(block) == rowOf(header) || stmts.empty() || firstRow > rowOf(block))
            return std::string(ctx_.text(block));
        std::string outer = ctx_.indentAt(beginOf(header));
        TSNode first{};
        for (TSNode s : stmts)
            if (!is(s, "comment")) { first = s; break; }
        std::string inner = ctx_.indentAt(beginOf(isNull(first) ? stmts[0] : first));
        // Lines inside multi-line strings keep every byte.
        std::set<int> frozen;
        for (TSNode n : ctx_.syntax.namedNodes()) {
            if (!is(n, "string") || beginOf(n) < beginOf(block) || endOf(n) > endOf(block)) continue;
            for (int r = rowOf(n) + 1; r <= endRowOf(n); ++r) frozen.insert(r);
        }
        std::string out;
        int last = endRowOf(block);
        bool started = false;
        for (int row = firstRow; row <= last; ++row) {
            std::size_t ls = src.lineStart(row);
            std::size_t le = row == last ? endOf(block) : src.lineEnd(row);
            std::string_view line = std::string_view(src.text()).substr(ls, le - ls);
            std::string_view term = row == last ? std::string_view()
                                                : std::string_view(src.text()).substr(le, src.lineStart(row + 1) - le);
            bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
            if (!started && blank) continue;
            std::string piece;
            if (frozen.count(row)) piece = std::string(line);
            else if (blank) piece = "";
            else if (line.substr(0, inner.size()) == inner) piece = outer + std::string(line.substr(inner.size()));
            else piece = std::string(line);
            if (!started) {
                // The replacement starts where the header starts, after its indentation.
                if (piece.substr(0, outer.size()) == outer) piece = piece.substr(outer.size());
                started = true;
            }
            out += piece;
            out += term;
        }
        return out;
    }

    // Folds one use; returns false when the use cannot be folded (it is then flagged).
    bool fold(TSNode use) {
        TSNode top = use;
        for (TSNode p = ctx_.syntax.parent(top);
             is(p, "parenthesized_expression") || is(p, "not_operator") || is(p, "boolean_operator");
             p = ctx_.syntax.parent(p))
            top = p;
        TSNode ctxNode = ctx_.syntax.parent(top);
        if (is(ctxNode, "if_statement") && sameNode(field(ctxNode, "condition"), top)) return foldIf(ctxNode, top);
        if (is(ctxNode, "elif_clause") && sameNode(field(ctxNode, "condition"), top)) return foldElif(ctxNode, top);
        if (is(ctxNode, "conditional_expression")) {
            auto kids = namedChildren(ctxNode);
            if (kids.size() == 3 && sameNode(kids[1], top)) {
                Val v = eval(top, true);
                if (v.kind == Kind::True || v.kind == Kind::False) {
                    TSNode keep = v.kind == Kind::True ? kids[0] : kids[2];
                    std::string text(ctx_.text(keep));
                    if (is(keep, "boolean_operator") || is(keep, "not_operator") || is(keep, "lambda") ||
                        is(keep, "conditional_expression"))
                        text = "(" + text + ")";
                    return add(ctxNode, {replaceNode(ctxNode, text)}, "`... if " + flag_.name + " else ...` folded");
                }
                if (v.kind == Kind::Residual)
                    return add(ctxNode, {replaceNode(top, std::string(ctx_.text(v.residual)))}, "condition simplified");
                return false;
            }
        }
        if (is(ctxNode, "while_statement")) return false;
        Val v = eval(top, false);
        if (v.kind == Kind::True || v.kind == Kind::False)
            return add(top, {replaceNode(top, v.kind == Kind::True ? "True" : "False")},
                       flag_.name + " replaced by its constant value");
        if (v.kind == Kind::Residual && !sameNode(top, use))
            return add(top, {replaceNode(top, std::string(ctx_.text(v.residual)))}, "condition simplified");
        return false;
    }

    bool foldIf(TSNode ifStmt, TSNode cond) {
        Val v = eval(cond, true);
        if (v.kind == Kind::Unknown) return false;
        if (v.kind == Kind::Residual)
            return add(ifStmt, {replaceNode(cond, std::string(ctx_.text(v.residual)))},
                       "`if " + std::string(ctx_.text(cond)) + ":` simplified");
        TSNode consequence = field(ifStmt, "consequence");
        std::vector<TSNode> alts;
        for (TSNode c : namedChildren(ifStmt))
            if (is(c, "elif_clause") || is(c, "else_clause")) alts.push_back(c);
        std::string head = "`if " + std::string(ctx_.text(cond)) + ":`";
        if (v.kind == Kind::True)
            return add(ifStmt, {replaceNode(ifStmt, dedent(consequence, ifStmt, endRowOf(cond) + 1))},
                       head + " folded to its body");
        if (alts.empty()) {
            std::vector<Edit> edits = removeStatement(ctx_, ifStmt);
            return !edits.empty() && add(ifStmt, edits, head + " removed (never true)");
        }
        if (is(alts[0], "elif_clause"))  // the first elif becomes the if
            return add(ifStmt, {replaceRange(beginOf(ifStmt), beginOf(alts[0]) + 4, "if")},
                       head + " removed; its elif becomes the if");
        TSNode elseBody = field(alts[0], "body");
        return add(ifStmt, {replaceNode(ifStmt, dedent(elseBody, alts[0], rowOf(alts[0]) + 1))},
                   head + " folded to its else branch");
    }

    bool foldElif(TSNode elif, TSNode cond) {
        TSNode ifStmt = ctx_.syntax.parent(elif);
        Val v = eval(cond, true);
        if (v.kind == Kind::Unknown) return false;
        if (v.kind == Kind::Residual)
            return add(elif, {replaceNode(cond, std::string(ctx_.text(v.residual)))}, "elif condition simplified");
        std::string head = "`elif " + std::string(ctx_.text(cond)) + ":`";
        if (v.kind == Kind::True) {
            std::vector<Edit> edits{replaceRange(beginOf(elif), endOf(cond), "else")};
            if (endOf(elif) < endOf(ifStmt)) edits.push_back(replaceRange(endOf(elif), endOf(ifStmt), ""));
            return add(elif, edits, head + " becomes the else branch");
        }
        // Never true: drop the clause, from the end of what precedes it.
        TSNode prev{};
        for (TSNode c : namedChildren(ifStmt)) {
            if (sameNode(c, elif)) break;
            if (!is(c, "comment")) prev = c;
        }
        if (isNull(prev)) return false;
        return add(elif, {replaceRange(endOf(prev), endOf(elif), "")}, head + " removed (never true)");
    }

    bool add(TSNode site, std::vector<Edit> edits, const std::string& what) {
        Fix fix;
        fix.edits = std::move(edits);
        std::size_t before = ctx_.edits().size();
        ctx_.fixed(rule_.info, site, what + " (" + flag_.name + " is " + (flag_.value ? "True" : "False") + ")", fix);
        return ctx_.edits().size() > before;
    }

private:
    Context& ctx_;
    const PyRule& rule_;
    const FlagDef& flag_;
    const std::set<const void*>& uses_;
};


// Every load of the flag that refers to the module-level name (not a local of the same name).
std::vector<TSNode> flagUses(const Context& ctx, const FlagDef& flag) {
    std::vector<TSNode> uses;
    for (const python::NameLoad& l : ctx.model.loadsOf(flag.name)) {
        const python::Scope* owner = nullptr;
        ctx.model.lookup(l.scope, flag.name, &owner);
        if (owner == nullptr || owner == &ctx.model.module()) uses.push_back(l.node);
    }
    for (const python::Reference& r : ctx.model.references())  // flags imported from another module
        if (r.name == flag.name && sameNode(r.node, r.base) && ctx.settings.flags.count(flag.name))
            uses.push_back(r.node);
    return uses;
}

// Folds every use of the flag; true when all were folded and the definition can go.
bool foldUses(Context& ctx, const PyRule& rule, const FlagDef& flag, const std::vector<TSNode>& uses) {
    std::set<const void*> ids;
    for (TSNode u : uses) ids.insert(u.id);
    Folder folder(ctx, rule, flag, ids);
    bool allFolded = true;
    for (TSNode u : uses) {
        if (!folder.fold(u)) {
            allFolded = false;
            ctx.flag(rule.info, u, SiteStatus::NeedsReview,
                     flag.name + " is used in a way that cannot be folded; its definition is kept");
        }
    }
    // Names exported through __all__ stay defined: other modules may import them.
    std::string quoted1 = "\"" + flag.name + "\"", quoted2 = "'" + flag.name + "'";
    if (ctx.source.text().find("__all__") != std::string::npos &&
        (ctx.source.text().find(quoted1) != std::string::npos ||
         ctx.source.text().find(quoted2) != std::string::npos))
        allFolded = false;
    return allFolded;
}

// try: import anyio ... except ImportError: ...  ->  the try body at module level.
std::string tryBodyAtModuleLevel(const Context& ctx, const FlagDef& flag, bool allFolded) {
    std::string out;
    TSNode body = field(flag.tryStmt, "body");
    for (TSNode s : namedChildren(body)) {
        if (allFolded && sameNode(s, flag.flagAssign)) continue;
        std::string_view t = ctx.text(s);
        // Statements of a try body at module level: strip their one level of indentation.
        std::string indent = ctx.indentAt(beginOf(s));
        std::string piece;
        std::size_t at = 0;
        while (at <= t.size()) {
            std::size_t nl = t.find('\n', at);
            std::string_view line = t.substr(at, nl == std::string_view::npos ? t.size() - at : nl + 1 - at);
            if (at > 0 && line.substr(0, indent.size()) == indent) line.remove_prefix(indent.size());
            piece += line;
            if (nl == std::string_view::npos) break;
            at = nl + 1;
        }
        if (!out.empty()) out += ctx.newline();
        out += piece;
    }
    return out;
}

// The flag's definition: the try/except folded (or kept and flagged), or a kept `NAME = True` removed.
void settleDefinition(Context& ctx, const PyRule& rule, const FlagDef& flag, bool allFolded) {
    if (!isNull(flag.tryStmt) && flag.tryFoldable) {
        Fix fix;
        fix.edits.push_back(replaceNode(flag.tryStmt, tryBodyAtModuleLevel(ctx, flag, allFolded)));
        ctx.fixed(rule.info, flag.tryStmt,
                  "try/except import of anyio with " + flag.name + " -> `import anyio`" +
                      (allFolded ? "" : " (" + flag.name + " = True kept: still used)"),
                  fix);
        ctx.provideModuleImport("anyio");
    } else if (!isNull(flag.tryStmt) && !flag.value) {
        ctx.flag(rule.info, flag.tryStmt, SiteStatus::KeptByPolicy,
                 flag.name + " is assumed false: its uses are folded to the fallback and the try/except "
                             "defining it is kept");
    } else if (!isNull(flag.tryStmt)) {
        ctx.flag(rule.info, flag.tryStmt, SiteStatus::NeedsReview,
                 "the try/except defining " + flag.name +
                     " does more than import anyio and set the flag; its uses are folded, the block is kept");
    } else if (!isNull(flag.keptDef) && allFolded) {
        Fix fix;
        fix.edits = removeStatement(ctx, flag.keptDef);
        if (!fix.edits.empty())
            ctx.fixed(rule.info, flag.keptDef, flag.name + " definition removed: nothing uses it any more", fix);
    }
}

}  // namespace

extern const PyRule kHasFlag{
    .info = {.id = "AM105",
     .name = "has-flag",
     .category = "has-flag",
     .summary = "Fold HAS_ANYIO-style availability flags and remove their try/except definition",
     .safety = FixSafety::Conditional,
     .brief = R"md(folds `HAS_ANYIO`-style flags: the try/except import becomes `import anyio`, `if HAS_ANYIO: A else: B` → A (re-indented, comments kept), `X if HAS_ANYIO else Y` → X, `HAS_ANYIO and c` → c)md",
     .doc = R"md(
## What it does

Folds constant availability flags such as `HAS_ANYIO` and removes their definition.

Which names are flags:

- **Detected**: a module-level `try:` whose body imports anyio (`import anyio`,
  `from anyio import ...`) and sets `NAME = True`, and whose `except` branch sets
  `NAME = False`. The flag is assumed true: after the migration anyio is a dependency.
- **Left by an earlier round**: a module-level `import anyio` followed (comments aside) by
  `HAS_<...> = True`.
- **Configured**: `--assume-true NAME` / `--assume-false NAME` (or `assume-true` /
  `assume-false` in `[tool.anymig]`), for any name, including flags imported from another
  module (`from compat import USE_ANYIO`). A configured value overrides a detected one.

How each use is folded (only loads that resolve to the module-level name; a local of the
same name is left alone):

| Use | Result when the flag is true |
|---|---|
| `if HAS_ANYIO: A` `else: B` | `A`, re-indented; comments kept; lines inside multi-line strings keep every byte |
| `if not HAS_ANYIO: A` `else: B` | `B`; with no `else`, the statement is removed |
| `if not HAS_ANYIO: A` `elif c: B` ... | the `elif` becomes the `if` |
| `elif HAS_ANYIO: A` ... | becomes `else: A`; later clauses go |
| `if HAS_ANYIO and c:` | `if c:` |
| `X if HAS_ANYIO else Y` | `X` (parenthesised when `X` is a boolean expression, `not`, lambda or conditional) |
| any other load (`{"anyio": HAS_ANYIO}`, `HAS_ANYIO == x`) | the literal `True` |

With the flag false the mirror images apply. Definition removal:

- the detected `try/except` block becomes its `try` body at module level: `import anyio`;
  `NAME = True` is dropped once every use is folded and the name is not listed in
  `__all__`, otherwise kept on the line after the import;
- a kept `NAME = True` after `import anyio` is removed in a later run once nothing uses it.

The asyncio import that lived in the `except` branch goes with the block; asyncio code in
the folded-away branches goes with them, so [AM001 imports](imports.md) can then remove
the module's other asyncio imports.

## Why

This is pattern 6 of the seed's batch report: batch 9 "removed all HAS_ANYIO conditionals"
from three extension modules by hand, and the seed's pattern 1 replaced the
`try: import anyio; HAS_ANYIO = True / except ImportError: import asyncio; HAS_ANYIO = False`
block with a plain `import anyio`. Left in place, the dead `else:` branches keep asyncio
references alive (so `check` never reaches zero and `import asyncio` can never be removed),
and a hand-edited fold is where indentation and comments get lost.

## Example

`test-inputs/python/has-flag/seed_pattern.py` (the seed's batch-9 shape):

```python
@fixture seed_pattern.py 1-42
```

becomes (`seed_pattern.expected.py`):

```python
@fixture seed_pattern.expected.py 1-30
```

```text
18:5: AM105 [fixed] `if HAS_ANYIO:` folded to its body (HAS_ANYIO is True)
27:15: AM105 [fixed] `... if HAS_ANYIO else ...` folded (HAS_ANYIO is True)
28:5: AM105 [fixed] `if not HAS_ANYIO:` removed (never true) (HAS_ANYIO is True)
30:5: AM105 [fixed] `if HAS_ANYIO and backend:` simplified (HAS_ANYIO is True)
37:9: AM105 [fixed] `if not HAS_ANYIO:` removed; its elif becomes the if (HAS_ANYIO is True)
7:1: AM105 [fixed] try/except import of anyio with HAS_ANYIO -> `import anyio`
```

## Flagged instead of rewritten

Both needs-review:

- `<NAME> is used in a way that cannot be folded; its definition is kept`: a use that is
  not one of the forms above, e.g. `while HAS_ANYIO:`, or `if c or HAS_ANYIO:` (the flag
  decides nothing there, but `c` must still be evaluated).
  The other uses are still folded; the definition stays.
- `<NAME> is assumed false: its uses are folded to the fallback and the try/except defining it is kept` (kept-by-policy, with `--assume-false`).
- `the try/except defining <NAME> does more than import anyio and set the flag; its uses are folded, the block is kept`:
  the `try` body holds other statements, an `except` clause catches more than
  `ImportError` / `ModuleNotFoundError` or does more than `pass`, imports, `NAME = False` and
  `x = None`, the statement has `else:` / `finally:` / `except*`, or the flag is configured
  false with `--assume-false` (the `try` body is then the dead branch, so the block cannot
  become `import anyio`).

## Fix safety

Safe under these conditions:

1. The flag really is constant in every deployment: true for the detected pattern (the
   migrated code requires anyio), or the value you configured. This is the assumption the
   fix rests on and the reason the rule is not "always safe".
2. Only the flag itself is evaluated at fold time; the rest of a condition (`c` in
   `HAS_ANYIO and c`) stays in the code and is evaluated as before.
3. The try/except block is replaced only when it does nothing but import and set the flag
   (see the flag above).

## Target versions

`--assume-true NAME` and `--assume-false NAME` choose the flags and their values.
`test-inputs/python/has-flag/assumed.py` with `--assume-true USE_ANYIO` (a flag imported
from another module; the file is indented with tabs):

```python
@fixture assumed.py 1-14
```

```python
@fixture assumed.expected.py 1-10
```

Several flags: repeat the option or separate the names with commas
(`--assume-true HAS_ANYIO,USE_ANYIO`).
`--target-anyio` and `--target-python` change nothing.
)md"},
    .onModule = [](Context& ctx, const PyRule& rule) {
        for (const FlagDef& flag : detectFlags(ctx)) {
            bool allFolded = foldUses(ctx, rule, flag, flagUses(ctx, flag));
            settleDefinition(ctx, rule, flag, allFolded);
        }
    }};

}  // namespace anymig::asyncio_to_anyio
