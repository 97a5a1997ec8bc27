"""Helpers shared by the packaging tests (run with Debian's /usr/bin/python3)."""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "scripts"))
from common import Results, fresh_dir, run  # noqa: E402,F401

# What the Python-path binary may need: the C/C++ runtime and libc, nothing from Debian beyond.
ALLOWED_NEEDED = {"libstdc++.so.6", "libm.so.6", "libgcc_s.so.1", "libc.so.6", "ld-linux-x86-64.so.2"}

PY_FILE = '''import asyncio


async def main():
    await asyncio.sleep(1)
'''
PY_SITE = "small.py:5:11: AM101 [fixable] asyncio.sleep() -> anyio.sleep()"

CPP_FILE = '''#include <boost/thread/mutex.hpp>

boost::mutex m;

int main() {
    boost::mutex::scoped_lock lock(m);
    return 0;
}
'''


def parse_args(extra=()):
    p = argparse.ArgumentParser()
    p.add_argument("--anymig", required=True)
    p.add_argument("--build", required=True, help="the CMake build directory")
    p.add_argument("--source", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--cpp", default="OFF", help="ON when the C/C++ front end is built")
    for name, kw in extra:
        p.add_argument(name, **kw)
    return p.parse_args()


def needed(path):
    """The DT_NEEDED entries of an ELF file, from readelf -d."""
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True).stdout
    return sorted(line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line)


def project(work, with_cpp):
    """A directory with one small Python file (one fixable site) and, optionally, a C++ file."""
    proj = fresh_dir(os.path.join(work, "proj"))
    with open(os.path.join(proj, "small.py"), "w") as f:
        f.write(PY_FILE)
    if with_cpp:
        with open(os.path.join(proj, "lock.cpp"), "w") as f:
            f.write(CPP_FILE)
    return proj


def loaded_libraries(cmd, cwd, work):
    """(result, names of the libraries the dynamic loader opened, dlopen() included), from
    LD_DEBUG=files written to a file of its own (the command's stderr stays its own)."""
    log = os.path.join(work, "ld-debug")
    for f in os.listdir(work):
        if f.startswith("ld-debug."):
            os.unlink(os.path.join(work, f))
    env = dict(os.environ, LD_DEBUG="files", LD_DEBUG_OUTPUT=log)
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120, env=env)
    libs = set()
    for f in os.listdir(work):
        if f.startswith("ld-debug."):
            with open(os.path.join(work, f)) as fh:
                for m in re.finditer(r"file=(\S+) \[\d+\];\s+(?:needed|dynamically loaded) by", fh.read()):
                    libs.add(os.path.basename(m.group(1)))
    return r, libs
