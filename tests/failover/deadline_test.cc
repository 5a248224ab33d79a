// The overall deadline of a call: it bounds every attempt, backoff and discovery, and the
// call ends exactly at it. Over the fake transport and virtual clock.

#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class FailoverDeadline : public FailoverTest {};

// B1: the overall deadline bounds everything; the call ends exactly at it.
TEST_F(FailoverDeadline, DeadlineCutsAHangingAttempt) {
  api_by_host[R(0)] = Behavior::Hang();
  auto spec = Spec();
  spec.failover.deadline = Ms(3000);
  auto out = Run(spec);
  EXPECT_EQ(last_done_at, Ms(3000));
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  ASSERT_EQ(out.attempts.size(), 1u);
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kTimeout);
  EXPECT_TRUE(transport->ApiCalls()[0]->cancelled);
  EXPECT_EQ(transport->exchanges().size(), 1u);  // nothing after the deadline
  EXPECT_EQ(scheduler->pending_timers(), 0u);
}

TEST_F(FailoverDeadline, LaterAttemptsGetWhatIsLeft) {
  api_by_host[R(0)] = Behavior::Hang();
  api_by_host[R(1)] = Behavior::Hang();
  auto spec = Spec();
  spec.failover.deadline = Ms(12000);
  auto out = Run(spec);
  auto calls = transport->ApiCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0]->request.timeout, Ms(10000));
  EXPECT_EQ(calls[1]->request.timeout, Ms(12000 - 10200));
  EXPECT_EQ(last_done_at, Ms(12000));
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
}

TEST_F(FailoverDeadline, NoBackoffPastTheDeadline) {
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(0)].latency = Ms(2900);
  auto spec = Spec();
  spec.failover.deadline = Ms(3000);
  auto out = Run(spec);
  EXPECT_EQ(last_done_at, Ms(2900));
  EXPECT_EQ(ApiHosts().size(), 1u);
  EXPECT_EQ(transport->DiscoveryCount(), 0u);
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 503);
  EXPECT_EQ(listener->skipped.back().reason, SkipReason::kDeadline);
}

// Over a transport that bounds its exchanges (as the engine does), a call arms no deadline
// timer while its first attempt is in flight: that attempt ends before the deadline anyway.
TEST_F(FailoverDeadline, NoDeadlineTimerWhileTheFirstAttemptIsBounded) {
  transport->bounds_exchange_time = true;
  auto p = Start(Spec());
  ASSERT_TRUE(scheduler->FireNext());  // the posted first step: the attempt is sent
  ASSERT_EQ(transport->ApiCalls().size(), 1u);
  EXPECT_EQ(scheduler->pending_timers(), 1u);  // the exchange's own answer, no deadline
  scheduler->RunUntil([&] { return p->done_calls > 0; }, std::chrono::minutes(1));
  ASSERT_TRUE(p->outcome && p->outcome->response);
  EXPECT_EQ(scheduler->pending_timers(), 0u);
}

// The same transport: once the call goes on past its first attempt the deadline is armed, and
// ends the call exactly on time while it waits for a region list that never comes (no
// exchange of its own in flight to end it).
TEST_F(FailoverDeadline, DeadlineArmedWhenTheCallGoesPastItsFirstAttempt) {
  transport->bounds_exchange_time = true;
  api_by_host[R(0)] = Behavior::Hang();
  default_discovery = Behavior::Stuck();
  auto spec = Spec();
  spec.attempt_timeout = Ms(5000);
  spec.failover.deadline = Ms(6000);
  auto out = Run(spec);
  EXPECT_EQ(last_done_at, Ms(6000));
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  EXPECT_NE(out.error.message().find("call deadline of 6000 ms exceeded"), std::string::npos) << out.error.message();
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
}

// A deadline no longer than one attempt is armed at once, as over any transport.
TEST_F(FailoverDeadline, ShortDeadlineArmedAtOnceOverABoundedTransport) {
  transport->bounds_exchange_time = true;
  api_by_host[R(0)] = Behavior::Stuck();
  auto spec = Spec();
  spec.failover.deadline = Ms(3000);
  auto out = Run(spec);
  EXPECT_EQ(last_done_at, Ms(3000));
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  EXPECT_TRUE(transport->ApiCalls()[0]->cancelled);
}

TEST_F(FailoverDeadline, DefaultDeadline) {
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Hang();
  default_discovery = Behavior::Hang();
  auto spec = Spec();
  spec.attempt_timeout = Ms(5000);
  Run(spec);
  // 3 x 5 s + at most 300 + 600 ms of backoff + one 2 s discovery.
  EXPECT_LE(last_done_at, Ms(15000 + 900 + 2000));
}

}  // namespace
}  // namespace livekit::internal::testing
