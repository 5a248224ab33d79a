#include "failover/cache_control.h"

#include <string>

#include "common/text.h"

namespace livekit::internal {

std::chrono::seconds ParseMaxAge(std::string_view cache_control) {
  // A year is far beyond any sensible region list lifetime; it also bounds the arithmetic.
  constexpr long long kMaxSeconds = 365LL * 24 * 3600;
  while (!cache_control.empty()) {
    auto comma = cache_control.find(',');
    std::string_view directive = TrimSpace(cache_control.substr(0, comma));
    cache_control = comma == std::string_view::npos ? std::string_view() : cache_control.substr(comma + 1);
    if (!StartsWithIgnoreCase(directive, "max-age=")) continue;
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
