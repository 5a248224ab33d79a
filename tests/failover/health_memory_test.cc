// The health memory shared by calls: a host that just failed is routed around until its
// cool-down ends, then probed. Over the fake transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class FailoverHealth : public FailoverTest {
 protected:
  FailoverHealth() { state = std::make_shared<RegionState>(); }  // 30 s cool-down
};

// B2: a host that just failed is skipped by new calls until its cool-down ends; then one
// call probes it and success restores it.
TEST_F(FailoverHealth, CoolDownRoutesAroundThenProbes) {
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

TEST_F(FailoverHealth, NextCallsGoStraightToAHealthyRegion) {
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

TEST_F(FailoverHealth, FailedProbeDoublesCoolDown) {
  api_by_host[R(0)] = Behavior::Status(503);
  Run(Spec());
  scheduler->Advance(Ms(30000));  // the cool-down is over
  Run(Spec());                    // the probe fails
  ASSERT_GE(listener->health.size(), 2u);
  EXPECT_EQ(listener->health.back().cool_down, Ms(60000));
  EXPECT_EQ(listener->health.back().consecutive_failures, 2);
}

TEST_F(FailoverHealth, PinnedRegionIsAvoidedByLaterCalls) {
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
TEST_F(FailoverHealth, ExpiredListStillRoutes) {
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

}  // namespace
}  // namespace livekit::internal::testing
