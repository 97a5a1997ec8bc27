"""Corpus test on a copy of CPython's own library and test suite (/usr/lib/python3.11 with
Debian's libpython3.11-testsuite): real asyncio code nobody here wrote. Every file that
compiled before `migrate` must compile after it, and a second run must change nothing.
Prints how many sites were migrated and flagged."""
import json
import os
import re
import shutil
import sys

from common import Results, fresh_dir, parse_args, run

PY = "/usr/bin/python3"
CORPUS = "/usr/lib/python3.11"

COMPILE_ALL = r"""
import json, os, sys, warnings
warnings.simplefilter("ignore")
ok = []
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for f in sorted(files):
        if not f.endswith(".py"):
            continue
        p = os.path.join(root, f)
        try:
            with open(p, "rb") as fh:
                compile(fh.read(), p, "exec", dont_inherit=True)
            ok.append(os.path.relpath(p, sys.argv[1]))
        except Exception:
            pass
json.dump(ok, sys.stdout)
"""


CHECK_LINE = re.compile(r"^(.+?):\d+:\d+: (AM\d+) \[([\w-]+)\]", re.M)


def trio_ready_counts(anymig, corpus, modules):
    """Modules with asyncio sites before the run, and how many of them `check` finds free of
    legacy sites after it (so they run on both anyio backends as far as the tool can tell)."""
    out = run([anymig, "check", "--no-progress", corpus], timeout=900).stdout
    left = {os.path.relpath(path, corpus) for path, _, status in CHECK_LINE.findall(out)}
    return sum(1 for m in modules if m not in left)


def migrate_corpus(args, results, name, sources):
    """Copies `sources` (folder paths) into a work folder, migrates it and checks that every file
    that compiled still compiles and that a second run is a no-op; prints the per-rule counts."""
    work = fresh_dir(args.work)
    corpus = os.path.join(work, name)
    os.makedirs(corpus)
    for src in sources:
        shutil.copytree(src, os.path.join(corpus, os.path.basename(src.rstrip("/"))),
                        ignore=shutil.ignore_patterns("__pycache__", "*.so", "lib-dynload"), symlinks=True)
    script = os.path.join(work, "compile_all.py")
    with open(script, "w") as f:
        f.write(COMPILE_ALL)
    before = set(json.loads(run([PY, script, corpus], timeout=900).stdout))
    pre = run([args.anymig, "check", "--no-progress", corpus], timeout=900).stdout
    with_sites = {os.path.relpath(path, corpus) for path, _, _ in CHECK_LINE.findall(pre)}
    first = run([args.anymig, "migrate", corpus], timeout=900)
    results.check("first migrate exits 0 or 1 (1: some files unreadable)", first.returncode in (0, 1),
                  first.stderr[-4000:])
    after = set(json.loads(run([PY, script, corpus], timeout=900).stdout))
    broken = sorted(before - after)
    results.check(f"every compiling file still compiles ({len(before)} files)", not broken,
                  "broken by migrate:\n" + "\n".join(broken[:50]))
    second = run([args.anymig, "migrate", "--diff", corpus], timeout=900)
    results.check("a second run is a no-op (empty diff)", second.stdout == "", second.stdout[:4000])
    summary = first.stderr[first.stderr.find("anymig summary"):]
    print(summary)
    changed = re.search(r"files changed:\s+(\d+)", summary)
    remaining = re.search(r"legacy sites remaining: (\d+)", summary)
    fixed = sum(int(n) for n in re.findall(r"^    AM\d+ [\w-]+: (\d+)$", summary, re.M))
    ready = trio_ready_counts(args.anymig, corpus, with_sites)
    print(f"corpus {name}: {len(before)} compiling files, {changed.group(1) if changed else '?'} changed, "
          f"{fixed} sites migrated, {remaining.group(1) if remaining else '?'} sites flagged or remaining; "
          f"{ready} of {len(with_sites)} modules with asyncio sites have none left (trio-ready)")
    results.check("the corpus had asyncio sites to migrate", fixed > 0, summary)


def main():
    args = parse_args()
    results = Results()
    if not os.path.isdir(os.path.join(CORPUS, "test", "test_asyncio")):
        results.check("corpus present", False, "libpython3.11-testsuite is not installed (scripts/bootstrap.sh installs it)")
        results.finish()
    migrate_corpus(args, results, "python3.11", [CORPUS])
    results.finish()


if __name__ == "__main__":
    main()
