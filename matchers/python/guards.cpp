#include "matchers/python/guards.h"

#include <vector>

namespace anymig::python {

TSNode enclosingFunction(const Syntax& syntax, TSNode n) {
    for (TSNode p = syntax.parent(n); !isNull(p); p = syntax.parent(p)) {
        if (is(p, "function_definition")) return p;
        if (is(p, "lambda") || is(p, "class_definition")) return TSNode{};
    }
    return TSNode{};
}

bool isAsyncFunction(TSNode fn) {
    if (!is(fn, "function_definition")) return false;
    for (TSNode c : children(fn)) {
        if (type(c) == "async") return true;
        if (type(c) == "def") return false;
    }
    return false;
}

bool inAsyncDef(const Syntax& syntax, TSNode n) { return isAsyncFunction(enclosingFunction(syntax, n)); }

bool isPure(TSNode root, Purity level) {
    std::vector<TSNode> work{root};  // an explicit stack, not recursion: operator chains can be very long
    while (!work.empty()) {
        TSNode n = work.back();
        work.pop_back();
        std::string_view t = type(n);
        if (t == "integer" || t == "float" || t == "identifier" || t == "true" || t == "false" || t == "none")
            continue;
        if (t == "attribute") work.push_back(field(n, "object"));
        else if (t == "unary_operator") work.push_back(field(n, "argument"));
        else if (level == Purity::Atom) return false;
        else if (t == "string") {
            for (TSNode c : namedChildren(n))
                if (is(c, "interpolation")) return false;
        } else if (t == "binary_operator") {
            work.push_back(field(n, "left"));
            work.push_back(field(n, "right"));
        } else if (t == "parenthesized_expression") {
            auto kids = namedChildren(n);
            if (kids.size() != 1) return false;
            work.push_back(kids[0]);
        } else {
            return false;
        }
    }
    return true;
}

Guard noStarArgs() {
    return {"no *args or **kwargs", [](const CallSite& site, const Context& ctx) {
                CallArgs a = ctx.args(site.arguments);
                return !a.hasStar && !a.hasDoubleStar;
            }};
}

Guard positionalArgs(std::size_t n) {
    return {"plain positional arguments", [n](const CallSite& site, const Context& ctx) {
                CallArgs a = ctx.args(site.arguments);
                return !a.hasStar && !a.hasDoubleStar && a.keywords.empty() && a.positional.size() == n;
            }};
}

Guard maxPositionalArgs(std::size_t n) {
    return {"few positional arguments",
            [n](const CallSite& site, const Context& ctx) { return ctx.args(site.arguments).positional.size() <= n; }};
}

Guard calls(std::string qualified) {
    return {"callee", [qualified](const CallSite& site, const Context& ctx) {
                return ctx.canonical(site.qualified) == qualified;
            }};
}

Guard noCommentsInArgs() {
    return {"no comments inside the arguments",
            [](const CallSite& site, const Context& ctx) { return !ctx.args(site.arguments).hasComment; }};
}

Guard inAsyncDef() {
    return {"inside async def",
            [](const CallSite& site, const Context& ctx) { return inAsyncDef(ctx.syntax, site.call); }};
}

Guard noKeyword(std::string name) {
    return {"keyword absent", [name](const CallSite& site, const Context& ctx) {
                return isNull(ctx.args(site.arguments).keyword(name, ctx.syntax));
            }};
}

Rewrite renameCallee(const CallSite& site, const std::string& target, const std::string& module,
                     std::string message) {
    Rewrite r;
    r.fix.edits.push_back(Edit{beginOf(site.callee), endOf(site.callee), target, {}});
    r.fix.imports.push_back(module);
    r.message = std::move(message);
    return r;
}

}  // namespace anymig::python
