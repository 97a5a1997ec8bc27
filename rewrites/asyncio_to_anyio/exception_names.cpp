// AM106 timeout-error: asyncio.TimeoutError -> TimeoutError.
// AM107 cancelled-error: except asyncio.CancelledError -> except anyio.get_cancelled_exc_class();
// a handler that awaits cleanup before re-raising gets that cleanup under
// `with anyio.CancelScope(shield=True):` (anyio cancels every await in a cancelled scope again).
#include <optional>

#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/module_summary.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

namespace {

// The except_clause whose caught type is (or contains, in a tuple) `n`.
TSNode exceptClauseOf(const Context& ctx, TSNode n) {
    TSNode cur = n;
    for (TSNode p = ctx.syntax.parent(cur); !isNull(p); cur = p, p = ctx.syntax.parent(p)) {
        if (is(p, "tuple") || is(p, "parenthesized_expression")) continue;
        // `except X as e` may parse as an as_pattern whose first child is X.
        if (is(p, "as_pattern") && python::sameNode(python::namedChildren(p).front(), cur)) continue;
        if (is(p, "except_clause") && (python::sameNode(field(p, "value"), cur) ||
                                       python::sameNode(python::namedChildren(p).front(), cur)))
            return p;
        return TSNode{};
    }
    return TSNode{};
}

// `except (TimeoutError, asyncio.TimeoutError)`: the builtin is caught already, so the rewrite
// drops the asyncio element instead of naming the same class twice (ruff's B014); a pair
// becomes the bare name. Empty when `ref` is not in such a tuple.
std::vector<Edit> dropBesideBuiltin(const Context& ctx, const python::Reference& ref) {
    TSNode tuple = ctx.syntax.parent(ref.node);
    if (!is(tuple, "tuple") || isNull(exceptClauseOf(ctx, tuple))) return {};
    auto items = python::namedChildren(tuple);
    std::size_t at = items.size();
    bool builtin = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (is(items[i], "comment")) return {};
        if (python::sameNode(items[i], ref.node)) at = i;
        else if (is(items[i], "identifier") && ctx.str(items[i]) == "TimeoutError" &&
                 !ctx.model.lookup(ref.scope, "TimeoutError"))  // the builtin, not a binding of the name
            builtin = true;
    }
    if (!builtin || at == items.size()) return {};
    if (items.size() == 2) return {replaceNode(tuple, "TimeoutError")};
    if (at + 1 < items.size()) return {replaceRange(python::beginOf(items[at]), python::beginOf(items[at + 1]), "")};
    return {replaceRange(python::endOf(items[at - 1]), python::endOf(items[at]), "")};
}

// Before Python 3.11: why the reference stays asyncio's class ("" when its `except` clause may
// catch the builtin instead): it is not the caught type of an `except` clause, or the `try`
// body still uses asyncio, which may raise it.
std::string beforePython311(const Context& ctx, const python::Reference& ref) {
    TSNode clause = exceptClauseOf(ctx, ref.node);
    if (isNull(clause))
        return "asyncio.TimeoutError is not the builtin TimeoutError before Python 3.11 (target is " +
               targetPython(ctx).str() + "); only `except` clauses are rewritten";
    TSNode body = field(ctx.syntax.parent(clause), "body");
    for (const python::Reference* other : ctx.model.referencesTo("asyncio"))
        if (python::contains(body, other->node))
            return "except asyncio.TimeoutError kept: before Python 3.11 (target is " + targetPython(ctx).str() +
                   ") it differs from TimeoutError, and the try body still uses asyncio (line " +
                   std::to_string(python::rowOf(other->node)) + "), which may raise it";
    return {};
}

// Before Python 3.11, for an `except` clause catching asyncio.TimeoutError whose try body no longer
// uses asyncio: what a call in that body still raises asyncio's TimeoutError through (a function of
// this module reached from it, a method named like one called there on an object whose class
// cannot be told, a function of another module of the run, a library function of
// native_cancellers.def, or a call into a library of its second table the module uses), "" when
// nothing the model sees does. `timeouts` is computed on first use.
std::string asyncioTimeoutRaiser(const Context& ctx, const python::Reference& ref,
                                 std::optional<AsyncioTimeouts>& timeouts) {
    TSNode body = field(ctx.syntax.parent(exceptClauseOf(ctx, ref.node)), "body");
    if (!timeouts) timeouts = asyncioTimeoutSources(ctx);
    if (std::string what = asyncioTimeoutReaching(ctx, *timeouts, body); !what.empty()) return what;
    if (std::string what = libraryTimeoutClass(ctx, body); !what.empty()) return what;
    const python::Semantics& sem = ctx.semantics();
    for (TSNode call : sem.untypedMethodCalls(body))
        for (int fn : sem.asyncMethodsNamed(ctx.text(field(field(call, "function"), "attribute")))) {
            const python::FunctionInfo& f = sem.functions()[static_cast<std::size_t>(fn)];
            if (std::string what = asyncioTimeoutReaching(ctx, *timeouts, f.node); !what.empty())
                return "`" + ctx.str(field(call, "function")) + "()` (line " + std::to_string(python::rowOf(call)) +
                       ") on an object whose class cannot be told, and `" + ctx.str(field(f.classNode, "name")) + "." +
                       f.name + "` of this module has that name: " + what;
        }
    return crossModuleAsyncioTimeout(ctx, body);
}

// The exact rewrite of a handler whose try body may raise either class: catch both. Edits
// (none when the builtin is listed beside it already) and the fix's message.
std::vector<Edit> catchBoth(const Context& ctx, const python::Reference& ref, const std::string& raiser,
                            std::string& message) {
    TSNode tuple = ctx.syntax.parent(ref.node);
    message = "except asyncio.TimeoutError -> except (TimeoutError, asyncio.TimeoutError): anyio's timeouts raise the "
              "builtin TimeoutError, and " + raiser + " may still raise asyncio's class, a different one before Python "
              "3.11 (target is " + targetPython(ctx).str() + ")";
    if (!is(tuple, "tuple")) return {replaceNode(ref.node, "(TimeoutError, " + ctx.str(ref.node) + ")")};
    for (TSNode item : python::namedChildren(tuple))
        if (is(item, "identifier") && ctx.text(item) == "TimeoutError" && !ctx.model.lookup(ref.scope, "TimeoutError"))
            return {};
    message = "TimeoutError added beside asyncio.TimeoutError: anyio's timeouts raise the builtin TimeoutError, and " +
              raiser + " may still raise asyncio's class, a different one before Python 3.11 (target is " +
              targetPython(ctx).str() + ")";
    std::size_t at = python::beginOf(ref.node);
    return {replaceRange(at, at, "TimeoutError, ")};
}

// Where the class, used as a value (`assertRaises(asyncio.CancelledError)`, `suppress(...)`,
// `isinstance(e, ...)`, `type(x) is ...`), is evaluated: "" when in the body of an `async def`,
// evaluated as that body runs (so inside a task, where anyio.get_cancelled_exc_class() names the
// running backend's class: asyncio.CancelledError itself on asyncio); else where it is instead.
// Not: a nested `def`/lambda/class/generator expression (evaluated later, or elsewhere), a
// parameter default or decorator (evaluated where the function is defined), an annotation.
std::string evaluatedOutsideAsync(const Context& ctx, TSNode n) {
    for (TSNode cur = n, p = ctx.syntax.parent(n); !isNull(p); cur = p, p = ctx.syntax.parent(p)) {
        if (is(p, "type")) return "in an annotation";
        if (is(p, "lambda")) return "in a lambda (evaluated when it is called)";
        if (is(p, "generator_expression")) return "in a generator expression (evaluated as it is consumed)";
        if (is(p, "class_definition")) return "in a class body";
        if (is(p, "function_definition")) {
            if (!python::sameNode(field(p, "body"), cur)) return "in the signature or decorators of a function";
            if (!isAsyncFunction(p)) return "in the synchronous function `" + ctx.str(field(p, "name")) + "`";
            return "";
        }
    }
    return "at module level";
}

// AM107 on the class used as a value outside an `except` clause.
void cancelledValue(Context& ctx, const PyRule& rule, const python::Reference& ref) {
    TSNode parent = ctx.syntax.parent(ref.node);
    const std::string head = "asyncio.CancelledError outside an `except` clause";
    bool constructed = is(parent, "call") && python::sameNode(field(parent, "function"), ref.node);
    if (constructed || is(parent, "raise_statement")) {
        ctx.flag(rule.info, ref.node, SiteStatus::NeedsReview,
                 head + ", " + (constructed ? "constructed" : "raised") +
                     ": trio's Cancelled has no public constructor, so anyio.get_cancelled_exc_class() cannot stand "
                     "here; cancel a scope instead, or migrate by hand");
        return;
    }
    if (std::string where = evaluatedOutsideAsync(ctx, ref.node); !where.empty()) {
        ctx.flag(rule.info, ref.node, SiteStatus::NeedsReview,
                 head + ", " + where +
                     ": anyio.get_cancelled_exc_class() needs a running event loop there (sniffio cannot tell the "
                     "library: AsyncLibraryNotFoundError); use it inside async code");
        return;
    }
    Fix fix;
    fix.edits.push_back(replaceNode(ref.node, "anyio.get_cancelled_exc_class()"));
    fix.imports.push_back("anyio");
    ctx.fixed(rule.info, ref.node,
              ref.qualified + " -> anyio.get_cancelled_exc_class() (evaluated in async code: the running backend's "
                              "cancellation class, asyncio.CancelledError itself on asyncio)",
              fix);
}

// The handler's block (the except clause's last named child).
TSNode handlerBlock(TSNode clause) {
    auto kids = python::namedChildren(clause);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it)
        if (is(*it, "block")) return *it;
    return TSNode{};
}

bool containsType(TSNode root, std::string_view t, bool stopAtFunctions = true) {
    std::vector<TSNode> work{root};  // explicit stack: no recursion proportional to nesting
    while (!work.empty()) {
        TSNode n = work.back();
        work.pop_back();
        if (is(n, t)) return true;
        if (stopAtFunctions && (is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition")))
            continue;
        for (TSNode c : python::namedChildren(n)) work.push_back(c);
    }
    return false;
}

// The handler always re-raises the exception it caught: its last statement is a bare
// `raise`, and nothing in it leaves the handler another way.
bool reraisesAlways(const Context& ctx, TSNode block) {
    TSNode last{};
    for (TSNode s : python::namedChildren(block))
        if (!is(s, "comment")) last = s;
    if (!is(last, "raise_statement") || ts_node_named_child_count(last) != 0) return false;
    return !containsType(block, "return_statement") && !containsType(block, "break_statement") &&
           !containsType(block, "continue_statement");
}

// Edits that put the handler's statements before its final `raise` under a shielded scope
// (empty when they do not stand on lines of their own).
std::vector<Edit> shieldCleanup(const Context& ctx, TSNode block) {
    std::vector<TSNode> stmts;
    for (TSNode s : python::namedChildren(block))
        if (!is(s, "comment")) stmts.push_back(s);
    if (stmts.size() < 2) return {};
    TSNode first = stmts.front(), lastCleanup = stmts[stmts.size() - 2];
    for (TSNode s : stmts)
        if (!structured::ownsLines(ctx, s)) return {};
    std::string indent = ctx.indentAt(beginOf(first));
    std::string unit = structured::indentUnit(ctx, first);
    std::size_t ls = ctx.source.lineStart(rowOf(first));
    std::vector<Edit> edits{replaceRange(ls, ls, indent + "with anyio.CancelScope(shield=True):" + ctx.newline() + unit)};
    for (Edit& e : structured::indentLines(ctx, beginOf(first), endOf(lastCleanup), unit)) edits.push_back(std::move(e));
    return edits;
}

}  // namespace

extern const PyRule kTimeoutError{
    .info = {.id = "AM106",
     .name = "timeout-error",
     .category = "exception-names",
     .summary = "Replace asyncio.TimeoutError with the builtin TimeoutError",
     .safety = FixSafety::Conditional,
     .brief = R"md(`asyncio.TimeoutError` → `TimeoutError` (same class from Python 3.11; before that only in `except` clauses whose `try` body no longer uses asyncio, and `except (TimeoutError, asyncio.TimeoutError)` when a call there may still raise asyncio's class: a function of the module or of the run keeping an asyncio timeout, a library of `native_cancellers.def`))md",
     .doc = R"md(
## What it does

Replaces `asyncio.TimeoutError` (also `asyncio.exceptions.TimeoutError`, and through
aliases) with the builtin `TimeoutError`. What is rewritten depends on the target Python:

- **Target Python ≥ 3.11**: every reference: `except`, `raise`, `isinstance`, anything.
  Since 3.11 `asyncio.TimeoutError` *is* the builtin class, so this is a pure rename.
- **Target Python < 3.11** (the default when neither `--target-python` nor the project's
  `requires-python` says otherwise: 3.8): only the caught type of an `except` clause (alone
  or in a tuple), and only when the `try` body no longer references asyncio at all.
  Everything else is flagged.

The check runs again in every round of a migration, so a handler whose `try` body still
calls `asyncio.wait_for` is rewritten in a later round once
AM202 wait-for has turned the call into `with anyio.fail_after(t):`.

## Why

anyio's timeouts (`fail_after`, and the `wait_for` rewrite built on it) raise the builtin
`TimeoutError`. Before Python 3.11 that is a different class from `asyncio.TimeoutError`,
so an unchanged `except asyncio.TimeoutError:` silently stops catching the timeout and the
exception escapes. The reverse rewrite is just as wrong while asyncio code remains in the
`try` body: `except TimeoutError:` would stop catching the `asyncio.TimeoutError` that
`asyncio.wait_for` raises on Python ≤ 3.10. The rule rewrites only when neither can happen.

## Example

`test-inputs/python/timeout-error/python38.py` with the default target (Python 3.8):

```python
@fixture python38.py 1-19
```

becomes (`python38.expected.py`; the handler at line 14 is rewritten after AM202 removed
the `asyncio.wait_for` from its `try` body; `raise asyncio.TimeoutError()` is kept):

```python
@fixture python38.expected.py 1-22
```

```text
7:12: AM106 [fixed] except asyncio.TimeoutError -> except TimeoutError (nothing in the try body uses asyncio; anyio's timeouts raise the builtin TimeoutError)
13:22: AM202 [fixed] await asyncio.wait_for(aw, t) -> with anyio.fail_after(t): await aw (raises TimeoutError)
16:13: AM106 [fixed] except asyncio.TimeoutError -> except TimeoutError (nothing in the try body uses asyncio; anyio's timeouts raise the builtin TimeoutError)
21:11: AM106 [needs-review] asyncio.TimeoutError is not the builtin TimeoutError before Python 3.11 (target is 3.8); only `except` clauses are rewritten
```

In an `except` tuple that already lists the builtin (`except (TimeoutError,
asyncio.TimeoutError) as exc:`, aiosmtplib's shape) the asyncio element is dropped instead of
renamed, so the class is not named twice (`except TimeoutError as exc:`; ruff's B014);
`test-inputs/python/timeout-error/builtin_in_tuple.py`.

## Flagged instead of rewritten

With any target Python (needs-review), when `TimeoutError` at the site would not name the
builtin class (`builtin_in_tuple.py`, and `wait-for/timeout_imported_by_name.py`, slixmpp's
shape):

- ``asyncio.TimeoutError kept: `TimeoutError` is asyncio's class here, imported by that name (line N): drop it from the import to mean the builtin TimeoutError (...)``:
  `from asyncio import TimeoutError` binds the name, so a rename changes nothing; before
  3.11 a handler left so still catches only asyncio's class, and
  [AM202 wait-for](wait-for.md) keeps a `wait_for` inside its `try` body.
- ``asyncio.TimeoutError kept: `TimeoutError` is bound to something else here (line N), so it would not name the builtin class (...)``:
  a parameter, local, class attribute or other import named `TimeoutError`.

Both needs-review, both only when the target Python is below 3.11:

- ``asyncio.TimeoutError is not the builtin TimeoutError before Python 3.11 (target is <version>); only `except` clauses are rewritten``:
  a reference outside an `except` clause (`raise asyncio.TimeoutError()`,
  `isinstance(e, asyncio.TimeoutError)`): code that raises or compares asyncio's class
  cannot switch to the builtin one without changing which handlers catch it.
- `except asyncio.TimeoutError kept: before Python 3.11 (target is <version>) it differs from TimeoutError, and the try body still uses asyncio (line N), which may raise it`:
  the `try` body still references asyncio at line N (for example an `asyncio.wait_for`
  that no rule could rewrite).

## Fix safety

Safe under these conditions, checked by the rule:

- target Python ≥ 3.11: always (the two names are the same class);
- target Python < 3.11: the reference is the caught type of an `except` clause and nothing
  in its `try` body references asyncio; and when a call in the `try` body may still raise
  asyncio's class, the handler catches both classes (below).

**Callees that still raise `asyncio.TimeoutError`** (target Python < 3.11). A call in the
`try` body may raise asyncio's class itself: a function that keeps an `asyncio.wait_for`,
`asyncio.timeout`/`timeout_at` or a `raise asyncio.TimeoutError` whose exception escapes it
(no `except asyncio.TimeoutError`/`Exception`/`BaseException`/bare `except` around it in that
function that raises nothing), or a library function of the pack's table
`native_cancellers.def` (async-timeout's `timeout`, aiohttp's `ceil_timeout`, asyncpg's
`compat.wait_for`, ...: each raises asyncio's class on expiry). The rule follows the calls
of the `try` body through the module's functions (a method also by its name, on an object
whose class cannot be told), and, for a run over several files, through the run's summaries
of the other modules (each async function's first such source, followed transitively as the
cancellation model follows calls). Renaming the handler to `TimeoutError` would then stop
catching that timeout on 3.8-3.10, and keeping it would miss anyio's builtin TimeoutError, so
the handler catches both, which is exact on every version (`except (TimeoutError,
asyncio.TimeoutError):`; in a tuple the builtin is added in front; naming the source):

```text
30:12: AM106 [fixed] except asyncio.TimeoutError -> except (TimeoutError, asyncio.TimeoutError): anyio's timeouts raise the builtin TimeoutError, and `asyncio.wait_for` (line 8) in `poll` may still raise asyncio's class, a different one before Python 3.11 (target is 3.8)
```

(`test-inputs/python/timeout-error/callee_raises.py`; behaviour program
`cross_module_timeout_class/`, the source in another module). A tuple that already lists the
builtin is left as it is, and not reported, while the source remains (it is exact); once the
source is migrated, a later round or run drops the asyncio element.

Libraries whose own objects raise asyncio's class on their timeouts are listed in the second
table of `native_cancellers.def` (aiohttp: client timeouts, `ServerTimeoutError` subclasses
`asyncio.TimeoutError`; asyncpg; websockets; aioredis). In a module that uses one of them, a call
of that library in the `try` body, or a method called there and awaited (`await x.m()`, `async
with x.m():`, `async for ... in x.m():`) on an object whose class the model cannot tell (it may
be the library's: `session.get(url)`), counts as such a source
(`test-inputs/python/timeout-error/library_objects.py`).

**Assumed, not checked:** any other callee outside the run (a library function not in the
table, a method of an object from a library the module does not name, e.g. a session handed
in by another module) raises no `asyncio.TimeoutError` of its own. When one does, keep the
handler with `# anymig: ignore[AM106]`, or add the library to the table.

## Target versions

`--target-python` (or `requires-python` in the project's `pyproject.toml`; default 3.8):
≥ 3.11 rewrites every reference. `test-inputs/python/timeout-error/python311.py` is the same
input with `--target-python 3.11`:

```python
@fixture python311.expected.py 1-20
```

```text
7:12: AM106 [fixed] asyncio.TimeoutError -> TimeoutError (the same class since Python 3.11)
14:13: AM106 [fixed] asyncio.TimeoutError -> TimeoutError (the same class since Python 3.11)
19:11: AM106 [fixed] asyncio.TimeoutError -> TimeoutError (the same class since Python 3.11)
13:22: AM202 [fixed] await asyncio.wait_for(aw, t) -> with anyio.fail_after(t): await aw (raises TimeoutError)
```

`--target-anyio` changes nothing.
)md"},
    .onModule = [](Context& ctx, const PyRule& rule) {
        const bool sameClass = targetPython(ctx).atLeast(3, 11);
        std::optional<AsyncioTimeouts> timeouts;
        for (const python::Reference* ref : ctx.model.referencesTo("asyncio")) {
            if (ref->qualified != "asyncio.TimeoutError" && ref->qualified != "asyncio.exceptions.TimeoutError")
                continue;
            if (ctx.claimed(*ref)) continue;
            // The builtin must be what `TimeoutError` means at the site: not asyncio's class imported
            // by that name (renaming would change nothing, and before 3.11 a handler "rewritten" so
            // would still miss fail_after's builtin TimeoutError), nor a parameter, local or other
            // import. AM202 reads the same answer (timeoutNameTaken).
            std::string why = timeoutNameTaken(ctx, *ref);
            if (!why.empty())
                why = "asyncio.TimeoutError kept: " + why +
                      (sameClass ? std::string(" (the same class since Python 3.11)")
                                 : " (a different class before Python 3.11; target is " + targetPython(ctx).str() + ")");
            else if (!sameClass)
                why = beforePython311(ctx, *ref);
            if (!why.empty()) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview, why);
                continue;
            }
            if (std::string raiser = sameClass ? std::string() : asyncioTimeoutRaiser(ctx, *ref, timeouts);
                !raiser.empty()) {
                Fix both;
                std::string message;
                both.edits = catchBoth(ctx, *ref, raiser, message);
                // Listed beside the builtin already (this rule's completion, or the author's): exact as
                // it is, nothing to report while the source remains.
                if (both.edits.empty()) ctx.claim(ref->node);
                else ctx.fixed(rule.info, ref->node, message, both);
                continue;
            }
            std::vector<Edit> drop = dropBesideBuiltin(ctx, *ref);
            const bool dropped = !drop.empty();
            Fix fix;
            fix.edits = dropped ? std::move(drop) : std::vector<Edit>{replaceNode(ref->node, "TimeoutError")};
            std::string because = sameClass ? "the same class since Python 3.11" : "nothing in the try body uses asyncio";
            ctx.fixed(rule.info, ref->node,
                      dropped ? "asyncio.TimeoutError dropped from the except tuple (" + because +
                                    "; the builtin TimeoutError it lists is caught already)"
                      : sameClass ? "asyncio.TimeoutError -> TimeoutError (the same class since Python 3.11)"
                                  : "except asyncio.TimeoutError -> except TimeoutError (nothing in the try body uses "
                                    "asyncio; anyio's timeouts raise the builtin TimeoutError)",
                      fix);
        }
    }};

extern const PyRule kCancelledError{
    .info = {.id = "AM107",
     .name = "cancelled-error",
     .category = "exception-names",
     .summary = "Replace except asyncio.CancelledError (and the class as a value in async code) with anyio.get_cancelled_exc_class()",
     .safety = FixSafety::Conditional,
     .brief = R"md(`except asyncio.CancelledError` → `except anyio.get_cancelled_exc_class()` in async functions whose handler always re-raises; cleanup that awaits is put under `with anyio.CancelScope(shield=True):` in the same fix; the class as a value evaluated in async code (`assertRaises`, `suppress`, `isinstance`, comparisons) → `anyio.get_cancelled_exc_class()`)md",
     .doc = R"md(
## What it does

Rewrites `except asyncio.CancelledError:` (also in a tuple, with `as e`, spelled
`asyncio.exceptions.CancelledError` or through aliases) to
`except anyio.get_cancelled_exc_class():`, which is asyncio's `CancelledError` on the
asyncio backend and `trio.Cancelled` on trio. A handler is rewritten only when it is in an
`async def` and always re-raises (it ends with a bare `raise` and never returns, breaks or
continues). When it awaits cleanup before re-raising (`await conn.close()`, `async with`,
`async for`), the statements before the `raise` are put under
`with anyio.CancelScope(shield=True):` in the same fix, which is what a careful person does;
awaits already under a shielded anyio scope are left as they are.

**The class used as a value** (`with self.assertRaises(asyncio.CancelledError):`,
`pytest.raises(...)`, `contextlib.suppress(...)`, `isinstance(e, ...)`, `type(e) is ...`, a
tuple of classes, a list comprehension) becomes `anyio.get_cancelled_exc_class()` where it is
evaluated as the body of an `async def` runs, so inside a task: there the call names the
running backend's class, `asyncio.CancelledError` itself on asyncio (anyio 3.6.2's asyncio
backend: `CancelledError = asyncio.CancelledError`), so every expression evaluates to the same
object (`values.py`; behaviour program `test-inputs/behavior/cancelled_value.py`: the same
answers on asyncio, anyio-asyncio and anyio-trio). A `with` that catches the class keeps being
a handler that swallows the cancellation for the round's consistency check, whichever
spelling it has. Flagged instead (needs-review):

- ``asyncio.CancelledError outside an `except` clause, raised: ...`` / ``..., constructed: ...``:
  `raise asyncio.CancelledError`, `asyncio.CancelledError()`: trio's `Cancelled` has no public
  constructor.
- ``asyncio.CancelledError outside an `except` clause, in the synchronous function `f`: anyio.get_cancelled_exc_class() needs a running event loop there (sniffio cannot tell the library: AsyncLibraryNotFoundError); use it inside async code``,
  likewise `at module level`, `in a class body`, `in a lambda`, `in a generator expression`
  (evaluated later, when nothing may run), `in the signature or decorators of a function`
  (defaults are evaluated where the function is defined), `in an annotation`. Outside a task
  anyio 3.6.2's `get_cancelled_exc_class()` raises `sniffio.AsyncLibraryNotFoundError`.

This completion is what lets [AM202 wait-for](wait-for.md) and [AM203 timeouts](timeouts.md)
put a timeout around code whose cancellation handlers await: the round's consistency check
(see [the cancellation model](README.md#cancellation-consistency)) accepts a new anyio timeout
only when every handler reached from the timed-out code behaves as on asyncio.

## Why

trio cancels a task by raising `trio.Cancelled`, which is not `asyncio.CancelledError`: on
the trio backend an unchanged handler never runs, so its cleanup is skipped. Two more traps
of anyio's cancellation model are why the rule flags instead of rewriting in some handlers:

- Cancellation is level-triggered: a handler that swallows the exception does not stop the
  cancellation; the task is cancelled again at its next `await`, and anyio and trio require
  the exception to propagate.
- Inside a cancelled scope every `await` is cancelled again, so an `await conn.close()` in
  the handler does nothing unless it runs in `with anyio.CancelScope(shield=True):`; asyncio
  delivers a cancellation once, so on asyncio the cleanup ran. The shield restores that.

## Example

`test-inputs/python/cancelled-error/basic.py`:

```python
@fixture basic.py 1-35
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 1-38
```

```text
6:15: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
14:15: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
21:15: AM101 [fixed] asyncio.sleep() -> anyio.sleep()
7:12: AM107 [fixed] except asyncio.CancelledError -> except anyio.get_cancelled_exc_class() (trio cancels with a different exception)
22:12: AM107 [fixed] except asyncio.CancelledError -> except anyio.get_cancelled_exc_class(), its awaiting cleanup under `with anyio.CancelScope(shield=True):` (asyncio delivers a cancellation once; anyio would cancel the cleanup's awaits again)
16:12: AM107 [needs-review] the cancellation handler does not always re-raise (it must end with a bare `raise` and never return, break or continue): anyio and trio require the cancellation exception to propagate
32:12: AM107 [needs-review] except asyncio.CancelledError outside an async function: anyio.get_cancelled_exc_class() needs a running event loop
38:28: AM107 [needs-review] asyncio.CancelledError outside an `except` clause, in the synchronous function `is_cancel`: anyio.get_cancelled_exc_class() needs a running event loop there (sniffio cannot tell the library: AsyncLibraryNotFoundError); use it inside async code
```

## Flagged instead of rewritten

All needs-review:

- ``the cancellation handler does not always re-raise (it must end with a bare `raise` and never return, break or continue): anyio and trio require the cancellation exception to propagate``:
  the handler's last statement is not a bare `raise`, or it can `return`, `break` or
  `continue`: on some path it swallows the cancellation or replaces it with another exception
  (`test-inputs/python/cancelled-error/conditional_reraise.py`).
- ``the cancellation handler awaits (line N) and does not always re-raise ...``: the cleanup
  cannot be shielded into an equivalent form because the handler swallows the cancellation
  (`test-inputs/python/cancelled-error/awaiting_cleanup.py`).
- ``the cancellation handler awaits (line N) and shares lines with other code ...``:
  `except asyncio.CancelledError: await conn.close(); raise` on one line; the shielded block
  needs statements on lines of their own.
- `except asyncio.CancelledError outside an async function: anyio.get_cancelled_exc_class() needs a running event loop`:
  `get_cancelled_exc_class()` is evaluated when the exception is matched and needs to know
  the running backend; a sync function (e.g. one reading `future.result()`) may run with no
  event loop.
- ``asyncio.CancelledError outside an `except` clause, ...``: the class as a value where
  `get_cancelled_exc_class()` cannot stand (raised, constructed, evaluated outside async
  code): see above.

## Fix safety

Safe under these conditions, checked by the rule: the handler is in an `async def`, its last
statement is a bare `raise`, and nothing in it returns, breaks or continues, so the
cancellation always propagates; its awaits run under a shielded scope. On asyncio the class
caught is the same. The shield changes one thing: a *second* anyio cancellation that arrives
while the cleanup runs waits until the cleanup ends (a native `task.cancel()` still
interrupts it, as before). Every other handler is flagged.

## Target versions

None: the output is the same for every `--target-anyio` and `--target-python`.
)md"},
    .onModule = [](Context& ctx, const PyRule& rule) {
        for (const python::Reference* ref : ctx.model.referencesTo("asyncio")) {
            if (ref->qualified != "asyncio.CancelledError" && ref->qualified != "asyncio.exceptions.CancelledError")
                continue;
            if (ctx.claimed(*ref)) continue;
            TSNode clause = exceptClauseOf(ctx, ref->node);
            if (isNull(clause)) {
                cancelledValue(ctx, rule, *ref);
                continue;
            }
            const python::Scope* fn = python::Model::enclosingFunction(ctx.model.scopeOf(clause));
            if (!fn || !fn->isAsync) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "except asyncio.CancelledError outside an async function: "
                         "anyio.get_cancelled_exc_class() needs a running event loop");
                continue;
            }
            TSNode block = handlerBlock(clause);
            const python::HandlerInfo* handler = handlerOf(ctx, clause);
            std::vector<TSNode> awaits = handler ? unshieldedAwaits(ctx, *handler) : std::vector<TSNode>{};
            if (!reraisesAlways(ctx, block)) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "the cancellation handler " +
                             std::string(awaits.empty() ? "" : "awaits (line " + std::to_string(rowOf(awaits.front())) +
                                                                   ") and ") +
                             "does not always re-raise (it must end with a bare `raise` and never return, break or "
                             "continue): anyio and trio require the cancellation exception to propagate");
                continue;
            }
            std::vector<Edit> shield = awaits.empty() ? std::vector<Edit>{} : shieldCleanup(ctx, block);
            if (!awaits.empty() && shield.empty()) {
                ctx.flag(rule.info, ref->node, SiteStatus::NeedsReview,
                         "the cancellation handler awaits (line " + std::to_string(rowOf(awaits.front())) +
                             ") and shares lines with other code: under anyio every await in a cancelled scope is "
                             "cancelled again; wrap the cleanup in `with anyio.CancelScope(shield=True):` and re-raise");
                continue;
            }
            Fix fix;
            fix.edits.push_back(replaceNode(ref->node, "anyio.get_cancelled_exc_class()"));
            for (Edit& e : shield) fix.edits.push_back(std::move(e));
            fix.imports.push_back("anyio");
            ctx.fixed(rule.info, ref->node,
                      shield.empty() ? "except asyncio.CancelledError -> except anyio.get_cancelled_exc_class() (trio "
                                       "cancels with a different exception)"
                                     : "except asyncio.CancelledError -> except anyio.get_cancelled_exc_class(), its "
                                       "awaiting cleanup under `with anyio.CancelScope(shield=True):` (asyncio delivers "
                                       "a cancellation once; anyio would cancel the cleanup's awaits again)",
                      fix);
        }
    }};

}  // namespace anymig::asyncio_to_anyio
