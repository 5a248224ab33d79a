#pragma once
/// @file
/// DiscoverRegions: the regions a project's server offers for failover, fetched now, with
/// whether each answers. What `lkcpp regions` prints; for checking a deployment or a mock.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "livekit/client_options.h"
#include "livekit/region_state.h"
#include "livekit/result.h"

namespace livekit {

/// What asking one region `GET /` (without credentials) found.
struct RegionProbe {
  bool reachable = false;  ///< it answered with a status below 500
  int http_status = 0;     ///< 0 when it did not answer
  std::string detail;      ///< "HTTP 200", or why there was no answer
  std::chrono::milliseconds duration{0};  ///< until the answer (or the failure)
};

/// One region of the list, in the server's order.
struct DiscoveredRegion {
  std::string name;        ///< e.g. "us-east"; may be empty
  std::string url;         ///< http(s)://host[:port], the form calls use
  std::string listed_url;  ///< as the server wrote it (often wss://)
  std::optional<RegionProbe> probe;  ///< set when RegionDiscoveryOptions::probe is
};

/// Tuning of DiscoverRegions.
struct RegionDiscoveryOptions {
  /// Ask each region `GET /` (no credentials are sent there).
  bool probe = true;
  /// Time limit of each probe.
  std::chrono::milliseconds probe_timeout{2000};
};

/// The answer of DiscoverRegions.
struct RegionDiscovery {
  std::string origin;  ///< scheme://host[:port] of the URL asked
  /// The list as the region state now caches it: whether it may be reused without a request
  /// (`fresh`, for `fresh_for`: the answer's Cache-Control max-age) and each region's health.
  RegionState::OriginView cache;
  std::vector<DiscoveredRegion> regions;  ///< in the server's order
};

/// Fetches the region list of `options.url` now, the way a failing call would (docs/failover.md):
/// `GET {origin}/settings/regions` with a token signed from the options' key and secret (or
/// their token) and their headers, within 2 s, never served from the cache. The list then
/// refreshes the cache of `options.failover.region_state` (RegionState::Default() when
/// unset), and each region is probed as `discovery` asks. Empty URL and credentials fall
/// back to LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET and LIVEKIT_TOKEN; credentials
/// are optional (a server that wants them answers 401, and the call fails).
///
/// Blocks; must not be called from a completion callback (kInternal there).
/// Errors: kInvalidArgument for a missing or malformed URL; kTransport when no list could be
/// fetched (the message says why: unreachable, a status, an unreadable body).
Result<RegionDiscovery> DiscoverRegions(const ClientOptions& options, const RegionDiscoveryOptions& discovery = {});

}  // namespace livekit
