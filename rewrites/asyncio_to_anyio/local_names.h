// Following a local name through one module: `name = <value>` as a whole statement,
// the loads that resolve to that one binding, and the method calls made on them.
// Used by the rules that rewrite an object together with its uses (event loops,
// subprocesses, queues, socket streams).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

struct LocalName {
    std::string name;
    const python::Scope* owner = nullptr;  // the scope owning the binding
    TSNode assignment{};                   // `name = value`
    TSNode statement{};                    // the expression_statement holding it
};

// When `value` (a call, or the `await` around it) is the whole right side of
// `name = value` standing as a statement, and `name` is bound only there in its
// scope (no other assignment, parameter, loop target, global or nonlocal), the name.
std::optional<LocalName> assignedName(const Context& ctx, TSNode value);

// The loads of the name that resolve to its binding, in document order.
std::vector<TSNode> loadsOf(const Context& ctx, const LocalName& v);

// `load.method(args)`: the call and the method name; nullopt for any other use.
struct MethodUse {
    TSNode call{};
    TSNode attribute{};
    std::string method;
};
std::optional<MethodUse> methodCall(const Context& ctx, TSNode load);

// The `await` whose operand is exactly `n` (null node otherwise).
TSNode awaitOf(const Context& ctx, TSNode n);

// True when `name` appears as an identifier anywhere in the module.
bool identifierUsed(const Context& ctx, const std::string& name);

// The statement following `stmt` in its block, skipping comments (null at the end).
TSNode nextStatement(const Context& ctx, TSNode stmt);

// The text between the parentheses of an argument_list.
std::string insideParens(const Context& ctx, TSNode argumentList);

// `anyio.run(...)`'s argument text for a coroutine call `fn(a, k=v)`: "fn, a" or
// "functools.partial(fn, a, k=v)" (sets needsFunctools). Empty with `why` set when the
// argument is not a plain call.
std::string runArguments(const Context& ctx, TSNode coroCall, bool& needsFunctools, std::string& why);

}  // namespace anymig::asyncio_to_anyio
