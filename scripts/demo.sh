#!/usr/bin/env bash
# make demo: against a real LiveKit server when LIVEKIT_URL, LIVEKIT_API_KEY and
# LIVEKIT_API_SECRET are set; otherwise against the bundled mock server (4 regions on loopback).
# usage: scripts/demo.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
demo=$build/tools/demo/livekit-demo
mock=$build/tools/mock_server/lk-mock-server

if [[ -n ${LIVEKIT_URL:-} && -n ${LIVEKIT_API_KEY:-} && -n ${LIVEKIT_API_SECRET:-} ]]; then
  exec "$demo"
fi

log=$(mktemp)
"$mock" --ports 0,0,0,0 --api-secret secret >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  grep -q "region-3 ready" "$log" && break
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.05
done
port=$(sed -n 's/.*region-0 ready on [^:]*:\([0-9]*\).*/\1/p' "$log")
[[ -n $port ]] || { echo "demo: the mock server did not start"; cat "$log"; exit 1; }
LIVEKIT_URL=http://127.0.0.1:$port LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret "$demo" --mock
