#pragma once
// Region health memory (failover.md B2): hosts that just failed with a retryable outcome
// (or answered 451) are avoided for a cool-down that doubles while they keep failing; after
// it, one call probes the host, and a success restores it.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "livekit/failover_events.h"
#include "transport/transport.h"

namespace livekit::internal {

class HealthMemory {
 public:
  using TimePoint = SteadyClock::time_point;

  HealthMemory(std::chrono::milliseconds cool_down, std::chrono::milliseconds max_cool_down);

  enum class Verdict {
    kHealthy,  // no mark
    kDown,     // cooling down, or another call is probing it
    kProbe,    // cool-down over: the asking call is now the probe
  };

  /// Health of `host_key` for a call that would use it. With claim_probe, a host whose
  /// cool-down ended is handed to this caller as its probe (others keep seeing kDown).
  Verdict Check(const std::string& host_key, TimePoint now, bool claim_probe);

  /// A retryable failure (or a 451 when pinned). Returns an event when the view changed:
  /// marked down, or its cool-down extended after a failed probe. Failures of calls that
  /// were in flight while the host was already cooling down change nothing (a burst of
  /// concurrent failures must not escalate the cool-down).
  std::optional<HealthChangeEvent> RecordFailure(const std::string& host_key, TimePoint now, bool pinned);

  /// The host answered. Returns an event when it had been marked.
  std::optional<HealthChangeEvent> RecordSuccess(const std::string& host_key);

  struct Mark {
    int consecutive_failures = 0;
    bool pinned = false;
    TimePoint down_until{};
    std::chrono::milliseconds cool_down{0};
    bool probing = false;
    TimePoint probe_started{};
  };
  std::optional<Mark> Get(const std::string& host_key) const;
  void Clear();

 private:
  const std::chrono::milliseconds cool_down_;
  const std::chrono::milliseconds max_cool_down_;
  mutable std::mutex mu_;
  std::map<std::string, Mark> marks_;
};

}  // namespace livekit::internal
