// AM214 sockets: a simple TCP client
//   reader, writer = await asyncio.open_connection(host, port)
//   writer.write(data); await writer.drain()      ->  await stream.send(data)
//   chunk = await reader.read(n)                   ->  try: chunk = await stream.receive(n)
//                                                      except anyio.EndOfStream: chunk = b""
//   writer.close(); await writer.wait_closed()     ->  await stream.aclose()
// with stream = await anyio.connect_tcp(host, port). asyncio's read() returns b"" at EOF;
// anyio's receive() raises anyio.EndOfStream, hence the try. Everything else (readline,
// readexactly, servers, TLS, ...) is flagged with the anyio form to use.
#include "rewrites/asyncio_to_anyio/local_names.h"
#include "rewrites/asyncio_to_anyio/structured.h"

namespace anymig::asyncio_to_anyio {

namespace {

using structured::callerHandlerTry;
using structured::enclosingHandlerTry;
using structured::handlerPhrase;

std::string at(TSNode n) { return " (line " + std::to_string(python::rowOf(n)) + ")"; }

// The loads of identifier `id` (a binding target) when it is that name's only binding in its scope.
std::optional<std::vector<TSNode>> soleBindingLoads(const Context& ctx, TSNode id) {
    LocalName v;
    v.name = ctx.str(id);
    const std::vector<python::Binding>* bs = ctx.model.lookup(ctx.model.scopeOf(id), v.name, &v.owner);
    if (!bs || bs->size() != 1 || !sameNode((*bs)[0].node, id)) return std::nullopt;
    const std::string& text = ctx.source.text();
    if (text.find("global " + v.name) != std::string::npos || text.find("nonlocal " + v.name) != std::string::npos)
        return std::nullopt;
    return loadsOf(ctx, v);
}

// True when nothing but indentation precedes `st` on its line and nothing but a comment follows it.
bool aloneOnLines(const Context& ctx, TSNode st) {
    const std::string& text = ctx.source.text();
    std::size_t ls = ctx.source.lineStart(python::rowOf(st));
    for (std::size_t i = ls; i < beginOf(st); ++i)
        if (text[i] != ' ' && text[i] != '\t') return false;
    std::size_t k = endOf(st);
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    return k >= text.size() || text[k] == '\n' || text[k] == '\r' || text[k] == '#';
}

// The statement `n` stands as, when it is a whole expression statement.
TSNode wholeStatement(const Context& ctx, TSNode n) {
    TSNode p = ctx.syntax.parent(n);
    return is(p, "expression_statement") && namedChildren(p).size() == 1 ? p : TSNode{};
}

// What an open_connection() site is, found once; the cases below read it.
struct ConnectionPlan {
    const CallSite* site = nullptr;
    TSNode host{}, port{};
    std::string badKeyword;   // a keyword connect_tcp has no counterpart for
    bool unusualArgs = false;
    TSNode left{};            // `reader, writer` (null when not unpacked so)
    std::vector<TSNode> names;
    std::string stream;       // the stream's name ("" when none is free)
    std::optional<std::vector<TSNode>> readerLoads, writerLoads;
    TSNode underTry{};        // a use inside a try body with handlers (or a catching `with`)
    TSNode handler{};         // that try (or with), or a caller's try the errors reach
    TSNode blockedAt{};       // the first use with no translation, and why
    std::string blockedWhat, blockedHint;
    std::vector<Edit> edits;  // the uses' translations
    int uses = 0;
};

const char* kNoDirect =
    "no direct anyio equivalent (stream.extra(anyio.abc.SocketAttribute...) for get_extra_info, stream.send_eof() "
    "for write_eof)";

// Notes the first use that cannot be translated; false so the callers can stop.
bool block(ConnectionPlan& p, TSNode at, std::string what, std::string hint) {
    p.blockedAt = at;
    p.blockedWhat = std::move(what);
    p.blockedHint = std::move(hint);
    return false;
}

// write(data) -> await stream.send(data); close() -> await stream.aclose(); the awaited drain()
// and wait_closed() statements go.
bool translateWriter(ConnectionPlan& p, Context& ctx, TSNode load) {
    auto use = methodCall(ctx, load);
    std::string w = ctx.str(p.names[1]);
    if (!use) return block(p, load, "`" + w + "` used as a value", "pass the anyio stream instead");
    if (use->method != "write" && use->method != "close" && use->method != "drain" && use->method != "wait_closed")
        return block(p, load, w + "." + use->method + "()", kNoDirect);
    TSNode aw = awaitOf(ctx, use->call);
    TSNode st = wholeStatement(ctx, isNull(aw) ? use->call : aw);
    if (isNull(st) || !inAsyncDef(ctx.syntax, st))
        return block(p, load, w + "." + use->method + "() inside an expression or outside a coroutine", "migrate by hand");
    python::CallArgs ua = ctx.args(field(use->call, "arguments"));
    if (use->method == "write" && isNull(aw) && ua.positional.size() == 1 && ua.keywords.empty() && !ua.hasStar) {
        p.edits.push_back(replaceNode(use->call, "await " + p.stream + ".send(" + ctx.str(ua.positional[0]) + ")"));
    } else if (use->method == "close" && isNull(aw)) {
        p.edits.push_back(replaceNode(use->call, "await " + p.stream + ".aclose()"));
    } else if ((use->method == "drain" || use->method == "wait_closed") && !isNull(aw)) {
        std::vector<Edit> gone = removeStatement(ctx, st);
        if (gone.empty()) return block(p, load, w + "." + use->method + "()", "cannot remove the statement");
        for (Edit& e : gone) p.edits.push_back(e);
    } else {
        return block(p, load, w + "." + use->method + "()", kNoDirect);
    }
    ++p.uses;
    return true;
}

// x = await reader.read(n)  ->  try/except anyio.EndOfStream keeping asyncio's b"" at EOF.
bool translateReader(ConnectionPlan& p, Context& ctx, TSNode load) {
    auto use = methodCall(ctx, load);
    std::string rd = ctx.str(p.names[0]);
    if (!use) return block(p, load, "`" + rd + "` used as a value", "pass the anyio stream instead");
    TSNode aw = awaitOf(ctx, use->call);
    python::CallArgs ua = ctx.args(field(use->call, "arguments"));
    if (use->method != "read" || isNull(aw))
        return block(p, load, rd + "." + use->method + "()",
                     "wrap the stream in anyio.streams.buffered.BufferedByteReceiveStream and use receive_until() "
                     "/ receive_exactly() (they raise anyio.IncompleteRead at EOF, not asyncio.IncompleteReadError)");
    if (ua.positional.size() != 1 || !ua.keywords.empty() || ua.hasStar || ctx.text(ua.positional[0]) == "-1")
        return block(p, load, rd + ".read() to EOF", "receive in a loop until anyio.EndOfStream: `async for chunk in stream:`");
    TSNode assign = ctx.syntax.parent(aw);
    TSNode st = is(assign, "assignment") ? wholeStatement(ctx, assign) : TSNode{};
    if (isNull(st) || !isNull(field(assign, "type")) || !aloneOnLines(ctx, st))
        return block(p, load, rd + ".read(n) not assigned as a statement",
                     "asyncio returns b\"\" at EOF where anyio's receive() raises anyio.EndOfStream; migrate by hand");
    const std::string& nl = ctx.newline();
    std::string indent = ctx.indentAt(beginOf(st));
    std::string target = ctx.str(field(assign, "left"));
    p.edits.push_back(replaceNode(st, "try:" + nl + indent + "    " + target + " = await " + p.stream + ".receive(" +
                                          ctx.str(ua.positional[0]) + ")" + nl + indent + "except anyio.EndOfStream:" +
                                          nl + indent + "    " + target + " = b\"\""));
    ++p.uses;
    return true;
}

// host and port, positionally or by keyword; anything else is noted.
void connectArgs(ConnectionPlan& p, const Context& ctx) {
    python::CallArgs a = ctx.args(p.site->arguments);
    p.host = a.positional.size() > 0 ? a.positional[0] : TSNode{};
    p.port = a.positional.size() > 1 ? a.positional[1] : TSNode{};
    for (TSNode k : a.keywords) {
        std::string name = ctx.str(field(k, "name"));
        if (name == "host" && isNull(p.host)) p.host = field(k, "value");
        else if (name == "port" && isNull(p.port)) p.port = field(k, "value");
        else if (p.badKeyword.empty()) p.badKeyword = name;
    }
    p.unusualArgs = a.hasStar || a.hasDoubleStar || a.hasComment || isNull(p.host) || isNull(p.port) || a.positional.size() > 2;
}

// `reader, writer = await open_connection(...)` as a statement: the two names.
void unpacking(ConnectionPlan& p, const Context& ctx) {
    TSNode aw = awaitOf(ctx, p.site->call);
    TSNode assign = isNull(aw) ? TSNode{} : ctx.syntax.parent(aw);
    TSNode left = is(assign, "assignment") ? field(assign, "left") : TSNode{};
    TSNode stmt = isNull(assign) ? TSNode{} : ctx.syntax.parent(assign);
    auto names = namedChildren(left);
    if (!is(left, "pattern_list") || names.size() != 2 || !is(names[0], "identifier") || !is(names[1], "identifier") ||
        !is(stmt, "expression_statement"))
        return;
    p.left = left;
    p.names = names;
}

// One connection in the function: `stream`; several: named after their readers.
std::string streamName(const ConnectionPlan& p, Context& ctx) {
    int inScope = 0;
    const python::Scope* here = python::Model::enclosingFunction(ctx.model.scopeOf(p.site->call));
    for (const CallSite& other : ctx.callsTo({"asyncio.open_connection", "asyncio.streams.open_connection"}))
        if (python::Model::enclosingFunction(ctx.model.scopeOf(other.call)) == here) ++inScope;
    std::string stream = "stream";
    if (inScope > 1 || identifierUsed(ctx, stream)) stream = ctx.str(p.names[0]) + "_stream";
    return identifierUsed(ctx, stream) ? "" : stream;
}

std::optional<ConnectionPlan> planConnection(const CallSite& site, Context& ctx) {
    ConnectionPlan p;
    p.site = &site;
    connectArgs(p, ctx);
    if (!p.badKeyword.empty() || p.unusualArgs) return p;
    unpacking(p, ctx);
    if (isNull(p.left)) return p;
    p.stream = streamName(p, ctx);
    if (p.stream.empty()) return p;
    p.readerLoads = soleBindingLoads(ctx, p.names[0]);
    p.writerLoads = soleBindingLoads(ctx, p.names[1]);
    if (!p.readerLoads || !p.writerLoads) return p;
    for (const auto* loads : {&*p.writerLoads, &*p.readerLoads})
        for (TSNode load : *loads)
            if (isNull(p.underTry))
                if (TSNode h = enclosingHandlerTry(ctx, load); !isNull(h)) p.underTry = load, p.handler = h;
    // The stream's errors also reach a calling function's handler (the connect's own errors too).
    if (isNull(p.handler)) p.handler = callerHandlerTry(ctx, site.call);
    if (!isNull(p.handler)) return p;
    for (TSNode load : *p.writerLoads)
        if (!translateWriter(p, ctx, load)) return p;
    for (TSNode load : *p.readerLoads)
        if (!translateReader(p, ctx, load)) return p;
    return p;
}

Outcome connectTcp(const ConnectionPlan& p, Context& ctx) {
    Rewrite r;
    r.fix.edits = p.edits;
    r.fix.edits.push_back(replaceNode(p.left, p.stream));
    r.fix.edits.push_back(replaceNode(p.site->call, "anyio.connect_tcp(" + ctx.str(p.host) + ", " + ctx.str(p.port) + ")"));
    r.fix.imports.push_back("anyio");
    r.message = "asyncio.open_connection() -> " + p.stream + " = await anyio.connect_tcp(...); " +
                std::to_string(p.uses) + " reader/writer use(s) rewritten (read() at EOF keeps returning b\"\")";
    return r;
}

using P = ConnectionPlan;

Outcome kept(const std::string& why) { return Flag{SiteStatus::NeedsReview, why}; }

std::vector<PlanCase<P>> connectionCases() {
    return {
        {"a keyword connect_tcp has no counterpart for", [](const P& p, const Context&) { return !p.badKeyword.empty(); },
         [](const P& p, Context&) {
             return kept("asyncio.open_connection(..., " + p.badKeyword +
                         "=...): migrate by hand to anyio.connect_tcp(host, port, local_host=..., tls=...)");
         }},
        {"unusual arguments", [](const P& p, const Context&) { return p.unusualArgs; },
         [](const P&, Context&) {
             return kept("asyncio.open_connection() with unusual arguments: use `stream = await anyio.connect_tcp(host, port)`");
         }},
        {"not unpacked as reader, writer", [](const P& p, const Context&) { return isNull(p.left); },
         [](const P&, Context&) {
             return kept("asyncio.open_connection() not unpacked as `reader, writer = await ...`: use `stream = await "
                         "anyio.connect_tcp(host, port)` (one bidirectional byte stream)");
         }},
        {"no free name for the stream", [](const P& p, const Context&) { return p.stream.empty(); },
         [](const P&, Context&) { return kept("asyncio.open_connection(): no free name for the stream; migrate by hand"); }},
        {"reader or writer re-bound", [](const P& p, const Context&) { return !p.readerLoads || !p.writerLoads; },
         [](const P&, Context&) { return kept("asyncio.open_connection(): the reader or writer name is re-bound"); }},
        {"a use inside try/except", [](const P& p, const Context&) { return !isNull(p.handler); },
         [](const P& p, Context& ctx) {
             std::string where = !isNull(p.underTry)
                                     ? "`" + ctx.str(p.underTry) + "` used inside " + handlerPhrase(ctx, p.handler) + at(p.underTry)
                                     : "its errors reach " + handlerPhrase(ctx, p.handler) + at(p.handler) +
                                           " in a function calling this one";
             return kept("asyncio.open_connection() kept: " + where +
                         ": the errors differ (anyio raises anyio.BrokenResourceError / ClosedResourceError / "
                         "EndOfStream where asyncio raises ConnectionResetError, BrokenPipeError or returns "
                         "b\"\"); migrate the handler by hand");
         }},
        {"a use with no translation", [](const P& p, const Context&) { return !isNull(p.blockedAt); },
         [](const P& p, Context&) {
             return kept("asyncio.open_connection() kept: " + p.blockedWhat + at(p.blockedAt) + ": " + p.blockedHint);
         }},
        // anyio's SocketStream.send()/receive() start with a checkpoint (other tasks run first), and
        // send() waits while the transport is paused where write() alone buffers and returns.
        {"a stream that schedules differently, without --unsafe-fixes",
         [](const P&, const Context& ctx) { return !ctx.unsafeFixes(); },
         [](const P&, Context&) {
             return kept("asyncio.open_connection(): anyio's stream.send() and receive() let other tasks run first "
                         "(a checkpoint) where asyncio's write() and a read() of buffered data return at once, and "
                         "send() waits for the peer where write() without drain() buffers, so tasks may interleave "
                         "differently (rewritten with --unsafe-fixes)");
         }},
        {"a simple TCP client", {}, [](const P& p, Context& ctx) {
             Outcome o = connectTcp(p, ctx);
             if (auto* r = std::get_if<Rewrite>(&o))
                 r->message += " (unsafe fix, opted in: anyio's send() and receive() let other tasks run first)";
             return o;
         }},
    };
}

}  // namespace

extern const PyRule kSockets{
    .info = {.id = "AM214",
     .name = "sockets",
     .category = "sockets",
     .summary = "Replace simple asyncio.open_connection() clients with anyio.connect_tcp(); flag servers and stream APIs",
     .safety = FixSafety::Conditional,
     .brief = R"md(`reader, writer = await asyncio.open_connection(h, p)` with write/drain/read(n)/close → `anyio.connect_tcp` stream (`read(n)` keeps `b""` at EOF); readline/readexactly, try/except around uses, `start_server` flagged)md",
     .doc = R"md(
## What it does

Migrates simple TCP clients built on asyncio streams to one anyio byte stream:

| asyncio | anyio |
|---|---|
| `reader, writer = await asyncio.open_connection(host, port)` | `stream = await anyio.connect_tcp(host, port)` |
| `writer.write(data)` (a statement) | `await stream.send(data)` |
| `await writer.drain()` | removed (`send()` waits until the data is sent) |
| `x = await reader.read(n)` (a statement) | `try: x = await stream.receive(n)` / `except anyio.EndOfStream: x = b""` |
| `writer.close()` | `await stream.aclose()` |
| `await writer.wait_closed()` | removed |

`host=` / `port=` keywords are accepted. With several connections in one function the
streams are named after their readers (`r1_stream`, `r2_stream`). `asyncio.start_server` is
flagged with the anyio form (`create_tcp_listener` + `serve`).

## Why

asyncio's stream API exists only on asyncio. anyio replaces the reader/writer pair by one
bidirectional stream, and its end-of-file behaviour differs: `StreamReader.read(n)` returns
`b""` at EOF, `SocketStream.receive()` raises `anyio.EndOfStream`. A loop like
`while data := await reader.read(100)` would turn into an exception at the end of every
connection, so each read is wrapped to keep asyncio's `b""`.

## Example

`test-inputs/python/sockets/aliases.py`:

```python
@fixture aliases.py 4-10
```

becomes (`aliases.expected.py`):

```python
@fixture aliases.expected.py 4-12
```

## Flagged instead of rewritten

All needs-review (see `test-inputs/python/sockets/flagged.py`):

- `asyncio.open_connection() kept: reader.readline() (line N): wrap the stream in anyio.streams.buffered.BufferedByteReceiveStream and use receive_until() / receive_exactly() (they raise anyio.IncompleteRead at EOF, not asyncio.IncompleteReadError)`: also `readexactly`, `readuntil`.
- `... reader.read() to EOF (line N): receive in a loop until anyio.EndOfStream: async for chunk in stream:`.
- `... writer.get_extra_info() (line N): no direct anyio equivalent (stream.extra(anyio.abc.SocketAttribute...) ...)`, and any other writer method.
- ``asyncio.open_connection() kept: `writer` used inside try/except (line N): the errors differ (anyio raises anyio.BrokenResourceError / ClosedResourceError / EndOfStream where asyncio raises ConnectionResetError, BrokenPipeError or returns b""); migrate the handler by hand``.
- `asyncio.open_connection(..., ssl=...): migrate by hand to anyio.connect_tcp(host, port, local_host=..., tls=...)` (any keyword but host/port).
- `asyncio.open_connection() not unpacked as reader, writer = await ...: ...`, a reader/writer used as a value, re-bound, used in an expression or outside a coroutine, a `read(n)` whose value is not assigned as a statement of its own.
- `asyncio.start_server() is not migrated: use listener = await anyio.create_tcp_listener(local_host=host, local_port=port) and await listener.serve(handler); the handler takes one byte stream instead of (reader, writer), ...`.

## Fix safety

Conditional on every use of the reader and writer being one of the forms in the table, none
of them inside a `try` with `except` clauses or a `with` block that catches exceptions by class
(`self.assertRaises(E)`, `pytest.raises(E)`, `contextlib.suppress(E)`), and no function of the
module calling this one (directly or through other module functions) inside such a block: the
exception classes for a reset or closed connection differ, and they reach the caller's handler
too (CPython's test_streams.py `test_drain_raises` expects `ConnectionResetError` from
`drain()` under `assertRaises`; fixture `caught.py`; message ``asyncio.open_connection() kept:
its errors reach try/except (line N) in a function calling this one: ...``). Callers in other
modules are not seen. The
data sent and received and the EOF result are the same. The fix is unsafe (flagged
``asyncio.open_connection(): anyio's stream.send() and receive() let other tasks run first ...
(rewritten with --unsafe-fixes)``, rewritten with `--unsafe-fixes`, the message ending `(unsafe
fix, opted in: ...)`): anyio 3.6.2's `SocketStream.send()`/`receive()` begin with a checkpoint, and
`send()` waits while the transport is paused (the point `drain()` would wait), where `write()`
alone buffers and returns and `read(n)` of buffered data returns at once. Shown with a client
writing 20 MB to a peer that reads nothing for 0.5 s: asyncio logs the write at 0.1 s, the
migration at 0.5 s. `anyio.connect_tcp` also tries the resolved addresses "happy eyeballs" style
where asyncio tries them in order (observable only with several addresses and a slow first one).

## Target versions

All anyio 3.x/4.x (`connect_tcp`, `SocketStream.receive(max_bytes)`, `EndOfStream`, `aclose`).
)md"},
    .calls = {"asyncio.open_connection", "asyncio.streams.open_connection", "asyncio.start_server",
     "asyncio.streams.start_server"},
    .cases = {
        {.name = "a server", .when = {python::calls("asyncio.start_server")},
         .then = python::flag(SiteStatus::NeedsReview,
                      "asyncio.start_server() is not migrated: use `listener = await anyio.create_tcp_listener("
                      "local_host=host, local_port=port)` and `await listener.serve(handler)`; the handler takes one "
                      "byte stream instead of (reader, writer), and stream.receive() raises anyio.EndOfStream at EOF "
                      "instead of returning b\"\"")},
        {.name = "a client connection", .then = planned<ConnectionPlan>(planConnection, connectionCases())},
    }};

}  // namespace anymig::asyncio_to_anyio
