#include "matchers/python/semantics.h"

#include <algorithm>

namespace anymig::python {

namespace {

bool isScope(TSNode n) { return is(n, "function_definition") || is(n, "lambda") || is(n, "class_definition"); }

// Every named node under `n` that is not inside a nested def, lambda or class (iterative:
// no recursion proportional to the input's depth).
template <class F>
void walkOwn(TSNode n, F&& visit) {
    std::vector<TSNode> stack{n};
    while (!stack.empty()) {
        TSNode cur = stack.back();
        stack.pop_back();
        visit(cur);
        if (!sameNode(cur, n) && isScope(cur)) continue;
        auto kids = namedChildren(cur);
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
    }
}

bool hasAsyncToken(TSNode n) {
    for (TSNode c : children(n))
        if (type(c) == "async") return true;
    return false;
}

}  // namespace

bool HandlerInfo::catchesAll() const { return kind == Kind::Except && caught.empty(); }

Semantics::Semantics(const Syntax& syntax, const Model& model) : syntax_(syntax), model_(model) {
    for (TSNode n : syntax_.nodesOfType("call")) calls_.push_back(n);
    collectFunctions();
    collectHandlers();
    collectExitHandlers();
}

void Semantics::collectExitHandlers() {
    for (std::size_t i = 0; i < functions_.size(); ++i) {
        const FunctionInfo& f = functions_[i];
        if (f.name != "__aexit__" || !f.isAsync || isNull(f.classNode)) continue;
        HandlerInfo h;
        h.kind = HandlerInfo::Kind::Finally;
        h.clause = f.node;
        h.block = field(f.node, "body");
        h.function = static_cast<int>(i);
        walkOwn(h.block, [&](TSNode n) {
            if (is(n, "await")) h.awaits.push_back(n);
            else if ((is(n, "with_statement") || is(n, "for_statement")) && hasAsyncToken(n)) h.awaits.push_back(n);
            else if (is(n, "raise_statement")) h.raises = true;
        });
        exitHandlers_.push_back(std::move(h));
    }
}

const HandlerInfo* Semantics::exitHandlerOf(TSNode value) const {
    if (!is(value, "call") || !is(field(value, "function"), "identifier")) return nullptr;
    const auto* bindings = model_.lookup(model_.scopeOf(value), std::string(syntax_.text(field(value, "function"))));
    if (!bindings || bindings->empty()) return nullptr;
    TSNode cls = syntax_.parent(bindings->back().node);
    if (!is(cls, "class_definition")) return nullptr;
    for (const HandlerInfo& h : exitHandlers_)
        if (sameNode(functions_[static_cast<std::size_t>(h.function)].classNode, cls)) return &h;
    return nullptr;
}

void Semantics::collectFunctions() {
    for (TSNode n : syntax_.nodesOfType("function_definition")) {
        FunctionInfo f;
        f.node = n;
        f.name = std::string(syntax_.text(field(n, "name")));
        f.isAsync = hasAsyncToken(n);
        TSNode up = syntax_.parent(n);
        if (is(up, "decorated_definition")) up = syntax_.parent(up);
        if (is(up, "block") && is(syntax_.parent(up), "class_definition")) f.classNode = syntax_.parent(up);
        functionByNode_[n.id] = static_cast<int>(functions_.size());
        functions_.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < functions_.size(); ++i) {
        for (int callee : callsIn(field(functions_[i].node, "body"))) {
            auto& list = functions_[i].callees;
            if (std::find(list.begin(), list.end(), callee) != list.end()) continue;
            list.push_back(callee);
            functions_[static_cast<std::size_t>(callee)].callers.push_back(static_cast<int>(i));
        }
    }
}

int Semantics::functionAt(TSNode n) const {
    for (TSNode cur = syntax_.parent(n); !isNull(cur); cur = syntax_.parent(cur)) {
        if (!is(cur, "function_definition")) continue;
        auto it = functionByNode_.find(cur.id);
        return it == functionByNode_.end() ? -1 : it->second;
    }
    return -1;
}

int Semantics::resolveCall(TSNode call) const { return resolveCallee(field(call, "function")); }

int Semantics::resolveCallee(TSNode callee) const {
    auto methodOf = [&](TSNode cls, std::string_view name) {
        for (std::size_t i = 0; i < functions_.size(); ++i)
            if (sameNode(functions_[i].classNode, cls) && functions_[i].name == name) return static_cast<int>(i);
        return -1;
    };
    if (is(callee, "identifier")) {
        const Scope* owner = nullptr;
        const auto* bindings = model_.lookup(model_.scopeOf(callee), std::string(syntax_.text(callee)), &owner);
        if (!bindings || bindings->empty()) return -1;
        TSNode def = syntax_.parent(bindings->back().node);
        if (!is(def, "function_definition")) return -1;
        auto it = functionByNode_.find(def.id);
        return it == functionByNode_.end() ? -1 : it->second;
    }
    if (!is(callee, "attribute")) return -1;
    TSNode object = field(callee, "object");
    std::string_view attr = syntax_.text(field(callee, "attribute"));
    if (!is(object, "identifier")) return -1;
    std::string_view obj = syntax_.text(object);
    if (obj == "self" || obj == "cls") {
        int fn = functionAt(callee);
        // A method's `self`: the class of the def that encloses it (nested defs see the outer one).
        for (int f = fn; f >= 0; f = functionAt(functions_[static_cast<std::size_t>(f)].node))
            if (!isNull(functions_[static_cast<std::size_t>(f)].classNode))
                return methodOf(functions_[static_cast<std::size_t>(f)].classNode, attr);
        return -1;
    }
    const auto* bindings = model_.lookup(model_.scopeOf(callee), std::string(obj));
    if (!bindings || bindings->empty()) return -1;
    TSNode cls = syntax_.parent(bindings->back().node);
    return is(cls, "class_definition") ? methodOf(cls, attr) : -1;
}

std::vector<int> Semantics::callsIn(TSNode region) const {
    std::vector<int> out;
    if (isNull(region)) return out;
    auto first = std::lower_bound(calls_.begin(), calls_.end(), beginOf(region),
                                  [](TSNode c, std::size_t at) { return beginOf(c) < at; });
    for (auto it = first; it != calls_.end() && beginOf(*it) < endOf(region); ++it) {
        if (endOf(*it) > endOf(region)) continue;
        int f = resolveCall(*it);
        if (f >= 0) out.push_back(f);
    }
    return out;
}

std::vector<TSNode> Semantics::callNodesIn(TSNode region) const {
    std::vector<TSNode> out;
    if (isNull(region)) return out;
    auto first = std::lower_bound(calls_.begin(), calls_.end(), beginOf(region),
                                  [](TSNode c, std::size_t at) { return beginOf(c) < at; });
    for (auto it = first; it != calls_.end() && beginOf(*it) < endOf(region); ++it)
        if (endOf(*it) <= endOf(region)) out.push_back(*it);
    return out;
}

std::vector<int> Semantics::reachableFrom(TSNode region) const {
    std::vector<int> out;
    std::vector<char> seen(functions_.size(), 0);
    std::vector<int> todo = callsIn(region);
    while (!todo.empty()) {
        int f = todo.back();
        todo.pop_back();
        if (seen[static_cast<std::size_t>(f)]) continue;
        seen[static_cast<std::size_t>(f)] = 1;
        out.push_back(f);
        for (int c : functions_[static_cast<std::size_t>(f)].callees) todo.push_back(c);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<const HandlerInfo*> Semantics::handlersReachableFrom(TSNode region) const {
    std::vector<int> fns = reachableFrom(region);
    std::vector<const HandlerInfo*> out;
    for (const HandlerInfo& h : handlers_)
        if (contains(region, h.clause) || std::binary_search(fns.begin(), fns.end(), h.function)) out.push_back(&h);
    if (exitHandlers_.empty()) return out;
    auto enters = [&](TSNode scope) {
        walkOwn(scope, [&](TSNode n) {
            if (!is(n, "with_statement") || !hasAsyncToken(n)) return;
            for (TSNode clause : namedChildren(n)) {
                if (!is(clause, "with_clause")) continue;
                for (TSNode item : namedChildren(clause)) {
                    TSNode v = field(item, "value");
                    if (is(v, "as_pattern")) v = namedChildren(v).front();
                    const HandlerInfo* h = exitHandlerOf(v);
                    if (h && std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
                }
            }
        });
    };
    enters(region);
    for (int f : fns) enters(field(functions_[static_cast<std::size_t>(f)].node, "body"));
    return out;
}

std::vector<TSNode> Semantics::untypedMethodCalls(TSNode region) const {
    std::vector<TSNode> regions{region};
    for (int f : reachableFrom(region)) regions.push_back(field(functions_[static_cast<std::size_t>(f)].node, "body"));
    std::vector<TSNode> out;
    for (TSNode r : regions)
        for (TSNode call : callNodesIn(r)) {
            TSNode callee = field(call, "function");
            if (!is(callee, "attribute") || resolveCall(call) >= 0) continue;
            if (model_.resolve(callee, model_.scopeOf(call))) continue;  // through an import: not an object's method
            out.push_back(call);
        }
    return out;
}

std::vector<int> Semantics::asyncMethodsNamed(std::string_view name) const {
    std::vector<int> out;
    for (std::size_t i = 0; i < functions_.size(); ++i)
        if (functions_[i].isAsync && !isNull(functions_[i].classNode) && functions_[i].name == name)
            out.push_back(static_cast<int>(i));
    return out;
}

std::vector<TSNode> Semantics::methodCalls(std::string_view method) const {
    std::vector<TSNode> out;
    for (TSNode c : calls_) {
        TSNode callee = field(c, "function");
        if (is(callee, "attribute") && syntax_.text(field(callee, "attribute")) == method) out.push_back(c);
    }
    return out;
}

bool Semantics::onlyCalledFromAsync(int fn) const {
    std::vector<char> seen(functions_.size(), 0);
    std::vector<int> todo{fn};
    while (!todo.empty()) {
        int f = todo.back();
        todo.pop_back();
        if (f < 0) return false;
        if (seen[static_cast<std::size_t>(f)]) continue;
        seen[static_cast<std::size_t>(f)] = 1;
        const FunctionInfo& info = functions_[static_cast<std::size_t>(f)];
        TSNode binder = info.node;
        if (!isNull(info.classNode)) {
            if (info.name != "__init__") return false;
            binder = info.classNode;
        }
        std::string name(syntax_.text(field(binder, "name")));
        bool called = false;
        for (const NameLoad& load : model_.loadsOf(name)) {
            const auto* bindings = model_.lookup(load.scope, name);
            if (!bindings || bindings->empty() || !sameNode(syntax_.parent(bindings->back().node), binder)) continue;
            TSNode call = syntax_.parent(load.node);
            if (!is(call, "call") || !sameNode(field(call, "function"), load.node)) return false;
            int caller = functionAt(call);
            if (caller < 0) return false;  // called at import time, or from a class body
            called = true;
            if (!functions_[static_cast<std::size_t>(caller)].isAsync) todo.push_back(caller);
        }
        if (!called) return false;
    }
    return true;
}

void Semantics::collectHandlers() {
    for (TSNode n : syntax_.nodesOfType("try_statement")) {
        for (TSNode c : namedChildren(n)) {
            if (is(c, "except_clause") || is(c, "except_group_clause")) addHandler(c, HandlerInfo::Kind::Except);
            else if (is(c, "finally_clause")) addHandler(c, HandlerInfo::Kind::Finally);
        }
    }
    for (TSNode n : syntax_.nodesOfType("with_statement")) addCatchingWith(n);
}

// `with self.assertRaises(E):`, `assertRaisesRegex(E, ...)`, a test framework's `raises(E)`,
// `contextlib.suppress(E, ...)`: the block's exception of class E is caught and the code after the
// `with` runs on, like an `except E: pass` (a handler without a block that swallows).
void Semantics::addCatchingWith(TSNode with) {
    HandlerInfo h;
    h.kind = HandlerInfo::Kind::Except;
    h.clause = with;
    h.function = functionAt(with);
    for (TSNode clause : namedChildren(with)) {
        if (!is(clause, "with_clause")) continue;
        for (TSNode item : namedChildren(clause)) {
            TSNode v = field(item, "value");
            if (is(v, "as_pattern")) v = namedChildren(v).empty() ? TSNode{} : namedChildren(v).front();
            if (!is(v, "call") || !is(field(v, "arguments"), "argument_list")) continue;
            TSNode f = field(v, "function");
            std::string_view name = syntax_.text(is(f, "attribute") ? field(f, "attribute") : f);
            if (name != "assertRaises" && name != "assertRaisesRegex" && name != "raises" && name != "suppress") continue;
            for (TSNode a : namedChildren(field(v, "arguments"))) {
                if (is(a, "keyword_argument") || is(a, "comment") || is(a, "list_splat") || is(a, "dictionary_splat")) continue;
                TSNode x = a;
                while (is(x, "parenthesized_expression") && !namedChildren(x).empty()) x = namedChildren(x).front();
                if (is(x, "tuple")) {
                    for (TSNode e : namedChildren(x)) h.caught.push_back(e);
                } else {
                    h.caught.push_back(x);
                }
                if (name != "suppress") break;  // the others: the class first, then a message or regex
            }
        }
    }
    if (!h.caught.empty()) handlers_.push_back(std::move(h));
}

void Semantics::addHandler(TSNode clause, HandlerInfo::Kind kind) {
    HandlerInfo h;
    h.kind = kind;
    h.clause = clause;
    h.function = functionAt(clause);
    for (TSNode c : namedChildren(clause)) {
        if (is(c, "block")) h.block = c;
        else if (kind == HandlerInfo::Kind::Except && h.caught.empty() && !is(c, "comment")) {
            // `except X as e` may parse as an as_pattern whose first child is X.
            TSNode x = is(c, "as_pattern") ? namedChildren(c).front() : c;
            while (is(x, "parenthesized_expression") && !namedChildren(x).empty()) x = namedChildren(x).front();
            if (is(x, "tuple") || is(x, "expression_list")) h.caught = namedChildren(x);
            else h.caught.push_back(x);
        }
    }
    if (isNull(h.block)) return;
    bool leaves = false;
    walkOwn(h.block, [&](TSNode n) {
        if (is(n, "await")) h.awaits.push_back(n);
        else if ((is(n, "with_statement") || is(n, "for_statement")) && hasAsyncToken(n)) h.awaits.push_back(n);
        else if (is(n, "raise_statement")) h.raises = true;
        else if (is(n, "return_statement") || is(n, "break_statement") || is(n, "continue_statement")) leaves = true;
    });
    TSNode last{};
    for (TSNode s : namedChildren(h.block))
        if (!is(s, "comment")) last = s;
    h.reraises = is(last, "raise_statement") && ts_node_named_child_count(last) == 0 && !leaves;
    // A `finally` that returns, breaks or continues ends the exception it was running for.
    if (kind == HandlerInfo::Kind::Finally) h.raises = !leaves;
    handlers_.push_back(std::move(h));
}

const std::vector<std::vector<TSNode>>& Semantics::callersByFunction() const {
    if (!callers_) {
        callers_.emplace(functions_.size());
        for (TSNode call : calls_)
            if (int target = resolveCall(call); target >= 0 && static_cast<std::size_t>(target) < callers_->size())
                (*callers_)[static_cast<std::size_t>(target)].push_back(call);
    }
    return *callers_;
}

const std::vector<TSNode>& Semantics::moduleUntypedMethodCalls() const {
    if (!untypedAll_) untypedAll_ = untypedMethodCalls(syntax_.root());
    return *untypedAll_;
}

}  // namespace anymig::python
