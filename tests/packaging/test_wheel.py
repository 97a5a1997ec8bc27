"""The Python wheel: built by setuptools with its CMake build step (pip wheel, no index, no build
isolation, reusing this build directory), installed with pip into a fresh `python3 -m venv`
without an index; then `anymig --version`, `python -m anymig --version` and a check run, and
the binary in the wheel needs only libc and the C/C++ runtime (readelf -d)."""
import os
import re
import shutil
import subprocess
import zipfile

from packaging_common import ALLOWED_NEEDED, PY_SITE, Results, fresh_dir, needed, parse_args, project, run

PYTHON = "/usr/bin/python3"


def main():
    args = parse_args()
    results = Results()
    work = fresh_dir(args.work)
    version = re.search(r"project\(anymig VERSION ([0-9.]+)", open(os.path.join(args.source, "CMakeLists.txt")).read()).group(1)
    # The wheel's sources (setup.py, the package, the README; the CMake build is this build
    # directory), copied so that setuptools' build files stay out of the source tree.
    src = os.path.join(work, "src")
    os.makedirs(src)
    for f in ("setup.py", "README.md", "CMakeLists.txt"):
        shutil.copy(os.path.join(args.source, f), src)
    shutil.copytree(os.path.join(args.source, "python"), os.path.join(src, "python"))
    env = dict(os.environ, ANYMIG_CMAKE_BUILD_DIR=os.path.abspath(args.build))
    dist = os.path.join(work, "dist")
    r = subprocess.run([PYTHON, "-m", "pip", "wheel", "--no-build-isolation", "--no-index", "--no-deps", "-w", dist, src],
                       capture_output=True, text=True, timeout=600, env=env)
    wheel = os.path.join(dist, f"anymig-{version}-py3-none-linux_x86_64.whl")
    results.check("pip wheel builds anymig (setuptools + CMake)", r.returncode == 0 and os.path.isfile(wheel),
                  f"exit {r.returncode}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}\n{os.listdir(dist) if os.path.isdir(dist) else ''}")
    if not os.path.isfile(wheel):
        results.finish()
    with zipfile.ZipFile(wheel) as z:
        names = sorted(n for n in z.namelist() if ".dist-info/" not in n)
        binary = os.path.join(work, "anymig-from-wheel")
        with open(binary, "wb") as out:
            out.write(z.read(f"anymig-{version}.data/data/bin/anymig"))
    results.check("the wheel holds the binary and the package",
                  names == [f"anymig-{version}.data/data/bin/anymig", "anymig/__init__.py", "anymig/__main__.py"],
                  f"{names}")
    got = needed(binary)
    results.check("the binary in the wheel needs only libc and the C/C++ runtime (readelf -d)",
                  set(got) <= ALLOWED_NEEDED and {"libc.so.6", "libstdc++.so.6"} <= set(got), f"NEEDED {got}")

    venv = os.path.join(work, "venv")
    r = run([PYTHON, "-m", "venv", venv], timeout=300)
    results.check("python3 -m venv", r.returncode == 0, r.stderr)
    r = run([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "--no-index", wheel], timeout=300)
    results.check("pip install the wheel into the venv, no index", r.returncode == 0, r.stdout + r.stderr)
    want = f"anymig {version}\n"
    for label, cmd in [("anymig --version", [os.path.join(venv, "bin", "anymig"), "--version"]),
                       ("python -m anymig --version", [os.path.join(venv, "bin", "python"), "-m", "anymig", "--version"])]:
        r = run(cmd)
        results.check(f"venv: {label}", r.returncode == 0 and r.stdout == want, f"exit {r.returncode}\n{r.stdout!r}\n{r.stderr}")
    proj = project(work, False)
    r = run([os.path.join(venv, "bin", "python"), "-m", "anymig", "check", "small.py", "--no-progress"], cwd=proj)
    results.check("venv: python -m anymig check small.py", r.returncode == 1 and r.stdout.splitlines()[:1] == [PY_SITE],
                  f"exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    results.finish()


if __name__ == "__main__":
    main()
