#pragma once
// The shared set-up of the failover integration tests (integration_test.cc,
// hedge_integration_test.cc): one four-region lk-mock-server for the whole test program,
// started before the first test and stopped after the last; the region an attempt went to;
// and failover client options aimed at the mock.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "livekit/client_options.h"
#include "livekit/failover_events.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "support/mock_credentials.h"
#include "support/mock_server_process.h"
#include "support/mock_stats.h"

namespace livekit::test {

inline constexpr int kMockRegions = 4;

/// The program's mock (null outside a test).
inline MockServerProcess* g_mock = nullptr;

class FailoverMockEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { g_mock = new MockServerProcess(kMockRegions); }
  void TearDown() override {
    delete g_mock;
    g_mock = nullptr;
  }
};
inline ::testing::Environment* const kFailoverMockEnvironment =
    ::testing::AddGlobalTestEnvironment(new FailoverMockEnvironment);

/// The index of the mock region listening on `host` ("127.0.0.1:<port>"), -1 for another host.
inline int RegionOfHost(const std::string& host) {
  for (int i = 0; i < kMockRegions; ++i) {
    if (host == "127.0.0.1:" + std::to_string(g_mock->port(i))) return i;
  }
  return -1;
}

/// A client of the mock's region 0 with the dev key pair, 10 s attempts and failover forced
/// (127.0.0.1 is not a LiveKit Cloud host), with `state` and `listener`; logs nothing.
inline ClientOptions FailoverClientOptions(std::shared_ptr<RegionState> state,
                                           std::shared_ptr<FailoverListener> listener) {
  ClientOptions o = MockOptions(*g_mock);
  o.timeout = std::chrono::milliseconds(10000);
  o.failover.force = true;
  o.failover.region_state = std::move(state);
  o.failover.listener = std::move(listener);
  o.failover.logger = MakeNullLogger();
  return o;
}

/// A test that starts with the mock's counters at zero.
class MockFailoverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(g_mock, nullptr);
    ResetMockStats(*g_mock);
  }
};

}  // namespace livekit::test
