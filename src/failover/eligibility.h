#pragma once
// Whether a call may fail over at all, and how many attempts it gets (failover.md A2, A3,
// A4, A14).

#include <chrono>
#include <string>
#include <string_view>

#include "common/url.h"
#include "livekit/failover_events.h"
#include "livekit/failover_options.h"

namespace livekit::internal {

/// The official attempt cap (A4): the original plus two other regions.
inline constexpr int kMaxAttemptsCap = 3;
/// Below this per-attempt timeout a call gets a single attempt (A3).
inline constexpr std::chrono::milliseconds kMinFailoverTimeout{5000};

/// True for hosts ending in `.livekit.cloud`, case-insensitive.
bool IsCloudHost(std::string_view host);
/// True for LiveKit's Cloud API host `cloud-api.livekit.io` (A14: same-host retry only).
bool IsCloudApiHost(std::string_view host);

struct FailoverPlan {
  /// Attempt cap of the call: max_attempts clamped to 1..3. Also bounds 451 redirects.
  int cap = kMaxAttemptsCap;
  /// Retryable failures may lead to another attempt.
  bool failover = false;
  /// Why not, when !failover.
  SkipReason why_not = SkipReason::kDisabled;
  /// The call's attempt timeout (what kShortTimeout's detail names).
  std::chrono::milliseconds attempt_timeout{0};
  /// Why not, in words: built only when a skip is reported, not on every call.
  std::string detail() const;
  /// The origin has no region list (cloud-api.livekit.io): retries stay on the same host.
  bool same_host_only = false;
};

FailoverPlan PlanFailover(const FailoverOptions& options, const UrlParts& origin,
                          std::chrono::milliseconds attempt_timeout);

}  // namespace livekit::internal
