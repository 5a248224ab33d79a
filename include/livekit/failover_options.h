#pragma once
/// @file
/// Options of region failover (see docs/failover.md). Defaults match LiveKit's official SDKs.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>

namespace livekit {

class FailoverListener;  // livekit/failover_events.h
class Logger;            // livekit/logger.h
class RegionState;       // livekit/region_state.h

/// Which calls may be replayed on another host after a retryable failure.
enum class IdempotencyPolicy {
  /// Every call, as the official SDKs do (default).
  kAlways,
  /// Side-effecting calls (StartEgress, CreateSIPParticipant, SendData, PerformRpc, ...)
  /// only when the request provably never reached a server (DNS, connect, TLS failure).
  kSafeOnly,
};

/// Failover settings, per client (ClientOptions) and per call (CallOptions).
struct FailoverOptions {
  /// Failover on or off (default on). The 451 region-pin redirect is active either way.
  bool enabled = true;
  /// Skips the `.livekit.cloud` host check so failover runs against any host, e.g. a mock
  /// server on 127.0.0.1. For tests only.
  bool force = false;
  /// Attempts per call, original included: 1..3 (values above 3 are capped at 3). 451
  /// redirects count toward it too.
  int max_attempts = 3;
  /// Total budget of a call, attempts, discovery and backoff included: no step outlives it
  /// (a call still waiting when it passes ends with ErrorCode::kTimeout; a retry that could
  /// not start before it is not made, and the last error is returned). Unset: per-attempt timeout x
  /// attempts + the longest backoffs + one 2 s discovery (32.9 s with the 10 s default).
  std::optional<std::chrono::milliseconds> deadline;
  /// Which calls may be replayed on another host (default: all, as the official SDKs do).
  IdempotencyPolicy idempotency = IdempotencyPolicy::kAlways;
  /// Hedged reads (unset by default: no hedging). When set, a read whose attempt has not
  /// answered within this delay is also sent to the next region while the first attempt stays
  /// in flight; the first answer that is not retryable wins and the other attempts are
  /// cancelled. Only reads are hedged, only when failover would apply to the call, within
  /// max_attempts and the deadline, and each hedge takes a token from the retry budget (none
  /// left: no hedge). A host that loses a race without having answered within the delay is
  /// marked down like a failed one. Must be positive (kInvalidArgument otherwise); a delay at
  /// or above the per-attempt timeout has no effect (the attempt times out first and normal
  /// failover follows).
  std::optional<std::chrono::milliseconds> hedge_after;
  /// Receives every attempt, discovery, health change and budget decision, on the SDK's I/O
  /// thread. May be null.
  std::shared_ptr<FailoverListener> listener;
  /// Receives one warning per failover (failed host, reason, next host). Null: the default
  /// logger (warnings to stderr). Use MakeNullLogger() to silence it.
  std::shared_ptr<Logger> logger;
  /// Region cache, health memory and retry budget. Null: the process-wide instance.
  std::shared_ptr<RegionState> region_state;
};

}  // namespace livekit
