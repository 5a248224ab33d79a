// Concurrency benchmark of the C++ SDK against lk-mock-server, measured as
// tools/node_sdk/bench_concurrency.mjs measures the Node SDK:
//   burst:  N ListRoomsAsync at once from one client, each held DELAY_MS by the server
//           (X-Lk-Mock {"delayMs":...}): seconds until all are done, how many succeeded, and
//           resident memory (peak during the burst minus before it) per call in flight.
//   fast:   N slow calls (DELAY_MS) in flight, then one plain call: its latency in ms.
//   libcurl: the burst's requests sent by libcurl alone (bench/concurrency/libcurl_burst.h),
//           the baseline measured in the same run, from one loop with libcurl's connection cache.
//   libcurl-closing: the same from LOOPS loops (default 1) on as many threads, each connection
//           closed when its transfer ends: the fastest libcurl alone sends the burst here.
// Prints one JSON object.
//   bench_concurrency URL burst N DELAY_MS
//   bench_concurrency URL fast N DELAY_MS
//   bench_concurrency URL libcurl N DELAY_MS
//   bench_concurrency URL libcurl-closing N DELAY_MS [LOOPS]
#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

#include "libcurl_burst.h"
#include "livekit/room_service_client.h"

namespace {

using Clock = std::chrono::steady_clock;

long PeakRssKib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;  // KiB on Linux
}

long CurrentRssKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

// Bytes of heap in use (glibc), 0 elsewhere: tells the SDK's and libcurl's allocations apart
// from the rest of the resident memory.
long HeapInUseKib() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  const struct mallinfo2 m = mallinfo2();
  return static_cast<long>((m.uordblks + m.hblkhd) / 1024);
#else
  return 0;
#endif
}

struct Countdown {
  explicit Countdown(int n) : left(n) {}
  void Done() {
    std::lock_guard<std::mutex> lock(mu);
    if (--left == 0) cv.notify_all();
  }
  void Wait() {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [this] { return left == 0; });
  }
  std::mutex mu;
  std::condition_variable cv;
  int left;
};

livekit::CallOptions Held(int delay_ms) {
  livekit::CallOptions c;
  c.headers.emplace_back("X-Lk-Mock", "{\"delayMs\":" + std::to_string(delay_ms) + "}");
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::fprintf(stderr, "usage: bench_concurrency URL burst|fast|libcurl|libcurl-closing N DELAY_MS [LOOPS]\n");
    return 2;
  }
  const std::string url = argv[1];
  const std::string mode = argv[2];
  const int n = std::atoi(argv[3]);
  const int delay_ms = std::atoi(argv[4]);
  if (mode == "libcurl" || mode == "libcurl-closing") {
    bench::BurstShape shape;
    shape.close_connections = mode == "libcurl-closing";
    shape.loops = argc == 6 ? std::max(1, std::atoi(argv[5])) : 1;
    const long base_kib = CurrentRssKib();
    const bench::BurstResult r = bench::LibcurlBurst(url, n, delay_ms, shape);
    std::printf("{\"calls\": %d, \"ok\": %d, \"seconds\": %.3f, \"kib_per_call\": %.2f}\n", n, r.ok, r.seconds,
                static_cast<double>(PeakRssKib() - base_kib) / static_cast<double>(n));
    return 0;
  }
  livekit::ClientOptions o;
  o.url = url;
  o.api_key = "devkey";
  o.api_secret = "secret";
  o.timeout = std::chrono::milliseconds(60000);
  livekit::RoomServiceClient rooms(o);
  for (int i = 0; i < 20; ++i) (void)rooms.ListRooms(livekit::ListRoomsRequest());  // warm up

  const livekit::CallOptions held = Held(delay_ms);
  Countdown done(n);
  std::atomic<int> ok{0};
  const long base_kib = CurrentRssKib();
  const long base_heap_kib = HeapInUseKib();
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    rooms.ListRoomsAsync(livekit::ListRoomsRequest(), [&](livekit::Result<livekit::ListRoomsResponse> r) {
      if (r.ok()) ++ok;
      done.Done();
    }, held);
  }
  if (mode == "fast") {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the slow ones reach the server
    const auto f0 = Clock::now();
    auto r = rooms.ListRooms(livekit::ListRoomsRequest());
    const double fast_ms = std::chrono::duration<double, std::milli>(Clock::now() - f0).count();
    done.Wait();
    std::printf("{\"slow_calls\": %d, \"slow_ok\": %d, \"fast_ok\": %s, \"fast_ms\": %.1f}\n", n, ok.load(),
                r.ok() ? "true" : "false", fast_ms);
    return 0;
  }
  // Half-way through the server's delay every call is in flight (unless the burst is slower).
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms / 2));
  const long mid_heap_kib = HeapInUseKib();
  done.Wait();
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const long peak_kib = PeakRssKib();
  std::printf("{\"calls\": %d, \"ok\": %d, \"seconds\": %.3f, \"base_rss_kib\": %ld, \"peak_rss_kib\": %ld, "
              "\"kib_per_call\": %.2f, \"heap_kib_per_call_midway\": %.2f}\n",
              n, ok.load(), seconds, base_kib, peak_kib,
              static_cast<double>(peak_kib - base_kib) / static_cast<double>(n),
              static_cast<double>(mid_heap_kib - base_heap_kib) / static_cast<double>(n));
  return 0;
}
