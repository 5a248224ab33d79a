#pragma once
// Where the bearer token may go (failover.md B7): never outside the origin's domain, never
// over http when the origin was https.

#include <optional>
#include <string>

#include "common/url.h"

namespace livekit::internal {

/// nullopt when `candidate` may receive the call's headers; otherwise the reason it may not.
/// A `.livekit.cloud` origin allows hosts under livekit.cloud; any other origin allows only
/// its own host name (any port: mock regions on 127.0.0.1 differ by port).
std::optional<std::string> TrustViolation(const UrlParts& origin, const UrlParts& candidate);

}  // namespace livekit::internal
