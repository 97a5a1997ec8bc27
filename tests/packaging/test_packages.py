"""Install paths of anymig, each tested for a working `anymig`:
- the binary links only libc and the C/C++ runtime (readelf -d), and a run on Python files
  does not load LLVM while a run with a C/C++ file loads the front-end module and LLVM;
- `cmake --install` into a scratch prefix: binary, man page, docs, module and plugin;
- the CPack .deb packages `anymig` and `anymig-cpp`: their Depends (dpkg-deb -f), then each
  unpacked into a scratch root (dpkg -x) and run from there."""
import os
import re
import subprocess

from packaging_common import (ALLOWED_NEEDED, PY_SITE, Results, fresh_dir, loaded_libraries, needed,
                              parse_args, project, run)

VERSION_LINE = "anymig {version}\n"
CPP_SITE = "lock.cpp:1:1: AMC101 [fixable]"


def python_run_ok(results, label, anymig, proj):
    r = run([anymig, "check", "small.py", "--no-progress"], cwd=proj)
    results.check(f"{label}: check small.py finds the site", r.returncode == 1 and r.stdout.splitlines()[:1] == [PY_SITE],
                  f"exit {r.returncode}\n{r.stdout}\n{r.stderr}")


def cpp_run_ok(results, label, anymig, proj):
    r = run([anymig, "check", "lock.cpp", "--no-progress", "--", "-std=c++17"], cwd=proj, timeout=300)
    first = r.stdout.splitlines()[:1]
    results.check(f"{label}: check lock.cpp (C/C++ module) finds the include site",
                  r.returncode == 1 and bool(first) and first[0].startswith(CPP_SITE),
                  f"exit {r.returncode}\n{r.stdout}\n{r.stderr}")


def version_ok(results, label, anymig, version):
    r = run([anymig, "--version"])
    results.check(f"{label}: anymig --version", r.returncode == 0 and r.stdout == VERSION_LINE.format(version=version),
                  f"exit {r.returncode}\n{r.stdout!r}\n{r.stderr}")


def linkage(results, args, proj, cpp):
    got = needed(args.anymig)
    results.check("the binary needs only libc and the C/C++ runtime (readelf -d)",
                  set(got) <= ALLOWED_NEEDED and {"libc.so.6", "libstdc++.so.6"} <= set(got), f"NEEDED {got}")
    r, libs = loaded_libraries([args.anymig, "check", "small.py", "--no-progress"], proj, args.work)
    results.check("a run on a Python file loads no LLVM/Clang library",
                  r.returncode == 1 and not any("LLVM" in l or "clang" in l or "anymig-cpp" in l for l in libs),
                  f"exit {r.returncode}; loaded {sorted(libs)}\n{r.stderr}")
    if cpp:
        r, libs = loaded_libraries([args.anymig, "check", "lock.cpp", "--no-progress", "--", "-std=c++17"], proj, args.work)
        results.check("a run with a C/C++ file loads the module and LLVM",
                      r.returncode == 1 and {"libanymig-cpp.so", "libLLVM.so.19.1", "libclang-cpp.so.19.1"} <= libs,
                      f"exit {r.returncode}; loaded {sorted(libs)}\n{r.stderr}")


def cmake_install(results, args, proj, version, cpp):
    prefix = fresh_dir(os.path.join(args.work, "prefix"))
    r = run(["cmake", "--install", args.build, "--prefix", prefix], timeout=300)
    results.check("cmake --install", r.returncode == 0, r.stdout + r.stderr)
    files = sorted(os.path.relpath(os.path.join(d, f), prefix) for d, _, fs in os.walk(prefix) for f in fs)
    want = ["bin/anymig", "share/doc/anymig/README.md", "share/doc/anymig/cli.md", "share/man/man1/anymig.1"]
    if cpp:
        want += ["lib/anymig/libanymig-cpp.so", "lib/anymig/libanymig-tidy.so"]
    results.check("cmake --install: the files", files == sorted(want), f"{files}")
    man = open(os.path.join(prefix, "share/man/man1/anymig.1")).read()
    results.check("the man page has every subcommand's --help",
                  all(f'.SS "anymig {c}"' in man for c in ("migrate", "check", "plan", "status", "rules", "report")),
                  man[:2000])
    installed = os.path.join(prefix, "bin", "anymig")
    version_ok(results, "cmake --install", installed, version)
    python_run_ok(results, "cmake --install", installed, proj)
    if cpp:
        cpp_run_ok(results, "cmake --install", installed, proj)


def depends(deb):
    out = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], capture_output=True, text=True, check=True).stdout
    return {d.strip().split(" ", 1)[0]: d.strip() for d in out.strip().split(",") if d.strip()}


def debs(results, args, proj, version, cpp):
    out = fresh_dir(os.path.join(args.work, "debs"))
    r = run(["cpack", "-G", "DEB", "--config", os.path.join(args.build, "CPackConfig.cmake"), "-B", out], timeout=600)
    results.check("cpack builds the .deb packages", r.returncode == 0, r.stdout + r.stderr)
    main_deb = os.path.join(out, f"anymig_{version}_amd64.deb")
    cpp_deb = os.path.join(out, f"anymig-cpp_{version}_amd64.deb")
    present = sorted(f for f in os.listdir(out) if f.endswith(".deb"))
    results.check("the packages", present == sorted([os.path.basename(main_deb)] + ([os.path.basename(cpp_deb)] if cpp else [])),
                  f"{present}")
    dep = depends(main_deb)
    results.check("anymig depends only on libc and the C++ runtime (dpkg-deb -f Depends)",
                  set(dep) == {"libc6", "libgcc-s1", "libstdc++6"}, f"{dep}")
    root = fresh_dir(os.path.join(args.work, "root"))
    subprocess.run(["dpkg", "-x", main_deb, root], check=True)
    anymig = os.path.join(root, "usr", "bin", "anymig")
    version_ok(results, ".deb", anymig, version)
    python_run_ok(results, ".deb", anymig, proj)
    if not cpp:
        return
    r = run([anymig, "check", ".", "--no-progress"], cwd=proj)
    results.check(".deb without anymig-cpp: C/C++ files are left out with a note, Python files checked",
                  r.returncode == 1 and r.stdout.splitlines()[:1] == [PY_SITE] and
                  "anymig: note: 1 C/C++ file(s) left out: the C/C++ front end is not installed (package anymig-cpp;"
                  in r.stderr, f"exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    dep = depends(cpp_deb)
    results.check("anymig-cpp depends on anymig of its version and the LLVM 19 runtime",
                  dep.get("anymig") == f"anymig (= {version})" and
                  {"libllvm19", "libclang-cpp19", "libclang-common-19-dev"} <= set(dep), f"{dep}")
    subprocess.run(["dpkg", "-x", cpp_deb, root], check=True)
    cpp_run_ok(results, ".deb with anymig-cpp", anymig, proj)


def main():
    args = parse_args()
    cpp = args.cpp == "ON"
    results = Results()
    fresh_dir(args.work)
    version = re.search(r"project\(anymig VERSION ([0-9.]+)", open(os.path.join(args.source, "CMakeLists.txt")).read()).group(1)
    proj = project(args.work, cpp)
    linkage(results, args, proj, cpp)
    cmake_install(results, args, proj, version, cpp)
    debs(results, args, proj, version, cpp)
    results.finish()


if __name__ == "__main__":
    main()
