#!/usr/bin/python3
"""anymig start-up: wall time and peak RSS of `anymig check one_small.py` against
`python3 -c pass` (what pre-commit pays per hook anyway), median and best over many runs, and
the ratio. With --cpp, also a check of one small C++ file (which loads the C/C++ module and LLVM).

    bench/startup.py [--anymig build/anymig] [--runs 200]

Wall time is measured around fork+exec+wait (time.perf_counter); peak RSS comes from GNU time
(see peak_rss). The machine's load shows in the figures: compare the ratio.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

SMALL_PY = '''import asyncio


async def main():
    await asyncio.sleep(1)
'''

SMALL_CPP = '''#include <boost/thread/mutex.hpp>

boost::mutex m;
'''


def measure(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, _ = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, os.waitstatus_to_exitcode(status)


def peak_rss(cmd, cwd):
    """The command's peak RSS in MB, from GNU time. Not wait4's ru_maxrss of a child spawned
    here: Python spawns with vfork, and exec records the old address space's high-water mark,
    so that figure was this Python process's RSS (12 MB), not the command's."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", out.name, *cmd], cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(out.read().split()[-1]) / 1024.0


def series(label, cmd, cwd, runs, want_exit):
    walls = []
    measure(cmd, cwd)  # warm the page cache
    for _ in range(runs):
        wall, code = measure(cmd, cwd)
        if code != want_exit:
            sys.exit(f"{label}: exit {code}, expected {want_exit}: {' '.join(cmd)}")
        walls.append(wall * 1000)
    rss = [peak_rss(cmd, cwd) for _ in range(3)]
    row = {"median_ms": statistics.median(walls), "best_ms": min(walls), "rss_mb": max(rss)}
    print(f"{label:<34} median {row['median_ms']:6.1f} ms   best {row['best_ms']:6.1f} ms   "
          f"peak RSS {row['rss_mb']:5.1f} MB   ({runs} runs)")
    return row


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--anymig", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "anymig"))
    p.add_argument("--python", default="/usr/bin/python3")
    p.add_argument("--runs", type=int, default=200)
    p.add_argument("--cpp", action="store_true", help="also a check of one small C++ file (needs the C/C++ module)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "one_small.py"), "w") as f:
            f.write(SMALL_PY)
        with open(os.path.join(d, "one_small.cpp"), "w") as f:
            f.write(SMALL_CPP)
        base = series("python3 -c pass", [args.python, "-c", "pass"], d, args.runs, 0)
        mine = series("anymig check one_small.py", [args.anymig, "check", "one_small.py", "--no-progress"], d,
                      args.runs, 1)
        print(f"ratio anymig / python3 -c pass: median {mine['median_ms'] / base['median_ms']:.2f}, "
              f"best {mine['best_ms'] / base['best_ms']:.2f}, peak RSS {mine['rss_mb'] / base['rss_mb']:.2f}")
        if args.cpp:
            series("anymig check one_small.cpp", [args.anymig, "check", "one_small.cpp", "--no-progress", "--",
                                                  "-std=c++17"], d, max(args.runs // 10, 5), 1)


if __name__ == "__main__":
    main()
