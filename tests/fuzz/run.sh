#!/usr/bin/env bash
# Runs the libFuzzer target for SECONDS (default 60) from seeds (test-inputs/ and CPython's
# library), then the CPython differential oracle over the corpus it grew. CI runs one minute;
# the long run (>= 30 min) is `nice -n 10 tests/fuzz/run.sh build-asan 1800 /tmp/anymig-fuzz`.
#   tests/fuzz/run.sh BUILD_DIR [SECONDS] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:?build dir configured with -DANYMIG_FUZZ=ON}
seconds=${2:-60}
work=${3:-$build/fuzz}
mkdir -p "$work/corpus" "$work/seeds" "$work/findings"
if [ -z "$(ls -A "$work/seeds")" ]; then
  find test-inputs/python -name '*.py' -size -64k | while read -r f; do cp "$f" "$work/seeds/$(echo "$f" | tr / _)"; done
  find /usr/lib/python3.11 -maxdepth 1 -name '*.py' -size -64k | head -150 | while read -r f; do
    cp "$f" "$work/seeds/cpython_$(basename "$f")"; done
fi
# Findings: crash-*/timeout-*/oom-* files in $work/findings; each becomes a fixture in
# test-inputs/fuzz/ (tests/scripts/test_fuzz_regressions.py replays them).
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  "$build/tests/fuzz/fuzz_python" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/findings/" "$work/corpus" "$work/seeds" 2>&1 | tail -25
/usr/bin/python3 tests/fuzz/oracle.py --anymig "$build/anymig" --work "$work/oracle" "$work/corpus"
