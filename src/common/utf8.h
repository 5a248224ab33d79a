#pragma once
// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).

#include <cstddef>
#include <string_view>

namespace livekit::internal {

/// Length of the valid UTF-8 sequence starting at `p` (at most `left` bytes), or 0.
std::size_t Utf8SequenceLength(const unsigned char* p, std::size_t left);

/// True when all of `text` is valid UTF-8. ASCII runs are checked eight bytes at a time.
bool IsValidUtf8(std::string_view text);

}  // namespace livekit::internal
