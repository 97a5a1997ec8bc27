#!/usr/bin/python3
"""Golden fixtures of the boost-thread-to-std pack, checked with the real compilers.

For every test-inputs/cpp/<case>/input.cpp:
  1. the input compiles with g++ against Debian's libboost-thread-dev (and, when it has a main,
     is built, linked with Boost.Thread and run);
  2. `check` reports exactly expected.check;
  3. `migrate` writes exactly expected.cpp, and a second `migrate` changes nothing;
  4. the output compiles with g++ -std=c++20; unless the fixture keeps Boost on purpose (an
     API with no std equivalent), `g++ -H` shows that no Boost header is included at all;
     a runnable output prints exactly what the input printed;
  5. clang-tidy-19 --load=libanymig-tidy.so reports the same sites (line, column, rule) and,
     when the CLI needed one round, its --fix output equals expected.cpp (unless the fixture has a
     tidy-fix-differs file saying why: clang-tidy does not re-parse its fixes).
Run with --update to rewrite expected.check/expected.cpp from the current behaviour (review the diff!).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

BOOST_LIBS = ["-lboost_thread", "-lboost_chrono", "-lpthread"]


def run(cmd, cwd=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return p


def build_and_run(src, out, std, libs):
    run(["g++", std, "-O0", "-o", out, src] + libs)
    return run([out]).stdout


def cli_sites(lines):
    sites = set()
    for line in lines:
        m = re.match(r"input\.cpp:(\d+):(\d+): (AMC\d+) (\S+) \[", line)
        if m:
            sites.add((int(m.group(1)), int(m.group(2)), m.group(4)))
    return sites


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    root = os.path.join(a.source, "test-inputs", "cpp")
    cases = a.cases or sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "input.cpp")))
    failures = 0
    for case in cases:
        src = os.path.join(root, case)
        work = os.path.join(a.work, case)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        try:
            check_case(a, src, work)
            print(f"ok   {case}")
        except AssertionError as e:
            failures += 1
            print(f"FAIL {case}: {e}")
    print(f"{len(cases) - failures}/{len(cases)} fixtures passed")
    return 1 if failures else 0


def check_case(a, src, work):
    args = open(os.path.join(src, "args")).read().split() if os.path.exists(os.path.join(src, "args")) else []
    text = open(os.path.join(src, "input.cpp")).read()
    runnable = "int main(" in text
    inp = os.path.join(work, "input.cpp")
    shutil.copy(os.path.join(src, "input.cpp"), inp)

    # 1. The input is real Boost.Thread code.
    run(["g++", "-std=c++17", "-fsyntax-only", inp])
    before = build_and_run(inp, os.path.join(work, "before"), "-std=c++17", BOOST_LIBS) if runnable else None

    # 2. check
    p = run([a.driver, "check"] + args + ["input.cpp"], cwd=work, check=False)
    if p.returncode not in (0, 1):
        raise AssertionError(f"check failed: {p.stdout}{p.stderr}")
    check_out = p.stdout
    expected_check = os.path.join(src, "expected.check")

    # 3. migrate, twice
    p = run([a.driver, "migrate"] + args + ["input.cpp"], cwd=work)
    rounds = int(re.search(r"rounds=(\d+)", p.stdout.splitlines()[-1]).group(1))
    migrated = open(inp).read()
    expected_cpp = os.path.join(src, "expected.cpp")
    if a.update:
        open(expected_check, "w").write(check_out)
        open(expected_cpp, "w").write(migrated)
    if check_out != open(expected_check).read():
        raise AssertionError(f"check output differs:\n{check_out}")
    if migrated != open(expected_cpp).read():
        raise AssertionError("migrated output differs from expected.cpp:\n" +
                             run(["diff", "-u", expected_cpp, inp], check=False).stdout)
    p = run([a.driver, "migrate"] + args + ["input.cpp"], cwd=work)
    if open(inp).read() != migrated or not re.search(r"input\.cpp: (unchanged|not-parsed)", p.stdout):
        raise AssertionError(f"second migrate was not a no-op:\n{p.stdout}")

    # 4. The output compiles as C++20; without Boost unless Boost is kept on purpose.
    keeps_boost = "#include <boost/" in migrated
    p = run(["g++", "-std=c++20", "-fsyntax-only", "-H", inp])
    if not keeps_boost and "/boost/" in p.stderr:
        raise AssertionError("the migrated file still pulls in Boost headers")
    if runnable:
        after = build_and_run(inp, os.path.join(work, "after"), "-std=c++20",
                              BOOST_LIBS if keeps_boost else ["-lpthread"])
        if after != before:
            raise AssertionError(f"output changed: before {before!r}, after {after!r}")

    # 5. The clang-tidy plugin reports the same sites and fixes the same way.
    tidy = os.path.join(work, "tidy")
    os.makedirs(tidy)
    tin = os.path.join(tidy, "input.cpp")
    shutil.copy(os.path.join(src, "input.cpp"), tin)
    assume = ";".join(f"{x[2:]}={'1' if x.startswith('-D') else '0'}" for x in args if x[:2] in ("-D", "-U"))
    tidy_cmd = ["clang-tidy-19", f"--load={a.plugin}", "-checks=-*,anymig-*", "--quiet",
                "--config={CheckOptions: {AnymigAssume: '%s'}}" % assume, "input.cpp", "--",
                "-std=c++17", "-Wno-enum-constexpr-conversion"]
    p = run(tidy_cmd, cwd=tidy, check=False)
    tidy_sites = set()
    for line in p.stdout.splitlines():
        m = re.match(r".*input\.cpp:(\d+):(\d+): warning: .* \[anymig-([\w-]+)\]$", line)
        if m:
            tidy_sites.add((int(m.group(1)), int(m.group(2)), m.group(3)))
    want = cli_sites(check_out.splitlines())
    if tidy_sites != want:
        raise AssertionError(f"clang-tidy sites differ:\n only tidy: {sorted(tidy_sites - want)}\n"
                             f" only cli: {sorted(want - tidy_sites)}\n{p.stdout}{p.stderr}")
    run(tidy_cmd[:4] + ["--fix"] + tidy_cmd[4:], cwd=tidy, check=False)
    # clang-tidy does not re-parse: a fixture whose CLI result needed the trial re-parse (headers
    # the removed Boost include brought in) says so in tidy-fix-differs, with the reason.
    differs = os.path.exists(os.path.join(src, "tidy-fix-differs"))
    if rounds <= 1 and not differs and open(tin).read() != migrated:
        raise AssertionError("clang-tidy --fix output differs from the CLI's:\n" +
                             run(["diff", "-u", inp, tin], check=False).stdout)


if __name__ == "__main__":
    sys.exit(main())
