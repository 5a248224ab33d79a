// Fuzzes token verification (TokenVerifier::Verify: JWT form, header, signature, claims).
// The first byte picks a mode:
//   even: the rest is the token itself (reaches everything up to the signature check);
//   odd:  the rest is "header JSON\npayload JSON" (or only a payload JSON), which the fuzzer
//         encodes and signs with the verifier's secret, so the claims parser is reached too.
// Invariants: errors are kUnauthenticated and never quote the secret or the signature; valid
// claims survive a write/sign/verify round trip unchanged.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "livekit/token_verifier.h"
#include "signed_token.h"

namespace {

using livekit::fuzz::kApiKey;
using livekit::fuzz::kApiSecret;
using livekit::fuzz::kJwtHeader;
using livekit::fuzz::SignToken;
constexpr std::int64_t kNow = 1700000000;  // fixed: exp/nbf checks are deterministic

// `text` with every ASCII letter and digit moved one place on in its range (z to a, 9 to 0);
// every other byte, dots included, stays, so the token keeps its shape.
std::string Rotated(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = c == 'z' ? 'a' : static_cast<char>(c + 1);
    else if (c >= 'A' && c <= 'Z') c = c == 'Z' ? 'A' : static_cast<char>(c + 1);
    else if (c >= '0' && c <= '9') c = c == '9' ? '0' : static_cast<char>(c + 1);
  }
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const livekit::TokenVerifier verifier = [] {
    livekit::TokenVerifier v(kApiKey, kApiSecret);
    v.set_now_for_testing(kNow);
    return v;
  }();
  const std::string_view rest = livekit::fuzz::AsText(data + 1, size - 1);

  std::string token;
  if (data[0] % 2 == 0) {
    token.assign(rest);
  } else {
    std::string_view header;
    const std::string_view payload = livekit::fuzz::SplitFirstLine(rest, &header);
    token = SignToken(header.empty() ? kJwtHeader : header, payload);
  }

  const auto claims = verifier.Verify(token);
  if (claims.ok()) {
    FUZZ_CHECK(claims->issuer == kApiKey);
    FUZZ_CHECK(claims->expires_at.has_value() && *claims->expires_at > kNow - 10);
    FUZZ_CHECK(!claims->not_before || *claims->not_before <= kNow + 10);
    // What we read, we write back the same way: re-signing the claims verifies to equal claims.
    const std::string json = claims->ToJson();
    const auto again = verifier.Verify(SignToken(kJwtHeader, json));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->ToJson() == json);
  } else {
    const std::string& message = claims.error().message();
    FUZZ_CHECK(claims.error().code() == livekit::ErrorCode::kUnauthenticated);
    FUZZ_CHECK(message.find(kApiSecret) == std::string::npos);
    // The message never quotes the signature. A long last segment found in the message may
    // still be the message's own words (a token ending ".ed 3 dot-separated segments," meets
    // "expected 3 dot-separated segments"): then the same token with that segment's letters
    // and digits rotated must give a message that still holds the original text.
    const std::size_t dot = token.rfind('.');
    if (dot != std::string::npos && token.size() - dot > 16) {
      const std::string signature = token.substr(dot + 1);
      if (message.find(signature) != std::string::npos) {
        const auto other = verifier.Verify(token.substr(0, dot + 1) + Rotated(signature));
        FUZZ_CHECK(!other.ok() && other.error().message().find(signature) != std::string::npos);
      }
    }
  }
  return 0;
}
