// When and where a failed call is tried again: which outcomes fail over and on which hosts, the
// attempt cap, the order of regions, backoff and its jitter, per-attempt timeouts, same-host
// retries, the retry budget and the replay policy of side-effecting calls. Over the fake
// transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class FailoverRetries : public FailoverTest {};

// A1: 5xx, dropped connections and timeouts are retried on another region.
TEST_F(FailoverRetries, RetryableOutcomesFailOver) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kServerFailure);
  EXPECT_EQ(out.attempts[0].http_status, 503);
}

TEST_F(FailoverRetries, DropIsRetryable) {
  api_by_host[R(0)] = Behavior::Drop();
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kTransport);
}

TEST_F(FailoverRetries, TimeoutIsRetryable) {
  api_by_host[R(0)] = Behavior::Hang();
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kTimeout);
}

TEST_F(FailoverRetries, FourXxIsTerminal) {
  for (int status : {400, 401, 403, 404, 429}) {
    api_by_host[R(0)] = Behavior::Status(status);
    auto before = transport->ApiCalls().size();
    auto out = Run(Spec());
    ASSERT_TRUE(out.response);
    EXPECT_EQ(out.response->status, status);
    EXPECT_EQ(transport->ApiCalls().size() - before, 1u) << status;
    EXPECT_EQ(out.attempts.size(), 1u);
  }
  EXPECT_EQ(transport->DiscoveryCount(), 0u);
}

// A2: only .livekit.cloud (case-insensitive) fails over, unless forced; off per call.
TEST_F(FailoverRetries, NonCloudHostWithoutForceGetsOneAttempt) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto spec = Spec();
  spec.failover.force = false;
  auto out = Run(spec);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 503);
  EXPECT_EQ(ApiHosts().size(), 1u);
  EXPECT_EQ(transport->DiscoveryCount(), 0u);
  ASSERT_EQ(listener->skipped.size(), 1u);
  EXPECT_EQ(listener->skipped[0].reason, SkipReason::kNotEligible);
}

TEST_F(FailoverRetries, CloudHostFailsOverCaseInsensitive) {
  api_by_host["proj.livekit.cloud"] = Behavior::Status(503);
  discovery_by_host["proj.livekit.cloud"] =
      RegionsAnswer({{"a", "wss://proj.livekit.cloud"}, {"b", "wss://proj-b.livekit.cloud"}});
  auto spec = Spec("https://Proj.LiveKit.Cloud");
  spec.failover.force = false;
  auto out = Run(spec);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{"proj.livekit.cloud", "proj-b.livekit.cloud"}));
  EXPECT_EQ(transport->ApiCalls()[1]->request.url, "https://proj-b.livekit.cloud/twirp/livekit.RoomService/ListRooms");
}

TEST_F(FailoverRetries, DisabledPerCall) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto spec = Spec();
  spec.failover.enabled = false;
  auto out = Run(spec);
  EXPECT_EQ(ApiHosts().size(), 1u);
  ASSERT_EQ(listener->skipped.size(), 1u);
  EXPECT_EQ(listener->skipped[0].reason, SkipReason::kDisabled);
}

// A3: a per-attempt timeout below 5 s gives a single attempt, reported.
TEST_F(FailoverRetries, ShortTimeoutSingleAttempt) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto spec = Spec();
  spec.attempt_timeout = Ms(4999);
  Run(spec);
  EXPECT_EQ(ApiHosts().size(), 1u);
  ASSERT_EQ(listener->skipped.size(), 1u);
  EXPECT_EQ(listener->skipped[0].reason, SkipReason::kShortTimeout);
  EXPECT_EQ(state->counters().skipped_short_timeout, 1u);

  spec.attempt_timeout = Ms(5000);
  Run(spec);
  EXPECT_EQ(ApiHosts().size(), 3u);  // 1 + 2 (origin, then region-1)
}

// A4: at most 3 attempts; users may lower it, never raise it.
TEST_F(FailoverRetries, CapOfThree) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(503);
  auto spec = Spec();
  spec.failover.max_attempts = 10;
  auto out = Run(spec);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(2)}));
  EXPECT_EQ(out.attempts.size(), 3u);
}

TEST_F(FailoverRetries, UserMayLower) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(503);
  auto spec = Spec();
  spec.failover.max_attempts = 2;
  Run(spec);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
}

// A8: the first untried region in the server's order.
TEST_F(FailoverRetries, FirstUntriedInServerOrder) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(503);
  default_discovery = RegionsAnswer({{"r3", U(3)}, {"r0", U(0)}, {"r2", U(2)}, {"r1", U(1)}});
  Run(Spec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(3), R(2)}));
}

TEST_F(FailoverRetries, NoneLeftEndsWithLastError) {
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(1)] = Behavior::Drop();
  default_discovery = RegionsAnswer({{"r0", U(0)}, {"r1", U(1)}});
  auto out = Run(Spec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTransport);
  EXPECT_EQ(listener->skipped.back().reason, SkipReason::kNoRegionLeft);
}

// A10, A11: backoff 200 ms x 2^n before attempt n+1; identical bytes and request id.
TEST_F(FailoverRetries, BackoffScheduleAndIdenticalReplays) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(503);
  for (int i = 0; i < 4; ++i) api_by_host[R(i)].latency = Ms(10);
  default_discovery.latency = Ms(50);
  Run(Spec());
  auto calls = transport->ApiCalls();
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[1]->sent_at - calls[0]->sent_at, Ms(10) + Ms(200));
  EXPECT_EQ(calls[2]->sent_at - calls[1]->sent_at, Ms(10) + Ms(400));
  for (auto& c : calls) {
    EXPECT_EQ(c->request.body, calls[0]->request.body);
    EXPECT_EQ(c->request.AllHeaders(), calls[0]->request.AllHeaders());
    EXPECT_EQ(FindHeader(c->request.AllHeaders(), "X-Livekit-Request-Id"), "req-42");
    EXPECT_EQ(c->request.verb, HttpRequest::Verb::kPost);
  }
}

// A13: the per-attempt timeout is what each exchange gets.
TEST_F(FailoverRetries, PerAttemptTimeout) {
  api_by_host[R(0)] = Behavior::Hang();
  auto spec = Spec();
  spec.attempt_timeout = Ms(7000);
  Run(spec);
  auto calls = transport->ApiCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0]->request.timeout, Ms(7000));
  EXPECT_EQ(calls[1]->request.timeout, Ms(7000));
}

// A14: no untried region -> the same host, within cap and backoff; cloud-api.livekit.io.
TEST_F(FailoverRetries, CloudApiHostRetriesSameHost) {
  api_by_host["cloud-api.livekit.io"] = Behavior::Status(502);
  auto spec = Spec("https://cloud-api.livekit.io");
  spec.failover.force = false;
  auto out = Run(spec);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{"cloud-api.livekit.io", "cloud-api.livekit.io",
                                                  "cloud-api.livekit.io"}));
  EXPECT_EQ(transport->DiscoveryCount(), 0u);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 502);
  auto calls = transport->ApiCalls();
  EXPECT_EQ(calls[1]->sent_at - calls[0]->sent_at, Ms(10) + Ms(200));
  EXPECT_EQ(state->counters().same_host_retries, 2u);
}

TEST_F(FailoverRetries, SameHostRetryRecoversAfterEmptyList) {
  int n = 0;
  transport->script = [&n](const HttpRequest& r) {
    if (r.url.find("/settings/regions") != std::string::npos) return Behavior::Status(200, "{\"regions\":[]}");
    return ++n == 1 ? Behavior::Drop() : Behavior();
  };
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(0)}));
}

// B4: the backoff is jittered by the runner's random source.
TEST_F(FailoverRetries, JitteredBackoff) {
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
TEST_F(FailoverRetries, RetryBudget) {
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
TEST_F(FailoverRetries, IdempotencyPolicy) {
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
  // Reads, and the default policy, fail over as usual.
  api_by_host[R(0)] = Behavior::Status(503);
  spec.kind = MethodKind::kRead;
  EXPECT_EQ(Run(spec).attempts.size(), 2u);
  spec.kind = MethodKind::kSideEffect;
  spec.failover.idempotency = IdempotencyPolicy::kAlways;
  EXPECT_EQ(Run(spec).attempts.size(), 2u);
}

}  // namespace
}  // namespace livekit::internal::testing
