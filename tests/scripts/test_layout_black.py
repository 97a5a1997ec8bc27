"""The layout of the lines a migration writes (matchers/python/layout.cpp) against black 23 on
real code nobody here wrote: every file of the Debian packages below that `black --check`
accepts is laid out by tests/anymig_layout_check as if every statement were new, and must come
out unchanged (black's layout is a fixed point of black's, so it must be one of anymig's).
A file that changes names the first line anymig lays out unlike black."""
import os
import re
import shutil
import subprocess
import sys

from common import Results, fresh_dir, parse_args

PACKAGES = ["aiohttp", "websockets", "uvicorn", "starlette", "httpx", "httpcore", "aiosqlite", "aiofiles",
            "aioredis", "asyncpg", "janus", "aiostream", "anyio", "trio", "pytest_asyncio", "black", "isort",
            "jsonschema"]


def main():
    args = parse_args()
    work = fresh_dir(args.work)
    results = Results()
    checker = os.path.join(os.path.dirname(os.path.abspath(args.anymig)), "tests", "anymig_layout_check")
    results.check("tests/anymig_layout_check is built beside anymig", os.access(checker, os.X_OK), checker)
    if subprocess.run(["black", "--version"], capture_output=True).returncode != 0:
        results.check("black installed", False, "scripts/bootstrap.sh installs black")
        results.finish()
    files = []
    for name in PACKAGES:
        src = os.path.join("/usr/lib/python3/dist-packages", name)
        if not os.path.isdir(src):
            continue
        shutil.copytree(src, os.path.join(work, name), ignore=shutil.ignore_patterns("__pycache__"))
    for d, dirs, names in os.walk(work):
        dirs.sort()
        files += [os.path.join(d, f) for f in sorted(names) if f.endswith(".py")]
    # black --check prints "would reformat F" for each file it would change; the rest are clean.
    r = subprocess.run(["black", "--check", "--workers", "2", *files], capture_output=True, text=True,
                       timeout=600)
    dirty = set(re.findall(r"^would reformat (.+)$", r.stderr, re.M))
    clean = [f for f in files if f not in dirty]
    print(f"{len(clean)} black-clean files of {len(files)} in {len(PACKAGES)} packages")
    results.check("at least 200 black-clean files to lay out", len(clean) >= 200, str(len(clean)))
    out = subprocess.run([checker, *clean], capture_output=True, text=True, timeout=600)
    changed = out.stdout.strip().splitlines()
    results.check(f"every black-clean file is a fixed point of the layout ({len(clean)} files)",
                  out.returncode == 0 and not changed, "\n".join(changed[:30]) + out.stderr[-2000:])
    results.finish()


if __name__ == "__main__":
    main()
