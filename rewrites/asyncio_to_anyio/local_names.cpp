#include "rewrites/asyncio_to_anyio/local_names.h"

namespace anymig::asyncio_to_anyio {


std::optional<LocalName> assignedName(const Context& ctx, TSNode value) {
    TSNode assign = ctx.syntax.parent(value);
    if (!is(assign, "assignment") || !sameNode(field(assign, "right"), value) || !isNull(field(assign, "type")))
        return std::nullopt;
    TSNode left = field(assign, "left");
    TSNode stmt = ctx.syntax.parent(assign);
    if (!is(left, "identifier") || !is(stmt, "expression_statement") || namedChildren(stmt).size() != 1)
        return std::nullopt;
    LocalName v;
    v.name = ctx.str(left);
    v.assignment = assign;
    v.statement = stmt;
    const std::vector<python::Binding>* bs = ctx.model.lookup(ctx.model.scopeOf(assign), v.name, &v.owner);
    if (!bs || bs->size() != 1 || !sameNode((*bs)[0].node, left)) return std::nullopt;
    const std::string& text = ctx.source.text();
    if (text.find("global " + v.name) != std::string::npos || text.find("nonlocal " + v.name) != std::string::npos)
        return std::nullopt;
    return v;
}

std::vector<TSNode> loadsOf(const Context& ctx, const LocalName& v) {
    std::vector<TSNode> out;
    for (const python::NameLoad& l : ctx.model.loadsOf(v.name)) {
        const python::Scope* owner = nullptr;
        ctx.model.lookup(l.scope, v.name, &owner);
        if (owner == v.owner) out.push_back(l.node);
    }
    return out;
}

std::optional<MethodUse> methodCall(const Context& ctx, TSNode load) {
    TSNode attr = ctx.syntax.parent(load);
    if (!is(attr, "attribute") || !sameNode(field(attr, "object"), load)) return std::nullopt;
    TSNode call = ctx.syntax.parent(attr);
    if (!is(call, "call") || !sameNode(field(call, "function"), attr)) return std::nullopt;
    return MethodUse{call, attr, ctx.str(field(attr, "attribute"))};
}

TSNode awaitOf(const Context& ctx, TSNode n) {
    TSNode p = ctx.syntax.parent(n);
    return is(p, "await") ? p : TSNode{};
}

bool identifierUsed(const Context& ctx, const std::string& name) {
    for (TSNode n : ctx.syntax.nodesOfType("identifier"))
        if (ctx.text(n) == name) return true;
    return false;
}

TSNode nextStatement(const Context& ctx, TSNode stmt) {
    TSNode parent = ctx.syntax.parent(stmt);
    bool seen = false;
    for (TSNode c : namedChildren(parent)) {
        if (seen && !is(c, "comment")) return c;
        if (sameNode(c, stmt)) seen = true;
    }
    return TSNode{};
}

std::string insideParens(const Context& ctx, TSNode list) {
    std::string_view t = ctx.text(list);
    if (t.size() < 2) return {};
    return std::string(t.substr(1, t.size() - 2));
}

std::string runArguments(const Context& ctx, TSNode coro, bool& needsFunctools, std::string& why) {
    needsFunctools = false;
    if (!is(coro, "call") || !is(field(coro, "arguments"), "argument_list")) {
        why = "it is given a coroutine object, not a call; anyio.run() needs the coroutine function and its "
              "arguments: anyio.run(func, *args)";
        return {};
    }
    TSNode fn = field(coro, "function");
    TSNode inner = field(coro, "arguments");
    python::CallArgs a = ctx.args(inner);
    std::string inside = insideParens(ctx, inner);
    bool empty = a.positional.empty() && a.keywords.empty() && !a.hasStar && !a.hasDoubleStar;
    if (empty) return ctx.str(fn);
    if (a.keywords.empty() && !a.hasDoubleStar) return ctx.str(fn) + ", " + inside;
    needsFunctools = true;
    return "functools.partial(" + ctx.str(fn) + ", " + inside + ")";
}

}  // namespace anymig::asyncio_to_anyio
