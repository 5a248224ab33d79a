#include "services/resolved_options.h"

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace livekit::internal {
namespace {

Error Invalid(std::string message) { return Error(ErrorCode::kInvalidArgument, std::move(message)); }

// A set duration must be positive and at most kMaxOptionDuration; `unset` says what leaving it
// unset does, for the message.
// `name` is a view: checking a valid option (every call checks its CallOptions) builds no string.
Status CheckDuration(const std::optional<std::chrono::milliseconds>& value, std::string_view name,
                     const char* unset) {
  if (!value) return OkStatus();
  if (value->count() <= 0) return Invalid(std::string(name) + " must be positive (" + unset + ")");
  if (*value > kMaxOptionDuration) return Invalid(std::string(name) + " must be at most 24 h");
  return OkStatus();
}

Status CheckFailover(const FailoverOptions& failover, const std::string& prefix) {
  if (auto s = CheckDuration(failover.deadline, prefix + "deadline", "leave it unset for the default budget"); !s.ok()) {
    return s;
  }
  return CheckDuration(failover.hedge_after, prefix + "hedge_after", "leave it unset for no hedging");
}

// Checks the client's URL with the SDK's one parser and keeps the parsed value: origin and
// path only, no query or fragment. Messages never quote the URL: a mistaken one may hold a
// token (e.g. a client URL with ?access_token=).
// `what` names the URL in messages ("URL", "agents URL").
Result<HostTarget> ResolveUrl(const std::string& url, const std::string& what) {
  std::string why;
  auto parts = ParseUrl(url, &why);
  if (!parts) return Invalid("invalid " + what + ": " + why);
  if (!parts->query_and_fragment.empty() || parts->path.find(' ') != std::string::npos) {
    return Invalid("invalid " + what + ": query, fragment or space not allowed");
  }
  std::string path = parts->path;
  while (!path.empty() && path.back() == '/') path.pop_back();
  HostTarget out;
  out.origin = parts->scheme + "://" + parts->authority;
  out.path_prefix = path;
  out.url = std::move(*parts);
  return out;
}

// An IPv4 address (digits and dots) or a bracketed IPv6 literal.
bool IsIpLiteral(std::string_view host) {
  if (!host.empty() && host.front() == '[') return true;
  return !host.empty() && host.find_first_not_of("0123456789.") == std::string_view::npos;
}

}  // namespace

Result<ResolvedOptions> ResolveClientOptions(ClientOptions options, const EnvLookup& env) {
  auto from_env = [&env](std::string& value, const char* name) {
    if (!value.empty()) return;
    const char* v = env ? env(name) : nullptr;
    if (v != nullptr) value = v;
  };
  from_env(options.url, "LIVEKIT_URL");
  from_env(options.api_key, "LIVEKIT_API_KEY");
  from_env(options.api_secret, "LIVEKIT_API_SECRET");
  const bool has_key_pair = !options.api_key.empty() && !options.api_secret.empty();
  if (!has_key_pair) from_env(options.token, "LIVEKIT_TOKEN");

  ResolvedOptions out;
  if (options.url.empty()) return Invalid("no server URL: set ClientOptions::url or LIVEKIT_URL");
  auto project = ResolveUrl(options.url, "URL");
  if (!project.ok()) return std::move(project).error();
  out.origin = std::move(project->origin);
  out.path_prefix = std::move(project->path_prefix);
  out.url = std::move(project->url);
  // The agents host. An unusable agents_url fails the client like an unusable url; an
  // unusable LK_AGENTS_URL only the calls that go there (the variable may be meant for
  // another program, and must not break the rest of the API).
  if (!options.agents_url.empty()) {
    out.agents = ResolveUrl(options.agents_url, "agents URL (ClientOptions::agents_url)");
    if (!out.agents.ok()) return out.agents.error();
  } else if (const char* env_agents = env ? env("LK_AGENTS_URL") : nullptr; env_agents != nullptr && *env_agents) {
    out.agents = ResolveUrl(env_agents, "agents URL (LK_AGENTS_URL)");
  } else {
    out.agents = ResolveUrl(AgentsUrlOf(options.url).value_or(options.url), "agents URL");
  }
  if (!has_key_pair && options.token.empty()) {
    if (!options.api_key.empty() || !options.api_secret.empty()) {
      return Invalid(std::string("missing API ") + (options.api_key.empty() ? "key" : "secret") +
                     ": set both LIVEKIT_API_KEY and LIVEKIT_API_SECRET, or a token");
    }
    return Invalid("missing credentials: set LIVEKIT_API_KEY and LIVEKIT_API_SECRET, or LIVEKIT_TOKEN");
  }
  if (options.timeout.count() <= 0) return Invalid("timeout must be positive");
  if (options.timeout > kMaxOptionDuration) return Invalid("timeout must be at most 24 h");
  if (options.max_response_bytes == 0) return Invalid("max_response_bytes must be positive");
  if (auto s = CheckFailover(options.failover, "failover."); !s.ok()) return std::move(s).error();
  std::string prefix = options.twirp_prefix;
  if (!prefix.empty() && prefix.front() != '/') prefix.insert(prefix.begin(), '/');
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  out.path_prefix += prefix;
  if (out.agents.ok()) out.agents->path_prefix += prefix;
  if (has_key_pair) {
    out.api_key = options.api_key;
    out.api_secret = options.api_secret;
  } else {
    out.token = options.token;
  }
  options.api_secret.clear();  // kept once, above
  options.token.clear();
  out.options = std::move(options);
  return out;
}

std::optional<std::string> AgentsUrlOf(const std::string& project_url) {
  auto parts = ParseUrl(project_url);
  if (!parts) return std::nullopt;
  const std::string& authority = parts->authority;
  const std::size_t dot = authority.find('.');
  // Kept: localhost and other dotless names, and IP addresses (an IPv4 address has dots,
  // but no first label to replace).
  if (dot == std::string::npos || IsIpLiteral(parts->host)) {
    return parts->scheme + "://" + authority + parts->path + parts->query_and_fragment;
  }
  return "https://agents." + authority.substr(dot + 1) + parts->path + parts->query_and_fragment;
}

Status CheckCallOptions(const CallOptions& options) {
  if (auto s = CheckDuration(options.timeout, "CallOptions::timeout", "leave it unset for the client's"); !s.ok()) {
    return s;
  }
  if (auto s = CheckDuration(options.hedge_after, "CallOptions::hedge_after", "leave it unset for no hedging");
      !s.ok()) {
    return s;
  }
  if (options.failover) return CheckFailover(*options.failover, "CallOptions::failover.");
  return OkStatus();
}

Result<ResolvedOptions> ResolveClientOptions(ClientOptions options) {
  return ResolveClientOptions(std::move(options), [](const char* name) -> const char* { return std::getenv(name); });
}

}  // namespace livekit::internal
