// Helpers shared by the structured-concurrency rules (gather, wait-for, timeouts,
// task-group, create-task, shield): statement shapes, fresh local names, indentation,
// and the small generated result-collecting helper.
#pragma once
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "matchers/python/rule.h"
#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio::structured {

// `await <call>` used as a whole statement.
struct AwaitStatement {
    enum Kind { Bare, Assign, Return };
    Kind kind = Bare;
    TSNode stmt{};   // expression_statement or return_statement
    TSNode await{};  // the await node
};

// The statement shape of `await <call>` when it is a whole statement on lines of its own:
// `await call`, `<target> = await call` (or an augmented assignment), `return await call`.
std::optional<AwaitStatement> awaitStatement(const Context& ctx, TSNode call);
// Guard: the call is awaited as a whole statement (awaitStatement finds it).
python::Guard statementLevelAwait();
// Why `call` is not a whole-statement await ("" when it is one): for messages.
std::string notStatementReason(const Context& ctx, TSNode call);

// A name for a new local that is used nowhere in the enclosing function (or module)
// and is not in `taken`; `base`, then base2, base3, ... The result is added to `taken`.
std::string freshName(const Context& ctx, TSNode at, const std::string& base, std::set<std::string>& taken);
// True when the identifier `name` occurs nowhere in `region` other than inside `except`.
bool nameUnused(const Context& ctx, TSNode region, const std::string& name, TSNode except = TSNode{});

// The indentation added by one block level around `stmt` (e.g. "    " or "\t").
std::string indentUnit(const Context& ctx, TSNode stmt);
// The statement starts its line and nothing but a comment follows it on its last line.
bool ownsLines(const Context& ctx, TSNode stmt);
// Insertions of `extra` at the start of every line that begins inside [begin, end) (after
// `begin`'s own line), except blank lines and lines inside string literals.
std::vector<Edit> indentLines(const Context& ctx, std::size_t begin, std::size_t end, const std::string& extra);
// True when offset `at` lies inside a string literal.
bool insideString(const Context& ctx, std::size_t at);

// Contains a node of one of `types`, not looking into nested functions, lambdas or classes.
bool containsType(TSNode n, std::initializer_list<std::string_view> types);
// break/continue that would leave `n` (not inside a loop nested in `n`), return, yield.
bool leavesEarly(TSNode n);

// The call is `asyncio.gather(...)` (or asyncio.tasks.gather).
bool isGatherCall(const Context& ctx, TSNode call);
// Every argument of the gather call is a plain name bound, in the same function, by
// `name = asyncio.create_task(...)`: AM205 decides about it with those tasks.
bool gathersCreatedTasks(const Context& ctx, TSNode gatherCall);

// The nearest try statement with except clauses between `n` and its function, or null. A `with`
// block whose context manager catches exceptions by class (`self.assertRaises(E)`,
// `pytest.raises(E)`, `contextlib.suppress(E)`) counts as such a try and is returned instead.
TSNode enclosingHandlerTry(const Context& ctx, TSNode n);
// "try/except", the phrase naming a catching `with` block, or a task's `t.exception()` read, for
// messages.
std::string handlerPhrase(const Context& ctx, TSNode handler);
// The try statement with except clauses of a caller that an exception raised at `n` reaches when
// `n` has none in its own function: a call of `n`'s function (resolved, or a method called by its
// name on an object of unknown class) inside such a try, or, failing that, a call of the function
// that call is in, and so on, in this module. A call handed to `t = ...create_task(call)` (or
// ensure_future) counts when `await t` is inside such a try, or when `t.exception()`/`t.result()`
// reads the task's outcome (that call is returned then). Null when none: callers in other modules
// are not seen.
TSNode callerHandlerTry(const Context& ctx, TSNode n);
// The module's calls of function `fn` and, transitively, of the functions those calls are in
// (resolved calls, and a method's calls by its name on an object of unknown class), each
// function's callers once, depth first: `visit(call)` is asked for each and the walk stops when
// it returns true. The caller walk of callerHandlerTry and of the round check's cleanup search.
void walkCallerCalls(const Context& ctx, int fn, const std::function<bool(TSNode call)>& visit);

// "f, a, b" (for tg.start_soon) from the call `f(a, b)`, or "functools.partial(f, a, k=v)"
// when it has keyword arguments (`needsFunctools` is set). Empty when `call` is not a plain
// call (a generator argument, comments inside).
std::string startSoonArgs(const Context& ctx, TSNode call, bool& needsFunctools);

// The generated helper that stores a coroutine's result by index:
//   <results> = [None] * <count>
//
//   async def <store>(index, coro):
//       <results>[index] = await coro
//
// Each line begins with `indent`; ends with a blank line.
std::string storeHelper(const Context& ctx, const std::string& indent, const std::string& unit,
                        const std::string& results, const std::string& count, const std::string& store);

}  // namespace anymig::asyncio_to_anyio::structured

namespace anymig::asyncio_to_anyio::structured {

// Edits that put the whole-statement await `s` inside `<header>:`, with the awaited call
// `call` replaced by its argument `inner` (its bytes kept). With `hoist` (a name), a
// `return await ...` becomes `<hoist> = await ...` inside the block and `return <hoist>`
// after it. `after` lines are added after the block, at the statement's indentation.
std::vector<Edit> wrapAwaitStatement(const Context& ctx, const AwaitStatement& s, TSNode call, TSNode inner,
                                     const std::string& header, const std::string& hoist,
                                     const std::vector<std::string>& after);

}  // namespace anymig::asyncio_to_anyio::structured
