// The natural ways to call the convenience overloads compile and pick the expected form: a
// trailing CallOptions after the required arguments, `{}` for "no filter", brace lists of
// names. Checked at compile time (a form that stops compiling fails the build of this test).
#include <gtest/gtest.h>

#include <type_traits>
#include <utility>

#include "livekit/livekit_api.h"

namespace livekit::call_forms {

// Declared, never defined nor called: only the types of calls on them are used.
const RoomServiceClient& Rooms();
const EgressClient& Egress();
const SipClient& Sip();
const AgentDispatchClient& Dispatch();
const CallOptions& Opts();

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

TEST(CallForms, CompileAsDocumented) { SUCCEED() << "checked by the static_asserts of this file"; }

}  // namespace
}  // namespace livekit::call_forms
