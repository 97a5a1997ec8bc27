#!/usr/bin/python3
"""The piecewise run (core/piecewise.h) against the whole-module run over a whole tree of modules:
with the threshold lowered (ANYMIG_PIECEWISE_BYTES, default 4000 here) and
ANYMIG_PIECEWISE_ANY_BODY set (cut the largest def body of ordinary modules too, whatever the head
and tail), `anymig migrate` (and `check`) runs over one copy of the tree piecewise and over another
with ANYMIG_PIECEWISE_BYTES=0 (never piecewise). The migrated trees must be byte-identical, and so
must the runs' stdout and stderr (but for the trace lines, the run's time and the folder name).
Prints how many modules went piecewise and why the others were left whole.

    nice -n 10 tests/long/piecewise_differential.py --anymig build-py/anymig --tree /tmp/anymig-bench/dense
        [--threshold 4000] [--work /tmp/anymig-piecewise] [-j 2]
"""
import argparse
import collections
import filecmp
import os
import re
import shutil
import subprocess
import sys


def run(anymig, command, folder, env, jobs):
    p = subprocess.run([anymig, command, "--no-cache", "--no-progress", "-j", str(jobs), "."], cwd=folder, env=env,
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def clean(text):
    return "".join(line for line in text.splitlines(True)
                   if not line.startswith("piecewise: ") and not line.startswith("  time: "))


def differing(a, b):
    """Relative paths of files that differ between two trees (or exist in one only)."""
    out = []
    stack = [filecmp.dircmp(a, b)]
    while stack:
        d = stack.pop()
        rel = os.path.relpath(d.left, a)
        out += [os.path.join(rel, f) for f in d.left_only + d.right_only + d.diff_files + d.funny_files]
        # dircmp compares by os.stat signature first: recheck the "same" ones by content
        for f in d.same_files:
            if not filecmp.cmp(os.path.join(d.left, f), os.path.join(d.right, f), shallow=False):
                out.append(os.path.join(rel, f))
        stack += d.subdirs.values()
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--anymig", required=True)
    p.add_argument("--tree", required=True)
    p.add_argument("--threshold", default="4000")
    p.add_argument("--work", default="/tmp/anymig-piecewise")
    p.add_argument("-j", type=int, default=2)
    a = p.parse_args()
    anymig = os.path.abspath(a.anymig)
    shutil.rmtree(a.work, ignore_errors=True)
    failures = 0
    outcomes = collections.Counter()
    for command in ("check", "migrate"):
        outs = {}
        for way, threshold in (("whole", "0"), ("piecewise", a.threshold)):
            folder = os.path.join(a.work, command, "tree")  # the same path both ways: the messages name it
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(a.tree, folder, symlinks=True)
            env = dict(os.environ, ANYMIG_PIECEWISE_BYTES=threshold, ANYMIG_PIECEWISE_TRACE="1",
                       ANYMIG_PIECEWISE_ANY_BODY="1")
            outs[way] = run(anymig, command, folder, env, a.j)
            if way == "piecewise":
                for line in outs[way][2].splitlines():
                    if line.startswith("piecewise: ") and command == "migrate":
                        why = line.split(": ", 2)[2]
                        outcomes[re.sub(r"\d+ pieces", "N pieces", re.sub(r"AM\d+", "AMxxx", re.sub(r"round \d+", "round R", why)))] += 1
            saved = os.path.join(a.work, command, way)
            os.rename(folder, saved)
        for k, what in enumerate(("exit status", "stdout", "stderr")):
            w, pw = outs["whole"][k], outs["piecewise"][k]
            if what == "stderr":
                w, pw = clean(w), clean(pw)
            same = w == pw
            failures += not same
            print(f"{command}: {what} {'identical' if same else 'DIFFERS'}")
        if command == "migrate":
            diff = differing(os.path.join(a.work, command, "whole"), os.path.join(a.work, command, "piecewise"))
            failures += bool(diff)
            print(f"migrate: trees {'identical' if not diff else 'DIFFER: ' + ' '.join(diff[:20])}")
    print("modules the threshold selected (migrate):")
    for why, n in outcomes.most_common():
        print(f"  {n:6} {why}")
    print("0 differences" if not failures else f"{failures} differences")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
