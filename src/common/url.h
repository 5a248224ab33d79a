#pragma once
// The SDK's one URL parser: the client's origin (ClientOptions::url, parsed once per client)
// and the region URLs a server lists are both read by ParseUrl. Origins arrive as
// http(s):// or ws(s):// and are used as http(s)://.

#include <optional>
#include <string>
#include <string_view>

namespace livekit::internal {

struct UrlParts {
  std::string scheme;     // "http" or "https" (ws/wss mapped)
  std::string host;       // lower case; IPv6 literals keep their brackets
  int port = 0;           // 0: the scheme's default
  std::string authority;  // host[:port] as written (case and default port kept)
  std::string path;       // "" or from the '/' after the authority, up to any '?' or '#'
  std::string query_and_fragment;  // from the first '?' or '#' after the authority, or ""

  bool https() const { return scheme == "https"; }
  /// Lower-case host[:port], port only when not the scheme's default (failover.md: host key).
  std::string HostKey() const;
  /// scheme://host[:port] normalised as HostKey, no trailing slash.
  std::string Origin() const;
};

/// Parses an absolute http, https, ws or wss URL. nullopt for other schemes, an empty host,
/// user info, a space or control character in the host, or a bad port (empty, not decimal,
/// 0 or over 65535); `why` (when given) then says which, without quoting the URL (a mistaken
/// one may hold a token). What follows the authority is split into path and
/// query_and_fragment, unchecked: callers decide what they accept there.
std::optional<UrlParts> ParseUrl(std::string_view url, std::string* why = nullptr);

/// The host key of a URL, or the string lowercased when it does not parse.
std::string HostKeyOf(std::string_view url);

}  // namespace livekit::internal
