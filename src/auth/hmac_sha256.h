#pragma once
// HMAC-SHA256 and SHA-256 on OpenSSL. The HMAC key schedule (the SHA-256 states after the
// inner and outer padded key) is computed once per key, so signing costs two state copies
// plus the hashing of the message only. The states are OpenSSL's plain SHA256_CTX structs:
// copying one is a memcpy, where an EVP context copy allocates (most of a token's cost).

#include <openssl/sha.h>

#include <array>
#include <string_view>

namespace livekit::internal {

using Sha256Digest = std::array<unsigned char, 32>;

/// SHA-256 of `bytes`; false only if OpenSSL fails.
bool Sha256(std::string_view bytes, Sha256Digest* out);

/// An HMAC-SHA256 key. Immutable after construction: Sign() is safe from many threads.
class HmacSha256 {
 public:
  explicit HmacSha256(std::string_view key);
  ~HmacSha256();
  HmacSha256(const HmacSha256&) = delete;
  HmacSha256& operator=(const HmacSha256&) = delete;

  /// The MAC of `message`; false only if OpenSSL fails.
  bool Sign(std::string_view message, Sha256Digest* out) const;

 private:
  SHA256_CTX inner_;  // state after absorbing key ^ ipad
  SHA256_CTX outer_;  // state after absorbing key ^ opad
  bool ok_ = false;
};

}  // namespace livekit::internal
