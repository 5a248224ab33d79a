#pragma once
// lk-mock-server's /_test/stats counters, read over plain HTTP from a running mock, so a test
// can prove how many attempts and discoveries reached each region.

#include <vector>

#include "support/mock_server_process.h"

namespace livekit::test {

/// One region's counters since the last reset.
struct MockRegionStats {
  int api_calls = 0;
  int discoveries = 0;
  int successes = 0;
  int failures = 0;  // rejected, pinned, injected, dropped and hung together
  int injected = 0;
  int pinned = 0;
  int client_closed = 0;
};

/// Every region's counters, in region order. Throws when the mock does not answer with them.
std::vector<MockRegionStats> ReadMockStats(const MockServerProcess& mock);

/// The sum of every region's discoveries.
int TotalDiscoveries(const std::vector<MockRegionStats>& stats);

/// Sets every counter of every region back to zero.
void ResetMockStats(const MockServerProcess& mock);

}  // namespace livekit::test
