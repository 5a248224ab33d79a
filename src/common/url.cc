#include "common/url.h"

#include "common/text.h"

namespace livekit::internal {

namespace {

int DefaultPort(const std::string& scheme) { return scheme == "https" ? 443 : 80; }

std::optional<UrlParts> Fail(std::string* why, const char* reason) {
  if (why != nullptr) *why = reason;
  return std::nullopt;
}

}  // namespace

std::string UrlParts::HostKey() const {
  if (port == 0) return host;
  return host + ":" + std::to_string(port);
}

std::string UrlParts::Origin() const { return scheme + "://" + HostKey(); }

std::optional<UrlParts> ParseUrl(std::string_view url, std::string* why) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return Fail(why, "expected https://, http://, wss:// or ws://");
  std::string scheme = ToAsciiLower(url.substr(0, sep));
  if (scheme == "ws") scheme = "http";
  else if (scheme == "wss") scheme = "https";
  if (scheme != "http" && scheme != "https") {
    return Fail(why, "unsupported scheme (expected https, http, wss or ws)");
  }

  std::string_view rest = url.substr(sep + 3);
  const auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.empty()) return Fail(why, "no host");
  if (authority.find('@') != std::string_view::npos) {
    return Fail(why, "credentials in the URL are not supported, use the API key and secret");
  }

  UrlParts out;
  out.scheme = scheme;
  std::string_view host = authority;
  std::string_view port;
  bool has_port = false;
  if (authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return Fail(why, "bad host");
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Fail(why, "bad host");
      port = after.substr(1);
      has_port = true;
    }
  } else {
    auto colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      has_port = true;
    }
  }
  if (host.empty() || host == "[]") return Fail(why, "no host");
  for (char c : host) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return Fail(why, "bad host");  // space or control character
  }
  out.host = ToAsciiLower(host);
  if (has_port) {
    if (port.empty() || port.size() > 5) return Fail(why, "bad port");
    int p = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return Fail(why, "bad port");
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return Fail(why, "bad port");
    out.port = p == DefaultPort(scheme) ? 0 : p;
  }
  out.authority = std::string(authority);
  if (end != std::string_view::npos) {
    std::string_view tail = rest.substr(end);
    const auto query = tail.find_first_of("?#");
    out.path = std::string(tail.substr(0, query));
    if (query != std::string_view::npos) out.query_and_fragment = std::string(tail.substr(query));
  }
  return out;
}

std::string HostKeyOf(std::string_view url) {
  auto parts = ParseUrl(url);
  return parts ? parts->HostKey() : ToAsciiLower(url);
}

}  // namespace livekit::internal
