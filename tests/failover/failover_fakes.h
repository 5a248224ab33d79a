#pragma once
// Test doubles for the failover layer: a virtual clock whose timers fire only when the test
// advances time, and a scripted transport that answers through those timers. No sleeps,
// no sockets.

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "failover/backoff.h"
#include "support/fake_scheduler.h"
#include "transport/transport.h"

namespace livekit::internal::testing {

using Ms = std::chrono::milliseconds;

using livekit::test::FakeScheduler;

/// What a scripted host does with one request.
struct Behavior {
  int status = 200;
  std::string body = "{}";
  HeaderList headers;
  // kStuck: never completes, not even at the request's timeout (a transport that queues the
  // request and does not time it out), until cancelled.
  // kLocalLimit: the transport refuses the exchange itself (ErrorCode::kConnectionLimit).
  enum class Kind { kAnswer, kDrop, kHang, kConnectFail, kStuck, kLocalLimit } kind = Kind::kAnswer;
  Ms latency{10};

  static Behavior Status(int s, std::string b = "{}") { Behavior x; x.status = s; x.body = std::move(b); return x; }
  static Behavior Drop() { Behavior x; x.kind = Kind::kDrop; return x; }
  static Behavior Hang() { Behavior x; x.kind = Kind::kHang; return x; }
  static Behavior ConnectFail() { Behavior x; x.kind = Kind::kConnectFail; return x; }
  static Behavior Stuck() { Behavior x; x.kind = Kind::kStuck; return x; }
  static Behavior LocalLimit() { Behavior x; x.kind = Kind::kLocalLimit; return x; }
};

/// A transport whose answers come from a script and arrive through the fake scheduler
/// (after Behavior::latency; a hanging host answers kTimeout after the request's timeout).
class FakeTransport : public Transport {
 public:
  struct Exchange {
    ExchangeId id = 0;
    HttpRequest request;
    SteadyClock::time_point sent_at;
    ExchangeCallback done;
    Scheduler::TimerId timer = 0;
    bool completed = false;
    bool cancelled = false;
  };

  explicit FakeTransport(std::shared_ptr<FakeScheduler> scheduler) : scheduler_(std::move(scheduler)) {}

  /// What BoundsExchangeTime() claims (as the real engine does: true); false by default, since
  /// kStuck exchanges outlive their timeout.
  bool bounds_exchange_time = false;
  bool BoundsExchangeTime() const override { return bounds_exchange_time; }

  std::function<Behavior(const HttpRequest&)> script = [](const HttpRequest&) { return Behavior(); };

  ExchangeId Send(HttpRequest request, ExchangeCallback done) override {
    auto ex = std::make_shared<Exchange>();
    ex->id = next_++;
    ex->request = std::move(request);
    ex->sent_at = scheduler_->Now();
    ex->done = std::move(done);
    exchanges_.push_back(ex);
    Behavior b = script(ex->request);
    std::weak_ptr<Exchange> weak = ex;
    auto complete = [weak](ExchangeResult r) {
      auto e = weak.lock();
      if (!e || e->completed) return;
      e->completed = true;
      ExchangeCallback callback = std::move(e->done);  // the exchange stays for inspection, not its callback
      e->done = nullptr;
      callback(std::move(r));
    };
    switch (b.kind) {
      case Behavior::Kind::kAnswer:
        ex->timer = scheduler_->RunAfter(std::min<std::chrono::nanoseconds>(b.latency, ex->request.timeout), [complete, b, ex_timeout = b.latency > ex->request.timeout]() {
          ExchangeResult r;
          if (ex_timeout) {
            r.error = Error(ErrorCode::kTimeout, "timed out");
          } else {
            HttpResponse resp;
            resp.status = b.status;
            resp.body = b.body;
            resp.headers = b.headers;
            r.response = std::move(resp);
          }
          complete(std::move(r));
        });
        break;
      case Behavior::Kind::kDrop:
        ex->timer = scheduler_->RunAfter(b.latency, [complete]() {
          ExchangeResult r;
          r.error = Error(ErrorCode::kTransport, "connection closed before a response");
          complete(std::move(r));
        });
        break;
      case Behavior::Kind::kConnectFail:
        ex->timer = scheduler_->RunAfter(b.latency, [complete]() {
          ExchangeResult r;
          r.error = Error(ErrorCode::kTransport, "connection refused");
          r.may_have_reached_server = false;
          complete(std::move(r));
        });
        break;
      case Behavior::Kind::kStuck:
        ex->timer = 0;
        break;
      case Behavior::Kind::kLocalLimit:
        ex->timer = scheduler_->RunAfter(b.latency, [complete]() {
          ExchangeResult r;
          r.error = Error(ErrorCode::kConnectionLimit, "per-host request limit reached");
          r.may_have_reached_server = false;
          complete(std::move(r));
        });
        break;
      case Behavior::Kind::kHang:
        ex->timer = scheduler_->RunAfter(ex->request.timeout, [complete]() {
          ExchangeResult r;
          r.error = Error(ErrorCode::kTimeout, "timed out");
          complete(std::move(r));
        });
        break;
    }
    return ex->id;
  }

  void Cancel(ExchangeId id) override {
    for (auto& ex : exchanges_) {
      if (ex->id != id || ex->completed) continue;
      scheduler_->CancelTimer(ex->timer);
      ex->completed = true;
      ex->cancelled = true;
      ExchangeResult r;
      r.error = Error(ErrorCode::kCancelled, "cancelled");
      ExchangeCallback callback = std::move(ex->done);
      ex->done = nullptr;
      callback(std::move(r));  // synchronously, to exercise re-entrancy
    }
  }

  /// Forgets the callbacks of exchanges still pending at the end of a test (see DropAll).
  void DropCallbacks() {
    for (auto& ex : exchanges_) ex->done = nullptr;
  }

  const std::vector<std::shared_ptr<Exchange>>& exchanges() const { return exchanges_; }
  /// Requests whose URL contains `needle`.
  std::vector<std::shared_ptr<Exchange>> Matching(const std::string& needle) const {
    std::vector<std::shared_ptr<Exchange>> out;
    for (const auto& ex : exchanges_) {
      if (ex->request.url.find(needle) != std::string::npos) out.push_back(ex);
    }
    return out;
  }
  std::size_t DiscoveryCount() const { return Matching("/settings/regions").size(); }
  std::vector<std::shared_ptr<Exchange>> ApiCalls() const { return Matching("/twirp/"); }

 private:
  std::shared_ptr<FakeScheduler> scheduler_;
  ExchangeId next_ = 1;
  std::vector<std::shared_ptr<Exchange>> exchanges_;
};

/// A fixed random draw in [0, 1): 0.5 gives the un-jittered schedule.
class FixedRandom : public RandomSource {
 public:
  explicit FixedRandom(double v) : v_(v) {}
  double NextUnit() override { return v_; }
  double v_;
};

}  // namespace livekit::internal::testing
