#pragma once
// HS256 tokens the fuzz targets sign themselves, so that fuzzed claims and bodies get past the
// signature check. The secret is a fixed fuzz-only string, never a real one.

#include <string>
#include <string_view>

#include "auth/hmac_sha256.h"
#include "common/base64.h"
#include "fuzz_check.h"

namespace livekit::fuzz {

inline constexpr char kApiKey[] = "APIfuzzKey";
inline constexpr char kApiSecret[] = "fuzz-only-secret-not-a-real-one-0123456789";
inline constexpr std::string_view kJwtHeader = R"({"alg":"HS256","typ":"JWT"})";

/// base64url(header).base64url(payload).base64url(HMAC-SHA256 with kApiSecret).
inline std::string SignToken(std::string_view header_json, std::string_view payload_json) {
  static const internal::HmacSha256 key(kApiSecret);
  std::string token = internal::Base64UrlEncode(header_json);
  token += '.';
  token += internal::Base64UrlEncode(payload_json);
  internal::Sha256Digest mac;
  FUZZ_CHECK(key.Sign(token, &mac));
  token += '.';
  token += internal::Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  return token;
}

}  // namespace livekit::fuzz
