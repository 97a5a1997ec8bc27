// AM210 to-thread: asyncio.to_thread(f, *a, **kw) and loop.run_in_executor(None, f, *a)
// (the loop from asyncio.get_event_loop() / get_running_loop(), inline or as a local
// name) -> anyio.to_thread.run_sync(f, *a); keywords are bound with functools.partial.
// A run_in_executor with an executor, or whose future is not awaited at once, is flagged.
#include "rewrites/asyncio_to_anyio/cancellation.h"
#include "rewrites/asyncio_to_anyio/local_names.h"

#include <set>

namespace anymig::asyncio_to_anyio {

extern const PyRule kToThread;

namespace {

const char* kExecutorHint =
    "anyio runs blocking calls in its own worker threads: use `await anyio.to_thread.run_sync(func, *args)`, "
    "with `limiter=anyio.CapacityLimiter(n)` to bound them like the executor's max_workers";

// --- What the function run in a worker thread waits on, and whether it depends on its thread ---
//
// asyncio's default executor runs at most min(32, cpu + 4) calls at once, anyio's default limiter
// 40: calls that wait for one another (at a Barrier, an Event another call sets, a queue another
// call fills) meet on one and not on the other. And the threads differ: asyncio's are named
// `asyncio_N`, an idle one takes the next call first-in-first-out and lives on; anyio's are named
// `AnyIO worker thread`, the last one to go idle takes the next call and idle ones stop after
// 10 s: a threading.local or the thread's identity seen by the function differs.

// The threading primitives (and queues, futures, threads) a name may hold, by the canonical name of
// their constructor, with the methods that wait on another thread.
struct SyncClass {
    std::string_view constructor;
    std::vector<std::string_view> waits;
    bool withWaits;  // `with x:` acquires it
};
const std::vector<SyncClass>& syncClasses() {
    static const std::vector<SyncClass> k = {
        {"threading.Lock", {"acquire"}, true},
        {"threading.RLock", {"acquire"}, true},
        {"threading.Condition", {"acquire", "wait", "wait_for"}, true},
        {"threading.Semaphore", {"acquire"}, true},
        {"threading.BoundedSemaphore", {"acquire"}, true},
        {"threading.Event", {"wait"}, false},
        {"threading.Barrier", {"wait"}, false},
        {"threading.Thread", {"join"}, false},
        {"threading.Timer", {"join"}, false},
        {"queue.Queue", {"get", "put", "join"}, false},
        {"queue.LifoQueue", {"get", "put", "join"}, false},
        {"queue.PriorityQueue", {"get", "put", "join"}, false},
        {"queue.SimpleQueue", {"get"}, false},
        {"concurrent.futures.Future", {"result", "exception"}, false},
        {"multiprocessing.Queue", {"get", "put", "join"}, false},
        {"multiprocessing.JoinableQueue", {"get", "put", "join"}, false},
        {"multiprocessing.Event", {"wait"}, false},
        {"multiprocessing.Lock", {"acquire"}, true},
        {"multiprocessing.Semaphore", {"acquire"}, true},
        {"multiprocessing.Barrier", {"wait"}, false},
    };
    return k;
}

// Library functions that wait on other threads' work by themselves.
bool waitingFunction(std::string_view q) {
    return q == "concurrent.futures.wait" || q == "concurrent.futures.as_completed";
}

// The canonical name of the callee of `value` when it is a call (`threading.Event()` ->
// "threading.Event"), else "".
std::string constructorOf(const Context& ctx, TSNode value) {
    if (!is(value, "call")) return {};
    auto q = ctx.model.resolve(field(value, "function"), ctx.model.scopeOf(value));
    return q ? ctx.canonical(*q) : std::string();
}

const SyncClass* syncClassNamed(std::string_view constructor) {
    for (const SyncClass& c : syncClasses())
        if (c.constructor == constructor) return &c;
    return nullptr;
}

// The values a receiver (a name, `self.x`) is assigned: every binding of the name (every `self.x = ...`
// of the class); empty when one is not an assignment (a parameter, a loop target, an import).
std::vector<TSNode> assignedValues(const Context& ctx, TSNode recv) {
    std::vector<TSNode> values;
    if (is(recv, "identifier")) {
        const auto* bindings = ctx.model.lookup(ctx.model.scopeOf(recv), ctx.str(recv));
        if (!bindings || bindings->empty()) return {};
        for (const python::Binding& b : *bindings) {
            TSNode asg = ctx.syntax.parent(b.node);
            if (b.kind != python::Binding::Kind::Other || !is(asg, "assignment") || !sameNode(field(asg, "left"), b.node))
                return {};
            values.push_back(field(asg, "right"));
        }
    } else if (is(recv, "attribute") && ctx.text(field(recv, "object")) == "self") {
        int fn = ctx.semantics().functionAt(recv);
        if (fn < 0) return {};
        TSNode cls = ctx.semantics().functions()[static_cast<std::size_t>(fn)].classNode;
        if (isNull(cls)) return {};
        for (TSNode n : ctx.syntax.nodesOfType("attribute", cls)) {
            if (ctx.text(n) != ctx.text(recv)) continue;
            TSNode asg = ctx.syntax.parent(n);
            if (is(asg, "assignment") && sameNode(field(asg, "left"), n)) values.push_back(field(asg, "right"));
        }
    }
    for (TSNode v : values)
        if (isNull(v)) return {};
    return values;
}

// The threading primitive a receiver always holds: every value assigned to it is a call of the
// same constructor of syncClasses().
const SyncClass* syncClassOf(const Context& ctx, TSNode recv) {
    std::vector<TSNode> values = assignedValues(ctx, recv);
    if (values.empty()) return nullptr;
    const SyncClass* found = nullptr;
    for (TSNode v : values) {
        const SyncClass* c = syncClassNamed(constructorOf(ctx, v));
        if (!c || (found && found != c)) return nullptr;
        found = c;
    }
    return found;
}

bool isLiteral(TSNode n) {
    return is(n, "string") || is(n, "concatenated_string") || is(n, "integer") || is(n, "float") || is(n, "list") ||
           is(n, "dictionary") || is(n, "tuple") || is(n, "set") || is(n, "list_comprehension") ||
           is(n, "dictionary_comprehension") || is(n, "set_comprehension");
}

// A receiver whose class is known and has no method that waits on another thread: a literal, or a
// name every assignment of which is a literal or a call of a class known not to (a context
// variable, a collections container, a builtin container).
bool knownNotSync(const Context& ctx, TSNode recv) {
    if (isLiteral(recv)) return true;
    std::vector<TSNode> values = assignedValues(ctx, recv);
    if (values.empty()) return false;
    for (TSNode v : values) {
        if (isLiteral(v)) continue;
        std::string c = constructorOf(ctx, v);
        if (c == "contextvars.ContextVar" || c.starts_with("collections.")) continue;
        TSNode callee = is(v, "call") ? field(v, "function") : TSNode{};
        if (c.empty() && is(callee, "identifier") && !ctx.model.lookup(ctx.model.scopeOf(v), ctx.str(callee))) {
            std::string_view b = ctx.text(callee);
            if (b == "dict" || b == "list" || b == "set" || b == "str" || b == "bytearray") continue;
        }
        return false;
    }
    return true;
}

// A method call on an object whose class cannot be told that may be a wait on another thread, by
// its name and arguments: `x.acquire()`, `x.wait()`, `x.wait_for(...)`, `x.result()`,
// `x.exception()`, `x.join()` / `x.join(<number>)` / `x.join(timeout=...)` (`sep.join(parts)` is
// str's), `x.get()` / `x.get(block=..., timeout=...)` (`d.get(key)` is a mapping's), `x.put(...)`.
bool mayWaitByName(const Context& ctx, TSNode call, std::string_view m) {
    TSNode callee = field(call, "function");
    if (knownNotSync(ctx, field(callee, "object"))) return false;
    python::CallArgs a = ctx.args(field(call, "arguments"));
    bool timeoutKw = false;
    for (TSNode k : a.keywords) {
        std::string_view name = ctx.text(field(k, "name"));
        if (name == "timeout" || name == "block") timeoutKw = true;
    }
    if (m == "acquire" || m == "wait" || m == "wait_for" || m == "put") return true;
    if (m == "result" || m == "exception") return a.positional.empty() || timeoutKw;
    if (m == "join")
        return (a.positional.empty() && !a.hasStar) || timeoutKw ||
               (a.positional.size() == 1 && (is(a.positional[0], "integer") || is(a.positional[0], "float")));
    if (m == "get") return (a.positional.empty() && !a.hasStar && !a.hasDoubleStar) || timeoutKw;
    return false;
}

struct ThreadUse {
    std::string waits;      // a wait on a primitive the model knows: "`b.wait()` of a threading.Barrier (line N)"
    std::string mayWait;    // a call that may wait, on an object whose class cannot be told, or code not followed
    std::string identity;   // a read of the thread's identity or thread-local state
    std::string logs;       // a log record made there (it carries the thread's name)
};

std::string atLine(TSNode n) { return " (line " + std::to_string(rowOf(n)) + ")"; }

// The function run in the thread and the module functions it reaches.
struct ThreadCode {
    std::vector<TSNode> regions;
    bool within(TSNode n) const {
        for (TSNode r : regions)
            if (contains(r, n)) return true;
        return false;
    }
};

// Waits on other threads: method calls on objects (not through an import), `with lock:`, and library
// functions that wait.
void scanWaits(const Context& ctx, TSNode region, const ThreadCode& code, ThreadUse& use) {
    for (TSNode call : ctx.semantics().untypedMethodCalls(region)) {
        TSNode callee = field(call, "function");
        std::string m = ctx.str(field(callee, "attribute"));
        if (const SyncClass* c = syncClassOf(ctx, field(callee, "object"))) {
            for (std::string_view w : c->waits)
                if (w == m && use.waits.empty())
                    use.waits = "`" + ctx.str(callee) + "()` of a " + std::string(c->constructor) + atLine(call);
            continue;
        }
        if (use.mayWait.empty() && mayWaitByName(ctx, call, m))
            use.mayWait = "`" + ctx.str(callee) + "()`" + atLine(call) + ", on an object whose class cannot be told";
    }
    for (TSNode r : code.regions)
        for (TSNode item : ctx.syntax.nodesOfType("with_item", r)) {
            TSNode with = ctx.syntax.parent(ctx.syntax.parent(item));
            if (is(with, "with_statement") && !ctx.text(with).starts_with("with")) continue;  // async with
            TSNode value = field(item, "value");
            if (is(value, "as_pattern")) value = namedChildren(value)[0];
            if (!is(value, "identifier") && !is(value, "attribute")) continue;
            if (ctx.model.resolve(value, ctx.model.scopeOf(value))) continue;  // an imported name
            if (const SyncClass* c = syncClassOf(ctx, value)) {
                if (c->withWaits && use.waits.empty())
                    use.waits = "`with " + ctx.str(value) + ":` of a " + std::string(c->constructor) + atLine(item);
            } else if (use.mayWait.empty()) {
                use.mayWait = "`with " + ctx.str(value) + ":`" + atLine(item) +
                              ", an object whose class cannot be told (a lock is acquired so)";
            }
        }
    for (const python::Reference* r : ctx.model.referencesTo("concurrent"))
        if (waitingFunction(ctx.canonical(r->qualified)) && code.within(r->node) && use.waits.empty())
            use.waits = "`" + ctx.str(r->node) + "()`" + atLine(r->node);
}

// `threading.current_thread() is threading.main_thread()` (or `is not`, `==`, `!=`): the same answer in
// any worker thread.
bool comparedWithMainThread(const Context& ctx, TSNode call) {
    TSNode cmp = ctx.syntax.parent(call);
    if (!is(cmp, "comparison_operator")) return false;
    for (TSNode c : namedChildren(cmp)) {
        if (!is(c, "call") || sameNode(c, call)) continue;
        auto q = ctx.model.resolve(field(c, "function"), ctx.model.scopeOf(c));
        if (q && ctx.canonical(*q) == "threading.main_thread") return true;
    }
    return false;
}

// What depends on the worker thread: its identity, a threading.local's state (refused), and log
// records, which carry the thread's name (`%(threadName)s`: unsafe, the format is set elsewhere).
void scanIdentity(const Context& ctx, const ThreadCode& code, ThreadUse& use) {
    std::set<std::string> locals;  // names bound to threading.local()
    for (const python::Reference* r : ctx.model.referencesTo("threading")) {
        std::string q = ctx.canonical(r->qualified);
        TSNode call = ctx.syntax.parent(r->node);
        if (q == "threading.local" && is(call, "call")) {
            TSNode asg = ctx.syntax.parent(call);
            if (is(asg, "assignment") && (is(field(asg, "left"), "identifier") || is(field(asg, "left"), "attribute")))
                locals.insert(ctx.str(field(asg, "left")));
        }
        if ((q == "threading.current_thread" || q == "threading.currentThread" || q == "threading.get_ident" ||
             q == "threading.get_native_id") &&
            code.within(r->node) && use.identity.empty() && !(is(call, "call") && comparedWithMainThread(ctx, call)))
            use.identity = "`" + ctx.str(r->node) + "()`" + atLine(r->node);
    }
    // A use of such a name (`state.x`, `getattr(state, "x")`), or of such an attribute (`self.state`).
    for (const std::string& name : locals) {
        if (!use.identity.empty()) break;
        if (name.find('.') == std::string::npos) {
            for (const python::NameLoad& load : ctx.model.loadsOf(name))
                if (code.within(load.node)) {
                    use.identity = "`" + name + "`, a threading.local" + atLine(load.node);
                    break;
                }
            continue;
        }
        for (TSNode r : code.regions)
            for (TSNode n : ctx.syntax.nodesOfType("attribute", r))
                if (ctx.text(n) == name && use.identity.empty()) use.identity = "`" + name + "`, a threading.local" + atLine(n);
    }
    // Logging: `logging.info(...)`, or a method of a name bound to `logging.getLogger(...)`.
    std::set<std::string> loggers;
    for (const python::Reference* r : ctx.model.referencesTo("logging")) {
        std::string q = ctx.canonical(r->qualified);
        TSNode call = ctx.syntax.parent(r->node);
        if (!is(call, "call")) continue;
        if (q == "logging.getLogger") {
            TSNode asg = ctx.syntax.parent(call);
            if (is(asg, "assignment")) loggers.insert(ctx.str(field(asg, "left")));
        } else if (code.within(call) && use.logs.empty() && q != "logging.basicConfig") {
            use.logs = "`" + ctx.str(r->node) + "()`" + atLine(call);
        }
    }
    static const std::set<std::string_view> levels = {"debug", "info", "warning", "warn", "error", "exception",
                                                      "critical", "fatal", "log"};
    for (TSNode r : code.regions)
        for (TSNode call : ctx.semantics().callNodesIn(r)) {
            TSNode f = field(call, "function");
            if (!use.logs.empty() || !is(f, "attribute") || !levels.count(ctx.text(field(f, "attribute"))) ||
                !loggers.count(ctx.str(field(f, "object"))))
                continue;
            use.logs = "`" + ctx.str(f) + "()`" + atLine(call);
        }
}

// Library functions handed to a thread that are known not to wait on another thread of the program
// (they wait on the clock, files, sockets, child processes, or compute): "module.function" or a
// whole module ("os.").
bool knownNotWaiting(std::string_view q) {
    static const std::vector<std::string_view> k = {
        "time.sleep",  // the clock only
        // file system calls (not os.read/os.write, which wait on a pipe's other end)
        "os.path.", "os.stat", "os.lstat", "os.listdir", "os.scandir", "os.walk", "os.remove", "os.unlink",
        "os.rename", "os.replace", "os.makedirs", "os.mkdir", "os.rmdir", "os.fsync", "os.chmod", "os.utime",
        "shutil.", "glob.",
        "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.getnameinfo",
        "socket.create_connection",  // name service and network peers, other processes
        "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",  // child processes
        "json.", "pickle.", "hashlib.", "zlib.", "gzip.", "bz2.", "lzma.", "base64.",  // computation, file I/O
    };
    for (std::string_view p : k)
        if (p.ends_with('.') ? q.starts_with(p) : q == p) return true;
    return false;
}
// Methods of files and paths, by name, handed to the thread as bound methods of an object whose class
// cannot be told (`fobj.read`, `path.stat`): file system I/O. Only when no class of the module has
// a method of that name (the object may be of that class).
bool fileMethod(const Context& ctx, std::string_view m) {
    static const std::set<std::string_view> k = {
        "read", "readline", "readlines", "write", "writelines", "seek", "tell", "close", "flush", "truncate",
        "fileno", "stat", "lstat", "open", "exists", "is_file", "is_dir", "iterdir", "unlink", "mkdir", "rmdir",
        "read_text", "read_bytes", "write_text", "write_bytes", "resolve", "glob", "rglob", "touch", "rename"};
    if (!k.count(m)) return false;
    for (const python::FunctionInfo& f : ctx.semantics().functions())
        if (!isNull(f.classNode) && f.name == m) return false;
    return true;
}
const std::set<std::string_view>& knownNotWaitingBuiltins() {
    static const std::set<std::string_view> k = {"open", "print", "input", "sorted", "sum", "len", "list", "dict"};
    return k;
}

// Why rewriting the run of `fn` (the function handed to the thread) to anyio's worker threads
// would change behaviour: `refuse` when the code shows it, `unsafe` when it cannot be told.
struct ThreadHazard {
    std::string refuse, unsafe;
    bool logs = false;  // unsafe because its log records name the thread (else: it may wait)
};
constexpr const char* kLimits =
    ": asyncio's default executor runs at most min(32, cpu + 4) calls at once, anyio's default limiter 40, so calls "
    "that wait for one another meet on one and not on the other";
constexpr const char* kThreads =
    ": asyncio's executor threads are named asyncio_N and an idle one takes the next call first-in-first-out, anyio's "
    "are named 'AnyIO worker thread', the last one to go idle takes the next call and idle ones stop after 10 s";

// The function handed to the thread is not code of the module (a bound method of an object, a library
// function): a primitive's own wait (`barrier.wait`) is refused, a function known not to wait is fine,
// anything else unsafe.
ThreadHazard unfollowedHazard(const Context& ctx, TSNode fn) {
    ThreadHazard out;
    if (is(fn, "attribute") && !ctx.model.resolve(fn, ctx.model.scopeOf(fn))) {
        std::string m = ctx.str(field(fn, "attribute"));
        if (const SyncClass* c = syncClassOf(ctx, field(fn, "object"))) {
            for (std::string_view w : c->waits)
                if (w == m)
                    out.refuse = std::string("the function it runs waits on another thread (`") + ctx.str(fn) +
                                 "` of a " + std::string(c->constructor) + atLine(fn) + ")" + kLimits;
            return out;
        }
        if (!fileMethod(ctx, m))
            out.unsafe = "the function it runs (`" + ctx.str(fn) +
                         "`, a method of an object whose class cannot be told) is not followed, so it may wait on "
                         "another thread" + kLimits;
        return out;
    }
    auto q = ctx.model.resolve(fn, ctx.model.scopeOf(fn));
    std::string name = q ? ctx.canonical(*q) : std::string();
    if (q && waitingFunction(name))
        out.refuse = "the function it runs waits on other threads (`" + ctx.str(fn) + "`)" + std::string(kLimits);
    else if (q && knownNotWaiting(name))
        return out;
    else if (!q && is(fn, "identifier") && knownNotWaitingBuiltins().count(ctx.text(fn)) &&
             !ctx.model.lookup(ctx.model.scopeOf(fn), ctx.str(fn)))
        return out;
    else
        out.unsafe = "the function it runs (`" + ctx.str(fn) +
                     "`) is code this module does not show, so it may wait on another thread" + kLimits;
    return out;
}

ThreadHazard threadHazard(const Context& ctx, TSNode fn) {
    if (auto q = is(fn, "call") ? ctx.model.resolve(field(fn, "function"), ctx.model.scopeOf(fn)) : std::nullopt;
        q && ctx.canonical(*q) == "functools.partial") {
        std::vector<TSNode> inner = python::namedChildren(field(fn, "arguments"));
        if (inner.empty()) return {};
        fn = inner[0];
    }
    TSNode region{};
    if (is(fn, "lambda"))
        region = fn;
    else if (int f = ctx.semantics().resolveCallee(fn); f >= 0)
        region = ctx.semantics().functions()[static_cast<std::size_t>(f)].node;
    else
        return unfollowedHazard(ctx, fn);
    ThreadHazard out;
    ThreadUse use;
    ThreadCode code{{region}};
    for (int f : ctx.semantics().reachableFrom(region))
        code.regions.push_back(ctx.semantics().functions()[static_cast<std::size_t>(f)].node);
    scanWaits(ctx, region, code, use);
    scanIdentity(ctx, code, use);
    if (!use.waits.empty())
        out.refuse = "the function it runs waits on another thread (" + use.waits + ")" + kLimits;
    else if (!use.identity.empty())
        out.refuse = "the function it runs depends on the worker thread that runs it (" + use.identity + ")" + kThreads;
    else if (!use.mayWait.empty())
        out.unsafe = "the function it runs may wait on another thread (" + use.mayWait + ")" + kLimits;
    else if (!use.logs.empty() && (out.logs = true))
        out.unsafe = "the function it runs logs (" + use.logs +
                     "), and a log record names its thread (`%(threadName)s` of a format set elsewhere): asyncio_N "
                     "before, 'AnyIO worker thread' after";
    return out;
}

std::string optedIn(const ThreadHazard& h) {
    return h.logs ? " (unsafe fix, opted in: its log records name 'AnyIO worker thread' where asyncio's named asyncio_N)"
                  : " (unsafe fix, opted in: the function may wait on another thread, and anyio runs up to 40 calls at "
                    "once where asyncio's default executor runs min(32, cpu + 4))";
}

// asyncio's thread future releases a cancelled waiter at once and leaves the thread running;
// anyio's run_sync shields the wait until the thread returns unless told to abandon it. The
// keyword that says so: `cancellable=True` (anyio 3.x, 4.0), `abandon_on_cancel=True` from 4.1.
std::string abandonKeyword(const Context& ctx) {
    return targetAnyio(ctx).atLeast(4, 1) ? "abandon_on_cancel=True" : "cancellable=True";
}

// Where `, <keyword>` goes: after the last argument (before a trailing comma or comment).
std::size_t afterLastArgument(TSNode arguments) {
    std::size_t at = python::beginOf(arguments) + 1;
    for (TSNode c : python::namedChildren(arguments))
        if (!is(c, "comment")) at = python::endOf(c);
    return at;
}


Outcome toThreadFix(const CallSite& site, Context& ctx, const python::CallArgs& a);

// asyncio.to_thread(f, a, k=v) -> anyio.to_thread.run_sync(f, a) / (functools.partial(f, a, k=v)).
Outcome toThread(const CallSite& site, Context& ctx) {
    python::CallArgs a = ctx.args(site.arguments);
    if (!is(site.arguments, "argument_list") || (a.positional.empty() && !a.hasStar))
        return Flag{SiteStatus::NeedsReview, "asyncio.to_thread() without a function argument: migrate by hand"};
    if (a.positional.empty() || !python::sameNode(python::namedChildren(site.arguments)[0], a.positional[0]))
        return Flag{SiteStatus::NeedsReview,
                    "asyncio.to_thread(*args): cannot tell which argument is the function; use "
                    "anyio.to_thread.run_sync(func, *args)"};
    ThreadHazard hazard = threadHazard(ctx, a.positional[0]);
    if (!hazard.refuse.empty()) return Flag{SiteStatus::NeedsReview, "asyncio.to_thread() kept: " + hazard.refuse};
    if (!hazard.unsafe.empty() && !ctx.unsafeFixes())
        return Flag{SiteStatus::NeedsReview, "asyncio.to_thread(): " + hazard.unsafe + " (rewritten with --unsafe-fixes)"};
    Outcome o = toThreadFix(site, ctx, a);
    if (auto* r = std::get_if<Rewrite>(&o); r && !hazard.unsafe.empty()) r->message += optedIn(hazard);
    return o;
}

Outcome toThreadFix(const CallSite& site, Context& ctx, const python::CallArgs& a) {
    Rewrite r;
    r.fix.edits.push_back(replaceNode(site.callee, "anyio.to_thread.run_sync"));
    r.fix.imports.push_back("anyio");
    std::string fn = ctx.str(a.positional[0]);
    const std::string abandon = abandonKeyword(ctx);
    if (a.keywords.empty() && !a.hasDoubleStar) {
        std::size_t at = afterLastArgument(site.arguments);
        r.fix.edits.push_back(replaceRange(at, at, ", " + abandon));
        r.message = "asyncio.to_thread(" + fn + ", ...) -> anyio.to_thread.run_sync(" + fn + ", ..., " + abandon +
                    "): a cancelled wait returns at once, the thread runs on, as asyncio's does";
        return r;
    }
    // Keyword arguments cannot be passed through run_sync: bind everything with functools.partial.
    std::size_t close = endOf(site.arguments) - 1;
    r.fix.edits.push_back(replaceRange(beginOf(a.positional[0]), beginOf(a.positional[0]), "functools.partial("));
    r.fix.edits.push_back(replaceRange(close, close, "), " + abandon));
    r.fix.imports.push_back("functools");
    r.message = "asyncio.to_thread(" + fn + ", ..., key=...) -> anyio.to_thread.run_sync(functools.partial(" + fn +
                ", ..., key=...), " + abandon +
                "): run_sync passes no keyword arguments; a cancelled wait returns at once, the thread runs on, as "
                "asyncio's does";
    return r;
}

// The function run_in_executor runs (`f`, `self.m`, a lambda, `functools.partial(f, ...)`) reads or sets
// a module-level ContextVar, in its code or in the module functions it reaches: "`v.get()` of a
// ContextVar (line N)", else "". run_in_executor does not copy the caller's context into the thread
// (asyncio.to_thread and anyio's run_sync do).
std::string contextRead(const Context& ctx, TSNode fn) {
    auto q = is(fn, "call") ? ctx.model.resolve(field(fn, "function"), ctx.model.scopeOf(fn)) : std::nullopt;
    if (q && ctx.canonical(*q) == "functools.partial") {
        std::vector<TSNode> inner = python::namedChildren(field(fn, "arguments"));
        if (inner.empty()) return {};
        fn = inner[0];
    }
    TSNode region = fn;
    if (!is(fn, "lambda")) {
        int f = ctx.semantics().resolveCallee(fn);
        if (f < 0) return {};
        region = ctx.semantics().functions()[static_cast<std::size_t>(f)].node;
    }
    return contextVarCall(ctx, reachedRanges(ctx, region), {"get", "set", "reset"});
}

// `<loop>.run_in_executor(None, f, a)` -> `anyio.to_thread.run_sync(f, a)`: the fix, or the reason it is not one.
// `callee` is the whole `<loop>.run_in_executor` expression.
void executorCall(Context& ctx, TSNode call, TSNode callee, const std::string& loopText) {
    TSNode args = field(call, "arguments");
    python::CallArgs a = ctx.args(args);
    std::string what = loopText + ".run_in_executor()";
    if (!a.keywords.empty() || a.hasDoubleStar || a.positional.size() < 2) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + " with unusual arguments: use `await anyio.to_thread.run_sync(func, *args)`", "threads");
        return;
    }
    if (!is(a.positional[0], "none")) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + " with the executor `" + ctx.str(a.positional[0]) + "` is not migrated: " + kExecutorHint,
                 "threads");
        return;
    }
    if (isNull(awaitOf(ctx, call))) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + "'s future is not awaited where it is made: it starts the call at once, while "
                        "anyio.to_thread.run_sync() is a coroutine that starts when awaited; await it in a task group "
                        "(tg.start_soon(anyio.to_thread.run_sync, func, *args))",
                 "threads");
        return;
    }
    if (std::string use = contextRead(ctx, a.positional[1]); !use.empty()) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + " kept: the function it runs uses context variables (" + use +
                     "); run_in_executor runs it in the worker thread's own context, anyio.to_thread.run_sync in a "
                     "copy of the caller's, so it would see the caller's values",
                 "threads");
        return;
    }
    ThreadHazard hazard = threadHazard(ctx, a.positional[1]);
    if (!hazard.refuse.empty()) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview, what + " kept: " + hazard.refuse, "threads");
        return;
    }
    if (!hazard.unsafe.empty() && !ctx.unsafeFixes()) {
        ctx.flag(kToThread.info, call, SiteStatus::NeedsReview,
                 what + ": " + hazard.unsafe + " (rewritten with --unsafe-fixes)", "threads");
        return;
    }
    Fix fix;
    fix.edits.push_back(replaceNode(callee, "anyio.to_thread.run_sync"));
    fix.edits.push_back(replaceRange(beginOf(a.positional[0]), beginOf(a.positional[1]), ""));
    const std::string abandon = abandonKeyword(ctx);
    std::size_t at = afterLastArgument(args);
    fix.edits.push_back(replaceRange(at, at, ", " + abandon));
    fix.imports.push_back("anyio");
    ctx.fixed(kToThread.info, call,
              what + " with the default executor -> anyio.to_thread.run_sync(" + ctx.str(a.positional[1]) +
                  (a.positional.size() > 2 || a.hasStar ? ", ..., " : ", ") + abandon +
                  "): a cancelled wait returns at once, the thread runs on, as asyncio's does" +
                  (hazard.unsafe.empty() ? "" : optedIn(hazard)),
              fix);
}

Outcome loopSite(const CallSite& site, Context& ctx) {
    // Inline: asyncio.get_running_loop().run_in_executor(None, f, ...)
    TSNode attr = ctx.syntax.parent(site.call);
    if (is(attr, "attribute") && python::sameNode(field(attr, "object"), site.call) &&
        ctx.text(field(attr, "attribute")) == "run_in_executor") {
        TSNode call = ctx.syntax.parent(attr);
        if (is(call, "call") && python::sameNode(field(call, "function"), attr)) {
            executorCall(ctx, call, attr, ctx.str(site.call));
            ctx.claim(site.call);  // whatever came of it, the loop reference is accounted for here
            return Skip{};
        }
    }
    // A local name: loop = asyncio.get_running_loop(); ... await loop.run_in_executor(None, f)
    auto v = assignedName(ctx, site.call);
    if (!v) return Skip{};
    for (TSNode load : loadsOf(ctx, *v)) {
        auto use = methodCall(ctx, load);
        if (!use || use->method != "run_in_executor") continue;
        executorCall(ctx, use->call, use->attribute, v->name);
    }
    return Skip{};  // the loop variable itself is the event-loop rule's business (AM211)
}

}  // namespace

extern const PyRule kToThread{
    .info = {.id = "AM210",
     .name = "to-thread",
     .category = "threads",
     .summary = "Replace asyncio.to_thread() and loop.run_in_executor(None, ...) with anyio.to_thread.run_sync()",
     .safety = FixSafety::Conditional,
     .brief = R"md(`await asyncio.to_thread(f, *a)` and `await loop.run_in_executor(None, f, *a)` (loop from `get_running_loop()`/`get_event_loop()`, inline or a local) → `await anyio.to_thread.run_sync(f, *a)`; keywords via `functools.partial`; a non-`None` executor or an un-awaited future flagged)md",
     .doc = R"md(
## What it does

Moves blocking calls run in threads to anyio's worker threads:

| asyncio | anyio |
|---|---|
| `await asyncio.to_thread(f, a, b)` | `await anyio.to_thread.run_sync(f, a, b)` |
| `await asyncio.to_thread(f, a, key=v)`, `to_thread(f, **kw)` | `await anyio.to_thread.run_sync(functools.partial(f, a, key=v))` |
| `loop = asyncio.get_running_loop()` (or `get_event_loop()`) … `await loop.run_in_executor(None, f, a)` | `await anyio.to_thread.run_sync(f, a)` |
| `await asyncio.get_running_loop().run_in_executor(None, f, a)` | `await anyio.to_thread.run_sync(f, a)` |

Aliases (`import asyncio as aio`, `from asyncio import to_thread, get_running_loop`) are
followed. The loop name must be a local bound once, by `name = asyncio.get_running_loop()`
(or `get_event_loop()`) as a statement; a loop that nothing uses any more is then removed by
AM211 event-loop in a later round. `import anyio` is enough for `anyio.to_thread`: anyio's
`__init__` imports the submodule (checked on Debian's anyio 3.6.2 and in anyio 4).

## Why

`asyncio.to_thread` and `loop.run_in_executor` are asyncio-only and fail under the trio
backend. `anyio.to_thread.run_sync` passes positional arguments only (like `anyio.run` and
`start_soon`), so keyword arguments must be bound with `functools.partial`; a text
substitution that keeps `key=v` raises `TypeError` at run time. Both `asyncio.to_thread()`
and `run_sync()` are coroutines that start when awaited, so un-awaited `to_thread` calls
(handed to `gather`, a task group...) keep their meaning. Context variables are copied into
the worker thread in both (anyio ≥ 3.4); not by `run_in_executor` (see Fix safety).

## Example

`test-inputs/python/to-thread/aliases.py`:

```python
@fixture aliases.py 1-14
```

becomes (`aliases.expected.py`):

```python
@fixture aliases.expected.py 2-13
```

Keyword arguments (`basic.py`): `await asyncio.to_thread(blocking, 1, y=2)` becomes
`await anyio.to_thread.run_sync(functools.partial(blocking, 1, y=2))` with `import functools`.

## Flagged instead of rewritten

All needs-review (see `test-inputs/python/to-thread/flagged.py`):

- ``loop.run_in_executor() with the executor `POOL` is not migrated: anyio runs blocking calls in its own worker threads: use `await anyio.to_thread.run_sync(func, *args)`, with `limiter=anyio.CapacityLimiter(n)` to bound them like the executor's max_workers``: a non-`None` executor (a process pool, a dedicated thread pool) has no drop-in anyio form.
- `loop.run_in_executor()'s future is not awaited where it is made: ...`: the future starts the call at once, a `run_sync()` coroutine only when awaited; the message suggests `tg.start_soon(anyio.to_thread.run_sync, func, *args)`.
- `asyncio.to_thread(*args): cannot tell which argument is the function; ...`, `asyncio.to_thread() without a function argument: migrate by hand`.
- `loop.run_in_executor() with unusual arguments: ...`: keywords or `**kwargs`, or no function.
- ``asyncio.to_thread() kept: the function it runs waits on another thread (...)`` and ``... depends on the worker thread that runs it (...)`` (also `loop.run_in_executor() kept: ...`): see Fix safety, "Thread limits" and "Which worker thread runs the call" (`thread_waits.py`).
- ``asyncio.to_thread(): the function it runs may wait on another thread (...) ... (rewritten with --unsafe-fixes)``: an unsafe fix, see Fix safety.

A loop kept for such a use is reported by AM211 event-loop (`the loop is kept for: loop.run_in_executor() (line N)`).
Loops that are parameters or attributes (`self.loop.run_in_executor(...)`) are not known to be asyncio loops and are left alone.

## Fix safety

Conditional: rewritten only when the call is `asyncio.to_thread(f, ...)` with the function as
its first argument, or `run_in_executor(None, f, ...)` awaited where it is made on a loop
from `get_running_loop()` / `get_event_loop()` (inline or a local bound once).

**Cancellation while the thread runs.** asyncio's thread future releases the waiting task at once
when it is cancelled (a timeout, `task.cancel()`): the call goes on in its thread, its result is
dropped, and a call still queued in the executor never starts. anyio's `run_sync` shields the wait
by default and raises the cancellation only once the thread returns, so a `wait_for` around a slow
blocking call timed out only after it finished (behaviour program `to_thread_cancel.py`: asyncio
prints `['export timed out', 'export done']`, the migration without the keyword `['export done',
'export timed out']`). The rewrite passes `cancellable=True` (anyio below 4.1) or
`abandon_on_cancel=True` (from 4.1), which is asyncio's behaviour on both backends: the wait
returns at once, the thread runs on, and a call still waiting for a worker token never starts.

**Context variables.** `asyncio.to_thread` and anyio's `run_sync` run the function in a copy of
the caller's context; `run_in_executor` runs it in the worker thread's own context, where the
caller's values are not set. So a `run_in_executor` whose function (a module function, a method
`self.m`, a lambda, `functools.partial(f, ...)`), or a module function it reaches, reads or sets a
module-level `contextvars.ContextVar` is kept, naming the use: ``loop.run_in_executor() kept: the
function it runs uses context variables (`request_id.get()` of a ContextVar (line 10)); ...``
(fixture `context_vars.py`; behaviour program `executor_context_refused.py`: `-` on asyncio, `r7`
after the old migration). Code outside the run is not read (the tool's general limit): a library
function handed to `run_in_executor` that reads context variables of its own library sees the
caller's values after the rewrite.

**Thread limits.** anyio limits worker threads with its default `CapacityLimiter` (40 tokens),
asyncio with the default executor's `max_workers` (`min(32, cpu + 4)`: 6 on a 2-core machine).
Calls that wait for one another meet on one and not on the other: 33 calls meeting at a
`threading.Barrier(33, timeout=2)` break it on asyncio (at most 32 run at once) and all meet
after the rewrite (behaviour program `to_thread_barrier_refused.py`: `['broken']` on asyncio,
`['met']` after the old migration). So the function run in the thread is read (a module function,
`self.m`, a lambda, `functools.partial(f, ...)`, and every module function it reaches) and the
rewrite is kept when it waits on something another thread holds or produces, naming the wait:
`acquire()`/`with` of a `threading.Lock`/`RLock`/`Condition`/`Semaphore`/`BoundedSemaphore`,
`wait()` of an `Event`/`Barrier`/`Condition`, `join()` of a `Thread`/`Timer`, `get()`/`put()`/
`join()` of a `queue.Queue` (and `LifoQueue`, `PriorityQueue`, `SimpleQueue`, multiprocessing's),
`result()`/`exception()` of a `concurrent.futures.Future`, `concurrent.futures.wait()`/
`as_completed()` (the object's class is known when every assignment of the name, or of `self.x` in
its class, calls that constructor): ``asyncio.to_thread() kept: the function it runs waits on
another thread (`shards.wait()` of a threading.Barrier (line 18)): ...`` (fixture
`thread_waits.py`). Where it cannot be told, the fix is **unsafe** (flagged, ending `(rewritten
with --unsafe-fixes)`; with `--unsafe-fixes` rewritten, the message ending `(unsafe fix, opted
in: ...)`, fixture `thread_waits_unsafe.py`): a method call that may be such a wait on an object
whose class cannot be told (`x.acquire()`, `x.wait()`, `x.wait_for()`, `x.put()`, `x.result()`,
`x.exception()` and `x.get()` without arguments or with `block=`/`timeout=`, `x.join()` without
arguments or with a number: `sep.join(parts)` is str's, `d.get(k)` a mapping's; receivers known to
be literals, context variables, collections or builtin containers are not), `with x:` of such an
object (a lock is acquired so), and a function handed to the thread whose code the module does
not show (a method of an object whose class cannot be told, a library function, a function of
another module): `asyncio.to_thread(): the function it runs may wait on another thread
(`gate.wait()` (line 16), on an object whose class cannot be told): ... (rewritten with
--unsafe-fixes)` (behaviour program `to_thread_wait_unsafe_refused.py`). Library functions known
not to wait on another thread of the program are rewritten: `time.sleep` (the clock only), file
system calls (`os.path.*`, `os.stat`/`lstat`/`listdir`/`scandir`/`walk`/`remove`/`unlink`/`rename`/
`replace`/`makedirs`/`mkdir`/`rmdir`/`fsync`/`chmod`/`utime`, `shutil`, `glob`; not `os.read`/
`os.write`, which wait for a pipe's other end), `socket.getaddrinfo`,
`gethostbyname[_ex]`, `getnameinfo`, `create_connection` (the name service and network peers),
`subprocess.run`/`call`/`check_call`/`check_output` (child processes), `json`, `pickle`,
`hashlib`, `zlib`, `gzip`, `bz2`, `lzma`, `base64` (computation and file I/O), and the builtins
`open`, `print`, `input`, `sorted`, `sum`, `len`, `list`, `dict`; and a bound method of an object
whose class cannot be told that is a file or path method by its name (`fobj.read`, `fobj.seek`,
`fobj.close`, `path.stat`, `path.open`, `read_text`, ...: aiohttp's file payloads), unless a class
of the module has a method of that name. File objects that are pipes or sockets are the one wait
such a method can hide (a read that waits for another call to write); they count as files here. A library function called
*inside* a followed function is not counted: it can wait on another call of the program's only
through an object the program hands it or shares with it, and those are the calls above (a lock
handed to a library function is not followed: `lib.locked_write(lock)`).

Why not an exact limiter instead: `anyio.to_thread.run_sync(f, limiter=...)` with a generated
`CapacityLimiter(min(32, os.cpu_count() + 4))` per run would match the count only for the migrated
calls: asyncio's default executor is shared with everything that stays on asyncio in the process
(`loop.getaddrinfo()` of every connection, `run_in_executor(None, ...)` in libraries such as
aiofiles, calls left unmigrated), so the calls that compete for its workers are not the same, and
under trio there is no such executor at all. So a wait between calls is refused, not emulated.

**Which worker thread runs the call.** asyncio's executor threads are named `asyncio_N`, live as
long as the loop, and an idle one takes the next call first-in-first-out; anyio's are named
`AnyIO worker thread`, the one that went idle last takes the next call (last-in-first-out) and idle
ones stop after 10 s. A function that keeps state in a `threading.local()` (a per-thread
connection) or reads `threading.current_thread()`/`get_ident()`/`get_native_id()` sees another
thread: a per-thread connection named after its thread is `connection of asyncio_0` on asyncio
and `connection of AnyIO worker thread` after the old migration (behaviour program
`to_thread_local_refused.py`); after two calls ran at once, the next one sees the thread-local of
the worker that went idle first on asyncio and of the last one on anyio (measured; which of two
idle asyncio workers wakes first is up to the OS, so that program is not in the suite). Kept,
naming the use: ``asyncio.to_thread() kept: the function it runs depends on the worker thread that
runs it (`threading.current_thread()` (line 17)): ...`` (or ``(`conn`, a threading.local (line
N))``). Library code that keeps per-thread state of its own
(a function handed to the thread whose code the module does not show) is an unsafe fix, above.
`threading.current_thread() is [not] threading.main_thread()` (also `==`/`!=`) gives the same answer
in any worker thread and does not count (behaviour program `to_thread.py`). The thread's name also
reaches every log record made in the thread (`%(threadName)s`, `%(thread)d` of a logging format,
usually configured outside the module): a function that logs (`logging.info(...)`, or a method of
a name bound to `logging.getLogger(...)`) is an unsafe fix: ``asyncio.to_thread(): the function it
runs logs (`log.info()` (line 16)), and a log record names its thread (`%(threadName)s` of a
format set elsewhere): asyncio_N before, 'AnyIO worker thread' after (rewritten with
--unsafe-fixes)`` (behaviour program `to_thread_log_unsafe_refused.py`: `asyncio_0: exported 3
rows` on asyncio, `AnyIO worker thread: exported 3 rows` after the old migration).

## Target versions

anyio ≥ 3.0 (`anyio.to_thread.run_sync`); context propagation into threads since 3.4.
`cancellable=` was renamed `abandon_on_cancel=` in 4.1 (the old name warns there): with
`--target-anyio` 4.1 or later the rewrite passes `abandon_on_cancel=True`
(`test-inputs/python/to-thread/anyio_4_1.py`).
)md"},
    .calls = {"asyncio.to_thread", "asyncio.threads.to_thread", "asyncio.get_event_loop", "asyncio.get_running_loop",
     "asyncio.events.get_event_loop", "asyncio.events.get_running_loop"},
    .onCall = [](const CallSite& site, Context& ctx) -> Outcome {
        if (member(site.qualified) == "to_thread") return toThread(site, ctx);
        return loopSite(site, ctx);
    }};

}  // namespace anymig::asyncio_to_anyio
