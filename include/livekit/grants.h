#pragma once
/// @file
/// The claims of a LiveKit access token: video, SIP, inference and observability grants.
/// Every member is optional: an absent member is not written to the token, because the
/// server reads some absent permissions (canPublish, canSubscribe, canPublishData) as allowed.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "livekit_room.pb.h"

namespace livekit {

/// The `video` grant. Plain value type; safe to copy between threads.
struct VideoGrant {
  std::optional<bool> room_create;
  std::optional<bool> room_join;
  std::optional<bool> room_list;
  std::optional<bool> room_record;
  std::optional<bool> room_admin;
  std::optional<std::string> room;
  std::optional<bool> ingress_admin;
  std::optional<bool> can_publish;
  /// Sources a participant may publish: "camera", "microphone", "screen_share", "screen_share_audio".
  std::optional<std::vector<std::string>> can_publish_sources;
  std::optional<bool> can_subscribe;
  std::optional<bool> can_publish_data;
  std::optional<bool> can_update_own_metadata;
  std::optional<bool> hidden;
  std::optional<bool> recorder;
  std::optional<bool> agent;
  std::optional<bool> can_subscribe_metrics;
  std::optional<bool> can_manage_agent_session;
  std::optional<std::string> destination_room;

  bool operator==(const VideoGrant&) const;
  bool operator!=(const VideoGrant& o) const { return !(*this == o); }
};

/// The `sip` grant.
struct SipGrant {
  std::optional<bool> admin;
  std::optional<bool> call;
  bool operator==(const SipGrant& o) const { return admin == o.admin && call == o.call; }
  bool operator!=(const SipGrant& o) const { return !(*this == o); }
};

/// The `inference` grant.
struct InferenceGrant {
  std::optional<bool> perform;
  bool operator==(const InferenceGrant& o) const { return perform == o.perform; }
  bool operator!=(const InferenceGrant& o) const { return !(*this == o); }
};

/// The `observability` grant.
struct ObservabilityGrant {
  std::optional<bool> write;
  bool operator==(const ObservabilityGrant& o) const { return write == o.write; }
  bool operator!=(const ObservabilityGrant& o) const { return !(*this == o); }
};

/// Everything a token carries besides its signature.
struct Claims {
  std::string issuer;                  ///< `iss`: the API key
  std::string identity;                ///< `sub`
  std::optional<std::int64_t> not_before;  ///< `nbf`, seconds since the epoch
  std::optional<std::int64_t> expires_at;  ///< `exp`, seconds since the epoch
  std::optional<std::string> name;
  std::optional<std::string> metadata;
  std::map<std::string, std::string> attributes;
  std::optional<std::string> kind;     ///< participant kind, e.g. "agent"
  std::optional<std::string> sha256;   ///< base64 SHA-256 of a webhook body
  std::optional<std::string> room_preset;
  std::optional<livekit::RoomConfiguration> room_config;
  std::optional<VideoGrant> video;
  std::optional<SipGrant> sip;
  std::optional<InferenceGrant> inference;
  std::optional<ObservabilityGrant> observability;

  /// The claims as the JSON object a JWT payload holds (camelCase keys, absent members omitted).
  std::string ToJson() const;
};

}  // namespace livekit
