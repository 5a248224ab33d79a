#pragma once
// Builds tokens by hand (any header, any payload text, any key) for tests of bad input.

#include <string>
#include <string_view>

#include "auth/hmac_sha256.h"
#include "common/base64.h"

namespace livekit::test {

/// header.payload.signature with each part given as raw text, signed with HS256 over the
/// first two base64url segments using `secret`.
inline std::string Forge(std::string_view header_json, std::string_view payload_json, std::string_view secret) {
  std::string signing_input =
      internal::Base64UrlEncode(header_json) + "." + internal::Base64UrlEncode(payload_json);
  internal::HmacSha256 key(secret);
  internal::Sha256Digest mac;
  key.Sign(signing_input, &mac);
  return signing_input + "." +
         internal::Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

/// Signs already-encoded segments ("<h>.<p>") as they are, even if they are not base64url.
inline std::string SignRaw(const std::string& signing_input, std::string_view secret) {
  internal::HmacSha256 key(secret);
  internal::Sha256Digest mac;
  key.Sign(signing_input, &mac);
  return signing_input + "." +
         internal::Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

}  // namespace livekit::test
