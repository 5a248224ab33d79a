#pragma once
// Region discovery (failover.md A5, A6, A7, B3): GET {origin}/settings/regions with the
// call's headers and a 2 s timeout bounded by the call's deadline; on failure, the other
// regions of the last known list are asked, then the last known list is served stale.
// Concurrent discoveries for the same origin share one run.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "failover/region_list.h"
#include "livekit/failover_events.h"
#include "transport/transport.h"

namespace livekit::internal {

class RegionStateImpl;

/// Discovery's own per-request timeout (A5).
inline constexpr std::chrono::milliseconds kDiscoveryTimeout{2000};

/// The call's headers minus Content-Type and Content-Length (A5).
HeaderList DiscoveryHeaders(const HeaderList& call_headers);

struct DiscoveryParams {
  UrlParts origin;
  HeaderList headers;  // already filtered (DiscoveryHeaders)
  TlsOptions tls;
  SteadyClock::time_point deadline;  // of the call that starts the run
  bool bypass_cache = false;         // after a 451: always a new request, never shared
  /// Lists fetched after this instant are reused without a request: they are newer than
  /// the failure that made the call ask (a call's own start time).
  SteadyClock::time_point reuse_if_fetched_after;
  /// B3: other regions to ask when the origin's discovery fails, in order (trusted hosts).
  RegionList fallbacks;
  /// Receives DiscoveryStarted events of the run this call starts. May be null.
  std::shared_ptr<FailoverListener> listener;
};

struct DiscoveryOutcome {
  bool ok = false;          // a list is available
  RegionList regions;
  bool from_cache = false;
  bool coalesced = false;
  bool stale = false;
  std::string detail;       // why the fetches failed
};

using DiscoveryCallback = std::function<void(DiscoveryOutcome)>;

class DiscoveryRun;

/// What a waiting call holds to stop waiting (Cancel, deadline).
struct DiscoveryWait {
  std::weak_ptr<DiscoveryRun> run;
  std::uint64_t ticket = 0;
};

/// Thread-safe. Runs are driven on the transport of the call that started them; waiters on
/// another scheduler get their callback posted there.
class DiscoveryCoordinator {
 public:
  explicit DiscoveryCoordinator(RegionStateImpl& state) : state_(state) {}

  /// Obtains a region list for params.origin: from the cache (callback runs before this
  /// returns), from a run in flight, or from a new run.
  DiscoveryWait Obtain(DiscoveryParams params, std::shared_ptr<Transport> transport,
                       std::shared_ptr<Scheduler> scheduler, DiscoveryCallback done);

  /// Stops waiting; the callback will not run. A run nobody waits for is cancelled.
  void Detach(const DiscoveryWait& wait);

  /// Number of runs in flight (tests).
  std::size_t InFlight() const;

 private:
  friend class DiscoveryRun;
  RegionStateImpl& state_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<DiscoveryRun>> inflight_;
  std::uint64_t next_ticket_ = 1;
};

}  // namespace livekit::internal
