// The failover benchmark, C++ side: RoomServiceClient::ListRooms against lk-mock-server with
// failover forced, in the scenarios of issue 5:
//   (a) the primary answers 503: time to success and the process's CPU time per call;
//   (b) the primary drops the connection: the same;
//   (c) the primary hangs, 5 s timeout, calls in a row: total time;
//   (d) the origin answered discovery once, then hangs on everything (a blackhole proxy in
//       front of region 0): time and success of the next call, with the health memory (default)
//       and without it (cool-down 1 ms: discovery from the other known regions, B3);
//   (e) 200 concurrent failing calls: discovery requests counted by the mock.
// Prints one JSON object (same keys as tools/node_sdk/bench_failover.mjs).
//   bench_failover MOCK_URL PROXY_URL PROXY_PID [A_RUNS] [C_CALLS]

#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "livekit/room_service_client.h"

namespace {

using Clock = std::chrono::steady_clock;
using Ms = std::chrono::milliseconds;

double CpuMs() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

std::size_t Collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::string Http(const std::string& url, bool post) {
  CURL* c = curl_easy_init();
  std::string body;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
  if (post) curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
  curl_easy_perform(c);
  curl_easy_cleanup(c);
  return body;
}

livekit::ClientOptions Options(const std::string& url, const std::string& control, Ms timeout,
                               std::shared_ptr<livekit::RegionState> state) {
  livekit::ClientOptions o;
  o.url = url;
  o.api_key = "devkey";
  o.api_secret = "secret";
  o.timeout = timeout;
  if (!control.empty()) o.headers.emplace_back("X-Lk-Mock", control);
  o.failover.force = true;
  o.failover.region_state = std::move(state);
  o.failover.logger = livekit::MakeNullLogger();
  return o;
}

struct Timed {
  double ms = 0;
  double cpu_ms = 0;
  bool ok = false;
};

Timed TimeCall(const livekit::RoomServiceClient& client) {
  double cpu0 = CpuMs();
  auto t0 = Clock::now();
  bool ok = client.ListRooms(livekit::ListRoomsRequest()).ok();
  Timed t;
  t.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  t.cpu_ms = CpuMs() - cpu0;
  t.ok = ok;
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_failover MOCK_URL PROXY_URL PROXY_PID [A_RUNS] [C_CALLS]\n");
    return 2;
  }
  const std::string mock = argv[1];
  const std::string proxy = argv[2];
  const pid_t proxy_pid = static_cast<pid_t>(std::atoi(argv[3]));
  const int a_runs = argc > 4 ? std::atoi(argv[4]) : 10;
  const int c_calls = argc > 5 ? std::atoi(argv[5]) : 20;
  nlohmann::json out;

  {  // warm up the engine and its connections
    livekit::RoomServiceClient warm(Options(mock, "", Ms(10000), std::make_shared<livekit::RegionState>()));
    for (int i = 0; i < 50; ++i) (void)warm.ListRooms(livekit::ListRoomsRequest());
  }

  // (a), (b): every run with fresh shared state, so each one pays discovery and failover.
  for (auto [key, control] : {std::pair<const char*, const char*>{"a", R"({"failRegions":[0]})"},
                              {"b", R"({"failRegions":[0],"failMode":"drop"})"}}) {
    double ms = 0, cpu = 0;
    int ok = 0;
    for (int i = 0; i < a_runs; ++i) {
      livekit::RoomServiceClient client(Options(mock, control, Ms(10000), std::make_shared<livekit::RegionState>()));
      Timed t = TimeCall(client);
      ms += t.ms;
      cpu += t.cpu_ms;
      ok += t.ok ? 1 : 0;
    }
    out[std::string(key) + "_ms"] = ms / a_runs;
    out[std::string(key) + "_cpu_ms"] = cpu / a_runs;
    out[std::string(key) + "_ok"] = ok == a_runs;
  }

  {  // (c)
    livekit::RoomServiceClient client(Options(mock, R"({"failRegions":[0],"failMode":"hang"})", Ms(5000),
                                              std::make_shared<livekit::RegionState>()));
    int ok = 0;
    auto t0 = Clock::now();
    for (int i = 0; i < c_calls; ++i) ok += client.ListRooms(livekit::ListRoomsRequest()).ok() ? 1 : 0;
    out["c_calls"] = c_calls;
    out["c_total_ms"] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    out["c_ok"] = ok;
  }

  // (d): one successful discovery through the origin, then the origin hangs on everything.
  for (auto [key, cool_down] : {std::pair<const char*, Ms>{"d", Ms(30000)}, {"d_b3", Ms(1)}}) {
    livekit::RegionState::Options ro;
    ro.cool_down = cool_down;
    ro.max_cool_down = std::max(cool_down, Ms(1));
    auto state = std::make_shared<livekit::RegionState>(ro);
    livekit::RoomServiceClient before(Options(proxy, R"({"failRegions":[0]})", Ms(5000), state));
    (void)before.ListRooms(livekit::ListRoomsRequest());
    kill(proxy_pid, SIGUSR1);
    std::this_thread::sleep_for(Ms(100));
    if (cool_down < Ms(100)) std::this_thread::sleep_for(Ms(10));
    livekit::RoomServiceClient after(Options(proxy, "{}", Ms(5000), state));
    Timed t = TimeCall(after);
    out[std::string(key) + "_ms"] = t.ms;
    out[std::string(key) + "_ok"] = t.ok;
    kill(proxy_pid, SIGUSR2);
    std::this_thread::sleep_for(Ms(100));
  }

  {  // (e)
    Http(mock + "/_test/stats/reset", true);
    livekit::RoomServiceClient client(Options(mock, R"({"failRegions":[0]})", Ms(10000),
                                              std::make_shared<livekit::RegionState>()));
    std::vector<std::future<livekit::Result<livekit::ListRoomsResponse>>> calls;
    for (int i = 0; i < 200; ++i) calls.push_back(client.ListRoomsAsync(livekit::ListRoomsRequest()));
    int ok = 0;
    for (auto& f : calls) ok += f.get().ok() ? 1 : 0;
    auto stats = nlohmann::json::parse(Http(mock + "/_test/stats", false));
    int discoveries = 0;
    for (const auto& r : stats.at("regions")) discoveries += r.at("discoveries").get<int>();
    out["e_discoveries"] = discoveries;
    out["e_ok"] = ok;
  }

  std::printf("%s\n", out.dump().c_str());
  return 0;
}
