"""Behavioural suite: every program in test-inputs/behavior/ must print the same output
before migration (plain asyncio) and after it, under anyio's asyncio backend and under trio.
After migration, `anymig check` must find no site, unless the program's first line is
`# behavior: allow-flags`. A program whose first line is `# behavior: asyncio-only` keeps a
refused combination: it runs on anyio's asyncio backend only (its behaviour there must be
unchanged), and each `# expect-flag: TEXT` line names text `anymig check` must print (the
refusal and the site that caused it); each `# expect-migrated: TEXT` line names text a code line (not a
comment) of the migrated program must contain (the rewrite the program exists for was applied, e.g.
in an asyncio-only program that keeps other sites). `# expect-output: LINE` lines, when present, are the exact
output the program must print before migration (and so after it). `# migrate-args: ARGS` lines add
their words to `anymig migrate` and `anymig check` (e.g. `--target-anyio 3.6.2`, the anyio this suite
runs on). A folder in test-inputs/behavior/ is a program of several
modules (the cross-module model): its `main.py` is run, its header read, the folder migrated."""
import os
import shutil
import sys

from common import Results, fresh_dir, parse_args, run

PY = "/usr/bin/python3"

# Runs a migrated program with anyio.run forced onto one backend.
LAUNCHER = r"""
import functools, runpy, sys
import anyio
_BACKEND = sys.argv[1]
path = sys.argv[2]
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(path)))
_orig = anyio.run
def _run(func, *args, backend=None, backend_options=None):
    # asyncio's options (debug=) mean nothing to trio: only the asyncio backend gets them.
    return _orig(func, *args, backend=_BACKEND, backend_options=backend_options if _BACKEND == "asyncio" else None)
anyio.run = _run
sys.argv = [path]
runpy.run_path(path, run_name="__main__")
"""


def sources(path):
    """The program's text: the file, or every module of the folder (each under its name)."""
    if not os.path.isdir(path):
        with open(path) as f:
            return f.read()
    out = ""
    for name in sorted(os.listdir(path)):
        if name.endswith(".py"):
            with open(os.path.join(path, name)) as f:
                out += f"# --- {name}\n" + f.read()
    return out


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    launcher = os.path.join(work, "launch.py")
    with open(launcher, "w") as f:
        f.write(LAUNCHER)
    src_dir = os.path.join(args.source, "test-inputs", "behavior")
    results = Results()
    programs = sorted(p for p in os.listdir(src_dir) if (p.endswith(".py") or
                      os.path.isdir(os.path.join(src_dir, p))) and args.k in p)
    for name in programs:
        src = os.path.join(src_dir, name)
        if os.path.isdir(src):  # several modules: run main.py, migrate the folder
            case = os.path.join(fresh_dir(os.path.join(work, name)), name)
            shutil.copytree(src, case, ignore=shutil.ignore_patterns("__pycache__"))
            prog, target, src = os.path.join(case, "main.py"), case, os.path.join(src, "main.py")
        else:
            case = fresh_dir(os.path.join(work, name[:-3]))
            prog = target = os.path.join(case, name)
            shutil.copy(src, prog)
        with open(src) as f:
            header = f.read().splitlines()
        first = header[0] if header else ""
        asyncio_only = first.startswith("# behavior: asyncio-only")
        allow_flags = first.startswith("# behavior: allow-flags") or asyncio_only
        expect_flags = [h[len("# expect-flag: "):] for h in header if h.startswith("# expect-flag: ")]
        expect_migrated = [h[len("# expect-migrated: "):] for h in header if h.startswith("# expect-migrated: ")]
        extra = [w for h in header if h.startswith("# migrate-args: ") for w in h[len("# migrate-args: "):].split()]
        expect_output = "".join(h[len("# expect-output: "):] + "\n" for h in header
                                if h.startswith("# expect-output: "))
        before = run([PY, prog], cwd=case, timeout=60)
        if before.returncode != 0:
            results.check(name, False, f"original failed:\n{before.stderr}")
            continue
        if expect_output and before.stdout != expect_output:
            results.check(name, False, f"original printed:\n{before.stdout}\nexpected:\n{expect_output}")
            continue
        mig = run([args.anymig, "migrate", *extra, target], cwd=case)
        if mig.returncode != 0:
            results.check(name, False, f"migrate exit {mig.returncode}:\n{mig.stdout}{mig.stderr}")
            continue
        migrated, original = sources(target), sources(src if target == prog else os.path.dirname(src))
        if migrated == original:
            results.check(name, False, "migrate changed nothing")
            continue
        ok = True
        detail = ""
        for backend in ("asyncio",) if asyncio_only else ("asyncio", "trio"):
            after = run([PY, launcher, backend, prog], cwd=case, timeout=60)
            if after.returncode != 0 or after.stdout != before.stdout:
                ok = False
                detail += (f"--- {backend}: exit {after.returncode}\nexpected:\n{before.stdout}\ngot:\n"
                           f"{after.stdout}\nstderr:\n{after.stderr[-3000:]}\n")
        chk = run([args.anymig, "check", *extra, target], cwd=case)
        if not allow_flags and chk.returncode != 0:
            ok = False
            detail += f"--- check after migrate (exit {chk.returncode}):\n{chk.stdout}{chk.stderr}"
        for text in expect_flags:
            if text not in chk.stdout:
                ok = False
                detail += f"--- check after migrate does not say {text!r}:\n{chk.stdout}{chk.stderr}"
        code = [l for l in migrated.splitlines() if not l.lstrip().startswith("#")]
        for text in expect_migrated:
            if not any(text in l for l in code):
                ok = False
                detail += f"--- the migrated program has no code line with {text!r}\n"
        if not ok:
            detail += f"--- migrated program:\n{migrated}"
        results.check(name, ok, detail)
    if not programs:
        results.check("programs found", False, "no behavioural programs")
    results.finish()


if __name__ == "__main__":
    main()
