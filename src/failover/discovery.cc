#include "failover/discovery.h"

#include <algorithm>
#include <vector>

#include "common/text.h"
#include "failover/cache_control.h"
#include "failover/region_state_impl.h"

namespace livekit::internal {

namespace {
// A region list is a few hundred bytes; anything near this is not one.
constexpr std::size_t kMaxRegionListBytes = 1024 * 1024;
// The run's own backstop past the request's timeout: a request queued in the transport (behind
// a host's connection limit, all taken by hung calls) may not be timed out until it leaves the
// queue, and discovery must never outlive its 2 s.
constexpr std::chrono::milliseconds kWatchdogGrace{50};

bool IEquals(std::string_view a, std::string_view b) { return EqualsIgnoreCase(a, b); }
}  // namespace

HeaderList DiscoveryHeaders(const HeaderList& call_headers) {
  HeaderList out;
  for (const auto& h : call_headers) {
    if (IEquals(h.first, "Content-Type") || IEquals(h.first, "Content-Length")) continue;
    out.push_back(h);
  }
  return out;
}

// One discovery: the origin, then each fallback, then the stale list. Its fields are
// guarded by the coordinator's mutex; its steps run on its transport's thread.
class DiscoveryRun : public std::enable_shared_from_this<DiscoveryRun> {
 public:
  struct Waiter {
    std::shared_ptr<Scheduler> scheduler;
    DiscoveryCallback done;
    bool coalesced = false;
  };

  DiscoveryRun(DiscoveryCoordinator& coord, RegionStateImpl& state, DiscoveryParams params,
               std::shared_ptr<Transport> transport, std::shared_ptr<Scheduler> scheduler, bool registered)
      : coord_(coord), state_(state), params_(std::move(params)), origin_key_(params_.origin.HostKey()),
        transport_(std::move(transport)), scheduler_(std::move(scheduler)), registered_(registered) {}

  void Step();
  void OnResult(std::size_t step, ExchangeResult result);
  void OnWatchdog(std::size_t step);
  void Finish(DiscoveryOutcome outcome, bool put_in_cache, std::chrono::seconds max_age);

  DiscoveryCoordinator& coord_;
  RegionStateImpl& state_;
  const DiscoveryParams params_;
  const std::string origin_key_;
  const std::shared_ptr<Transport> transport_;
  const std::shared_ptr<Scheduler> scheduler_;
  const bool registered_;  // in the coordinator's in-flight map (not for bypass runs)

  // Guarded by coord_.mu_.
  std::map<std::uint64_t, Waiter> waiters_;
  bool finished_ = false;
  bool abandoned_ = false;
  bool exchange_live_ = false;
  Transport::ExchangeId exchange_ = 0;
  bool watchdog_armed_ = false;
  Scheduler::TimerId watchdog_ = 0;
  bool watchdog_fired_ = false;  // the current step was cut by the watchdog
  std::chrono::milliseconds step_timeout_{0};
  std::size_t step_ = 0;
  std::string failures_;
};

void DiscoveryRun::Step() {
  std::size_t my_step;
  {
    std::lock_guard<std::mutex> lock(coord_.mu_);
    my_step = step_;
  }
  const UrlParts& host = my_step == 0 ? params_.origin : params_.fallbacks[my_step - 1].url;
  auto now = scheduler_->Now();
  auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(params_.deadline - now);
  if (remaining.count() <= 0) {
    DiscoveryOutcome out;
    out.detail = failures_.empty() ? "call deadline reached" : failures_ + "; call deadline reached";
    Finish(std::move(out), false, {});
    return;
  }
  HttpRequest req;
  req.verb = HttpRequest::Verb::kGet;
  req.url = host.Origin() + "/settings/regions";
  req.headers = params_.headers;
  req.timeout = std::min(kDiscoveryTimeout, remaining);
  const auto step_timeout = req.timeout;
  req.max_response_bytes = kMaxRegionListBytes;
  req.tls = params_.tls;
  Bump(state_.counters.discovery_requests);
  if (params_.listener) {
    DiscoveryStartedEvent e;
    e.origin = origin_key_;
    e.host = host.HostKey();
    e.bypass_cache = params_.bypass_cache;
    params_.listener->OnDiscoveryStarted(e);
  }
  auto self = shared_from_this();
  auto id = transport_->Send(std::move(req), [self, my_step](ExchangeResult r) { self->OnResult(my_step, std::move(r)); });
  bool cancel_now = false;
  bool arm = false;
  {
    std::lock_guard<std::mutex> lock(coord_.mu_);
    if (step_ == my_step && !finished_) {
      exchange_ = id;
      exchange_live_ = true;
      cancel_now = abandoned_;
      arm = !cancel_now;
      step_timeout_ = step_timeout;
    }
  }
  if (cancel_now) {
    transport_->Cancel(id);
    return;
  }
  if (!arm) return;
  std::weak_ptr<DiscoveryRun> weak = self;
  auto timer = scheduler_->RunAfter(step_timeout + kWatchdogGrace, [weak, my_step] {
    if (auto run = weak.lock()) run->OnWatchdog(my_step);
  });
  bool cancel_timer = false;
  {
    std::lock_guard<std::mutex> lock(coord_.mu_);
    if (step_ == my_step && exchange_live_ && !finished_) {
      watchdog_ = timer;
      watchdog_armed_ = true;
    } else {
      cancel_timer = true;  // the step ended while the timer was being armed
    }
  }
  if (cancel_timer) scheduler_->CancelTimer(timer);
}

void DiscoveryRun::OnWatchdog(std::size_t step) {
  Transport::ExchangeId id = 0;
  {
    std::lock_guard<std::mutex> lock(coord_.mu_);
    if (finished_ || step != step_ || !exchange_live_ || !watchdog_armed_) return;
    watchdog_armed_ = false;
    watchdog_fired_ = true;
    id = exchange_;
  }
  transport_->Cancel(id);  // completes the exchange (kCancelled), read as a timeout in OnResult
}

void DiscoveryRun::OnResult(std::size_t step, ExchangeResult result) {
  bool abandoned;
  bool cut = false;
  bool cancel_timer = false;
  Scheduler::TimerId timer = 0;
  std::chrono::milliseconds timeout{0};
  {
    std::lock_guard<std::mutex> lock(coord_.mu_);
    if (finished_ || step != step_) return;
    exchange_live_ = false;
    abandoned = abandoned_;
    cut = watchdog_fired_;
    watchdog_fired_ = false;
    cancel_timer = watchdog_armed_;
    watchdog_armed_ = false;
    timer = watchdog_;
    timeout = step_timeout_;
  }
  if (cancel_timer) scheduler_->CancelTimer(timer);
  if (cut) {
    result = ExchangeResult();
    result.error = Error(ErrorCode::kTimeout, "no answer within " + std::to_string(timeout.count()) + " ms");
  }
  if (abandoned) {
    DiscoveryOutcome out;
    out.detail = "cancelled";
    Finish(std::move(out), false, {});
    return;
  }
  std::string why;
  if (result.response && result.response->status >= 200 && result.response->status < 300) {
    auto regions = ParseRegionSettings(result.response->body);
    if (regions) {
      DiscoveryOutcome out;
      out.ok = true;
      out.regions = std::move(*regions);
      Finish(std::move(out), true, ParseMaxAge(result.response->header("Cache-Control")));
      return;
    }
    why = "unreadable region list";
  } else if (result.response) {
    why = "HTTP " + std::to_string(result.response->status);
  } else {
    why = result.error.message().empty() ? livekit::ToString(result.error.code()) : result.error.message();
  }
  Bump(state_.counters.discovery_failures);
  const std::string& host = step == 0 ? origin_key_ : params_.fallbacks[step - 1].host_key;
  if (!failures_.empty()) failures_ += "; ";
  failures_ += host + ": " + why;
  bool more;
  {
    std::lock_guard<std::mutex> lock(coord_.mu_);
    step_ += 1;
    more = step_ <= params_.fallbacks.size();
  }
  if (more) {
    Step();
    return;
  }
  DiscoveryOutcome out;
  out.detail = failures_;
  if (auto last = state_.cache.LastKnown(origin_key_)) {
    Bump(state_.counters.discovery_stale);
    out.ok = true;
    out.stale = true;
    out.regions = std::move(last->regions);
  }
  Finish(std::move(out), false, {});
}

void DiscoveryRun::Finish(DiscoveryOutcome outcome, bool put_in_cache, std::chrono::seconds max_age) {
  std::map<std::uint64_t, Waiter> waiters;
  {
    std::lock_guard<std::mutex> lock(coord_.mu_);
    if (finished_) return;
    finished_ = true;
    // Under the coordinator's lock, so a call that looks for a run either joins this one
    // or finds its list in the cache, never neither.
    if (put_in_cache) state_.cache.Put(origin_key_, outcome.regions, scheduler_->Now(), max_age);
    if (registered_) {
      auto it = coord_.inflight_.find(origin_key_);
      if (it != coord_.inflight_.end() && it->second.get() == this) coord_.inflight_.erase(it);
    }
    waiters.swap(waiters_);
  }
  for (auto& [ticket, w] : waiters) {
    DiscoveryOutcome o = outcome;
    o.coalesced = w.coalesced;
    if (w.scheduler == scheduler_) {
      w.done(std::move(o));
    } else {
      auto done = std::move(w.done);
      w.scheduler->Post([done, o]() mutable { done(std::move(o)); });
    }
  }
}

DiscoveryWait DiscoveryCoordinator::Obtain(DiscoveryParams params, std::shared_ptr<Transport> transport,
                                           std::shared_ptr<Scheduler> scheduler, DiscoveryCallback done) {
  const std::string key = params.origin.HostKey();
  std::shared_ptr<DiscoveryRun> run;
  DiscoveryWait wait;
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!params.bypass_cache) {
      auto now = scheduler->Now();
      auto entry = state_.cache.LastKnown(key);
      if (entry && (entry->fresh(now) || entry->fetched_at > params.reuse_if_fetched_after)) {
        lock.unlock();
        Bump(state_.counters.discovery_cache_hits);
        DiscoveryOutcome out;
        out.ok = true;
        out.from_cache = true;
        out.regions = std::move(entry->regions);
        done(std::move(out));
        return wait;
      }
      auto it = inflight_.find(key);
      if (it != inflight_.end()) {
        wait.run = it->second;
        wait.ticket = next_ticket_++;
        it->second->waiters_[wait.ticket] = DiscoveryRun::Waiter{std::move(scheduler), std::move(done), true};
        Bump(state_.counters.discovery_coalesced);
        return wait;
      }
    }
    bool registered = !params.bypass_cache;
    run = std::make_shared<DiscoveryRun>(*this, state_, std::move(params), std::move(transport), scheduler, registered);
    wait.run = run;
    wait.ticket = next_ticket_++;
    run->waiters_[wait.ticket] = DiscoveryRun::Waiter{std::move(scheduler), std::move(done), false};
    if (registered) inflight_[key] = run;
  }
  run->Step();
  return wait;
}

void DiscoveryCoordinator::Detach(const DiscoveryWait& wait) {
  auto run = wait.run.lock();
  if (!run) return;
  bool cancel = false;
  Transport::ExchangeId id = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    run->waiters_.erase(wait.ticket);
    if (run->waiters_.empty() && !run->finished_ && !run->abandoned_) {
      run->abandoned_ = true;
      if (run->registered_) {
        auto it = inflight_.find(run->origin_key_);
        if (it != inflight_.end() && it->second == run) inflight_.erase(it);
      }
      cancel = run->exchange_live_;
      id = run->exchange_;
    }
  }
  if (cancel) run->transport_->Cancel(id);
}

std::size_t DiscoveryCoordinator::InFlight() const {
  std::lock_guard<std::mutex> lock(mu_);
  return inflight_.size();
}

}  // namespace livekit::internal
