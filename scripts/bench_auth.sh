#!/usr/bin/env bash
# Tokens minted, tokens verified and 1 KB webhooks received per CPU-second, here (bench_auth,
# Google Benchmark) and with the official Node SDK (tools/node_sdk/bench_auth.mjs), measured
# in the same run on the same machine; prints each figure and the ratio against the target.
#   scripts/bench_auth.sh [BUILD_DIR]    (BENCH_STRICT=1: exit 1 when a target is missed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
bin=$build/bench/auth/bench_auth
body=$root/tests/webhook/data/participant_joined.json
if [[ ! -x $bin ]]; then
  echo "bench_auth: $bin is not built (cmake --build $build --target bench_auth)" >&2
  exit 1
fi
if [[ ! -d $root/tools/node_sdk/node_modules/livekit-server-sdk ]]; then
  echo "bench_auth: tools/node_sdk/node_modules is missing: run scripts/setup.sh" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" --benchmark_format=json --benchmark_min_time="${BENCH_MIN_TIME:-1}" >"$tmp/cpp.json"
node "$root/tools/node_sdk/bench_auth.mjs" "$body" "${BENCH_NODE_SECONDS:-2}" >"$tmp/node.json"

node - "$tmp/cpp.json" "$tmp/node.json" "${BENCH_STRICT:-0}" <<'JS'
const fs = require('node:fs');
const [cppFile, nodeFile, strict] = process.argv.slice(2);
const cpp = JSON.parse(fs.readFileSync(cppFile, 'utf8'));
const node = JSON.parse(fs.readFileSync(nodeFile, 'utf8'));
const rate = (name) => cpp.benchmarks.find((b) => b.name === name).items_per_second;
const rows = [
  ['tokens minted', rate('BM_MintToken'), node.mint, 10],
  ['tokens verified', rate('BM_VerifyToken'), node.verify, 10],
  ['1 KB webhooks received', rate('BM_ReceiveWebhook'), node.webhook, 5],
];
const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(11);
console.log('per CPU-second            C++ SDK     Node SDK    ratio  target');
let missed = 0;
for (const [what, here, there, target] of rows) {
  const ratio = here / there;
  if (ratio < target) missed++;
  console.log(`${what.padEnd(23)} ${fmt(here)}  ${fmt(there)}  ${ratio.toFixed(1).padStart(6)}x  >=${target}x ${ratio >= target ? 'met' : 'MISSED'}`);
}
if (missed && strict === '1') process.exit(1);
JS
