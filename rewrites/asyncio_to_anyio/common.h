// Small helpers shared by the asyncio-to-anyio rules.
#pragma once
#include <string>

#include "matchers/python/context.h"
#include "matchers/python/rule.h"

namespace anymig::asyncio_to_anyio {

using python::CallSite;
using python::Context;
using python::Fix;
using python::Flag;
using python::Outcome;
using python::PyRule;
using python::Rewrite;
using python::Skip;
using python::beginOf;
using python::contains;
using python::endOf;
using python::endRowOf;
using python::field;
using python::is;
using python::isNull;
using python::namedChildren;
using python::rowOf;
using python::sameNode;

inline Edit replaceNode(TSNode n, std::string text) {
    return Edit{python::beginOf(n), python::endOf(n), std::move(text), {}};
}
inline Edit replaceRange(std::size_t b, std::size_t e, std::string text) { return Edit{b, e, std::move(text), {}}; }

// Replaces a call's callee with `target` (e.g. "anyio.sleep"), needing `module`.
inline Rewrite renameCallee(const CallSite& site, const std::string& target, const std::string& module,
                            std::string message) {
    Rewrite r;
    r.fix.edits.push_back(replaceNode(site.callee, target));
    r.fix.imports.push_back(module);
    r.message = std::move(message);
    return r;
}

// The member name after the module: "asyncio.sleep" -> "sleep".
inline std::string member(const std::string& qualified) {
    return qualified.substr(qualified.rfind('.') + 1);
}

// The offset of the line after the one `n` ends on (or the end of text).
std::size_t afterLine(const Context& ctx, TSNode n);
// Edits that remove a whole statement (with its line when it stands alone), or replace
// it with `pass` when it is the only statement of its block. Empty when not possible.
std::vector<Edit> removeStatement(const Context& ctx, TSNode stmt);

// True when the expression is cheap and side-effect free to repeat (a literal or a name).
bool isSimpleExpression(TSNode n);

}  // namespace anymig::asyncio_to_anyio
