#include "livekit/failover_events.h"

namespace livekit {

const char* ToString(SkipReason reason) noexcept {
  switch (reason) {
    case SkipReason::kDisabled: return "disabled";
    case SkipReason::kNotEligible: return "not_eligible";
    case SkipReason::kShortTimeout: return "short_timeout";
    case SkipReason::kMaxAttempts: return "max_attempts";
    case SkipReason::kBudget: return "budget";
    case SkipReason::kIdempotency: return "idempotency";
    case SkipReason::kNoRegionLeft: return "no_region_left";
    case SkipReason::kDeadline: return "deadline";
  }
  return "unknown";
}

const char* ToString(AttemptReason reason) noexcept {
  switch (reason) {
    case AttemptReason::kFirst: return "first";
    case AttemptReason::kHealthRoute: return "health_route";
    case AttemptReason::kFailover: return "failover";
    case AttemptReason::kSameHostRetry: return "same_host_retry";
    case AttemptReason::kRegionPin: return "region_pin";
    case AttemptReason::kHedge: return "hedge";
  }
  return "unknown";
}

}  // namespace livekit
