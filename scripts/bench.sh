#!/usr/bin/env bash
# make bench: every benchmark of the project, each against its baseline measured in the same run
# (the official Node SDK, pinned in tools/node_sdk), with the ratios printed.
# usage: scripts/bench.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
status=0
for area in auth mock_server api failover concurrency; do
  script=scripts/bench_${area}.sh
  [[ -x $script ]] || continue
  echo
  echo "=== bench: ${area} ==="
  "$script" "$build" || { echo "bench ${area} failed"; status=1; }
done
exit $status
