#include "services/method_table.h"

#include <array>

namespace livekit::internal {
namespace {

constexpr RequiredGrant kRoomCreate{true, false, false, false, false, false, false, false, false};
constexpr RequiredGrant kRoomList{false, true, false, false, false, false, false, false, false};
constexpr RequiredGrant kRoomRecord{false, false, true, false, false, false, false, false, false};
constexpr RequiredGrant kRoomAdmin{false, false, false, true, false, false, false, true, false};
constexpr RequiredGrant kRoomAdminDest{false, false, false, true, false, false, false, true, true};
constexpr RequiredGrant kIngressAdmin{false, false, false, false, true, false, false, false, false};
constexpr RequiredGrant kSipAdmin{false, false, false, false, false, true, false, false, false};
constexpr RequiredGrant kSipCall{false, false, false, false, false, false, true, false, false};
constexpr RequiredGrant kSipCallRoomAdmin{false, false, false, true, false, false, true, true, false};

constexpr MethodKind R = MethodKind::kRead;
constexpr MethodKind W = MethodKind::kIdempotentWrite;
constexpr MethodKind S = MethodKind::kSideEffect;

#define LK_M(svc, m, req, resp, grant, kind) \
  MethodInfo { svc, #m, "livekit." req, "livekit." resp, grant, kind, TimeoutRule::kDefault }
#define LK_D(svc, m, req, resp, grant, kind, rule) \
  MethodInfo { svc, #m, "livekit." req, "livekit." resp, grant, kind, rule }

constexpr std::array kMethods = {
    // CreateRoom returns the existing room when it exists: safe to replay.
    LK_M("RoomService", CreateRoom, "CreateRoomRequest", "Room", kRoomCreate, W),
    LK_M("RoomService", ListRooms, "ListRoomsRequest", "ListRoomsResponse", kRoomList, R),
    LK_M("RoomService", DeleteRoom, "DeleteRoomRequest", "DeleteRoomResponse", kRoomCreate, W),
    LK_M("RoomService", ListParticipants, "ListParticipantsRequest", "ListParticipantsResponse", kRoomAdmin, R),
    LK_M("RoomService", GetParticipant, "RoomParticipantIdentity", "ParticipantInfo", kRoomAdmin, R),
    LK_M("RoomService", RemoveParticipant, "RoomParticipantIdentity", "RemoveParticipantResponse", kRoomAdmin, W),
    LK_M("RoomService", MutePublishedTrack, "MuteRoomTrackRequest", "MuteRoomTrackResponse", kRoomAdmin, W),
    LK_M("RoomService", UpdateParticipant, "UpdateParticipantRequest", "ParticipantInfo", kRoomAdmin, W),
    LK_M("RoomService", UpdateSubscriptions, "UpdateSubscriptionsRequest", "UpdateSubscriptionsResponse", kRoomAdmin, W),
    LK_M("RoomService", SendData, "SendDataRequest", "SendDataResponse", kRoomAdmin, S),
    LK_M("RoomService", UpdateRoomMetadata, "UpdateRoomMetadataRequest", "Room", kRoomAdmin, W),
    LK_M("RoomService", ForwardParticipant, "ForwardParticipantRequest", "ForwardParticipantResponse", kRoomAdminDest, S),
    LK_M("RoomService", MoveParticipant, "MoveParticipantRequest", "MoveParticipantResponse", kRoomAdminDest, S),
    LK_M("RoomService", PerformRpc, "PerformRpcRequest", "PerformRpcResponse", kRoomAdmin, S),

    LK_M("Egress", StartEgress, "StartEgressRequest", "EgressInfo", kRoomRecord, S),
    LK_M("Egress", StartRoomCompositeEgress, "RoomCompositeEgressRequest", "EgressInfo", kRoomRecord, S),
    LK_M("Egress", StartWebEgress, "WebEgressRequest", "EgressInfo", kRoomRecord, S),
    LK_M("Egress", StartParticipantEgress, "ParticipantEgressRequest", "EgressInfo", kRoomRecord, S),
    LK_M("Egress", StartTrackCompositeEgress, "TrackCompositeEgressRequest", "EgressInfo", kRoomRecord, S),
    LK_M("Egress", StartTrackEgress, "TrackEgressRequest", "EgressInfo", kRoomRecord, S),
    LK_M("Egress", UpdateLayout, "UpdateLayoutRequest", "EgressInfo", kRoomRecord, W),
    LK_M("Egress", UpdateStream, "UpdateStreamRequest", "EgressInfo", kRoomRecord, W),
    LK_M("Egress", ListEgress, "ListEgressRequest", "ListEgressResponse", kRoomRecord, R),
    LK_M("Egress", StopEgress, "StopEgressRequest", "EgressInfo", kRoomRecord, W),

    LK_M("Ingress", CreateIngress, "CreateIngressRequest", "IngressInfo", kIngressAdmin, S),
    LK_M("Ingress", UpdateIngress, "UpdateIngressRequest", "IngressInfo", kIngressAdmin, W),
    LK_M("Ingress", ListIngress, "ListIngressRequest", "ListIngressResponse", kIngressAdmin, R),
    LK_M("Ingress", DeleteIngress, "DeleteIngressRequest", "IngressInfo", kIngressAdmin, W),

    LK_M("SIP", ListSIPTrunk, "ListSIPTrunkRequest", "ListSIPTrunkResponse", kSipAdmin, R),
    LK_M("SIP", CreateSIPInboundTrunk, "CreateSIPInboundTrunkRequest", "SIPInboundTrunkInfo", kSipAdmin, S),
    LK_M("SIP", CreateSIPOutboundTrunk, "CreateSIPOutboundTrunkRequest", "SIPOutboundTrunkInfo", kSipAdmin, S),
    LK_M("SIP", UpdateSIPInboundTrunk, "UpdateSIPInboundTrunkRequest", "SIPInboundTrunkInfo", kSipAdmin, W),
    LK_M("SIP", UpdateSIPOutboundTrunk, "UpdateSIPOutboundTrunkRequest", "SIPOutboundTrunkInfo", kSipAdmin, W),
    LK_M("SIP", GetSIPInboundTrunk, "GetSIPInboundTrunkRequest", "GetSIPInboundTrunkResponse", kSipAdmin, R),
    LK_M("SIP", GetSIPOutboundTrunk, "GetSIPOutboundTrunkRequest", "GetSIPOutboundTrunkResponse", kSipAdmin, R),
    LK_M("SIP", ListSIPInboundTrunk, "ListSIPInboundTrunkRequest", "ListSIPInboundTrunkResponse", kSipAdmin, R),
    LK_M("SIP", ListSIPOutboundTrunk, "ListSIPOutboundTrunkRequest", "ListSIPOutboundTrunkResponse", kSipAdmin, R),
    LK_M("SIP", DeleteSIPTrunk, "DeleteSIPTrunkRequest", "SIPTrunkInfo", kSipAdmin, W),
    LK_M("SIP", CreateSIPDispatchRule, "CreateSIPDispatchRuleRequest", "SIPDispatchRuleInfo", kSipAdmin, S),
    LK_M("SIP", UpdateSIPDispatchRule, "UpdateSIPDispatchRuleRequest", "SIPDispatchRuleInfo", kSipAdmin, W),
    LK_M("SIP", ListSIPDispatchRule, "ListSIPDispatchRuleRequest", "ListSIPDispatchRuleResponse", kSipAdmin, R),
    LK_M("SIP", DeleteSIPDispatchRule, "DeleteSIPDispatchRuleRequest", "SIPDispatchRuleInfo", kSipAdmin, W),
    LK_D("SIP", CreateSIPParticipant, "CreateSIPParticipantRequest", "SIPParticipantInfo", kSipCall, S,
         TimeoutRule::kDialingIfWaitAnswered),
    LK_D("SIP", TransferSIPParticipant, "TransferSIPParticipantRequest", "TransferSIPParticipantResponse",
         kSipCallRoomAdmin, S, TimeoutRule::kDialing),

    LK_M("AgentDispatchService", CreateDispatch, "CreateAgentDispatchRequest", "AgentDispatch", kRoomAdmin, S),
    LK_M("AgentDispatchService", DeleteDispatch, "DeleteAgentDispatchRequest", "AgentDispatch", kRoomAdmin, W),
    LK_M("AgentDispatchService", ListDispatch, "ListAgentDispatchRequest", "ListAgentDispatchResponse", kRoomAdmin, R),

    LK_M("Connector", DialWhatsAppCall, "DialWhatsAppCallRequest", "DialWhatsAppCallResponse", kRoomCreate, S),
    LK_M("Connector", DisconnectWhatsAppCall, "DisconnectWhatsAppCallRequest", "DisconnectWhatsAppCallResponse",
         kRoomCreate, S),
    LK_M("Connector", ConnectWhatsAppCall, "ConnectWhatsAppCallRequest", "ConnectWhatsAppCallResponse", kRoomCreate, S),
    LK_D("Connector", AcceptWhatsAppCall, "AcceptWhatsAppCallRequest", "AcceptWhatsAppCallResponse", kRoomCreate, S,
         TimeoutRule::kDialing),
    LK_M("Connector", ConnectTwilioCall, "ConnectTwilioCallRequest", "ConnectTwilioCallResponse", kRoomCreate, S),

    LK_M("PhoneNumberService", SearchPhoneNumbers, "SearchPhoneNumbersRequest", "SearchPhoneNumbersResponse", kSipAdmin, R),
    LK_M("PhoneNumberService", PurchasePhoneNumber, "PurchasePhoneNumberRequest", "PurchasePhoneNumberResponse",
         kSipAdmin, S),
    LK_M("PhoneNumberService", ListPhoneNumbers, "ListPhoneNumbersRequest", "ListPhoneNumbersResponse", kSipAdmin, R),
    LK_M("PhoneNumberService", GetPhoneNumber, "GetPhoneNumberRequest", "GetPhoneNumberResponse", kSipAdmin, R),
    LK_M("PhoneNumberService", UpdatePhoneNumber, "UpdatePhoneNumberRequest", "UpdatePhoneNumberResponse", kSipAdmin, W),
    LK_M("PhoneNumberService", ReleasePhoneNumbers, "ReleasePhoneNumbersRequest", "ReleasePhoneNumbersResponse",
         kSipAdmin, W),
};
#undef LK_M
#undef LK_D

static_assert(kMethods.size() == 58, "api-surface.md lists 58 methods");

}  // namespace

const MethodInfo* AllMethods(std::size_t* count) {
  *count = kMethods.size();
  return kMethods.data();
}

const MethodInfo* FindMethod(std::string_view service, std::string_view method) {
  for (const auto& m : kMethods) {
    if (m.service == service && m.method == method) return &m;
  }
  return nullptr;
}

}  // namespace livekit::internal
