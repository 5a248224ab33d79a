// Every duration option, per client and per call, at its edge values: zero, negative and huge
// are refused with kInvalidArgument naming the option, and every accepted combination gives a
// call that ends by a bounded time even against a host that never answers. The clock is
// virtual (no sleeps): timers fire when the test advances it.
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "livekit_room.pb.h"
#include "livekit_sip.pb.h"
#include "services/api_connection.h"
#include "services/request_facts.h"
#include "transport/transport.h"
#include "support/fake_scheduler.h"
#include "support/mock_credentials.h"

namespace livekit::internal {
namespace {

using Ms = std::chrono::milliseconds;
using OptionalMs = std::optional<Ms>;

// --- Edge values ---------------------------------------------------------------------------

struct DurationOption {
  std::string name;  // as the error message names it
  std::function<void(ClientOptions&, CallOptions&, Ms)> set;
};

std::vector<DurationOption> EveryDurationOption() {
  return {
      {"timeout", [](ClientOptions& c, CallOptions&, Ms v) { c.timeout = v; }},
      {"failover.deadline", [](ClientOptions& c, CallOptions&, Ms v) { c.failover.deadline = v; }},
      {"failover.hedge_after", [](ClientOptions& c, CallOptions&, Ms v) { c.failover.hedge_after = v; }},
      {"CallOptions::timeout", [](ClientOptions&, CallOptions& o, Ms v) { o.timeout = v; }},
      {"CallOptions::hedge_after", [](ClientOptions&, CallOptions& o, Ms v) { o.hedge_after = v; }},
      {"CallOptions::failover.deadline",
       [](ClientOptions&, CallOptions& o, Ms v) { o.failover.emplace().deadline = v; }},
      {"CallOptions::failover.hedge_after",
       [](ClientOptions&, CallOptions& o, Ms v) { o.failover.emplace().hedge_after = v; }},
  };
}

// Nothing listens on port 1: these tests build calls, they never reach a server.
ClientOptions BaseOptions() { return test::DevKeyOptions("http://127.0.0.1:1"); }

// The error of a ListRooms built with `client` and `call`, or kOk.
Error BuildError(const ClientOptions& client, const CallOptions& call) {
  ApiConnection conn(client, nullptr, nullptr);
  ListRoomsRequest req;
  auto spec = conn.BuildSpec(RequireMethod("RoomService", "ListRooms"), req, FactsOf(req), call);
  return spec.ok() ? Error() : spec.error();
}

TEST(CallDeadline, EveryDurationOptionRefusesZeroNegativeAndHuge) {
  const std::vector<Ms> refused = {Ms(0), Ms(-5), Ms::min(), kMaxOptionDuration + Ms(1), Ms::max()};
  for (const auto& option : EveryDurationOption()) {
    for (Ms v : refused) {
      ClientOptions client = BaseOptions();
      CallOptions call;
      option.set(client, call, v);
      const Error e = BuildError(client, call);
      EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << option.name << " = " << v.count() << " ms";
      const std::string expected = option.name + (v.count() <= 0 ? " must be positive" : " must be at most 24 h");
      EXPECT_EQ(e.message().rfind(expected, 0), 0u) << option.name << " = " << v.count() << ": " << e.message();
    }
    for (Ms v : {Ms(1), kMaxOptionDuration}) {
      ClientOptions client = BaseOptions();
      CallOptions call;
      option.set(client, call, v);
      EXPECT_EQ(BuildError(client, call).code(), ErrorCode::kOk) << option.name << " = " << v.count() << " ms";
    }
  }
}

// --- Every accepted combination ends -------------------------------------------------------

using test::FakeScheduler;  // timers fire only when the test advances the clock

// Every host accepts the request and never answers: an exchange ends only at its own time
// limit (kTimeout, as the HTTP engine reports it) or when cancelled.
class SilentHosts : public Transport {
 public:
  explicit SilentHosts(std::shared_ptr<FakeScheduler> clock) : clock_(std::move(clock)) {}
  ExchangeId Send(HttpRequest request, ExchangeCallback done) override {
    const ExchangeId id = next_++;
    timeouts.push_back(request.timeout);
    auto shared_done = std::make_shared<ExchangeCallback>(std::move(done));
    pending_[id] = {clock_->RunAfter(request.timeout, [this, id, shared_done] {
                      pending_.erase(id);
                      ExchangeResult r;
                      r.error = Error(ErrorCode::kTimeout, "timed out");
                      (*shared_done)(std::move(r));
                    }),
                    shared_done};
    return id;
  }
  void Cancel(ExchangeId id) override {
    auto it = pending_.find(id);
    if (it == pending_.end()) return;
    clock_->CancelTimer(it->second.timer);
    auto shared_done = it->second.done;
    pending_.erase(it);
    clock_->RunAfter(std::chrono::nanoseconds(0), [shared_done] {
      ExchangeResult r;
      r.error = Error(ErrorCode::kCancelled, "cancelled");
      (*shared_done)(std::move(r));
    });
  }
  std::vector<Ms> timeouts;  // of every exchange sent

 private:
  struct Pending {
    Scheduler::TimerId timer;
    std::shared_ptr<ExchangeCallback> done;
  };
  std::shared_ptr<FakeScheduler> clock_;
  ExchangeId next_ = 1;
  std::map<ExchangeId, Pending> pending_;
};

struct Ended {
  bool done = false;
  ErrorCode code = ErrorCode::kOk;
  Ms elapsed{0};
  std::vector<Ms> timeouts;
};

// Takes any answer as parsed and records how the call ended.
class RecordEnd final : public CallSink {
 public:
  RecordEnd(Ended& ended, const FakeScheduler& clock) : ended_(ended), clock_(clock) {}
  Status Parse(const HttpResponse&) override { return OkStatus(); }
  void Done(Status s) override {
    ended_.done = true;
    ended_.code = s.ok() ? ErrorCode::kOk : s.error().code();
    ended_.elapsed = clock_.elapsed();
  }

 private:
  Ended& ended_;
  const FakeScheduler& clock_;
};

// Runs one call of `method` against silent hosts until it ends (or no timer is left).
Ended RunAgainstSilentHosts(ClientOptions client, CallOptions call, const MethodInfo& method,
                            const google::protobuf::Message& request, const RequestFacts& facts) {
  auto clock = std::make_shared<FakeScheduler>();
  auto hosts = std::make_shared<SilentHosts>(clock);
  // A state of its own and no log lines: the calls of this test never affect each other.
  auto isolate = [](FailoverOptions& f) {
    f.force = true;  // failover against 127.0.0.1 too, so every retry path is taken
    f.region_state = std::make_shared<RegionState>();
    f.logger = MakeNullLogger();
  };
  isolate(client.failover);
  if (call.failover) isolate(*call.failover);
  Ended ended;
  {
    ApiConnection conn(client, hosts, clock);
    conn.Start(method, request, facts, call, std::make_shared<RecordEnd>(ended, *clock));
    while (!ended.done && clock->FireNext()) {
    }
  }
  clock->DropAll();
  ended.timeouts = hosts->timeouts;
  return ended;
}

std::string Describe(const OptionalMs& v) { return v ? std::to_string(v->count()) + "ms" : "unset"; }

// Refused at once (nothing sent), or ended by the deadline against hosts that never answer.
TEST(CallDeadline, NoCombinationLeavesACallWithoutADeadline) {
  const std::vector<Ms> client_timeouts = {Ms(1), Ms(3000), kMaxOptionDuration};
  const std::vector<OptionalMs> maybe = {std::nullopt, Ms(0), Ms(1), Ms(7000), kMaxOptionDuration, Ms::max()};
  // The longest a call may take: every attempt at its full time limit (a dialing call's limit is
  // the ringing timeout, capped at 24 h, plus a margin), backoffs and one discovery.
  const Ms bound = 3 * (kMaxOptionDuration + Ms(2000)) + Ms(60000);

  livekit::ListRoomsRequest list;
  livekit::CreateSIPParticipantRequest dial;  // waits for the answer, rings for 31,000 years
  dial.set_wait_until_answered(true);
  dial.mutable_ringing_timeout()->set_seconds(1'000'000'000'000);
  livekit::CreateSIPParticipantRequest dial_max = dial;  // and longer than int64 milliseconds hold
  dial_max.mutable_ringing_timeout()->set_seconds(std::numeric_limits<std::int64_t>::max());
  struct Method {
    const MethodInfo& info;
    const google::protobuf::Message& request;
    RequestFacts facts;
  };
  const std::vector<Method> methods = {{RequireMethod("RoomService", "ListRooms"), list, FactsOf(list)},
                                       {RequireMethod("SIP", "CreateSIPParticipant"), dial, FactsOf(dial)},
                                       {RequireMethod("SIP", "CreateSIPParticipant"), dial_max, FactsOf(dial_max)}};

  int calls = 0;
  int accepted = 0;
  for (const auto& method : methods) {
    for (Ms client_timeout : client_timeouts) {
      for (const OptionalMs& client_deadline : maybe) {
        for (const OptionalMs& call_timeout : maybe) {
          for (const OptionalMs& call_deadline : maybe) {
            for (const OptionalMs& hedge : maybe) {
              ClientOptions client = BaseOptions();
              client.timeout = client_timeout;
              client.failover.deadline = client_deadline;
              CallOptions call;
              call.timeout = call_timeout;
              call.hedge_after = hedge;
              if (call_deadline) call.failover.emplace().deadline = call_deadline;
              const std::string what = std::string(method.info.method) + " client timeout " +
                                       Describe(client_timeout) + " deadline " + Describe(client_deadline) +
                                       ", call timeout " + Describe(call_timeout) + " deadline " +
                                       Describe(call_deadline) + " hedge " + Describe(hedge);
              const Ended ended = RunAgainstSilentHosts(client, call, method.info, method.request, method.facts);
              ++calls;
              ASSERT_TRUE(ended.done) << what << ": the call never ended";
              const bool valid = BuildError(client, call).code() == ErrorCode::kOk;
              if (!valid) {
                EXPECT_EQ(ended.code, ErrorCode::kInvalidArgument) << what;
                EXPECT_EQ(ended.elapsed.count(), 0) << what;
                EXPECT_TRUE(ended.timeouts.empty()) << what;
                continue;
              }
              ++accepted;
              EXPECT_EQ(ended.code, ErrorCode::kTimeout) << what;
              // It was sent and waited for an answer: a deadline in the past is no deadline either.
              EXPECT_FALSE(ended.timeouts.empty()) << what;
              EXPECT_GT(ended.elapsed.count(), 0) << what;
              EXPECT_LE(ended.elapsed.count(), bound.count()) << what;
              const OptionalMs deadline = call.failover ? call.failover->deadline : client.failover.deadline;
              if (deadline) {
                EXPECT_LE(ended.elapsed.count(), deadline->count()) << what;
              }
              for (Ms t : ended.timeouts) {
                EXPECT_GT(t.count(), 0) << what;
                EXPECT_LE(t.count(), (kMaxOptionDuration + Ms(2000)).count()) << what;
              }
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(calls, 3 * 3 * 6 * 6 * 6 * 6);
  EXPECT_EQ(accepted, 3 * 3 * 4 * 4 * 4 * 4);  // unset, 1 ms, 7 s and 24 h of each
}

}  // namespace
}  // namespace livekit::internal
