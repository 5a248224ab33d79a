// The SHA256_* functions are deprecated in OpenSSL 3 in favour of EVP, but remain supported
// and are the only allocation-free way to reuse a precomputed HMAC key state.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "auth/hmac_sha256.h"

#include <openssl/crypto.h>

#include <cstring>

namespace livekit::internal {
namespace {
constexpr std::size_t kBlockSize = SHA256_CBLOCK;
}  // namespace

bool Sha256(std::string_view bytes, Sha256Digest* out) {
  return SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out->data()) != nullptr;
}

HmacSha256::HmacSha256(std::string_view key) {
  unsigned char block[kBlockSize] = {};
  if (key.size() > kBlockSize) {
    Sha256Digest hashed;
    if (!Sha256(key, &hashed)) return;
    std::memcpy(block, hashed.data(), hashed.size());
  } else if (!key.empty()) {
    std::memcpy(block, key.data(), key.size());
  }
  unsigned char pad[kBlockSize];
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = block[i] ^ 0x36;
  ok_ = SHA256_Init(&inner_) == 1 && SHA256_Update(&inner_, pad, kBlockSize) == 1;
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = block[i] ^ 0x5c;
  ok_ = ok_ && SHA256_Init(&outer_) == 1 && SHA256_Update(&outer_, pad, kBlockSize) == 1;
  OPENSSL_cleanse(block, sizeof(block));
  OPENSSL_cleanse(pad, sizeof(pad));
}

HmacSha256::~HmacSha256() {
  OPENSSL_cleanse(&inner_, sizeof(inner_));
  OPENSSL_cleanse(&outer_, sizeof(outer_));
}

bool HmacSha256::Sign(std::string_view message, Sha256Digest* out) const {
  if (!ok_) return false;
  SHA256_CTX ctx = inner_;
  Sha256Digest inner_hash;
  bool ok = SHA256_Update(&ctx, message.data(), message.size()) == 1 && SHA256_Final(inner_hash.data(), &ctx) == 1;
  ctx = outer_;
  ok = ok && SHA256_Update(&ctx, inner_hash.data(), inner_hash.size()) == 1 && SHA256_Final(out->data(), &ctx) == 1;
  OPENSSL_cleanse(&ctx, sizeof(ctx));
  OPENSSL_cleanse(inner_hash.data(), inner_hash.size());
  return ok;
}

}  // namespace livekit::internal
