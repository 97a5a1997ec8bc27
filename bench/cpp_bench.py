#!/usr/bin/python3
"""C/C++ front end vs clang-tidy-19: per-translation-unit cost on the same TUs.

Builds a corpus of COPIES copies of test-inputs/cpp-project (11 TUs each, all including Boost
headers; 3 copies = 33 TUs) with a compile_commands.json, then measures, side by side, best of
--runs (wall and CPU of the process tree, all cores unless -j):
  - clang-tidy-19 with one check (modernize-use-nullptr) over every TU, N processes at a time;
  - clang-tidy-19 with the anymig plugin (-checks=-*,anymig-*), likewise;
  - anymig check -p, and anymig migrate --diff -p (rewrites, re-parses and compiles every TU a
    change reaches: the build-safety check included), read-only.
  - with --no-pch, anymig migrate --diff -p again with ANYMIG_CPP_PCH=0 (no precompiled prefixes).
Prints one table and the ratio of each anymig command to clang-tidy with one check (wall and CPU).
With --one-project the copies are one project: their sources (copyK/src, copyK/tests) share one
include directory (include/taskkit), as the translation units of one real library do (same -I);
without it each copy is a project of its own with its own headers and -I.

    bench/cpp_bench.py [--anymig build/anymig] [--plugin build/libanymig-tidy.so] [--copies 3] [--runs 3]
                       [--one-project] [--no-pch] [--baseline /path/to/older/anymig]
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "..", "test-inputs", "cpp-project")


def make_corpus(root, copies, one_project=False):
    units = []
    if one_project:
        shutil.copytree(os.path.join(PROJECT, "include"), os.path.join(root, "include"))
    for k in range(copies):
        dst = os.path.join(root, f"copy{k}")
        if one_project:
            for d in ("src", "tests"):
                shutil.copytree(os.path.join(PROJECT, d), os.path.join(dst, d))
        else:
            shutil.copytree(PROJECT, dst)
        include = os.path.join(root if one_project else dst, "include")
        for d in ("src", "tests"):
            for name in sorted(os.listdir(os.path.join(dst, d))):
                units.append({"directory": dst, "file": os.path.join(dst, d, name),
                              "arguments": ["/usr/bin/c++", "-std=c++17", "-I" + include,
                                            "-c", os.path.join(dst, d, name)]})
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump(units, f, indent=1)
    return [u["file"] for u in units]


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(run):
    cpu0, t0 = children_cpu(), time.perf_counter()
    run()
    return time.perf_counter() - t0, children_cpu() - cpu0


def parallel(cmds, jobs):
    running, pending = [], list(cmds)
    while pending or running:
        while pending and len(running) < jobs:
            running.append(subprocess.Popen(pending.pop(0), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        running[0].wait()
        running = [p for p in running if p.poll() is None]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anymig", default=os.path.join(HERE, "..", "build", "anymig"))
    ap.add_argument("--plugin", default=os.path.join(HERE, "..", "build", "libanymig-tidy.so"))
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--one-project", action="store_true", help="the copies share one include directory")
    ap.add_argument("--no-pch", action="store_true", help="also measure migrate --diff with ANYMIG_CPP_PCH=0")
    ap.add_argument("--baseline", help="another anymig binary (e.g. an older build): its migrate --diff is measured too")
    a = ap.parse_args()
    root = tempfile.mkdtemp(prefix="anymig-cpp-bench-")
    try:
        units = make_corpus(root, a.copies, a.one_project)
        tidy = ["clang-tidy-19", "--quiet", "-p", root]
        rows = [
            ("clang-tidy-19, 1 check", lambda: parallel([tidy + ["-checks=-*,modernize-use-nullptr", u] for u in units], a.jobs)),
            ("clang-tidy-19 + anymig plugin", lambda: parallel(
                [tidy + [f"--load={a.plugin}", "-checks=-*,anymig-*", u] for u in units], a.jobs)),
            ("anymig check -p", lambda: subprocess.run(
                [a.anymig, "check", "--no-progress", "-j", str(a.jobs), "-p", root, root], stdout=subprocess.DEVNULL)),
            ("anymig migrate --diff -p", lambda: subprocess.run(
                [a.anymig, "migrate", "--diff", "--no-progress", "-j", str(a.jobs), "-p", root, root],
                stdout=subprocess.DEVNULL)),
        ]
        if a.no_pch:
            rows.append(("migrate --diff -p, no PCH", lambda: subprocess.run(
                [a.anymig, "migrate", "--diff", "--no-progress", "-j", str(a.jobs), "-p", root, root],
                stdout=subprocess.DEVNULL, env=dict(os.environ, ANYMIG_CPP_PCH="0"))))
        if a.baseline:
            rows.append(("baseline migrate --diff -p", lambda: subprocess.run(
                [a.baseline, "migrate", "--diff", "--no-progress", "-j", str(a.jobs), "-p", root, root],
                stdout=subprocess.DEVNULL)))
        kind = "one project (shared include/)" if a.one_project else "separate projects"
        print(f"corpus: {a.copies} copies of test-inputs/cpp-project, {kind}, {len(units)} TUs; "
              f"{os.cpu_count()} cores, -j {a.jobs}; best of {a.runs} (wall), its CPU")
        print(f"{'command':32s} {'wall s':>8s} {'CPU s':>8s} {'CPU s/TU':>9s} {'vs tidy (wall)':>15s} {'(CPU)':>7s}")
        base = None
        for name, run in rows:
            best = min((timed(run) for _ in range(a.runs)), key=lambda x: x[0])
            base = base or best
            print(f"{name:32s} {best[0]:8.1f} {best[1]:8.1f} {best[1] / len(units):9.2f} {best[0] / base[0]:14.2f}x"
                  f" {best[1] / base[1]:6.2f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
