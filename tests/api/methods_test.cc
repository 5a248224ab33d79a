// Every one of the 58 methods against lk-mock-server, in both encodings and all three call
// forms: the populated response decodes field for field, and each call passes the mock's
// permission check with the least grant the SDK signs (no skipAuth).
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <vector>

#include "livekit/access_token.h"
#include "livekit/livekit_api.h"
#include "method_case.h"
#include "services/request_facts.h"
#include "support/mock_credentials.h"

namespace livekit::test {
namespace {

bool SameFacts(const internal::RequestFacts& x, const internal::RequestFacts& y) {
  return x.room == y.room && x.destination_room == y.destination_room &&
         x.wait_until_answered == y.wait_until_answered && x.ringing_timeout == y.ringing_timeout;
}

#define LK_CASE(client, Name, Req, Resp)                                                    \
  LK_METHOD_CASE(client, Name, Req, Resp,                                                    \
                 if (!SameFacts(internal::FactsOf(req), internal::FactsByReflection(req))) { \
                   return "request facts differ";                                            \
                 })

const std::vector<MethodCase>& AllCases() {
  static const std::vector<MethodCase> cases = {
    LK_CASE(room, CreateRoom, CreateRoomRequest, Room),
    LK_CASE(room, ListRooms, ListRoomsRequest, ListRoomsResponse),
    LK_CASE(room, DeleteRoom, DeleteRoomRequest, DeleteRoomResponse),
    LK_CASE(room, ListParticipants, ListParticipantsRequest, ListParticipantsResponse),
    LK_CASE(room, GetParticipant, RoomParticipantIdentity, ParticipantInfo),
    LK_CASE(room, RemoveParticipant, RoomParticipantIdentity, RemoveParticipantResponse),
    LK_CASE(room, MutePublishedTrack, MuteRoomTrackRequest, MuteRoomTrackResponse),
    LK_CASE(room, UpdateParticipant, UpdateParticipantRequest, ParticipantInfo),
    LK_CASE(room, UpdateSubscriptions, UpdateSubscriptionsRequest, UpdateSubscriptionsResponse),
    LK_CASE(room, SendData, SendDataRequest, SendDataResponse),
    LK_CASE(room, UpdateRoomMetadata, UpdateRoomMetadataRequest, Room),
    LK_CASE(room, ForwardParticipant, ForwardParticipantRequest, ForwardParticipantResponse),
    LK_CASE(room, MoveParticipant, MoveParticipantRequest, MoveParticipantResponse),
    LK_CASE(room, PerformRpc, PerformRpcRequest, PerformRpcResponse),
    LK_CASE(egress, StartEgress, StartEgressRequest, EgressInfo),
    LK_CASE(egress, StartRoomCompositeEgress, RoomCompositeEgressRequest, EgressInfo),
    LK_CASE(egress, StartWebEgress, WebEgressRequest, EgressInfo),
    LK_CASE(egress, StartParticipantEgress, ParticipantEgressRequest, EgressInfo),
    LK_CASE(egress, StartTrackCompositeEgress, TrackCompositeEgressRequest, EgressInfo),
    LK_CASE(egress, StartTrackEgress, TrackEgressRequest, EgressInfo),
    LK_CASE(egress, UpdateLayout, UpdateLayoutRequest, EgressInfo),
    LK_CASE(egress, UpdateStream, UpdateStreamRequest, EgressInfo),
    LK_CASE(egress, ListEgress, ListEgressRequest, ListEgressResponse),
    LK_CASE(egress, StopEgress, StopEgressRequest, EgressInfo),
    LK_CASE(ingress, CreateIngress, CreateIngressRequest, IngressInfo),
    LK_CASE(ingress, UpdateIngress, UpdateIngressRequest, IngressInfo),
    LK_CASE(ingress, ListIngress, ListIngressRequest, ListIngressResponse),
    LK_CASE(ingress, DeleteIngress, DeleteIngressRequest, IngressInfo),
    LK_CASE(sip, ListSIPTrunk, ListSIPTrunkRequest, ListSIPTrunkResponse),
    LK_CASE(sip, CreateSIPInboundTrunk, CreateSIPInboundTrunkRequest, SIPInboundTrunkInfo),
    LK_CASE(sip, CreateSIPOutboundTrunk, CreateSIPOutboundTrunkRequest, SIPOutboundTrunkInfo),
    LK_CASE(sip, UpdateSIPInboundTrunk, UpdateSIPInboundTrunkRequest, SIPInboundTrunkInfo),
    LK_CASE(sip, UpdateSIPOutboundTrunk, UpdateSIPOutboundTrunkRequest, SIPOutboundTrunkInfo),
    LK_CASE(sip, GetSIPInboundTrunk, GetSIPInboundTrunkRequest, GetSIPInboundTrunkResponse),
    LK_CASE(sip, GetSIPOutboundTrunk, GetSIPOutboundTrunkRequest, GetSIPOutboundTrunkResponse),
    LK_CASE(sip, ListSIPInboundTrunk, ListSIPInboundTrunkRequest, ListSIPInboundTrunkResponse),
    LK_CASE(sip, ListSIPOutboundTrunk, ListSIPOutboundTrunkRequest, ListSIPOutboundTrunkResponse),
    LK_CASE(sip, DeleteSIPTrunk, DeleteSIPTrunkRequest, SIPTrunkInfo),
    LK_CASE(sip, CreateSIPDispatchRule, CreateSIPDispatchRuleRequest, SIPDispatchRuleInfo),
    LK_CASE(sip, UpdateSIPDispatchRule, UpdateSIPDispatchRuleRequest, SIPDispatchRuleInfo),
    LK_CASE(sip, ListSIPDispatchRule, ListSIPDispatchRuleRequest, ListSIPDispatchRuleResponse),
    LK_CASE(sip, DeleteSIPDispatchRule, DeleteSIPDispatchRuleRequest, SIPDispatchRuleInfo),
    LK_CASE(sip, CreateSIPParticipant, CreateSIPParticipantRequest, SIPParticipantInfo),
    LK_CASE(sip, TransferSIPParticipant, TransferSIPParticipantRequest, TransferSIPParticipantResponse),
    LK_CASE(agent_dispatch, CreateDispatch, CreateAgentDispatchRequest, AgentDispatch),
    LK_CASE(agent_dispatch, DeleteDispatch, DeleteAgentDispatchRequest, AgentDispatch),
    LK_CASE(agent_dispatch, ListDispatch, ListAgentDispatchRequest, ListAgentDispatchResponse),
    LK_CASE(connector, DialWhatsAppCall, DialWhatsAppCallRequest, DialWhatsAppCallResponse),
    LK_CASE(connector, DisconnectWhatsAppCall, DisconnectWhatsAppCallRequest, DisconnectWhatsAppCallResponse),
    LK_CASE(connector, ConnectWhatsAppCall, ConnectWhatsAppCallRequest, ConnectWhatsAppCallResponse),
    LK_CASE(connector, AcceptWhatsAppCall, AcceptWhatsAppCallRequest, AcceptWhatsAppCallResponse),
    LK_CASE(connector, ConnectTwilioCall, ConnectTwilioCallRequest, ConnectTwilioCallResponse),
    LK_CASE(phone_number, SearchPhoneNumbers, SearchPhoneNumbersRequest, SearchPhoneNumbersResponse),
    LK_CASE(phone_number, PurchasePhoneNumber, PurchasePhoneNumberRequest, PurchasePhoneNumberResponse),
    LK_CASE(phone_number, ListPhoneNumbers, ListPhoneNumbersRequest, ListPhoneNumbersResponse),
    LK_CASE(phone_number, GetPhoneNumber, GetPhoneNumberRequest, GetPhoneNumberResponse),
    LK_CASE(phone_number, UpdatePhoneNumber, UpdatePhoneNumberRequest, UpdatePhoneNumberResponse),
    LK_CASE(phone_number, ReleasePhoneNumbers, ReleasePhoneNumbersRequest, ReleasePhoneNumbersResponse),
  };
  return cases;
}

void RunAll(Encoding encoding, Form form) {
  MockServerProcess mock;
  // delayMs 0: the two dialing methods would otherwise ring for 11 s, as a real phone does.
  ClientOptions options = MockOptions(mock, R"({"delayMs":0})");
  options.encoding = encoding;
  auto api = LiveKitAPI::Create(options);
  ASSERT_TRUE(api.ok()) << api.error().ToString();
  ASSERT_EQ(AllCases().size(), 58u);
  for (const auto& c : AllCases()) {
    EXPECT_EQ(c.run(*api, form), "") << c.name;
  }
}

TEST(ApiMethods, AllProtobufBlocking) { RunAll(Encoding::kProtobuf, Form::kBlocking); }
TEST(ApiMethods, AllJsonFuture) { RunAll(Encoding::kJson, Form::kFuture); }
TEST(ApiMethods, AllProtobufCallback) { RunAll(Encoding::kProtobuf, Form::kCallback); }
TEST(ApiMethods, AllJsonBlocking) { RunAll(Encoding::kJson, Form::kBlocking); }

TEST(ApiMethods, EchoAndMockIdsConcretely) {
  MockServerProcess mock;
  RoomServiceClient rooms(MockOptions(mock));
  auto room = rooms.CreateRoom("r1");
  ASSERT_TRUE(room.ok()) << room.error().ToString();
  EXPECT_EQ(room->name(), "r1");
  EXPECT_EQ(room->sid(), "MOCK_SID");
  EgressClient egress(MockOptions(mock));
  auto stopped = egress.StopEgress("EG_1");
  ASSERT_TRUE(stopped.ok()) << stopped.error().ToString();
  EXPECT_EQ(stopped->egress_id(), "EG_1");
  auto listed = rooms.ListParticipants("r1");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].sid(), "MOCK_SID");
}

TEST(ApiMethods, ControlHeaderResponseReplacesDefault) {
  MockServerProcess mock;
  for (Encoding enc : {Encoding::kProtobuf, Encoding::kJson}) {
    ClientOptions o = MockOptions(mock, R"({"response":{"rooms":[{"name":"a","numParticipants":3},{"name":"b"}]}})");
    o.encoding = enc;
    RoomServiceClient rooms(o);
    auto listed = rooms.ListRooms();
    ASSERT_TRUE(listed.ok()) << listed.error().ToString();
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ((*listed)[0].name(), "a");
    EXPECT_EQ((*listed)[0].num_participants(), 3u);
    EXPECT_EQ((*listed)[1].name(), "b");
  }
}

TEST(ApiMethods, TheCheckerCatchesAnUnpopulatedAnswer) {
  MockServerProcess mock;
  // An empty replacement answer: every MOCK_ id and list is missing, and the check must say so.
  auto api = LiveKitAPI::Create(MockOptions(mock, R"({"delayMs":0,"response":{}})"));
  ASSERT_TRUE(api.ok());
  int caught = 0;
  for (const auto& c : AllCases()) {
    std::string mismatch = c.run(*api, Form::kBlocking);
    EXPECT_EQ(mismatch.find("call failed"), std::string::npos) << c.name << ": " << mismatch;
    if (!mismatch.empty()) ++caught;
  }
  EXPECT_GE(caught, 40);
}

TEST(ApiMethods, WrongGrantIsRejected) {
  MockServerProcess mock;
  // A pre-signed token with roomList only: fine for ListRooms, refused for CreateRoom.
  AccessToken t("devkey", "secret");
  VideoGrant g;
  g.room_list = true;
  t.set_video_grant(g);
  ClientOptions o;
  o.url = mock.url();
  o.token = t.ToJwt().value();
  RoomServiceClient rooms(o);
  EXPECT_TRUE(rooms.ListRooms().ok());
  auto created = rooms.CreateRoom("x");
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code(), ErrorCode::kServerRejection);
  EXPECT_EQ(created.error().http_status(), 403);
  EXPECT_EQ(created.error().twirp_code(), "permission_denied");

  // A room-scoped grant for another room is refused too.
  AccessToken other("devkey", "secret");
  VideoGrant admin;
  admin.room_admin = true;
  admin.room = "other";
  other.set_video_grant(admin);
  o.token = other.ToJwt().value();
  RoomServiceClient scoped(o);
  EXPECT_TRUE(scoped.ListParticipants("other").ok());
  auto wrong_room = scoped.ListParticipants("mine");
  ASSERT_FALSE(wrong_room.ok());
  EXPECT_EQ(wrong_room.error().http_status(), 403);

  // A wrong secret: unauthenticated.
  ClientOptions bad = MockOptions(mock);
  bad.api_secret = "not-the-secret";
  auto r = RoomServiceClient(bad).ListRooms();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status(), 401);
  EXPECT_EQ(r.error().twirp_code(), "unauthenticated");
}

}  // namespace
}  // namespace livekit::test
