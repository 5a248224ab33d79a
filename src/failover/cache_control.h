#pragma once
// Cache-Control parsing for the region list cache (failover.md A6).

#include <chrono>
#include <string_view>

namespace livekit::internal {

/// The `max-age` of a Cache-Control value: directive name case-insensitive, no spaces around
/// `=`, decimal digits only. Absent, zero, negative or unparseable: 0 ("do not cache").
/// Other directives, `s-maxage` included, are ignored.
std::chrono::seconds ParseMaxAge(std::string_view cache_control);

}  // namespace livekit::internal
