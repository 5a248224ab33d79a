// Region discovery during failover: the /settings/regions request, the cache and its
// max-age, coalesced discoveries, and asking other known regions when the origin fails. Over
// the fake transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class FailoverDiscovery : public FailoverTest {};

// A5: one discovery, on the first retryable failure only, GET, headers forwarded except
// Content-Type/Length, 2 s timeout.
TEST_F(FailoverDiscovery, DiscoveryRequest) {
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

TEST_F(FailoverDiscovery, NoDiscoveryWhenFirstAttemptSucceeds) {
  Run(Spec());
  EXPECT_EQ(transport->DiscoveryCount(), 0u);
}

TEST_F(FailoverDiscovery, DiscoveryTimeoutBoundedByDeadline) {
  api_by_host[R(0)] = Behavior::Status(503, "{}");
  api_by_host[R(0)].latency = Ms(9000);
  auto spec = Spec();
  spec.failover.deadline = Ms(10000);
  Run(spec);
  auto disc = transport->Matching("/settings/regions");
  ASSERT_EQ(disc.size(), 1u);
  EXPECT_EQ(disc[0]->request.timeout, Ms(1000));
}

TEST_F(FailoverDiscovery, WsSchemesAndBadEntries) {
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

TEST_F(FailoverDiscovery, NonTwoXxDiscoveryIsFailure) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = Behavior::Status(500, "");
  auto out = Run(Spec());
  // No list: A14 retries the origin.
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(0), R(0)}));
  ASSERT_FALSE(listener->discovery_finished.empty());
  EXPECT_FALSE(listener->discovery_finished[0].ok);
}

// A6: the cache honours max-age; zero means "fetch again".
TEST_F(FailoverDiscovery, CacheHonoursMaxAge) {
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

TEST_F(FailoverDiscovery, MaxAgeZeroIsNotCached) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer(FourRegions(), "max-age=0");
  Run(Spec());
  Run(Spec());
  EXPECT_EQ(transport->DiscoveryCount(), 2u);
}

TEST_F(FailoverDiscovery, StaleListServedWhenFetchFails) {
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

TEST_F(FailoverDiscovery, NoStaleListEndsWithOriginalError) {
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
TEST_F(FailoverDiscovery, CacheSharedAcrossRunners) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer(FourRegions(), "max-age=60");
  Run(Spec());
  runner = std::make_unique<CallRunner>(transport, scheduler, random);
  Run(Spec());
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
}

// A7: concurrent discoveries for one origin share one request.
TEST_F(FailoverDiscovery, Coalescing) {
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
TEST_F(FailoverDiscovery, ListNewerThanTheCallIsReused) {
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

// B3: when the origin's discovery fails, the other known regions are asked.
TEST_F(FailoverDiscovery, DiscoveryFromOtherRegions) {
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

}  // namespace
}  // namespace livekit::internal::testing
