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
  /// Attempts per call, original included: 1..3 (values above 3 are capped at 3).
  int max_attempts = 3;
  /// Total budget of a call, attempts, discovery and backoff included.
  /// Unset: per-attempt timeout x attempts + backoff.
  std::optional<std::chrono::milliseconds> deadline;
  IdempotencyPolicy idempotency = IdempotencyPolicy::kAlways;
  /// Receives every attempt, discovery, health change and budget decision. May be null.
  std::shared_ptr<FailoverListener> listener;
  /// Region cache, health memory and retry budget. Null: the process-wide instance.
  std::shared_ptr<RegionState> region_state;
};

}  // namespace livekit
