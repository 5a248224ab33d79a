#!/usr/bin/env bash
# The API client against the official Node SDK 2.19.2, both calling ListRooms on the same
# lk-mock-server in the same run: client CPU time per call, calls/s with 64 in flight, and
# peak RSS of each benchmark process, with the ratios and the targets (10x, 5x, 10x); then the
# same over HTTPS, HTTP/1.1 keep-alive (the mock's TLS listener) and HTTP/2 (nghttpx in front
# of the mock; skipped when nghttpx is not installed), each beside the Node SDK on the same
# endpoint; last, the SDK's own share over libcurl alone in instructions and allocations per
# call (scripts/profile_api.sh, when valgrind is installed).
#   scripts/bench_api.sh [BUILD_DIR]    (BENCH_STRICT=1: exit 1 when a target is missed;
#   BENCH_SEQUENTIAL / BENCH_CONCURRENT: call counts, default 3000 / 20000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bin=$build/bench/api/bench_api
mock=$build/tools/mock_server/lk-mock-server
for f in "$bin" "$mock"; do
  [[ -x $f ]] || { echo "bench_api: $f is not built (cmake --build $build --target bench_api lk-mock-server)" >&2; exit 1; }
done
[[ -d $root/tools/node_sdk/node_modules/livekit-server-sdk ]] || {
  echo "bench_api: tools/node_sdk/node_modules is missing: run scripts/setup.sh" >&2; exit 1; }
seq_calls=${BENCH_SEQUENTIAL:-3000}
conc_calls=${BENCH_CONCURRENT:-20000}

source "$root/scripts/bench_processes.sh"
start_mock mock --ports 0
port=${mock_ports[0]}
url=http://127.0.0.1:$port

"$bin" "$url" protobuf "$seq_calls" "$conc_calls" >"$tmp/cpp.json"
"$bin" "$url" json "$seq_calls" "$conc_calls" >"$tmp/cpp_json.json"
node "$root/tools/node_sdk/bench_list_rooms.mjs" "$url" "$seq_calls" "$conc_calls" >"$tmp/node.json"

node - "$tmp/cpp.json" "$tmp/cpp_json.json" "$tmp/node.json" "${BENCH_STRICT:-0}" <<'JS'
const fs = require('node:fs');
const [cppFile, cppJsonFile, nodeFile, strict] = process.argv.slice(2);
const cpp = JSON.parse(fs.readFileSync(cppFile, 'utf8'));
const cppJson = JSON.parse(fs.readFileSync(cppJsonFile, 'utf8'));
const node = JSON.parse(fs.readFileSync(nodeFile, 'utf8'));
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }).padStart(12);
console.log('ListRooms on lk-mock-server     C++ SDK   C++ (JSON)     Node SDK   ratio  target');
const rows = [
  ['client CPU per call (us)', 'cpu_us_per_call', 1, (c, n) => n / c, 10],
  ['  C++ blocking form (us)', 'blocking_cpu_us_per_call', 1, (c, n) => n / c, 0],
  ['calls/s, 64 in flight', 'calls_per_sec', 0, (c, n) => c / n, 5],
  ['peak RSS (MiB)', 'peak_rss_kib', 1, (c, n) => n / c, 10],
];
let missed = 0;
for (const [what, key, digits, ratioOf, target] of rows) {
  const scale = key === 'peak_rss_kib' ? 1 / 1024 : 1;
  const nodeValue = key === 'blocking_cpu_us_per_call' ? node.cpu_us_per_call : node[key];
  const ratio = ratioOf(cpp[key], nodeValue);
  if (target && ratio < target) missed++;
  const verdict = target ? `>=${target}x ${ratio >= target ? 'met' : 'MISSED'}` : '(informative)';
  console.log(`${what.padEnd(26)}${fmt(cpp[key] * scale, digits)} ${fmt(cppJson[key] * scale, digits)} ${fmt(nodeValue * scale, digits)} ${ratio.toFixed(1).padStart(6)}x  ${verdict}`);
}
console.log(`baselines, same request: libcurl alone ${cpp.libcurl_cpu_us_per_call.toFixed(1)} us, raw socket ${cpp.floor_cpu_us_per_call.toFixed(1)} us`);
console.log(`  (the SDK's own share: ${(cpp.cpu_us_per_call - cpp.libcurl_cpu_us_per_call).toFixed(1)} us over libcurl alone; ` +
            `the SDK at ${(cpp.cpu_us_per_call / cpp.libcurl_cpu_us_per_call).toFixed(2)}x libcurl's figure, ` +
            `the blocking form at ${(cpp.blocking_cpu_us_per_call / cpp.libcurl_cpu_us_per_call).toFixed(2)}x)`);
console.log('CPU per call: one call in flight, each started when the previous one completes (Node: an');
console.log('await loop; C++: the callback form). C++ and its baselines: best of 5 rounds taken in turns;');
console.log('Node: best of 3 rounds. Peak RSS: ru_maxrss / maxRSS.');
if (missed && strict === '1') process.exit(1);
JS

# HTTPS: the protobuf calls over TLS, one endpoint per transport, C++ and Node on the same one.
source "$root/scripts/bench_tls_endpoints.sh"  # after bench_processes.sh
tls_make_certs
start_mock mock_tls --ports 0 --tls-cert "$tmp/server.pem" --tls-key "$tmp/server.key"
transports=("https_h1 https://127.0.0.1:${mock_ports[0]}")
if [[ -n $nghttpx ]]; then
  h2_port=$(free_ports 1)
  tls_start_nghttpx nghttpx "$h2_port" "$port"  # in front of the plain mock above
  transports+=("https_h2 https://127.0.0.1:$h2_port")
else
  echo "bench_api: nghttpx not installed (apt-get install nghttp2-proxy): no HTTP/2 rows" >&2
fi
for t in "${transports[@]}"; do
  read -r name tls_url <<<"$t"
  "$bin" --ca "$tmp/ca.pem" "$tls_url" protobuf "$seq_calls" "$conc_calls" >"$tmp/cpp_$name.json"
  NODE_EXTRA_CA_CERTS=$tmp/ca.pem node "$root/tools/node_sdk/bench_list_rooms.mjs" "$tls_url" "$seq_calls" "$conc_calls" >"$tmp/node_$name.json"
done

node - "$tmp" "${transports[@]%% *}" <<'JS'
const fs = require('node:fs');
const [dir, ...names] = process.argv.slice(2);
const titles = {
  https_h1: 'HTTPS, HTTP/1.1 keep-alive (lk-mock-server --tls-cert)',
  https_h2: 'HTTPS, HTTP/2 through nghttpx (Node: HTTP/1.1 to the same nghttpx: its fetch has no HTTP/2)',
};
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }).padStart(12);
console.log('\nListRooms over HTTPS (protobuf)   C++ SDK     Node SDK   ratio');
for (const name of names) {
  const cpp = JSON.parse(fs.readFileSync(`${dir}/cpp_${name}.json`, 'utf8'));
  const node = JSON.parse(fs.readFileSync(`${dir}/node_${name}.json`, 'utf8'));
  console.log(titles[name]);
  const rows = [
    ['client CPU per call (us)', cpp.cpu_us_per_call, node.cpu_us_per_call, 1, node.cpu_us_per_call / cpp.cpu_us_per_call],
    ['  C++ blocking form (us)', cpp.blocking_cpu_us_per_call, node.cpu_us_per_call, 1, node.cpu_us_per_call / cpp.blocking_cpu_us_per_call],
    ['calls/s, 64 in flight', cpp.calls_per_sec, node.calls_per_sec, 0, cpp.calls_per_sec / node.calls_per_sec],
    ['peak RSS (MiB)', cpp.peak_rss_kib / 1024, node.peak_rss_kib / 1024, 1, node.peak_rss_kib / cpp.peak_rss_kib],
  ];
  for (const [what, c, n, digits, ratio] of rows) {
    console.log(`  ${what.padEnd(26)}${fmt(c, digits)} ${fmt(n, digits)} ${ratio.toFixed(1).padStart(6)}x`);
  }
  console.log(`  baseline: libcurl alone ${cpp.libcurl_cpu_us_per_call.toFixed(1)} us per call (the SDK's own share: ${(cpp.cpu_us_per_call - cpp.libcurl_cpu_us_per_call).toFixed(1)} us)`);
}
JS

# The SDK's own share in counts the machine's load hardly moves (instructions under
# callgrind, allocations): the timed share above swings by more than itself between runs.
echo
if command -v valgrind >/dev/null && [[ -x $build/bench/api/call_cost ]]; then
  "$root/scripts/profile_api.sh" "$build"
else
  echo "bench_api: valgrind or bench/api/call_cost missing: no instruction counts (scripts/setup.sh, make build)" >&2
fi
