"""Shared helpers for anymig's script test suites (run with Debian's /usr/bin/python3)."""
import argparse
import os
import shutil
import subprocess
import sys


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--anymig", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("-k", default="", help="only cases whose name contains this")
    return p.parse_args()


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def write(path, data, mode=None):
    """Writes bytes, creating folders; sets the mode when given."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    if mode is not None:
        os.chmod(path, mode)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def py_tree(path):
    """Every .py file below path: relative path -> bytes (to compare two migrated trees)."""
    out = {}
    for dp, _, fs in os.walk(path):
        for f in fs:
            if f.endswith(".py"):
                out[os.path.relpath(os.path.join(dp, f), path)] = read(os.path.join(dp, f))
    return out


def run(cmd, cwd=None, timeout=120, env=None):
    return subprocess.run(cmd, cwd=cwd, timeout=timeout, env=env, capture_output=True, text=True)


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed.append(name)
            print(f"FAIL {name}\n{detail}")

    def finish(self):
        print(f"{self.passed} passed, {len(self.failed)} failed")
        sys.exit(1 if self.failed else 0)
