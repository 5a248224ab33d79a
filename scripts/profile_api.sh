#!/usr/bin/env bash
# The SDK's own cost per ListRooms call over libcurl alone, in counts a busy machine hardly
# changes (1 to 2%): heap allocations (counted by bench/api/call_cost) and user-space instructions
# (callgrind: the difference of two runs of different lengths, so start-up and warm-up cancel
# out), for the callback form, the blocking form and libcurl alone, against one lk-mock-server.
# Kernel time (system calls, loopback TCP) is not in these counts: bench_api.sh times it.
#   scripts/profile_api.sh [BUILD_DIR]   (PROFILE_CALLS: the longer run's extra calls, default 1000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bin=$build/bench/api/call_cost
mock=$build/tools/mock_server/lk-mock-server
for f in "$bin" "$mock"; do
  [[ -x $f ]] || { echo "profile_api: $f is not built (cmake --build $build --target call_cost lk-mock-server)" >&2; exit 1; }
done
command -v valgrind >/dev/null || { echo "profile_api: valgrind is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
extra=${PROFILE_CALLS:-1000}
short=200

source "$root/scripts/bench_processes.sh"
start_mock mock --ports 0
port=${mock_ports[0]}
url=http://127.0.0.1:$port

# Total instructions of one run under callgrind (every thread).
instructions() {
  local out=$tmp/cg.$1.$2
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$url" "$1" "$2" >/dev/null 2>"$out.log" ||
    { cat "$out.log" >&2; exit 1; }
  sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out"
}

for mode in sdk blocking libcurl; do
  "$bin" "$url" "$mode" 5000 >"$tmp/$mode.json"
  a=$(instructions "$mode" "$short")
  b=$(instructions "$mode" $((short + extra)))
  echo "$(( (b - a) / extra ))" >"$tmp/$mode.instr"
done

node - "$tmp" <<'JS'
const fs = require('node:fs');
const [dir] = process.argv.slice(2);
const get = (m) => ({
  instr: Number(fs.readFileSync(`${dir}/${m}.instr`, 'utf8')),
  allocs: JSON.parse(fs.readFileSync(`${dir}/${m}.json`, 'utf8')).allocations_per_call,
});
const sdk = get('sdk'), blocking = get('blocking'), curl = get('libcurl');
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }).padStart(14);
console.log('ListRooms, per call          instructions   allocations');
for (const [what, r] of [['C++ SDK, callback form', sdk], ['C++ SDK, blocking form', blocking], ['libcurl alone', curl]]) {
  console.log(`${what.padEnd(26)}${fmt(r.instr)}${fmt(r.allocs, 1)}`);
}
console.log(`the SDK's own share (callback form over libcurl alone): ${(sdk.instr - curl.instr).toLocaleString('en-US')} ` +
            `instructions (${((sdk.instr / curl.instr - 1) * 100).toFixed(0)}% of libcurl's), ` +
            `${(sdk.allocs - curl.allocs).toFixed(1)} allocations`);
console.log('user-space instructions of every thread (callgrind, the difference of two runs); every malloc of the process');
JS
