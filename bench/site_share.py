#!/usr/bin/env python3
"""Share of asyncio sites anymig migrates automatically, per rule, on real code.

Copies each corpus, runs `anymig check` with one or two builds (e.g. before/after a change)
and prints, per rule, how many sites it reports and how many of them are fixable.

With --reasons it also prints, for the first build, why each unmigrated site was left, grouped
by its message and put into one of three classes, so the share can be read honestly:
  (a) no exact anyio form exists (event-loop objects, futures, protocols, task handles, ...)
  (b) refused by a conservative approximation of the tool (names, unknown objects, ...)
  (c) an exact form exists but no rule implements it
  (t) exact only with a newer target (Python 3.11, anyio 4.2): set the target to get it
Messages no pattern below knows are listed as "(?)" so a new reason is never hidden.

    bench/site_share.py --anymig build/anymig [--before /tmp/anymig-old] [--reasons]
                        [--check-arg=--target-python=3.11] CORPUS_DIR...
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

LINE = re.compile(r"^.+?:\d+:\d+: (AM\d+) \[([\w-]+)\] (.*)$", re.M)

# (rule or "", message pattern, class, reason): first match wins.
REASONS = [
    ("AM900", r"has no anyio equivalent", "a", "asyncio API with no anyio counterpart (loop, futures, ...)"),
    ("AM900", r"^asyncio\.(wait|as_completed) is not migrated", "a", "asyncio.wait / as_completed (futures API)"),
    ("AM900", r"^asyncio\.Queue is not migrated", "a", "asyncio.Queue as a type or value"),
    ("AM900", r"is not migrated by the asyncio-to-anyio pack", "a",
     "asyncio API outside the pack (protocols, transports, streams, wait, policies, private modules)"),
    ("AM211", r"passed on or stored|has no anyio equivalent", "a", "event loop object or loop method"),
    ("", r"^asyncio\.CancelledError outside an `except` clause, (constructed|raised)", "a",
     "CancelledError raised or constructed (trio.Cancelled has no public constructor)"),
    ("", r"^asyncio\.CancelledError outside an `except` clause, (in|at) ", "a",
     "CancelledError as a value outside async code (no backend to ask)"),
    ("", r"^asyncio\.CancelledError outside an `except` clause", "a",
     "CancelledError as a value (assertRaises, raise, suppress)"),
    ("", r"does not always re-raise", "a", "cancellation handler swallows the cancellation"),
    ("", r"outside an async function", "a", "used outside async code"),
    ("", r"not the builtin TimeoutError before Python|before Python 3\.11 \(target", "t",
     "asyncio.TimeoutError before Python 3.11"),
    # session 11, share side (see docs/notes/2026-12-01/issue-9-s11-share.md)
    ("AM103", r"no code of this (run|module) calls", "b",
     "unsafe fix: Event() in a sync function no code of the run calls (anyio < 4.2)"),
    ("AM103", r"before anyio 4\.2.*(is used outside async code|imports the module and may call it|"
              r"star import of|is used as a value)", "b",
     "Event() in a sync function used outside async code (named; anyio < 4.2)"),
    ("AM103", r"before anyio 4\.2.*is a method, so it may run", "b",
     "Event() in a sync method other than __init__ (protocol callbacks, test methods; anyio < 4.2)"),
    ("", r"before anyio 4\.2", "b", "Event() in a sync function (anyio < 4.2) not proven to run in async code"),
    ("AM103", r"needs an anyio\.Lock, and .* is not known to be one", "b",
     "Condition(lock) whose lock is not shown to be an anyio.Lock the round writes"),
    ("AM103", r"takes a lock, which may be this one|the asyncio\.Condition\(\) at line \d+ built on it stays", "b",
     "Lock kept for an asyncio.Condition that may take it"),
    ("AM103", r"binds the object to that loop", "a", "primitive bound to a loop (loop=)"),
    ("AM103", r"its text is used", "a", "primitive whose repr/str is used (anyio's differs)"),
    ("AM103", r"may be cancelled through asyncio", "a",
     "Condition/Semaphore waiter an asyncio cancellation the round keeps may reach"),
    ("AM202", r"runs the awaitable in a task of its own", "t",
     "wait_for's own task before Python 3.12, used by the awaitable's code"),
    ("AM106", r"is asyncio's class here, imported by that name", "t",
     "asyncio.TimeoutError imported by the builtin's name (a different class before Python 3.11)"),
    # session 10, struct side (see docs/notes/2026-12-01/issue-9-s10-struct.md)
    ("", r"may be acquired or waited on", "b",
     "unsafe fix: anyio's primitive yields where asyncio's does not (Lock/Semaphore exact from anyio 4.5)"),
    ("", r"reaches code this module does not show", "b",
     "unsafe fix: a task group's failure reaches code the module does not show"),
    ("", r"runs as a task|when one awaitable fails|is left by the failure|block at line \d+.* awaits|"
         r"a task that fails while this function awaits", "a",
     "sibling cancellation observable (asyncio leaves the other awaitables running)"),
    # session 10, cancel side (see docs/notes/2026-12-01/issue-9-s10-cancel.md)
    ("AM206", r"a timeout may cancel it", "a", "shield an anyio timeout reaches (asyncio releases the caller at once)"),
    ("AM202", r"is a task or coroutine whose code cannot be told", "b",
     "wait_for of a name whose task or coroutine code cannot be told"),
    ("AM210", r"uses context variables", "a", "run_in_executor of a function using context variables"),
    ("AM211", r"a task may still be running when the main coroutine returns", "a",
     "hand-driven loop leaving a task with cleanup (anyio.run cancels it)"),
    ("", r"below anyio 4\.0", "t", "anyio 3 failure semantics (group failure, fail_after over a raising cleanup)"),
    ("", r"while asyncio may be cancelling the task", "a", "timeout entered in cleanup a native asyncio cancellation reaches"),
    # session 11, outside side (see docs/notes/2026-12-01/issue-9-s11-outside.md)
    ("", r"whose cancellation handlers cannot be read", "b",
     "unsafe fix: a timeout around awaited code outside the run (its cancellation handlers cannot be read)"),
    ("", r"by code outside the run", "b", "unsafe fix: code outside the run may call and cancel it"),
    ("AM206", r"an anyio task group may cancel it", "a",
     "shield an anyio task group reaches (asyncio releases the caller at once)"),
    ("", r"whose class cannot be told|method named `\w+` is called on an object", "b",
     "method matched by name on an object of unknown class"),
    ("AM206", r"still cancels through asyncio", "b", "shield an asyncio cancellation may reach (names, unknown types)"),
    ("AM202", r"\bawaits \(line|swallows the cancellation|__aexit__", "a",
     "timeout over a handler anyio would change"),
    ("AM202", r"timeout of zero or less", "c",
     "literal timeout <= 0: asyncio never starts the awaitable (close it and raise: not implemented)"),
    ("AM203", r"\bawaits \(line|swallows the cancellation|__aexit__", "a",
     "timeout over a handler anyio would change"),
    ("", r"is not awaited where it is called|not awaited directly", "a", "result used as a future, not awaited"),
    ("", r"expects asyncio\.TimeoutError", "t", "wait_for under except asyncio.TimeoutError (Python < 3.11)"),
    ("AM205", r"ensure_future\(\) has no anyio equivalent|result stored or passed on|passed on or stored|"
     r"result dropped|used more than once|other than by a whole-statement|after other uses|used after|"
     r"another block|other than as a statement|has no anyio equivalent", "a", "task handle kept (no task handles in anyio)"),
    ("AM205", r"\.cancel\(\): anyio has no task handles", "a", "task.cancel() on a kept task"),
    ("AM205", r"not a function of this module", "b", "cancelled task runs code the model cannot see"),
    ("AM205", r"block at line \d+ in `\w+` (awaits|runs when)|swallows the cancellation", "a",
     "cancelled task's handler anyio would change"),
    ("AM204", r"kept", "a", "TaskGroup task handle used inside the block"),
    ("AM210", r"executor", "a", "run_in_executor with its own executor"),
    ("AM211", r"run_until_complete\(\)", "a", "event loop object or loop method"),
    ("AM215", r"", "a", "pytest-asyncio's event_loop fixture"),
    ("AM201", r"return_exceptions|turns failures|inside try/except|inside a `with` that catches|a task whose failure is read",
     "a", "gather failure semantics differ"),
    ("AM212", r"bound to something else here", "c", "subprocess constant where `subprocess` is another name"),
    ("AM212", r"", "a", "process object API (no anyio equivalent)"),
    ("AM213", r"", "a", "asyncio.Queue use with no memory-stream equivalent"),
    ("AM214", r"", "a", "stream API differs (open_connection/start_server)"),
    ("AM216", r"", "a", "task introspection with no anyio equivalent"),
    ("AM203", r"bound with|timeout_at", "a", "Timeout object / loop-clock deadline"),
    ("AM103", r"private attribute|does not exist in anyio|needs anyio|returns None|not assigned to a name|"
     r"migrate by hand|only be released", "a", "primitive API with no anyio equivalent"),
    ("AM101", r"before Python 3\.10", "t", "asyncio.sleep(*args/**kwargs) before Python 3.10 (loop=)"),
    ("AM101", r"helper name", "b", "sleep(delay, result): the helper's name is taken"),
    ("AM101", r"", "a", "sleep result / arguments"),
    ("AM102", r"cannot tell whether .* is a coroutine function", "b",
     "asyncio.run callee not proven a coroutine function (rewritten with --unsafe-fixes)"),
    ("AM102", r"is a plain function|is a class|is decorated", "a",
     "asyncio.run of a plain function / class / decorated def (its code would run inside the loop)"),
    ("AM102", r"", "a", "asyncio.run arguments"),
    ("AM104", r"", "a", "iscoroutine differs"),
    ("", r"migrate by hand", "a", "unusual arguments (migrate by hand)"),
]


def reason(rule, message):
    for r, pattern, cls, label in REASONS:
        if (not r or r == rule) and re.search(pattern, message):
            return cls, label
    return "?", re.sub(r"`[^`]*`|\d+", "_", message)[:90]


def counts(anymig, corpus, extra=()):
    out = subprocess.run([anymig, "check", "--no-progress", "--no-cache", *extra, corpus], capture_output=True,
                         text=True).stdout
    per = collections.defaultdict(collections.Counter)
    why = collections.Counter()
    for rule, status, message in LINE.findall(out):
        per[rule][status] += 1
        if status != "fixable":
            why[(rule,) + reason(rule, message)] += 1
    return per, why


def print_reasons(why, total):
    print(f"\nunmigrated sites by reason (class: a = no exact anyio form, b = conservative refusal, "
          f"c = exact form not implemented, t = exact only with a newer target)")
    per_class = collections.Counter()
    for (rule, cls, label), n in sorted(why.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][2])):
        per_class[cls] += n
        print(f"{rule:7} ({cls}) {n:>5}  {label}")
    print("by class: " + ", ".join(f"({c}) {n} ({100.0 * n / total if total else 0:.1f}% of all sites)"
                                   for c, n in sorted(per_class.items())))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--anymig", required=True)
    p.add_argument("--before")
    p.add_argument("--reasons", action="store_true", help="also print why the unmigrated sites were left")
    p.add_argument("--check-arg", action="append", default=[],
                   help="an option passed to both `anymig check` runs (e.g. --check-arg=--target-python=3.11)")
    p.add_argument("corpora", nargs="+")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "corpus")
        os.makedirs(copy)
        for c in a.corpora:
            shutil.copytree(c, os.path.join(copy, os.path.basename(c.rstrip("/"))),
                            ignore=shutil.ignore_patterns("__pycache__", "*.so"), symlinks=True)
        runs = [("after", a.anymig)] + ([("before", a.before)] if a.before else [])
        measured = {name: counts(binary, copy, a.check_arg) for name, binary in runs}
    results = {name: m[0] for name, m in measured.items()}
    rules = sorted(set().union(*[set(r) for r in results.values()]))
    head = f"{'rule':7} {'sites':>6} " + " ".join(f"{n + ' fixable':>15} {'share':>6}" for n, _ in runs)
    print(head)
    totals = collections.Counter()
    for rule in rules:
        row = f"{rule:7} {sum(results['after'][rule].values()):>6} "
        for name, _ in runs:
            c = results[name][rule]
            total, fixable = sum(c.values()), c["fixable"]
            totals[name + "total"] += total
            totals[name + "fixable"] += fixable
            row += f"{fixable:>15} {100.0 * fixable / total if total else 0:>5.1f}% "
        print(row)
    row = f"{'all':7} {totals['aftertotal']:>6} "
    for name, _ in runs:
        t, f = totals[name + "total"], totals[name + "fixable"]
        row += f"{f:>15} {100.0 * f / t if t else 0:>5.1f}% "
    print(row)
    if a.reasons:
        print_reasons(measured["after"][1], totals["aftertotal"])


if __name__ == "__main__":
    sys.exit(main())
