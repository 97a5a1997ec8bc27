#!/usr/bin/env bash
# Builds the tree with clang-19, AddressSanitizer + UndefinedBehaviorSanitizer (any report is an
# error) and libFuzzer's coverage instrumentation, without the C/C++ front end, and runs every
# test of that build. The fuzz targets (tests/fuzz/run.sh BUILD_DIR) come from the same build.
#   scripts/sanitize.sh [BUILD_DIR]      default build-asan
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer"
CC=clang-19 CXX=clang++-19 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DANYMIG_CLANG=OFF -DANYMIG_TESTS=ON -DANYMIG_FUZZ=ON -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags"
cmake --build "$build" -j"$(nproc)"
# A sanitizer report aborts the process, which fails the test that ran it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# package:* (cmake --install, .deb, wheel) check how the release binary is packaged and linked,
# not code paths of anymig; they rebuild the tree and would check the sanitizer build's linking.
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" -E '^package:'

