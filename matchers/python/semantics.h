// The module-level semantic model: facts about a whole module that rules consult instead of
// rediscovering them per site. Built once per module per round (Context::semantics()) from
// the syntax tree and the name model; it names no library: which exceptions mean
// "cancellation" and which calls start or cancel work is the pack's knowledge.
//
//  - functions: every def, whether it is async, its class, the module functions it calls
//    (plain names resolving to a module-level def, `self.m()` / `cls.m()` / `Class.m()`),
//    and who calls it;
//  - handlers: every `except` clause and `finally` block inside a function, what it
//    catches, whether it awaits (and which awaits), re-raises always, or swallows;
//  - method calls by method name (`x.cancel()`), for the pack's cancellation sources.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "matchers/python/model.h"

namespace anymig::python {

struct FunctionInfo {
    TSNode node{};            // function_definition
    std::string name;
    bool isAsync = false;
    TSNode classNode{};       // the class_definition it is a method of (null otherwise)
    std::vector<int> callees;  // indices into Semantics::functions(), each once
    std::vector<int> callers;
};

struct HandlerInfo {
    enum class Kind { Except, Finally };
    Kind kind = Kind::Except;
    TSNode clause{};          // except_clause or finally_clause; or a with_statement that catches by class
                              // (`self.assertRaises(E)`, `raises(E)`, `contextlib.suppress(E)`)
    TSNode block{};           // its body (null for such a `with`: nothing runs, the code after it goes on)
    int function = -1;        // index of the enclosing function (-1: module or class level)
    std::vector<TSNode> caught;  // the caught expressions (tuple items flattened); empty: bare except
    std::vector<TSNode> awaits;  // await nodes and `async with`/`async for` statements in the block
    bool reraises = false;    // ends with a bare `raise` and never returns, breaks or continues
    bool raises = false;      // contains any raise statement
    bool swallows() const { return kind == Kind::Except && !raises; }
    bool catchesAll() const;  // bare `except:` (BaseException is resolved by the caller)
};

class Semantics {
public:
    Semantics(const Syntax& syntax, const Model& model);

    const std::vector<FunctionInfo>& functions() const { return functions_; }
    const std::vector<HandlerInfo>& handlers() const { return handlers_; }
    // The innermost function whose body contains `n`, or -1.
    int functionAt(TSNode n) const;
    // Module functions called from inside `region` (a node), and everything they call, transitively.
    std::vector<int> reachableFrom(TSNode region) const;
    // Handlers lexically inside `region` plus those of the functions reachable from it, plus the
    // exit handlers (exitHandlers()) of the classes entered by `async with C(...)` there.
    std::vector<const HandlerInfo*> handlersReachableFrom(TSNode region) const;
    // `async def __aexit__` of the module's classes, as `finally` handlers (clause: the def): they
    // run when the body of an `async with` is left, by a cancellation too.
    const std::vector<HandlerInfo>& exitHandlers() const { return exitHandlers_; }
    // Every call node inside `region`, in document order.
    std::vector<TSNode> callNodesIn(TSNode region) const;
    // Calls `<receiver>.<method>(...)`, in document order.
    std::vector<TSNode> methodCalls(std::string_view method) const;
    // The module function a call's callee refers to (-1: not a module function).
    int resolveCall(TSNode call) const;
    // The module function an expression names, as resolveCall reads a callee (`f`, `self.m`,
    // `C.m`): for a function handed on as a value (`run_in_executor(None, f)`). -1 otherwise.
    int resolveCallee(TSNode callee) const;
    // Calls `<receiver>.<m>(...)` inside `region` and inside the module functions it reaches whose
    // receiver's class the model cannot tell (a local, a parameter, an attribute: not self/cls of a
    // module class with that method, not a module class, not a name bound by an import), in
    // document order: the object may be of any class with a method `m`.
    std::vector<TSNode> untypedMethodCalls(TSNode region) const;
    // Every call of the module by the module function it resolves to (resolveCall), computed
    // once per module and round; and untypedMethodCalls of the whole module, once. Rules that
    // ask for each site (a caller's handler around a gather) read these.
    const std::vector<std::vector<TSNode>>& callersByFunction() const;
    const std::vector<TSNode>& moduleUntypedMethodCalls() const;
    // The async methods named `name` of the module's classes.
    std::vector<int> asyncMethodsNamed(std::string_view name) const;
    // The sync function `fn` only ever runs from async code: every use of its name (a
    // module-level function, or the class whose __init__ it is) in the module is a call
    // inside an async function, or inside a sync function for which this holds in turn.
    // False when there is no such call, or any other use (a reference, a subclass,
    // a call at import time).
    bool onlyCalledFromAsync(int fn) const;

private:
    void collectFunctions();
    void collectHandlers();
    void addCatchingWith(TSNode with);
    void addHandler(TSNode clause, HandlerInfo::Kind kind);
    void collectExitHandlers();
    // The exit handler of the module class `async with` item `value` creates (`C(...)`), or null.
    const HandlerInfo* exitHandlerOf(TSNode value) const;
    std::vector<int> callsIn(TSNode region) const;

    const Syntax& syntax_;
    const Model& model_;
    std::vector<FunctionInfo> functions_;
    std::vector<HandlerInfo> handlers_;
    std::vector<HandlerInfo> exitHandlers_;
    std::unordered_map<const void*, int> functionByNode_;
    std::vector<TSNode> calls_;  // every call node, document order
    mutable std::optional<std::vector<std::vector<TSNode>>> callers_;  // callersByFunction()
    mutable std::optional<std::vector<TSNode>> untypedAll_;            // moduleUntypedMethodCalls()
};

}  // namespace anymig::python
