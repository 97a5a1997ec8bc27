"""The anymig wheel: setuptools with a CMake build step.

`pip wheel --no-build-isolation --no-index .` (or `python3 setup.py bdist_wheel`) configures and
builds the Python path of anymig with CMake (no LLVM; tree-sitter, yaml-cpp and toml++ linked in,
so the binary needs only libc and the C++ runtime), installs it with `cmake --install --strip`
into a staging prefix, and ships the binary as <env>/bin/anymig plus the `anymig` package for
`python -m anymig`.

Environment:
  ANYMIG_CMAKE_BUILD_DIR  reuse this CMake build directory (it is built, not configured), e.g.
                          the test suite's own build; default: a fresh build/wheel directory.
  ANYMIG_CMAKE_ARGS       extra arguments for the configure step.
"""
import os
import re
import shlex
import shutil
import subprocess

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from wheel.bdist_wheel import bdist_wheel

HERE = os.path.dirname(os.path.abspath(__file__))


def project_version():
    with open(os.path.join(HERE, "CMakeLists.txt")) as f:
        return re.search(r"project\(anymig VERSION ([0-9.]+)", f.read()).group(1)


def cmake_binary(build_temp):
    """Builds the anymig binary with CMake and returns the path of the stripped, installed copy."""
    build = os.environ.get("ANYMIG_CMAKE_BUILD_DIR")
    if not build:
        build = os.path.join(HERE, "build", "wheel")
        if not all(os.path.isfile(os.path.join(HERE, "node_modules", *p)) for p in (
                ("tree-sitter-python", "src", "parser.c"), ("tree-sitter", "vendor", "tree-sitter", "lib", "src", "lib.c"))):
            subprocess.check_call(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE)
        subprocess.check_call(["cmake", "-S", HERE, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                               "-DANYMIG_CLANG=OFF", "-DANYMIG_TESTS=OFF", "-DANYMIG_STATIC_DEPS=ON",
                               *shlex.split(os.environ.get("ANYMIG_CMAKE_ARGS", ""))])
    subprocess.check_call(["cmake", "--build", build, "--target", "anymig"])
    stage = os.path.join(build_temp, "stage")
    shutil.rmtree(stage, ignore_errors=True)
    subprocess.check_call(["cmake", "--install", build, "--component", "python", "--prefix", stage, "--strip"])
    return os.path.join(stage, "bin", "anymig")


class BuildWithCMake(build_py):
    """build_py plus the CMake build of the binary."""

    def run(self):
        super().run()
        scripts = os.path.join(self.build_lib, os.pardir, "anymig-bin")
        os.makedirs(scripts, exist_ok=True)
        target = os.path.join(scripts, "anymig")
        shutil.copy2(cmake_binary(os.path.join(self.build_lib, os.pardir, "anymig-cmake")), target)
        self.distribution.anymig_binary = os.path.abspath(target)


class NativeWheel(bdist_wheel):
    """A platform wheel that does not depend on the Python version or ABI (the binary is native,
    no extension module): py3-none-<platform>."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        _, _, plat = super().get_tag()
        return "py3", "none", plat

    def run(self):
        self.run_command("build_py")
        # The binary goes in the wheel's .data/data/bin (a data file, copied byte for byte with its
        # mode; setuptools' scripts would try to read a binary as text): pip installs it as
        # <env>/bin/anymig.
        self.distribution.data_files = [("bin", [self.distribution.anymig_binary])]
        super().run()


class NativeDistribution(Distribution):
    def has_ext_modules(self):
        return True


with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
    long_description = f.read()

setup(
    name="anymig",
    version=project_version(),
    description="Migrate a codebase from one async/concurrency backend to another (asyncio -> anyio)",
    long_description=long_description,
    long_description_content_type="text/markdown",
    license="see the repository",
    python_requires=">=3.8",
    packages=["anymig"],
    package_dir={"": "python"},
    distclass=NativeDistribution,
    cmdclass={"build_py": BuildWithCMake, "bdist_wheel": NativeWheel},
    zip_safe=False,
)
