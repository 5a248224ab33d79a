#pragma once
/// @file
/// The process-wide memory of region failover (docs/failover.md): the region list
/// cache, coalesced discovery, the region health memory and the retry budget.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace livekit {

namespace internal {
class RegionStateImpl;
}

/// Shared state of region failover. Every client uses RegionState::Default() unless its
/// FailoverOptions name another, so a program or a test can keep its own (tests then never
/// leak state into each other).
///
/// Thread safety: every member is safe to call from any thread, concurrently.
class RegionState {
 public:
  /// Tuning of the health memory and the retry budget. Defaults are written here.
  struct Options {
    /// How long a host that failed with a retryable outcome is avoided.
    std::chrono::milliseconds cool_down{30000};
    /// The cool-down doubles while the host keeps failing, up to this.
    std::chrono::milliseconds max_cool_down{300000};
    /// Retry budget (gRPC retry throttling): bucket size; failover is allowed while more
    /// than half of it is left.
    double budget_max_tokens = 10;
    /// Tokens a successful call puts back (a call that failed everywhere takes one).
    double budget_token_ratio = 0.1;
  };

  /// Counters since creation (or Clear()); monotonic.
  struct Counters {
    std::uint64_t calls = 0;                 ///< calls started
    std::uint64_t attempts = 0;              ///< HTTP attempts sent
    std::uint64_t failovers = 0;             ///< attempts on another region after a failure
    std::uint64_t same_host_retries = 0;     ///< retries on the same host when no other region is known
    std::uint64_t pin_redirects = 0;         ///< attempts after a 451
    std::uint64_t health_routed_calls = 0;   ///< calls started away from a cooling-down origin
    std::uint64_t discovery_requests = 0;    ///< GET /settings/regions actually sent
    std::uint64_t discovery_failures = 0;    ///< of those, the failed ones
    std::uint64_t discovery_cache_hits = 0;  ///< lists served without a request
    std::uint64_t discovery_coalesced = 0;   ///< calls that shared another call's request
    std::uint64_t discovery_stale = 0;       ///< stale lists served after failed fetches
    std::uint64_t budget_denials = 0;        ///< failovers refused by the retry budget
    std::uint64_t skipped_short_timeout = 0; ///< failovers skipped by the 5 s guard
    std::uint64_t regions_rejected = 0;      ///< regions refused by the trust boundary
    std::uint64_t hosts_marked_down = 0;     ///< health transitions to "down"
    std::uint64_t hedges = 0;                ///< hedged attempts sent (FailoverOptions::hedge_after)
    std::uint64_t hedge_losers_cancelled = 0;  ///< attempts cancelled because another attempt of their call answered first
  };

  /// One region of a known list, with its health.
  struct RegionView {
    std::string name;        ///< e.g. "us-east"
    std::string url;         ///< http(s)://host[:port]
    bool healthy = true;     ///< false while cooling down
    bool pinned_out = false; ///< marked after a 451
    int consecutive_failures = 0;                 ///< failures in a row (0 when healthy)
    std::chrono::milliseconds cool_down_left{0};  ///< time until it is tried again (0 when healthy)
  };

  /// What is known about one origin.
  struct OriginView {
    bool known = false;  ///< a list was discovered at least once
    bool fresh = false;  ///< within its Cache-Control max-age
    std::chrono::milliseconds age{0};        ///< since the last successful discovery
    std::chrono::milliseconds fresh_for{0};  ///< cache lifetime left (0 when stale)
    std::vector<RegionView> regions;         ///< in the server's order
  };

  RegionState();
  /// A state with the given tuning.
  explicit RegionState(Options options);
  ~RegionState();
  RegionState(const RegionState&) = delete;
  RegionState& operator=(const RegionState&) = delete;

  /// The process-wide instance, created on first use and never destroyed.
  static std::shared_ptr<RegionState> Default();

  /// The tuning given at construction.
  const Options& options() const noexcept;

  /// A snapshot of the counters.
  Counters counters() const;

  /// The cache and health of the regions of `origin_url` (e.g. "https://x.livekit.cloud").
  OriginView Describe(std::string_view origin_url) const;

  /// Tokens left in the retry budget.
  double budget_tokens() const;

  /// Forgets every list, every health mark and refills the budget (counters too).
  void Clear();

  /// Not API: the SDK's access to the implementation.
  internal::RegionStateImpl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<internal::RegionStateImpl> impl_;
};

}  // namespace livekit
