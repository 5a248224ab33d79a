// WebhookBodySha256 (livekit/webhook_receiver.h): the body hash a webhook token's sha256
// claim holds.
#include "auth/hmac_sha256.h"
#include "common/base64.h"
#include "livekit/webhook_receiver.h"

namespace livekit {

std::string WebhookBodySha256(std::string_view body) {
  internal::Sha256Digest digest;
  if (!internal::Sha256(body, &digest)) return std::string();  // OpenSSL out of memory
  return internal::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace livekit
