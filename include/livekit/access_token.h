#pragma once
/// @file
/// AccessToken: mints HS256 JWTs that LiveKit servers accept.

#include <chrono>
#include <string>

#include "livekit/grants.h"
#include "livekit/result.h"

namespace livekit {

/// Builds and signs one access token. Not thread-safe to mutate; make one per token.
///
///     livekit::AccessToken t;                       // key/secret from LIVEKIT_API_KEY/SECRET
///     t.set_identity("alice").set_video_grant({.room_join = true, .room = "r1"});
///     std::string jwt = t.ToJwt().value();
class AccessToken {
 public:
  /// Default time to live of a token: 6 hours.
  static constexpr std::chrono::seconds kDefaultTtl{6 * 3600};

  /// Key and secret from LIVEKIT_API_KEY / LIVEKIT_API_SECRET.
  AccessToken();
  /// Key and secret given; an empty one falls back to the environment variable.
  AccessToken(std::string api_key, std::string api_secret);

  AccessToken& set_identity(std::string identity);
  AccessToken& set_name(std::string name);
  AccessToken& set_metadata(std::string metadata);
  AccessToken& set_attributes(std::map<std::string, std::string> attributes);
  AccessToken& set_kind(std::string kind);
  AccessToken& set_sha256(std::string sha256_base64);
  AccessToken& set_room_preset(std::string preset);
  AccessToken& set_room_config(livekit::RoomConfiguration config);
  AccessToken& set_video_grant(VideoGrant grant);
  AccessToken& set_sip_grant(SipGrant grant);
  AccessToken& set_inference_grant(InferenceGrant grant);
  AccessToken& set_observability_grant(ObservabilityGrant grant);
  /// Time to live from the moment of signing (default kDefaultTtl).
  AccessToken& set_ttl(std::chrono::seconds ttl);

  const Claims& claims() const noexcept { return claims_; }

  /// Signs the token. Errors (kInvalidArgument): no key or secret, roomJoin without
  /// identity, non-positive ttl.
  Result<std::string> ToJwt() const;

 private:
  std::string api_key_;
  std::string api_secret_;
  std::chrono::seconds ttl_ = kDefaultTtl;
  Claims claims_;
};

}  // namespace livekit
