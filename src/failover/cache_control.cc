#include "failover/cache_control.h"

#include <cctype>
#include <string>

namespace livekit::internal {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::chrono::seconds ParseMaxAge(std::string_view cache_control) {
  // A year is far beyond any sensible region list lifetime; it also bounds the arithmetic.
  constexpr long long kMaxSeconds = 365LL * 24 * 3600;
  while (!cache_control.empty()) {
    auto comma = cache_control.find(',');
    std::string_view directive = Trim(cache_control.substr(0, comma));
    cache_control = comma == std::string_view::npos ? std::string_view() : cache_control.substr(comma + 1);
    if (!StartsWithNoCase(directive, "max-age=")) continue;
    std::string_view value = directive.substr(8);
    if (value.empty()) return std::chrono::seconds(0);
    long long secs = 0;
    for (char c : value) {
      if (c < '0' || c > '9') return std::chrono::seconds(0);
      secs = secs * 10 + (c - '0');
      if (secs > kMaxSeconds) secs = kMaxSeconds;
    }
    return std::chrono::seconds(secs);
  }
  return std::chrono::seconds(0);
}

}  // namespace livekit::internal
