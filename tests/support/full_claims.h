#pragma once
// A token with every claim and every grant member set, and a comparison that names the
// first claim that differs: shared by unit and interop tests.

#include <google/protobuf/util/message_differencer.h>

#include <string>

#include "livekit/access_token.h"
#include "livekit/grants.h"

namespace livekit::test {

inline VideoGrant FullVideoGrant() {
  VideoGrant v;
  v.room_create = true;
  v.room_join = true;
  v.room_list = false;
  v.room_record = true;
  v.room_admin = false;
  v.room = "room-é 1";
  v.ingress_admin = true;
  v.can_publish = false;
  v.can_publish_sources = std::vector<std::string>{"camera", "microphone", "screen_share", "screen_share_audio"};
  v.can_subscribe = true;
  v.can_publish_data = false;
  v.can_update_own_metadata = true;
  v.hidden = false;
  v.recorder = true;
  v.agent = false;
  v.can_subscribe_metrics = true;
  v.can_manage_agent_session = true;
  v.destination_room = "other-room";
  return v;
}

inline livekit::RoomConfiguration FullRoomConfig() {
  livekit::RoomConfiguration c;
  c.set_name("cfg-room");
  c.set_empty_timeout(30);
  c.set_departure_timeout(20);
  c.set_max_participants(7);
  c.set_metadata("{\"m\":1}");
  c.set_min_playout_delay(10);
  c.set_max_playout_delay(100);
  c.set_sync_streams(true);
  auto* agent = c.add_agents();
  agent->set_agent_name("helper");
  agent->set_metadata("agent-md");
  (*c.mutable_tags())["team"] = "blue";
  return c;
}

/// Sets every claim on `t` (identity, name, metadata, attributes, kind, kind details, sha256,
/// preset, room config and all five grants).
inline void SetFullClaims(AccessToken& t) {
  SipGrant sip;
  sip.admin = true;
  sip.call = false;
  InferenceGrant inference;
  inference.perform = true;
  ObservabilityGrant observability;
  observability.write = true;
  AgentGrant agent;
  agent.admin = true;
  agent.database_admin = true;  // simulation_admin stays false: false members are not written
  t.set_identity("alice \"the\" 1st")
      .set_name("Alice ☃")
      .set_metadata("{\"level\":3}")
      .set_attributes({{"a", "1"}, {"b", "two words"}, {"ü", ""}})
      .set_kind("agent")
      .set_kind_details({"cloud_agent", "simulation"})
      .set_sha256("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
      .set_room_preset("preset-1")
      .set_room_config(FullRoomConfig())
      .set_video_grant(FullVideoGrant())
      .set_sip_grant(sip)
      .set_agent_grant(agent)
      .set_inference_grant(inference)
      .set_observability_grant(observability);
}

/// Empty when `got` carries the same claims as `want` (ignoring iss/nbf/exp), else the
/// name of the first claim that differs.
inline std::string FirstDifference(const Claims& want, const Claims& got) {
  if (want.identity != got.identity) return "sub";
  if (want.name != got.name) return "name";
  if (want.metadata != got.metadata) return "metadata";
  if (want.attributes != got.attributes) return "attributes";
  if (want.kind != got.kind) return "kind";
  if (want.kind_details != got.kind_details) return "kindDetails";
  if (want.sha256 != got.sha256) return "sha256";
  if (want.room_preset != got.room_preset) return "roomPreset";
  if (want.room_config.has_value() != got.room_config.has_value()) return "roomConfig (presence)";
  if (want.room_config &&
      !google::protobuf::util::MessageDifferencer::Equals(*want.room_config, *got.room_config)) {
    return "roomConfig";
  }
  if (want.video != got.video) return "video";
  if (want.sip != got.sip) return "sip";
  // An agent grant with no member true is not written, so it reads back as absent.
  if (want.agent.value_or(AgentGrant{}) != got.agent.value_or(AgentGrant{})) return "agent";
  if (want.inference != got.inference) return "inference";
  if (want.observability != got.observability) return "observability";
  return "";
}

}  // namespace livekit::test
