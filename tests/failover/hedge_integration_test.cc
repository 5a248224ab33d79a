// Hedged reads end to end: the public clients over the real libcurl engine against
// lk-mock-server on loopback, steered by the X-Lk-Mock header. Assertions use results, the
// attempts the listener saw, the SDK's counters and the mock's /_test/stats, never timings.

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "integration_fixture.h"
#include "livekit/room_service_client.h"

namespace livekit::test {
namespace {

using Ms = std::chrono::milliseconds;

std::vector<MockRegionStats> Stats() { return ReadMockStats(*g_mock); }

// The mock sees a cancelled connection close a moment after the call returned: wait for it,
// with a bound.
bool WaitForClientClosed(int region, int n) {
  for (int i = 0; i < 500; ++i) {
    if (Stats()[static_cast<std::size_t>(region)].client_closed >= n) return true;
    std::this_thread::sleep_for(Ms(10));
  }
  return false;
}

// Every event of interest, in order, as "started <region> <reason>", "finished <region>
// <outcome>", "discovery", "down <region>".
class EventLog : public FailoverListener {
 public:
  void OnAttemptStarted(const AttemptStartedEvent& e) override {
    Add("started " + Region(e.host) + " " + ToString(e.reason));
  }
  void OnAttemptFinished(const AttemptFinishedEvent& e) override {
    Add("finished " + Region(e.attempt.host) + " " + ToString(e.attempt.outcome));
  }
  void OnDiscoveryStarted(const DiscoveryStartedEvent&) override { Add("discovery"); }
  void OnHealthChange(const HealthChangeEvent& e) override {
    if (!e.healthy) Add("down " + Region(e.host));
  }
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.clear();
  }

 private:
  static std::string Region(const std::string& host) {
    const int region = RegionOfHost(host);
    return region < 0 ? "?" : std::to_string(region);
  }
  void Add(std::string s) {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(std::move(s));
  }
  std::mutex mu_;
  std::vector<std::string> lines_;
};

using Lines = std::vector<std::string>;

class HedgeIntegration : public MockFailoverTest {
 protected:
  /// A client whose reads hedge after `hedge_after`, with its own region state.
  ClientOptions Options(Ms hedge_after = Ms(300)) {
    ClientOptions o = FailoverClientOptions(state, events);
    o.failover.hedge_after = hedge_after;
    return o;
  }

  static CallOptions Control(const std::string& control) {
    CallOptions c;
    c.headers.emplace_back("X-Lk-Mock", control);
    return c;
  }

  std::shared_ptr<RegionState> state = std::make_shared<RegionState>();
  std::shared_ptr<EventLog> events = std::make_shared<EventLog>();
};

// The primary hangs: the hedge answers, region 0 got the request once and its connection was
// closed; the next call goes straight to region 1; the engine's connections to region 0 still
// work afterwards.
TEST_F(HedgeIntegration, PrimaryHangsHedgeWins) {
  RoomServiceClient client(Options());
  const auto hang = Control(R"({"failRegions":[0],"failMode":"hang"})");
  auto r = client.ListRooms(ListRoomsRequest(), hang);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(events->lines(), (Lines{"started 0 first", "discovery", "started 1 hedge", "finished 1 ok",
                                    "finished 0 cancelled", "down 0"}));
  ASSERT_TRUE(WaitForClientClosed(0, 1));
  auto s = Stats();
  EXPECT_EQ(s[0].api_calls, 1);
  EXPECT_EQ(s[0].client_closed, 1);
  EXPECT_EQ(s[1].successes, 1);
  EXPECT_EQ(state->counters().hedges, 1u);
  EXPECT_EQ(state->counters().hedge_losers_cancelled, 1u);

  events->Clear();
  auto next = client.ListRooms(ListRoomsRequest(), hang);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(events->lines(), (Lines{"started 1 health_route", "finished 1 ok"}));
  EXPECT_EQ(Stats()[0].api_calls, 1);

  // A fresh state (no health mark): region 0 answers over the same shared engine.
  ClientOptions fresh = Options();
  fresh.failover.region_state = std::make_shared<RegionState>();
  RoomServiceClient again(fresh);
  events->Clear();
  ASSERT_TRUE(again.ListRooms(ListRoomsRequest()).ok());
  EXPECT_EQ(events->lines(), (Lines{"started 0 first", "finished 0 ok"}));
}

// A write under the same settings is not hedged: it waits out its attempt, then fails over.
TEST_F(HedgeIntegration, WriteIsNotHedged) {
  auto o = Options();
  o.timeout = Ms(5000);
  RoomServiceClient client(o);
  CreateRoomRequest req;
  req.set_name("hedge-room");
  auto r = client.CreateRoom(req, Control(R"({"failRegions":[0],"failMode":"hang"})"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(events->lines(), (Lines{"started 0 first", "finished 0 timeout", "down 0", "discovery",
                                    "started 1 failover", "finished 1 ok"}));
  EXPECT_EQ(state->counters().hedges, 0u);
  auto s = Stats();
  EXPECT_EQ(s[0].api_calls, 1);
  EXPECT_EQ(s[1].api_calls, 1);
}

// An exhausted retry budget means no hedge (and no failover either).
TEST_F(HedgeIntegration, BudgetExhaustedMeansNoHedge) {
  RegionState::Options ro;
  ro.cool_down = Ms(1);  // the draining call's marks must not steer the next call
  ro.max_cool_down = Ms(1);
  ro.budget_max_tokens = 2;  // one call failing everywhere leaves 1 of 2: not above half
  ro.budget_token_ratio = 0;
  state = std::make_shared<RegionState>(ro);
  auto o = Options();
  o.failover.deadline = Ms(1500);
  RoomServiceClient client(o);
  auto drain = client.ListRooms(ListRoomsRequest(), Control(R"({"failRegions":[0,1,2,3]})"));
  ASSERT_FALSE(drain.ok());
  std::this_thread::sleep_for(Ms(5));  // outlive the 1 ms cool-downs (not a timing assertion)
  ResetMockStats(*g_mock);
  const auto before = state->counters();
  auto r = client.ListRooms(ListRoomsRequest(), Control(R"({"failRegions":[0],"failMode":"hang"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTimeout);
  ASSERT_EQ(r.error().attempts().size(), 1u);
  const auto after = state->counters();
  EXPECT_EQ(after.hedges, 0u);
  EXPECT_GT(after.budget_denials, before.budget_denials);
  auto s = Stats();
  EXPECT_EQ(s[0].api_calls, 1);
  EXPECT_EQ(s[1].api_calls + s[2].api_calls + s[3].api_calls, 0);
}

// Every region hangs: the call ends at its deadline with every attempt listed.
TEST_F(HedgeIntegration, EveryRegionHangs) {
  auto o = Options();
  o.failover.deadline = Ms(2000);
  RoomServiceClient client(o);
  auto r = client.ListRooms(ListRoomsRequest(), Control(R"({"failRegions":[0,1,2,3],"failMode":"hang"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTimeout);
  const auto& attempts = r.error().attempts();
  ASSERT_EQ(attempts.size(), 3u);
  for (std::size_t i = 0; i < attempts.size(); ++i) {
    EXPECT_EQ(attempts[i].outcome, ErrorCode::kTimeout) << i;
    EXPECT_EQ(attempts[i].hedge, i > 0) << i;
  }
  auto s = Stats();
  EXPECT_EQ(s[0].api_calls, 1);
  EXPECT_EQ(s[1].api_calls, 1);
  EXPECT_EQ(s[2].api_calls, 1);
  EXPECT_EQ(s[3].api_calls, 0);
}

// A hedge that loses the race while it would just have answered later does not mark its host.
// Every region answers after 1.5 s; the hedge leaves after 1 s, so the primary wins.
TEST_F(HedgeIntegration, LateHedgeLoserIsNotMarked) {
  RoomServiceClient client(Options(Ms(1000)));
  auto r = client.ListRooms(ListRoomsRequest(), Control(R"({"delayMs":1500})"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(events->lines(), (Lines{"started 0 first", "discovery", "started 1 hedge", "finished 0 ok",
                                    "finished 1 cancelled"}));
  EXPECT_EQ(state->counters().hosts_marked_down, 0u);
  for (const auto& region : state->Describe(g_mock->url(0)).regions) EXPECT_TRUE(region.healthy) << region.name;
}

// A hedge racing a 451 follows the region pin: a fresh list, then the first untried allowed
// region, while the primary stays in flight.
TEST_F(HedgeIntegration, HedgeRacingA451FollowsTheRegionPin) {
  RegionState::Options ro;
  ro.cool_down = Ms(1);
  ro.max_cool_down = Ms(1);
  state = std::make_shared<RegionState>(ro);
  RoomServiceClient client(Options());
  // Learn the full list first (region 0 answers 503 once).
  ASSERT_TRUE(client.ListRooms(ListRoomsRequest(), Control(R"({"failRegions":[0]})")).ok());
  std::this_thread::sleep_for(Ms(5));  // outlive the 1 ms cool-down (not a timing assertion)
  ResetMockStats(*g_mock);
  events->Clear();
  auto r = client.ListRooms(
      ListRoomsRequest(),
      Control(R"({"failRegions":[0],"failMode":"hang","pinnedRegions":["region-0","region-2"]})"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(events->lines(), (Lines{"started 0 first", "started 1 hedge", "finished 1 region_pinned",
                                    "down 1", "discovery", "started 2 region_pin", "finished 2 ok",
                                    "finished 0 cancelled", "down 0"}));
  auto s = Stats();
  EXPECT_EQ(s[0].api_calls, 1);
  EXPECT_EQ(s[1].pinned, 1);
  EXPECT_EQ(s[2].successes, 1);
  EXPECT_EQ(s[0].discoveries, 1);
  EXPECT_EQ(state->counters().pin_redirects, 1u);
}

// No list known yet: the discovery starts when the hedge delay fires (no attempt has failed).
TEST_F(HedgeIntegration, NoListYetDiscoveryAtHedgeTime) {
  RoomServiceClient client(Options());
  auto r = client.ListRooms(ListRoomsRequest(), Control(R"({"failRegions":[0],"failMode":"hang"})"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  auto lines = events->lines();
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "started 0 first");
  EXPECT_EQ(lines[1], "discovery");  // before any attempt ended
  EXPECT_EQ(lines[2], "started 1 hedge");
  auto s = Stats();
  EXPECT_EQ(s[0].discoveries, 1);
  EXPECT_EQ(s[1].discoveries + s[2].discoveries + s[3].discoveries, 0);
  EXPECT_EQ(state->counters().discovery_requests, 1u);
}

}  // namespace
}  // namespace livekit::test
