#!/usr/bin/python3
"""A C/C++ run's report is the boost-thread-to-std pack's: its name, its words, its code blocks.

Runs `anymig check --report` on test-inputs/cpp/basic/input.cpp and renders the report: the
JSON names the pack that analysed the files (not the Python pack), the Markdown title,
code fences and comment lines are the C++ pack's, and no pytest scan is reported for it.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anymig", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    shutil.copy(os.path.join(a.source, "test-inputs", "cpp", "basic", "input.cpp"), a.work)
    p = subprocess.run([a.anymig, "check", "--no-progress", "input.cpp", "--report", "r.json", "--", "-std=c++17"],
                       cwd=a.work, capture_output=True, text=True)
    failures = []

    def check(name, ok, detail=""):
        print(("ok   " if ok else "FAIL ") + name)
        if not ok:
            failures.append(name)
            print("     " + detail[:2000])

    check("check exits 1 (legacy sites remain)", p.returncode == 1, p.stdout + p.stderr)
    with open(os.path.join(a.work, "r.json")) as f:
        r = json.load(f)
    pack = r["pack"]
    check("the report names the C/C++ pack", pack["name"] == "boost-thread-to-std", json.dumps(pack))
    check("with its vocabulary",
          (pack["vocabulary"]["title"], pack["vocabulary"]["legacy"], pack["vocabulary"]["target"],
           pack["vocabulary"]["code_language"], pack["vocabulary"]["line_comment"]) ==
          ("Boost.Thread Migration", "Boost.Thread", "std", "cpp", "//"), json.dumps(pack))
    check("no pytest scan for a C/C++ run", r["testing_impact"]["scanned"] is False, json.dumps(r["testing_impact"]))
    check("edits counted", r["scale"]["edits"] == 15, json.dumps(r["scale"]["edits_by_rule"]))
    md = subprocess.run([a.anymig, "report", "r.json", "--format", "markdown"], cwd=a.work, capture_output=True, text=True)
    check("Markdown title is the pack's", md.stdout.startswith("# Boost.Thread Migration"), md.stdout[:300] + md.stderr)
    check("code blocks are C++ with // comment lines", "```cpp\n// Before:\n" in md.stdout, md.stdout)
    check("no Python words in the C/C++ report",
          not any(w in md.stdout for w in ("anyio", "asyncio", "pytest", "```python")), md.stdout)
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")


if __name__ == "__main__":
    main()
