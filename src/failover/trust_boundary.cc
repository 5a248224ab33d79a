#include "failover/trust_boundary.h"

#include "failover/eligibility.h"

namespace livekit::internal {

std::optional<std::string> TrustViolation(const UrlParts& origin, const UrlParts& candidate) {
  if (origin.https() && !candidate.https()) return std::string("http region for an https origin");
  // Hosts are lower case after ParseUrl.
  if (IsCloudHost(origin.host)) {
    if (candidate.host == "livekit.cloud" || IsCloudHost(candidate.host)) return std::nullopt;
    return std::string("outside livekit.cloud");
  }
  if (candidate.host != origin.host) return std::string("outside the origin's host");
  return std::nullopt;
}

}  // namespace livekit::internal
