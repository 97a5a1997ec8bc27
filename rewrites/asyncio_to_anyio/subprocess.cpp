// AM212 subprocess: a one-shot child process
//   p = await asyncio.create_subprocess_exec(prog, *args, stdin=..., stdout=PIPE, stderr=PIPE)
//   out, err = await p.communicate(input)        (or: rc = await p.wait())
// becomes
//   p = await anyio.run_process([prog, *args], input=input, stdout=PIPE, stderr=PIPE, check=False)
//   out, err = p.stdout, p.stderr                 (or: rc = p.returncode)
// check=False keeps asyncio's "a non-zero exit is not an error"; stdout/stderr default to
// None (inherited) as in asyncio. Streaming uses of the process are flagged (anyio.open_process),
// and asyncio.subprocess.PIPE/STDOUT/DEVNULL become subprocess.PIPE/STDOUT/DEVNULL.
#include <algorithm>
#include <set>

#include "matchers/python/semantics.h"

#include "rewrites/asyncio_to_anyio/imports.h"
#include "rewrites/asyncio_to_anyio/local_names.h"

namespace anymig::asyncio_to_anyio {

extern const PyRule kSubprocess;

namespace {

const char* kOpenProcess =
    "use `async with await anyio.open_process([...]) as process:` (its stdin/stdout/stderr are anyio byte streams: "
    "send(), receive()) or migrate by hand";

bool isConstant(const Context& ctx, TSNode n, const char* name) {
    auto q = ctx.model.resolve(n, ctx.model.scopeOf(n));
    return q && (*q == std::string("asyncio.subprocess.") + name || *q == std::string("subprocess.") + name);
}

// anyio.run_process() kills the child when the awaiting task is cancelled; asyncio leaves the
// child of a cancelled communicate()/wait() running (behaviour program
// subprocess_cancel_refused.py). A construct of the module that may cancel the code reaching
// `site`: a timeout or task group (asyncio's or anyio's) whose block contains it or calls code
// that reaches it, a wait_for/gather/create_task/ensure_future/start_soon of such code, or any
// `.cancel()` call. "what (line N)", or "" when the module has none.
std::string cancellerReaching(const Context& ctx, TSNode site) {
    static const std::set<std::string> callForms = {"asyncio.wait_for", "asyncio.gather", "asyncio.create_task",
                                                    "asyncio.ensure_future", "asyncio.tasks.wait_for"};
    static const std::set<std::string> withForms = {"asyncio.timeout", "asyncio.timeout_at", "asyncio.TaskGroup",
                                                    "anyio.fail_after", "anyio.move_on_after", "anyio.CancelScope",
                                                    "anyio.create_task_group"};
    const python::Semantics& sem = ctx.semantics();
    const int fn = sem.functionAt(site);
    auto reaches = [&](TSNode region) {
        if (python::contains(region, site)) return true;
        if (fn < 0) return false;
        std::vector<int> r = sem.reachableFrom(region);
        return std::find(r.begin(), r.end(), fn) != r.end();
    };
    for (TSNode call : ctx.syntax.nodesOfType("call")) {
        TSNode callee = field(call, "function");
        std::string where = " (line " + std::to_string(python::rowOf(call)) + ")";
        std::string method = is(callee, "attribute") ? ctx.str(field(callee, "attribute")) : "";
        if (method == "cancel") return "`" + ctx.str(callee) + "()`" + where;
        auto q = ctx.model.resolve(callee, ctx.model.scopeOf(call));
        std::string name = q ? *q : "";
        if (method == "start_soon" || (method == "create_task" && name != "asyncio.create_task")) {
            return "`" + ctx.str(callee) + "()`" + where + ", a task the model does not follow,";
        } else if (callForms.count(name)) {
            // The awaitables: every positional argument of gather, the first of the others. One
            // held in a name (`t = run(); wait_for(t, 5)`) may be anything.
            for (TSNode a : namedChildren(field(call, "arguments"))) {
                if (is(a, "keyword_argument") || is(a, "comment")) continue;
                if (!is(a, "call")) return "`" + ctx.str(callee) + "(" + ctx.str(a) + ", ...)`" + where + ", of an awaitable the model cannot follow,";
                if (reaches(a)) return "`" + ctx.str(callee) + "()`" + where;
                if (name != "asyncio.gather") break;
            }
        } else if (withForms.count(name)) {
            TSNode with = call;
            while (!isNull(with) && !is(with, "with_statement") && !is(with, "block")) with = ctx.syntax.parent(with);
            if (!is(with, "with_statement")) continue;
            if (reaches(with)) return "`" + ctx.str(callee) + "()`" + where;
            for (TSNode aw : ctx.syntax.nodesOfType("await", with))
                if (TSNode x = namedChildren(aw).empty() ? TSNode{} : namedChildren(aw).front(); !is(x, "call"))
                    return "`" + ctx.str(callee) + "()`" + where + ", around `" + ctx.str(aw) +
                           "`, an awaitable the model cannot follow,";
        }
    }
    return "";
}

// What a create_subprocess_exec/shell site is, found once; the cases below read it.
struct ProcessPlan {
    const CallSite* site = nullptr;
    std::string fn, what;  // "create_subprocess_exec", "asyncio.create_subprocess_exec()"
    bool shell = false;
    std::optional<LocalName> v;  // the process's name (`p = await asyncio.create_subprocess_exec(...)`)
    python::CallArgs a;
    std::string cmd;             // the command as run_process takes it ("" when not understood)
    std::string unknownKeyword;  // the first keyword run_process has no argument for
    TSNode stdinValue{};
    bool hasStdout = false, hasStderr = false;
    std::vector<std::string> kws;  // the keywords kept as written
    std::vector<TSNode> loads;     // the uses of the process's name
    std::optional<MethodUse> first;
    TSNode firstAwait{};
    bool finishedNext = false;  // the first use is `await p.communicate()` / `.wait()` in the next statement
    TSNode streaming{};         // a later use that is not `p.returncode`
    TSNode input{};             // the bytes sent (communicate's argument)
};

// The command: a list for exec (never a str: that would run a shell), the string for shell.
std::string commandOf(const ProcessPlan& p, const Context& ctx) {
    std::vector<std::string> command;
    for (TSNode c : namedChildren(p.site->arguments))
        if (!is(c, "keyword_argument") && !is(c, "comment")) command.push_back(ctx.str(c));
    if (command.empty() || (p.shell && (command.size() != 1 || p.a.hasStar))) return "";
    if (p.shell) return command[0];
    std::string cmd;
    for (const std::string& c : command) cmd += (cmd.empty() ? "" : ", ") + c;
    return "[" + cmd + "]";
}

// Keywords: kept as written, except stdin (run_process takes input= instead).
void readKeywords(ProcessPlan& p, const Context& ctx) {
    static const std::set<std::string> allowed = {"stdin", "stdout", "stderr", "cwd", "env", "start_new_session"};
    for (TSNode k : p.a.keywords) {
        std::string name = ctx.str(field(k, "name"));
        if (!allowed.count(name)) {
            p.unknownKeyword = name;
            return;
        }
        if (name == "stdin") {
            p.stdinValue = field(k, "value");
            continue;
        }
        p.hasStdout = p.hasStdout || name == "stdout";
        p.hasStderr = p.hasStderr || name == "stderr";
        p.kws.push_back(ctx.str(k));
    }
}

// The uses of the process: the first must finish it in the next statement; later ones may
// only read `.returncode`.
void readUses(ProcessPlan& p, const Context& ctx) {
    p.loads = loadsOf(ctx, *p.v);
    if (p.loads.empty()) return;
    TSNode next = nextStatement(ctx, p.v->statement);
    p.first = methodCall(ctx, p.loads[0]);
    p.firstAwait = p.first ? awaitOf(ctx, p.first->call) : TSNode{};
    p.finishedNext = p.first && (p.first->method == "communicate" || p.first->method == "wait") &&
                     !isNull(p.firstAwait) && !isNull(next) && python::contains(next, p.firstAwait);
    for (std::size_t i = 1; i < p.loads.size() && isNull(p.streaming); ++i) {
        TSNode attr = ctx.syntax.parent(p.loads[i]);
        bool returncode = is(attr, "attribute") && sameNode(field(attr, "object"), p.loads[i]) &&
                          ctx.text(field(attr, "attribute")) == "returncode" && !is(ctx.syntax.parent(attr), "call");
        if (!returncode) p.streaming = p.loads[i];
    }
    if (!p.first) return;
    python::CallArgs ca = ctx.args(field(p.first->call, "arguments"));
    p.input = !ca.positional.empty() ? ca.positional[0] : TSNode{};
    if (!isNull(ca.keyword("input", ctx.syntax))) p.input = field(ca.keyword("input", ctx.syntax), "value");
    if (!isNull(p.input) && is(p.input, "none")) p.input = TSNode{};
}

std::optional<ProcessPlan> planProcess(const CallSite& site, Context& ctx) {
    ProcessPlan p;
    p.site = &site;
    p.fn = member(site.qualified);
    p.shell = p.fn == "create_subprocess_shell";
    p.what = "asyncio." + p.fn + "()";
    TSNode aw = awaitOf(ctx, site.call);
    p.v = isNull(aw) ? std::nullopt : assignedName(ctx, aw);
    if (!p.v) return p;
    p.a = ctx.args(site.arguments);
    p.cmd = commandOf(p, ctx);
    readKeywords(p, ctx);
    readUses(p, ctx);
    return p;
}

// The first use, for the message of a process that is not finished right away.
std::string firstUse(const ProcessPlan& p, const Context& ctx) {
    TSNode around = ctx.syntax.parent(p.loads[0]);
    std::string use = p.first ? p.v->name + "." + p.first->method + "()"
                              : "`" + (is(around, "attribute") ? ctx.str(around) : p.v->name) + "`";
    return use + " at line " + std::to_string(python::rowOf(p.loads[0]));
}

// The rewrite: run_process with the mapped arguments, and the finishing statement reading
// the completed process.
Outcome runProcess(const ProcessPlan& p, Context& ctx) {
    std::string args = p.cmd;
    if (!isNull(p.input)) args += ", input=" + ctx.str(p.input);
    for (const std::string& k : p.kws) args += ", " + k;
    if (!p.hasStdout) args += ", stdout=None";
    if (!p.hasStderr) args += ", stderr=None";
    args += ", check=False";
    Rewrite r;
    r.fix.edits.push_back(replaceNode(p.site->call, "anyio.run_process(" + args + ")"));
    r.fix.imports.push_back("anyio");
    bool communicate = p.first->method == "communicate";
    std::string result = communicate ? p.v->name + ".stdout, " + p.v->name + ".stderr" : p.v->name + ".returncode";
    TSNode user = ctx.syntax.parent(p.firstAwait);
    if (is(user, "expression_statement")) {
        std::vector<Edit> gone = removeStatement(ctx, user);
        if (gone.empty()) return Flag{SiteStatus::NeedsReview, p.what + ": cannot remove the communicate() statement"};
        for (Edit& e : gone) r.fix.edits.push_back(e);
    } else {
        bool bare = is(user, "assignment") || is(user, "return_statement");
        r.fix.edits.push_back(replaceNode(p.firstAwait, communicate && !bare ? "(" + result + ")" : result));
    }
    r.message = p.what + " + " + p.v->name + "." + p.first->method + "() -> anyio.run_process(" +
                (p.shell ? "cmd" : "[...]") + ", ..., check=False) and " + result;
    return r;
}

using P = ProcessPlan;
using Msg = std::function<std::string(const P&, const Context&)>;

// Long on purpose: a table of the cases, in order, one entry per case; the first that holds
// decides.
std::vector<PlanCase<P>> processCases() {
    return {
        {"process not assigned to a name", [](const P& p, const Context&) { return !p.v; },
         flagWith<P>(Msg([](const P& p, const Context&) {
             return p.what + " whose process is not assigned to a name as a statement: use anyio.run_process(..., "
                             "check=False) for a one-shot run, or " + kOpenProcess;
         }))},
        {"**kwargs or comments in the arguments", [](const P& p, const Context&) { return p.a.hasDoubleStar || p.a.hasComment; },
         flagWith<P>(Msg([](const P& p, const Context&) {
             return p.what + " with **kwargs or comments in its arguments: migrate by hand";
         }))},
        {"command not understood", [](const P& p, const Context&) { return p.cmd.empty(); },
         flagWith<P>(Msg([](const P& p, const Context&) { return p.what + " with an unexpected command: migrate by hand"; }))},
        {"an argument run_process lacks", [](const P& p, const Context&) { return !p.unknownKeyword.empty(); },
         flagWith<P>(Msg([](const P& p, const Context&) {
             return "asyncio." + p.fn + "(..., " + p.unknownKeyword + "=...): anyio.run_process() has no `" +
                    p.unknownKeyword + "` argument; " + kOpenProcess;
         }))},
        {"never waited for", [](const P& p, const Context&) { return p.loads.empty(); },
         flagWith<P>(Msg([](const P& p, const Context&) {
             return p.what + ": the process `" + p.v->name + "` is never waited for; " + kOpenProcess;
         }))},
        {"not finished in the next statement", [](const P& p, const Context&) { return !p.finishedNext; },
         flagWith<P>(Msg([](const P& p, const Context& ctx) {
             return p.what + ": the process is not finished right away with `await " + p.v->name +
                    ".communicate()` / `.wait()` in the next statement (first use: " + firstUse(p, ctx) + "); " +
                    kOpenProcess;
         }))},
        {"streaming use", [](const P& p, const Context&) { return !isNull(p.streaming); },
         flagWith<P>(Msg([](const P& p, const Context& ctx) {
             TSNode attr = ctx.syntax.parent(p.streaming);
             std::string use = is(attr, "attribute") ? ctx.str(attr) : p.v->name;
             return p.what + ": streaming use of the process (`" + use + "` at line " +
                    std::to_string(python::rowOf(p.streaming)) +
                    "); anyio.run_process() only returns the finished result (returncode, stdout, stderr); " +
                    kOpenProcess;
         }))},
        {"input without stdin=PIPE",
         [](const P& p, const Context& ctx) {
             return !isNull(p.input) && !(!isNull(p.stdinValue) && isConstant(ctx, p.stdinValue, "PIPE"));
         },
         flagWith<P>(Msg([](const P& p, const Context&) { return p.what + ": input is sent without stdin=PIPE; migrate by hand"; }))},
        // stdin: asyncio inherits it by default; run_process gives the child /dev/null unless input is sent.
        {"inherited stdin", [](const P& p, const Context&) { return isNull(p.stdinValue); },
         flagWith<P>(Msg([](const P& p, const Context& ctx) {
             return p.what + " lets the child inherit this process's stdin, but anyio.run_process() gives it /dev/null "
                             "(it has no stdin argument in anyio " + targetAnyio(ctx).str() +
                    "): if the command does not read stdin, pass stdin=subprocess.DEVNULL and this "
                    "rewrite applies; else " + kOpenProcess;
         }))},
        {"stdin other than DEVNULL or PIPE",
         [](const P& p, const Context& ctx) {
             return !isConstant(ctx, p.stdinValue, "DEVNULL") && !isConstant(ctx, p.stdinValue, "PIPE");
         },
         flagWith<P>(Msg([](const P& p, const Context& ctx) {
             return "asyncio." + p.fn + "(..., stdin=" + ctx.str(p.stdinValue) +
                    "): anyio.run_process() only sends bytes given as input=; " + kOpenProcess;
         }))},
        {"a cancellation may reach it",
         [](const P& p, const Context& ctx) { return !cancellerReaching(ctx, p.site->call).empty(); },
         flagWith<P>(Msg([](const P& p, const Context& ctx) {
             return p.what + " kept: " + cancellerReaching(ctx, p.site->call) +
                    " may cancel the task awaiting the process; asyncio leaves the child of a cancelled `" + p.v->name +
                    "." + p.first->method + "()` running, anyio.run_process() kills it; " + kOpenProcess;
         }))},
        {"one-shot run", {}, runProcess},
    };
}

}  // namespace

extern const PyRule kSubprocess{
    .info = {.id = "AM212",
     .name = "subprocess",
     .category = "subprocess",
     .summary = "Replace create_subprocess_exec/shell + communicate()/wait() with anyio.run_process(..., check=False); "
                "asyncio.subprocess constants become subprocess's",
     .safety = FixSafety::Conditional,
     .brief = R"md(`create_subprocess_exec/shell` finished by `communicate()`/`wait()` in the next statement → `anyio.run_process([...], ..., check=False)` with `stdout`/`stderr`/`returncode` mapped; `asyncio.subprocess.PIPE/STDOUT/DEVNULL` → `subprocess.*`; inherited stdin and streaming use flagged)md",
     .doc = R"md(
## What it does

Turns a one-shot child process into `anyio.run_process()`:

| asyncio | anyio |
|---|---|
| `p = await asyncio.create_subprocess_exec(prog, *args, stdin=DEVNULL, ...)`<br>`out, err = await p.communicate()` | `p = await anyio.run_process([prog, *args], ..., check=False)`<br>`out, err = p.stdout, p.stderr` |
| `... stdin=PIPE ...`, `await p.communicate(data)` / `communicate(input=data)` | `anyio.run_process([...], input=data, ..., check=False)` |
| `asyncio.create_subprocess_shell(cmd, ...)` | `anyio.run_process(cmd, ..., check=False)` (a `str` runs through the shell) |
| `rc = await p.wait()` | `rc = p.returncode` |
| `await p.communicate()` as a statement | removed (the process already finished) |
| `p.returncode` afterwards | unchanged (`CompletedProcess.returncode`) |
| `asyncio.subprocess.PIPE` / `STDOUT` / `DEVNULL` anywhere | `subprocess.PIPE` / `STDOUT` / `DEVNULL` (+ `import subprocess`) |
| the same where `subprocess` names something else (`from asyncio import subprocess`, a parameter) | `_subprocess.PIPE` (+ `import subprocess as _subprocess`), or the file's own `import subprocess as sp` |

Argument mapping: the exec form's command is always written as a list (a single `str` would
run a shell); `stdout=` / `stderr=` are kept as written, and when absent become `=None`
(inherit) because asyncio inherits them by default while `run_process` captures them;
`cwd=`, `env=`, `start_new_session=` are kept; `stdin=` is dropped (see below); `check=False`
is always added because asyncio never raises on a non-zero exit and `run_process` does by
default (`CalledProcessError`). The process must be finished by the very next statement
(`await p.communicate(...)` or `await p.wait()`), and afterwards only `p.returncode` may be read.

Where the name `subprocess` is bound to something else at the constant (CPython's
test_asyncio does `from asyncio import subprocess` and writes `subprocess.PIPE`), the stdlib
module is imported under another name, chosen by the import rule ([AM001](imports.md)): the
alias of a top-level `import subprocess as x` the file already has, else `_subprocess` (or
`_subprocess_2`, ...: a name that occurs nowhere in the file, so it never collides, and a
star import never exports it). The import goes where isort puts `import subprocess`
(`aliased_module.py`, `existing_alias.py`; behaviour program
`test-inputs/behavior/subprocess_alias.py`).

## Why

`create_subprocess_exec/shell` and the `asyncio.subprocess` constants are asyncio-only; the
seed migration needed a separate "fix subprocess constants" pass (~70 sites). The
one-shot pattern maps onto `run_process`, but three defaults differ and each changes
behaviour silently: `check=True`, captured (not inherited) stdout/stderr, and stdin. The
constants are the same objects (`asyncio.subprocess.PIPE is subprocess.PIPE`), so that part
is always safe.

## Example

`test-inputs/python/subprocess/basic.py`:

```python
@fixture basic.py 16-19
```

becomes (`basic.expected.py`):

```python
@fixture basic.expected.py 13-16
```

## Flagged instead of rewritten

All needs-review (see `test-inputs/python/subprocess/flagged.py`):

- `asyncio.create_subprocess_exec() lets the child inherit this process's stdin, but anyio.run_process() gives it /dev/null (it has no stdin argument in anyio 4.0): if the command does not read stdin, pass stdin=subprocess.DEVNULL and this rewrite applies; else use ... anyio.open_process(...)`: `run_process` opens the child's stdin as `DEVNULL` unless `input=` is given (verified in Debian's anyio 3.6.2 source: `stdin=PIPE if input else DEVNULL`), so a child that reads stdin would behave differently.
- ``...: streaming use of the process (`p.stdout.readline` ...)``, ``(`p.pid` at line N)``: anything but `p.returncode` after the process ends needs `async with await anyio.open_process([...]) as process:` (byte streams: `send()`, `receive()`).
- `...: the process is not finished right away with await p.communicate() / .wait() in the next statement ...`: statements between start and end would run while the child runs.
- `asyncio.create_subprocess_exec(..., limit=...): anyio.run_process() has no limit argument; ...`, likewise for other keywords, `**kwargs`, comments in the arguments, and `stdin=` values other than `PIPE`/`DEVNULL`.
- `... whose process is not assigned to a name as a statement: ...`.
- ``asyncio.create_subprocess_exec() kept: `asyncio.wait_for()` (line N) may cancel the task awaiting the process; asyncio leaves the child of a cancelled `p.communicate()` running, anyio.run_process() kills it; ...``:
  a construct of the module may cancel the code that awaits the process: a timeout or task
  group (asyncio's or anyio's) whose block contains the site or calls code reaching it, a
  `wait_for`/`gather`/`create_task`/`ensure_future` of such code (or of an awaitable held in a
  name, which the model cannot follow), a task group's `start_soon`, or any `.cancel()` call
  (`cancellable.py`, `cancellable_scope.py`).

## Fix safety

Conditional: rewritten only when the child's stdin is `DEVNULL`, or `PIPE` fed entirely by
`communicate(input)`; the process is finished in the next statement; and nothing but
`returncode` is read afterwards. With those, the output, return code and exceptions are the
same. One difference remains under cancellation: if the awaiting task is cancelled,
`run_process` kills the child (anyio 3.6.2: `except BaseException: process.kill()`), where
asyncio leaves the child of a cancelled `communicate()`/`wait()` running (behaviour program
`test-inputs/behavior/subprocess_cancel_refused.py`: asyncio prints `child finished: True`, the
rewrite `False`). So the rule keeps the process where the module has a construct that may
cancel the awaiting code (above). **Assumed:** nothing outside the module (a caller in
another module, the program's runner) cancels the task while the child runs.

## Target versions

anyio ≥ 3.1 (`cwd=`, `env=`), ≥ 3.5 for `start_new_session=`. The rule never emits a `stdin=`
argument to `run_process`: it is absent from anyio 3.6.2 and from the 4.x releases checked
(up to 4.4's changelog), so inherited stdin stays a flag for every target.
)md"},
    .calls = {"asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell", "asyncio.subprocess.create_subprocess_exec",
     "asyncio.subprocess.create_subprocess_shell"},
    .onModule = [](Context& ctx, const PyRule& rule) {
        // asyncio.subprocess.PIPE is subprocess.PIPE (the same object): always safe.
        for (const python::Reference* ref : ctx.model.referencesTo("asyncio.subprocess")) {
            const std::string prefix = "asyncio.subprocess.";
            if (ref->qualified.rfind(prefix, 0) != 0) continue;
            std::string name = ref->qualified.substr(prefix.size());
            if (name != "PIPE" && name != "STDOUT" && name != "DEVNULL") continue;
            if (ctx.consumed(beginOf(ref->node), endOf(ref->node))) continue;
            // Where `subprocess` names something else (test_asyncio's `from asyncio import
            // subprocess`), the stdlib module comes in under an alias the import rule picks.
            ImportedName sp = importedModuleName(ctx, ref->node, "subprocess");
            Fix fix{{replaceNode(ref->node, sp.name + "." + name)}, {sp.entry}};
            std::string why = sp.name == "subprocess"
                                  ? ""
                                  : "; `subprocess` is bound to something else here, so the stdlib module is `import " +
                                        sp.entry + "`";
            ctx.fixed(rule.info, ref->node,
                      ref->qualified + " -> " + sp.name + "." + name + " (the same constant" + why + ")", fix);
        }
    },
    .cases = {{.name = "a one-shot child process", .then = planned<ProcessPlan>(planProcess, processCases())}}};

}  // namespace anymig::asyncio_to_anyio
