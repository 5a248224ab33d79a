#include "livekit/token_verifier.h"

#include <ctime>

#include "auth/claims_json.h"
#include "auth/env_credentials.h"
#include "auth/hmac_sha256.h"
#include "auth/jwt.h"

namespace livekit {

TokenVerifier::TokenVerifier() : TokenVerifier(std::string(), std::string()) {}

TokenVerifier::TokenVerifier(std::string api_key, std::string api_secret)
    : api_key_(internal::ValueOrEnv(std::move(api_key), "LIVEKIT_API_KEY")),
      api_secret_(internal::ValueOrEnv(std::move(api_secret), "LIVEKIT_API_SECRET")) {
  if (!api_secret_.empty()) key_ = std::make_shared<const internal::HmacSha256>(api_secret_);
}

TokenVerifier& TokenVerifier::set_leeway(std::chrono::seconds leeway) {
  leeway_ = leeway;
  return *this;
}

TokenVerifier& TokenVerifier::set_now_for_testing(std::int64_t unix_seconds) {
  fixed_now_ = unix_seconds;
  return *this;
}

Result<Claims> TokenVerifier::Verify(std::string_view jwt) const {
  if (api_key_.empty() || key_ == nullptr) {
    return Error(ErrorCode::kInvalidArgument,
                 "API key and secret are required: pass them or set LIVEKIT_API_KEY and LIVEKIT_API_SECRET");
  }
  auto payload = internal::VerifyJwt(jwt, kMaxTokenBytes, *key_);
  if (!payload.ok()) return std::move(payload).error();
  auto claims = internal::ParseClaimsJson(*payload);
  if (!claims.ok()) return claims;

  if (claims->issuer != api_key_) {
    return Error(ErrorCode::kUnauthenticated, "wrong issuer: the token's iss is not this verifier's API key");
  }
  // Like the official SDKs: a token without exp would stay valid forever.
  if (!claims->expires_at) return Error(ErrorCode::kUnauthenticated, "malformed token: missing exp claim");
  const std::int64_t now = fixed_now_ != 0 ? fixed_now_ : static_cast<std::int64_t>(std::time(nullptr));
  const std::int64_t leeway = leeway_.count();
  if (*claims->expires_at <= now - leeway) {  // subtracting from now cannot overflow
    return Error(ErrorCode::kUnauthenticated,
                 "token expired: exp " + std::to_string(*claims->expires_at) + " is before now " +
                     std::to_string(now) + " (leeway " + std::to_string(leeway) + " s)");
  }
  if (claims->not_before && *claims->not_before > now + leeway) {
    return Error(ErrorCode::kUnauthenticated,
                 "token not yet valid: nbf " + std::to_string(*claims->not_before) + " is after now " +
                     std::to_string(now) + " (leeway " + std::to_string(leeway) + " s)");
  }
  return claims;
}

}  // namespace livekit
