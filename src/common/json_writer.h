#pragma once
// Appending JSON values to a string: the payload of every token is written this way, which
// is several times faster than building a DOM and serialising it (see bench/auth).

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace livekit::internal {

/// Appends `s` as a JSON string (quotes included, RFC 8259 escapes). Invalid UTF-8 is
/// replaced by U+FFFD; returns false when that happened.
bool AppendJsonString(std::string* out, std::string_view s);

/// Appends an integer.
inline void AppendJsonInt(std::string* out, std::int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, res.ptr);
}

}  // namespace livekit::internal
