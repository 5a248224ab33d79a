#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for a bounded time on a copy of its seed corpus.
#
#   scripts/fuzz.sh [seconds per target, default 30] [build dir, default build-fuzz]
#
# Configures and builds the clang fuzz build (LIVEKIT_FUZZ=ON: ASan + UBSan + coverage) when
# needed, then prints per target the executions, exec/s, coverage gained and findings.
# Exits non-zero when any target found a crash, leak, timeout or out-of-memory input; the
# inputs are kept in <build dir>/fuzz-findings/<target>/ (reproduce: <build dir>/tests/fuzz/
# <target>_fuzzer <input>). The repository's corpus is never modified; set LIVEKIT_FUZZ_KEEP=1
# to keep the grown corpora (their folder is printed) for a merge into tests/fuzz/corpus.
# Environment: JOBS (build parallelism, default 2), LIVEKIT_FUZZ_TARGETS (space-separated
# subset, e.g. "url cache_control"), LIVEKIT_FUZZ_SEED (libFuzzer's -seed: a fixed seed makes a
# run repeat the same inputs in the same order, as CI does; unset: a new random seed per run).
set -euo pipefail

seconds=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build-fuzz}
[[ $build = /* ]] || build=$PWD/$build
jobs=${JOBS:-2}
if ! [[ $seconds =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "usage: $0 [seconds per target >= 1] [build dir]" >&2
  exit 2
fi

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

# --- build ---------------------------------------------------------------------------------
if ! grep -q '^LIVEKIT_FUZZ:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  echo "== configuring the fuzz build in $build"
  CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S "$root" -B "$build" -G Ninja -DLIVEKIT_FUZZ=ON \
    -DLIVEKIT_BUILD_TESTS=OFF -DLIVEKIT_BUILD_TOOLS=OFF -DLIVEKIT_BUILD_BENCH=OFF -DLIVEKIT_BUILD_EXAMPLES=OFF >/dev/null
fi
if [[ -n ${LIVEKIT_FUZZ_TARGETS:-} ]]; then
  read -r -a targets <<<"$LIVEKIT_FUZZ_TARGETS"
else
  targets=()
  for f in "$root"/tests/fuzz/*_fuzzer.cc; do
    name=$(basename "$f" _fuzzer.cc)
    targets+=("$name")
  done
fi
echo "== building ${#targets[@]} fuzz targets"
cmake --build "$build" -j "$jobs" --target "${targets[@]/%/_fuzzer}"

# --- run -----------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/livekit-fuzz.XXXXXX")
if [[ ${LIVEKIT_FUZZ_KEEP:-0} != 1 ]]; then trap 'rm -rf "$work"' EXIT; fi
findings_root=$build/fuzz-findings
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# A number from libFuzzer's final statistics ("stat::name: value"), 0 when absent.
final_stat() { sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$2" | tail -1 | grep . || echo 0; }

total_findings=0
summary=()
for t in "${targets[@]}"; do
  corpus=$work/corpus/$t
  mkdir -p "$corpus"
  if [[ -d $root/tests/fuzz/corpus/$t ]]; then cp -r "$root/tests/fuzz/corpus/$t/." "$corpus/"; fi
  findings=$findings_root/$t
  rm -rf "$findings"
  mkdir -p "$findings"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$findings/")
  if [[ -f $root/tests/fuzz/$t.dict ]]; then args+=(-dict="$root/tests/fuzz/$t.dict"); fi
  if [[ -n ${LIVEKIT_FUZZ_SEED:-} ]]; then args+=(-seed="$LIVEKIT_FUZZ_SEED"); fi
  log=$work/$t.log
  echo "== $t: ${seconds}s${LIVEKIT_FUZZ_SEED:+, seed $LIVEKIT_FUZZ_SEED}"
  rc=0
  "$build/tests/fuzz/${t}_fuzzer" "${args[@]}" "$corpus" >"$log" 2>&1 || rc=$?

  execs=$(final_stat number_of_executed_units "$log")
  rate=$(final_stat average_exec_per_sec "$log")
  new_units=$(final_stat new_units_added "$log")
  cov_start=$(sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' "$log" | head -1)
  cov_end=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' "$log" | tail -1)
  found=$(find "$findings" -type f | wc -l)
  if (( rc != 0 && found == 0 )); then found=1; fi  # died without an artifact: still a finding
  total_findings=$((total_findings + found))
  summary+=("$(printf '%-20s %12s %9s %7s -> %-7s %6s %9s' "$t" "$execs" "$rate" "${cov_start:-?}" \
               "${cov_end:-?}" "+$new_units" "$found")")
  if (( found > 0 )); then
    echo "   FINDING (exit $rc): $(grep -m1 -E 'ERROR: |SUMMARY: |runtime error|invariant broken' "$log" || true)"
    find "$findings" -type f -printf '   input: %p\n'
    tail -n 40 "$log" | sed 's/^/   | /'
  fi
done

echo
printf '%-20s %12s %9s %18s %6s %9s\n' target executions exec/s "coverage (edges)" "units" findings
printf '%s\n' "${summary[@]}"
if [[ ${LIVEKIT_FUZZ_KEEP:-0} == 1 ]]; then echo "grown corpora and logs kept in $work"; fi
if (( total_findings > 0 )); then
  echo "fuzzing found $total_findings problem input(s): see $findings_root" >&2
  exit 1
fi
echo "no findings"
