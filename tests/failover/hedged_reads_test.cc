// Hedged reads: a second attempt of a read after a delay while the first stays in flight,
// the race between them, their share of the cap and the budget, discovery at hedge time and
// what is reported. Over the fake transport and virtual clock: every instant below is
// virtual, nothing sleeps.

#include "failover/region_list.h"
#include "failover/region_state_impl.h"
#include "failover_fixture.h"

namespace livekit::internal::testing {
namespace {

class HedgedReads : public FailoverTest {
 protected:
  HedgedReads() { state = std::make_shared<RegionState>(); }  // 30 s cool-down, full budget

  /// A read that hedges after 300 ms.
  CallSpec HedgedSpec() {
    auto s = Spec();
    s.failover.hedge_after = Ms(300);
    return s;
  }

  /// Puts a region list in the cache as if a call had discovered it (max-age 0: known, not fresh).
  void KnowRegions(const std::vector<RegionEntry>& regions = FourRegions()) {
    auto list = ParseRegionSettings(RegionsJson(regions));
    ASSERT_TRUE(list);
    state->impl().cache.Put(R(0), *list, scheduler->Now(), std::chrono::seconds(0));
  }

  Ms SentAt(std::size_t api_call) const {
    auto calls = transport->ApiCalls();
    return std::chrono::duration_cast<Ms>(calls.at(api_call)->sent_at - calls.at(0)->sent_at);
  }

  /// A hedged read of at most two attempts: region 0 answers 200 after 1 s, the hedge to
  /// region 1 gets `hedge_answer`.
  CallOutcome RunWithSlowPrimary(Behavior hedge_answer) {
    KnowRegions();
    api_by_host[R(0)] = Behavior();
    api_by_host[R(0)].latency = Ms(1000);
    api_by_host[R(1)] = std::move(hedge_answer);
    auto spec = HedgedSpec();
    spec.failover.max_attempts = 2;
    return Run(spec);
  }

  int HedgesStarted() const {
    int n = 0;
    for (auto& e : listener->started) n += e.reason == AttemptReason::kHedge;
    return n;
  }
};

// Rule 1: off by default: a hanging primary is waited out, then failed over.
TEST_F(HedgedReads, NoHedgeByDefault) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  auto out = Run(Spec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(SentAt(1), Ms(10000 + 200));  // after the timeout and the backoff
  EXPECT_EQ(HedgesStarted(), 0);
  EXPECT_EQ(state->counters().hedges, 0u);
}

// Rule 1: with a delay, the same request goes to the next host while the first stays in
// flight; the hedge's answer ends the call.
TEST_F(HedgedReads, HedgeAfterTheDelay) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  auto out = Run(HedgedSpec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(SentAt(1), Ms(300));
  EXPECT_EQ(last_done_at, Ms(310));
  EXPECT_EQ(state->counters().hedges, 1u);
}

// Rule 1: the hedge goes to the first healthy untried region (A8 order, B2).
TEST_F(HedgedReads, HedgeGoesToTheFirstHealthyRegion) {
  KnowRegions();
  state->impl().health.RecordFailure(R(1), scheduler->Now(), false);
  api_by_host[R(0)] = Behavior::Hang();
  Run(HedgedSpec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(2)}));
}

// Rule 1: only where failover applies (A2: a non-cloud host without force gets none).
TEST_F(HedgedReads, NoHedgeWhereFailoverDoesNotApply) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  auto spec = HedgedSpec();
  spec.failover.force = false;
  auto out = Run(spec);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0)}));
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  auto disabled = HedgedSpec();
  disabled.failover.enabled = false;
  Run(disabled);
  EXPECT_EQ(ApiHosts().size(), 2u);  // one more attempt, on the origin again
  EXPECT_EQ(HedgesStarted(), 0);
}

// Rule 1 (validation): a delay that is not positive is refused before anything is sent.
TEST_F(HedgedReads, NonPositiveDelayIsInvalid) {
  for (Ms bad : {Ms(0), Ms(-5)}) {
    auto spec = HedgedSpec();
    spec.failover.hedge_after = bad;
    auto out = Run(spec);
    ASSERT_FALSE(out.response);
    EXPECT_EQ(out.error.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(out.error.message().find("hedge_after"), std::string::npos);
  }
  EXPECT_TRUE(transport->exchanges().empty());
}

// Rule 2: writes and side-effecting methods are never hedged.
TEST_F(HedgedReads, OnlyReadsAreHedged) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  for (MethodKind kind : {MethodKind::kIdempotentWrite, MethodKind::kSideEffect}) {
    auto spec = HedgedSpec();
    spec.kind = kind;
    spec.path = "/twirp/livekit.RoomService/CreateRoom";
    auto out = Run(spec);
    ASSERT_TRUE(out.response);
  }
  EXPECT_EQ(HedgesStarted(), 0);
  for (auto& e : listener->started) EXPECT_NE(e.reason, AttemptReason::kHedge);
  // The first write waited out its timeout, then failed over; the second went straight to a
  // healthy region (B2), as without hedging.
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(1)}));
  EXPECT_EQ(SentAt(1), Ms(10200));
}

// Rule 3: the first answer that is not retryable wins (a terminal 4xx too); the others are
// cancelled: their exchanges stopped.
TEST_F(HedgedReads, TerminalAnswerWinsAndLosersAreCancelled) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  api_by_host[R(1)] = Behavior::Status(404, R"({"code":"not_found","msg":"no room"})");
  auto out = Run(HedgedSpec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 404);
  auto calls = transport->ApiCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_TRUE(calls[0]->cancelled);
  EXPECT_FALSE(calls[1]->cancelled);
  EXPECT_EQ(last_done_at, Ms(310));
  EXPECT_EQ(scheduler->pending_timers(), 0u);  // no hedge timer, no timeout left behind
}

// Rule 3: a retryable failure of one attempt while another is in flight does not end the call.
TEST_F(HedgedReads, RetryableFailureWaitsForTheOtherAttempt) {
  auto out = RunWithSlowPrimary(Behavior::Status(503));
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(last_done_at, Ms(1000));
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
}

// Rule 3: only an answer wins the race: a hedge refused locally (a per-host limit of this
// process) does not end the call while the first attempt may still answer.
TEST_F(HedgedReads, LocalRefusalOfAHedgeDoesNotWin) {
  auto out = RunWithSlowPrimary(Behavior::LocalLimit());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(last_done_at, Ms(1000));
}

// Rule 3: when every attempt has failed, normal failover continues (backoff, next region).
TEST_F(HedgedReads, AllFailedThenNormalFailover) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Status(503);
  api_by_host[R(0)].latency = Ms(500);
  api_by_host[R(1)] = Behavior::Status(503);
  auto out = Run(HedgedSpec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(2)}));
  ASSERT_EQ(listener->started.size(), 3u);
  EXPECT_EQ(listener->started[1].reason, AttemptReason::kHedge);
  EXPECT_EQ(listener->started[2].reason, AttemptReason::kFailover);
  EXPECT_EQ(SentAt(2), Ms(500 + 400));  // the backoff before a third attempt: 200 ms x 2
}

// Rule 3 with A9: a hedge answered 451 fetches the list again and goes on to an allowed region
// at once, while the first attempt stays in flight.
TEST_F(HedgedReads, HedgeRacingA451FollowsTheRegionPin) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  api_by_host[R(1)] = Behavior::Status(451, "project not allowed in this region.");
  default_discovery = RegionsAnswer({{"region-0", U(0)}, {"region-2", U(2)}});
  auto out = Run(HedgedSpec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(out.response->status, 200);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(2)}));
  ASSERT_EQ(listener->started.size(), 3u);
  EXPECT_EQ(listener->started[2].reason, AttemptReason::kRegionPin);
  ASSERT_EQ(listener->discovery_started.size(), 1u);
  EXPECT_TRUE(listener->discovery_started[0].bypass_cache);
  EXPECT_EQ(SentAt(2), Ms(310 + 10));  // no backoff: right after the fresh list
  EXPECT_TRUE(transport->ApiCalls()[0]->cancelled);
  EXPECT_EQ(state->counters().pin_redirects, 1u);
}

// Rule 4: hedges count toward the 3-attempt cap.
TEST_F(HedgedReads, HedgesShareTheCap) {
  KnowRegions();
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Hang();
  auto out = Run(HedgedSpec());
  ASSERT_FALSE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(2)}));
  EXPECT_EQ(SentAt(1), Ms(300));
  EXPECT_EQ(SentAt(2), Ms(600));
  EXPECT_EQ(out.attempts.size(), 3u);
  auto lowered = HedgedSpec();
  lowered.failover.max_attempts = 2;
  Run(lowered);
  EXPECT_EQ(ApiHosts().size(), 5u);
}

// Rule 4: each hedge takes a token from the retry budget.
TEST_F(HedgedReads, EachHedgeTakesAToken) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  Run(HedgedSpec());
  // 10 - 1 for the hedge + 0.1 for the successful call.
  EXPECT_DOUBLE_EQ(state->budget_tokens(), 9.1);
  ASSERT_FALSE(listener->budget.empty());
  EXPECT_TRUE(listener->budget.back().allowed);
}

// Rule 4: no token, no hedge.
TEST_F(HedgedReads, NoTokenNoHedge) {
  KnowRegions();
  for (int i = 0; i < 5; ++i) state->impl().budget.RecordFailure();  // 5 of 10: none above half
  api_by_host[R(0)] = Behavior::Hang();
  auto out = Run(HedgedSpec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0)}));
  EXPECT_EQ(HedgesStarted(), 0);
  ASSERT_FALSE(listener->budget.empty());
  EXPECT_FALSE(listener->budget.front().allowed);
  EXPECT_GE(state->counters().budget_denials, 1u);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
}

// Rule 4: hedges spend only the tokens above the half of the bucket that failover needs, so a
// hedge never switches failover off: at 6 of 10 tokens there is no hedge, but the failover
// after the attempt's timeout still happens.
TEST_F(HedgedReads, HedgesLeaveFailoverItsBudget) {
  KnowRegions();
  for (int i = 0; i < 4; ++i) state->impl().budget.RecordFailure();  // 6 of 10
  api_by_host[R(0)] = Behavior::Hang();
  auto out = Run(HedgedSpec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(HedgesStarted(), 0);
  ASSERT_EQ(listener->started.size(), 2u);
  EXPECT_EQ(listener->started[1].reason, AttemptReason::kFailover);
  EXPECT_EQ(SentAt(1), Ms(10200));
}

// Rule 4: the deadline bounds hedges: none after it, and every attempt cut at it is listed.
TEST_F(HedgedReads, DeadlineBoundsHedges) {
  KnowRegions();
  for (int i = 0; i < 4; ++i) api_by_host[R(i)] = Behavior::Hang();
  auto spec = HedgedSpec();
  spec.failover.deadline = Ms(700);
  auto out = Run(spec);
  EXPECT_EQ(last_done_at, Ms(700));
  ASSERT_FALSE(out.response);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
  ASSERT_EQ(out.attempts.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(out.attempts[i].outcome, ErrorCode::kTimeout);
    EXPECT_EQ(out.attempts[i].hedge, i > 0);
  }
  EXPECT_EQ(transport->ApiCalls()[1]->request.timeout, Ms(400));  // what was left of the deadline
  for (auto& ex : transport->ApiCalls()) EXPECT_TRUE(ex->cancelled);
  EXPECT_EQ(scheduler->pending_timers(), 0u);

  auto short_deadline = HedgedSpec();
  short_deadline.failover.deadline = Ms(250);
  Run(short_deadline);
  EXPECT_EQ(ApiHosts().size(), 4u);  // one attempt: the hedge could not start before the deadline
}

// Rule 5: no list known: discovery starts when the delay fires, the hedge goes when it arrives.
TEST_F(HedgedReads, DiscoveryAtHedgeTime) {
  api_by_host[R(0)] = Behavior::Hang();
  default_discovery.latency = Ms(100);
  auto out = Run(HedgedSpec());
  ASSERT_TRUE(out.response);
  auto discovery = transport->Matching("/settings/regions");
  ASSERT_EQ(discovery.size(), 1u);
  EXPECT_EQ(std::chrono::duration_cast<Ms>(discovery[0]->sent_at - transport->ApiCalls()[0]->sent_at), Ms(300));
  EXPECT_EQ(discovery[0]->request.timeout, Ms(2000));
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(SentAt(1), Ms(400));
}

// Rule 5: concurrent calls share one discovery (A7).
TEST_F(HedgedReads, DiscoveryAtHedgeTimeIsCoalesced) {
  api_by_host[R(0)] = Behavior::Hang();
  default_discovery.latency = Ms(100);
  std::vector<std::shared_ptr<Pending>> calls;
  for (int i = 0; i < 20; ++i) calls.push_back(Start(HedgedSpec()));
  scheduler->RunUntil([&] {
    for (auto& c : calls) if (c->done_calls == 0) return false;
    return true;
  }, std::chrono::minutes(1));
  for (auto& c : calls) {
    ASSERT_TRUE(c->outcome && c->outcome->response);
    EXPECT_EQ(c->outcome->response->status, 200);
  }
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
}

// Rule 5: a fetch started by the hedge delay that fails (here: it hangs for its 2 s) sends no
// hedge and leaves the call its discovery on the first retryable failure.
TEST_F(HedgedReads, FailedHedgeTimeDiscoveryLeavesTheCallItsDiscovery) {
  int discoveries = 0;
  transport->script = [this, &discoveries](const HttpRequest& r) {
    if (r.url.find("/settings/regions") != std::string::npos) {
      return ++discoveries == 1 ? Behavior::Hang() : default_discovery;
    }
    return ParseUrl(r.url)->HostKey() == R(0) ? Behavior::Hang() : Behavior();
  };
  auto out = Run(HedgedSpec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(transport->DiscoveryCount(), 2u);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_EQ(HedgesStarted(), 0);
  EXPECT_EQ(listener->started[1].reason, AttemptReason::kFailover);
}

// Rule 5 (2 s bound): a discovery whose request the transport never times out (queued behind
// the origin's hung connections) is cut by discovery's own watchdog just after its 2 s.
TEST_F(HedgedReads, DiscoveryNeverOutlivesItsTimeout) {
  api_by_host[R(0)] = Behavior::Hang();
  default_discovery = Behavior::Stuck();
  auto p = Start(HedgedSpec());
  scheduler->Advance(Ms(300 + 2000 + 50));
  ASSERT_EQ(transport->DiscoveryCount(), 1u);
  EXPECT_TRUE(transport->Matching("/settings/regions")[0]->cancelled);
  ASSERT_EQ(listener->discovery_finished.size(), 1u);
  EXPECT_FALSE(listener->discovery_finished[0].ok);
  EXPECT_NE(listener->discovery_finished[0].detail.find("no answer within 2000 ms"), std::string::npos);
  EXPECT_EQ(HedgesStarted(), 0);
  scheduler->RunUntil([&] { return p->done_calls > 0; }, std::chrono::minutes(1));
  EXPECT_EQ(p->done_calls, 1);
}

// Rule 5: a list that names no other host means no hedge.
TEST_F(HedgedReads, NoOtherHostNoHedge) {
  api_by_host[R(0)] = Behavior::Hang();
  default_discovery = RegionsAnswer({{"region-0", U(0)}});
  auto out = Run(HedgedSpec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0)}));
  EXPECT_EQ(transport->DiscoveryCount(), 1u);
  EXPECT_EQ(HedgesStarted(), 0);
  EXPECT_EQ(out.error.code(), ErrorCode::kTimeout);
}

// Rule 6: the hedge is byte-identical to the first attempt, request id included.
TEST_F(HedgedReads, HedgeIsIdentical) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  Run(HedgedSpec());
  auto calls = transport->ApiCalls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0]->request.body, calls[1]->request.body);
  EXPECT_EQ(calls[0]->request.AllHeaders(), calls[1]->request.AllHeaders());
  EXPECT_EQ(FindHeader(calls[1]->request.AllHeaders(), "X-Livekit-Request-Id"), "req-42");
  EXPECT_EQ(calls[1]->request.url, U(1) + "/twirp/livekit.RoomService/ListRooms");
}

// Rule 7: a host that had not answered within the delay when another won is marked down, so
// the next call starts on a healthy region.
TEST_F(HedgedReads, SilentLoserIsMarkedDown) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  Run(HedgedSpec());
  auto mark = state->impl().health.Get(R(0));
  ASSERT_TRUE(mark);
  EXPECT_GT(mark->down_until, scheduler->Now());
  ASSERT_EQ(listener->health.size(), 1u);
  EXPECT_EQ(listener->health[0].host, R(0));
  EXPECT_FALSE(listener->health[0].healthy);
  EXPECT_EQ(listener->health[0].reason, "no answer within the hedge delay");
  Run(HedgedSpec());
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1), R(1)}));
  EXPECT_EQ(listener->started.back().reason, AttemptReason::kHealthRoute);
}

// Rule 7: a hedge that loses the race while still inside the delay (it would just have
// answered later) does not mark its host.
TEST_F(HedgedReads, LateHedgeLoserIsNotMarked) {
  KnowRegions();
  api_by_host[R(0)] = Behavior();
  api_by_host[R(0)].latency = Ms(450);
  api_by_host[R(1)] = Behavior();
  api_by_host[R(1)].latency = Ms(2000);
  auto out = Run(HedgedSpec());
  ASSERT_TRUE(out.response);
  EXPECT_EQ(ApiHosts(), (std::vector<std::string>{R(0), R(1)}));
  EXPECT_TRUE(transport->ApiCalls()[1]->cancelled);
  EXPECT_FALSE(state->impl().health.Get(R(1)));
  EXPECT_FALSE(state->impl().health.Get(R(0)));
  EXPECT_EQ(state->counters().hosts_marked_down, 0u);
}

// Rule 8: events (reason hedge) and the attempt list, a cancelled loser included.
TEST_F(HedgedReads, EventsAndAttemptList) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  api_by_host[R(1)] = Behavior::Status(403, R"({"code":"permission_denied","msg":"no"})");
  auto out = Run(HedgedSpec());
  ASSERT_EQ(listener->started.size(), 2u);
  EXPECT_EQ(listener->started[1].reason, AttemptReason::kHedge);
  EXPECT_STREQ(ToString(listener->started[1].reason), "hedge");
  EXPECT_EQ(listener->started[1].index, 1);
  ASSERT_EQ(out.attempts.size(), 2u);  // in the order they were sent
  EXPECT_EQ(out.attempts[0].host, R(0));
  EXPECT_EQ(out.attempts[0].outcome, ErrorCode::kCancelled);
  EXPECT_FALSE(out.attempts[0].hedge);
  EXPECT_EQ(out.attempts[1].host, R(1));
  EXPECT_EQ(out.attempts[1].http_status, 403);
  EXPECT_TRUE(out.attempts[1].hedge);
  ASSERT_EQ(listener->finished.size(), 2u);
  EXPECT_EQ(listener->finished[1].index, 0);
  EXPECT_EQ(listener->finished[1].attempt.outcome, ErrorCode::kCancelled);
  EXPECT_EQ(state->counters().hedge_losers_cancelled, 1u);
  EXPECT_EQ(state->counters().attempts, 2u);
}

// The caller's cancel stops every attempt of a hedged call, and the call ends once.
TEST_F(HedgedReads, CancelStopsEveryAttempt) {
  KnowRegions();
  api_by_host[R(0)] = Behavior::Hang();
  api_by_host[R(1)] = Behavior::Hang();
  auto p = Start(HedgedSpec());
  scheduler->Advance(Ms(400));
  ASSERT_EQ(ApiHosts().size(), 2u);
  p->handle.Cancel();
  scheduler->RunDue();
  ASSERT_EQ(p->done_calls, 1);
  EXPECT_EQ(p->outcome->error.code(), ErrorCode::kCancelled);
  EXPECT_EQ(p->outcome->attempts.size(), 2u);
  for (auto& ex : transport->ApiCalls()) EXPECT_TRUE(ex->cancelled);
  EXPECT_EQ(scheduler->pending_timers(), 0u);
}

}  // namespace
}  // namespace livekit::internal::testing
