#!/bin/bash
# Builds the libFuzzer targets with clang and runs each a bounded number of times from
# a fixed seed, starting from the project's own sample inputs: the same inputs every
# run, so a finding is repeatable. A finding (crash, sanitizer report, an exception
# other than planner::Error, a hang past -timeout) fails the script and leaves the
# input as build-fuzz/findings/crash-*; replay it with build-fuzz/fuzz/fuzz_NAME FILE.
#   scripts/fuzz.sh [RUNS]     RUNS per target, default 20000
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20000}"

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANNER_FUZZ=ON \
  -DPLANNER_BUILD_TESTS=OFF -DPLANNER_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-fuzz -j2 --target fuzz_meeting_file fuzz_calendar fuzz_answer fuzz_request fuzz_form_upload

seeds() {
  local name="$1"; shift
  local corpus="build-fuzz/corpus/$name"
  rm -rf "$corpus" && mkdir -p "$corpus"
  for file in "$@"; do
    cp "$file" "$corpus/$(basename "$file")"
  done
  echo "$corpus"
}

mkdir -p build-fuzz/findings
run() {
  local target="$1" corpus="$2"
  echo "fuzzing $target: $runs runs"
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/fuzz/$target" -seed=1 -runs="$runs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=build-fuzz/findings/ -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
  return "${PIPESTATUS[0]}"
}

run fuzz_meeting_file "$(seeds meeting_file examples/*.toml tests/interop/*.toml fuzz/seeds/meeting_file/*)"
run fuzz_calendar "$(seeds calendar tests/ical/fixtures/busy/*)"
run fuzz_answer "$(seeds answer tests/ical/fixtures/replies/* tests/mail/fixtures/*.eml)"
run fuzz_request "$(seeds request fuzz/seeds/request/*)"
run fuzz_form_upload "$(seeds form_upload fuzz/seeds/form_upload/*)"
