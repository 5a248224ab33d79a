#pragma once
// The body hash a webhook's token carries (claim `sha256`), for tests that sign webhooks.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "auth/hmac_sha256.h"
#include "common/base64.h"

namespace livekit::test {

/// base64(SHA-256(body)).
inline std::string WebhookBodyHash(const std::string& body) {
  internal::Sha256Digest d;
  EXPECT_TRUE(internal::Sha256(body, &d));
  return internal::Base64Encode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

}  // namespace livekit::test
