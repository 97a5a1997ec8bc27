// Small helpers shared by the asyncio-to-anyio rules.
#pragma once
#include <string>

#include "matchers/python/context.h"
#include "matchers/python/guards.h"
#include "matchers/python/rule.h"

namespace anymig::asyncio_to_anyio {

using python::CallSite;
using python::Context;
using python::Fix;
using python::Flag;
using python::Outcome;
using python::PlanCase;
using python::flagWith;
using python::planned;
using python::PyRule;
using python::Rewrite;
using python::Skip;
using python::beginOf;
using python::enclosingFunction;
using python::inAsyncDef;
using python::isAsyncFunction;
using python::isPure;
using python::contains;
using python::endOf;
using python::endRowOf;
using python::field;
using python::is;
using python::isNull;
using python::namedChildren;
using python::rowOf;
using python::sameNode;

// The versions the run targets (--target-anyio, --target-python).
extern const PackOption kTargetAnyio;
extern const PackOption kTargetPython;
extern const PackOption kTestBackends;
inline python::Version targetAnyio(const Context& ctx) { return ctx.version(kTargetAnyio); }
inline python::Version targetPython(const Context& ctx) { return ctx.version(kTargetPython); }

inline Edit replaceNode(TSNode n, std::string text) {
    return Edit{python::beginOf(n), python::endOf(n), std::move(text), {}};
}
inline Edit replaceRange(std::size_t b, std::size_t e, std::string text) { return Edit{b, e, std::move(text), {}}; }

using python::renameCallee;

// The member name after the module: "asyncio.sleep" -> "sleep".
inline std::string member(const std::string& qualified) {
    return qualified.substr(qualified.rfind('.') + 1);
}

// The offset of the line after the one `n` ends on (or the end of text).
std::size_t afterLine(const Context& ctx, TSNode n);
// Edits that remove a whole statement (with its line when it stands alone), or replace
// it with `pass` when it is the only statement of its block. Empty when not possible.
std::vector<Edit> removeStatement(const Context& ctx, TSNode stmt);

}  // namespace anymig::asyncio_to_anyio
