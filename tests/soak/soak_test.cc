// Soak (issue 6, "Faults and load"): 4 regions of lk-mock-server, thousands of calls from 8
// threads in the blocking, future and callback forms at once, while a driver keeps changing
// which regions fail and how (status, drop, hang, failed discovery, 451 pins) through the
// per-call X-Lk-Mock header. Checked on every call: it ends within its deadline + slack, with
// success or a classified error, in at most 3 attempts. At the end the mock's request
// counters must equal the SDK's own (RegionState::counters()).
//
// LIVEKIT_SOAK_CALLS (default 3000) sets the number of calls; LIVEKIT_SOAK_SLACK_MS (default
// 100) the lateness allowed past a call's deadline. The hedging variant runs half as many
// calls with hedged reads on (100 ms) and an undrainable retry budget: hedges and their
// cancelled losers must keep every rule.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

// nlohmann's iterators trip GCC's -Wnull-dereference at -O2 (a false positive in its header).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <nlohmann/json.hpp>
#pragma GCC diagnostic pop

#include "support/mock_server_process.h"
#include "livekit/failover_events.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "livekit/room_service_client.h"
#include "transport/curl_engine.h"

namespace livekit {
namespace {

using Clock = std::chrono::steady_clock;
using Ms = std::chrono::milliseconds;

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && std::atoi(v) > 0 ? std::atoi(v) : fallback;
}

// What the regions do to one call. `short_timeout`: a per-attempt timeout below the 5 s guard
// (one attempt, no failover); otherwise 5 s per attempt and the call's deadline bounds it.
struct Scenario {
  const char* name;
  const char* control;
};
const Scenario kScenarios[] = {
    {"healthy", "{}"},
    {"primary 503", R"({"failRegions":[0]})"},
    {"two dropped", R"({"failRegions":[0,1],"failMode":"drop"})"},
    {"primary hangs", R"({"failRegions":[0],"failMode":"hang"})"},
    {"all 503", R"({"failRegions":[0,1,2,3]})"},
    {"all dropped", R"({"failRegions":[0,1,2,3],"failMode":"drop"})"},
    {"discovery down", R"({"failRegions":[0],"regionsStatus":500})"},
    {"pinned to region-2", R"({"pinnedRegions":["region-2"]})"},
    {"pinned to 1 and 3", R"({"pinnedRegions":["region-1","region-3"]})"},
    {"pinned nowhere", R"({"pinnedRegions":["region-9"]})"},
    {"primary 429", R"({"failRegions":[0],"failStatus":429})"},
    {"slow answers", R"({"delayMs":20})"},
    {"three 502, last slow", R"({"failRegions":[0,1,2],"failStatus":502,"delayMs":10})"},
};
constexpr int kScenarioCount = static_cast<int>(sizeof kScenarios / sizeof kScenarios[0]);

// Counts attempts per request id (the cap holds for successful calls too, whose Result
// carries no attempt list).
class AttemptCounter final : public FailoverListener {
 public:
  void OnAttemptStarted(const AttemptStartedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++per_call_[e.request_id];
  }
  std::map<std::string, int> snapshot() const {
    std::lock_guard<std::mutex> lock(mu_);
    return per_call_;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, int> per_call_;
};

// One finished call, as the checker sees it.
struct CallRecord {
  std::string scenario;
  std::string request_id;
  Ms deadline{0};
  Ms took{0};
  bool ok = false;
  ErrorCode code = ErrorCode::kOk;
  std::size_t attempts = 0;
  std::string error;
};

class Recorder {
 public:
  void Add(CallRecord r) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      records_.push_back(std::move(r));
    }
    cv_.notify_all();
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return records_.size();
  }
  // Blocks until at least `n` calls finished or `stop` is set.
  void WaitFor(std::size_t n, const std::atomic<bool>& stop) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return records_.size() >= n || stop.load(); });
  }
  void Wake() { cv_.notify_all(); }
  std::vector<CallRecord> records() const {
    std::lock_guard<std::mutex> lock(mu_);
    return records_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<CallRecord> records_;
};

// GET url through the SDK's own engine (a plain HTTP request, no failover).
std::string HttpGet(const std::string& url) {
  internal::CurlEngine engine;
  internal::HttpRequest req;
  req.verb = internal::HttpRequest::Verb::kGet;
  req.url = url;
  req.timeout = Ms(10000);
  std::promise<internal::ExchangeResult> p;
  engine.Send(std::move(req), [&p](internal::ExchangeResult r) { p.set_value(std::move(r)); });
  auto r = p.get_future().get();
  return r.response ? r.response->body : std::string();
}

template <typename T>
CallRecord Record(const Result<T>& r, const std::string& scenario, const std::string& id, Ms deadline, Ms took) {
  CallRecord c;
  c.scenario = scenario;
  c.request_id = id;
  c.deadline = deadline;
  c.took = took;
  c.ok = r.ok();
  if (!r.ok()) {
    c.code = r.error().code();
    c.attempts = r.error().attempts().size();
    c.error = r.error().ToString();
  }
  return c;
}

// Runs the soak; with `hedge_after`, every call hedges its reads after that delay.
void RunSoak(int total_calls, std::optional<Ms> hedge_after) {
  const Ms slack(EnvInt("LIVEKIT_SOAK_SLACK_MS", 100));
  constexpr int kThreads = 8;
  constexpr int kBatch = 4;  // futures / callbacks in flight per thread at once

  test::MockServerProcess mock(4);
  // Short cool-downs so the health memory keeps changing state during the run.
  RegionState::Options state_options;
  state_options.cool_down = Ms(150);
  state_options.max_cool_down = Ms(600);
  // Hedged runs: a budget the all-fail scenarios cannot drain, so that hedges keep happening
  // (the plain run covers the budget's denials).
  if (hedge_after) state_options.budget_max_tokens = 1e6;
  auto state = std::make_shared<RegionState>(state_options);
  auto attempts = std::make_shared<AttemptCounter>();

  ClientOptions o;
  o.url = mock.url(0);
  o.api_key = "devkey";
  o.api_secret = "secret";
  o.failover.force = true;
  o.failover.region_state = state;
  o.failover.listener = attempts;
  o.failover.logger = MakeNullLogger();
  RoomServiceClient client(o);
  ASSERT_TRUE(client.status().ok());

  Recorder recorder;
  std::atomic<int> scenario{0};
  std::atomic<int> next_call{0};
  std::atomic<bool> done{false};

  // The driver: a new fault pattern every 25 finished calls, in a shuffled order.
  std::thread driver([&] {
    std::mt19937 rng(12345);
    std::size_t seen = 0;
    while (!done.load()) {
      seen += 25;
      recorder.WaitFor(seen, done);
      scenario.store(static_cast<int>(rng() % kScenarioCount));
    }
  });

  // Options of call n: a scenario, a timeout regime, a deadline, sometimes fewer attempts or
  // the strict idempotency policy.
  auto make_call = [&](std::mt19937& rng, int n, std::string* name, Ms* deadline) {
    const Scenario& s = kScenarios[scenario.load()];
    *name = s.name;
    CallOptions c;
    c.headers.emplace_back("X-Lk-Mock", s.control);
    c.request_id = "soak-" + std::to_string(n);
    FailoverOptions f = o.failover;
    if (rng() % 4 == 0) {
      c.timeout = Ms(150 + static_cast<int>(rng() % 150));  // below 5 s: a single attempt (A3)
      *deadline = *c.timeout + Ms(100);
    } else {
      c.timeout = Ms(5000);
      *deadline = Ms(400 + static_cast<int>(rng() % 600));
    }
    f.deadline = *deadline;
    f.hedge_after = hedge_after;
    f.max_attempts = 1 + static_cast<int>(rng() % 5);  // values above 3 must be capped
    if (rng() % 5 == 0) f.idempotency = IdempotencyPolicy::kSafeOnly;
    c.failover = f;
    return c;
  };

  auto worker = [&](int index) {
    std::mt19937 rng(static_cast<unsigned>(1000 + index));
    for (int round = 0;; ++round) {
      const int mode = round % 3;
      const int want = mode == 0 ? 1 : kBatch;
      const int first = next_call.fetch_add(want);
      if (first >= total_calls) return;
      const int count = std::min(want, total_calls - first);
      if (mode == 0) {  // blocking
        std::string name;
        Ms deadline;
        CallOptions c = make_call(rng, first, &name, &deadline);
        const auto start = Clock::now();
        auto r = client.ListRooms(ListRoomsRequest(), c);
        recorder.Add(Record(r, name, *c.request_id, deadline,
                            std::chrono::duration_cast<Ms>(Clock::now() - start)));
      } else if (mode == 1) {  // futures, gathered in order (the measure is an upper bound)
        struct Pending {
          std::future<Result<Room>> f;
          std::string name, id;
          Ms deadline;
          Clock::time_point start;
        };
        std::vector<Pending> pending;
        for (int k = 0; k < count; ++k) {
          Pending p;
          CallOptions c = make_call(rng, first + k, &p.name, &p.deadline);
          p.id = *c.request_id;
          CreateRoomRequest req;
          req.set_name("soak-room-" + std::to_string(first + k));
          p.start = Clock::now();
          p.f = client.CreateRoomAsync(req, c);
          pending.push_back(std::move(p));
        }
        Ms latest(0);  // a future is read after those before it: compare with the latest deadline so far
        for (auto& p : pending) {
          auto r = p.f.get();
          latest = std::max(latest, p.deadline);
          p.deadline = latest;
          recorder.Add(Record(r, p.name, p.id, p.deadline, std::chrono::duration_cast<Ms>(Clock::now() - p.start)));
        }
      } else {  // callbacks, timed on the I/O thread when they run
        std::mutex mu;
        std::condition_variable cv;
        int left = count;
        for (int k = 0; k < count; ++k) {
          std::string name;
          Ms deadline;
          CallOptions c = make_call(rng, first + k, &name, &deadline);
          SendDataRequest req;
          req.set_room("soak-room");
          req.set_data("payload-" + std::to_string(first + k));
          const auto start = Clock::now();
          client.SendDataAsync(
              req,
              [&, name, id = *c.request_id, deadline, start](Result<SendDataResponse> r) {
                recorder.Add(Record(r, name, id, deadline, std::chrono::duration_cast<Ms>(Clock::now() - start)));
                std::lock_guard<std::mutex> lock(mu);
                if (--left == 0) cv.notify_all();
              },
              c);
        }
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return left == 0; });
      }
    }
  };

  const auto run_start = Clock::now();
  std::vector<std::thread> workers;
  for (int i = 0; i < kThreads; ++i) workers.emplace_back(worker, i);
  for (auto& t : workers) t.join();
  done.store(true);
  recorder.Wake();
  driver.join();
  const auto wall = std::chrono::duration_cast<Ms>(Clock::now() - run_start);

  // Every call, checked.
  const auto records = recorder.records();
  ASSERT_EQ(records.size(), static_cast<std::size_t>(total_calls));
  const auto per_call = attempts->snapshot();
  std::map<std::string, int> outcomes;
  Ms worst_lateness(-1000000);
  int failures_reported = 0;
  auto report = [&](const CallRecord& r, const std::string& what) {
    if (++failures_reported <= 20) ADD_FAILURE() << r.request_id << " (" << r.scenario << "): " << what << " " << r.error;
  };
  for (const CallRecord& r : records) {
    outcomes[r.ok ? "ok" : ToString(r.code)]++;
    worst_lateness = std::max(worst_lateness, r.took - r.deadline);
    if (r.took > r.deadline + slack) {
      report(r, "took " + std::to_string(r.took.count()) + " ms, deadline " + std::to_string(r.deadline.count()) + " ms");
    }
    if (!r.ok) {
      const bool classified = r.code == ErrorCode::kServerRejection || r.code == ErrorCode::kServerFailure ||
                              r.code == ErrorCode::kTransport || r.code == ErrorCode::kTimeout ||
                              r.code == ErrorCode::kRegionPinned;
      if (!classified) report(r, std::string("unclassified error ") + ToString(r.code));
      if (r.attempts > 3) report(r, "attempt list of " + std::to_string(r.attempts));
    }
    auto it = per_call.find(r.request_id);
    const int started = it == per_call.end() ? 0 : it->second;
    if (started < 1 || started > 3) report(r, std::to_string(started) + " attempts started");
  }

  // The mock's counters against the SDK's.
  const auto counters = state->counters();
  const auto stats = nlohmann::json::parse(HttpGet(mock.url(0) + "/_test/stats"), nullptr, false);
  ASSERT_TRUE(stats.is_object() && stats.contains("regions"));
  std::uint64_t api_calls = 0, served = 0, failed = 0, discoveries = 0;
  for (const auto& region : stats["regions"]) {
    api_calls += region["apiCalls"].get<std::uint64_t>();
    served += region["successes"].get<std::uint64_t>();
    failed += region["failures"].get<std::uint64_t>();
    discoveries += region["discoveries"].get<std::uint64_t>();
  }
  std::string summary;
  for (const auto& [k, v] : outcomes) summary += " " + k + "=" + std::to_string(v);
  std::printf("soak: %d calls in %lld ms;%s; worst lateness past the deadline %lld ms\n", total_calls,
              static_cast<long long>(wall.count()), summary.c_str(), static_cast<long long>(worst_lateness.count()));
  std::printf("soak: SDK attempts=%llu discoveries=%llu failovers=%llu pins=%llu same-host=%llu budget-denials=%llu; "
              "mock api calls=%llu (served %llu, failed %llu) discoveries=%llu\n",
              static_cast<unsigned long long>(counters.attempts),
              static_cast<unsigned long long>(counters.discovery_requests),
              static_cast<unsigned long long>(counters.failovers),
              static_cast<unsigned long long>(counters.pin_redirects),
              static_cast<unsigned long long>(counters.same_host_retries),
              static_cast<unsigned long long>(counters.budget_denials), static_cast<unsigned long long>(api_calls),
              static_cast<unsigned long long>(served), static_cast<unsigned long long>(failed),
              static_cast<unsigned long long>(discoveries));
  EXPECT_EQ(counters.calls, static_cast<std::uint64_t>(total_calls));
  EXPECT_EQ(served + failed, api_calls);
  EXPECT_EQ(counters.attempts, api_calls) << "attempts the SDK sent vs API requests the mock received";
  EXPECT_EQ(counters.discovery_requests, discoveries) << "discoveries the SDK sent vs received by the mock";
  std::uint64_t listener_attempts = 0;
  for (const auto& [id, n] : per_call) listener_attempts += static_cast<std::uint64_t>(n);
  EXPECT_EQ(listener_attempts, counters.attempts);
  // Every kind of outcome the scenarios provoke must have occurred, or the run proved little.
  EXPECT_GT(outcomes["ok"], 0);
  if (total_calls >= 1000) {
    EXPECT_GT(outcomes["server_failure"], 0);
    EXPECT_GT(outcomes["region_pinned"], 0);
    EXPECT_GT(counters.failovers, 0u);
    EXPECT_GT(counters.pin_redirects, 0u);
  }
  if (hedge_after) {
    std::printf("soak: hedges=%llu losers cancelled=%llu\n", static_cast<unsigned long long>(counters.hedges),
                static_cast<unsigned long long>(counters.hedge_losers_cancelled));
    if (total_calls >= 1000) {
      EXPECT_GT(counters.hedges, 0u);
      EXPECT_GT(counters.hedge_losers_cancelled, 0u);
    }
  } else {
    EXPECT_EQ(counters.hedges, 0u);
  }
}

TEST(Soak, ThousandsOfCallsUnderChangingFaults) { RunSoak(EnvInt("LIVEKIT_SOAK_CALLS", 3000), std::nullopt); }

TEST(Soak, HedgedCallsUnderChangingFaults) {
  RunSoak(EnvInt("LIVEKIT_SOAK_CALLS", 3000) / 2, Ms(100));
}

}  // namespace
}  // namespace livekit
