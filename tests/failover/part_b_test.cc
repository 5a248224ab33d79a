// failover.md Part B, one test per rule, over the fake transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

// B1: the overall deadline bounds everything; the call ends exactly at it.
TEST_F(FailoverTest, B1_DeadlineCutsAHangingAttempt) {
  api_by_host[R(0)] = Behavior::Hang();
  auto spec = Spec();
  spec.failover.deadline = Ms(3000);
  auto out = Run(spec);
  EXPECT_EQ(last_done_at, Ms(3000));
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  ASSERT_EQ(out.attempts.size(), 1u);
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kTimeout);
  EXPECT_TRUE(transport->ApiCalls()[0]->cancelled);
  EXPECT_EQ(transport->exchanges().size(), 1u);  // nothing after the deadline
  EXPECT_EQ(scheduler->pending_timers(), 0u);
}

TEST_F(FailoverTest, B1_LaterAttemptsGetWhatIsLeft) {
  api_by_host[R(0)] = Behavior::Hang();
  api_by_host[R(1)] = Behavior::Hang();
  auto spec = Spec();
  spec.failover.deadline = Ms(12000);
  auto out = Run(spec);
  auto calls = transport->ApiCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0]->request.timeout, Ms(10000));
  EXPECT_EQ(calls[1]->request.timeout, Ms(12000 - 10200));
  EXPECT_EQ(last_done_at, Ms(12000));
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
}

TEST_F(FailoverTest, B1_NoBackoffPastTheDeadline) {
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(0)].latency = Ms(2900);
  auto spec = Spec();
  spec.failover.deadline = Ms(3000);
  auto out = Run(spec);
  EXPECT_EQ(last_done_at, Ms(2900));
  EXPECT_EQ(ApiHosts().size(), 1u);
  EXPECT_EQ(transport->DiscoveryCount(), 0u);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 503);
  EXPECT_EQ(listener->skipped.back().reason, SkipReason::kDeadline);
}

TEST_F(FailoverTest, B1_DefaultDeadline) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Hang();
  default_discovery = Behavior::Hang();
  auto spec = Spec();
  spec.attempt_timeout = Ms(5000);
  Run(spec);
  // 3 x 5 s + at most 300 + 600 ms of backoff + one 2 s discovery.
  EXPECT_LE(last_done_at, Ms(15000 + 900 + 2000));
}

class HealthTest : public FailoverTest {
 protected:
  HealthTest() { state = std::make_shared<RegionState>(); }  // 30 s cool-down
};

// B2: a host that just failed is skipped by new calls until its cool-down ends; then one
// call probes it and success restores it.
TEST_F(HealthTest, B2_CoolDownRoutesAroundThenProbes) {
  api_by_host[R(0)] = Behavior::Hang();
  auto spec = Spec();
  spec.attempt_timeout = Ms(5000);
  Run(spec);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  ASSERT_FALSE(listener->health.empty());
  EXPECT_EQ(listener->health[0].host, R(0));
  EXPECT_FALSE(listener->health[0].healthy);
  EXPECT_EQ(listener->health[0].cool_down, Ms(30000));
}

TEST_F(HealthTest, B2_NextCallsGoStraightToAHealthyRegion) {
  api_by_host[R(0)] = Behavior::Hang();
  auto spec = Spec();
  spec.attempt_timeout = Ms(5000);
  auto first = Start(spec);
  scheduler->Advance(Ms(6000));
  ASSERT_EQ(first->done_calls, 1);
  std::vector<std::shared_ptr<Pending>> next;
  for (int i = 0; i < 19; ++i) {
    next.push_back(Start(spec));
    scheduler->Advance(Ms(100));
  }
  for (auto& p : next) {
    ASSERT_EQ(p->done_calls, 1);
    ASSERT_TRUE(p->outcome->response);
    ASSERT_EQ(p->outcome->attempts.size(), 1u);
    EXPECT_EQ(p->outcome->attempts[0].host, R(1));
  }
  EXPECT_EQ(transport->Matching(R(0) + "/twirp").size(), 1u);  // the dead host paid once
  EXPECT_EQ(state->counters().health_routed_calls, 19u);
  EXPECT_EQ(listener->started.back().reason, AttemptReason::kHealthRoute);

  // After the cool-down one call probes the origin; it recovered, so it is restored.
  api_by_host[R(0)] = Behavior();
  scheduler->Advance(Ms(30000));
  auto probe = Start(spec);
  auto other = Start(spec);  // concurrent: not a second probe
  scheduler->Advance(Ms(1000));
  ASSERT_EQ(probe->done_calls, 1);
  ASSERT_EQ(other->done_calls, 1);
  EXPECT_EQ(probe->outcome->attempts[0].host, R(0));
  EXPECT_EQ(other->outcome->attempts[0].host, R(1));
  EXPECT_TRUE(listener->health.back().healthy);
  auto after = Start(spec);
  scheduler->Advance(Ms(1000));
  ASSERT_EQ(after->done_calls, 1);
  EXPECT_EQ(after->outcome->attempts[0].host, R(0));
}

TEST_F(HealthTest, B2_FailedProbeDoublesCoolDown) {
  api_by_host[R(0)] = Behavior::Status(503);
  Run(Spec());
  scheduler->Advance(Ms(30000));  // the cool-down is over
  Run(Spec());                    // the probe fails
  ASSERT_GE(listener->health.size(), 2u);
  EXPECT_EQ(listener->health.back().cool_down, Ms(60000));
  EXPECT_EQ(listener->health.back().consecutive_failures, 2);
}

TEST_F(HealthTest, B2_PinnedRegionIsAvoidedByLaterCalls) {
  api_by_host[R(0)] = Behavior::Status(451, "project not allowed in this region.");
  default_discovery = RegionsAnswer({{"region-2", U(2)}});
  Run(Spec());
  auto spec = Spec();
  auto p = Start(spec);
  scheduler->Advance(Ms(100));
  ASSERT_EQ(p->done_calls, 1);
  ASSERT_EQ(p->outcome->attempts.size(), 1u);
  EXPECT_EQ(p->outcome->attempts[0].host, R(2));
  EXPECT_TRUE(listener->health[0].pinned);
}

// B2: the last list may route even after its cache lifetime (max-age=0 here).
TEST_F(HealthTest, B2_ExpiredListStillRoutes) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer(FourRegions(), "max-age=0");
  Run(Spec());
  auto before = transport->DiscoveryCount();
  auto p = Start(Spec());
  scheduler->Advance(Ms(100));
  ASSERT_EQ(p->done_calls, 1);
  EXPECT_EQ(p->outcome->attempts[0].host, R(1));
  EXPECT_EQ(transport->DiscoveryCount(), before);
}

// B3: when the origin's discovery fails, the other known regions are asked.
TEST_F(FailoverTest, B3_DiscoveryFromOtherRegions) {
  api_by_host[R(0)] = Behavior::Status(503);
  Run(Spec());  // learns the list
  api_by_host[R(0)] = Behavior::Hang();
  discovery_by_host[R(0)] = Behavior::Hang();
  default_discovery = RegionsAnswer({{"region-0", U(0)}, {"region-3", U(3)}});
  auto spec = Spec();
  spec.attempt_timeout = Ms(5000);
  auto out = Run(spec);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  auto disc = transport->Matching("/settings/regions");
  ASSERT_EQ(disc.size(), 3u);
  EXPECT_EQ(ParseUrl(disc[1]->request.url)->HostKey(), R(0));
  EXPECT_EQ(ParseUrl(disc[2]->request.url)->HostKey(), R(1));
  EXPECT_EQ(FindHeader(disc[2]->request.headers, "Authorization"), "Bearer SECRET-TOKEN");
  EXPECT_FALSE(listener->discovery_finished.back().stale);
  EXPECT_EQ(ApiHosts().back(), R(3));  // the list region-1 answered
}

// B4: the backoff is jittered by the runner's random source.
TEST_F(FailoverTest, B4_JitteredBackoff) {
  api_by_host[R(0)] = Behavior::Status(503);
  random->v_ = 0.0;
  Run(Spec());
  auto calls = transport->ApiCalls();
  EXPECT_EQ(calls[1]->sent_at - calls[0]->sent_at, Ms(10) + Ms(100));
  random->v_ = 0.999;
  Run(Spec());
  calls = transport->ApiCalls();
  EXPECT_EQ(calls[3]->sent_at - calls[2]->sent_at, Ms(10) + Ms(299));
}

// B5: when calls fail everywhere, the budget stops failover attempts; successes refill it.
TEST_F(FailoverTest, B5_RetryBudget) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(503);
  std::vector<std::size_t> attempts;
  for (int i = 0; i < 8; ++i) attempts.push_back(Run(Spec()).attempts.size());
  EXPECT_EQ(attempts, (std::vector<std::size_t>{3, 3, 3, 3, 3, 1, 1, 1}));
  EXPECT_EQ(state->counters().budget_denials, 3u);
  EXPECT_FALSE(listener->budget.back().allowed);
  EXPECT_EQ(listener->skipped.back().reason, SkipReason::kBudget);
  // 2 tokens left; 28 successes bring 2.8 more: still not above half the bucket.
  api_by_host[R(0)] = Behavior();
  for (int i = 0; i < 28; ++i) Run(Spec());
  api_by_host[R(0)] = Behavior::Status(503);
  EXPECT_EQ(Run(Spec()).attempts.size(), 1u);  // denied: down to 3.8 tokens
  api_by_host[R(0)] = Behavior();
  for (int i = 0; i < 15; ++i) Run(Spec());  // 5.3 tokens
  api_by_host[R(0)] = Behavior::Status(503);
  EXPECT_EQ(Run(Spec()).attempts.size(), 3u);
}

// B6: kSafeOnly replays a side-effecting call only when it provably never reached a server.
TEST_F(FailoverTest, B6_IdempotencyPolicy) {
  auto spec = Spec();
  spec.kind = MethodKind::kSideEffect;
  spec.failover.idempotency = IdempotencyPolicy::kSafeOnly;
  api_by_host[R(0)] = Behavior::Status(503);
  EXPECT_EQ(Run(spec).attempts.size(), 1u);
  EXPECT_EQ(listener->skipped.back().reason, SkipReason::kIdempotency);
  api_by_host[R(0)] = Behavior::Drop();
  EXPECT_EQ(Run(spec).attempts.size(), 1u);
  api_by_host[R(0)] = Behavior::ConnectFail();
  EXPECT_EQ(Run(spec).attempts.size(), 2u);
  // Reads and the default policy keep Part A's behaviour.
  api_by_host[R(0)] = Behavior::Status(503);
  spec.kind = MethodKind::kRead;
  EXPECT_EQ(Run(spec).attempts.size(), 2u);
  spec.kind = MethodKind::kSideEffect;
  spec.failover.idempotency = IdempotencyPolicy::kAlways;
  EXPECT_EQ(Run(spec).attempts.size(), 2u);
}

// B7: the token never leaves the origin's domain, never goes over http from https.
TEST_F(FailoverTest, B7_TrustBoundaryCloud) {
  api_by_host["p.livekit.cloud"] = Behavior::Status(503);
  discovery_by_host["p.livekit.cloud"] = RegionsAnswer({{"evil", "https://p.evil.example"},
                                                        {"lookalike", "https://livekit.cloud.evil.example"},
                                                        {"plain", "ws://p-b.livekit.cloud"},
                                                        {"good", "wss://p-c.livekit.cloud"}});
  auto spec = Spec("https://p.livekit.cloud");
  spec.failover.force = false;
  auto out = Run(spec);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{"p.livekit.cloud", "p-c.livekit.cloud"}));
  ASSERT_EQ(listener->rejected.size(), 3u);
  EXPECT_EQ(listener->rejected[0].region, "evil");
  EXPECT_EQ(listener->rejected[2].region, "plain");
  EXPECT_EQ(state->counters().regions_rejected, 3u);
  for (auto& ex : transport->exchanges()) {
    EXPECT_EQ(ex->request.url.rfind("https://", 0), 0u) << ex->request.url;
    EXPECT_EQ(ex->request.url.find("evil"), std::string::npos);
  }
}

TEST_F(FailoverTest, B7_TrustBoundaryNonCloud) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer({{"other-host", "http://localhost:9001"},
                                     {"other-ip", "http://127.0.0.2:9002"},
                                     {"same-host", U(3)}});
  Run(Spec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(3)}));
  EXPECT_EQ(listener->rejected.size(), 2u);
}

// B8: structured events and counters.
TEST_F(FailoverTest, B8_EventsAndCounters) {
  api_by_host[R(0)] = Behavior::Status(503);
  Run(Spec());
  ASSERT_EQ(listener->started.size(), 2u);
  EXPECT_EQ(listener->started[0].reason, AttemptReason::kFirst);
  EXPECT_EQ(listener->started[0].host, R(0));
  EXPECT_EQ(listener->started[1].reason, AttemptReason::kFailover);
  EXPECT_EQ(listener->started[1].host, R(1));
  EXPECT_EQ(listener->started[1].region, "region-1");
  EXPECT_EQ(listener->started[1].request_id, "req-42");
  ASSERT_EQ(listener->finished.size(), 2u);
  EXPECT_TRUE(listener->finished[0].retryable);
  EXPECT_EQ(listener->finished[0].attempt.http_status, 503);
  EXPECT_FALSE(listener->finished[1].retryable);
  ASSERT_EQ(listener->discovery_started.size(), 1u);
  EXPECT_EQ(listener->discovery_started[0].host, R(0));
  ASSERT_EQ(listener->discovery_finished.size(), 1u);
  EXPECT_TRUE(listener->discovery_finished[0].ok);
  EXPECT_EQ(listener->discovery_finished[0].regions, 4);
  ASSERT_EQ(listener->budget.size(), 1u);
  EXPECT_TRUE(listener->budget[0].allowed);
  ASSERT_EQ(listener->health.size(), 1u);
  auto c = state->counters();
  EXPECT_EQ(c.calls, 1u);
  EXPECT_EQ(c.attempts, 2u);
  EXPECT_EQ(c.failovers, 1u);
  EXPECT_EQ(c.discovery_requests, 1u);
  EXPECT_EQ(c.hosts_marked_down, 1u);
  auto view = state->Describe(U(0));
  EXPECT_TRUE(view.known);
  ASSERT_EQ(view.regions.size(), 4u);
  EXPECT_EQ(view.regions[1].url, U(1));
}

// B9: a failed call lists every attempt.
TEST_F(FailoverTest, B9_ErrorListsEveryAttempt) {
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(1)] = Behavior::Drop();
  api_by_host[R(2)] = Behavior::Hang();
  auto out = Run(Spec());
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  const auto& a = out.error.attempts();
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].host, R(0));
  EXPECT_EQ(a[0].outcome, ErrorCode::kServerFailure);
  EXPECT_EQ(a[0].http_status, 503);
  EXPECT_EQ(a[0].duration, Ms(10));
  EXPECT_EQ(a[1].host, R(1));
  EXPECT_EQ(a[1].region, "region-1");
  EXPECT_EQ(a[1].outcome, ErrorCode::kTransport);
  EXPECT_EQ(a[2].host, R(2));
  EXPECT_EQ(a[2].outcome, ErrorCode::kTimeout);
  EXPECT_EQ(a[2].duration, Ms(10000));
  EXPECT_EQ(out.error.request_id(), "req-42");
  EXPECT_EQ(out.error.method(), "RoomService/ListRooms");
  EXPECT_EQ(out.error.ToString().find("SECRET"), std::string::npos);
}

}  // namespace
}  // namespace livekit::internal::testing
