#!/usr/bin/env bash
# Scans ctest's log for secrets that tests put in play: any JWT (eyJ...\.eyJ) and every long,
# distinctive API secret literal found in the test sources (short or generic ones such as the
# dev pair's "secret" would match ordinary words, so they are left out). Exits 1 on a hit and
# prints the offending lines with the secret masked; 2 when there is nothing to scan: no log, or
# a ctest log that holds no test output (`ctest -N` rewrites LastTest.log with only its header
# and footer, which would otherwise scan clean).
#
#   scripts/scan_test_logs.sh [LOG ...]     (default: build/Testing/Temporary/LastTest.log)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
logs=("$@")
[ ${#logs[@]} -eq 0 ] && logs=("$root/build/Testing/Temporary/LastTest.log")
tests_seen=0
for log in "${logs[@]}"; do
  [ -r "$log" ] || { echo "scan_test_logs: cannot read $log" >&2; exit 2; }
  # ctest writes "<n>/<total> Testing: <name>" and an output section ending "<end of output>"
  # for every test it ran.
  tests=$(grep -cE '^[0-9]+/[0-9]+ Testing: ' "$log" || true)
  outputs=$(grep -c '^<end of output>$' "$log" || true)
  if [ "$tests" -eq 0 ] || [ "$outputs" -eq 0 ]; then
    echo "scan_test_logs: $log holds no test output (rewritten by 'ctest -N'? run the tests, then scan)" >&2
    exit 2
  fi
  tests_seen=$((tests_seen + tests))
done

# String literals of 16+ characters that spell "secret" (or "s3cr3t") in the test sources,
# minus environment-variable and enum names (upper case with underscores), CamelCase names
# (RPC names such as UpdateAgentSecrets) and file names.
mapfile -t secrets < <(
  grep -rhoE '"[A-Za-z0-9_.+/=-]{16,}"' "$root/tests" "$root/bench" --include='*.cc' --include='*.h' 2>/dev/null |
    tr -d '"' | grep -iE 's[e3]cr[e3]t' | grep -vE '^[A-Z0-9_]+(=.*)?$|^(livekit\.)?([A-Z][a-z]+)+$|\.(h|cc|sh)$' | sort -u)

jwt='eyJ[A-Za-z0-9_-]+\.eyJ'
mask() {
  local line="$1" s
  for s in "${secrets[@]}"; do line="${line//"$s"/***}"; done
  printf '%s\n' "${line//eyJ/ey*J}"
}

hits=0
for log in "${logs[@]}"; do
  while IFS= read -r line; do
    hits=$((hits + 1))
    [ $hits -le 50 ] && mask "$log: $line"
  done < <(grep -nE "$jwt" "$log" || true; for s in "${secrets[@]}"; do grep -nF -- "$s" "$log" || true; done)
done

if [ $hits -gt 0 ]; then
  echo "scan_test_logs: $hits line(s) with a token or a test secret (${#secrets[@]} secrets checked)" >&2
  exit 1
fi
echo "scan_test_logs: clean (${#logs[@]} log(s), $tests_seen tests' output, JWT pattern + ${#secrets[@]} secrets)"
