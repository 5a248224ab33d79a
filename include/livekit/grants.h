#pragma once
/// @file
/// The claims of a LiveKit access token: video, SIP, agent, inference and observability grants.
/// Every member is optional: an absent member is not written to the token, because the
/// server reads some absent permissions (canPublish, canSubscribe, canPublishData) as allowed.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "livekit_room.pb.h"

namespace livekit {

/// The `video` grant. Plain value type; safe to copy between threads.
struct VideoGrant {
  std::optional<bool> room_create;          ///< `roomCreate`: may create and delete rooms
  std::optional<bool> room_join;            ///< `roomJoin`: may join `room` (needs an identity)
  std::optional<bool> room_list;            ///< `roomList`: may list rooms
  std::optional<bool> room_record;          ///< `roomRecord`: may use the egress service
  std::optional<bool> room_admin;           ///< `roomAdmin`: may administer `room`
  std::optional<std::string> room;          ///< `room`: the room the grant is about
  std::optional<bool> ingress_admin;        ///< `ingressAdmin`: may use the ingress service
  std::optional<bool> can_publish;          ///< `canPublish` (absent: allowed)
  /// Sources a participant may publish: "camera", "microphone", "screen_share", "screen_share_audio".
  std::optional<std::vector<std::string>> can_publish_sources;
  std::optional<bool> can_subscribe;        ///< `canSubscribe` (absent: allowed)
  std::optional<bool> can_publish_data;     ///< `canPublishData` (absent: allowed)
  std::optional<bool> can_update_own_metadata;  ///< `canUpdateOwnMetadata`
  std::optional<bool> hidden;               ///< `hidden`: invisible to other participants
  std::optional<bool> recorder;             ///< `recorder`: a recording participant
  std::optional<bool> agent;                ///< `agent`: an agent participant
  std::optional<bool> can_subscribe_metrics;    ///< `canSubscribeMetrics`
  std::optional<bool> can_manage_agent_session;  ///< `canManageAgentSession`
  std::optional<std::string> destination_room;  ///< `destinationRoom`: target of a forward/move

  /// Member-wise equality (set members and their values).
  bool operator==(const VideoGrant&) const;
  /// Negation of operator==.
  bool operator!=(const VideoGrant& o) const { return !(*this == o); }
};

/// The `sip` grant. Plain value type; safe to copy between threads.
struct SipGrant {
  std::optional<bool> admin;  ///< `admin`: may manage SIP trunks and rules
  std::optional<bool> call;   ///< `call`: may make outbound SIP calls
  /// Member-wise equality.
  bool operator==(const SipGrant& o) const { return admin == o.admin && call == o.call; }
  /// Negation of operator==.
  bool operator!=(const SipGrant& o) const { return !(*this == o); }
};

/// The `agent` grant: management of LiveKit Cloud agents. Plain value type; safe to copy
/// between threads. A false member is not written, and a grant with no member true is not
/// written at all.
struct AgentGrant {
  bool admin = false;             ///< `admin`: may manage Cloud Agents
  bool simulation_admin = false;  ///< `simulationAdmin`: may manage simulations and scenarios
  bool database_admin = false;    ///< `databaseAdmin`: may manage AgentDB databases
  /// Member-wise equality.
  bool operator==(const AgentGrant& o) const {
    return admin == o.admin && simulation_admin == o.simulation_admin && database_admin == o.database_admin;
  }
  /// Negation of operator==.
  bool operator!=(const AgentGrant& o) const { return !(*this == o); }
};

/// The `inference` grant. Plain value type; safe to copy between threads.
struct InferenceGrant {
  std::optional<bool> perform;  ///< `perform`: may use inference
  /// Member-wise equality.
  bool operator==(const InferenceGrant& o) const { return perform == o.perform; }
  /// Negation of operator==.
  bool operator!=(const InferenceGrant& o) const { return !(*this == o); }
};

/// The `observability` grant. Plain value type; safe to copy between threads.
struct ObservabilityGrant {
  std::optional<bool> write;  ///< `write`: may write observability data
  /// Member-wise equality.
  bool operator==(const ObservabilityGrant& o) const { return write == o.write; }
  /// Negation of operator==.
  bool operator!=(const ObservabilityGrant& o) const { return !(*this == o); }
};

/// Everything a token carries besides its signature. Plain value type; safe to copy between threads.
struct Claims {
  std::string issuer;                  ///< `iss`: the API key
  std::string identity;                ///< `sub`
  std::optional<std::int64_t> not_before;  ///< `nbf`, seconds since the epoch
  std::optional<std::int64_t> expires_at;  ///< `exp`, seconds since the epoch
  std::optional<std::string> name;      ///< `name`: display name
  std::optional<std::string> metadata;  ///< `metadata`: participant metadata
  std::map<std::string, std::string> attributes;  ///< `attributes` (empty: not written)
  std::optional<std::string> kind;     ///< participant kind, e.g. "agent"
  /// `kindDetails`: lower-case ParticipantInfo.KindDetail names, e.g. "cloud_agent",
  /// "forwarded" (empty: not written). Names this SDK does not know are dropped when a
  /// token is read.
  std::vector<std::string> kind_details;
  std::optional<std::string> sha256;   ///< base64 SHA-256 of a webhook body
  std::optional<std::string> room_preset;  ///< `roomPreset`
  std::optional<livekit::RoomConfiguration> room_config;  ///< `roomConfig`, proto3 JSON in the token
  std::optional<VideoGrant> video;                   ///< `video`
  std::optional<SipGrant> sip;                       ///< `sip`
  std::optional<AgentGrant> agent;                   ///< `agent` (not written when no member is true)
  std::optional<InferenceGrant> inference;           ///< `inference`
  std::optional<ObservabilityGrant> observability;   ///< `observability`

  /// The claims as the JSON object a JWT payload holds (camelCase keys, absent members
  /// omitted; invalid UTF-8 is replaced by U+FFFD).
  std::string ToJson() const;
};

}  // namespace livekit
