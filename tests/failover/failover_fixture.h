#pragma once
// A CallRunner over the fakes, with four scripted regions on 127.0.0.1:9000..9003
// (region-0 is the origin), an own RegionState, and a listener and logger that record.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/url.h"
#include "failover/call_runner.h"
#include "failover_fakes.h"
#include "livekit/failover_events.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"

namespace livekit::internal::testing {

class RecordingListener : public FailoverListener {
 public:
  void OnAttemptStarted(const AttemptStartedEvent& e) override { started.push_back(e); }
  void OnAttemptFinished(const AttemptFinishedEvent& e) override { finished.push_back(e); }
  void OnDiscoveryStarted(const DiscoveryStartedEvent& e) override { discovery_started.push_back(e); }
  void OnDiscoveryFinished(const DiscoveryFinishedEvent& e) override { discovery_finished.push_back(e); }
  void OnHealthChange(const HealthChangeEvent& e) override { health.push_back(e); }
  void OnBudgetDecision(const BudgetDecisionEvent& e) override { budget.push_back(e); }
  void OnFailoverSkipped(const FailoverSkippedEvent& e) override { skipped.push_back(e); }
  void OnRegionRejected(const RegionRejectedEvent& e) override { rejected.push_back(e); }
  void OnRegionPinned(const RegionPinnedEvent& e) override { pinned.push_back(e); }

  std::vector<AttemptStartedEvent> started;
  std::vector<AttemptFinishedEvent> finished;
  std::vector<DiscoveryStartedEvent> discovery_started;
  std::vector<DiscoveryFinishedEvent> discovery_finished;
  std::vector<HealthChangeEvent> health;
  std::vector<BudgetDecisionEvent> budget;
  std::vector<FailoverSkippedEvent> skipped;
  std::vector<RegionRejectedEvent> rejected;
  std::vector<RegionPinnedEvent> pinned;
};

class RecordingLogger : public Logger {
 public:
  void Log(LogLevel level, std::string_view message) override {
    std::lock_guard<std::mutex> lock(mu);
    lines.emplace_back(level, std::string(message));
  }
  std::vector<std::string> Warnings() {
    std::lock_guard<std::mutex> lock(mu);
    std::vector<std::string> out;
    for (auto& [l, m] : lines) if (l == LogLevel::kWarning) out.push_back(m);
    return out;
  }
  std::mutex mu;
  std::vector<std::pair<LogLevel, std::string>> lines;
};

inline std::string R(int i) { return "127.0.0.1:" + std::to_string(9000 + i); }
inline std::string U(int i) { return "http://" + R(i); }

struct RegionEntry {
  std::string name;
  std::string url;
};

inline std::string RegionsJson(const std::vector<RegionEntry>& regions) {
  std::string out = "{\"regions\":[";
  for (std::size_t i = 0; i < regions.size(); ++i) {
    if (i) out += ",";
    out += "{\"region\":\"" + regions[i].name + "\",\"url\":\"" + regions[i].url + "\",\"distance\":\"" +
           std::to_string(i) + "\"}";
  }
  return out + "]}";
}

inline Behavior RegionsAnswer(const std::vector<RegionEntry>& regions, std::string cache_control = "max-age=0") {
  Behavior b = Behavior::Status(200, RegionsJson(regions));
  b.headers = {{"Content-Type", "application/json"}};
  if (!cache_control.empty()) b.headers.emplace_back("Cache-Control", cache_control);
  return b;
}

inline std::vector<RegionEntry> FourRegions() {
  return {{"region-0", U(0)}, {"region-1", U(1)}, {"region-2", U(2)}, {"region-3", U(3)}};
}

class FailoverTest : public ::testing::Test {
 protected:
  FailoverTest() {
    transport->script = [this](const HttpRequest& r) {
      auto url = ParseUrl(r.url);
      std::string key = url ? url->HostKey() : "";
      bool discovery = r.url.find("/settings/regions") != std::string::npos;
      auto& table = discovery ? discovery_by_host : api_by_host;
      auto it = table.find(key);
      if (it != table.end()) return it->second;
      return discovery ? default_discovery : Behavior();
    };
  }

  ~FailoverTest() override {
    transport->DropCallbacks();
    scheduler->DropAll();
  }

  CallSpec Spec(const std::string& origin = U(0)) {
    CallSpec s;
    s.origin = origin;
    s.path = "/twirp/livekit.RoomService/ListRooms";
    s.method_name = "RoomService/ListRooms";
    s.kind = MethodKind::kRead;
    s.headers = {{"Authorization", "Bearer SECRET-TOKEN"},
                 {"Content-Type", "application/protobuf"},
                 {"Content-Length", "3"},
                 {"X-Livekit-Request-Id", "req-42"},
                 {"X-Lk-Mock", "{\"failRegions\":[0]}"}};
    s.body = std::string("\x0a\x00\x01", 3);
    s.attempt_timeout = Ms(10000);
    s.failover.force = true;
    s.failover.region_state = state;
    s.failover.listener = listener;
    s.failover.logger = logger;
    return s;
  }

  struct Pending {
    std::optional<CallOutcome> outcome;
    int done_calls = 0;
    Ms done_at{0};
    CallHandle handle;
  };

  std::shared_ptr<Pending> Start(CallSpec spec) {
    auto p = std::make_shared<Pending>();
    auto sched = scheduler;
    p->handle = runner->Start(std::move(spec), [p, sched](CallOutcome o) {
      p->outcome = std::move(o);
      p->done_calls += 1;
      p->done_at = sched->elapsed();
    });
    return p;
  }

  /// Runs a call until it ends (at most ten virtual minutes); the clock stops there.
  CallOutcome Run(CallSpec spec) {
    auto p = Start(std::move(spec));
    scheduler->RunUntil([&] { return p->done_calls > 0; }, std::chrono::minutes(10));
    EXPECT_EQ(p->done_calls, 1);
    last_done_at = p->done_at;
    return p->outcome.value_or(CallOutcome{});
  }

  /// Hosts (host keys) of the API attempts sent, in order.
  std::vector<std::string> ApiHosts() const {
    std::vector<std::string> out;
    for (auto& ex : transport->ApiCalls()) out.push_back(ParseUrl(ex->request.url)->HostKey());
    return out;
  }

  std::shared_ptr<FakeScheduler> scheduler = std::make_shared<FakeScheduler>();
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>(scheduler);
  std::shared_ptr<FixedRandom> random = std::make_shared<FixedRandom>(0.5);
  /// The tests run with a health memory that forgets at once (the official SDKs have none);
  /// the health memory and hedged read tests make their own.
  static RegionState::Options ShortMemory() {
    RegionState::Options o;
    o.cool_down = Ms(1);
    o.max_cool_down = Ms(1);
    return o;
  }
  std::shared_ptr<RegionState> state = std::make_shared<RegionState>(ShortMemory());
  std::shared_ptr<RecordingListener> listener = std::make_shared<RecordingListener>();
  std::shared_ptr<RecordingLogger> logger = std::make_shared<RecordingLogger>();
  std::unique_ptr<CallRunner> runner = std::make_unique<CallRunner>(transport, scheduler, random);

  std::map<std::string, Behavior> api_by_host;
  std::map<std::string, Behavior> discovery_by_host;
  Behavior default_discovery = RegionsAnswer(FourRegions());
  Ms last_done_at{0};
};

}  // namespace livekit::internal::testing
