// Cancellation at every step of a call (attempt, discovery, backoff), exactly-once
// completion, and no timer left behind.

#include <thread>

#include "failover/region_state_impl.h"
#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class FailoverCancel : public FailoverTest {};

TEST_F(FailoverCancel, CancelDuringAttempt) {
  api_by_host[R(0)] = Behavior::Hang();
  auto p = Start(Spec());
  scheduler->Advance(Ms(5));
  p->handle.Cancel();
  scheduler->RunDue();
  ASSERT_EQ(p->done_calls, 1);
  EXPECT_EQ(p->outcome->error.code(), ErrorCode::kCancelled);
  EXPECT_TRUE(transport->ApiCalls()[0]->cancelled);
  scheduler->Advance(std::chrono::minutes(5));
  EXPECT_EQ(transport->exchanges().size(), 1u);
  EXPECT_EQ(p->done_calls, 1);
  EXPECT_EQ(scheduler->pending_timers(), 0u);
}

TEST_F(FailoverCancel, CancelDuringBackoff) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto p = Start(Spec());
  scheduler->Advance(Ms(100));  // failed at 10 ms, list at 30 ms, backoff until 210 ms
  EXPECT_EQ(p->done_calls, 0);
  p->handle.Cancel();
  scheduler->RunDue();
  ASSERT_EQ(p->done_calls, 1);
  EXPECT_EQ(p->outcome->error.code(), ErrorCode::kCancelled);
  scheduler->Advance(std::chrono::minutes(5));
  EXPECT_EQ(transport->ApiCalls().size(), 1u);
  EXPECT_EQ(p->done_calls, 1);
  EXPECT_EQ(p->outcome->attempts.size(), 1u);
  EXPECT_EQ(scheduler->pending_timers(), 0u);
}

TEST_F(FailoverCancel, CancelDuringDiscovery) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery = Behavior::Hang();
  auto p = Start(Spec());
  scheduler->Advance(Ms(500));  // backoff over, discovery hanging
  EXPECT_EQ(p->done_calls, 0);
  p->handle.Cancel();
  scheduler->RunDue();
  ASSERT_EQ(p->done_calls, 1);
  EXPECT_EQ(p->outcome->error.code(), ErrorCode::kCancelled);
  auto disc = transport->Matching("/settings/regions");
  ASSERT_EQ(disc.size(), 1u);
  EXPECT_TRUE(disc[0]->cancelled);  // nobody else waited for it
  scheduler->Advance(std::chrono::minutes(5));
  EXPECT_EQ(transport->ApiCalls().size(), 1u);
  EXPECT_EQ(state->impl().discovery.InFlight(), 0u);
}

TEST_F(FailoverCancel, CancellingOneCoalescedWaiterKeepsTheOther) {
  api_by_host[R(0)] = Behavior::Status(503);
  default_discovery.latency = Ms(1000);
  auto a = Start(Spec());
  auto b = Start(Spec());
  scheduler->Advance(Ms(500));
  a->handle.Cancel();
  scheduler->Advance(std::chrono::minutes(1));
  ASSERT_EQ(a->done_calls, 1);
  ASSERT_EQ(b->done_calls, 1);
  EXPECT_EQ(a->outcome->error.code(), ErrorCode::kCancelled);
  ASSERT_TRUE(b->outcome->response);
  EXPECT_EQ(b->outcome->response->status, 200);
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
  EXPECT_FALSE(transport->Matching("/settings/regions")[0]->cancelled);
}

TEST_F(FailoverCancel, CancelAfterCompletionIsHarmless) {
  auto p = Start(Spec());
  scheduler->Advance(Ms(100));
  ASSERT_EQ(p->done_calls, 1);
  p->handle.Cancel();
  p->handle.Cancel();
  scheduler->Advance(Ms(100));
  EXPECT_EQ(p->done_calls, 1);
  EXPECT_TRUE(p->outcome->response);
  EXPECT_EQ(scheduler->pending_timers(), 0u);
}

TEST_F(FailoverCancel, CancelFromAnotherThreadWhileIdle) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto p = Start(Spec());
  scheduler->Advance(Ms(100));  // in backoff: the call is idle
  std::thread t([&] { p->handle.Cancel(); });
  t.join();
  EXPECT_EQ(p->done_calls, 0);  // completes on the scheduler's thread, not the canceller's
  scheduler->RunDue();
  ASSERT_EQ(p->done_calls, 1);
  EXPECT_EQ(p->outcome->error.code(), ErrorCode::kCancelled);
}

TEST_F(FailoverCancel, InvalidOriginCompletesOnSchedulerThread) {
  auto p = Start(Spec("ftp://nope"));
  EXPECT_EQ(p->done_calls, 0);
  scheduler->RunDue();
  ASSERT_EQ(p->done_calls, 1);
  EXPECT_EQ(p->outcome->error.code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(transport->exchanges().empty());
}

TEST_F(FailoverCancel, CompletedCallLeavesNoTimer) {
  api_by_host[R(0)] = Behavior::Status(503);
  auto p = Start(Spec());
  scheduler->Advance(Ms(1000));
  ASSERT_EQ(p->done_calls, 1);
  EXPECT_EQ(scheduler->pending_timers(), 0u);
}

}  // namespace
}  // namespace livekit::internal::testing
