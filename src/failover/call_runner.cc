#include "failover/call_runner.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "failover/attempt_outcome.h"
#include "failover/discovery.h"
#include "failover/eligibility.h"
#include "failover/region_state_impl.h"
#include "failover/trust_boundary.h"
#include "failover/url_parts.h"
#include "livekit/failover_events.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"

namespace livekit::internal {

namespace {

using std::chrono::duration_cast;
using Ms = std::chrono::milliseconds;

// Where an attempt goes.
struct Target {
  std::string base;  // scheme://host[:port] the path is appended to
  std::string key;   // host key
  std::string region;
};

Target TargetOf(const Region& r) { return Target{r.url.Origin(), r.host_key, r.name}; }

bool Contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// The state of one call. Every handler runs on the scheduler's thread under a strand (Post):
// one at a time, in order, with no lock held, so transport and scheduler calls made from a
// handler may re-enter freely (a transport may complete an exchange inside Cancel).
class Call : public std::enable_shared_from_this<Call> {
 public:
  Call(CallSpec spec, CallCallback done, std::shared_ptr<Transport> transport,
       std::shared_ptr<Scheduler> scheduler, std::shared_ptr<RandomSource> random)
      : spec_(std::move(spec)),
        done_(std::move(done)),
        transport_(std::move(transport)),
        scheduler_(std::move(scheduler)),
        random_(std::move(random)),
        state_holder_(spec_.failover.region_state ? spec_.failover.region_state : RegionState::Default()),
        st_(state_holder_->impl()),
        listener_(spec_.failover.listener),
        logger_(spec_.failover.logger ? spec_.failover.logger : Logger::Default()) {}

  // Runs fn now when no other handler of this call is running (the common case: no
  // std::function is built), else queues it behind the one that is.
  template <typename Fn>
  void Post(Fn&& fn) {
    {
      std::lock_guard<std::mutex> lock(strand_mu_);
      if (draining_) {
        queue_.emplace_back(std::forward<Fn>(fn));
        return;
      }
      draining_ = true;
    }
    fn();
    for (;;) {
      std::function<void()> next;
      {
        std::lock_guard<std::mutex> lock(strand_mu_);
        if (queue_head_ == queue_.size()) {
          queue_.clear();
          queue_head_ = 0;
          draining_ = false;
          return;
        }
        next = std::move(queue_[queue_head_++]);
      }
      next();
    }
  }

  void Begin();
  void DoCancel();
  const std::shared_ptr<Scheduler>& scheduler() const { return scheduler_; }

 private:
  // Steps.
  void SendAttempt(const Target& target, AttemptReason reason);
  void OnExchange(std::uint64_t seq, ExchangeResult result);
  void HandleRetryable(ExchangeResult result);
  void HandlePin(ExchangeResult result);
  void StartDiscovery(bool bypass_cache);
  void OnDiscovery(std::uint64_t seq, DiscoveryOutcome outcome);
  void OnBackoffDone(std::uint64_t seq);
  void MaybeProceed();
  void ProceedAfterPin();
  void OnDeadline();
  void FinishLast();
  void FinishError(ErrorCode code, std::string message);
  void Finish(CallOutcome outcome);

  // Helpers.
  std::optional<Target> ChooseNext() const;
  RegionList Trusted(const RegionList& regions, bool report);
  std::string RegionNameOf(const std::string& key) const;
  Ms DeadlineBudget() const;
  Attempt MakeAttempt(const ExchangeResult& r, SteadyClock::time_point now) const;
  void Skip(SkipReason reason, std::string detail);
  void RecordHealth(const ExchangeResult& r, AttemptClass cls);
  void LogRetry(const Target& next, AttemptReason reason);
  template <typename Fn>
  std::function<void()> Bind(Fn fn) {
    auto self = shared_from_this();
    return [self, fn]() mutable { self->Post([self, fn]() mutable { fn(*self); }); };
  }

  CallSpec spec_;
  CallCallback done_;
  std::shared_ptr<Transport> transport_;
  std::shared_ptr<Scheduler> scheduler_;
  std::shared_ptr<RandomSource> random_;
  std::shared_ptr<RegionState> state_holder_;
  RegionStateImpl& st_;
  std::shared_ptr<FailoverListener> listener_;
  std::shared_ptr<Logger> logger_;

  UrlParts origin_;
  std::string origin_key_;
  std::string request_id_;
  FailoverPlan plan_;
  SteadyClock::time_point start_{};
  SteadyClock::time_point deadline_{};

  bool finished_ = false;
  bool cancelled_ = false;

  bool deadline_armed_ = false;
  Scheduler::TimerId deadline_timer_ = 0;

  // The attempt in flight.
  bool in_flight_ = false;
  std::uint64_t seq_ = 0;
  Transport::ExchangeId exchange_ = 0;
  Target current_;
  SteadyClock::time_point attempt_start_{};

  // Backoff.
  bool backoff_pending_ = false;
  std::uint64_t backoff_seq_ = 0;
  Scheduler::TimerId backoff_timer_ = 0;

  // Discovery.
  bool discovered_ = false;  // asked once (A5: on the first retryable failure only)
  bool discovery_pending_ = false;
  bool pin_pending_ = false;
  std::uint64_t discovery_seq_ = 0;
  DiscoveryWait wait_;
  std::optional<RegionList> regions_;  // trusted entries of the list this call uses

  std::vector<Attempt> attempts_;
  // Host keys; a call sees at most a handful, so vectors (no allocation per call when empty).
  std::vector<std::string> attempted_;
  std::vector<std::string> failed_;
  std::optional<ExchangeResult> last_;
  bool last_retryable_ = false;

  std::mutex strand_mu_;
  std::vector<std::function<void()>> queue_;  // a vector: std::deque allocates when constructed
  std::size_t queue_head_ = 0;
  bool draining_ = false;
};

Ms Call::DeadlineBudget() const {
  if (spec_.failover.deadline && spec_.failover.deadline->count() > 0) return *spec_.failover.deadline;
  Ms per = spec_.attempt_timeout.count() > 0 ? spec_.attempt_timeout : Ms(10000);
  // Every attempt at its full timeout, the longest jittered backoffs and one discovery.
  return per * plan_.cap + MaxTotalBackoff(plan_.cap) + kDiscoveryTimeout;
}

void Call::Begin() {
  Bump(st_.counters.calls);
  start_ = scheduler_->Now();
  request_id_ = std::string(FindHeader(spec_.headers, "X-Livekit-Request-Id"));
  auto origin = ParseUrl(spec_.origin);
  if (!origin) {
    FinishError(ErrorCode::kInvalidArgument, "invalid server URL (expected http, https, ws or wss)");
    return;
  }
  origin_ = *origin;
  origin_key_ = origin_.HostKey();
  plan_ = PlanFailover(spec_.failover, origin_, spec_.attempt_timeout);
  deadline_ = start_ + DeadlineBudget();
  deadline_armed_ = true;
  deadline_timer_ = scheduler_->RunAfter(deadline_ - start_, Bind([](Call& c) { c.OnDeadline(); }));

  std::string base = spec_.origin;
  if (auto p = base.find('/', base.find("://") + 3); p != std::string::npos) base.resize(p);
  Target first{base, origin_key_, RegionNameOf(origin_key_)};
  AttemptReason reason = AttemptReason::kFirst;
  // B2: a cooling-down origin is skipped in favour of the first healthy known region.
  if (plan_.failover && !plan_.same_host_only &&
      st_.health.Check(origin_key_, start_, /*claim_probe=*/true) == HealthMemory::Verdict::kDown) {
    if (auto last = st_.cache.LastKnown(origin_key_)) {
      for (const auto& r : Trusted(last->regions, /*report=*/false)) {
        if (r.host_key == origin_key_) continue;
        if (st_.health.Check(r.host_key, start_, false) != HealthMemory::Verdict::kHealthy) continue;
        first = TargetOf(r);
        reason = AttemptReason::kHealthRoute;
        Bump(st_.counters.health_routed_calls);
        break;
      }
    }
  }
  SendAttempt(first, reason);
}

void Call::SendAttempt(const Target& target, AttemptReason reason) {
  auto now = scheduler_->Now();
  auto remaining = duration_cast<Ms>(deadline_ - now);
  if (remaining.count() <= 0) {
    OnDeadline();
    return;
  }
  HttpRequest req;
  req.verb = HttpRequest::Verb::kPost;
  req.url = target.base + spec_.path;
  req.headers = spec_.headers;  // byte-identical on every attempt (A10, A11)
  req.body = spec_.body;
  req.timeout = spec_.attempt_timeout.count() > 0 ? std::min(spec_.attempt_timeout, remaining) : remaining;
  req.max_response_bytes = spec_.max_response_bytes;
  req.tls = spec_.tls;

  current_ = target;
  if (!Contains(attempted_, target.key)) attempted_.push_back(target.key);
  attempt_start_ = now;
  Bump(st_.counters.attempts);
  if (listener_) {
    AttemptStartedEvent e;
    e.method = spec_.method_name;
    e.request_id = request_id_;
    e.index = static_cast<int>(attempts_.size());
    e.host = target.key;
    e.region = target.region;
    e.reason = reason;
    listener_->OnAttemptStarted(e);
  }
  std::uint64_t seq = ++seq_;
  in_flight_ = true;
  auto self = shared_from_this();
  exchange_ = transport_->Send(std::move(req), [self, seq](ExchangeResult r) {
    self->Post([self, seq, r = std::move(r)]() mutable { self->OnExchange(seq, std::move(r)); });
  });
}

Attempt Call::MakeAttempt(const ExchangeResult& r, SteadyClock::time_point now) const {
  Attempt a;
  a.host = current_.key;
  a.region = current_.region;
  a.outcome = AttemptErrorCode(r);
  a.http_status = r.response ? r.response->status : 0;
  a.detail = AttemptDetail(r);
  a.duration = duration_cast<Ms>(now - attempt_start_);
  return a;
}

void Call::OnExchange(std::uint64_t seq, ExchangeResult result) {
  if (finished_ || seq != seq_ || !in_flight_) return;
  in_flight_ = false;
  auto now = scheduler_->Now();
  Attempt a = MakeAttempt(result, now);
  if (cancelled_) {
    a.outcome = ErrorCode::kCancelled;
    a.detail = "cancelled by the caller";
    attempts_.push_back(a);
    FinishError(ErrorCode::kCancelled, "cancelled by the caller");
    return;
  }
  AttemptClass cls = Classify(result);
  attempts_.push_back(a);
  if (listener_) {
    AttemptFinishedEvent e;
    e.method = spec_.method_name;
    e.request_id = request_id_;
    e.index = static_cast<int>(attempts_.size()) - 1;
    e.attempt = a;
    e.retryable = cls == AttemptClass::kRetryable;
    listener_->OnAttemptFinished(e);
  }
  RecordHealth(result, cls);
  switch (cls) {
    case AttemptClass::kSuccess:
    case AttemptClass::kTerminal:
      // The budget weighs calls that may fail over; others neither drain nor refill it.
      if (result.response && plan_.failover) st_.budget.RecordSuccess();
      last_ = std::move(result);
      last_retryable_ = false;
      FinishLast();
      return;
    case AttemptClass::kPinned:
      HandlePin(std::move(result));
      return;
    case AttemptClass::kRetryable:
      if (!Contains(failed_, current_.key)) failed_.push_back(current_.key);
      HandleRetryable(std::move(result));
      return;
  }
}

void Call::RecordHealth(const ExchangeResult& r, AttemptClass cls) {
  std::optional<HealthChangeEvent> change;
  if (cls == AttemptClass::kRetryable || cls == AttemptClass::kPinned) {
    change = st_.health.RecordFailure(current_.key, scheduler_->Now(), cls == AttemptClass::kPinned);
    if (change) Bump(st_.counters.hosts_marked_down);
  } else if (r.response) {
    change = st_.health.RecordSuccess(current_.key);
  }
  if (change && listener_) listener_->OnHealthChange(*change);
}

void Call::Skip(SkipReason reason, std::string detail) {
  if (reason == SkipReason::kShortTimeout) Bump(st_.counters.skipped_short_timeout);
  if (!listener_) return;
  FailoverSkippedEvent e;
  e.method = spec_.method_name;
  e.request_id = request_id_;
  e.reason = reason;
  e.detail = std::move(detail);
  listener_->OnFailoverSkipped(e);
}

void Call::HandleRetryable(ExchangeResult result) {
  bool may_have_reached_server = result.may_have_reached_server;
  last_ = std::move(result);
  last_retryable_ = true;
  if (!plan_.failover) {
    Skip(plan_.why_not, plan_.detail);
    FinishLast();
    return;
  }
  if (spec_.failover.idempotency == IdempotencyPolicy::kSafeOnly && spec_.kind == MethodKind::kSideEffect &&
      may_have_reached_server) {
    Skip(SkipReason::kIdempotency, "side-effecting call may have reached the server");
    FinishLast();
    return;
  }
  if (static_cast<int>(attempts_.size()) >= plan_.cap) {
    Skip(SkipReason::kMaxAttempts, "attempt cap of " + std::to_string(plan_.cap) + " reached");
    FinishLast();
    return;
  }
  double tokens = 0;
  bool allowed = st_.budget.AllowRetry(&tokens);
  if (listener_) {
    BudgetDecisionEvent e;
    e.method = spec_.method_name;
    e.request_id = request_id_;
    e.allowed = allowed;
    e.tokens = tokens;
    listener_->OnBudgetDecision(e);
  }
  if (!allowed) {
    Bump(st_.counters.budget_denials);
    Skip(SkipReason::kBudget, "retry budget exhausted");
    FinishLast();
    return;
  }
  auto delay = BackoffDelay(static_cast<int>(attempts_.size()) - 1, random_->NextUnit());
  if (scheduler_->Now() + delay >= deadline_) {
    Skip(SkipReason::kDeadline, "no time left before the call's deadline");
    FinishLast();
    return;
  }
  backoff_pending_ = true;
  std::uint64_t bseq = ++backoff_seq_;
  backoff_timer_ = scheduler_->RunAfter(delay, Bind([bseq](Call& c) { c.OnBackoffDone(bseq); }));
  // Discovery runs during the backoff (A5: on the first retryable failure only).
  if (!discovered_ && !plan_.same_host_only) StartDiscovery(false);
}

void Call::HandlePin(ExchangeResult result) {
  last_ = std::move(result);
  last_retryable_ = false;
  if (static_cast<int>(attempts_.size()) >= plan_.cap) {
    if (listener_) {
      RegionPinnedEvent e;
      e.method = spec_.method_name;
      e.request_id = request_id_;
      e.pinned_host = current_.key;
      listener_->OnRegionPinned(e);
    }
    Skip(SkipReason::kMaxAttempts, "attempt cap reached after HTTP 451");
    FinishLast();
    return;
  }
  StartDiscovery(true);  // A9: a fresh list, no backoff
}

RegionList Call::Trusted(const RegionList& regions, bool report) {
  RegionList out;
  for (const auto& r : regions) {
    auto why = TrustViolation(origin_, r.url);
    if (!why) {
      out.push_back(r);
      continue;
    }
    if (!report) continue;
    Bump(st_.counters.regions_rejected);
    if (listener_) {
      RegionRejectedEvent e;
      e.origin = origin_key_;
      e.region = r.name;
      e.url = r.listed_url;
      e.reason = *why;
      listener_->OnRegionRejected(e);
    }
    logger_->Log(LogLevel::kWarning, "region " + r.name + " (" + r.url.HostKey() + ") refused: " + *why);
  }
  return out;
}

void Call::StartDiscovery(bool bypass_cache) {
  discovered_ = true;
  discovery_pending_ = true;
  pin_pending_ = bypass_cache;
  DiscoveryParams p;
  p.origin = origin_;
  p.headers = DiscoveryHeaders(spec_.headers);
  p.tls = spec_.tls;
  p.deadline = deadline_;
  p.bypass_cache = bypass_cache;
  p.reuse_if_fetched_after = start_;
  p.listener = listener_;
  // B3: if the origin's discovery fails, ask the other known regions, healthy ones first.
  RegionList known;
  if (regions_) known = *regions_;
  else if (auto last = st_.cache.LastKnown(origin_key_)) known = Trusted(last->regions, false);
  RegionList healthy, others;
  for (auto& r : known) {
    if (r.host_key == origin_key_ || Contains(failed_, r.host_key)) continue;
    bool down = st_.health.Check(r.host_key, scheduler_->Now(), false) == HealthMemory::Verdict::kDown;
    (down ? others : healthy).push_back(std::move(r));
  }
  healthy.insert(healthy.end(), others.begin(), others.end());
  p.fallbacks = std::move(healthy);
  std::uint64_t dseq = ++discovery_seq_;
  auto self = shared_from_this();
  wait_ = st_.discovery.Obtain(std::move(p), transport_, scheduler_, [self, dseq](DiscoveryOutcome o) {
    self->Post([self, dseq, o = std::move(o)]() mutable { self->OnDiscovery(dseq, std::move(o)); });
  });
}

void Call::OnDiscovery(std::uint64_t seq, DiscoveryOutcome outcome) {
  if (finished_ || seq != discovery_seq_ || !discovery_pending_) return;
  discovery_pending_ = false;
  wait_ = DiscoveryWait{};
  if (outcome.ok) regions_ = Trusted(outcome.regions, /*report=*/true);
  else regions_.reset();
  if (listener_) {
    DiscoveryFinishedEvent e;
    e.origin = origin_key_;
    e.ok = outcome.ok;
    e.from_cache = outcome.from_cache;
    e.coalesced = outcome.coalesced;
    e.stale = outcome.stale;
    e.regions = regions_ ? static_cast<int>(regions_->size()) : 0;
    e.detail = outcome.detail;
    listener_->OnDiscoveryFinished(e);
  }
  if (cancelled_) return;
  if (pin_pending_) ProceedAfterPin();
  else MaybeProceed();
}

void Call::OnBackoffDone(std::uint64_t seq) {
  if (finished_ || seq != backoff_seq_ || !backoff_pending_) return;
  backoff_pending_ = false;
  MaybeProceed();
}

std::optional<Target> Call::ChooseNext() const {
  if (!regions_) return std::nullopt;
  // A8: the first untried region in the server's order; B2: a healthy one if there is one.
  const Region* cooling = nullptr;
  auto now = scheduler_->Now();
  for (const auto& r : *regions_) {
    if (Contains(attempted_, r.host_key)) continue;
    if (st_.health.Check(r.host_key, now, false) != HealthMemory::Verdict::kDown) return TargetOf(r);
    if (!cooling) cooling = &r;
  }
  if (cooling) return TargetOf(*cooling);
  return std::nullopt;
}

std::string Call::RegionNameOf(const std::string& key) const {
  if (auto last = st_.cache.LastKnown(origin_key_)) {
    for (const auto& r : last->regions) {
      if (r.host_key == key) return r.name;
    }
  }
  return {};
}

void Call::LogRetry(const Target& next, AttemptReason reason) {
  const Attempt& failed = attempts_.back();
  std::string msg = spec_.method_name + ": " + failed.host + " failed (" + failed.detail + ")";
  switch (reason) {
    case AttemptReason::kSameHostRetry: msg += "; no other region known, retrying " + next.key; break;
    case AttemptReason::kRegionPin: msg += "; project pinned to other regions, retrying on " + next.key; break;
    default: msg += "; failing over to " + next.key; break;
  }
  if (!next.region.empty()) msg += " (" + next.region + ")";
  logger_->Log(LogLevel::kWarning, msg);
}

void Call::MaybeProceed() {
  if (finished_ || cancelled_ || backoff_pending_ || discovery_pending_) return;
  auto next = ChooseNext();
  AttemptReason reason = AttemptReason::kFailover;
  if (!next) {
    if (regions_ && !regions_->empty()) {
      Skip(SkipReason::kNoRegionLeft, "every listed region was tried");
      FinishLast();
      return;
    }
    // A14: no region list (discovery failed, non-2xx, or none listed): the same host again.
    next = current_;
    reason = AttemptReason::kSameHostRetry;
    Bump(st_.counters.same_host_retries);
  } else {
    Bump(st_.counters.failovers);
  }
  LogRetry(*next, reason);
  SendAttempt(*next, reason);
}

void Call::ProceedAfterPin() {
  auto next = ChooseNext();
  if (listener_) {
    RegionPinnedEvent e;
    e.method = spec_.method_name;
    e.request_id = request_id_;
    e.pinned_host = current_.key;
    e.next_host = next ? next->key : std::string();
    listener_->OnRegionPinned(e);
  }
  if (!next) {
    Skip(SkipReason::kNoRegionLeft, "no allowed region left after HTTP 451");
    FinishLast();
    return;
  }
  Bump(st_.counters.pin_redirects);
  LogRetry(*next, AttemptReason::kRegionPin);
  SendAttempt(*next, AttemptReason::kRegionPin);
}

void Call::OnDeadline() {
  if (finished_) return;
  deadline_armed_ = false;
  if (in_flight_) {
    Attempt a;
    a.host = current_.key;
    a.region = current_.region;
    a.outcome = ErrorCode::kTimeout;
    a.detail = "call deadline reached";
    a.duration = duration_cast<Ms>(scheduler_->Now() - attempt_start_);
    attempts_.push_back(a);
    in_flight_ = false;
    ++seq_;
    transport_->Cancel(exchange_);
  }
  std::string msg = "call deadline of " + std::to_string(duration_cast<Ms>(deadline_ - start_).count()) + " ms exceeded";
  if (last_) msg += "; last failure: " + AttemptDetail(*last_);
  FinishError(ErrorCode::kTimeout, msg);
}

void Call::DoCancel() {
  if (finished_ || cancelled_) return;
  cancelled_ = true;
  if (in_flight_) {
    transport_->Cancel(exchange_);  // its callback finishes the call
    return;
  }
  // In backoff or discovery: stop them, finish on the transport's thread.
  if (backoff_pending_) scheduler_->CancelTimer(backoff_timer_);
  backoff_pending_ = false;
  if (discovery_pending_) st_.discovery.Detach(wait_);
  discovery_pending_ = false;
  scheduler_->Post(Bind([](Call& c) { c.FinishError(ErrorCode::kCancelled, "cancelled by the caller"); }));
}

void Call::FinishLast() {
  if (last_retryable_ && plan_.failover) st_.budget.RecordFailure();
  CallOutcome out;
  if (last_ && last_->response) out.response = std::move(last_->response);
  else if (last_) out.error = last_->error;
  else out.error = Error(ErrorCode::kInternal, "call ended without an attempt");
  Finish(std::move(out));
}

void Call::FinishError(ErrorCode code, std::string message) {
  CallOutcome out;
  out.error = Error(code, std::move(message));
  Finish(std::move(out));
}

void Call::Finish(CallOutcome out) {
  if (finished_) return;
  finished_ = true;
  if (deadline_armed_) scheduler_->CancelTimer(deadline_timer_);
  deadline_armed_ = false;
  if (backoff_pending_) scheduler_->CancelTimer(backoff_timer_);
  backoff_pending_ = false;
  if (discovery_pending_) st_.discovery.Detach(wait_);
  discovery_pending_ = false;
  if (!out.response) {
    out.error.set_attempts(attempts_);
    out.error.set_method(spec_.method_name);
    out.error.set_url(spec_.origin);
    out.error.set_request_id(request_id_);
  }
  out.attempts = std::move(attempts_);
  attempts_.clear();
  auto done = std::move(done_);
  done_ = nullptr;
  if (done) done(std::move(out));
}

}  // namespace

CallRunner::CallRunner(std::shared_ptr<Transport> transport, std::shared_ptr<Scheduler> scheduler)
    : CallRunner(std::move(transport), std::move(scheduler), std::make_shared<DefaultRandomSource>()) {}

CallRunner::CallRunner(std::shared_ptr<Transport> transport, std::shared_ptr<Scheduler> scheduler,
                       std::shared_ptr<RandomSource> random)
    : transport_(std::move(transport)), scheduler_(std::move(scheduler)), random_(std::move(random)) {
  if (!random_) random_ = std::make_shared<DefaultRandomSource>();
}

CallRunner::~CallRunner() = default;

CallHandle CallRunner::Start(CallSpec spec, CallCallback done) {
  auto call = std::make_shared<Call>(std::move(spec), std::move(done), transport_, scheduler_, random_);
  // Every step of a call, its first included, runs on the scheduler's (the engine's I/O)
  // thread, so `done` never runs on a caller's thread however fast an exchange fails.
  scheduler_->Post([call] { call->Post([call] { call->Begin(); }); });
  std::weak_ptr<Call> weak = call;
  return CallHandle([weak] {
    auto c = weak.lock();
    if (!c) return;
    // Posted, not timed: it runs after the call's Begin, which was posted first.
    c->scheduler()->Post([weak] {
      if (auto alive = weak.lock()) alive->Post([alive] { alive->DoCancel(); });
    });
  });
}

}  // namespace livekit::internal
