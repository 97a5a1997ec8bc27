#!/usr/bin/env bash
# Runs the libFuzzer targets of BUILD_DIR (configured by scripts/sanitize.sh: ASan + UBSan +
# coverage): fuzz_python for SECONDS (default 60), then fuzz_config, fuzz_plan and fuzz_baseline
# for a quarter of that each, then the CPython differential oracle over the corpus fuzz_python
# grew. CI runs one minute; the long run (>= 30 min) is
#   nice -n 10 tests/fuzz/run.sh build-asan 1800 /tmp/anymig-fuzz
#   tests/fuzz/run.sh BUILD_DIR [SECONDS] [WORK_DIR]
# With FUZZ_KEEP_GOING=1 (the long run) each target runs in libFuzzer's fork mode and goes on
# after a finding, so one early finding does not end the run; every finding is still saved.
# Exit 1 on any finding: crash-*/timeout-*/oom-*/leak-* files land in WORK_DIR/findings; each
# becomes a file in test-inputs/fuzz/ (replayed by script:test_fuzz_regressions).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:?build dir configured by scripts/sanitize.sh}
seconds=${2:-60}
work=${3:-$build/fuzz}
mkdir -p "$work/findings"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

seed() {  # seed DIR FILES...: copies each file under a unique name, once
  local dir=$1; shift
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir")" ] && return 0
  for f in "$@"; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done
}
# Python: the rule fixtures, the issue's inputs, and CPython's asyncio and its tests.
seed "$work/seeds/python" $(find test-inputs/python test-inputs/fuzz test-inputs/behavior -name '*.py' -size -64k) \
  $(find /usr/lib/python3.11/asyncio /usr/lib/python3.11/test/test_asyncio -name '*.py' -size -64k 2>/dev/null | sort | head -200)
seed "$work/seeds/config" $(find examples test-inputs -name pyproject.toml)
# A real plan (with and without a state, split at a NUL byte as fuzz_plan reads it) and baseline.
if [ ! -d "$work/seeds/plan" ]; then
  mkdir -p "$work/seeds/plan" "$work/seeds/baseline" "$work/scratch"
  cp -r test-inputs/python/asyncio-sleep "$work/scratch/proj"
  "$build/anymig" plan "$work/scratch/proj" -o "$work/scratch/plan.json" >/dev/null
  cp "$work/scratch/plan.json" "$work/seeds/plan/plan"
  { cat "$work/scratch/plan.json"; printf '\0'; cat "$work/scratch/plan.state.json"; } > "$work/seeds/plan/plan-and-state"
  "$build/anymig" check "$work/scratch/proj" --baseline "$work/seeds/baseline/baseline.json" --update-baseline \
    >/dev/null 2>&1 || true
fi

status=0
fuzz() {  # fuzz TARGET SECONDS
  mkdir -p "$work/corpus/$1"
  echo "== $1 ($2 s)"
  local more=()
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && more=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  "$build/tests/fuzz/$1" "${more[@]}" -max_total_time="$2" -timeout=20 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$work/findings/$1-" "$work/corpus/$1" "$work/seeds/${1#fuzz_}" >"$work/$1.log" 2>&1 || status=1
  [ -n "$(ls "$work/findings" | grep "^$1-")" ] && status=1  # fork mode exits 0 after findings
  grep -E "^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)|FINDING|ERROR|SUMMARY" \
    "$work/$1.log" || true
}
fuzz fuzz_python "$seconds"
for t in fuzz_config fuzz_plan fuzz_baseline; do fuzz "$t" $((seconds / 4 > 5 ? seconds / 4 : 5)); done
/usr/bin/python3 tests/fuzz/oracle.py --anymig "$build/anymig" --work "$work/oracle" "$work/corpus/fuzz_python" || status=1
exit $status
