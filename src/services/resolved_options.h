#pragma once
// ClientOptions after the environment fallbacks and URL checks: what a connection uses.

#include <functional>
#include <optional>
#include <string>

#include "common/url.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit::internal {

/// Where the calls of one host go.
struct HostTarget {
  std::string origin;       // scheme://host[:port] as written, scheme http or https
  UrlParts url;             // the URL parsed (origin parts; the path is in path_prefix)
  std::string path_prefix;  // URL path (no trailing '/') + Twirp prefix, e.g. "/twirp"
};

struct ResolvedOptions {
  std::string origin;       // scheme://host[:port] as written, scheme http or https
  UrlParts url;             // the URL parsed (origin parts; the path is in path_prefix)
  std::string path_prefix;  // URL path (no trailing '/') + Twirp prefix, e.g. "/twirp"
  /// The agents host (ServiceHost::kAgents), or why LK_AGENTS_URL is unusable: that fails
  /// the CloudAgent calls only, not the client (an unusable ClientOptions::agents_url does).
  Result<HostTarget> agents = Error(ErrorCode::kInternal, "agents host not resolved");
  std::string api_key;
  std::string api_secret;
  std::string token;        // used verbatim when key/secret are absent
  ClientOptions options;    // the rest, as given

  bool signs_tokens() const { return !api_key.empty() && !api_secret.empty(); }
};

/// Reads an environment variable; null when unset. Injectable for tests.
using EnvLookup = std::function<const char*(const char*)>;

/// LiveKit Cloud's agents host derived from the project URL: ws(s) mapped to http(s), then
/// the host's first label replaced by `agents` over https (`wss://proj.livekit.cloud` ->
/// `https://agents.livekit.cloud`; port and path kept). A host without a dot (`localhost`)
/// or an IP address is kept as given, scheme included: there the derived name would name no
/// server (upstream's rule turns 127.0.0.1 into agents.0.0.1). Null when the URL does not parse.
std::optional<std::string> AgentsUrlOf(const std::string& project_url);

/// Applies LIVEKIT_URL / LIVEKIT_API_KEY / LIVEKIT_API_SECRET / LIVEKIT_TOKEN to empty
/// members, maps ws(s):// to http(s)://, and checks the URL and credentials. The agents host:
/// ClientOptions::agents_url, else LK_AGENTS_URL, else AgentsUrlOf(url).
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
