#!/usr/bin/python3
"""anymig on one huge generated module: `await asyncio.sleep(...)` statements in one async def.
Two shapes:
  --shape issue  the issue's 50 MB case: about 110,000 sites in 50 MB (one site per ~470 bytes,
                 the rest ordinary statements), i.e. 2,200 sites per MB;
  --shape dense  every line is a site (~30,000 sites per MB): the harder site count.
Migrates a fresh copy per size, prints wall time, peak memory (max RSS of the anymig process),
CPU seconds per MB and peak memory per MB of input, and checks the output is exactly the
expected text.

    nice -n 10 bench/huge_file.py [--anymig build/anymig] [--shape issue] [--sizes 5,50] [--work /tmp/anymig-huge]
"""
import argparse
import os
import shutil
import subprocess
import time


def generate(path, megabytes, shape):
    if shape == "dense":
        unit = "    await asyncio.sleep({})  # s\n"
    else:  # one site, then ordinary statements: ~470 bytes a site
        unit = ("    await asyncio.sleep({})\n" +
                "".join(f"    total_{k} = compute(total_{k}, step={k}, label='ordinary statement {k:02d}')\n"
                        for k in range(6)))
    units = megabytes * 1024 * 1024 // len(unit.format(100))
    body = "".join(unit.format(i % 1000) for i in range(units))
    head = "import asyncio\n\n\nasync def main():\n"
    with open(path, "w") as f:
        f.write(head + body)
    return units, (head + body).replace("asyncio", "anyio")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--anymig", default="build/anymig")
    p.add_argument("--sizes", default="5,50", help="megabytes, comma separated")
    p.add_argument("--shape", default="issue", choices=["issue", "dense"])
    p.add_argument("--work", default="/tmp/anymig-huge")
    a = p.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    print(f"{'size':>6} {'sites':>9} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'cpu s/MB':>8} {'peak/size':>9} exact")
    for mb in (int(x) for x in a.sizes.split(",")):
        path = os.path.join(a.work, f"huge{mb}.py")
        sites, expected = generate(path, mb, a.shape)
        start = time.perf_counter()
        proc = subprocess.Popen([a.anymig, "migrate", "-j", "1", path], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - start
        peak = usage.ru_maxrss / 1024
        cpu = usage.ru_utime + usage.ru_stime
        with open(path) as f:
            exact = f.read() == expected
        print(f"{mb:>4}MB {sites:>9} {secs:>8.2f} {cpu:>8.2f} {peak:>8.0f} {cpu / mb:>8.2f} {peak / mb:>9.1f} "
              f"{'yes' if exact else 'NO'} (exit {os.waitstatus_to_exitcode(status)})")
        os.remove(path)


if __name__ == "__main__":
    main()
