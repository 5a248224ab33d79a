#include "failover/call_runner.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error_builder.h"
#include "common/url.h"
#include "failover/attempt_outcome.h"
#include "failover/discovery.h"
#include "failover/eligibility.h"
#include "failover/region_state_impl.h"
#include "failover/trust_boundary.h"
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
  // An attempt in flight. With hedging a call has up to the cap of them at once.
  struct LiveAttempt {
    std::uint64_t seq = 0;
    Transport::ExchangeId exchange = 0;
    Target target;
    SteadyClock::time_point start{};
    int index = 0;  // order of sending, from 0
    bool hedge = false;
  };

  // Steps.
  void SendAttempt(const Target& target, AttemptReason reason);
  void OnExchange(std::uint64_t seq, ExchangeResult result);
  void ArmHedge();
  void OnHedgeTimer(std::uint64_t seq);
  void SendHedge();
  void CancelLosers(SteadyClock::time_point now);
  bool AskBudget(bool hedge);
  void HandleRetryable(ExchangeResult result);
  void HandlePin(ExchangeResult result);
  void StartDiscovery(bool bypass_cache);
  void OnDiscovery(std::uint64_t seq, DiscoveryOutcome outcome);
  void OnBackoffDone(std::uint64_t seq);
  void MaybeProceed();
  void ProceedAfterPin();
  void OnDeadline();
  void EnsureDeadline();
  void FinishLast();
  void FinishError(ErrorCode code, std::string message);
  void Finish(CallOutcome outcome);

  // Helpers.
  std::optional<Target> ChooseNext() const;
  std::optional<Target> ChooseNextFrom(const RegionList& regions) const;
  RegionList Trusted(const RegionList& regions, bool report);
  std::string RegionNameOf(const std::string& key) const;
  Ms DeadlineBudget() const;
  Attempt MakeAttempt(const LiveAttempt& live, const ExchangeResult& r, SteadyClock::time_point now) const;
  void PushAttempt(const LiveAttempt& live, Attempt a);
  void ReportAttempt(const LiveAttempt& live, const Attempt& a, bool retryable);
  void CancelLive();
  void CancelWaits();
  void Skip(SkipReason reason, std::string detail);
  void RecordHealth(const std::string& key, const ExchangeResult& r, AttemptClass cls);
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
  std::shared_ptr<const HeaderList> headers_;  // spec_.headers, moved here by Begin
  FailoverPlan plan_;
  SteadyClock::time_point start_{};
  SteadyClock::time_point deadline_{};

  bool finished_ = false;
  bool cancelled_ = false;

  bool deadline_armed_ = false;
  Scheduler::TimerId deadline_timer_ = 0;

  // The attempts in flight (one unless the call hedges), and how many were sent.
  std::vector<LiveAttempt> live_;
  std::uint64_t seq_ = 0;
  int sent_ = 0;
  Target last_target_;  // of the attempt that ended last

  // Hedging (set only for reads that may fail over, with a hedge delay).
  std::optional<Ms> hedge_delay_;
  bool hedge_pending_ = false;
  std::uint64_t hedge_seq_ = 0;
  Scheduler::TimerId hedge_timer_ = 0;
  bool hedge_wants_list_ = false;  // the hedge waits for a region list being fetched
  bool hedge_discovery_ = false;   // the fetch in flight was started by the hedge delay

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
  std::vector<int> attempt_index_;  // sending order of each entry of attempts_ (they end in any order)
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
  Ms per = spec_.attempt_timeout.count() > 0 ? spec_.attempt_timeout : kDefaultTimeout;
  // Every attempt at its full timeout, the longest jittered backoffs and one discovery.
  return per * plan_.cap + MaxTotalBackoff(plan_.cap) + kDiscoveryTimeout;
}

void Call::Begin() {
  Bump(st_.counters.calls);
  start_ = scheduler_->Now();
  request_id_ = std::string(FindHeader(spec_.headers, "X-Livekit-Request-Id"));
  // Every attempt sends these same headers (A10, A11): shared, not copied per attempt.
  headers_ = std::make_shared<const HeaderList>(std::move(spec_.headers));
  spec_.headers.clear();
  if (spec_.parsed_origin) {
    origin_ = spec_.parsed_origin->url;
    origin_key_ = spec_.parsed_origin->key;
  } else {
    auto origin = ParseUrl(spec_.origin);
    if (!origin) {
      FinishError(ErrorCode::kInvalidArgument, "invalid server URL (expected http, https, ws or wss)");
      return;
    }
    origin_ = *origin;
    origin_key_ = origin_.HostKey();
  }
  if (spec_.failover.hedge_after && spec_.failover.hedge_after->count() <= 0) {
    FinishError(ErrorCode::kInvalidArgument, "hedge_after must be positive (leave it unset for no hedging)");
    return;
  }
  plan_ = PlanFailover(spec_.failover, origin_, spec_.attempt_timeout);
  // Hedged reads: only where failover applies (a hedge is a failover sent early) and only for
  // reads, which any number of servers may answer.
  if (spec_.failover.hedge_after && plan_.failover && !plan_.same_host_only && spec_.kind == MethodKind::kRead) {
    hedge_delay_ = *spec_.failover.hedge_after;
  }
  deadline_ = start_ + DeadlineBudget();
  // The first attempt alone ends well before the deadline when the transport bounds its
  // exchanges and the deadline is longer than an attempt by a margin (so that attempt never
  // ends at the deadline itself, which the deadline's own error names): the timer (a heap
  // entry and a lock, twice) is then armed only when the call goes on past that attempt
  // (EnsureDeadline). Hedged calls arm it at once.
  constexpr Ms kFirstAttemptMargin{1000};
  const bool first_attempt_bounded = transport_->BoundsExchangeTime() && spec_.attempt_timeout.count() > 0 &&
                                     deadline_ - start_ > spec_.attempt_timeout + kFirstAttemptMargin &&
                                     !hedge_delay_;
  if (!first_attempt_bounded) EnsureDeadline();

  std::string base = spec_.origin;
  if (auto p = base.find('/', base.find("://") + 3); p != std::string::npos) base.resize(p);
  Target first{std::move(base), origin_key_, RegionNameOf(origin_key_)};
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

void Call::EnsureDeadline() {
  if (deadline_armed_ || finished_) return;
  deadline_armed_ = true;
  const auto left = std::max(deadline_ - scheduler_->Now(), SteadyClock::duration::zero());
  deadline_timer_ = scheduler_->RunAfter(left, Bind([](Call& c) { c.OnDeadline(); }));
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
  req.shared_headers = headers_;  // byte-identical on every attempt (A10, A11)
  req.body = spec_.body;
  req.timeout = spec_.attempt_timeout.count() > 0 ? std::min(spec_.attempt_timeout, remaining) : remaining;
  req.max_response_bytes = spec_.max_response_bytes;
  req.tls = spec_.tls;
  req.host_limit = spec_.host_limit;

  if (!Contains(attempted_, target.key)) attempted_.push_back(target.key);
  LiveAttempt live;
  live.seq = ++seq_;
  live.target = target;
  live.start = now;
  live.index = sent_++;
  live.hedge = reason == AttemptReason::kHedge;
  Bump(st_.counters.attempts);
  if (live.hedge) Bump(st_.counters.hedges);
  if (listener_) {
    AttemptStartedEvent e;
    e.method = spec_.method_name;
    e.request_id = request_id_;
    e.index = live.index;
    e.host = target.key;
    e.region = target.region;
    e.reason = reason;
    listener_->OnAttemptStarted(e);
  }
  const std::uint64_t seq = live.seq;
  live_.push_back(std::move(live));
  auto self = shared_from_this();
  auto id = transport_->Send(std::move(req), [self, seq](ExchangeResult r) {
    self->Post([self, seq, r = std::move(r)]() mutable { self->OnExchange(seq, std::move(r)); });
  });
  // A completion inside Send is queued behind this handler, so the entry is still here.
  for (auto& l : live_) {
    if (l.seq == seq) l.exchange = id;
  }
  ArmHedge();
}

void Call::ArmHedge() {
  if (!hedge_delay_) return;
  if (hedge_pending_) scheduler_->CancelTimer(hedge_timer_);
  hedge_pending_ = false;
  if (sent_ >= plan_.cap) return;
  // A hedge that could not start before the deadline is never armed.
  if (scheduler_->Now() + *hedge_delay_ >= deadline_) return;
  hedge_pending_ = true;
  std::uint64_t hseq = ++hedge_seq_;
  hedge_timer_ = scheduler_->RunAfter(*hedge_delay_, Bind([hseq](Call& c) { c.OnHedgeTimer(hseq); }));
}

void Call::OnHedgeTimer(std::uint64_t seq) {
  if (finished_ || seq != hedge_seq_ || !hedge_pending_) return;
  hedge_pending_ = false;
  SendHedge();
}

void Call::SendHedge() {
  if (finished_ || cancelled_ || live_.empty() || sent_ >= plan_.cap) return;
  // A list being fetched (for this hedge, or after a 451) is waited for.
  if (discovery_pending_) {
    hedge_wants_list_ = true;
    return;
  }
  RegionList known;
  const RegionList* regions = regions_ ? &*regions_ : nullptr;
  if (!regions) {
    if (auto last = st_.cache.LastKnown(origin_key_)) {
      known = Trusted(last->regions, /*report=*/false);
      regions = &known;
    }
  }
  if (!regions) {
    // No list yet: fetch one now (shared with concurrent calls); the hedge goes when it comes.
    if (!discovered_) {
      hedge_wants_list_ = true;
      StartDiscovery(false);
      hedge_discovery_ = true;
    }
    return;
  }
  auto next = ChooseNextFrom(*regions);
  if (!next) return;  // no other host: no hedge
  if (!AskBudget(/*hedge=*/true)) return;
  const LiveAttempt& slow = live_.back();
  std::string msg = spec_.method_name + ": no answer from " + slow.target.key + " within " +
                    std::to_string(hedge_delay_->count()) + " ms; hedging on " + next->key;
  if (!next->region.empty()) msg += " (" + next->region + ")";
  logger_->Log(LogLevel::kWarning, msg);
  SendAttempt(*next, AttemptReason::kHedge);
}

// One token for a failover (AllowRetry) or a hedge (TakeToken, which keeps a reserve for
// failovers), reported to the listener and counted when refused.
bool Call::AskBudget(bool hedge) {
  double tokens = 0;
  const bool allowed = hedge ? st_.budget.TakeToken(&tokens) : st_.budget.AllowRetry(&tokens);
  if (listener_) {
    BudgetDecisionEvent e;
    e.method = spec_.method_name;
    e.request_id = request_id_;
    e.allowed = allowed;
    e.tokens = tokens;
    listener_->OnBudgetDecision(e);
  }
  if (!allowed) Bump(st_.counters.budget_denials);
  return allowed;
}

void Call::CancelLosers(SteadyClock::time_point now) {
  if (live_.empty()) return;
  auto losers = std::move(live_);
  live_.clear();
  for (const auto& l : losers) {
    // A host that has not answered within the hedge delay while another one did is as good as
    // down for the next calls; one still inside the delay may just be slower, and is not marked.
    const bool silent = hedge_delay_ && now - l.start >= *hedge_delay_;
    Attempt a;
    a.host = l.target.key;
    a.region = l.target.region;
    a.outcome = ErrorCode::kCancelled;
    a.detail = silent ? "cancelled: no answer within the hedge delay, another host answered first"
                      : "cancelled: another host answered first";
    a.duration = duration_cast<Ms>(now - l.start);
    a.hedge = l.hedge;
    Bump(st_.counters.hedge_losers_cancelled);
    ReportAttempt(l, a, /*retryable=*/false);
    PushAttempt(l, std::move(a));
    if (silent) {
      auto change = st_.health.RecordFailure(l.target.key, now, /*pinned=*/false);
      if (change) {
        Bump(st_.counters.hosts_marked_down);
        change->reason = "no answer within the hedge delay";
        if (listener_) listener_->OnHealthChange(*change);
      }
    }
  }
  // Stopped after the bookkeeping: a transport may complete the exchange inside Cancel (the
  // completion is queued behind this handler and finds no live attempt).
  for (const auto& l : losers) transport_->Cancel(l.exchange);
}

void Call::PushAttempt(const LiveAttempt& live, Attempt a) {
  attempts_.push_back(std::move(a));
  attempt_index_.push_back(live.index);
}

// Tells the listener, if any, that an attempt ended.
void Call::ReportAttempt(const LiveAttempt& live, const Attempt& a, bool retryable) {
  if (!listener_) return;
  AttemptFinishedEvent e;
  e.method = spec_.method_name;
  e.request_id = request_id_;
  e.index = live.index;
  e.attempt = a;
  e.retryable = retryable;
  listener_->OnAttemptFinished(e);
}

// Ends whatever the call waits for besides its attempts: a hedge delay, a backoff, a discovery.
void Call::CancelWaits() {
  if (hedge_pending_) scheduler_->CancelTimer(hedge_timer_);
  hedge_pending_ = false;
  if (backoff_pending_) scheduler_->CancelTimer(backoff_timer_);
  backoff_pending_ = false;
  if (discovery_pending_) st_.discovery.Detach(wait_);
  discovery_pending_ = false;
}

void Call::CancelLive() {
  auto live = std::move(live_);
  live_.clear();
  for (const auto& l : live) transport_->Cancel(l.exchange);
}

Attempt Call::MakeAttempt(const LiveAttempt& live, const ExchangeResult& r, SteadyClock::time_point now) const {
  Attempt a;
  a.host = live.target.key;
  a.region = live.target.region;
  a.outcome = AttemptErrorCode(r);
  a.http_status = r.response ? r.response->status : 0;
  a.detail = AttemptDetail(r);
  a.duration = duration_cast<Ms>(now - live.start);
  a.hedge = live.hedge;
  return a;
}

void Call::OnExchange(std::uint64_t seq, ExchangeResult result) {
  if (finished_) return;
  auto it = std::find_if(live_.begin(), live_.end(), [seq](const LiveAttempt& l) { return l.seq == seq; });
  if (it == live_.end()) return;  // a loser cancelled after the race, or an attempt cut by the deadline
  LiveAttempt live = std::move(*it);
  live_.erase(it);
  auto now = scheduler_->Now();
  AttemptClass cls = Classify(result);
  // A call answered at once, with nobody listening, needs no attempt record (a successful
  // result carries none): the common case builds none of its strings.
  const bool answered_2xx = result.response && result.response->status >= 200 && result.response->status < 300;
  const bool record = cancelled_ || listener_ || !answered_2xx || !live_.empty() || !attempts_.empty();
  Attempt a = record ? MakeAttempt(live, result, now) : Attempt{};
  last_target_ = std::move(live.target);  // `live.target` is not used below
  if (cancelled_) {
    a.outcome = ErrorCode::kCancelled;
    a.detail = "cancelled by the caller";
    PushAttempt(live, a);
    if (live_.empty()) FinishError(ErrorCode::kCancelled, "cancelled by the caller");
    return;
  }
  if (record) PushAttempt(live, a);
  // Past its first attempt a call may wait (backoff, discovery) with no exchange in flight.
  if (cls == AttemptClass::kPinned || cls == AttemptClass::kRetryable) EnsureDeadline();
  ReportAttempt(live, a, cls == AttemptClass::kRetryable);
  RecordHealth(last_target_.key, result, cls);
  switch (cls) {
    case AttemptClass::kSuccess:
    case AttemptClass::kTerminal:
      if (!result.response && !live_.empty()) {
        // Not an answer (a local limit, an over-size body): an attempt still in flight may answer.
        last_ = std::move(result);
        last_retryable_ = false;
        return;
      }
      // The budget weighs calls that may fail over; others neither drain nor refill it.
      if (result.response && plan_.failover) st_.budget.RecordSuccess();
      last_ = std::move(result);
      last_retryable_ = false;
      CancelLosers(now);  // the first answer that is not retryable wins the race
      FinishLast();
      return;
    case AttemptClass::kPinned:
      HandlePin(std::move(result));
      return;
    case AttemptClass::kRetryable:
      if (!Contains(failed_, last_target_.key)) failed_.push_back(last_target_.key);
      if (!live_.empty()) {
        // Another attempt of the call may still answer: wait for it before failing over.
        last_ = std::move(result);
        last_retryable_ = true;
        return;
      }
      HandleRetryable(std::move(result));
      return;
  }
}

void Call::RecordHealth(const std::string& key, const ExchangeResult& r, AttemptClass cls) {
  std::optional<HealthChangeEvent> change;
  if (cls == AttemptClass::kRetryable || cls == AttemptClass::kPinned) {
    change = st_.health.RecordFailure(key, scheduler_->Now(), cls == AttemptClass::kPinned);
    if (change) {
      Bump(st_.counters.hosts_marked_down);
      change->reason = AttemptDetail(r);
    }
  } else if (r.response) {
    change = st_.health.RecordSuccess(key);
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
  if (hedge_pending_) scheduler_->CancelTimer(hedge_timer_);  // nothing in flight to hedge
  hedge_pending_ = false;
  if (!plan_.failover) {
    Skip(plan_.why_not, plan_.detail());
    FinishLast();
    return;
  }
  if (spec_.failover.idempotency == IdempotencyPolicy::kSafeOnly && spec_.kind == MethodKind::kSideEffect &&
      may_have_reached_server) {
    Skip(SkipReason::kIdempotency, "side-effecting call may have reached the server");
    FinishLast();
    return;
  }
  if (sent_ >= plan_.cap) {
    Skip(SkipReason::kMaxAttempts, "attempt cap of " + std::to_string(plan_.cap) + " reached");
    FinishLast();
    return;
  }
  if (!AskBudget(/*hedge=*/false)) {
    Skip(SkipReason::kBudget, "retry budget exhausted");
    FinishLast();
    return;
  }
  auto delay = BackoffDelay(sent_ - 1, random_->NextUnit());
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
  if (sent_ >= plan_.cap) {
    if (listener_) {
      RegionPinnedEvent e;
      e.method = spec_.method_name;
      e.request_id = request_id_;
      e.pinned_host = last_target_.key;
      listener_->OnRegionPinned(e);
    }
    if (!live_.empty()) return;  // a hedge still in flight may answer
    Skip(SkipReason::kMaxAttempts, "attempt cap reached after HTTP 451");
    FinishLast();
    return;
  }
  // A9: a fresh list, no backoff. It replaces a fetch this call was already waiting for.
  if (discovery_pending_) st_.discovery.Detach(wait_);
  StartDiscovery(true);
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
  hedge_discovery_ = false;
  DiscoveryParams p;
  p.origin = origin_;
  p.headers = DiscoveryHeaders(*headers_);
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
  // A fetch started early by the hedge delay that failed (e.g. queued behind the origin's hung
  // connections) sends no hedge and, while no attempt has failed yet, does not use up the
  // call's discovery: its first retryable failure asks again.
  const bool hedge_fetch_failed = hedge_discovery_ && !outcome.ok;
  if (hedge_fetch_failed && !live_.empty()) discovered_ = false;
  hedge_discovery_ = false;
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
  const bool hedge = hedge_wants_list_;
  hedge_wants_list_ = false;
  if (pin_pending_) ProceedAfterPin();
  else if (hedge && !live_.empty()) {
    if (!hedge_fetch_failed) SendHedge();
  }
  else MaybeProceed();
}

void Call::OnBackoffDone(std::uint64_t seq) {
  if (finished_ || seq != backoff_seq_ || !backoff_pending_) return;
  backoff_pending_ = false;
  MaybeProceed();
}

std::optional<Target> Call::ChooseNext() const {
  if (!regions_) return std::nullopt;
  return ChooseNextFrom(*regions_);
}

std::optional<Target> Call::ChooseNextFrom(const RegionList& regions) const {
  // A8: the first untried region in the server's order; B2: a healthy one if there is one.
  const Region* cooling = nullptr;
  auto now = scheduler_->Now();
  for (const auto& r : regions) {
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
  if (finished_ || cancelled_ || backoff_pending_ || discovery_pending_ || !live_.empty()) return;
  auto next = ChooseNext();
  AttemptReason reason = AttemptReason::kFailover;
  if (!next) {
    if (regions_ && !regions_->empty()) {
      Skip(SkipReason::kNoRegionLeft, "every listed region was tried");
      FinishLast();
      return;
    }
    // A14: no region list (discovery failed, non-2xx, or none listed): the same host again.
    next = last_target_;
    reason = AttemptReason::kSameHostRetry;
    Bump(st_.counters.same_host_retries);
  } else {
    Bump(st_.counters.failovers);
  }
  LogRetry(*next, reason);
  SendAttempt(*next, reason);
}

void Call::ProceedAfterPin() {
  std::optional<Target> next;
  if (sent_ < plan_.cap) next = ChooseNext();
  if (listener_) {
    RegionPinnedEvent e;
    e.method = spec_.method_name;
    e.request_id = request_id_;
    e.pinned_host = last_target_.key;
    e.next_host = next ? next->key : std::string();
    listener_->OnRegionPinned(e);
  }
  if (!next) {
    if (!live_.empty()) return;  // a hedge still in flight may answer
    Skip(SkipReason::kNoRegionLeft, "no allowed region left after HTTP 451");
    FinishLast();
    return;
  }
  // No backoff after a 451 (A9), even when a hedge's failure had started one.
  if (backoff_pending_) scheduler_->CancelTimer(backoff_timer_);
  backoff_pending_ = false;
  Bump(st_.counters.pin_redirects);
  LogRetry(*next, AttemptReason::kRegionPin);
  SendAttempt(*next, AttemptReason::kRegionPin);
}

void Call::OnDeadline() {
  if (finished_) return;
  deadline_armed_ = false;
  auto now = scheduler_->Now();
  for (const auto& l : live_) {
    Attempt a;
    a.host = l.target.key;
    a.region = l.target.region;
    a.outcome = ErrorCode::kTimeout;
    a.detail = "call deadline reached";
    a.duration = duration_cast<Ms>(now - l.start);
    a.hedge = l.hedge;
    PushAttempt(l, std::move(a));
  }
  CancelLive();
  std::string msg = "call deadline of " + std::to_string(duration_cast<Ms>(deadline_ - start_).count()) + " ms exceeded";
  if (last_) msg += "; last failure: " + AttemptDetail(*last_);
  FinishError(ErrorCode::kTimeout, msg);
}

void Call::DoCancel() {
  if (finished_ || cancelled_) return;
  cancelled_ = true;
  CancelWaits();
  if (!live_.empty()) {
    // Their callbacks (kCancelled) finish the call when the last one reports.
    std::vector<Transport::ExchangeId> ids;
    for (const auto& l : live_) ids.push_back(l.exchange);
    for (auto id : ids) transport_->Cancel(id);
    return;
  }
  // In backoff or discovery: finish on the transport's thread.
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
  CancelWaits();
  // Attempts end in any order when a call hedges; they are listed in the order they were sent.
  if (attempts_.size() > 1 && !std::is_sorted(attempt_index_.begin(), attempt_index_.end())) {
    std::vector<std::size_t> order(attempts_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [this](std::size_t a, std::size_t b) { return attempt_index_[a] < attempt_index_[b]; });
    std::vector<Attempt> sorted;
    sorted.reserve(order.size());
    for (auto i : order) sorted.push_back(std::move(attempts_[i]));
    attempts_ = std::move(sorted);
  }
  if (!out.response) {
    ErrorBuilder(out.error)
        .set_attempts(attempts_)
        .set_method(spec_.method_name)
        .set_url(spec_.origin)
        .set_request_id(request_id_);
  }
  out.spec = &spec_;
  out.request_id = request_id_;
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
