// failover.md Part A, one test per rule, over the fake transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

// A1: 5xx, dropped connections and timeouts are retried on another region.
TEST_F(FailoverTest, A1_RetryableOutcomesFailOver) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kServerFailure);
  EXPECT_EQ(out.attempts[0].http_status, 503);
}

TEST_F(FailoverTest, A1_DropIsRetryable) {
  api_by_host[R(0)] = Behavior::Drop();
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kTransport);
}

TEST_F(FailoverTest, A1_TimeoutIsRetryable) {
  api_by_host[R(0)] = Behavior::Hang();
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kTimeout);
}

TEST_F(FailoverTest, A1_FourXxIsTerminal) {
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
TEST_F(FailoverTest, A2_NonCloudHostWithoutForceGetsOneAttempt) {
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

TEST_F(FailoverTest, A2_CloudHostFailsOverCaseInsensitive) {
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

TEST_F(FailoverTest, A2_DisabledPerCall) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto spec = Spec();
  spec.failover.enabled = false;
  auto out = Run(spec);
  EXPECT_EQ(ApiHosts().size(), 1u);
  ASSERT_EQ(listener->skipped.size(), 1u);
  EXPECT_EQ(listener->skipped[0].reason, SkipReason::kDisabled);
}

// A3: a per-attempt timeout below 5 s gives a single attempt, reported.
TEST_F(FailoverTest, A3_ShortTimeoutSingleAttempt) {
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
TEST_F(FailoverTest, A4_CapOfThree) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(503);
  auto spec = Spec();
  spec.failover.max_attempts = 10;
  auto out = Run(spec);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(2)}));
  EXPECT_EQ(out.attempts.size(), 3u);
}

TEST_F(FailoverTest, A4_UserMayLower) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(503);
  auto spec = Spec();
  spec.failover.max_attempts = 2;
  Run(spec);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
}

// A5: one discovery, on the first retryable failure only, GET, headers forwarded except
// Content-Type/Length, 2 s timeout.
TEST_F(FailoverTest, A5_DiscoveryRequest) {
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(1)] = Behavior::Status(503);
  Run(Spec());
  auto disc = transport->Matching("/settings/regions");
  ASSERT_EQ(disc.size(), 1u);
  const auto& req = disc[0]->request;
  EXPECT_EQ(req.verb, HttpRequest::Verb::kGet);
  EXPECT_EQ(req.url, U(0) + "/settings/regions");
  EXPECT_EQ(req.timeout, Ms(2000));
  EXPECT_EQ(FindHeader(req.headers, "Authorization"), "Bearer SECRET-TOKEN");
  EXPECT_EQ(FindHeader(req.headers, "X-Livekit-Request-Id"), "req-42");
  EXPECT_EQ(FindHeader(req.headers, "X-Lk-Mock"), "{\"failRegions\":[0]}");
  EXPECT_EQ(FindHeader(req.headers, "Content-Type"), "");
  EXPECT_EQ(FindHeader(req.headers, "Content-Length"), "");
  EXPECT_TRUE(req.body.empty());
  // No discovery before the first failure.
  EXPECT_GT(disc[0]->sent_at, transport->ApiCalls()[0]->sent_at);
}

TEST_F(FailoverTest, A5_NoDiscoveryWhenFirstAttemptSucceeds) {
  Run(Spec());
  EXPECT_EQ(transport->DiscoveryCount(), 0u);
}

TEST_F(FailoverTest, A5_DiscoveryTimeoutBoundedByDeadline) {
  api_by_host[R(0)] = Behavior::Status(503, "{}");
  api_by_host[R(0)].latency = Ms(9000);
  auto spec = Spec();
  spec.failover.deadline = Ms(10000);
  Run(spec);
  auto disc = transport->Matching("/settings/regions");
  ASSERT_EQ(disc.size(), 1u);
  EXPECT_EQ(disc[0]->request.timeout, Ms(1000));
}

TEST_F(FailoverTest, A5_WsSchemesAndBadEntries) {
  api_by_host[R(0)] = Behavior::Status(503);
  Behavior b = Behavior::Status(200, std::string(R"({"regions":[{"region":"x"},{"region":"bad","url":"%%%"},)") +
                                         R"({"region":"r2","url":"ws://)" + R(2) + R"("}]})");
  default_discovery = b;
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(2)}));
  EXPECT_EQ(transport->ApiCalls()[1]->request.url, U(2) + "/twirp/livekit.RoomService/ListRooms");
  EXPECT_EQ(out.attempts[1].region, "r2");
}

TEST_F(FailoverTest, A5_NonTwoXxDiscoveryIsFailure) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = Behavior::Status(500, "");
  auto out = Run(Spec());
  // No list: A14 retries the origin.
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(0), R(0)}));
  ASSERT_FALSE(listener->discovery_finished.empty());
  EXPECT_FALSE(listener->discovery_finished[0].ok);
}

// A6: the cache honours max-age; zero means "fetch again".
TEST_F(FailoverTest, A6_CacheHonoursMaxAge) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer(FourRegions(), "public, max-age=60");
  Run(Spec());
  scheduler->Advance(Ms(1000));
  Run(Spec());
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
  EXPECT_GE(state->counters().discovery_cache_hits, 1u);
  scheduler->Advance(std::chrono::seconds(61));
  Run(Spec());
  EXPECT_EQ(transport->DiscoveryCount(), 2u);
}

TEST_F(FailoverTest, A6_MaxAgeZeroIsNotCached) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer(FourRegions(), "max-age=0");
  Run(Spec());
  Run(Spec());
  EXPECT_EQ(transport->DiscoveryCount(), 2u);
}

TEST_F(FailoverTest, A6_StaleListServedWhenFetchFails) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer(FourRegions(), "max-age=1");
  Run(Spec());
  scheduler->Advance(std::chrono::seconds(5));
  default_discovery = Behavior::Status(500, "");
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts().back(), R(1));
  EXPECT_TRUE(listener->discovery_finished.back().stale);
  EXPECT_EQ(state->counters().discovery_stale, 1u);
}

TEST_F(FailoverTest, A6_NoStaleListEndsWithOriginalError) {
  api_by_host[R(0)] = Behavior::Drop();
  default_discovery = Behavior::Status(404, "");
  auto spec = Spec();
  spec.failover.max_attempts = 2;
  auto out = Run(spec);
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTransport);
  for (const auto& h : ApiHosts()) EXPECT_EQ(h, R(0));
}

// A6: one cache per RegionState, shared by every runner (client) that uses it.
TEST_F(FailoverTest, A6_CacheSharedAcrossRunners) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer(FourRegions(), "max-age=60");
  Run(Spec());
  runner = std::make_unique<CallRunner>(transport, scheduler, random);
  Run(Spec());
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
}

// A7: concurrent discoveries for one origin share one request.
TEST_F(FailoverTest, A7_Coalescing) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery.latency = Ms(150);
  std::vector<std::shared_ptr<Pending>> calls;
  for (int i = 0; i < 20; ++i) calls.push_back(Start(Spec()));
  scheduler->Advance(std::chrono::minutes(1));
  for (auto& c : calls) {
    ASSERT_EQ(c->done_calls, 1);
    ASSERT_TRUE(c->outcome->response);
    EXPECT_EQ(c->outcome->response->status, 200);
  }
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
  EXPECT_EQ(state->counters().discovery_coalesced, 19u);
}

// A7: a list fetched after a call started is newer than that call's failure: the call uses
// it instead of asking again (with max-age=0 there is no cache to share it otherwise).
TEST_F(FailoverTest, A7_ListNewerThanTheCallIsReused) {
  int n = 0;
  transport->script = [this, &n](const HttpRequest& r) {
    if (r.url.find("/settings/regions") != std::string::npos) return default_discovery;
    if (ParseUrl(r.url)->HostKey() != R(0)) return Behavior();
    Behavior b = Behavior::Status(503);
    b.latency = ++n == 1 ? Ms(10) : Ms(100);  // the second call fails after the list arrived
    return b;
  };
  auto a = Start(Spec());
  auto b = Start(Spec());
  scheduler->Advance(std::chrono::seconds(5));
  ASSERT_TRUE(a->outcome && a->outcome->response);
  ASSERT_TRUE(b->outcome && b->outcome->response);
  EXPECT_EQ(b->outcome->attempts.size(), 2u);
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
  auto late = Start(Spec());  // started after the fetch: asks again
  scheduler->Advance(std::chrono::seconds(5));
  EXPECT_EQ(transport->DiscoveryCount(), 2u);
}

// A8: the first untried region in the server's order.
TEST_F(FailoverTest, A8_FirstUntriedInServerOrder) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(503);
  default_discovery = RegionsAnswer({{"r3", U(3)}, {"r0", U(0)}, {"r2", U(2)}, {"r1", U(1)}});
  Run(Spec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(3), R(2)}));
}

TEST_F(FailoverTest, A8_NoneLeftEndsWithLastError) {
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(1)] = Behavior::Drop();
  default_discovery = RegionsAnswer({{"r0", U(0)}, {"r1", U(1)}});
  auto out = Run(Spec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTransport);
  EXPECT_EQ(listener->skipped.back().reason, SkipReason::kNoRegionLeft);
}

// A9: 451 -> refetch bypassing the cache, first untried allowed region, no backoff.
TEST_F(FailoverTest, A9_PinRedirect) {
  default_discovery = RegionsAnswer(FourRegions(), "max-age=600");
  api_by_host[R(0)] = Behavior::Status(503);
  Run(Spec());  // fills the cache with all four regions
  ASSERT_EQ(transport->DiscoveryCount(), 1u);
  api_by_host[R(0)] = Behavior::Status(451, "project not allowed in this region.");
  default_discovery = RegionsAnswer({{"region-2", U(2)}}, "max-age=600");
  auto before = transport->ApiCalls().size();
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(transport->DiscoveryCount(), 2u);  // the fresh cache was bypassed
  auto calls = transport->ApiCalls();
  ASSERT_EQ(calls.size() - before, 2u);
  EXPECT_EQ(ParseUrl(calls.back()->request.url)->HostKey(), R(2));
  // No backoff: the redirect leaves as soon as the list arrived.
  auto disc = transport->Matching("/settings/regions").back();
  EXPECT_EQ(calls.back()->sent_at, disc->sent_at + default_discovery.latency);
  ASSERT_EQ(listener->pinned.size(), 1u);
  EXPECT_EQ(listener->pinned[0].next_host, R(2));
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kRegionPinned);
}

TEST_F(FailoverTest, A9_ActiveWhenDisabledOrShortTimeout) {
  api_by_host[R(0)] = Behavior::Status(451, "project not allowed in this region.");
  default_discovery = RegionsAnswer({{"region-1", U(1)}});
  auto spec = Spec();
  spec.failover.enabled = false;
  spec.attempt_timeout = Ms(1000);
  auto out = Run(spec);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
}

TEST_F(FailoverTest, A9_NoAllowedRegionLeftEndsWith451) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(451, "project not allowed in this region.");
  default_discovery = RegionsAnswer({{"region-0", U(0)}});  // pinned to a region we just tried
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 451);
  EXPECT_EQ(ApiHosts().size(), 1u);
}

TEST_F(FailoverTest, A9_CountsTowardCap) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(451, "project not allowed in this region.");
  default_discovery = RegionsAnswer(FourRegions());
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 451);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(2)}));
}

// A10, A11: backoff 200 ms x 2^n before attempt n+1; identical bytes and request id.
TEST_F(FailoverTest, A10_BackoffScheduleAndIdenticalReplays) {
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
    EXPECT_EQ(c->request.headers, calls[0]->request.headers);
    EXPECT_EQ(FindHeader(c->request.headers, "X-Livekit-Request-Id"), "req-42");
    EXPECT_EQ(c->request.verb, HttpRequest::Verb::kPost);
  }
}

// A12: one warning per failover naming the failed host, the reason and the next host.
TEST_F(FailoverTest, A12_OneWarningPerFailoverWithoutToken) {
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(1)] = Behavior::Drop();
  Run(Spec());
  auto w = logger->Warnings();
  ASSERT_EQ(w.size(), 2u);
  EXPECT_NE(w[0].find(R(0)), std::string::npos);
  EXPECT_NE(w[0].find("503"), std::string::npos);
  EXPECT_NE(w[0].find(R(1)), std::string::npos);
  EXPECT_NE(w[1].find("connection closed"), std::string::npos);
  EXPECT_NE(w[1].find(R(2)), std::string::npos);
  for (auto& line : logger->lines) EXPECT_EQ(line.second.find("SECRET-TOKEN"), std::string::npos);
}

// A13: the per-attempt timeout is what each exchange gets.
TEST_F(FailoverTest, A13_PerAttemptTimeout) {
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
TEST_F(FailoverTest, A14_CloudApiHostRetriesSameHost) {
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

TEST_F(FailoverTest, A14_SameHostRetryRecoversAfterEmptyList) {
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

}  // namespace
}  // namespace livekit::internal::testing
