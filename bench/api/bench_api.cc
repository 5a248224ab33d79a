// ListRooms against a running lk-mock-server, measured three ways in one process:
//   1. client CPU time per call (user + system time of this whole process, I/O thread
//      included) over sequential calls, one in flight, best of three rounds: chained through
//      the callback form (as the Node harness chains awaits), and with the blocking form;
//   2. calls per second with 64 calls in flight (callback form, one thread starting them);
//   3. peak resident memory of the process.
// Prints one JSON object:
//   {"cpu_us_per_call": x, "blocking_cpu_us_per_call": b, "calls_per_sec": y, "peak_rss_kib": z}.
//   bench_api URL [json|protobuf] [SEQUENTIAL_CALLS] [CONCURRENT_CALLS]
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

#include "livekit/room_service_client.h"

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long PeakRssKib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Keeps `inflight` calls running until `total` have completed.
class Pump {
 public:
  Pump(const livekit::RoomServiceClient& client, int total) : client_(client), total_(total) {}

  void Run(int inflight) {
    for (int i = 0; i < inflight; ++i) StartOne();
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return finished_ == total_; });
  }
  int failures() const { return failures_.load(); }

 private:
  void StartOne() {
    if (started_.fetch_add(1) >= total_) return;
    client_.ListRoomsAsync(livekit::ListRoomsRequest{}, [this](livekit::Result<livekit::ListRoomsResponse> r) {
      if (!r.ok()) ++failures_;
      StartOne();
      std::lock_guard<std::mutex> lock(mu_);
      if (++finished_ == total_) cv_.notify_all();
    });
  }

  const livekit::RoomServiceClient& client_;
  const int total_;
  std::atomic<int> started_{0};
  std::atomic<int> failures_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  int finished_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_api URL [json|protobuf] [SEQUENTIAL_CALLS] [CONCURRENT_CALLS]\n");
    return 2;
  }
  livekit::ClientOptions options;
  options.url = argv[1];
  options.api_key = "devkey";
  options.api_secret = "secret";
  options.encoding = (argc > 2 && std::string(argv[2]) == "json") ? livekit::Encoding::kJson : livekit::Encoding::kProtobuf;
  const int sequential = argc > 3 ? std::atoi(argv[3]) : 3000;
  const int concurrent = argc > 4 ? std::atoi(argv[4]) : 20000;
  livekit::RoomServiceClient rooms(options);

  for (int i = 0; i < 200; ++i) {  // warm up: connections, allocator, caches
    auto r = rooms.ListRooms(livekit::ListRoomsRequest{});
    if (!r.ok()) {
      std::fprintf(stderr, "bench_api: %s\n", r.error().ToString().c_str());
      return 1;
    }
  }

  // Each figure is the best of kRounds rounds: other processes on the machine only ever add
  // CPU time (cache and scheduler pressure), so the minimum is the least noisy figure.
  constexpr int kRounds = 3;

  // One call in flight, each started from the previous one's completion: what the Node
  // harness's `await listRooms()` loop does on its event loop.
  double cpu_per_call_us = 1e30;
  for (int round = 0; round < kRounds; ++round) {
    Pump chain(rooms, sequential);
    const double cpu0 = CpuSeconds();
    chain.Run(1);
    cpu_per_call_us = std::min(cpu_per_call_us, (CpuSeconds() - cpu0) / sequential * 1e6);
    if (chain.failures() > 0) {
      std::fprintf(stderr, "bench_api: %d calls failed\n", chain.failures());
      return 1;
    }
  }

  // The blocking form: the calling thread hands each call to the I/O thread and sleeps.
  double blocking_cpu_per_call_us = 1e30;
  for (int round = 0; round < kRounds; ++round) {
    const double cpu0 = CpuSeconds();
    for (int i = 0; i < sequential; ++i) {
      auto r = rooms.ListRooms(livekit::ListRoomsRequest{});
      if (!r.ok()) {
        std::fprintf(stderr, "bench_api: %s\n", r.error().ToString().c_str());
        return 1;
      }
    }
    blocking_cpu_per_call_us = std::min(blocking_cpu_per_call_us, (CpuSeconds() - cpu0) / sequential * 1e6);
  }

  Pump pump(rooms, concurrent);
  const auto t0 = std::chrono::steady_clock::now();
  pump.Run(64);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (pump.failures() > 0) {
    std::fprintf(stderr, "bench_api: %d calls failed\n", pump.failures());
    return 1;
  }
  std::printf(
      "{\"cpu_us_per_call\": %.2f, \"blocking_cpu_us_per_call\": %.2f, \"calls_per_sec\": %.0f, "
      "\"peak_rss_kib\": %ld}\n",
      cpu_per_call_us, blocking_cpu_per_call_us, concurrent / seconds, PeakRssKib());
  return 0;
}
