// Region pins (HTTP 451): the call fetches the list again and goes on to an allowed region,
// with or without failover. Over the fake transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class FailoverRegionPin : public FailoverTest {};

// A9: 451 -> refetch bypassing the cache, first untried allowed region, no backoff.
TEST_F(FailoverRegionPin, PinRedirect) {
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

TEST_F(FailoverRegionPin, ActiveWhenDisabledOrShortTimeout) {
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

TEST_F(FailoverRegionPin, NoAllowedRegionLeftEndsWith451) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(451, "project not allowed in this region.");
  default_discovery = RegionsAnswer({{"region-0", U(0)}});  // pinned to a region we just tried
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 451);
  EXPECT_EQ(ApiHosts().size(), 1u);
}

TEST_F(FailoverRegionPin, CountsTowardCap) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Status(451, "project not allowed in this region.");
  default_discovery = RegionsAnswer(FourRegions());
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 451);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(2)}));
}

}  // namespace
}  // namespace livekit::internal::testing
