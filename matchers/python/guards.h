// Reusable pieces of Python rules: syntax predicates, the guards built on them (named
// predicates over a call site, for PyRule cases) and small edit builders. Nothing here
// knows a pack; every piece is unit-tested in tests/test_guards.cpp.
#pragma once
#include <cstddef>
#include <string>

#include "matchers/python/rule.h"

namespace anymig::python {

// --- syntax predicates --------------------------------------------------------------------
// The function_definition enclosing `n`, or null at module level and when a lambda or a
// class body comes first (code there cannot `await` for the function).
TSNode enclosingFunction(const Syntax& syntax, TSNode n);
bool isAsyncFunction(TSNode fn);
// True when `n` sits directly in an `async def` (not in a nested def, lambda or class body),
// so an `await` may be written there.
bool inAsyncDef(const Syntax& syntax, TSNode n);

// How much an expression may hold and still be repeated (evaluated twice) without changing
// what the program does: Atom = literals, names, attribute chains, unary minus on them;
// Expression = also plain strings, arithmetic and parentheses over atoms.
enum class Purity { Atom, Expression };
bool isPure(TSNode n, Purity level = Purity::Expression);

// --- guards over a call site ----------------------------------------------------------------
// No *args / **kwargs in the call.
Guard noStarArgs();
// Exactly `n` plain positional arguments, no keywords, no *args / **kwargs.
Guard positionalArgs(std::size_t n);
// At most `n` plain positional arguments.
Guard maxPositionalArgs(std::size_t n);
// The callee is `qualified` (canonical name, see Context::canonical).
Guard calls(std::string qualified);
// No comment between the call's parentheses.
Guard noCommentsInArgs();
// The call is inside an async def (see inAsyncDef).
Guard inAsyncDef();
// The call's keyword `name` is absent.
Guard noKeyword(std::string name);

// --- edit builders --------------------------------------------------------------------------
// Replaces the call's callee with `target` (e.g. "pkg.name"), needing the import `module`.
Rewrite renameCallee(const CallSite& site, const std::string& target, const std::string& module,
                     std::string message);

}  // namespace anymig::python
