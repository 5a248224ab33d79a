// The Node SDK side of the failover benchmark (scripts/bench_failover.sh): the official
// livekit-server-sdk (pinned in package.json) against lk-mock-server with failoverForce, in
// the scenarios of bench/failover/bench_failover.cc. The X-Lk-Mock control header is added to
// every request by wrapping fetch (the SDK has no custom-header option).
// Prints one JSON object with the same keys as the C++ benchmark.
//   node bench_failover.mjs MOCK_URL PROXY_URL PROXY_PID [A_RUNS] [C_CALLS]
import { RoomServiceClient } from 'livekit-server-sdk';

const [mockUrl, proxyUrl, proxyPid] = process.argv.slice(2, 5);
const aRuns = Number(process.argv[5] || 10);
const cCalls = Number(process.argv[6] || 20);
if (!mockUrl || !proxyUrl || !proxyPid) {
  console.error('usage: node bench_failover.mjs MOCK_URL PROXY_URL PROXY_PID [A_RUNS] [C_CALLS]');
  process.exit(2);
}

let control = '';
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init = {}) => {
  if (control) {
    const headers = new Headers(init.headers || {});
    headers.set('X-Lk-Mock', control);
    init = { ...init, headers };
  }
  return realFetch(input, init);
};
console.warn = () => {};  // one warning per failover: not part of the measurement

function client(url, timeoutSeconds) {
  const c = new RoomServiceClient(url, 'devkey', 'secret', { requestTimeout: timeoutSeconds });
  c.rpc.failoverForce = true;
  return c;
}

async function timed(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let ok = true;
  try {
    await fn();
  } catch {
    ok = false;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, ok };
}

async function stats() {
  const r = await realFetch(`${mockUrl}/_test/stats`);
  return r.json();
}
async function resetStats() {
  await realFetch(`${mockUrl}/_test/stats/reset`, { method: 'POST' });
}

const out = {};
const warm = client(mockUrl, 10);
for (let i = 0; i < 50; i++) await warm.listRooms();

// (a) primary answers 503, (b) primary drops the connection: time to success, own CPU.
for (const [key, ctl] of [['a', '{"failRegions":[0]}'], ['b', '{"failRegions":[0],"failMode":"drop"}']]) {
  control = ctl;
  let ms = 0, cpu = 0, ok = 0;
  for (let i = 0; i < aRuns; i++) {
    const r = await timed(() => client(mockUrl, 10).listRooms());
    ms += r.ms; cpu += r.cpuMs; ok += r.ok ? 1 : 0;
  }
  out[`${key}_ms`] = ms / aRuns;
  out[`${key}_cpu_ms`] = cpu / aRuns;
  out[`${key}_ok`] = ok === aRuns;
}

// (c) primary hangs, 5 s timeout, calls in a row.
control = '{"failRegions":[0],"failMode":"hang"}';
{
  const c = client(mockUrl, 5);
  let ok = 0;
  const r = await timed(async () => {
    for (let i = 0; i < cCalls; i++) {
      try { await c.listRooms(); ok++; } catch { /* counted below */ }
    }
  });
  out.c_calls = cCalls;
  out.c_total_ms = r.ms;
  out.c_ok = ok;
}

// (d) after one successful discovery through the origin, the origin hangs on everything.
control = '{"failRegions":[0]}';
{
  const c = client(proxyUrl, 5);
  await c.listRooms();  // fails over: discovery answered through the origin
  process.kill(Number(proxyPid), 'SIGUSR1');
  await new Promise((r) => setTimeout(r, 100));
  control = '{}';
  const r = await timed(() => c.listRooms());
  out.d_ms = r.ms;
  out.d_ok = r.ok;
}

// (e) 200 concurrent failing calls: discovery requests seen by the mock.
control = '{"failRegions":[0]}';
{
  await resetStats();
  const c = client(mockUrl, 10);
  const results = await Promise.allSettled(Array.from({ length: 200 }, () => c.listRooms()));
  const s = await stats();
  out.e_discoveries = s.regions.reduce((n, r) => n + r.discoveries, 0);
  out.e_ok = results.filter((r) => r.status === 'fulfilled').length;
}

console.log(JSON.stringify(out));
process.exit(0);
