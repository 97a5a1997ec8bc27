#!/usr/bin/python3
"""CPython's own asyncio test suite as a behaviour oracle for the asyncio-to-anyio pack.

Copies /usr/lib/python3.11/test/test_asyncio (Debian's libpython3.11-testsuite) twice into a
scratch `test` package (every other entry of /usr/lib/python3.11/test is linked in, so
`test.support` and the data files resolve), migrates one copy with `anymig migrate`, runs each
test module of both copies in its own interpreter (unittest, 400 s per module; a module that
hangs is run again test by test, 60 s each; a test running over 30 s is interrupted), and prints
every test whose outcome differs (ok / FAIL / ERROR / skipped / hung) with the migrated file's
diff hunks nearby. A migration that keeps behaviour leaves every outcome as it was.

Not in CI (about 15 minutes on 2 cores):
`tests/long/cpython_test_asyncio.py BUILD/anymig [WORKDIR [MIGRATE-ARGS...]]`, e.g.
`... /tmp/cta --target-anyio 3.6.2` to target the anyio the interpreter has (Debian 12: 3.6.2;
the default target, 4.0, assumes anyio 4's ExceptionGroup semantics, which 3.6.2 lacks).
Exit status 1 when an outcome differs."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SOURCE = "/usr/lib/python3.11/test"
PYTHON = "/usr/bin/python3"
RUNNER = r'''
import os, signal, sys, unittest
sys.path.insert(0, os.getcwd())

class TestTimedOut(BaseException):
    pass

def _alarm(*_):
    raise TestTimedOut("test ran over 30 s")

signal.signal(signal.SIGALRM, _alarm)

class Result(unittest.TextTestResult):
    def startTest(self, test):
        signal.setitimer(signal.ITIMER_REAL, 30, 2)
        super().startTest(test)

    def stopTest(self, test):
        signal.setitimer(signal.ITIMER_REAL, 0)
        super().stopTest(test)

unittest.TextTestRunner(verbosity=2, resultclass=Result).run(unittest.defaultTestLoader.loadTestsFromName(sys.argv[1]))
'''
LINE = re.compile(r"^(\w+) \(([\w.]+)\)(?:\n.*?)? \.\.\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$",
                  re.M)


def make_tree(root):
    test = os.path.join(root, "test")
    os.makedirs(test)
    open(os.path.join(test, "__init__.py"), "w").close()
    for entry in os.listdir(SOURCE):
        if entry not in ("test_asyncio", "__init__.py", "__pycache__"):
            os.symlink(os.path.join(SOURCE, entry), os.path.join(test, entry))
    shutil.copytree(os.path.join(SOURCE, "test_asyncio"), os.path.join(test, "test_asyncio"),
                    ignore=shutil.ignore_patterns("__pycache__"))


def run(root, runner, name, timeout):
    """Outcome per test id of `name` (a module, class or test), or None when it hung."""
    try:
        out = subprocess.run([PYTHON, runner, name], cwd=root, capture_output=True, text=True,
                             timeout=timeout).stderr
    except subprocess.TimeoutExpired:
        return None
    return {test_id: ("skipped" if status.startswith("skipped") else status)
            for _, test_id, status in LINE.findall(out)}


def outcomes(root, runner, modules, tests_of):
    result = {}
    for module in modules:
        got = run(root, runner, module, 400)
        if got is None:  # a hang: test by test
            got = {}
            for test_id in tests_of.get(module, []):
                one = run(root, runner, test_id, 60)
                got[test_id] = "hung" if one is None else one.get(test_id, "missing")
        result.update(got)
    return result


def main():
    anymig = os.path.abspath(sys.argv[1])
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="anymig-test-asyncio-")
    before, after = os.path.join(work, "before"), os.path.join(work, "after")
    for root in (before, after):
        shutil.rmtree(root, ignore_errors=True)
        make_tree(root)
    runner = os.path.join(work, "runner.py")
    with open(runner, "w") as f:
        f.write(RUNNER)
    migrated = subprocess.run([anymig, "migrate", "--no-progress", "--no-cache", *sys.argv[3:], "test/test_asyncio"],
                              cwd=after, capture_output=True, text=True)
    summary = migrated.stderr[migrated.stderr.find("anymig summary"):]  # the summary goes to stderr
    print("\n".join(line for line in summary.splitlines() if line.lstrip().startswith(("files", "targets"))))
    modules = sorted("test.test_asyncio." + f[:-3] for f in os.listdir(os.path.join(before, "test", "test_asyncio"))
                     if f.startswith("test_") and f.endswith(".py"))
    base = outcomes(before, runner, modules, {})
    tests_of = {}
    for test_id in base:
        tests_of.setdefault(".".join(test_id.split(".")[:3]), []).append(test_id)
    new = outcomes(after, runner, modules, tests_of)
    changed = sorted(t for t in base if new.get(t, "missing") != base[t])
    print(f"{len(base)} tests; {len(changed)} changed outcome after migration")
    for test_id in changed:
        print(f"  {test_id}: {base[test_id]} -> {new.get(test_id, 'missing')}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
