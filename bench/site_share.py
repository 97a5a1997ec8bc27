#!/usr/bin/env python3
"""Share of asyncio sites anymig migrates automatically, per rule, on real code.

Copies each corpus, runs `anymig check` with one or two builds (e.g. before/after a change)
and prints, per rule, how many sites it reports and how many of them are fixable.

    bench/site_share.py --anymig build/anymig [--before /tmp/anymig-old] CORPUS_DIR...
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

LINE = re.compile(r"^.+?:\d+:\d+: (AM\d+) \[([\w-]+)\]", re.M)


def counts(anymig, corpus):
    out = subprocess.run([anymig, "check", "--no-progress", corpus], capture_output=True, text=True).stdout
    per = collections.defaultdict(collections.Counter)
    for rule, status in LINE.findall(out):
        per[rule][status] += 1
    return per


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--anymig", required=True)
    p.add_argument("--before")
    p.add_argument("corpora", nargs="+")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "corpus")
        os.makedirs(copy)
        for c in a.corpora:
            shutil.copytree(c, os.path.join(copy, os.path.basename(c.rstrip("/"))),
                            ignore=shutil.ignore_patterns("__pycache__", "*.so"), symlinks=True)
        runs = [("after", a.anymig)] + ([("before", a.before)] if a.before else [])
        results = {name: counts(binary, copy) for name, binary in runs}
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


if __name__ == "__main__":
    sys.exit(main())
