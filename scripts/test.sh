#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is missing,
# builds, and runs every test (unit, golden fixtures, behavioural runs on asyncio and
# trio, the CPython corpus, CLI, reports, the C/C++ front end when LLVM is present).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANYMIG_CLANG=ON -DANYMIG_TESTS=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
