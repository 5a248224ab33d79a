#!/usr/bin/env bash
# lk-mock-server load figures: JSON ListRooms throughput with 64 keep-alive connections (wrk,
# a valid token per request, so signature checks are included) and the server's peak resident
# memory while it holds 10,000 idle connections.
# usage: scripts/bench_mock_server.sh [build dir]   env: DURATION (s, default 10), CONNECTIONS (10000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
duration=${DURATION:-10}
connections=${CONNECTIONS:-10000}
server=$build/tools/mock_server/lk-mock-server
idle=$build/bench/mock_server/mock_server_idle_connections
for f in "$server" "$idle"; do
  [[ -x $f ]] || { echo "missing $f: build first (cmake --build $build)"; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

# An HS256 token with roomList, signed with the dev secret (the mock accepts any API key).
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"devkey","sub":"bench","nbf":%d,"exp":%d,"video":{"roomList":true}}' "$now" $((now + 3600)) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac secret -binary | b64url)
export LK_BENCH_TOKEN="$header.$payload.$signature"

out=$(mktemp)
"$server" --ports 0 >"$out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do grep -q "ready on" "$out" && break; sleep 0.1; done
port=$(sed -nE 's/.*region-0 ready on .*:([0-9]+) \(.*/\1/p' "$out")
[[ -n $port ]] || { echo "lk-mock-server did not start"; exit 1; }

# Baseline in the same run: GET /_test/health, the HTTP ceiling of this server on this machine
# right now (no decoding, no token, no protobuf), so a busy machine shows in both figures.
echo "lk-mock-server: 64 keep-alive connections, ${duration} s each (wrk -t2 -c64)"
base=$(wrk -t2 -c64 -d"${duration}s" "http://127.0.0.1:$port/_test/health" | sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p')
list=$(wrk -t2 -c64 -d"${duration}s" -s bench/mock_server/list_rooms.lua "http://127.0.0.1:$port" | sed -nE 's/^requests\/s: *([0-9]+).*/\1/p')
printf '  baseline GET /_test/health:        %8.0f requests/s\n' "$base"
printf '  JSON ListRooms with a signed token: %8.0f requests/s (%.2f of baseline)\n' "$list" "$(echo "$list / $base" | bc -l)"
echo "  target: >= 20000 requests/s for ListRooms"
echo
echo "lk-mock-server: ${connections} idle keep-alive connections"
"$idle" "$port" "$pid" "$connections"
echo "  target: peak < 64 MiB"
