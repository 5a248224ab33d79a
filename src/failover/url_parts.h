#pragma once
// The parts of a URL the failover layer reasons about: scheme, host and port. Region URLs
// arrive as ws(s):// and are used as http(s)://.

#include <optional>
#include <string>
#include <string_view>

namespace livekit::internal {

struct UrlParts {
  std::string scheme;  // "http" or "https" (ws/wss mapped)
  std::string host;    // lower case; IPv6 literals keep their brackets
  int port = 0;        // 0: the scheme's default

  bool https() const { return scheme == "https"; }
  /// Lower-case host[:port], port only when not the scheme's default (failover.md: host key).
  std::string HostKey() const;
  /// scheme://host[:port], no trailing slash.
  std::string Origin() const;
};

/// Parses an absolute http, https, ws or wss URL; any path, query or fragment is ignored.
/// nullopt for other schemes, an empty host, user info or a bad port.
std::optional<UrlParts> ParseUrl(std::string_view url);

/// The host key of an origin string, or the string lowercased when it does not parse.
std::string HostKeyOf(std::string_view url);

}  // namespace livekit::internal
