#include "failover/eligibility.h"

#include <algorithm>

#include "common/text.h"

namespace livekit::internal {

bool IsCloudHost(std::string_view host) { return EndsWithIgnoreCase(host, ".livekit.cloud"); }

bool IsCloudApiHost(std::string_view host) {
  return host.size() == 20 && EndsWithIgnoreCase(host, "cloud-api.livekit.io");
}

FailoverPlan PlanFailover(const FailoverOptions& options, const UrlParts& origin,
                          std::chrono::milliseconds attempt_timeout) {
  FailoverPlan plan;
  plan.attempt_timeout = attempt_timeout;
  plan.cap = std::clamp(options.max_attempts, 1, kMaxAttemptsCap);
  plan.same_host_only = IsCloudApiHost(origin.host);
  if (!options.enabled) {
    plan.why_not = SkipReason::kDisabled;
  } else if (!options.force && !IsCloudHost(origin.host) && !plan.same_host_only) {
    plan.why_not = SkipReason::kNotEligible;
  } else if (attempt_timeout.count() > 0 && attempt_timeout < kMinFailoverTimeout) {
    plan.why_not = SkipReason::kShortTimeout;
  } else if (plan.cap <= 1) {
    plan.why_not = SkipReason::kMaxAttempts;
  } else {
    plan.failover = true;
  }
  return plan;
}

std::string FailoverPlan::detail() const {
  if (failover) return "";
  switch (why_not) {
    case SkipReason::kDisabled:
      return "failover disabled";
    case SkipReason::kNotEligible:
      return "not a LiveKit Cloud host";
    case SkipReason::kShortTimeout:
      return "attempt timeout " + std::to_string(attempt_timeout.count()) + " ms is below 5 s";
    case SkipReason::kMaxAttempts:
      return "max_attempts is 1";
    default:
      return "";
  }
}

}  // namespace livekit::internal
