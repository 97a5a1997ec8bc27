#!/usr/bin/python3
"""anymig benchmark: `check` and `migrate --diff` over CPython's library and test suite
(/usr/lib/python3.11 with Debian's libpython3.11-testsuite), read-only. Prints files/s, MB/s
and peak memory (max RSS of the anymig process) per command, best of N runs.

    bench/bench.py [--anymig build/anymig] [--corpus /usr/lib/python3.11] [--runs 5] [-j N]
"""
import argparse
import os
import subprocess
import time


def corpus_size(root):
    files = 0
    size = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for f in filenames:
            if f.endswith((".py", ".pyi")):
                files += 1
                size += os.path.getsize(os.path.join(dirpath, f))
    return files, size


def measure(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    return elapsed, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), stderr


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--anymig", default=os.path.join(os.path.dirname(__file__), "..", "build", "anymig"))
    p.add_argument("--corpus", default="/usr/lib/python3.11")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("-j", "--jobs", type=int, default=0)
    args = p.parse_args()
    files, size = corpus_size(args.corpus)
    mb = size / 1e6
    print(f"corpus: {args.corpus}: {files} files, {mb:.1f} MB; {os.cpu_count()} cores; best of {args.runs}")
    jobs = ["-j", str(args.jobs)] if args.jobs else []
    for name, cmd in (("check", [args.anymig, "check", *jobs, args.corpus]),
                      ("migrate --diff", [args.anymig, "migrate", "--diff", *jobs, args.corpus])):
        best, peak = None, 0.0
        for _ in range(args.runs):
            elapsed, rss, code, stderr = measure(cmd)
            if code not in (0, 1, 2):
                raise SystemExit(f"{name} failed with exit {code}:\n{stderr[-2000:]}")
            best = elapsed if best is None else min(best, elapsed)
            peak = max(peak, rss)
        print(f"{name:15s} {best:7.3f} s  {files / best:9.0f} files/s  {mb / best:7.1f} MB/s  peak RSS {peak:6.1f} MB")


if __name__ == "__main__":
    main()
