// DiscoverRegions (livekit/region_discovery.h) against lk-mock-server: the list in the
// server's order, probes, the cache it refreshes, and its two errors.
#include <gtest/gtest.h>

#include <memory>

#include "livekit/region_discovery.h"
#include "support/mock_credentials.h"
#include "support/mock_server_process.h"

namespace livekit::test {
namespace {

ClientOptions OptionsFor(const std::string& url, std::shared_ptr<RegionState> state) {
  ClientOptions o;
  o.url = url;
  o.api_key = kApiKey;
  o.api_secret = kApiSecret;
  o.failover.region_state = std::move(state);
  return o;
}

TEST(DiscoverRegions, ListsTheRegionsInOrderAndProbesThem) {
  MockServerProcess mock(2);
  auto state = std::make_shared<RegionState>();
  auto found = DiscoverRegions(OptionsFor(mock.url(), state));
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  EXPECT_EQ(found->origin, mock.url());
  ASSERT_EQ(found->regions.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    const DiscoveredRegion& r = found->regions[static_cast<std::size_t>(i)];
    EXPECT_EQ(r.url, mock.url(i));
    EXPECT_FALSE(r.listed_url.empty());
    ASSERT_TRUE(r.probe.has_value());
    EXPECT_TRUE(r.probe->reachable) << r.probe->detail;
    EXPECT_GT(r.probe->http_status, 0);
  }
  // The list now is the state's last known one for the origin.
  EXPECT_TRUE(found->cache.known);
  EXPECT_EQ(state->Describe(mock.url()).regions.size(), 2u);
  EXPECT_EQ(state->counters().discovery_requests, 1u);
}

TEST(DiscoverRegions, WithoutProbesLeavesThemUnset) {
  MockServerProcess mock(2);
  RegionDiscoveryOptions no_probe;
  no_probe.probe = false;
  auto found = DiscoverRegions(OptionsFor(mock.url(), std::make_shared<RegionState>()), no_probe);
  ASSERT_TRUE(found.ok()) << found.error().ToString();
  ASSERT_EQ(found->regions.size(), 2u);
  for (const auto& r : found->regions) EXPECT_FALSE(r.probe.has_value());
}

TEST(DiscoverRegions, AMalformedUrlIsAnInvalidArgument) {
  auto found = DiscoverRegions(OptionsFor("ftp://example.com", std::make_shared<RegionState>()));
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code(), ErrorCode::kInvalidArgument);
}

TEST(DiscoverRegions, AnUnreachableServerIsATransportFailure) {
  MockServerProcess mock(1);
  const std::string url = mock.url();
  mock.Stop();
  auto found = DiscoverRegions(OptionsFor(url, std::make_shared<RegionState>()));
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code(), ErrorCode::kTransport);
  EXPECT_NE(found.error().message().find("/settings/regions"), std::string::npos) << found.error().message();
}

}  // namespace
}  // namespace livekit::test
