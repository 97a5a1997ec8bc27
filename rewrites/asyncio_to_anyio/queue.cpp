// AM213 queue: a producer/consumer asyncio.Queue held in one name becomes the two halves
// of an anyio memory object stream:
//   q = asyncio.Queue()          ->  q_send, q_receive = anyio.create_memory_object_stream(math.inf)
//   await q.put(x)               ->  await q_send.send(x)
//   item = await q.get()         ->  item = await q_receive.receive()
// including inside module-level functions the queue is passed to (producer(q) /
// tg.start_soon(consumer, q)) when each uses it for one direction only. Queue(0) and
// Queue() are unbounded (math.inf); a stream buffer of 0 would be a rendezvous. Any use
// with no stream equivalent (task_done, join, qsize, empty, get_nowait...) keeps the queue,
// and the flag names it.
#include <map>

#include "rewrites/asyncio_to_anyio/local_names.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

namespace {

std::string blockerFor(const std::string& m, bool bounded) {
    static const std::map<std::string, std::string> why = {
        {"task_done", "memory object streams have no task_done()/join(): close the send stream when done and let "
                      "the consumer's `async for` end, or wait for the consumer task in a task group"},
        {"join", "memory object streams have no task_done()/join(): close the send stream when done and let the "
                 "consumer's `async for` end, or wait for the consumer task in a task group"},
        {"qsize", "use receive_stream.statistics().current_buffer_used"},
        {"empty", "use receive_stream.statistics().current_buffer_used == 0"},
        {"full", "use send_stream.statistics() (current_buffer_used == max_buffer_size)"},
        {"get_nowait", "get_nowait() raises asyncio.QueueEmpty; receive_nowait() raises anyio.WouldBlock: rewrite "
                       "its except clause with it"},
        {"put_nowait", "put_nowait() on a bounded queue raises asyncio.QueueFull; send_nowait() raises "
                       "anyio.WouldBlock: rewrite its except clause with it"},
        {"shutdown", "close the send stream instead (receivers then get anyio.EndOfStream)"},
    };
    if (m == "put_nowait" && !bounded) return {};
    auto it = why.find(m);
    return it == why.end() ? "Queue." + m + "() has no memory object stream equivalent" : it->second;
}

struct Plan {
    std::vector<Edit> edits;
    std::string blocker;  // why not, with its line
    int uses = 0;
};

std::string at(TSNode n) { return " (line " + std::to_string(python::rowOf(n)) + ")"; }

// The role of a method: "send" or "receive", with the replacement attribute name; "" if none.
std::pair<std::string, std::string> roleOf(const Context& ctx, const MethodUse& use, bool bounded) {
    bool awaited = !isNull(awaitOf(ctx, use.call));
    if (use.method == "put" && awaited) return {"send", "send"};
    if (use.method == "get" && awaited) return {"receive", "receive"};
    if (use.method == "put_nowait" && !bounded) return {"send", "send_nowait"};
    return {"", ""};
}

// A module-level function `name`'s definition, when it is bound only by that def.
TSNode moduleFunction(const Context& ctx, const std::string& name) {
    auto it = ctx.model.module().bindings.find(name);
    if (it == ctx.model.module().bindings.end() || it->second.size() != 1) return TSNode{};
    TSNode def = ctx.syntax.parent(it->second[0].node);
    if (!is(def, "function_definition") || !is(ctx.syntax.parent(def), "module")) return TSNode{};
    return def;
}

// Follows the queue into `def`'s parameter `index`; appends edits; returns the role or sets the blocker.
std::string followInto(const Context& ctx, TSNode def, std::size_t index, bool bounded, Plan& plan) {
    std::string fname = ctx.str(field(def, "name"));
    auto params = namedChildren(field(def, "parameters"));
    if (index >= params.size() || !is(params[index], "identifier")) {
        plan.blocker = "it is passed to " + fname + "() whose parameter " + std::to_string(index + 1) +
                       " is not a plain name" + at(def);
        return {};
    }
    LocalName p;
    p.name = ctx.str(params[index]);
    p.owner = ctx.model.scopeOf(field(def, "body"));
    const std::vector<python::Binding>* bs = ctx.model.lookup(p.owner, p.name);
    if (!bs || bs->size() != 1) {
        plan.blocker = "parameter `" + p.name + "` of " + fname + "() is re-bound" + at(def);
        return {};
    }
    std::string role;
    for (TSNode load : loadsOf(ctx, p)) {
        auto use = methodCall(ctx, load);
        auto [r, target] = use ? roleOf(ctx, *use, bounded) : std::pair<std::string, std::string>{};
        if (r.empty()) {
            std::string what = use ? p.name + "." + use->method + "()" : "`" + p.name + "` used as a value";
            std::string hint = use ? blockerFor(use->method, bounded) : "pass the send or receive stream explicitly";
            plan.blocker = what + " in " + fname + "()" + at(load) + ": " + hint;
            return {};
        }
        if (!role.empty() && role != r) {
            plan.blocker = fname + "() both puts and gets on `" + p.name + "`" + at(load) +
                           ": pass it both streams by hand";
            return {};
        }
        role = r;
        plan.edits.push_back(replaceNode(field(use->attribute, "attribute"), target));
        ++plan.uses;
    }
    if (role.empty()) plan.blocker = fname + "() does not use the queue it is given" + at(def);
    return role;
}

// What an asyncio.Queue() site is, found once; the cases below read it.
struct QueuePlan {
    const CallSite* site = nullptr;
    std::string kind;           // "Queue", "PriorityQueue", "LifoQueue"
    TSNode size{};              // maxsize, when given
    bool unexpectedArgs = false;
    std::string buffer;         // the stream's buffer size ("" when the size cannot be carried over)
    bool bounded = true, needsMath = false;
    bool annotated = false;     // `q: asyncio.Queue[int] = asyncio.Queue()`
    std::optional<LocalName> v;  // the queue's name
    std::string sendName, recvName;
    bool namesTaken = false;
    Plan uses;                  // the uses' edits, or why one blocks the rewrite
    std::vector<Edit> close;    // `with send, receive:` around the rest of the function, when that is where
                                // the queue's life provably ends (empty otherwise)
};

// maxsize -> the stream's buffer: asyncio's <= 0 (and no size) is unbounded, anyio's 0 a rendezvous.
void bufferOf(QueuePlan& q, const Context& ctx) {
    python::CallArgs a = ctx.args(q.site->arguments);
    q.size = !a.positional.empty() ? a.positional[0] : TSNode{};
    if (TSNode k = a.keyword("maxsize", ctx.syntax); !isNull(k)) q.size = field(k, "value");
    std::size_t known = a.positional.size() + (isNull(a.keyword("maxsize", ctx.syntax)) ? 0 : 1);
    q.unexpectedArgs = a.hasStar || a.hasDoubleStar || known != a.positional.size() + a.keywords.size() || known > 1;
    if (q.unexpectedArgs) return;
    if (isNull(q.size)) {
        q.buffer = "math.inf";
    } else if (is(q.size, "integer") || (is(q.size, "unary_operator") && is(field(q.size, "argument"), "integer"))) {
        std::string t = ctx.str(q.size);
        bool positive = t[0] != '-' && t.find_first_not_of("0_") != std::string::npos;
        q.buffer = positive ? t : "math.inf";
    } else if (isPure(q.size, python::Purity::Atom)) {
        q.buffer = ctx.str(q.size) + " if " + ctx.str(q.size) + " > 0 else math.inf";
        q.needsMath = true;
    }
    if (q.buffer == "math.inf") {
        q.bounded = false;
        q.needsMath = true;
    }
}

// g(q) or tg.start_soon(g, q), g a module-level function: its definition and the index of
// the queue among g's parameters (null def when the load is not passed so).
std::pair<TSNode, std::size_t> passedTo(const Context& ctx, TSNode load) {
    TSNode list = ctx.syntax.parent(load);
    TSNode call = ctx.syntax.parent(list);
    if (!is(list, "argument_list") || !is(call, "call")) return {TSNode{}, 0};
    auto args = namedChildren(list);
    std::size_t pos = 0;
    bool clean = true;
    for (TSNode c : args) {
        if (sameNode(c, load)) break;
        if (is(c, "list_splat") || is(c, "dictionary_splat")) clean = false;
        if (!is(c, "keyword_argument") && !is(c, "comment")) ++pos;
    }
    TSNode fn = field(call, "function");
    if (clean && is(fn, "identifier")) return {moduleFunction(ctx, ctx.str(fn)), pos};
    if (clean && is(fn, "attribute") && ctx.text(field(fn, "attribute")) == "start_soon" && pos >= 1 &&
        is(args[0], "identifier"))
        return {moduleFunction(ctx, ctx.str(args[0])), pos - 1};
    return {TSNode{}, 0};
}

// Every use of the function `fname` must pass this queue at `index`; else the blocker.
std::string otherCallers(const Context& ctx, const LocalName& v, const std::string& fname, std::size_t index) {
    for (const python::NameLoad& l : ctx.model.loadsOf(fname)) {
        TSNode p = ctx.syntax.parent(l.node);
        bool direct = is(p, "call") && sameNode(field(p, "function"), l.node);
        bool viaStart = is(p, "argument_list") && sameNode(namedChildren(p)[0], l.node);
        TSNode args = direct ? field(p, "arguments") : p;
        std::size_t want = direct ? index : index + 1;
        auto kids = (direct || viaStart) ? namedChildren(args) : std::vector<TSNode>{};
        std::vector<TSNode> pos;
        for (TSNode c : kids)
            if (!is(c, "keyword_argument") && !is(c, "comment")) pos.push_back(c);
        const python::Scope* argOwner = nullptr;
        if (want < pos.size() && is(pos[want], "identifier")) ctx.model.lookup(ctx.model.scopeOf(pos[want]), v.name, &argOwner);
        if (want >= pos.size() || ctx.text(pos[want]) != v.name || argOwner != v.owner)
            return fname + "() is also used at line " + std::to_string(python::rowOf(l.node)) +
                   " with something other than this queue (another queue, or another argument)";
    }
    return {};
}

// One load of the queue's name: a put/get (renamed to the stream half), or the queue passed
// to a module function that uses it one way (followed once per function). False: blocked.
bool followLoad(QueuePlan& q, const Context& ctx, TSNode load, std::map<std::string, std::string>& followed) {
    Plan& plan = q.uses;
    if (auto use = methodCall(ctx, load)) {
        auto [role, target] = roleOf(ctx, *use, q.bounded);
        if (role.empty()) {
            plan.blocker = q.v->name + "." + use->method + "()" + at(load) + ": " + blockerFor(use->method, q.bounded);
            return false;
        }
        plan.edits.push_back(replaceNode(use->attribute, (role == "send" ? q.sendName : q.recvName) + "." + target));
        ++plan.uses;
        return true;
    }
    auto [def, index] = passedTo(ctx, load);
    if (isNull(def)) {
        plan.blocker = "`" + q.v->name + "` is used as a value" + at(load) +
                       " (not put/get, nor passed to a function of this module)";
        return false;
    }
    std::string fname = ctx.str(field(def, "name"));
    plan.blocker = otherCallers(ctx, *q.v, fname, index);
    if (!plan.blocker.empty()) return false;
    if (!followed.count(fname)) {
        std::string role = followInto(ctx, def, index, q.bounded, plan);
        if (role.empty()) return false;
        followed[fname] = role;
    }
    plan.edits.push_back(replaceNode(load, followed[fname] == "send" ? q.sendName : q.recvName));
    ++plan.uses;
    return true;
}

// The queue's life provably ends with the function that makes it: the assignment is a statement of
// an `async def`'s own body, every load of the queue is in that body after it (not in a nested
// def or lambda), and each is a put/get, an awaited call of a module function (`await g(q)`), or
// `tg.start_soon(g, q)` inside an `async with` of a task group made there (its tasks end before
// the block does). Then `with q_send, q_receive:` around the rest of the body closes the streams
// once nothing can use them any more (anyio >= 4.4 warns for a stream collected unclosed).
// The edits: the `with` line and one indent per line of the rest; empty when it cannot be shown,
// or a string spans lines there (indenting would change its text).
std::vector<Edit> closingEdits(const QueuePlan& q, const Context& ctx) {
    TSNode stmt = q.v->statement, body = ctx.syntax.parent(stmt);
    TSNode def = ctx.syntax.parent(body);
    if (!is(body, "block") || !is(def, "function_definition") || !isAsyncFunction(def)) return {};
    int fn = ctx.semantics().functionAt(stmt);
    std::vector<TSNode> stmts;
    for (TSNode c : namedChildren(body))
        if (beginOf(c) > endOf(stmt)) stmts.push_back(c);
    if (stmts.empty()) return {};
    TSNode last = stmts.back();
    for (TSNode load : loadsOf(ctx, *q.v)) {
        if (beginOf(load) < endOf(stmt) || ctx.semantics().functionAt(load) != fn) return {};
        if (methodCall(ctx, load)) continue;
        TSNode list = ctx.syntax.parent(load), call = ctx.syntax.parent(list);
        if (!is(call, "call")) return {};
        TSNode f = field(call, "function");
        if (is(f, "attribute") && ctx.text(field(f, "attribute")) == "start_soon") {
            // inside `async with <task group> as tg:` of this function, after the queue
            std::string tg = ctx.str(field(f, "object"));
            bool inGroup = false;
            for (TSNode w = ctx.syntax.parent(call); !isNull(w) && !sameNode(w, body); w = ctx.syntax.parent(w)) {
                if (!is(w, "with_statement") || !ctx.text(w).starts_with("async")) continue;
                std::vector<TSNode> clause = namedChildren(w);
                if (clause.empty() || !is(clause[0], "with_clause")) continue;
                for (TSNode item : namedChildren(clause[0])) {
                    TSNode v = is(item, "with_item") ? field(item, "value") : TSNode{};
                    if (!is(v, "as_pattern")) continue;
                    std::vector<TSNode> parts = namedChildren(v);
                    if (parts.size() < 2 || ctx.text(parts.back()) != tg || !is(parts[0], "call")) continue;
                    auto qn = ctx.model.resolve(field(parts[0], "function"), ctx.model.scopeOf(parts[0]));
                    std::string c = qn ? ctx.canonical(*qn) : std::string();
                    if (c == "anyio.create_task_group" || c == "asyncio.TaskGroup" || c == "asyncio.taskgroups.TaskGroup")
                        inGroup = true;
                }
            }
            if (!inGroup) return {};
            continue;
        }
        if (isNull(awaitOf(ctx, call))) return {};
    }
    for (TSNode str : ctx.syntax.nodesOfType("string", body))
        if (beginOf(str) > endOf(stmt) && python::endRowOf(str) != rowOf(str)) return {};
    std::vector<Edit> edits;
    const std::string indent = ctx.indentAt(beginOf(stmt));
    const std::string unit = structured::indentUnit(ctx, stmt);
    std::size_t at = ctx.source.lineStart(rowOf(stmts.front()));
    edits.push_back(replaceRange(at, at, indent + "with " + q.sendName + ", " + q.recvName + ":" + ctx.newline()));
    const std::string& text = ctx.source.text();
    for (int row = rowOf(stmts.front()); row <= python::endRowOf(last); ++row) {
        std::size_t ls = ctx.source.lineStart(row);
        std::size_t k = ls;
        while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
        if (k >= text.size() || text[k] == '\n' || text[k] == '\r') continue;  // a blank line stays blank
        edits.push_back(replaceRange(ls, ls, unit));
    }
    return edits;
}

std::optional<QueuePlan> planQueue(const CallSite& site, Context& ctx) {
    QueuePlan q;
    q.site = &site;
    q.kind = member(site.qualified);
    if (q.kind != "Queue") return q;
    bufferOf(q, ctx);
    if (q.unexpectedArgs || q.buffer.empty()) return q;
    TSNode assign = ctx.syntax.parent(site.call);
    q.annotated = is(assign, "assignment") && !isNull(field(assign, "type"));
    q.v = assignedName(ctx, site.call);
    if (q.annotated || !q.v) return q;
    q.sendName = q.v->name + "_send";
    q.recvName = q.v->name + "_receive";
    // The new names must be free wherever the queue's scope reaches.
    for (TSNode n : ctx.syntax.nodesOfType("identifier"))
        if ((ctx.text(n) == q.sendName || ctx.text(n) == q.recvName) &&
            (isNull(q.v->owner->node) || python::contains(q.v->owner->node, n)))
            q.namesTaken = true;
    if (q.namesTaken) return q;
    std::map<std::string, std::string> followed;  // function -> role
    for (TSNode load : loadsOf(ctx, *q.v))
        if (!followLoad(q, ctx, load, followed)) break;
    if (q.uses.blocker.empty() && targetAnyio(ctx).atLeast(4, 4)) q.close = closingEdits(q, ctx);
    return q;
}

Outcome memoryStream(const QueuePlan& q, Context& ctx) {
    Rewrite r;
    r.fix.edits = q.uses.edits;
    r.fix.edits.push_back(replaceNode(field(q.v->assignment, "left"), q.sendName + ", " + q.recvName));
    r.fix.edits.push_back(replaceNode(q.site->call, "anyio.create_memory_object_stream(" + q.buffer + ")"));
    for (const Edit& e : q.close) r.fix.edits.push_back(e);
    r.fix.imports.push_back("anyio");
    if (q.needsMath) r.fix.imports.push_back("math");
    r.message = "asyncio.Queue(" + (isNull(q.size) ? std::string() : ctx.str(q.size)) + ") -> " + q.sendName + ", " +
                q.recvName + " = anyio.create_memory_object_stream(" + q.buffer + "); " + std::to_string(q.uses.uses) +
                " use(s) rewritten" + (q.bounded ? "" : " (unbounded: a buffer of 0 would be a rendezvous)") +
                (q.close.empty() ? ""
                                 : "; `with " + q.sendName + ", " + q.recvName +
                                       ":` closes them where the function ends (anyio >= 4.4 warns for an unclosed "
                                       "stream)");
    return r;
}

using P = QueuePlan;

Outcome review(const std::string& why) { return Flag{SiteStatus::NeedsReview, why}; }

std::string unclosedWarning(const P& q) {
    return "from anyio 4.4 a memory object stream garbage-collected without being closed emits a ResourceWarning "
           "(`Unclosed <MemoryObjectSendStream ...>`: ignored by default, printed under `-W default` or `-X dev`, an "
           "'Exception ignored' report under `-W error`, a PytestUnraisableExceptionWarning in pytest, an error under "
           "its `filterwarnings = error`), and nothing closes " + q.sendName + " / " + q.recvName +
           " (the queue needed no closing)";
}

// The cases, in order (a table: one entry per case).
std::vector<PlanCase<P>> queueCases() {
    return {
        {"a priority or LIFO queue", [](const P& q, const Context&) { return q.kind != "Queue"; },
         [](const P& q, Context&) -> Outcome {
             return Flag{SiteStatus::NoEquivalent,
                         "asyncio." + q.kind + "() has no anyio equivalent: memory object streams deliver in FIFO order"};
         }},
        {"unexpected arguments", [](const P& q, const Context&) { return q.unexpectedArgs; },
         [](const P&, Context&) { return review("asyncio.Queue() with unexpected arguments: migrate by hand"); }},
        {"a size expression", [](const P& q, const Context&) { return q.buffer.empty(); },
         [](const P& q, Context& ctx) {
             return review("asyncio.Queue(" + ctx.str(q.size) +
                           "): asyncio treats maxsize <= 0 as unbounded, anyio's buffer size 0 is a rendezvous; assign "
                           "the size to a name first (it becomes `n if n > 0 else math.inf`)");
         }},
        {"a type annotation", [](const P& q, const Context&) { return q.annotated; },
         [](const P&, Context&) {
             return review("asyncio.Queue() with a type annotation: write `send, receive = "
                           "anyio.create_memory_object_stream[T](size)` (anyio >= 4.0; its item_type= argument was "
                           "deprecated in 4.0)");
         }},
        {"not assigned to a local name", [](const P& q, const Context&) { return !q.v; },
         [](const P&, Context&) {
             return review("asyncio.Queue() not assigned to a local name (an attribute, a container...): its uses cannot "
                           "be followed; use `send, receive = anyio.create_memory_object_stream(size)` and hand each "
                           "side the half it uses");
         }},
        {"the stream names are taken", [](const P& q, const Context&) { return q.namesTaken; },
         [](const P& q, Context&) {
             return review("asyncio.Queue(): the names " + q.sendName + " / " + q.recvName + " are taken; migrate by hand");
         }},
        {"a use with no stream equivalent", [](const P& q, const Context&) { return !q.uses.blocker.empty(); },
         [](const P& q, Context&) { return review("asyncio.Queue() kept: " + q.uses.blocker); }},
        // anyio 4.4 warns (ResourceWarning, in MemoryObject{Send,Receive}Stream.__del__) for a stream that
        // is garbage-collected unclosed; the queue needed no closing and the rewrite closes nothing.
        {"an unclosed stream warns (anyio >= 4.4), without --unsafe-fixes",
         [](const P& q, const Context& ctx) {
             return targetAnyio(ctx).atLeast(4, 4) && q.close.empty() && !ctx.unsafeFixes();
         },
         [](const P& q, Context&) {
             return review("asyncio.Queue(): " + unclosedWarning(q) + " (rewritten with --unsafe-fixes)");
         }},
        {"a producer/consumer queue", {},
         [](const P& q, Context& ctx) {
             Outcome o = memoryStream(q, ctx);
             if (auto* r = std::get_if<Rewrite>(&o); r && targetAnyio(ctx).atLeast(4, 4) && q.close.empty())
                 r->message += " (unsafe fix, opted in: the streams are never closed, and from anyio 4.4 an unclosed "
                               "stream warns when it is garbage-collected)";
             return o;
         }},
    };
}

}  // namespace

extern const PyRule kQueue{
    .info = {.id = "AM213",
     .name = "queue",
     .category = "queue",
     .summary = "Replace a producer/consumer asyncio.Queue with the send/receive halves of an anyio memory object stream",
     .safety = FixSafety::Conditional,
     .brief = R"md(A local `asyncio.Queue` used only by put/get (also through module functions it is passed to) → `q_send, q_receive = anyio.create_memory_object_stream(size)`, `Queue()`/`Queue(0)` → `math.inf`; `task_done`/`join`/`qsize`/`get_nowait`... flagged with what blocks it)md",
     .doc = R"md(
## What it does

Replaces a producer/consumer `asyncio.Queue` held in one local name with the two halves of an
anyio memory object stream, and follows it into the module-level functions it is passed to:

| asyncio | anyio |
|---|---|
| `q = asyncio.Queue()`, `Queue(0)`, `Queue(maxsize=0)` | `q_send, q_receive = anyio.create_memory_object_stream(math.inf)` (+ `import math`) |
| `q = asyncio.Queue(5)` | `q_send, q_receive = anyio.create_memory_object_stream(5)` |
| `q = asyncio.Queue(n)` (a name) | `... create_memory_object_stream(n if n > 0 else math.inf)` |
| `await q.put(x)` | `await q_send.send(x)` |
| `await q.get()` | `await q_receive.receive()` |
| `q.put_nowait(x)` on an unbounded queue | `q_send.send_nowait(x)` |
| `producer(q)`, `tg.start_soon(consumer, q)` | `producer(q_send)`, `tg.start_soon(consumer, q_receive)`, and inside those functions `queue.put`/`get` → `queue.send`/`receive` |

A function receiving the queue must be a module-level `def` whose parameter is used for one
direction only (all puts, or all gets), and every call of it must pass this same queue at
that position. Sentinel-terminated consumers (`if item is None: break`) need no change.

## Why

asyncio queues are asyncio-only. anyio's replacement is a memory object stream split into a
send and a receive half; the trap is the size: `asyncio.Queue(0)` is **unbounded**, while a
stream buffer of 0 is a **rendezvous** (every send waits for a receiver), so a literal
translation deadlocks a producer that fills the queue before the consumer starts.

## Example

`test-inputs/python/queue/start_soon.py`:

```python
@fixture start_soon.py 5-15
```

becomes (`start_soon.expected.py`):

```python
@fixture start_soon.expected.py 5-15
```

## Flagged instead of rewritten

All needs-review, `asyncio.Queue() kept: <what blocks it> (line N): <hint>` (see `test-inputs/python/queue/flagged.py`):

- `q.task_done()` / `q.join()`: streams have no task tracking; close the send stream and let the consumer's `async for` end, or wait for the consumer in a task group.
- `q.qsize()`, `q.empty()`, `q.full()`: use `statistics().current_buffer_used`.
- `q.get_nowait()`, and `q.put_nowait()` on a bounded queue: they raise `asyncio.QueueEmpty`/`QueueFull`, the stream methods `anyio.WouldBlock`.
- the queue used as a value (stored, returned), passed to a function that both puts and gets, or to a function that is also called with another queue.
- a queue not assigned to a local name (`self.queue = asyncio.Queue()`), a type-annotated queue (the message gives `create_memory_object_stream[T](size)`), a computed `maxsize`, taken stream names.
- no-equivalent: `asyncio.LifoQueue()` / `PriorityQueue()` (streams are FIFO).
- needs-review, an unsafe fix at `--target-anyio` 4.4 or later: ``asyncio.Queue(): from anyio 4.4 a memory object stream garbage-collected without being closed emits a ResourceWarning ... (rewritten with --unsafe-fixes)`` where the rewrite cannot close the streams (see Fix safety).

## Fix safety

Conditional on the checks above: every use of the queue in the module is a put, a get, or a
hand-off to a one-direction function, so FIFO order, blocking behaviour and buffer size are
the same. The streams are not closed where the queue's life cannot be shown to end (the queue
never needed closing), which was unobservable until anyio 4.4: from 4.4 (changelog "Emit a
`ResourceWarning` for `MemoryObjectReceiveStream` and `MemoryObjectSendStream` that were garbage
collected without being closed"; their `__del__` warns `Unclosed <MemoryObjectSendStream at ...>`)
an unclosed stream warns when it is collected: ignored by default, printed under `-W default` or
`-X dev`, an "Exception ignored" report under `-W error`, a `PytestUnraisableExceptionWarning` in
pytest (an error under its `filterwarnings = error`). So with `--target-anyio` 4.4 or later:
- where the queue's life provably ends with the `async def` that makes it (the assignment is a
  statement of that function's own body, and every use is after it in that body, not in a nested
  function: a put/get, an awaited call of a module function `await producer(q)`, or
  `tg.start_soon(consumer, q)` inside an `async with` of a task group made there, whose tasks end
  with its block), the rest of the body goes under `with q_send, q_receive:` (memory streams are
  sync context managers in anyio 3.x and 4.x; closing them after every use is unobservable), and
  the message adds ``; `with q_send, q_receive:` closes them where the function ends`` (fixture
  `anyio_4_4.py`; behaviour program `queue_closed_anyio_4_4.py`, identical on asyncio,
  anyio-asyncio and anyio-trio);
- elsewhere (the queue handed to a task group the function does not own, a multi-line string in
  the lines that would be indented) the fix is **unsafe**: ``asyncio.Queue(): from anyio 4.4 a
  memory object stream garbage-collected without being closed emits a ResourceWarning ... and
  nothing closes results_send / results_receive (the queue needed no closing) (rewritten with
  --unsafe-fixes)``; with `--unsafe-fixes` rewritten, the message ending `(unsafe fix, opted in:
  ...)` (fixture `anyio_4_4_unsafe.py`).
The warning itself cannot be shown on this project's test machine (anyio 3.6.2 has no such
`__del__`); below 4.4 the rewrite is unchanged.

## Target versions

All anyio 3.x/4.x (`create_memory_object_stream(max_buffer_size)`). The rule never writes
`item_type=` (deprecated in anyio 4.0 in favour of `create_memory_object_stream[T](...)`,
which 3.x does not support); annotated queues are flagged with the 4.0 form.
)md"},
    .calls = {"asyncio.Queue", "asyncio.queues.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue", "asyncio.queues.LifoQueue",
     "asyncio.queues.PriorityQueue"},
    .cases = {{.name = "a queue", .then = planned<QueuePlan>(planQueue, queueCases())}}};

}  // namespace anymig::asyncio_to_anyio
