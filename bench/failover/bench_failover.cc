// The failover benchmark, C++ side: RoomServiceClient::ListRooms against lk-mock-server with
// failover forced, in the scenarios of issue 5:
//   (a) the primary answers 503: time to success and the process's CPU time per call;
//   (b) the primary drops the connection: the same;
//   (c) the primary hangs, 5 s timeout, calls in a row: total time;
//   (d) the origin answered discovery once, then hangs on everything (a blackhole proxy in
//       front of region 0): time and success of the next call, with the health memory (default)
//       and without it (cool-down 1 ms: discovery from the other known regions, B3);
//   (e) 200 concurrent failing calls: discovery requests counted by the mock;
//   (f) the primary hangs, 5 s timeout, reads hedged after 300 ms, calls in a row: total time
//       and the first call's time;
//   (g) healthy regions, reads hedged after 300 ms: extra requests per 1,000 calls, and the CPU
//       per call beside the same calls with hedging off (alternating rounds);
//   (h) 200 concurrent reads while the primary hangs, hedged after 300 ms: successes,
//       discovery requests and extra requests counted by the mock.
// Prints one JSON object (same keys as tools/node_sdk/bench_failover.mjs).
//   bench_failover [--ca FILE] MOCK_URL PROXY_URL PROXY_PID [A_RUNS] [C_CALLS]

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

// The CA to trust over HTTPS (`--ca FILE`), for the SDK and for the mock's control routes.
std::string g_ca_file;

std::string Http(const std::string& url, bool post) {
  CURL* c = curl_easy_init();
  std::string body;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
  if (!g_ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, g_ca_file.c_str());
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
  o.tls.ca_bundle_path = g_ca_file;
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

// The mock's counters summed over its regions.
struct MockTotals {
  int api_calls = 0;
  int discoveries = 0;
};

MockTotals Totals(const std::string& mock) {
  auto stats = nlohmann::json::parse(Http(mock + "/_test/stats", false));
  MockTotals t;
  for (const auto& r : stats.at("regions")) {
    t.api_calls += r.at("apiCalls").get<int>();
    t.discoveries += r.at("discoveries").get<int>();
  }
  return t;
}

// (f), (g), (h): hedged reads. Keys f_*, g_*, h_* (the Node SDK has no hedging).
void HedgeScenarios(const std::string& mock, int f_calls, nlohmann::json& out) {
  constexpr Ms kHedge(300);
  {  // (f)
    auto o = Options(mock, R"({"failRegions":[0],"failMode":"hang"})", Ms(5000),
                     std::make_shared<livekit::RegionState>());
    o.failover.hedge_after = kHedge;
    livekit::RoomServiceClient client(o);
    int ok = 0;
    double first_ms = 0;
    auto t0 = Clock::now();
    for (int i = 0; i < f_calls; ++i) {
      ok += client.ListRooms(livekit::ListRoomsRequest()).ok() ? 1 : 0;
      if (i == 0) first_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    out["f_calls"] = f_calls;
    out["f_total_ms"] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    out["f_first_ms"] = first_ms;
    out["f_ok"] = ok;
  }
  {  // (g): rounds alternate off/on so that load changes hit both alike; the best round of each
    constexpr int kCalls = 2000;
    constexpr int kRounds = 5;
    double cpu_off = 1e9, cpu_on = 1e9;
    int extra_on = 0, extra_off = 0;
    for (int round = 0; round < kRounds; ++round) {
      for (bool hedged : {false, true}) {
        auto o = Options(mock, "", Ms(5000), std::make_shared<livekit::RegionState>());
        if (hedged) o.failover.hedge_after = kHedge;
        livekit::RoomServiceClient client(o);
        (void)client.ListRooms(livekit::ListRoomsRequest());  // its connection, outside the count
        Http(mock + "/_test/stats/reset", true);
        double cpu0 = CpuMs();
        for (int i = 0; i < kCalls; ++i) (void)client.ListRooms(livekit::ListRoomsRequest());
        double cpu = (CpuMs() - cpu0) / kCalls;
        int extra = Totals(mock).api_calls - kCalls;
        (hedged ? cpu_on : cpu_off) = std::min(hedged ? cpu_on : cpu_off, cpu);
        (hedged ? extra_on : extra_off) += extra;
      }
    }
    out["g_calls"] = kCalls * kRounds;
    out["g_extra_per_1000_on"] = extra_on * 1000.0 / (kCalls * kRounds);
    out["g_extra_per_1000_off"] = extra_off * 1000.0 / (kCalls * kRounds);
    out["g_cpu_us_on"] = cpu_on * 1000;
    out["g_cpu_us_off"] = cpu_off * 1000;
  }
  {  // (h)
    Http(mock + "/_test/stats/reset", true);
    auto state = std::make_shared<livekit::RegionState>();
    auto o = Options(mock, R"({"failRegions":[0],"failMode":"hang"})", Ms(5000), state);
    o.failover.hedge_after = kHedge;
    livekit::RoomServiceClient client(o);
    constexpr int kReads = 200;
    auto t0 = Clock::now();
    std::vector<std::future<livekit::Result<livekit::ListRoomsResponse>>> calls;
    for (int i = 0; i < kReads; ++i) calls.push_back(client.ListRoomsAsync(livekit::ListRoomsRequest()));
    int ok = 0;
    nlohmann::json errors = nlohmann::json::object();
    for (auto& f : calls) {
      auto r = f.get();
      if (r.ok()) {
        ++ok;
        continue;
      }
      std::string key = livekit::ToString(r.error().code());
      errors[key] = errors.value(key, 0) + 1;
      if (errors[key] == 1) {
        std::fprintf(stderr, "bench_failover (h): %s\n", r.error().ToString().c_str());
        for (const auto& a : r.error().attempts()) {
          std::fprintf(stderr, "  attempt %s%s: %s %s in %lld ms\n", a.hedge ? "(hedge) " : "", a.host.c_str(),
                       livekit::ToString(a.outcome), a.detail.c_str(), static_cast<long long>(a.duration.count()));
        }
      }
    }
    out["h_errors"] = errors;
    auto totals = Totals(mock);
    auto counters = state->counters();
    out["h_reads"] = kReads;
    out["h_ok"] = ok;
    out["h_total_ms"] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    out["h_discoveries"] = totals.discoveries;
    out["h_extra_requests"] = totals.api_calls - kReads;
    out["h_hedges"] = counters.hedges;
    out["h_failovers"] = counters.failovers;
    out["h_sdk_discoveries"] = counters.discovery_requests;
    out["h_sdk_discovery_failures"] = counters.discovery_failures;
    out["h_same_host_retries"] = counters.same_host_retries;
    out["h_budget_denials"] = counters.budget_denials;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2 && std::string(argv[1]) == "--ca") {  // HTTPS endpoints (scripts/bench_failover.sh)
    g_ca_file = argv[2];
    argc -= 2;
    argv += 2;
  }
  // A PROXY_PID that does not parse would be 0: kill(0, ...) signals this whole process group.
  if (argc < 4 || std::atoi(argv[3]) <= 0) {
    std::fprintf(stderr, "usage: bench_failover [--ca FILE] MOCK_URL PROXY_URL PROXY_PID [A_RUNS] [C_CALLS]\n");
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

  HedgeScenarios(mock, c_calls, out);

  std::printf("%s\n", out.dump().c_str());
  return 0;
}
