#include "method_grants.h"

#include <initializer_list>

namespace livekit::mock {
namespace {

// One method of a group: its name and message types (without the "livekit." package).
struct Signature {
  std::string_view method;
  std::string_view request;
  std::string_view response;
};

// A group of the test server's table: one grant for the listed methods of one service.
void AddGroup(std::vector<ApiMethod>* all, std::string_view service, const Grant& grant,
              std::initializer_list<Signature> methods) {
  for (const auto& s : methods) {
    all->push_back(ApiMethod{service, s.method, s.request, s.response, grant, Ringing::kNever});
  }
}

// A grant that needs exactly `members`, e.g. Needs({&Grant::room_admin, &Grant::room}).
Grant Needs(std::initializer_list<bool Grant::*> members) {
  Grant g;
  for (bool Grant::*m : members) g.*m = true;
  return g;
}

std::vector<ApiMethod> Build() {
  std::vector<ApiMethod> all;
  // video.roomCreate: CreateRoom, DeleteRoom and every Connector method.
  AddGroup(&all, "RoomService", Needs({&Grant::room_create}),
           {{"CreateRoom", "livekit.CreateRoomRequest", "livekit.Room"},
            {"DeleteRoom", "livekit.DeleteRoomRequest", "livekit.DeleteRoomResponse"}});
  AddGroup(&all, "Connector", Needs({&Grant::room_create}),
           {{"DialWhatsAppCall", "livekit.DialWhatsAppCallRequest", "livekit.DialWhatsAppCallResponse"},
            {"DisconnectWhatsAppCall", "livekit.DisconnectWhatsAppCallRequest",
             "livekit.DisconnectWhatsAppCallResponse"},
            {"ConnectWhatsAppCall", "livekit.ConnectWhatsAppCallRequest", "livekit.ConnectWhatsAppCallResponse"},
            {"AcceptWhatsAppCall", "livekit.AcceptWhatsAppCallRequest", "livekit.AcceptWhatsAppCallResponse"},
            {"ConnectTwilioCall", "livekit.ConnectTwilioCallRequest", "livekit.ConnectTwilioCallResponse"}});

  // video.roomList: ListRooms.
  AddGroup(&all, "RoomService", Needs({&Grant::room_list}),
           {{"ListRooms", "livekit.ListRoomsRequest", "livekit.ListRoomsResponse"}});

  // video.roomRecord: every Egress method.
  AddGroup(&all, "Egress", Needs({&Grant::room_record}),
           {{"StartEgress", "livekit.StartEgressRequest", "livekit.EgressInfo"},
            {"StartRoomCompositeEgress", "livekit.RoomCompositeEgressRequest", "livekit.EgressInfo"},
            {"StartWebEgress", "livekit.WebEgressRequest", "livekit.EgressInfo"},
            {"StartParticipantEgress", "livekit.ParticipantEgressRequest", "livekit.EgressInfo"},
            {"StartTrackCompositeEgress", "livekit.TrackCompositeEgressRequest", "livekit.EgressInfo"},
            {"StartTrackEgress", "livekit.TrackEgressRequest", "livekit.EgressInfo"},
            {"UpdateLayout", "livekit.UpdateLayoutRequest", "livekit.EgressInfo"},
            {"UpdateStream", "livekit.UpdateStreamRequest", "livekit.EgressInfo"},
            {"ListEgress", "livekit.ListEgressRequest", "livekit.ListEgressResponse"},
            {"StopEgress", "livekit.StopEgressRequest", "livekit.EgressInfo"}});

  // video.ingressAdmin: every Ingress method.
  AddGroup(&all, "Ingress", Needs({&Grant::ingress_admin}),
           {{"CreateIngress", "livekit.CreateIngressRequest", "livekit.IngressInfo"},
            {"UpdateIngress", "livekit.UpdateIngressRequest", "livekit.IngressInfo"},
            {"ListIngress", "livekit.ListIngressRequest", "livekit.ListIngressResponse"},
            {"DeleteIngress", "livekit.DeleteIngressRequest", "livekit.IngressInfo"}});

  // video.roomAdmin + room: the room's participant, data, metadata and RPC methods, and every
  // AgentDispatchService method.
  AddGroup(&all, "RoomService", Needs({&Grant::room_admin, &Grant::room}),
           {{"ListParticipants", "livekit.ListParticipantsRequest", "livekit.ListParticipantsResponse"},
            {"GetParticipant", "livekit.RoomParticipantIdentity", "livekit.ParticipantInfo"},
            {"RemoveParticipant", "livekit.RoomParticipantIdentity", "livekit.RemoveParticipantResponse"},
            {"MutePublishedTrack", "livekit.MuteRoomTrackRequest", "livekit.MuteRoomTrackResponse"},
            {"UpdateParticipant", "livekit.UpdateParticipantRequest", "livekit.ParticipantInfo"},
            {"UpdateSubscriptions", "livekit.UpdateSubscriptionsRequest", "livekit.UpdateSubscriptionsResponse"},
            {"SendData", "livekit.SendDataRequest", "livekit.SendDataResponse"},
            {"UpdateRoomMetadata", "livekit.UpdateRoomMetadataRequest", "livekit.Room"},
            {"PerformRpc", "livekit.PerformRpcRequest", "livekit.PerformRpcResponse"}});
  AddGroup(&all, "AgentDispatchService", Needs({&Grant::room_admin, &Grant::room}),
           {{"CreateDispatch", "livekit.CreateAgentDispatchRequest", "livekit.AgentDispatch"},
            {"DeleteDispatch", "livekit.DeleteAgentDispatchRequest", "livekit.AgentDispatch"},
            {"ListDispatch", "livekit.ListAgentDispatchRequest", "livekit.ListAgentDispatchResponse"}});

  // video.roomAdmin + room + dest: the two methods that take a participant to another room.
  AddGroup(&all, "RoomService", Needs({&Grant::room_admin, &Grant::room, &Grant::destination_room}),
           {{"ForwardParticipant", "livekit.ForwardParticipantRequest", "livekit.ForwardParticipantResponse"},
            {"MoveParticipant", "livekit.MoveParticipantRequest", "livekit.MoveParticipantResponse"}});

  // sip.admin: SIP trunk and dispatch-rule methods, and every PhoneNumberService method.
  AddGroup(&all, "SIP", Needs({&Grant::sip_admin}),
           {{"ListSIPTrunk", "livekit.ListSIPTrunkRequest", "livekit.ListSIPTrunkResponse"},
            {"CreateSIPInboundTrunk", "livekit.CreateSIPInboundTrunkRequest", "livekit.SIPInboundTrunkInfo"},
            {"CreateSIPOutboundTrunk", "livekit.CreateSIPOutboundTrunkRequest", "livekit.SIPOutboundTrunkInfo"},
            {"UpdateSIPInboundTrunk", "livekit.UpdateSIPInboundTrunkRequest", "livekit.SIPInboundTrunkInfo"},
            {"UpdateSIPOutboundTrunk", "livekit.UpdateSIPOutboundTrunkRequest", "livekit.SIPOutboundTrunkInfo"},
            {"GetSIPInboundTrunk", "livekit.GetSIPInboundTrunkRequest", "livekit.GetSIPInboundTrunkResponse"},
            {"GetSIPOutboundTrunk", "livekit.GetSIPOutboundTrunkRequest", "livekit.GetSIPOutboundTrunkResponse"},
            {"ListSIPInboundTrunk", "livekit.ListSIPInboundTrunkRequest", "livekit.ListSIPInboundTrunkResponse"},
            {"ListSIPOutboundTrunk", "livekit.ListSIPOutboundTrunkRequest", "livekit.ListSIPOutboundTrunkResponse"},
            {"DeleteSIPTrunk", "livekit.DeleteSIPTrunkRequest", "livekit.SIPTrunkInfo"},
            {"CreateSIPDispatchRule", "livekit.CreateSIPDispatchRuleRequest", "livekit.SIPDispatchRuleInfo"},
            {"UpdateSIPDispatchRule", "livekit.UpdateSIPDispatchRuleRequest", "livekit.SIPDispatchRuleInfo"},
            {"ListSIPDispatchRule", "livekit.ListSIPDispatchRuleRequest", "livekit.ListSIPDispatchRuleResponse"},
            {"DeleteSIPDispatchRule", "livekit.DeleteSIPDispatchRuleRequest", "livekit.SIPDispatchRuleInfo"}});
  AddGroup(&all, "PhoneNumberService", Needs({&Grant::sip_admin}),
           {{"SearchPhoneNumbers", "livekit.SearchPhoneNumbersRequest", "livekit.SearchPhoneNumbersResponse"},
            {"PurchasePhoneNumber", "livekit.PurchasePhoneNumberRequest", "livekit.PurchasePhoneNumberResponse"},
            {"ListPhoneNumbers", "livekit.ListPhoneNumbersRequest", "livekit.ListPhoneNumbersResponse"},
            {"GetPhoneNumber", "livekit.GetPhoneNumberRequest", "livekit.GetPhoneNumberResponse"},
            {"UpdatePhoneNumber", "livekit.UpdatePhoneNumberRequest", "livekit.UpdatePhoneNumberResponse"},
            {"ReleasePhoneNumbers", "livekit.ReleasePhoneNumbersRequest", "livekit.ReleasePhoneNumbersResponse"}});

  // sip.call: CreateSIPParticipant; TransferSIPParticipant also needs video.roomAdmin + room.
  // Both wait for a phone: the transfer always, the dial only with wait_until_answered.
  AddGroup(&all, "SIP", Needs({&Grant::sip_call}),
           {{"CreateSIPParticipant", "livekit.CreateSIPParticipantRequest", "livekit.SIPParticipantInfo"}});
  all.back().ringing = Ringing::kIfWaitUntilAnswered;
  AddGroup(&all, "SIP", Needs({&Grant::sip_call, &Grant::room_admin, &Grant::room}),
           {{"TransferSIPParticipant", "livekit.TransferSIPParticipantRequest",
             "livekit.TransferSIPParticipantResponse"}});
  all.back().ringing = Ringing::kAlways;

  // LiveKit Cloud's agent services, on the agents host; each service needs one member of the
  // token's `agent` claim (the Cloud's grant rules; the test server does not serve them).
  const std::size_t first_agent_method = all.size();
  // agent.admin: every CloudAgent method.
  AddGroup(&all, "CloudAgent", Needs({&Grant::agent_admin}),
           {{"CreateAgent", "livekit.CreateAgentRequest", "livekit.CreateAgentResponse"},
            {"CreateAgentV2", "livekit.CreateAgentV2Request", "livekit.CreateAgentV2Response"},
            {"PromoteAgent", "livekit.PromoteAgentRequest", "livekit.PromoteAgentResponse"},
            {"ListAgents", "livekit.ListAgentsRequest", "livekit.ListAgentsResponse"},
            {"ListAgentVersions", "livekit.ListAgentVersionsRequest", "livekit.ListAgentVersionsResponse"},
            {"ListAgentSecrets", "livekit.ListAgentSecretsRequest", "livekit.ListAgentSecretsResponse"},
            {"UpdateAgent", "livekit.UpdateAgentRequest", "livekit.UpdateAgentResponse"},
            {"RestartAgent", "livekit.RestartAgentRequest", "livekit.RestartAgentResponse"},
            {"DeployAgent", "livekit.DeployAgentRequest", "livekit.DeployAgentResponse"},
            {"DeployAgentV2", "livekit.DeployAgentV2Request", "livekit.DeployAgentV2Response"},
            {"UpdateAgentSecrets", "livekit.UpdateAgentSecretsRequest", "livekit.UpdateAgentSecretsResponse"},
            {"RollbackAgent", "livekit.RollbackAgentRequest", "livekit.RollbackAgentResponse"},
            {"DeleteAgent", "livekit.DeleteAgentRequest", "livekit.DeleteAgentResponse"},
            {"CreatePrivateLink", "livekit.CreatePrivateLinkRequest", "livekit.CreatePrivateLinkResponse"},
            {"DestroyPrivateLink", "livekit.DestroyPrivateLinkRequest", "livekit.DestroyPrivateLinkResponse"},
            {"ListPrivateLinks", "livekit.ListPrivateLinksRequest", "livekit.ListPrivateLinksResponse"},
            {"GetPrivateLinkStatus", "livekit.GetPrivateLinkStatusRequest", "livekit.GetPrivateLinkStatusResponse"},
            {"GetClientSettings", "livekit.ClientSettingsRequest", "livekit.ClientSettingsResponse"}});
  // agent.simulationAdmin: every AgentSimulation method.
  AddGroup(&all, "AgentSimulation", Needs({&Grant::agent_simulation_admin}),
           {{"CreateSimulationRun", "livekit.SimulationRun.Create.Request", "livekit.SimulationRun.Create.Response"},
            {"ConfirmSimulationSourceUpload", "livekit.SimulationRun.ConfirmSourceUpload.Request",
             "livekit.SimulationRun.ConfirmSourceUpload.Response"},
            {"GetSimulationRun", "livekit.SimulationRun.Get.Request", "livekit.SimulationRun.Get.Response"},
            {"ListSimulationRuns", "livekit.SimulationRun.List.Request", "livekit.SimulationRun.List.Response"},
            {"CountSimulationRuns", "livekit.SimulationRun.Counts.Request", "livekit.SimulationRun.Counts.Response"},
            {"CancelSimulationRun", "livekit.SimulationRun.Cancel.Request", "livekit.SimulationRun.Cancel.Response"},
            {"CreateScenarioFromSession", "livekit.Scenario.CreateFromSession.Request",
             "livekit.Scenario.CreateFromSession.Response"}});
  // agent.databaseAdmin: every AgentDBService method.
  AddGroup(&all, "AgentDBService", Needs({&Grant::agent_database_admin}),
           {{"CreateDatabase", "livekit.AgentDB.CreateRequest", "livekit.AgentDB.CreateResponse"},
            {"GetDatabase", "livekit.AgentDB.GetRequest", "livekit.AgentDB.AgentDatabase"},
            {"ListDatabases", "livekit.AgentDB.ListRequest", "livekit.AgentDB.ListResponse"},
            {"DeleteDatabase", "livekit.AgentDB.DeleteRequest", "livekit.AgentDB.DeleteResponse"},
            {"DumpDatabase", "livekit.AgentDB.DumpRequest", "livekit.AgentDB.DumpResponse"}});
  for (std::size_t i = first_agent_method; i < all.size(); ++i) {
    if (all[i].service == "CloudAgent") all[i].host = Host::kAgents;
  }
  return all;
}

}  // namespace

const std::vector<ApiMethod>& ApiMethods() {
  static const std::vector<ApiMethod> all = Build();
  return all;
}

const ApiMethod* FindApiMethod(std::string_view service, std::string_view method) {
  for (const auto& m : ApiMethods()) {
    if (m.service == service && m.method == method) return &m;
  }
  return nullptr;
}

}  // namespace livekit::mock
