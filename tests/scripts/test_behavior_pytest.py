"""Behavioural suite for the pytest rule (AM215) and its config front end.

projects/<name>/: a small pytest-asyncio test project. It runs under pytest with
pytest-asyncio, is migrated with `--test-backends asyncio,trio`, and runs again under
anyio's pytest plugin (pytest-asyncio disabled). Every test must have the same outcome
as before on both backends (an async test must run as test[asyncio] and test[trio]).
Files named X.expected in the project are the exact migrated text of X, and
expected-check.txt is the exact output of `anymig check .` after migration.

configs/<case>/: a pytest config file with <file>.expected and `args` (extra CLI
arguments); migrating it must give exactly the expected text, and a second migrate must
change nothing.
"""
import os
import shutil
import sys
import xml.etree.ElementTree as ET

from common import Results, fresh_dir, parse_args, run

PY = "/usr/bin/python3"
BACKENDS = ("asyncio", "trio")


def copy_case(src, dst):
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.expected", "expected-check.txt", "args",
                                                            "__pycache__"))


def outcomes(junit):
    """nodeid -> passed/failed/skipped from a junit XML report."""
    out = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        key = case.get("classname") + "::" + case.get("name")
        kinds = {child.tag for child in case}
        out[key] = "failed" if kinds & {"failure", "error"} else "skipped" if "skipped" in kinds else "passed"
    return out


def pytest(cwd, junit, plugins):
    cmd = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}"] + plugins
    return run(cmd, cwd=cwd, timeout=300)


def expected_files(src):
    for root, _, files in os.walk(src):
        for name in files:
            if name.endswith(".expected"):
                rel = os.path.relpath(os.path.join(root, name), src)
                yield rel[: -len(".expected")], os.path.join(root, name)


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


def compare_project(name, before, after):
    """Problems comparing per-test outcomes before/after, as text lines."""
    problems = []
    variants = {}
    for key, result in after.items():
        base, _, param = key.partition("[")
        variants.setdefault(base, {})[param.rstrip("]")] = result
    for key, result in sorted(before.items()):
        got = variants.pop(key, None)
        if got is None:
            problems.append(f"{key}: missing after migration")
        elif set(got) not in ({""}, set(BACKENDS)):
            problems.append(f"{key}: ran as {sorted(got)} after migration, expected {list(BACKENDS)} (or unparametrized)")
        else:
            for backend, outcome in sorted(got.items()):
                if outcome != result:
                    problems.append(f"{key}[{backend}]: {outcome} after migration, {result} before")
    for key in sorted(variants):
        problems.append(f"{key}: new test after migration")
    return problems


def project_case(args, results, src, work):
    name = os.path.basename(src)
    before_dir = os.path.join(work, name, "before")
    after_dir = os.path.join(work, name, "after")
    copy_case(src, before_dir)
    copy_case(src, after_dir)
    # Before: pytest-asyncio drives the tests.
    b = pytest(before_dir, os.path.join(work, name, "before.xml"), ["-p", "no:anyio"])
    if not os.path.exists(os.path.join(work, name, "before.xml")):
        results.check(name, False, f"original test run failed to start:\n{b.stdout}{b.stderr}")
        return
    before = outcomes(os.path.join(work, name, "before.xml"))
    mig = run([args.anymig, "migrate", ".", "--test-backends", ",".join(BACKENDS), "--no-progress"], cwd=after_dir)
    if mig.returncode != 0:
        results.check(name, False, f"migrate exit {mig.returncode}:\n{mig.stdout}{mig.stderr}")
        return
    problems = []
    for rel, expected in expected_files(src):
        got = read(os.path.join(after_dir, rel))
        if got != read(expected):
            problems.append(f"{rel} differs from {rel}.expected:\n--- got:\n{got}--- expected:\n{read(expected)}")
    check_file = os.path.join(src, "expected-check.txt")
    chk = run([args.anymig, "check", ".", "--no-progress"], cwd=after_dir)
    if os.path.exists(check_file) and chk.stdout != read(check_file):
        problems.append(f"`anymig check .` after migration:\n{chk.stdout}--- expected:\n{read(check_file)}")
    # After: anyio's plugin only (pytest-asyncio disabled), on both backends.
    a = pytest(after_dir, os.path.join(work, name, "after.xml"), ["-p", "no:asyncio"])
    if not os.path.exists(os.path.join(work, name, "after.xml")):
        problems.append(f"migrated test run failed to start:\n{a.stdout}{a.stderr}")
    else:
        after = outcomes(os.path.join(work, name, "after.xml"))
        problems += compare_project(name, before, after)
        if problems:
            problems.append(f"--- pytest after migration:\n{a.stdout[-4000:]}")
    if not before:
        problems.append("no tests ran before migration")
    results.check(name, not problems, "\n".join(problems) + f"\n--- migrate output:\n{mig.stdout}")


def config_case(args, results, src, work):
    name = "configs/" + os.path.basename(src)
    dst = os.path.join(work, "configs", os.path.basename(src))
    copy_case(src, dst)
    extra = read(os.path.join(src, "args")).split() if os.path.exists(os.path.join(src, "args")) else []
    mig = run([args.anymig, "migrate", ".", "--no-progress"] + extra, cwd=dst)
    problems = []
    if mig.returncode != 0:
        problems.append(f"migrate exit {mig.returncode}:\n{mig.stdout}{mig.stderr}")
    expected = list(expected_files(src))
    if not expected:
        problems.append("no .expected file")
    for rel, exp in expected:
        got = read(os.path.join(dst, rel))
        if got != read(exp):
            problems.append(f"{rel}:\n--- got:\n{got!r}\n--- expected:\n{read(exp)!r}")
    out_file = os.path.join(src, "expected-output.txt")
    if os.path.exists(out_file) and mig.stdout != read(out_file):
        problems.append(f"migrate output:\n{mig.stdout}--- expected:\n{read(out_file)}")
    again = run([args.anymig, "migrate", ".", "--no-progress"] + extra, cwd=dst)
    for rel, exp in expected:
        if read(os.path.join(dst, rel)) != read(exp):
            problems.append(f"{rel}: a second migrate changed it again")
    if again.returncode != 0:
        problems.append(f"second migrate exit {again.returncode}:\n{again.stdout}{again.stderr}")
    results.check(name, not problems, "\n".join(problems))


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    root = os.path.join(args.source, "test-inputs", "behavior-pytest")
    results = Results()
    projects = sorted(os.listdir(os.path.join(root, "projects")))
    configs = sorted(os.listdir(os.path.join(root, "configs")))
    for p in projects:
        if args.k in p:
            project_case(args, results, os.path.join(root, "projects", p), work)
    for c in configs:
        if args.k in c:
            config_case(args, results, os.path.join(root, "configs", c), work)
    if not projects or not configs:
        results.check("cases found", False, "no projects or config cases")
    results.finish()


if __name__ == "__main__":
    main()
