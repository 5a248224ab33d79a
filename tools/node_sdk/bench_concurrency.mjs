// The Node SDK side of the concurrency benchmark: the official livekit-server-sdk (pinned in
// package.json) calling listRooms on lk-mock-server, measured as
// bench/concurrency/bench_concurrency.cc is:
//   burst: N listRooms at once, each held DELAY_MS by the server (X-Lk-Mock, added by wrapping
//          fetch: the SDK has no custom-header option): seconds until all are done, how many
//          succeeded, resident memory per call in flight (peak maxRSS minus RSS before).
//   fast:  N slow calls in flight, then one plain call: its latency in ms.
// Prints one JSON object.
//   node bench_concurrency.mjs URL burst|fast N DELAY_MS
import { RoomServiceClient } from 'livekit-server-sdk';

const [url, mode, nText, delayText] = process.argv.slice(2);
if (!url || !mode) {
  console.error('usage: node bench_concurrency.mjs URL burst|fast N DELAY_MS');
  process.exit(2);
}
const n = Number(nText);
const delayMs = Number(delayText);

// The SDK reaches fetch only after awaits of its own, so the header goes by count: the next
// `delayedLeft` requests are the held ones.
const control = JSON.stringify({ delayMs });
let delayedLeft = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init = {}) => {
  if (delayedLeft > 0) {
    delayedLeft--;
    const headers = new Headers(init.headers || {});
    headers.set('X-Lk-Mock', control);
    init = { ...init, headers };
  }
  return realFetch(input, init);
};

const rooms = new RoomServiceClient(url, 'devkey', 'secret', { requestTimeout: 60 });
for (let i = 0; i < 20; i++) await rooms.listRooms();  // warm up

const baseKib = Math.round(process.memoryUsage().rss / 1024);
let ok = 0;
delayedLeft = n;
const t0 = process.hrtime.bigint();
const calls = Array.from({ length: n }, () => rooms.listRooms().then(() => { ok++; }, () => {}));
if (mode === 'fast') {
  await new Promise((r) => setTimeout(r, 500));
  const f0 = process.hrtime.bigint();
  let fastOk = true;
  try { await rooms.listRooms(); } catch { fastOk = false; }
  const fastMs = Number(process.hrtime.bigint() - f0) / 1e6;
  await Promise.all(calls);
  console.log(JSON.stringify({ slow_calls: n, slow_ok: ok, fast_ok: fastOk, fast_ms: Number(fastMs.toFixed(1)) }));
} else {
  await Promise.all(calls);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakKib = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({
    calls: n, ok, seconds: Number(seconds.toFixed(3)), base_rss_kib: baseKib, peak_rss_kib: peakKib,
    kib_per_call: Number(((peakKib - baseKib) / n).toFixed(2)),
  }));
}
