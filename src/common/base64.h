#pragma once
// Base64 codecs a JWT needs: base64url without padding (RFC 7515 section 2) for the three
// segments, and standard padded base64 for the sha256 claim of webhook tokens.

#include <string>
#include <string_view>

namespace livekit::internal {

/// Encodes bytes as base64url without padding.
std::string Base64UrlEncode(std::string_view bytes);

/// Decodes unpadded base64url; false on any character outside the alphabet, on padding,
/// or on an impossible length. `out` is replaced.
bool Base64UrlDecode(std::string_view text, std::string* out);

/// Encodes bytes as standard base64 with '=' padding.
std::string Base64Encode(std::string_view bytes);

}  // namespace livekit::internal
