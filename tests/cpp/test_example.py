#!/usr/bin/python3
"""examples/cpp-boost end to end: configure (compile_commands.json), build and run with Boost;
`check -p build src/` and `migrate -p build src/` (with the anymig CLI when it was built with the
C/C++ front end, and with the test driver); rebuild and run: the output must be the same, the
migrated sources must not mention Boost.Thread except stats.cpp (thread_specific_ptr), and a
second migrate must be a no-op. Migrating a source without the header it needs is refused."""
import argparse
import os
import shutil
import subprocess
import sys


def run(cmd, cwd, check=True):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} -> {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def snapshot(root):
    out = {}
    for name in sorted(os.listdir(os.path.join(root, "src"))):
        out[name] = open(os.path.join(root, "src", name)).read()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver", required=True)
    ap.add_argument("--anymig")
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    tools = [("driver", [a.driver])]
    if a.anymig and os.path.exists(a.anymig):
        p = subprocess.run([a.anymig, "check", "--help"], capture_output=True, text=True)
        if " -p" in p.stdout:
            tools.insert(0, ("anymig", [a.anymig]))
    for label, tool in tools:
        work = os.path.join(a.work, label)
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(os.path.join(a.source, "examples", "cpp-boost"), work)
        run(["cmake", "-S", ".", "-B", "build", "-G", "Ninja"], work)
        if not os.path.exists(os.path.join(work, "build", "compile_commands.json")):
            sys.exit("FAIL: no compile_commands.json")
        run(["cmake", "--build", "build"], work)
        before = run(["./build/pool_demo"], work).stdout
        p = run(tool + ["check", "-p", "build", "src/"], work, check=False)
        if p.returncode == 0 or "AMC114" not in p.stdout:
            sys.exit(f"FAIL ({label}): check should report the thread_specific_ptr and fail:\n{p.stdout}{p.stderr}")
        if snapshot(work) != snapshot(os.path.join(a.source, "examples", "cpp-boost")):
            sys.exit(f"FAIL ({label}): check modified files")
        if label == "anymig":
            # A source migrated without the header it depends on must not leave a broken build:
            # its rewrite needs the migrated header, so it is refused and nothing changes.
            alone = run(tool + ["migrate", "-p", "build", "src/job_pool.cpp"], work, check=False)
            if alone.returncode != 1 or "job_pool.cpp" not in alone.stderr:
                sys.exit(f"FAIL ({label}): migrating job_pool.cpp alone should be refused:\n{alone.stdout}{alone.stderr}")
            if snapshot(work) != snapshot(os.path.join(a.source, "examples", "cpp-boost")):
                sys.exit(f"FAIL ({label}): migrating job_pool.cpp alone changed files")
        full = run(tool + ["migrate", "-p", "build", "src/"], work, check=False)
        migrated = snapshot(work)
        # The header and the source using its members migrate together: the source's re-parse
        # sees the migrated header, and nothing is refused.
        if label == "anymig" and "refused" in full.stdout + full.stderr:
            sys.exit(f"FAIL ({label}): the full run refused a change:\n{full.stdout}{full.stderr}")
        for name, text in migrated.items():
            if name == "stats.cpp":
                if "boost::once_flag" in text or "std::once_flag" not in text:
                    sys.exit(f"FAIL ({label}): stats.cpp once_flag not migrated:\n{text}")
                continue
            if "boost" in text:
                sys.exit(f"FAIL ({label}): {name} still mentions boost:\n{text}")
        run(["cmake", "--build", "build"], work)
        after = run(["./build/pool_demo"], work).stdout
        if after != before:
            sys.exit(f"FAIL ({label}): output changed: {before!r} -> {after!r}")
        run(tool + ["migrate", "-p", "build", "src/"], work, check=False)
        if snapshot(work) != migrated:
            sys.exit(f"FAIL ({label}): second migrate changed files")
        print(f"ok {label}: {before.strip()!r}")


if __name__ == "__main__":
    main()
