#!/usr/bin/env bash
# Many calls in flight against a slow server, the C++ SDK against the official Node SDK 2.19.2,
# both on the same lk-mock-server in the same run: 1,000 and 10,000 ListRooms at once, each held
# 2 s by the server (time until all are done; target within 25% of the delay and no slower than
# Node), resident memory per call in flight (target at most a tenth of Node's), and the latency
# of one plain call made while 130 slow calls (8 s) are in flight. Each burst is also sent by
# libcurl alone: with its connection cache, and closing each connection after use from one and
# from two loops (what libcurl can do on this machine, the floor of the SDK's figure).
#   scripts/bench_concurrency.sh [BUILD_DIR]   (BENCH_STRICT=1: exit 1 when a target is missed;
#   BENCH_DELAY_MS: the server delay, default 2000; BENCH_BURSTS: default "1000 10000")
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bin=$build/bench/concurrency/bench_concurrency
mock=$build/tools/mock_server/lk-mock-server
for f in "$bin" "$mock"; do
  [[ -x $f ]] || { echo "bench_concurrency: $f is not built (cmake --build $build --target bench_concurrency lk-mock-server)" >&2; exit 1; }
done
[[ -d $root/tools/node_sdk/node_modules/livekit-server-sdk ]] || {
  echo "bench_concurrency: tools/node_sdk/node_modules is missing: run scripts/setup.sh" >&2; exit 1; }
delay=${BENCH_DELAY_MS:-2000}
bursts=${BENCH_BURSTS:-1000 10000}
# 10,000 connections at once: each side needs as many file descriptors (the SDK and the mock
# raise their soft limit to the hard one; Node does too).
if (( $(ulimit -Hn) < 10240 )); then echo "bench_concurrency: the hard open-file limit ($(ulimit -Hn)) is below 10240: fewer calls fit" >&2; fi

source "$root/scripts/bench_processes.sh"
start_mock mock --ports 0
port=${mock_ports[0]}
url=http://127.0.0.1:$port

# Each burst leaves its connections in TIME_WAIT for a minute; thousands of them slow the
# kernel's search for a free local port, so the next big burst waits for them to clear (up to
# 70 s; `ss` from iproute2 counts them, and without it nothing waits).
settle() {
  command -v ss >/dev/null || return 0
  for _ in $(seq 70); do
    (( $(ss -tan state time-wait 2>/dev/null | wc -l) < 1000 )) && return 0
    sleep 1
  done
}
for n in $bursts; do
  settle
  "$bin" "$url" burst "$n" "$delay" >"$tmp/cpp_$n.json"
  settle
  node "$root/tools/node_sdk/bench_concurrency.mjs" "$url" burst "$n" "$delay" >"$tmp/node_$n.json"
  settle
  "$bin" "$url" libcurl "$n" "$delay" >"$tmp/curl_$n.json"
  for loops in 1 2; do
    settle
    "$bin" "$url" libcurl-closing "$n" "$delay" "$loops" >"$tmp/closing${loops}_$n.json"
  done
done
"$bin" "$url" fast 130 8000 >"$tmp/cpp_fast.json"
node "$root/tools/node_sdk/bench_concurrency.mjs" "$url" fast 130 8000 >"$tmp/node_fast.json"

node - "$tmp" "$delay" "${BENCH_STRICT:-0}" $bursts <<'JS'
const fs = require('node:fs');
const [dir, delayText, strict, ...bursts] = process.argv.slice(2);
const delay = Number(delayText) / 1000;
const read = (f) => JSON.parse(fs.readFileSync(`${dir}/${f}.json`, 'utf8'));
const pad = (s, w) => String(s).padStart(w);
let missed = 0;
console.log(`ListRooms held ${delay} s by lk-mock-server      C++ SDK     Node SDK   ratio  target   met`);
for (const n of bursts) {
  const c = read(`cpp_${n}`);
  const d = read(`node_${n}`);
  const l = read(`curl_${n}`);
  const row = (label, cv, nv, ratio, target, met) => {
    if (!met) missed++;
    console.log(`${label.padEnd(40)}${pad(cv, 10)}  ${pad(nv, 11)}  ${pad(ratio, 6)}  ${pad(target, 6)}   ${met ? 'yes' : 'NO'}`);
  };
  console.log(`${Number(n).toLocaleString('en-US')} calls at once (ok: C++ ${c.ok}, Node ${d.ok})`);
  row('  seconds until all done', c.seconds.toFixed(2), d.seconds.toFixed(2), (d.seconds / c.seconds).toFixed(2) + 'x',
      `<=${(delay * 1.25).toFixed(2)}`, c.seconds <= delay * 1.25 && c.seconds <= d.seconds && c.ok === Number(n));
  row('  KiB of RSS per call in flight', c.kib_per_call.toFixed(1), d.kib_per_call.toFixed(1),
      (d.kib_per_call / c.kib_per_call).toFixed(1) + 'x', '10x', d.kib_per_call >= 10 * c.kib_per_call);
  console.log(`  (peak RSS MiB: C++ ${(c.peak_rss_kib / 1024).toFixed(1)}, Node ${(d.peak_rss_kib / 1024).toFixed(1)}; ` +
              `C++ heap in use per call midway: ${c.heap_kib_per_call_midway.toFixed(1)} KiB)`);
  console.log(`  (libcurl alone, the same requests from one epoll loop: ${l.seconds.toFixed(2)} s, ok ${l.ok}, ` +
              `${l.kib_per_call.toFixed(1)} KiB of RSS per transfer; C++ SDK time / libcurl's: ` +
              `${(c.seconds / l.seconds).toFixed(2)}x)`);
  const c1 = read(`closing1_${n}`);
  const c2 = read(`closing2_${n}`);
  console.log(`  (libcurl alone closing each connection after use, the fastest it sends this burst: one loop ` +
              `${c1.seconds.toFixed(2)} s, ok ${c1.ok}; two loops on two threads ${c2.seconds.toFixed(2)} s, ok ${c2.ok}; ` +
              `C++ SDK time / one loop's: ${(c.seconds / c1.seconds).toFixed(2)}x)`);
}
const cf = read('cpp_fast');
const nf = read('node_fast');
console.log(`one call while 130 calls of 8 s are in flight: C++ ${cf.fast_ms} ms (${cf.fast_ok ? 'ok' : 'FAILED'}), ` +
            `Node ${nf.fast_ms} ms (${nf.fast_ok ? 'ok' : 'FAILED'})`);
if (!cf.fast_ok) missed++;
if (strict === '1' && missed > 0) process.exit(1);
JS
