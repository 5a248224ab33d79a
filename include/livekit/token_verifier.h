#pragma once
/// @file
/// TokenVerifier: checks an access token's signature, issuer and lifetime.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "livekit/grants.h"
#include "livekit/result.h"

namespace livekit {

namespace internal {
class HmacSha256;
}  // namespace internal

/// Verifies HS256 tokens signed with one API key/secret pair. Immutable after
/// construction, so one instance is safe to share across threads.
class TokenVerifier {
 public:
  /// Default clock tolerance for exp/nbf.
  static constexpr std::chrono::seconds kDefaultLeeway{10};
  /// Tokens longer than this are refused before any parsing.
  static constexpr std::size_t kMaxTokenBytes = 64 * 1024;

  /// Key and secret from LIVEKIT_API_KEY / LIVEKIT_API_SECRET.
  TokenVerifier();
  /// Key and secret given; an empty one falls back to the environment variable.
  TokenVerifier(std::string api_key, std::string api_secret);

  /// Clock tolerance applied to exp and nbf (default kDefaultLeeway).
  TokenVerifier& set_leeway(std::chrono::seconds leeway);
  /// Overrides the clock used for exp/nbf (seconds since the epoch); for tests.
  TokenVerifier& set_now_for_testing(std::int64_t unix_seconds);

  /// The claims of a valid token, or kUnauthenticated with a message saying why
  /// (too large, malformed, unsupported algorithm, bad signature, wrong issuer, no exp,
  /// expired, not yet valid). Messages never quote the token or the secret.
  /// kInvalidArgument when this verifier has no key or secret.
  Result<Claims> Verify(std::string_view jwt) const;

 private:
  std::string api_key_;
  std::string api_secret_;
  std::chrono::seconds leeway_ = kDefaultLeeway;
  std::int64_t fixed_now_ = 0;  // 0: the system clock
  // The HMAC key schedule, computed once and shared by copies (it is immutable).
  std::shared_ptr<const internal::HmacSha256> key_;
};

}  // namespace livekit
