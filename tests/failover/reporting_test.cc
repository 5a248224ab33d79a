// What failover tells the application: one warning per failover, structured events and
// counters, and the attempt list of a failed call. Over the fake transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class FailoverReporting : public FailoverTest {};

// A12: one warning per failover naming the failed host, the reason and the next host.
TEST_F(FailoverReporting, OneWarningPerFailoverWithoutToken) {
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

// B8: structured events and counters.
TEST_F(FailoverReporting, EventsAndCounters) {
  api_by_host[R(0)] = Behavior::Status(503);
  Run(Spec());
  ASSERT_EQ(listener->started.size(), 2u);
  EXPECT_EQ(listener->started[0].reason, AttemptReason::kFirst);
  EXPECT_EQ(listener->started[0].host, R(0));
  EXPECT_EQ(listener->started[1].reason, AttemptReason::kFailover);
  EXPECT_EQ(listener->started[1].host, R(1));
  EXPECT_EQ(listener->started[1].region, "region-1");
  EXPECT_EQ(listener->started[1].request_id, "req-42");
  ASSERT_EQ(listener->finished.size(), 2u);
  EXPECT_TRUE(listener->finished[0].retryable);
  EXPECT_EQ(listener->finished[0].attempt.http_status, 503);
  EXPECT_FALSE(listener->finished[1].retryable);
  ASSERT_EQ(listener->discovery_started.size(), 1u);
  EXPECT_EQ(listener->discovery_started[0].host, R(0));
  ASSERT_EQ(listener->discovery_finished.size(), 1u);
  EXPECT_TRUE(listener->discovery_finished[0].ok);
  EXPECT_EQ(listener->discovery_finished[0].regions, 4);
  ASSERT_EQ(listener->budget.size(), 1u);
  EXPECT_TRUE(listener->budget[0].allowed);
  ASSERT_EQ(listener->health.size(), 1u);
  auto c = state->counters();
  EXPECT_EQ(c.calls, 1u);
  EXPECT_EQ(c.attempts, 2u);
  EXPECT_EQ(c.failovers, 1u);
  EXPECT_EQ(c.discovery_requests, 1u);
  EXPECT_EQ(c.hosts_marked_down, 1u);
  auto view = state->Describe(U(0));
  EXPECT_TRUE(view.known);
  ASSERT_EQ(view.regions.size(), 4u);
  EXPECT_EQ(view.regions[1].url, U(1));
}

// B9: a failed call lists every attempt.
TEST_F(FailoverReporting, ErrorListsEveryAttempt) {
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(1)] = Behavior::Drop();
  api_by_host[R(2)] = Behavior::Hang();
  auto out = Run(Spec());
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  const auto& a = out.error.attempts();
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0].host, R(0));
  EXPECT_EQ(a[0].outcome, ErrorCode::kServerFailure);
  EXPECT_EQ(a[0].http_status, 503);
  EXPECT_EQ(a[0].duration, Ms(10));
  EXPECT_EQ(a[1].host, R(1));
  EXPECT_EQ(a[1].region, "region-1");
  EXPECT_EQ(a[1].outcome, ErrorCode::kTransport);
  EXPECT_EQ(a[2].host, R(2));
  EXPECT_EQ(a[2].outcome, ErrorCode::kTimeout);
  EXPECT_EQ(a[2].duration, Ms(10000));
  EXPECT_EQ(out.error.request_id(), "req-42");
  EXPECT_EQ(out.error.method(), "RoomService/ListRooms");
  EXPECT_EQ(out.error.ToString().find("SECRET"), std::string::npos);
}

}  // namespace
}  // namespace livekit::internal::testing
