#include "livekit/access_token.h"

#include <ctime>

#include "auth/claims_json.h"
#include "auth/env_credentials.h"
#include "auth/hmac_sha256.h"
#include "auth/jwt.h"

namespace livekit {

AccessToken::AccessToken() : AccessToken(std::string(), std::string()) {}

AccessToken::AccessToken(std::string api_key, std::string api_secret)
    : api_key_(internal::ValueOrEnv(std::move(api_key), "LIVEKIT_API_KEY")),
      api_secret_(internal::ValueOrEnv(std::move(api_secret), "LIVEKIT_API_SECRET")) {
  claims_.issuer = api_key_;
}

AccessToken& AccessToken::set_identity(std::string identity) { claims_.identity = std::move(identity); return *this; }
AccessToken& AccessToken::set_name(std::string name) { claims_.name = std::move(name); return *this; }
AccessToken& AccessToken::set_metadata(std::string metadata) { claims_.metadata = std::move(metadata); return *this; }
AccessToken& AccessToken::set_attributes(std::map<std::string, std::string> attributes) {
  claims_.attributes = std::move(attributes);
  return *this;
}
AccessToken& AccessToken::set_kind(std::string kind) { claims_.kind = std::move(kind); return *this; }
AccessToken& AccessToken::set_kind_details(std::vector<std::string> kind_details) {
  claims_.kind_details = std::move(kind_details);
  return *this;
}
AccessToken& AccessToken::set_sha256(std::string sha256_base64) { claims_.sha256 = std::move(sha256_base64); return *this; }
AccessToken& AccessToken::set_room_preset(std::string preset) { claims_.room_preset = std::move(preset); return *this; }
AccessToken& AccessToken::set_room_config(livekit::RoomConfiguration config) {
  claims_.room_config = std::move(config);
  return *this;
}
AccessToken& AccessToken::set_video_grant(VideoGrant grant) { claims_.video = std::move(grant); return *this; }
AccessToken& AccessToken::set_sip_grant(SipGrant grant) { claims_.sip = grant; return *this; }
AccessToken& AccessToken::set_agent_grant(AgentGrant grant) { claims_.agent = grant; return *this; }
AccessToken& AccessToken::set_inference_grant(InferenceGrant grant) { claims_.inference = grant; return *this; }
AccessToken& AccessToken::set_observability_grant(ObservabilityGrant grant) {
  claims_.observability = grant;
  return *this;
}
AccessToken& AccessToken::set_ttl(std::chrono::seconds ttl) { ttl_ = ttl; return *this; }

Result<std::string> AccessToken::ToJwt() const {
  if (api_key_.empty() || api_secret_.empty()) {
    return Error(ErrorCode::kInvalidArgument,
                 "API key and secret are required: pass them or set LIVEKIT_API_KEY and LIVEKIT_API_SECRET");
  }
  if (ttl_.count() <= 0) return Error(ErrorCode::kInvalidArgument, "token ttl must be positive");
  if (claims_.identity.empty() && claims_.video && claims_.video->room_join.value_or(false)) {
    return Error(ErrorCode::kInvalidArgument, "identity is required when the video grant has roomJoin");
  }
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  // exp = now + ttl must neither overflow nor leave the integers a JSON reader holds exactly
  // (2^53 - 1: JavaScript's, which LiveKit's clients and Node servers use).
  constexpr std::int64_t kMaxExactJsonInteger = (std::int64_t{1} << 53) - 1;
  if (ttl_.count() > kMaxExactJsonInteger - now) {
    return Error(ErrorCode::kInvalidArgument, "token ttl is too long: the expiry would not be a readable time");
  }
  std::string payload;
  payload.reserve(256);
  if (!internal::AppendClaimsJson(claims_, api_key_, now, now + static_cast<std::int64_t>(ttl_.count()), &payload)) {
    return Error(ErrorCode::kInvalidArgument, "a claim is not valid UTF-8 (JSON needs UTF-8 text)");
  }
  const internal::HmacSha256 key(api_secret_);
  return internal::SignJwt(payload, key);
}

}  // namespace livekit
