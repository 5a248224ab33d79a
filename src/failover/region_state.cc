#include "livekit/region_state.h"

#include "common/url.h"
#include "failover/region_state_impl.h"

namespace livekit {

namespace internal {

RegionState::Counters AtomicCounters::Snapshot() const {
  RegionState::Counters c;
  auto get = [](const std::atomic<std::uint64_t>& a) { return a.load(std::memory_order_relaxed); };
  c.calls = get(calls);
  c.attempts = get(attempts);
  c.failovers = get(failovers);
  c.same_host_retries = get(same_host_retries);
  c.pin_redirects = get(pin_redirects);
  c.health_routed_calls = get(health_routed_calls);
  c.discovery_requests = get(discovery_requests);
  c.discovery_failures = get(discovery_failures);
  c.discovery_cache_hits = get(discovery_cache_hits);
  c.discovery_coalesced = get(discovery_coalesced);
  c.discovery_stale = get(discovery_stale);
  c.budget_denials = get(budget_denials);
  c.skipped_short_timeout = get(skipped_short_timeout);
  c.regions_rejected = get(regions_rejected);
  c.hosts_marked_down = get(hosts_marked_down);
  c.hedges = get(hedges);
  c.hedge_losers_cancelled = get(hedge_losers_cancelled);
  return c;
}

void AtomicCounters::Reset() {
  for (auto* a : {&calls, &attempts, &failovers, &same_host_retries, &pin_redirects, &health_routed_calls,
                  &discovery_requests, &discovery_failures, &discovery_cache_hits, &discovery_coalesced,
                  &discovery_stale, &budget_denials, &skipped_short_timeout, &regions_rejected,
                  &hosts_marked_down, &hedges, &hedge_losers_cancelled}) {
    a->store(0, std::memory_order_relaxed);
  }
}

RegionStateImpl::RegionStateImpl(const RegionState::Options& opts)
    : options(opts),
      health(opts.cool_down, opts.max_cool_down),
      budget(opts.budget_max_tokens, opts.budget_token_ratio),
      discovery(*this) {}

}  // namespace internal

RegionState::RegionState() : RegionState(Options()) {}

RegionState::RegionState(Options options) : impl_(std::make_unique<internal::RegionStateImpl>(options)) {}

RegionState::~RegionState() = default;

std::shared_ptr<RegionState> RegionState::Default() {
  // Never destroyed: calls still running at exit may touch it.
  static auto* instance = new std::shared_ptr<RegionState>(std::make_shared<RegionState>());
  return *instance;
}

const RegionState::Options& RegionState::options() const noexcept { return impl_->options; }

RegionState::Counters RegionState::counters() const { return impl_->counters.Snapshot(); }

double RegionState::budget_tokens() const { return impl_->budget.tokens(); }

RegionState::OriginView RegionState::Describe(std::string_view origin_url) const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  OriginView view;
  auto entry = impl_->cache.LastKnown(internal::HostKeyOf(origin_url));
  if (!entry) return view;
  auto now = internal::SteadyClock::now();
  view.known = true;
  view.fresh = entry->fresh(now);
  view.age = duration_cast<milliseconds>(now - entry->fetched_at);
  if (view.fresh) view.fresh_for = duration_cast<milliseconds>(entry->fresh_until - now);
  for (const auto& r : entry->regions) {
    RegionView rv;
    rv.name = r.name;
    rv.url = r.url.Origin();
    if (auto mark = impl_->health.Get(r.host_key)) {
      rv.healthy = now >= mark->down_until;
      rv.pinned_out = mark->pinned;
      rv.consecutive_failures = mark->consecutive_failures;
      if (!rv.healthy) rv.cool_down_left = duration_cast<milliseconds>(mark->down_until - now);
    }
    view.regions.push_back(std::move(rv));
  }
  return view;
}

void RegionState::Clear() {
  impl_->cache.Clear();
  impl_->health.Clear();
  impl_->budget.Reset();
  impl_->counters.Reset();
}

}  // namespace livekit
