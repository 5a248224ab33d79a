// ListRooms against a running lk-mock-server, measured three ways in one process:
//   1. client CPU time per call (user + system time of this whole process, I/O thread
//      included) over sequential calls, one in flight: chained through the callback form (as
//      the Node harness chains awaits), and with the blocking form;
//   2. calls per second with 64 calls in flight (callback form, one thread starting them);
//   3. peak resident memory of the process;
//   4. the floor: the CPU time of the same exchange done by hand (the request bytes the SDK
//      would send, written to one kept-alive socket, the answer read back with blocking
//      system calls, nothing else): what any client pays on this machine for the system
//      calls, the loopback TCP stack and the wake-ups;
//   5. libcurl alone: the same request (the SDK's headers, byte for byte) with the same
//      10 s timeout, on one reused easy handle, driven by the documented multi loop
//      (curl_multi_perform + curl_multi_poll), nothing else: what the SDK's engine is built on.
// 4 and 5 are baselines, not targets: they show how much of the SDK's figure is its own. 1, 4
// and 5 take turns over five rounds (a load change on the machine reaches them alike), and
// each is the best of its rounds.
// Over HTTPS (`--ca FILE` names the CA to trust) the floor is left out (null: it speaks plain
// HTTP/1.1) and libcurl alone uses the same TLS and HTTP version settings as the engine.
// Prints one JSON object:
//   {"cpu_us_per_call": x, "blocking_cpu_us_per_call": b, "calls_per_sec": y, "peak_rss_kib": z,
//    "floor_cpu_us_per_call": f, "libcurl_cpu_us_per_call": c}.
//   bench_api [--ca FILE] URL [json|protobuf] [SEQUENTIAL_CALLS] [CONCURRENT_CALLS]
#include <curl/curl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <memory>
#include <string_view>

#include "livekit/access_token.h"
#include "livekit/room_service_client.h"
#include "livekit/version.h"
#include "../common/baseline_request.h"

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

// One kept-alive HTTP/1.1 connection to 127.0.0.1:port, driven with plain blocking calls.
class RawExchange {
 public:
  RawExchange(int port, std::string request) : request_(std::move(request)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));  // as libcurl does
    ok_ = fd_ >= 0 && connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~RawExchange() {
    if (fd_ >= 0) close(fd_);
  }
  RawExchange(const RawExchange&) = delete;
  RawExchange& operator=(const RawExchange&) = delete;

  // Sends the request and reads the whole answer; false on any failure or a non-200 answer.
  bool Once() {
    if (!ok_ || send(fd_, request_.data(), request_.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request_.size())) {
      return false;
    }
    std::size_t have = 0;
    std::size_t need = 0;  // header bytes + Content-Length, once the header is complete
    for (;;) {
      const ssize_t n = recv(fd_, buffer_ + have, sizeof(buffer_) - have, 0);
      if (n <= 0) return false;
      have += static_cast<std::size_t>(n);
      if (need == 0) {
        const std::string_view head(buffer_, have);
        const auto end = head.find("\r\n\r\n");
        if (end == std::string_view::npos) continue;
        const auto cl = head.find("Content-Length: ");
        if (cl == std::string_view::npos || head.substr(0, 12) != "HTTP/1.1 200") return false;
        need = end + 4 + std::strtoul(buffer_ + cl + 16, nullptr, 10);
      }
      if (have >= need) return have == need;
    }
  }

 private:
  std::string request_;
  int fd_ = -1;
  bool ok_ = false;
  char buffer_[65536];
};

using bench::ListRoomsToken;  // for the baselines' hand-made requests

int PortOf(const std::string& url) { return std::atoi(url.c_str() + url.rfind(':') + 1); }

// CPU microseconds per run of `calls` runs of `once`; -1 when a run fails.
template <typename Fn>
double CpuUsPerCall(int calls, Fn&& once) {
  const double cpu0 = CpuSeconds();
  for (int i = 0; i < calls; ++i) {
    if (!once()) return -1;
  }
  return (CpuSeconds() - cpu0) / calls * 1e6;
}

// The SDK's own headers, so that both baselines send the SDK's request byte for byte (the
// request id is a fixed, well-formed UUID: the baselines reuse one request).
const std::string kUserAgentLine = std::string("User-Agent: ") + livekit::kSdkName + "/" + livekit::kSdkVersion;
constexpr const char* kRequestIdLine = "X-Livekit-Request-Id: 6f1c2a9e-3b4d-4e8f-9a0b-1c2d3e4f5a6b";

// Baseline 4 (see the file comment).
std::string FloorRequest(int port) {
  return "POST /twirp/livekit.RoomService/ListRooms HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
         "\r\nAuthorization: Bearer " + ListRoomsToken() + "\r\nAccept: */*\r\nContent-Type: application/protobuf\r\n" +
         kUserAgentLine + "\r\n" + kRequestIdLine + "\r\nContent-Length: 0\r\n\r\n";
}

// Baseline 5 (see the file comment): one exchange per Once().
class LibcurlExchange {
 public:
  LibcurlExchange(const std::string& url, const std::string& ca_file)
      : target_(url + "/twirp/livekit.RoomService/ListRooms"), auth_("Authorization: Bearer " + ListRoomsToken()) {
    headers_ = curl_slist_append(nullptr, auth_.c_str());
    headers_ = curl_slist_append(headers_, "Content-Type: application/protobuf");
    headers_ = curl_slist_append(headers_, kUserAgentLine.c_str());
    headers_ = curl_slist_append(headers_, kRequestIdLine);
    headers_ = curl_slist_append(headers_, "Expect:");
    bench::SetBaselineRequest(easy_, target_, headers_, 10000L);
    if (!ca_file.empty()) {
      curl_easy_setopt(easy_, CURLOPT_CAINFO, ca_file.c_str());
      curl_easy_setopt(easy_, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    }
  }
  ~LibcurlExchange() {
    curl_slist_free_all(headers_);
    curl_easy_cleanup(easy_);
    curl_multi_cleanup(multi_);
  }
  LibcurlExchange(const LibcurlExchange&) = delete;
  LibcurlExchange& operator=(const LibcurlExchange&) = delete;

  bool Once() {
    curl_multi_add_handle(multi_, easy_);
    int running = 1;
    while (running > 0) {
      curl_multi_perform(multi_, &running);
      if (running > 0) curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
    bool ok = false;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      long status = 0;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
      ok = msg->data.result == CURLE_OK && status == 200;
    }
    curl_multi_remove_handle(multi_, easy_);
    return ok;
  }

 private:
  const std::string target_;
  const std::string auth_;
  CURLM* multi_ = curl_multi_init();
  CURL* easy_ = curl_easy_init();
  curl_slist* headers_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
  std::string ca_file;
  if (argc > 2 && std::string(argv[1]) == "--ca") {
    ca_file = argv[2];
    argc -= 2;
    argv += 2;
  }
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_api [--ca FILE] URL [json|protobuf] [SEQUENTIAL_CALLS] [CONCURRENT_CALLS]\n");
    return 2;
  }
  livekit::ClientOptions options;
  options.url = argv[1];
  options.tls.ca_bundle_path = ca_file;
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

  // Calls per second with 64 in flight (callback form, one thread starting them).
  Pump pump(rooms, concurrent);
  const auto t0 = std::chrono::steady_clock::now();
  pump.Run(64);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (pump.failures() > 0) {
    std::fprintf(stderr, "bench_api: %d calls failed\n", pump.failures());
    return 1;
  }
  const long peak_rss_kib = PeakRssKib();  // the SDK's alone, before the baselines are set up

  const bool https = options.url.rfind("https:", 0) == 0;
  LibcurlExchange libcurl(options.url, ca_file);
  std::unique_ptr<RawExchange> raw;
  if (!https) raw = std::make_unique<RawExchange>(PortOf(options.url), FloorRequest(PortOf(options.url)));
  for (int i = 0; i < 200; ++i) {  // the baselines' warm-up
    if (!libcurl.Once() || (raw && !raw->Once())) {
      std::fprintf(stderr, "bench_api: a baseline exchange failed\n");
      return 1;
    }
  }

  // The SDK's two forms and the baselines take turns, round after round, so that a change in
  // the machine's load reaches them all alike; each figure is the best of its rounds (other
  // processes only ever add CPU time, so the minimum is the least noisy figure).
  constexpr int kRounds = 5;
  const int per_round = std::max(1, sequential / kRounds);
  double cpu_per_call_us = 1e30;
  double blocking_cpu_per_call_us = 1e30;
  double floor_us = 1e30;
  double libcurl_us = 1e30;
  for (int round = 0; round < kRounds; ++round) {
    // One call in flight, each started from the previous one's completion: what the Node
    // harness's `await listRooms()` loop does on its event loop.
    Pump chain(rooms, per_round);
    const double cpu0 = CpuSeconds();
    chain.Run(1);
    cpu_per_call_us = std::min(cpu_per_call_us, (CpuSeconds() - cpu0) / per_round * 1e6);
    if (chain.failures() > 0) {
      std::fprintf(stderr, "bench_api: %d calls failed\n", chain.failures());
      return 1;
    }
    // The blocking form: the calling thread hands each call to the I/O thread and sleeps.
    std::string failure;
    const double blocking = CpuUsPerCall(per_round, [&rooms, &failure] {
      auto r = rooms.ListRooms(livekit::ListRoomsRequest{});
      if (!r.ok()) failure = r.error().ToString();
      return r.ok();
    });
    if (blocking < 0) {
      std::fprintf(stderr, "bench_api: %s\n", failure.c_str());
      return 1;
    }
    blocking_cpu_per_call_us = std::min(blocking_cpu_per_call_us, blocking);
    const double curl_round = CpuUsPerCall(per_round, [&libcurl] { return libcurl.Once(); });
    const double floor_round = raw ? CpuUsPerCall(per_round, [&raw] { return raw->Once(); }) : 0;
    if (curl_round < 0 || floor_round < 0) {
      std::fprintf(stderr, "bench_api: a baseline exchange failed\n");
      return 1;
    }
    libcurl_us = std::min(libcurl_us, curl_round);
    floor_us = std::min(floor_us, floor_round);
  }

  char floor_text[32] = "null";
  if (!https) std::snprintf(floor_text, sizeof floor_text, "%.2f", floor_us);
  std::printf(
      "{\"cpu_us_per_call\": %.2f, \"blocking_cpu_us_per_call\": %.2f, \"calls_per_sec\": %.0f, "
      "\"peak_rss_kib\": %ld, \"floor_cpu_us_per_call\": %s, \"libcurl_cpu_us_per_call\": %.2f}\n",
      cpu_per_call_us, blocking_cpu_per_call_us, concurrent / seconds, peak_rss_kib, floor_text, libcurl_us);
  return 0;
}
