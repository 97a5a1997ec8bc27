#!/usr/bin/python3
"""test-inputs/cpp-project (taskkit) end to end: the build is the unit of safety.

1. The project configures (compile_commands.json), builds with g++ and Boost, and its test
   binary's output is recorded.
2. `check -p build` reports sites; clang-tidy-19 with the plugin reports the same sites in every
   translation unit of the database.
3. Partial runs leave a project that still builds: one batch of `anymig plan` (migrate --plan
   --batch 1), the headers alone, and one source alone (its header not migrated).
4. A full `migrate -p build .` leaves every translation unit compiling, the test binary prints
   exactly the same, the Boost.Thread names are gone from the files that have a std equivalent,
   non-thread Boost (filesystem, date_time, shared_ptr) is untouched, and a second run is a no-op.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

PROJECT = os.path.join("test-inputs", "cpp-project")


def run(cmd, cwd, check=True):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} -> {p.returncode}\n{p.stdout[-4000:]}\n{p.stderr[-4000:]}")
    return p


def files(root):
    out = {}
    for d in ("include/taskkit", "src", "tests"):
        for name in sorted(os.listdir(os.path.join(root, d))):
            out[f"{d}/{name}"] = open(os.path.join(root, d, name)).read()
    return out


def fresh(a, label):
    work = os.path.join(a.work, label)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(os.path.join(a.source, PROJECT), work)
    cfg = ["cmake", "-S", ".", "-B", "build", "-G", "Ninja"]
    if shutil.which("ccache"):
        cfg.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    run(cfg, work)
    return work


def build(work, what):
    """Builds every translation unit (-k 0: all errors, not the first) and runs the tests."""
    p = run(["cmake", "--build", "build", "--", "-k", "0"], work, check=False)
    if p.returncode != 0:
        broken = sorted(set(re.findall(r"FAILED: \S+?/(\w+\.cpp)\.o", p.stdout)))
        errors = [l for l in p.stdout.splitlines() if ": error:" in l][:10]
        sys.exit(f"FAIL: {what}: the project no longer builds; broken units {broken}\n" + "\n".join(errors))
    return run(["./build/taskkit_tests"], work).stdout


def cli_sites(out, names):
    """(file, line, column, rule name) of every site `check` prints ("src/a.cpp:3:5: AMC104 [fixable] ...")."""
    sites = set()
    for line in out.splitlines():
        m = re.match(r"(\S+\.(?:cpp|hpp)):(\d+):(\d+): (AMC\d+) \[", line)
        if m:
            sites.add((os.path.normpath(m.group(1)), int(m.group(2)), int(m.group(3)), names[m.group(4)]))
    return sites


def rule_names(tool):
    out = run(tool + ["rules"], ".").stdout
    return dict(re.findall(r"^\s+(AMC\d+)\s+(\S+)", out, re.M))


def tidy_sites(a, work):
    units = [os.path.relpath(e["file"], work) for e in json.load(open(os.path.join(work, "build", "compile_commands.json")))]
    p = run(["clang-tidy-19", f"--load={a.plugin}", "-checks=-*,anymig-*", "--quiet", "-p", "build"] + sorted(units),
            work, check=False)
    sites = set()
    for line in p.stdout.splitlines():
        m = re.match(r"(\S+\.cpp):(\d+):(\d+): warning: .* \[anymig-([\w-]+)\]$", line)
        if m:
            sites.add((os.path.relpath(m.group(1), work), int(m.group(2)), int(m.group(3)), m.group(4)))
    return sites, units


def partial(a, tool, original, before):
    """Batches 1 and 2 of a plan, one after the other (the headers alone, then four sources), the
    headers alone by path, one source alone: after each, every TU builds, with the same output."""
    changed_any = False
    batch = fresh(a, "batch")
    run(tool + ["plan", "-p", "build", "--batch-size", "4", "--group-by", "dir", "-o", "plan.json", "."], batch)
    steps = [(batch, "batch 1", ["--plan", "plan.json", "--batch", "1"]),
             (batch, "batch 2", ["--plan", "plan.json", "--batch", "2"]),
             (None, "headers", ["include"]), (None, "one-source", ["src/counters.cpp"])]
    for part, label, args in steps:
        part = part or fresh(a, label)
        was = files(part)
        p = run(tool + ["migrate", "-p", "build", "--no-progress"] + args, part, check=False)
        changed = [k for k, v in files(part).items() if was[k] != v]
        changed_any = changed_any or bool(changed)
        if not changed and "refused" not in p.stdout + p.stderr:
            sys.exit(f"FAIL: {label} changed nothing and reported no refusal:\n{p.stdout}{p.stderr}")
        if build(part, f"after {label} (changed {changed})") != before:
            sys.exit(f"FAIL: the test output changed after {label}")
    if not changed_any:
        sys.exit("FAIL: no partial run changed anything")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--anymig", required=True)
    ap.add_argument("--plugin")
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--stage", choices=["all", "partial", "full"], default="all", help="for debugging: run one part")
    a = ap.parse_args()
    tool = [a.anymig]
    original = files(os.path.join(a.source, PROJECT))

    work = fresh(a, "full")
    before = build(work, "before the migration")
    if "files report.txt .txt 2020-02-29" not in before or "legacy 10111" not in before:
        sys.exit(f"FAIL: unexpected test output before the migration:\n{before}")

    sites = set()
    if a.stage != "full":
        check = run(tool + ["check", "-p", "build", "--no-progress", "."], work, check=False)
        sites = cli_sites(check.stdout, rule_names(tool))
        if check.returncode != 1 or len(sites) < 40:
            sys.exit(f"FAIL: check should report the project's sites:\n{check.stdout}{check.stderr}")
        if files(work) != original:
            sys.exit("FAIL: check modified files")
        if a.plugin:
            tidy, units = tidy_sites(a, work)
            want = {s for s in sites if s[0] in units}
            if tidy != want:
                sys.exit(f"FAIL: clang-tidy sites differ:\n only tidy: {sorted(tidy - want)}\n only cli: {sorted(want - tidy)}")

    # Partial runs: the first two batches of a plan (the headers alone, then four sources), the
    # headers alone by path, one source alone. Whatever they change, the project must still build;
    # a run whose changes would break it refuses them (as a group) and says so.
    if a.stage in ("all", "partial"):
        partial(a, tool, original, before)
    if a.stage == "partial":
        return
    p = run(tool + ["migrate", "-p", "build", "--no-progress", "."], work, check=False)
    after = build(work, "after the full migration")
    if after != before:
        sys.exit(f"FAIL: the test output changed:\n--- before\n{before}--- after\n{after}")
    migrated = files(work)
    # Headers and the sources that use their members migrate together (the re-parse of a source
    # sees the migrated headers): no change is refused, and no Boost.Thread name is left in any
    # file except guard.hpp (boost::thread_interrupted, no std equivalent; it relies on the
    # includer's <boost/thread.hpp>) and legacy.cpp (APIs with no std equivalent). Non-thread
    # Boost (shared_ptr, make_shared, filesystem, gregorian) stays.
    if "refused" in p.stdout + p.stderr:
        sys.exit(f"FAIL: the full run refused changes:\n{p.stdout}{p.stderr}")
    for name, text in migrated.items():
        if name in ("include/taskkit/guard.hpp", "src/legacy.cpp"):
            continue
        code = re.sub(r"boost::(shared_ptr|make_shared|filesystem|gregorian)\b", "", text)
        if "boost::" in code:
            sys.exit(f"FAIL: {name} still uses Boost.Thread:\n{text}\n{p.stdout}{p.stderr}")
        if re.search(r"#include <boost/(thread|chrono|function)", text) and name != "src/guarded.cpp":
            sys.exit(f"FAIL: {name} still includes a Boost.Thread header:\n{text}")
    for name in ("include/taskkit/counters.hpp", "include/taskkit/pool.hpp", "include/taskkit/timing.hpp",
                 "src/counters.cpp", "src/pool.cpp", "src/timing.cpp", "src/ids.cpp", "tests/test_main.cpp"):
        if migrated[name] == original[name]:
            sys.exit(f"FAIL: {name} was not migrated:\n{p.stdout}{p.stderr}")
    # Include-order dependency: guard.hpp (included after it) needs <boost/thread.hpp>: kept, said why.
    if "#include <boost/thread.hpp>" not in migrated["src/guarded.cpp"] or \
            "keep <boost/thread.hpp>: still needed by a header included after it" not in p.stdout:
        sys.exit(f"FAIL: src/guarded.cpp must keep <boost/thread.hpp> for guard.hpp:\n{migrated['src/guarded.cpp']}\n{p.stdout}")
    for name, kept in (("src/files.cpp", ["boost::filesystem::path", "boost::gregorian::date", "boost::shared_ptr"]),
                       ("src/legacy.cpp", ["boost::thread_specific_ptr", "boost::upgrade_lock"])):
        for k in kept:
            if k not in migrated[name]:
                sys.exit(f"FAIL: {name} lost `{k}`:\n{migrated[name]}")
    run(tool + ["migrate", "-p", "build", "--no-progress", "."], work, check=False)
    if files(work) != migrated:
        sys.exit("FAIL: a second migrate changed files")
    print(f"ok: {len(sites)} sites, {sum(original[k] != v for k, v in migrated.items())} files migrated; "
          "full, batch, headers-only and one-source runs all build with the same test output")


if __name__ == "__main__":
    main()
