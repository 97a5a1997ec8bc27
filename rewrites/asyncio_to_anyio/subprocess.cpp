// AM212 subprocess: a one-shot child process
//   p = await asyncio.create_subprocess_exec(prog, *args, stdin=..., stdout=PIPE, stderr=PIPE)
//   out, err = await p.communicate(input)        (or: rc = await p.wait())
// becomes
//   p = await anyio.run_process([prog, *args], input=input, stdout=PIPE, stderr=PIPE, check=False)
//   out, err = p.stdout, p.stderr                 (or: rc = p.returncode)
// check=False keeps asyncio's "a non-zero exit is not an error"; stdout/stderr default to
// None (inherited) as in asyncio. Streaming uses of the process are flagged (anyio.open_process),
// and asyncio.subprocess.PIPE/STDOUT/DEVNULL become subprocess.PIPE/STDOUT/DEVNULL.
#include <set>

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

Outcome oneShot(const CallSite& site, Context& ctx) {
    std::string fn = member(site.qualified);
    bool shell = fn == "create_subprocess_shell";
    std::string what = "asyncio." + fn + "()";
    TSNode aw = awaitOf(ctx, site.call);
    auto v = isNull(aw) ? std::nullopt : assignedName(ctx, aw);
    if (!v)
        return Flag{SiteStatus::NeedsReview,
                    what + " whose process is not assigned to a name as a statement: use anyio.run_process(..., "
                           "check=False) for a one-shot run, or " + kOpenProcess};
    python::CallArgs a = ctx.args(site.arguments);
    if (a.hasDoubleStar || a.hasComment)
        return Flag{SiteStatus::NeedsReview, what + " with **kwargs or comments in its arguments: migrate by hand"};
    // The command: a list for exec (never a str: that would run a shell), the string for shell.
    std::vector<std::string> command;
    for (TSNode c : namedChildren(site.arguments))
        if (!is(c, "keyword_argument") && !is(c, "comment")) command.push_back(ctx.str(c));
    if (command.empty() || (shell && (command.size() != 1 || a.hasStar)))
        return Flag{SiteStatus::NeedsReview, what + " with an unexpected command: migrate by hand"};
    std::string cmd;
    if (shell) {
        cmd = command[0];
    } else {
        for (const std::string& c : command) cmd += (cmd.empty() ? "" : ", ") + c;
        cmd = "[" + cmd + "]";
    }
    // Keywords: kept as written, except stdin (run_process takes input= instead).
    static const std::set<std::string> allowed = {"stdin", "stdout", "stderr", "cwd", "env", "start_new_session"};
    TSNode stdinValue{};
    bool hasStdout = false, hasStderr = false;
    std::vector<std::string> kws;
    for (TSNode k : a.keywords) {
        std::string name = ctx.str(field(k, "name"));
        if (!allowed.count(name))
            return Flag{SiteStatus::NeedsReview,
                        "asyncio." + fn + "(..., " + name + "=...): anyio.run_process() has no `" + name + "` argument; " +
                            kOpenProcess};
        if (name == "stdin") {
            stdinValue = field(k, "value");
            continue;
        }
        hasStdout = hasStdout || name == "stdout";
        hasStderr = hasStderr || name == "stderr";
        kws.push_back(ctx.str(k));
    }
    // The process must be finished by the very next statement: communicate() or wait().
    TSNode next = nextStatement(ctx, v->statement);
    std::vector<TSNode> loads = loadsOf(ctx, *v);
    if (loads.empty())
        return Flag{SiteStatus::NeedsReview, what + ": the process `" + v->name + "` is never waited for; " + kOpenProcess};
    auto first = methodCall(ctx, loads[0]);
    TSNode firstAwait = first ? awaitOf(ctx, first->call) : TSNode{};
    if (!first || (first->method != "communicate" && first->method != "wait") || isNull(firstAwait) || isNull(next) ||
        !python::contains(next, firstAwait)) {
        TSNode around = ctx.syntax.parent(loads[0]);
        std::string use = first ? v->name + "." + first->method + "()"
                                : "`" + (is(around, "attribute") ? ctx.str(around) : v->name) + "`";
        return Flag{SiteStatus::NeedsReview,
                    what + ": the process is not finished right away with `await " + v->name +
                        ".communicate()` / `.wait()` in the next statement (first use: " + use + " at line " +
                        std::to_string(python::rowOf(loads[0])) + "); " + kOpenProcess};
    }
    for (std::size_t i = 1; i < loads.size(); ++i) {
        TSNode attr = ctx.syntax.parent(loads[i]);
        bool returncode = is(attr, "attribute") && sameNode(field(attr, "object"), loads[i]) &&
                          ctx.text(field(attr, "attribute")) == "returncode" &&
                          !is(ctx.syntax.parent(attr), "call");
        if (!returncode) {
            std::string use = is(attr, "attribute") ? ctx.str(attr) : v->name;
            return Flag{SiteStatus::NeedsReview,
                        what + ": streaming use of the process (`" + use + "` at line " +
                            std::to_string(python::rowOf(loads[i])) +
                            "); anyio.run_process() only returns the finished result (returncode, stdout, stderr); " +
                            kOpenProcess};
        }
    }
    // stdin: asyncio inherits it by default; run_process gives the child /dev/null unless input is sent.
    python::CallArgs ca = ctx.args(field(first->call, "arguments"));
    TSNode input = !ca.positional.empty() ? ca.positional[0] : TSNode{};
    if (!isNull(ca.keyword("input", ctx.syntax))) input = field(ca.keyword("input", ctx.syntax), "value");
    if (!isNull(input) && is(input, "none")) input = TSNode{};
    if (!isNull(input) && !(isNull(stdinValue) ? false : isConstant(ctx, stdinValue, "PIPE")))
        return Flag{SiteStatus::NeedsReview, what + ": input is sent without stdin=PIPE; migrate by hand"};
    if (isNull(stdinValue))
        return Flag{SiteStatus::NeedsReview,
                    what + " lets the child inherit this process's stdin, but anyio.run_process() gives it /dev/null "
                           "(it has no stdin argument in anyio " + targetAnyio(ctx).str() +
                           "): if the command does not read stdin, pass stdin=subprocess.DEVNULL and this "
                           "rewrite applies; else " + kOpenProcess};
    if (!isConstant(ctx, stdinValue, "DEVNULL") && !isConstant(ctx, stdinValue, "PIPE"))
        return Flag{SiteStatus::NeedsReview,
                    "asyncio." + fn + "(..., stdin=" + ctx.str(stdinValue) + "): anyio.run_process() only sends bytes given as "
                           "input=; " + kOpenProcess};
    std::string args = cmd;
    if (!isNull(input)) args += ", input=" + ctx.str(input);
    for (const std::string& k : kws) args += ", " + k;
    if (!hasStdout) args += ", stdout=None";
    if (!hasStderr) args += ", stderr=None";
    args += ", check=False";
    Rewrite r;
    r.fix.edits.push_back(replaceNode(site.call, "anyio.run_process(" + args + ")"));
    r.fix.imports.push_back("anyio");
    // The finishing statement: the result comes from the completed process.
    bool communicate = first->method == "communicate";
    std::string result = communicate ? v->name + ".stdout, " + v->name + ".stderr" : v->name + ".returncode";
    TSNode user = ctx.syntax.parent(firstAwait);
    if (is(user, "expression_statement")) {
        std::vector<Edit> gone = removeStatement(ctx, user);
        if (gone.empty()) return Flag{SiteStatus::NeedsReview, what + ": cannot remove the communicate() statement"};
        for (Edit& e : gone) r.fix.edits.push_back(e);
    } else {
        bool bare = is(user, "assignment") || is(user, "return_statement");
        r.fix.edits.push_back(replaceNode(firstAwait, communicate && !bare ? "(" + result + ")" : result));
    }
    r.message = what + " + " + v->name + "." + first->method + "() -> anyio.run_process(" +
                (shell ? "cmd" : "[...]") + ", ..., check=False) and " + result;
    return r;
}

}  // namespace

extern const PyRule kSubprocess{
    {.id = "AM212",
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

Argument mapping: the exec form's command is always written as a list (a single `str` would
run a shell); `stdout=` / `stderr=` are kept as written, and when absent become `=None`
(inherit) because asyncio inherits them by default while `run_process` captures them;
`cwd=`, `env=`, `start_new_session=` are kept; `stdin=` is dropped (see below); `check=False`
is always added because asyncio never raises on a non-zero exit and `run_process` does by
default (`CalledProcessError`). The process must be finished by the very next statement
(`await p.communicate(...)` or `await p.wait()`), and afterwards only `p.returncode` may be read.

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
@fixture basic.expected.py 12-15
```

## Flagged instead of rewritten

All needs-review (see `test-inputs/python/subprocess/flagged.py`):

- `asyncio.create_subprocess_exec() lets the child inherit this process's stdin, but anyio.run_process() gives it /dev/null (it has no stdin argument in anyio 4.0): if the command does not read stdin, pass stdin=subprocess.DEVNULL and this rewrite applies; else use ... anyio.open_process(...)`: `run_process` opens the child's stdin as `DEVNULL` unless `input=` is given (verified in Debian's anyio 3.6.2 source: `stdin=PIPE if input else DEVNULL`), so a child that reads stdin would behave differently.
- ``...: streaming use of the process (`p.stdout.readline` ...)``, ``(`p.pid` at line N)``: anything but `p.returncode` after the process ends needs `async with await anyio.open_process([...]) as process:` (byte streams: `send()`, `receive()`).
- `...: the process is not finished right away with await p.communicate() / .wait() in the next statement ...`: statements between start and end would run while the child runs.
- `asyncio.create_subprocess_exec(..., limit=...): anyio.run_process() has no limit argument; ...`, likewise for other keywords, `**kwargs`, comments in the arguments, and `stdin=` values other than `PIPE`/`DEVNULL`.
- `... whose process is not assigned to a name as a statement: ...`.

## Fix safety

Conditional: rewritten only when the child's stdin is `DEVNULL`, or `PIPE` fed entirely by
`communicate(input)`; the process is finished in the next statement; and nothing but
`returncode` is read afterwards. With those, the output, return code and exceptions are the
same; one difference is by design: if the awaiting task is cancelled, `run_process` kills
the child, where asyncio left it running.

## Target versions

anyio ≥ 3.1 (`cwd=`, `env=`), ≥ 3.5 for `start_new_session=`. The rule never emits a `stdin=`
argument to `run_process`: it is absent from anyio 3.6.2 and from the 4.x releases checked
(up to 4.4's changelog), so inherited stdin stays a flag for every target.
)md"},
    {"asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell", "asyncio.subprocess.create_subprocess_exec",
     "asyncio.subprocess.create_subprocess_shell"},
    oneShot,
    [](Context& ctx, const PyRule& rule) {
        // asyncio.subprocess.PIPE is subprocess.PIPE (the same object): always safe.
        for (const python::Reference* ref : ctx.model.referencesTo("asyncio.subprocess")) {
            const std::string prefix = "asyncio.subprocess.";
            if (ref->qualified.rfind(prefix, 0) != 0) continue;
            std::string name = ref->qualified.substr(prefix.size());
            if (name != "PIPE" && name != "STDOUT" && name != "DEVNULL") continue;
            if (ctx.consumed(beginOf(ref->node), endOf(ref->node))) continue;
            Fix fix{{replaceNode(ref->node, "subprocess." + name)}, {"subprocess"}};
            ctx.fixed(rule.info, ref->node, ref->qualified + " -> subprocess." + name + " (the same constant)", fix);
        }
    }};

}  // namespace anymig::asyncio_to_anyio
