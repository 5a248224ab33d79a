#!/usr/bin/env bash
# Region failover against the official Node SDK 2.19.2 (with failoverForce), both on the same
# four-region lk-mock-server in the same run, scenarios (a)-(e) of issue 5, with the ratios,
# and the hedged-read scenarios (f)-(h) (C++ only).
#   scripts/bench_failover.sh [BUILD_DIR]   (BENCH_A_RUNS: runs of (a)/(b), default 10;
#   BENCH_C_CALLS: calls of (c), default 20: the Node SDK then takes about 100 s)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bin=$build/bench/failover/bench_failover
mock=$build/tools/mock_server/lk-mock-server
for f in "$bin" "$mock"; do
  [[ -x $f ]] || { echo "bench_failover: $f is not built (cmake --build $build --target bench_failover lk-mock-server)" >&2; exit 1; }
done
[[ -d $root/tools/node_sdk/node_modules/livekit-server-sdk ]] || {
  echo "bench_failover: tools/node_sdk/node_modules is missing: run scripts/setup.sh" >&2; exit 1; }
a_runs=${BENCH_A_RUNS:-10}
c_calls=${BENCH_C_CALLS:-20}

source "$root/scripts/bench_processes.sh"
start_mock mock --ports 0,0,0,0
port0=${mock_ports[0]}
mock_url=http://127.0.0.1:$port0

proxy_pid= proxy_url=
start_proxy() {  # name: sets proxy_pid and proxy_url
  node "$root/tools/node_sdk/blackhole_proxy.mjs" "$port0" >"$tmp/$1.out" 2>/dev/null &
  proxy_pid=$!
  pids+=("$proxy_pid")
  wait_line "$tmp/$1.out" 'proxy ready on '
  proxy_url=http://127.0.0.1:$(sed -n 's/proxy ready on \([0-9]*\)/\1/p' "$tmp/$1.out")
}

start_proxy proxy_cpp
echo "bench_failover: C++ SDK..." >&2
"$bin" "$mock_url" "$proxy_url" "$proxy_pid" "$a_runs" "$c_calls" >"$tmp/cpp.json"
start_proxy proxy_node
echo "bench_failover: Node SDK (scenario (c) takes about 5 s per call)..." >&2
node "$root/tools/node_sdk/bench_failover.mjs" "$mock_url" "$proxy_url" "$proxy_pid" "$a_runs" "$c_calls" >"$tmp/node.json"

node - "$tmp/cpp.json" "$tmp/node.json" <<'JS'
const fs = require('node:fs');
const cpp = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const node = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const f = (n, d = 1) => (typeof n === 'number' ? n.toFixed(d) : String(n)).padStart(11);
const ratio = (c, n) => (c > 0 ? `${(n / c).toFixed(1)}x` : 'n/a').padStart(8);
console.log('failover scenario (lk-mock-server, 4 regions)        C++ SDK     Node SDK   ratio');
console.log(`(a) 503 primary: time to success (ms)          ${f(cpp.a_ms)} ${f(node.a_ms)} ${ratio(cpp.a_ms, node.a_ms)}`);
console.log(`(a) 503 primary: own CPU per call (ms)         ${f(cpp.a_cpu_ms, 2)} ${f(node.a_cpu_ms, 2)} ${ratio(cpp.a_cpu_ms, node.a_cpu_ms)}`);
console.log(`(b) dropped primary: time to success (ms)      ${f(cpp.b_ms)} ${f(node.b_ms)} ${ratio(cpp.b_ms, node.b_ms)}`);
console.log(`(b) dropped primary: own CPU per call (ms)     ${f(cpp.b_cpu_ms, 2)} ${f(node.b_cpu_ms, 2)} ${ratio(cpp.b_cpu_ms, node.b_cpu_ms)}`);
console.log(`(c) hanging primary, 5 s, ${cpp.c_calls} calls: total (s) ${f(cpp.c_total_ms / 1000, 2)} ${f(node.c_total_ms / 1000, 2)} ${ratio(cpp.c_total_ms, node.c_total_ms)}   target < 7 s: ${cpp.c_total_ms < 7000 ? 'met' : 'MISSED'}`);
console.log(`(d) origin + its discovery hang: result        ${f(cpp.d_ok ? 'success' : 'failure')} ${f(node.d_ok ? 'success' : 'failure')}            target: success ${cpp.d_ok && cpp.d_b3_ok ? 'met' : 'MISSED'}`);
console.log(`(d)   time to end (ms), health memory on       ${f(cpp.d_ms)} ${f(node.d_ms)}   (C++ routes around the origin it saw fail)`);
console.log(`(d)   time to end (ms), health memory off      ${f(cpp.d_b3_ms)} ${f(node.d_ms)}   (C++ ${cpp.d_b3_ok ? 'success' : 'failure'}: discovery from another known region, B3)`);
console.log(`(e) 200 concurrent failing calls: discoveries  ${f(cpp.e_discoveries, 0)} ${f(node.e_discoveries, 0)} ${ratio(cpp.e_discoveries, node.e_discoveries)}   target 1: ${cpp.e_discoveries === 1 ? 'met' : 'MISSED'}`);
console.log(`    calls that succeeded                       ${f(cpp.e_ok, 0)} ${f(node.e_ok, 0)}`);
console.log('hedged reads (C++ SDK only: the Node SDK has no hedging; its figure is its (c) run)');
console.log(`(f) hanging primary, 5 s, hedge 300 ms, ${cpp.f_calls} calls: total (s) ${f(cpp.f_total_ms / 1000, 2)} ${f(node.c_total_ms / 1000, 2)} ${ratio(cpp.f_total_ms, node.c_total_ms)}   target < 1 s: ${cpp.f_total_ms < 1000 ? 'met' : 'MISSED'} (same run without hedging, (c): ${(cpp.c_total_ms / 1000).toFixed(2)} s)`);
console.log(`(f)   first call (ms)                          ${f(cpp.f_first_ms)}                        target < 500 ms: ${cpp.f_first_ms < 500 ? 'met' : 'MISSED'}; calls that succeeded ${cpp.f_ok}`);
console.log(`(g) healthy, hedging on: extra requests / 1,000 calls ${f(cpp.g_extra_per_1000_on, 1)}   (off: ${cpp.g_extra_per_1000_off.toFixed(1)})   target 0: ${cpp.g_extra_per_1000_on === 0 ? 'met' : 'MISSED'}`);
console.log(`(g)   CPU per call (us), hedging on / off      ${f(cpp.g_cpu_us_on)} ${f(cpp.g_cpu_us_off)}   on/off ${(cpp.g_cpu_us_on / cpp.g_cpu_us_off).toFixed(2)} (best of 5 alternating rounds of 2,000 calls)`);
console.log(`(h) 200 concurrent reads, hanging primary: ok  ${f(cpp.h_ok, 0)}   target 200: ${cpp.h_ok === 200 ? 'met' : 'MISSED'}; total time ${(cpp.h_total_ms / 1000).toFixed(2)} s`);
console.log(`(h)   discovery requests                       ${f(cpp.h_discoveries, 0)}   target 1: ${cpp.h_discoveries === 1 ? 'met' : 'MISSED'}`);
console.log(`(h)   extra requests (hedges + failovers)      ${f(cpp.h_extra_requests, 0)}   target <= 200: ${cpp.h_extra_requests <= 200 ? 'met' : 'MISSED'} (${cpp.h_hedges} hedges within the retry budget, ${cpp.h_failovers} failovers after the timeout)`);
JS

# Over HTTPS: scenarios (a), (b), (d), (e) again (C_CALLS=0: (c) and (f) pay the same
# timeouts over any transport), on an HTTP/1.1 keep-alive endpoint (the mock's TLS
# listeners) and on HTTP/2 (one nghttpx per region, the region list naming them), C++ and
# Node on the same endpoints. The blackhole proxy of (d) relays TLS bytes unchanged.
source "$root/scripts/bench_tls_endpoints.sh"  # after bench_processes.sh
tls_make_certs
start_mock mock_tls --ports 0,0,0,0 --tls-cert "$tmp/server.pem" --tls-key "$tmp/server.key"
transports=("https_h1 ${mock_ports[0]}")
if [[ -n $nghttpx ]]; then
  read -r -a h2_ports <<<"$(free_ports 4)"
  region_urls=$(printf 'https://127.0.0.1:%s,' "${h2_ports[@]}")
  start_mock mock_h2 --ports 0,0,0,0 --region-urls "${region_urls%,}"
  for i in 0 1 2 3; do tls_start_nghttpx "nghttpx$i" "${h2_ports[$i]}" "${mock_ports[$i]}"; done
  transports+=("https_h2 ${h2_ports[0]}")
else
  echo "bench_failover: nghttpx not installed (apt-get install nghttp2-proxy): no HTTP/2 rows" >&2
fi
for t in "${transports[@]}"; do
  read -r name tls_port0 <<<"$t"
  port0=$tls_port0  # start_proxy relays to port0
  start_proxy "proxy_cpp_$name"
  echo "bench_failover: C++ SDK over $name..." >&2
  "$bin" --ca "$tmp/ca.pem" "https://127.0.0.1:$tls_port0" "${proxy_url/http:/https:}" "$proxy_pid" "$a_runs" 0 >"$tmp/cpp_$name.json"
  start_proxy "proxy_node_$name"
  echo "bench_failover: Node SDK over $name..." >&2
  NODE_EXTRA_CA_CERTS=$tmp/ca.pem node "$root/tools/node_sdk/bench_failover.mjs" "https://127.0.0.1:$tls_port0" \
    "${proxy_url/http:/https:}" "$proxy_pid" "$a_runs" 0 >"$tmp/node_$name.json"
done

node - "$tmp" "${transports[@]%% *}" <<'JS'
const fs = require('node:fs');
const [dir, ...names] = process.argv.slice(2);
const titles = {
  https_h1: 'HTTPS, HTTP/1.1 keep-alive (lk-mock-server --tls-cert, 4 regions)',
  https_h2: 'HTTPS, HTTP/2 through nghttpx, one per region (Node: HTTP/1.1 to the same nghttpx)',
};
const f = (n, d = 1) => (typeof n === 'number' ? n.toFixed(d) : String(n)).padStart(11);
const ratio = (c, n) => (c > 0 ? `${(n / c).toFixed(1)}x` : 'n/a').padStart(8);
console.log('\nfailover over HTTPS                                  C++ SDK     Node SDK   ratio');
for (const name of names) {
  const cpp = JSON.parse(fs.readFileSync(`${dir}/cpp_${name}.json`, 'utf8'));
  const node = JSON.parse(fs.readFileSync(`${dir}/node_${name}.json`, 'utf8'));
  const dropped = (name === 'https_h2' ? '(b) dropped (nghttpx: 502)' : '(b) dropped primary:').padEnd(27);
  console.log(titles[name]);
  console.log(`(a) 503 primary: time to success (ms)          ${f(cpp.a_ms)} ${f(node.a_ms)} ${ratio(cpp.a_ms, node.a_ms)}`);
  console.log(`(a) 503 primary: own CPU per call (ms)         ${f(cpp.a_cpu_ms, 2)} ${f(node.a_cpu_ms, 2)} ${ratio(cpp.a_cpu_ms, node.a_cpu_ms)}`);
  console.log(`${dropped}${'time to success (ms)'.padEnd(20)}${f(cpp.b_ms)} ${f(node.b_ms)} ${ratio(cpp.b_ms, node.b_ms)}`);
  console.log(`${dropped}${'own CPU, call (ms)'.padEnd(20)}${f(cpp.b_cpu_ms, 2)} ${f(node.b_cpu_ms, 2)} ${ratio(cpp.b_cpu_ms, node.b_cpu_ms)}`);
  console.log(`(d) origin + its discovery hang: result        ${f(cpp.d_ok ? 'success' : 'failure')} ${f(node.d_ok ? 'success' : 'failure')}   (time ${cpp.d_ms.toFixed(0)} / ${node.d_ms.toFixed(0)} ms)`);
  console.log(`(e) 200 concurrent failing calls: discoveries  ${f(cpp.e_discoveries, 0)} ${f(node.e_discoveries, 0)}   calls that succeeded ${cpp.e_ok} / ${node.e_ok}`);
}
JS
