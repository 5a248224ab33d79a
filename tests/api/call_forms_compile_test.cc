// The natural ways to call the convenience overloads compile and pick the expected form: a
// trailing CallOptions after the required arguments, `{}` for "no filter", brace lists of
// names. Checked at compile time (a form that stops compiling fails the build of this test).
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "livekit/livekit_api.h"

namespace livekit::call_forms {

// Declared, never defined nor called: only the types of calls on them are used.
const RoomServiceClient& Rooms();
const EgressClient& Egress();
const SipClient& Sip();
const AgentDispatchClient& Dispatch();
const IngressClient& Ingress();
const ConnectorClient& Connector();
const PhoneNumberClient& Phones();
const CallOptions& Opts();
const std::string& Text();

namespace {

template <typename Expr, typename Expected>
constexpr bool kIs = std::is_same_v<Expr, Expected>;

// ListRooms: `{}`, a brace list, a vector or nothing, each with or without options.
static_assert(kIs<decltype(Rooms().ListRooms()), Result<std::vector<Room>>>);
static_assert(kIs<decltype(Rooms().ListRooms({})), Result<std::vector<Room>>>);
static_assert(kIs<decltype(Rooms().ListRooms({}, Opts())), Result<std::vector<Room>>>);
static_assert(kIs<decltype(Rooms().ListRooms(Opts())), Result<std::vector<Room>>>);
static_assert(kIs<decltype(Rooms().ListRooms({"a", "b"}, Opts())), Result<std::vector<Room>>>);
static_assert(kIs<decltype(Rooms().ListRooms(std::vector<std::string>{"a"}, Opts())), Result<std::vector<Room>>>);
static_assert(kIs<decltype(Rooms().ListRooms(ListRoomsRequest{}, Opts())), Result<ListRoomsResponse>>);

// Defaulted arguments may be skipped before the options, and `{}` still means the default.
static_assert(kIs<decltype(Rooms().CreateRoom("r", Opts())), Result<Room>>);
static_assert(kIs<decltype(Rooms().CreateRoom("r", {})), Result<Room>>);
static_assert(kIs<decltype(Rooms().CreateRoom("r", {}, Opts())), Result<Room>>);
static_assert(kIs<decltype(Rooms().CreateRoom(CreateRoomRequest{}, Opts())), Result<Room>>);
static_assert(kIs<decltype(Rooms().DeleteRoom("r", Opts())), Result<DeleteRoomResponse>>);
static_assert(kIs<decltype(Rooms().ListParticipants("r", Opts())), Result<std::vector<ParticipantInfo>>>);
static_assert(kIs<decltype(Rooms().SendData("r", "d", DataPacket_Kind_RELIABLE, Opts())), Result<SendDataResponse>>);
static_assert(kIs<decltype(Rooms().SendData("r", "d", DataPacket_Kind_RELIABLE, {"alice"}, Opts())),
                  Result<SendDataResponse>>);
static_assert(kIs<decltype(Egress().ListEgress("r", Opts())), Result<std::vector<EgressInfo>>>);
static_assert(kIs<decltype(Egress().ListEgress("r", true, Opts())), Result<std::vector<EgressInfo>>>);
static_assert(kIs<decltype(Egress().StopEgress("EG_1", Opts())), Result<EgressInfo>>);
static_assert(kIs<decltype(Sip().CreateSIPParticipant("ST_1", "+15105550100", "r", Opts())),
                  Result<SIPParticipantInfo>>);
static_assert(kIs<decltype(Sip().CreateSIPParticipant("ST_1", "+15105550100", "r", {}, Opts())),
                  Result<SIPParticipantInfo>>);
static_assert(kIs<decltype(Sip().TransferSIPParticipant("r", "alice", "tel:+15105550100", Opts())),
                  Result<TransferSIPParticipantResponse>>);
static_assert(kIs<decltype(Dispatch().CreateDispatch("r", "agent", Opts())), Result<AgentDispatch>>);
static_assert(kIs<decltype(Dispatch().CreateDispatch("r", "agent", "metadata", Opts())), Result<AgentDispatch>>);

// The calls a user writes first, on every client: a string picks the convenience form, `{}`
// (alone or before options) the request form with a default request, never an ambiguity.
static_assert(kIs<decltype(Rooms().ListRooms({"a", "b"})), Result<std::vector<Room>>>);
static_assert(kIs<decltype(Rooms().ListRooms(ListRoomsRequest{})), Result<ListRoomsResponse>>);
static_assert(kIs<decltype(Rooms().CreateRoom("x")), Result<Room>>);
static_assert(kIs<decltype(Rooms().CreateRoom(Text())), Result<Room>>);
static_assert(kIs<decltype(Rooms().CreateRoom({})), Result<Room>>);
static_assert(kIs<decltype(Rooms().DeleteRoom("x")), Result<DeleteRoomResponse>>);
static_assert(kIs<decltype(Rooms().DeleteRoom({})), Result<DeleteRoomResponse>>);
static_assert(kIs<decltype(Rooms().DeleteRoom({}, Opts())), Result<DeleteRoomResponse>>);
static_assert(kIs<decltype(Rooms().ListParticipants("room")), Result<std::vector<ParticipantInfo>>>);
static_assert(kIs<decltype(Rooms().ListParticipants(Text())), Result<std::vector<ParticipantInfo>>>);
static_assert(kIs<decltype(Rooms().ListParticipants({})), Result<ListParticipantsResponse>>);
static_assert(kIs<decltype(Rooms().ListParticipants({}, Opts())), Result<ListParticipantsResponse>>);
static_assert(kIs<decltype(Rooms().ListParticipants(ListParticipantsRequest{})), Result<ListParticipantsResponse>>);
static_assert(kIs<decltype(Rooms().GetParticipant("room", "alice")), Result<ParticipantInfo>>);
static_assert(kIs<decltype(Rooms().GetParticipant({})), Result<ParticipantInfo>>);
static_assert(kIs<decltype(Rooms().RemoveParticipant("room", "alice")), Result<RemoveParticipantResponse>>);
static_assert(kIs<decltype(Rooms().MutePublishedTrack("room", "alice", "TR_1", true)), Result<MuteRoomTrackResponse>>);
static_assert(kIs<decltype(Rooms().UpdateRoomMetadata("room", "m")), Result<Room>>);
static_assert(kIs<decltype(Rooms().UpdateRoomMetadata({})), Result<Room>>);
static_assert(kIs<decltype(Rooms().SendData("room", "d", DataPacket_Kind_RELIABLE)), Result<SendDataResponse>>);
static_assert(kIs<decltype(Rooms().SendData({})), Result<SendDataResponse>>);
static_assert(kIs<decltype(Rooms().UpdateParticipant({})), Result<ParticipantInfo>>);
static_assert(kIs<decltype(Rooms().ListRoomsAsync({})), std::future<Result<ListRoomsResponse>>>);
static_assert(kIs<decltype(Rooms().ListParticipantsAsync({}, std::function<void(Result<ListParticipantsResponse>)>())),
                  CallHandle>);

static_assert(kIs<decltype(Egress().ListEgress()), Result<std::vector<EgressInfo>>>);
static_assert(kIs<decltype(Egress().ListEgress(Opts())), Result<std::vector<EgressInfo>>>);
static_assert(kIs<decltype(Egress().ListEgress("room")), Result<std::vector<EgressInfo>>>);
static_assert(kIs<decltype(Egress().ListEgress({})), Result<ListEgressResponse>>);
static_assert(kIs<decltype(Egress().StopEgress("EG_1")), Result<EgressInfo>>);
static_assert(kIs<decltype(Egress().StopEgress({})), Result<EgressInfo>>);
static_assert(kIs<decltype(Egress().StartRoomCompositeEgress({})), Result<EgressInfo>>);
static_assert(kIs<decltype(Egress().UpdateLayout({})), Result<EgressInfo>>);

static_assert(kIs<decltype(Ingress().ListIngress({})), Result<ListIngressResponse>>);
static_assert(kIs<decltype(Ingress().CreateIngress({})), Result<IngressInfo>>);
static_assert(kIs<decltype(Ingress().DeleteIngress("IN_1")), Result<IngressInfo>>);
static_assert(kIs<decltype(Ingress().DeleteIngress({})), Result<IngressInfo>>);
static_assert(kIs<decltype(Ingress().DeleteIngress({}, Opts())), Result<IngressInfo>>);

static_assert(kIs<decltype(Sip().ListSIPInboundTrunk({})), Result<ListSIPInboundTrunkResponse>>);
static_assert(kIs<decltype(Sip().ListSIPOutboundTrunk({})), Result<ListSIPOutboundTrunkResponse>>);
static_assert(kIs<decltype(Sip().ListSIPDispatchRule({})), Result<ListSIPDispatchRuleResponse>>);
static_assert(kIs<decltype(Sip().DeleteSIPTrunk("ST_1")), Result<SIPTrunkInfo>>);
static_assert(kIs<decltype(Sip().DeleteSIPTrunk({})), Result<SIPTrunkInfo>>);
static_assert(kIs<decltype(Sip().DeleteSIPDispatchRule("SDR_1")), Result<SIPDispatchRuleInfo>>);
static_assert(kIs<decltype(Sip().DeleteSIPDispatchRule({})), Result<SIPDispatchRuleInfo>>);
static_assert(kIs<decltype(Sip().CreateSIPParticipant("ST_1", "+15105550100", "room")), Result<SIPParticipantInfo>>);
static_assert(kIs<decltype(Sip().CreateSIPParticipant({})), Result<SIPParticipantInfo>>);
static_assert(kIs<decltype(Sip().TransferSIPParticipant("room", "alice", "tel:+15105550100")),
                  Result<TransferSIPParticipantResponse>>);
static_assert(kIs<decltype(Sip().TransferSIPParticipant({})), Result<TransferSIPParticipantResponse>>);

static_assert(kIs<decltype(Dispatch().CreateDispatch("room", "agent")), Result<AgentDispatch>>);
static_assert(kIs<decltype(Dispatch().CreateDispatch({})), Result<AgentDispatch>>);
static_assert(kIs<decltype(Dispatch().ListDispatch("room")), Result<std::vector<AgentDispatch>>>);
static_assert(kIs<decltype(Dispatch().ListDispatch({})), Result<ListAgentDispatchResponse>>);
static_assert(kIs<decltype(Dispatch().GetDispatch("AD_1", "room")), Result<AgentDispatch>>);
static_assert(kIs<decltype(Dispatch().DeleteDispatch("AD_1", "room")), Result<AgentDispatch>>);
static_assert(kIs<decltype(Dispatch().DeleteDispatch({})), Result<AgentDispatch>>);

static_assert(kIs<decltype(Connector().DialWhatsAppCall({})), Result<DialWhatsAppCallResponse>>);
static_assert(kIs<decltype(Connector().ConnectTwilioCall({}, Opts())), Result<ConnectTwilioCallResponse>>);
static_assert(kIs<decltype(Phones().ListPhoneNumbers({})), Result<ListPhoneNumbersResponse>>);
static_assert(kIs<decltype(Phones().SearchPhoneNumbers({}, Opts())), Result<SearchPhoneNumbersResponse>>);

TEST(CallForms, CompileAsDocumented) { SUCCEED() << "checked by the static_asserts of this file"; }

}  // namespace
}  // namespace livekit::call_forms
