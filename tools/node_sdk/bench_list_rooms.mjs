// The Node SDK side of the API benchmark: the official livekit-server-sdk (pinned in
// package.json) calling listRooms on lk-mock-server, measured as bench/api/bench_api.cc is:
// CPU time per call over sequential calls, best of three rounds (process.cpuUsage(): user +
// system), calls per
// second with 64 in flight, and peak resident memory (process.resourceUsage().maxRSS).
// Prints one JSON object: {"cpu_us_per_call": x, "calls_per_sec": y, "peak_rss_kib": z}.
//   node bench_list_rooms.mjs URL [SEQUENTIAL_CALLS] [CONCURRENT_CALLS]
import { RoomServiceClient } from 'livekit-server-sdk';

const url = process.argv[2];
const sequential = Number(process.argv[3] || 3000);
const concurrent = Number(process.argv[4] || 20000);
if (!url) {
  console.error('usage: node bench_list_rooms.mjs URL [SEQUENTIAL_CALLS] [CONCURRENT_CALLS]');
  process.exit(2);
}
const rooms = new RoomServiceClient(url, 'devkey', 'secret');

for (let i = 0; i < 200; i++) await rooms.listRooms();  // warm up the JIT and connections

// The best of three rounds, as bench_api does: machine noise only ever adds CPU time.
let cpuPerCall = Infinity;
for (let round = 0; round < 3; round++) {
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < sequential; i++) await rooms.listRooms();
  const cpu = process.cpuUsage(cpu0);
  cpuPerCall = Math.min(cpuPerCall, (cpu.user + cpu.system) / sequential);
}

let started = 0;
async function worker() {
  while (started < concurrent) {
    started++;
    await rooms.listRooms();
  }
}
const t0 = process.hrtime.bigint();
await Promise.all(Array.from({ length: 64 }, worker));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

console.log(JSON.stringify({
  cpu_us_per_call: Number(cpuPerCall.toFixed(2)),
  calls_per_sec: Math.round(concurrent / seconds),
  peak_rss_kib: process.resourceUsage().maxRSS,
}));
