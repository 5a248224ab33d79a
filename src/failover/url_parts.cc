#include "failover/url_parts.h"

#include <cctype>

namespace livekit::internal {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int DefaultPort(const std::string& scheme) { return scheme == "https" ? 443 : 80; }

}  // namespace

std::string UrlParts::HostKey() const {
  if (port == 0) return host;
  return host + ":" + std::to_string(port);
}

std::string UrlParts::Origin() const { return scheme + "://" + HostKey(); }

std::optional<UrlParts> ParseUrl(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  std::string scheme = Lower(url.substr(0, sep));
  if (scheme == "ws") scheme = "http";
  else if (scheme == "wss") scheme = "https";
  if (scheme != "http" && scheme != "https") return std::nullopt;

  std::string_view rest = url.substr(sep + 3);
  auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;

  UrlParts out;
  out.scheme = scheme;
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
    }
  } else {
    auto colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }
  if (host.empty() || host == "[]") return std::nullopt;
  for (char c : host) {
    auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) || std::iscntrl(u)) return std::nullopt;
  }
  out.host = Lower(host);
  if (!port.empty()) {
    if (port.size() > 5) return std::nullopt;
    int p = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return std::nullopt;
      p = p * 10 + (c - '0');
    }
    if (p < 1 || p > 65535) return std::nullopt;
    out.port = p == DefaultPort(scheme) ? 0 : p;
  }
  return out;
}

std::string HostKeyOf(std::string_view url) {
  auto parts = ParseUrl(url);
  return parts ? parts->HostKey() : Lower(url);
}

}  // namespace livekit::internal
