#pragma once
// ClientOptions after the environment fallbacks and URL checks: what a connection uses.

#include <functional>
#include <string>

#include "common/url.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit::internal {

struct ResolvedOptions {
  std::string origin;       // scheme://host[:port] as written, scheme http or https
  UrlParts url;             // the URL parsed (origin parts; the path is in path_prefix)
  std::string path_prefix;  // URL path (no trailing '/') + Twirp prefix, e.g. "/twirp"
  std::string api_key;
  std::string api_secret;
  std::string token;        // used verbatim when key/secret are absent
  ClientOptions options;    // the rest, as given

  bool signs_tokens() const { return !api_key.empty() && !api_secret.empty(); }
};

/// Reads an environment variable; null when unset. Injectable for tests.
using EnvLookup = std::function<const char*(const char*)>;

/// Applies LIVEKIT_URL / LIVEKIT_API_KEY / LIVEKIT_API_SECRET / LIVEKIT_TOKEN to empty
/// members, maps ws(s):// to http(s)://, and checks the URL and credentials.
/// kInvalidArgument for a missing or malformed URL or missing credentials.
Result<ResolvedOptions> ResolveClientOptions(ClientOptions options, const EnvLookup& env);

/// The same with the process environment.
Result<ResolvedOptions> ResolveClientOptions(ClientOptions options);

/// The longest timeout, deadline or hedge delay accepted, per client or per call: far beyond
/// any API call, and small enough that no sum the failover layer makes of them overflows.
inline constexpr std::chrono::milliseconds kMaxOptionDuration = std::chrono::hours(24);

/// Checks a call's options as ResolveClientOptions checks their client counterparts: every
/// duration positive and at most kMaxOptionDuration. kInvalidArgument naming the member.
Status CheckCallOptions(const CallOptions& options);

}  // namespace livekit::internal
