#include "services/call_token.h"

#include "livekit/access_token.h"

namespace livekit::internal {

CallGrants GrantsForCall(const MethodInfo& method, const RequestFacts& request) {
  const RequiredGrant& g = method.grant;
  CallGrants out;
  VideoGrant video;
  bool any_video = false;
  auto set = [&any_video](std::optional<bool>& member, bool needed) {
    if (!needed) return;
    member = true;
    any_video = true;
  };
  set(video.room_create, g.room_create);
  set(video.room_list, g.room_list);
  set(video.room_record, g.room_record);
  set(video.room_admin, g.room_admin);
  set(video.ingress_admin, g.ingress_admin);
  if (g.room_scoped) {
    if (!request.room.empty()) video.room = request.room;
  }
  if (g.dest_scoped) {
    if (!request.destination_room.empty()) video.destination_room = request.destination_room;
  }
  if (any_video) out.video = std::move(video);
  if (g.sip_admin || g.sip_call) {
    SipGrant sip;
    if (g.sip_admin) sip.admin = true;
    if (g.sip_call) sip.call = true;
    out.sip = sip;
  }
  if (g.agent_admin || g.simulation_admin || g.database_admin) {
    AgentGrant agent;
    agent.admin = g.agent_admin;
    agent.simulation_admin = g.simulation_admin;
    agent.database_admin = g.database_admin;
    out.agent = agent;
  }
  return out;
}

Result<std::string> SignCallToken(const MethodInfo& method, const RequestFacts& request,
                                  const std::string& api_key, const std::string& api_secret) {
  AccessToken token(api_key, api_secret);
  token.set_ttl(kCallTokenTtl);
  CallGrants grants = GrantsForCall(method, request);
  if (grants.video) token.set_video_grant(std::move(*grants.video));
  if (grants.sip) token.set_sip_grant(*grants.sip);
  if (grants.agent) token.set_agent_grant(*grants.agent);
  return token.ToJwt();
}

}  // namespace livekit::internal
