#pragma once
// The parts of RegionState (include/livekit/region_state.h), for the failover layer.

#include <atomic>
#include <cstdint>

#include "failover/discovery.h"
#include "failover/health_memory.h"
#include "failover/region_cache.h"
#include "failover/retry_budget.h"
#include "livekit/region_state.h"

namespace livekit::internal {

struct AtomicCounters {
  std::atomic<std::uint64_t> calls{0}, attempts{0}, failovers{0}, same_host_retries{0}, pin_redirects{0},
      health_routed_calls{0}, discovery_requests{0}, discovery_failures{0}, discovery_cache_hits{0},
      discovery_coalesced{0}, discovery_stale{0}, budget_denials{0}, skipped_short_timeout{0},
      regions_rejected{0}, hosts_marked_down{0}, hedges{0},
      hedge_losers_cancelled{0};
  RegionState::Counters Snapshot() const;
  void Reset();
};

class RegionStateImpl {
 public:
  explicit RegionStateImpl(const RegionState::Options& options);

  const RegionState::Options options;
  RegionCache cache;
  HealthMemory health;
  RetryBudget budget;
  AtomicCounters counters;
  DiscoveryCoordinator discovery;
};

inline void Bump(std::atomic<std::uint64_t>& c) { c.fetch_add(1, std::memory_order_relaxed); }

}  // namespace livekit::internal
