#!/usr/bin/env bash
# scripts/scan_test_logs.sh on real ctest logs of a throw-away project: clean output passes, a
# printed token fails, and the log `ctest -N` leaves behind (no test output) fails instead of
# scanning clean.
#
#   tests/secrets/scan_test_logs_test.sh <scan script> <cmake> <ctest>
set -euo pipefail
scan=$1 cmake=$2 ctest=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect() {  # expect <exit code> <text in output> <log>
  local want=$1 text=$2 log=$3 out rc=0
  out=$("$scan" "$log" 2>&1) || rc=$?
  if [[ $rc -ne $want || $out != *"$text"* ]]; then
    echo "FAIL: expected exit $want and \"$text\", got exit $rc: $out" >&2
    failures=$((failures + 1))
  else
    echo "ok: exit $rc: $out"
  fi
}

# A project whose one test prints what we choose.
mkdir -p "$work/src"
cat >"$work/src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(scan_fixture NONE)
enable_testing()
add_test(NAME prints COMMAND ${CMAKE_COMMAND} -E cat ${CMAKE_CURRENT_SOURCE_DIR}/printed.txt)
CMAKE
"$cmake" -S "$work/src" -B "$work/build" >/dev/null
log="$work/build/Testing/Temporary/LastTest.log"

echo "all good" >"$work/src/printed.txt"
(cd "$work/build" && "$ctest" >/dev/null)
expect 0 "clean (1 log(s), 1 tests' output" "$log"

# A JWT in the output (built here so no token literal sits in this file).
printf 'token %s.%s.sig\n' "eyJhbGciOiJIUzI1NiJ9" "eyJzdWIiOiJhIn0" >"$work/src/printed.txt"
(cd "$work/build" && "$ctest" >/dev/null)
expect 1 "line(s) with a token" "$log"

# `ctest -N` rewrites the log with no test output: nothing was scanned, so it must not pass.
(cd "$work/build" && "$ctest" -N >/dev/null)
expect 2 "holds no test output" "$log"

: >"$work/empty.log"
expect 2 "holds no test output" "$work/empty.log"
expect 2 "cannot read" "$work/missing.log"

[[ $failures -eq 0 ]] || { echo "$failures case(s) failed" >&2; exit 1; }
