#include "rewrites/asyncio_to_anyio/structured.h"

#include <algorithm>
#include <set>

namespace anymig::asyncio_to_anyio::structured {

namespace {

bool isScopeNode(TSNode n) {
    return is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition");
}
}  // namespace

std::optional<AwaitStatement> awaitStatement(const Context& ctx, TSNode call) {
    TSNode aw = ctx.syntax.parent(call);
    if (!is(aw, "await")) return std::nullopt;
    TSNode p = ctx.syntax.parent(aw);
    AwaitStatement s;
    s.await = aw;
    if (is(p, "expression_statement")) {
        s.kind = AwaitStatement::Bare;
        s.stmt = p;
    } else if ((is(p, "assignment") || is(p, "augmented_assignment")) && sameNode(field(p, "right"), aw) &&
               is(ctx.syntax.parent(p), "expression_statement")) {
        s.kind = AwaitStatement::Assign;
        s.stmt = ctx.syntax.parent(p);
    } else if (is(p, "return_statement")) {
        s.kind = AwaitStatement::Return;
        s.stmt = p;
    } else {
        return std::nullopt;
    }
    if (namedChildren(s.stmt).size() != 1) return std::nullopt;
    if (!ownsLines(ctx, s.stmt)) return std::nullopt;
    return s;
}

python::Guard statementLevelAwait() {
    return {"statement-level await",
            [](const CallSite& site, const Context& ctx) { return awaitStatement(ctx, site.call).has_value(); }};
}

std::string notStatementReason(const Context& ctx, TSNode call) {
    TSNode aw = ctx.syntax.parent(call);
    if (!is(aw, "await")) return "its result is not awaited directly";
    TSNode p = ctx.syntax.parent(aw);
    if (is(p, "expression_statement") || is(p, "return_statement") ||
        ((is(p, "assignment") || is(p, "augmented_assignment")) && sameNode(field(p, "right"), aw))) {
        TSNode stmt = is(p, "return_statement") || is(p, "expression_statement") ? p : ctx.syntax.parent(p);
        if (!ownsLines(ctx, stmt)) return "the statement shares its line with other code";
        return "the statement has an unusual shape";
    }
    return "the awaited value is used inside a larger expression";
}

bool nameUnused(const Context& ctx, TSNode region, const std::string& name, TSNode except) {
    for (TSNode n : ctx.syntax.nodesOfType("identifier", region)) {
        if (ctx.text(n) != name) continue;
        if (!isNull(except) && python::contains(except, n)) continue;
        return false;
    }
    return true;
}

std::string freshName(const Context& ctx, TSNode at, const std::string& base, std::set<std::string>& taken) {
    TSNode fn = enclosingFunction(ctx.syntax, at);
    TSNode region = isNull(fn) ? ctx.syntax.root() : fn;
    const python::Scope* scope = ctx.model.scopeOf(at);
    for (int i = 1;; ++i) {
        std::string name = i == 1 ? base : base + std::to_string(i);
        if (taken.count(name)) continue;
        if (!nameUnused(ctx, region, name)) continue;
        if (ctx.model.lookup(scope, name)) continue;  // bound around the function (a global, an import)
        taken.insert(name);
        return name;
    }
}

std::string indentUnit(const Context& ctx, TSNode stmt) {
    std::string inner = ctx.indentAt(beginOf(stmt));
    // The owner of the block the statement is in (def, if, for, ...).
    TSNode block = ctx.syntax.parent(stmt);
    TSNode owner = is(block, "block") ? ctx.syntax.parent(block) : TSNode{};
    if (!isNull(owner)) {
        std::string outer = ctx.indentAt(beginOf(owner));
        if (inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0)
            return inner.substr(outer.size());
    }
    if (!inner.empty() && inner[0] == '\t') return "\t";
    return "    ";
}

bool ownsLines(const Context& ctx, TSNode stmt) {
    const std::string& text = ctx.source.text();
    std::size_t ls = ctx.source.lineStart(python::rowOf(stmt));
    for (std::size_t i = ls; i < beginOf(stmt); ++i)
        if (text[i] != ' ' && text[i] != '\t') return false;
    std::size_t k = endOf(stmt);
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    return k >= text.size() || text[k] == '\n' || text[k] == '\r' || text[k] == '#';
}

bool insideString(const Context& ctx, std::size_t at) {
    TSNode n = ts_node_descendant_for_byte_range(ctx.syntax.root(), static_cast<uint32_t>(at),
                                                 static_cast<uint32_t>(at));
    for (; !isNull(n); n = ctx.syntax.parent(n)) {
        if (is(n, "string") && beginOf(n) < at && at < endOf(n)) return true;
        if (is(n, "block") || is(n, "module")) return false;
    }
    return false;
}

std::vector<Edit> indentLines(const Context& ctx, std::size_t begin, std::size_t end, const std::string& extra) {
    std::vector<Edit> out;
    const std::string& text = ctx.source.text();
    int first = ctx.source.position(begin).line;
    int last = ctx.source.position(end).line;
    for (int line = first + 1; line <= last; ++line) {
        std::size_t ls = ctx.source.lineStart(line);
        if (ls >= end) break;
        std::string_view lt = ctx.source.lineText(line);
        if (std::all_of(lt.begin(), lt.end(), [](char c) { return c == ' ' || c == '\t'; })) continue;
        if (insideString(ctx, ls)) continue;
        (void)text;
        out.push_back(replaceRange(ls, ls, extra));
    }
    return out;
}

bool containsType(TSNode root, std::initializer_list<std::string_view> types) {
    std::vector<TSNode> work{root};  // explicit stack: no recursion proportional to nesting
    while (!work.empty()) {
        TSNode n = work.back();
        work.pop_back();
        for (std::string_view t : types)
            if (is(n, t)) return true;
        if (isScopeNode(n)) continue;
        for (TSNode c : namedChildren(n)) work.push_back(c);
    }
    return false;
}

namespace {
// Whether anything under `root` leaves it early (return, yield, or break/continue outside a loop
// of its own). Explicit stack of (node, inside a loop of root's) pairs.
bool leaves(TSNode root, bool rootInLoop) {
    std::vector<std::pair<TSNode, bool>> work{{root, rootInLoop}};
    while (!work.empty()) {
        auto [n, inLoop] = work.back();
        work.pop_back();
        if (is(n, "return_statement") || is(n, "yield")) return true;
        if (!inLoop && (is(n, "break_statement") || is(n, "continue_statement"))) return true;
        if (isScopeNode(n)) continue;
        bool loop = is(n, "for_statement") || is(n, "while_statement");
        TSNode body = loop ? field(n, "body") : TSNode{};
        for (TSNode c : namedChildren(n)) work.push_back({c, inLoop || (loop && sameNode(c, body))});
    }
    return false;
}
}  // namespace

bool leavesEarly(TSNode n) { return leaves(n, false); }

bool catchingWith(const Context& ctx, TSNode with) {
    // self.assertRaises(E) / assertRaisesRegex / pytest.raises(E) / contextlib.suppress(E): the
    // block's exception is caught by its class, like an except clause.
    static const std::set<std::string_view> catchers = {"assertRaises", "assertRaisesRegex", "raises", "suppress"};
    for (TSNode clause : namedChildren(with)) {
        if (!is(clause, "with_clause")) continue;
        for (TSNode item : namedChildren(clause)) {
            TSNode v = field(item, "value");
            if (is(v, "as_pattern")) v = namedChildren(v).empty() ? TSNode{} : namedChildren(v)[0];
            if (!is(v, "call")) continue;
            TSNode f = field(v, "function");
            if (is(f, "attribute")) f = field(f, "attribute");
            if (is(f, "identifier") && catchers.count(ctx.text(f))) return true;
        }
    }
    return false;
}

std::string handlerPhrase(const Context& ctx, TSNode handler) {
    if (is(handler, "call")) return "a task whose failure is read by `" + ctx.str(handler) + "`";
    if (!is(handler, "with_statement")) return "try/except";
    return "a `with` that catches its exceptions";
}

namespace {
// `call` is the coroutine given to `...create_task(call)` / `...ensure_future(call)` whose task is
// bound to a plain name (`t = asyncio.create_task(f())`): where that task's failure is seen in the
// function that binds it: `await t` inside a try with except clauses (or a catching `with`),
// returning that statement, or a read of its outcome (`t.exception()`, `t.result()`), returning
// that call. Null when neither.
TSNode taskFailureSeen(const Context& ctx, TSNode call) {
    TSNode args = ctx.syntax.parent(call), spawn = ctx.syntax.parent(args);
    if (!is(args, "argument_list") || !is(spawn, "call") || namedChildren(args).empty() ||
        !sameNode(namedChildren(args)[0], call))
        return TSNode{};
    TSNode f = field(spawn, "function");
    std::string_view name = is(f, "attribute") ? ctx.text(field(f, "attribute")) : ctx.text(f);
    if (name != "create_task" && name != "ensure_future") return TSNode{};
    TSNode assign = ctx.syntax.parent(spawn);
    if (!is(assign, "assignment") || !sameNode(field(assign, "right"), spawn) || !is(field(assign, "left"), "identifier"))
        return TSNode{};
    const std::string_view task = ctx.text(field(assign, "left"));
    TSNode scope = assign;
    while (!isNull(scope) && !isScopeNode(scope)) scope = ctx.syntax.parent(scope);
    if (isNull(scope)) scope = ctx.syntax.root();
    for (TSNode n : ctx.syntax.nodesOfType("identifier", scope)) {
        if (ctx.text(n) != task || python::beginOf(n) < python::endOf(assign)) continue;
        TSNode p = ctx.syntax.parent(n);
        if (is(p, "await"))
            if (TSNode t = enclosingHandlerTry(ctx, p); !isNull(t)) return t;
        TSNode read = ctx.syntax.parent(p);
        if (is(p, "attribute") && sameNode(field(p, "object"), n) && is(read, "call") &&
            sameNode(field(read, "function"), p) &&
            (ctx.text(field(p, "attribute")) == "exception" || ctx.text(field(p, "attribute")) == "result"))
            return read;
    }
    return TSNode{};
}
}  // namespace

TSNode enclosingHandlerTry(const Context& ctx, TSNode n) {
    TSNode cur = n;
    for (TSNode p = ctx.syntax.parent(cur); !isNull(p); cur = p, p = ctx.syntax.parent(p)) {
        if (isScopeNode(p)) return TSNode{};
        if (is(p, "with_statement") && sameNode(field(p, "body"), cur) && catchingWith(ctx, p)) return p;
        if (!is(p, "try_statement") || !sameNode(field(p, "body"), cur)) continue;
        for (TSNode c : namedChildren(p))
            if (is(c, "except_clause") || is(c, "except_group_clause")) return p;
    }
    return TSNode{};
}

void walkCallerCalls(const Context& ctx, int fn, const std::function<bool(TSNode call)>& visit) {
    if (fn < 0) return;
    const python::Semantics& sem = ctx.semantics();
    std::vector<char> seen(sem.functions().size(), 0);
    std::vector<int> todo = {fn};
    // Who calls each function, resolved once per module and round (resolving every call for each
    // function visited, for each site, cost a third of `check` on the dense bench corpus).
    const std::vector<TSNode>& untyped = sem.moduleUntypedMethodCalls();
    const std::vector<std::vector<TSNode>>& callers = sem.callersByFunction();
    while (!todo.empty()) {
        int f = todo.back();
        todo.pop_back();
        if (seen[static_cast<std::size_t>(f)]) continue;
        seen[static_cast<std::size_t>(f)] = 1;
        const python::FunctionInfo& info = sem.functions()[static_cast<std::size_t>(f)];
        std::vector<TSNode> calls = callers[static_cast<std::size_t>(f)];
        if (!isNull(info.classNode))
            for (TSNode call : untyped)
                if (ctx.text(field(field(call, "function"), "attribute")) == info.name) calls.push_back(call);
        for (TSNode call : calls) {
            if (visit(call)) return;
            if (int caller = sem.functionAt(call); caller >= 0) todo.push_back(caller);
        }
    }
}

TSNode callerHandlerTry(const Context& ctx, TSNode n) {
    TSNode found{};
    walkCallerCalls(ctx, ctx.semantics().functionAt(n), [&](TSNode call) {
        found = enclosingHandlerTry(ctx, call);
        if (isNull(found)) found = taskFailureSeen(ctx, call);
        return !isNull(found);
    });
    return found;
}

std::string startSoonArgs(const Context& ctx, TSNode call, bool& needsFunctools) {
    if (!is(call, "call")) return {};
    TSNode fn = field(call, "function");
    TSNode list = field(call, "arguments");
    if (!is(list, "argument_list")) return {};
    python::CallArgs a = ctx.args(list);
    if (a.hasComment) return {};
    std::vector<std::string> parts;
    for (TSNode c : namedChildren(list)) parts.push_back(ctx.str(c));
    std::string joined;
    for (const std::string& p : parts) joined += ", " + p;
    if (a.keywords.empty() && !a.hasDoubleStar) return ctx.str(fn) + joined;
    needsFunctools = true;
    return "functools.partial(" + ctx.str(fn) + joined + ")";
}

bool isGatherCall(const Context& ctx, TSNode call) {
    if (!is(call, "call")) return false;
    auto q = ctx.model.resolve(field(call, "function"), ctx.model.scopeOf(call));
    return q && ctx.canonical(*q) == "asyncio.gather";
}

bool gathersCreatedTasks(const Context& ctx, TSNode gatherCall) {
    TSNode fn = python::enclosingFunction(ctx.syntax, gatherCall);
    auto args = namedChildren(field(gatherCall, "arguments"));
    if (isNull(fn) || args.empty()) return false;
    std::vector<CallSite> creates = ctx.callsTo({"asyncio.create_task"});
    for (TSNode a : args) {
        bool task = is(a, "identifier") && std::any_of(creates.begin(), creates.end(), [&](const CallSite& c) {
            TSNode assign = ctx.syntax.parent(c.call);
            return is(assign, "assignment") && contains(fn, c.call) && ctx.text(field(assign, "left")) == ctx.text(a);
        });
        if (!task) return false;
    }
    return true;
}

std::string storeHelper(const Context& ctx, const std::string& indent, const std::string& unit,
                        const std::string& results, const std::string& count, const std::string& store) {
    const std::string& nl = ctx.newline();
    return indent + results + " = [None] * " + count + nl + nl + indent + "async def " + store +
           "(index, coro):" + nl + indent + unit + results + "[index] = await coro" + nl + nl;
}

}  // namespace anymig::asyncio_to_anyio::structured

namespace anymig::asyncio_to_anyio::structured {

std::vector<Edit> wrapAwaitStatement(const Context& ctx, const AwaitStatement& s, TSNode call, TSNode inner,
                                     const std::string& header, const std::string& hoist,
                                     const std::vector<std::string>& after) {
    const std::string& nl = ctx.newline();
    std::string indent = ctx.indentAt(python::beginOf(s.stmt));
    std::string unit = indentUnit(ctx, s.stmt);
    std::vector<Edit> edits;
    std::size_t sb = python::beginOf(s.stmt), se = python::endOf(s.stmt);
    std::vector<std::string> tail = after;
    if (s.kind == AwaitStatement::Return && !hoist.empty()) {
        edits.push_back(replaceRange(sb, python::beginOf(s.await), header + ":" + nl + indent + unit + hoist + " = "));
        tail.push_back("return " + hoist);
    } else {
        edits.push_back(replaceRange(sb, sb, header + ":" + nl + indent + unit));
    }
    std::size_t cb = python::beginOf(call), ce = python::endOf(call);
    std::size_t ib = python::beginOf(inner), ie = python::endOf(inner);
    if (cb < ib) edits.push_back(replaceRange(cb, ib, ""));
    if (ie < ce) edits.push_back(replaceRange(ie, ce, ""));
    for (Edit& e : indentLines(ctx, sb, se, unit)) {
        bool removed = (e.begin > cb && e.begin < ib) || (e.begin > ie && e.begin < ce);
        if (!removed) edits.push_back(std::move(e));
    }
    if (!tail.empty()) {
        std::size_t at = ctx.source.lineEnd(python::endRowOf(s.stmt));
        std::string text;
        for (const std::string& line : tail) text += nl + indent + line;
        edits.push_back(replaceRange(at, at, text));
    }
    return edits;
}

}  // namespace anymig::asyncio_to_anyio::structured
