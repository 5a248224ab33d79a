// The trust boundary of failover: the token never leaves the origin's domain and never goes
// over http from https. Over the fake transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class FailoverTrust : public FailoverTest {};

// B7: the token never leaves the origin's domain, never goes over http from https.
TEST_F(FailoverTrust, TrustBoundaryCloud) {
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

TEST_F(FailoverTrust, TrustBoundaryNonCloud) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = RegionsAnswer({{"other-host", "http://localhost:9001"},
                                     {"other-ip", "http://127.0.0.2:9002"},
                                     {"same-host", U(3)}});
  Run(Spec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(3)}));
  EXPECT_EQ(listener->rejected.size(), 2u);
}

}  // namespace
}  // namespace livekit::internal::testing
