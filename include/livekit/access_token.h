#pragma once
/// @file
/// AccessToken: mints HS256 JWTs that LiveKit servers accept.

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "livekit/grants.h"
#include "livekit/result.h"

namespace livekit {

/// Builds and signs one access token. Not thread-safe to mutate; make one per token.
///
///     livekit::VideoGrant grant;
///     grant.room_join = true;
///     grant.room = "r1";
///     livekit::AccessToken t;                       // key/secret from LIVEKIT_API_KEY/SECRET
///     t.set_identity("alice").set_video_grant(grant);
///     std::string jwt = t.ToJwt().value();
class AccessToken {
 public:
  /// Default time to live of a token: 6 hours.
  static constexpr std::chrono::seconds kDefaultTtl{6 * 3600};

  /// Key and secret from LIVEKIT_API_KEY / LIVEKIT_API_SECRET.
  AccessToken();
  /// Key and secret given; an empty one falls back to the environment variable.
  AccessToken(std::string api_key, std::string api_secret);

  /// `sub`: the participant identity; required when the video grant has room_join.
  AccessToken& set_identity(std::string identity);
  /// `name`: the participant display name.
  AccessToken& set_name(std::string name);
  /// `metadata`: participant metadata (any string, often JSON).
  AccessToken& set_metadata(std::string metadata);
  /// `attributes`: participant attributes; replaces any set before.
  AccessToken& set_attributes(std::map<std::string, std::string> attributes);
  /// `kind`: participant kind, e.g. "agent" or "standard".
  AccessToken& set_kind(std::string kind);
  /// `kindDetails`: lower-case ParticipantInfo.KindDetail names, e.g. {"cloud_agent"};
  /// replaces any set before.
  AccessToken& set_kind_details(std::vector<std::string> kind_details);
  /// `sha256`: standard base64 SHA-256 of a webhook body (see WebhookReceiver).
  AccessToken& set_sha256(std::string sha256_base64);
  /// `roomPreset`: name of a room preset.
  AccessToken& set_room_preset(std::string preset);
  /// `roomConfig`: the room configuration, written as proto3 JSON.
  AccessToken& set_room_config(livekit::RoomConfiguration config);
  /// `video`: the video grant; only its members that are set are written.
  AccessToken& set_video_grant(VideoGrant grant);
  /// `sip`: the SIP grant.
  AccessToken& set_sip_grant(SipGrant grant);
  /// `agent`: the agent grant (not written when no member is true).
  AccessToken& set_agent_grant(AgentGrant grant);
  /// `inference`: the inference grant.
  AccessToken& set_inference_grant(InferenceGrant grant);
  /// `observability`: the observability grant.
  AccessToken& set_observability_grant(ObservabilityGrant grant);
  /// Time to live from the moment of signing (default kDefaultTtl).
  AccessToken& set_ttl(std::chrono::seconds ttl);

  /// The claims set so far (iss is the API key; nbf/exp are set only at signing).
  const Claims& claims() const noexcept { return claims_; }

  /// Signs the token (nbf: now, exp: now + ttl, iss: the API key). Errors
  /// (kInvalidArgument): no key or secret, roomJoin without identity, a ttl that is not
  /// positive or puts the expiry past 2^53 - 1 seconds (the largest integer JSON readers
  /// hold exactly), a claim that is not valid UTF-8.
  Result<std::string> ToJwt() const;

 private:
  std::string api_key_;
  std::string api_secret_;
  std::chrono::seconds ttl_ = kDefaultTtl;
  Claims claims_;
};

}  // namespace livekit
