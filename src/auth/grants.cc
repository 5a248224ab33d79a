#include "livekit/grants.h"

#include "auth/claims_json.h"

namespace livekit {

bool VideoGrant::operator==(const VideoGrant& o) const {
  return room_create == o.room_create && room_join == o.room_join && room_list == o.room_list &&
         room_record == o.room_record && room_admin == o.room_admin && room == o.room &&
         ingress_admin == o.ingress_admin && can_publish == o.can_publish &&
         can_publish_sources == o.can_publish_sources && can_subscribe == o.can_subscribe &&
         can_publish_data == o.can_publish_data && can_update_own_metadata == o.can_update_own_metadata &&
         hidden == o.hidden && recorder == o.recorder && agent == o.agent &&
         can_subscribe_metrics == o.can_subscribe_metrics &&
         can_manage_agent_session == o.can_manage_agent_session && destination_room == o.destination_room;
}

std::string Claims::ToJson() const {
  std::string out;
  internal::AppendClaimsJson(*this, issuer, not_before, expires_at, &out);
  return out;
}

}  // namespace livekit
