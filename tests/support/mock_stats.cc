#include "support/mock_stats.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "support/http_client.h"

namespace livekit::test {

std::vector<MockRegionStats> ReadMockStats(const MockServerProcess& mock) {
  const HttpResult r = Http("GET", mock.url(0) + "/_test/stats", {}, {}, 5000);
  // Throws (failing the test) when the answer is not the counters. Named: a range-for over a
  // temporary's member would dangle.
  const auto json = nlohmann::json::parse(r.body);
  std::vector<MockRegionStats> out;
  for (const auto& region : json.at("regions")) {
    MockRegionStats s;
    s.api_calls = region.at("apiCalls").get<int>();
    s.discoveries = region.at("discoveries").get<int>();
    s.successes = region.at("successes").get<int>();
    s.failures = region.at("failures").get<int>();
    s.injected = region.at("injected").get<int>();
    s.pinned = region.at("pinned").get<int>();
    s.client_closed = region.at("clientClosed").get<int>();
    out.push_back(s);
  }
  return out;
}

int TotalDiscoveries(const std::vector<MockRegionStats>& stats) {
  int n = 0;
  for (const auto& s : stats) n += s.discoveries;
  return n;
}

void ResetMockStats(const MockServerProcess& mock) { Http("POST", mock.url(0) + "/_test/stats/reset", {}, {}, 5000); }

}  // namespace livekit::test
