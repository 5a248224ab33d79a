// Populated responses (the four rules), both encodings, proto3 JSON reading rules, unknown
// methods, and the natural latency of the dialing methods.

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "livekit_egress.pb.h"
#include "livekit_room.pb.h"
#include "livekit_sip.pb.h"
#include "support/mock_server_process.h"
#include "support/mock_credentials.h"
#include "support/proto_json.h"

namespace livekit::test {
namespace {

class ResponsesTest : public ::testing::Test {
 protected:
  HttpResult Call(const std::string& service, const std::string& method, const std::string& body, bool json,
                  const std::string& control = R"({"skipAuth":true})", long timeout_ms = 10000) {
    return Twirp(server_.url(0), service, method, body, json, {"X-Lk-Mock: " + control}, timeout_ms);
  }
  // Calls `method` with `request` in JSON: the answer must be 200 and decode into `response`.
  void CallJson(const std::string& service, const std::string& method, const google::protobuf::Message& request,
                google::protobuf::Message* response) {
    const HttpResult r = Call(service, method, ToJson(request), true);
    ASSERT_EQ(r.status, 200);
    ASSERT_TRUE(FromJson(r.body, response));
  }
  MockServerProcess server_{4};
};

TEST_F(ResponsesTest, CreateRoomEchoesScalarsAndMocksIds) {
  CreateRoomRequest req;
  req.set_name("r1");
  req.set_empty_timeout(30);
  req.set_max_participants(7);
  req.set_metadata("meta");
  for (bool json : {true, false}) {
    const HttpResult r = Call("RoomService", "CreateRoom", json ? ToJson(req) : req.SerializeAsString(), json);
    ASSERT_EQ(r.status, 200);
    Room room;
    ASSERT_TRUE(json ? FromJson(r.body, &room) : room.ParseFromString(r.body));
    EXPECT_EQ(room.name(), "r1");
    EXPECT_EQ(room.sid(), "MOCK_SID");
    EXPECT_EQ(room.empty_timeout(), 30u);
    EXPECT_EQ(room.max_participants(), 7u);
    EXPECT_EQ(room.metadata(), "meta");
    EXPECT_EQ(room.num_participants(), 0u);   // not in the request: unset
    EXPECT_FALSE(room.has_version());          // single nested message: unset
    EXPECT_EQ(room.enabled_codecs_size(), 1);  // repeated message: one element
  }
}

TEST_F(ResponsesTest, EchoWinsOverMockId) {
  StopEgressRequest req;
  req.set_egress_id("EG_1");
  EgressInfo info;
  ASSERT_NO_FATAL_FAILURE(CallJson("Egress", "StopEgress", req, &info));
  EXPECT_EQ(info.egress_id(), "EG_1");
  EXPECT_EQ(info.room_id(), "MOCK_ROOM_ID");
  EXPECT_EQ(info.status(), EgressStatus::EGRESS_STARTING);  // enums stay unset
}

TEST_F(ResponsesTest, RepeatedMessagesGetOneElementWithIdsOnly) {
  ListRoomsRequest req;
  req.add_names("r1");
  ListRoomsResponse list;
  ASSERT_NO_FATAL_FAILURE(CallJson("RoomService", "ListRooms", req, &list));
  ASSERT_EQ(list.rooms_size(), 1);
  EXPECT_EQ(list.rooms(0).sid(), "MOCK_SID");
  EXPECT_EQ(list.rooms(0).name(), "");  // no echo inside list elements
  EXPECT_EQ(list.rooms(0).enabled_codecs_size(), 0);  // no deeper lists

  ListSIPInboundTrunkResponse trunks;
  const HttpResult t = Call("SIP", "ListSIPInboundTrunk", "", false);
  ASSERT_TRUE(trunks.ParseFromString(t.body));
  ASSERT_EQ(trunks.items_size(), 1);
  EXPECT_EQ(trunks.items(0).sip_trunk_id(), "MOCK_SIP_TRUNK_ID");
}

TEST_F(ResponsesTest, JsonReaderAcceptsBothNamesAndIgnoresUnknownFields) {
  for (const char* body : {R"({"name":"r2","emptyTimeout":5,"brandNewField":{"x":1}})",
                           R"({"name":"r2","empty_timeout":5})"}) {
    const HttpResult r = Call("RoomService", "CreateRoom", body, true);
    ASSERT_EQ(r.status, 200) << body;
    Room room;
    ASSERT_TRUE(FromJson(r.body, &room));
    EXPECT_EQ(room.name(), "r2");
    EXPECT_EQ(room.empty_timeout(), 5u);
  }
  // An empty JSON body is an empty request.
  EXPECT_EQ(Call("RoomService", "ListRooms", "", true).status, 200);
}

TEST_F(ResponsesTest, MapKeysTravelUnchanged) {
  const HttpResult r = Call("RoomService", "UpdateParticipant", "{}", true,
                            R"({"skipAuth":true,"response":{"attributes":{"my_Key-1":"v"}}})");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"my_Key-1\""), std::string::npos) << r.body;
}

TEST_F(ResponsesTest, UnknownMethodsAnswerAnEmptyMessage) {
  HttpResult r = Call("RoomService", "NotAMethod", "{\"whatever\":1}", true);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{}");
  r = Call("FutureService", "Frobnicate", "\x01\x02garbage", false);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  // Still needs a valid token when permissions are checked.
  r = Call("FutureService", "Frobnicate", "{}", true, "{}");
  EXPECT_EQ(r.status, 401);
  r = Twirp(server_.url(0), "FutureService", "Frobnicate", "{}", true, {RoomListAuth()});
  EXPECT_EQ(r.status, 200);
}

TEST_F(ResponsesTest, DialingMethodsRingUnlessDelayMsSaysOtherwise) {
  // Without wait_until_answered: immediate.
  CreateSIPParticipantRequest req;
  req.set_sip_trunk_id("ST_1");
  req.set_room_name("r1");
  HttpResult r = Call("SIP", "CreateSIPParticipant", ToJson(req), true, R"({"skipAuth":true})", 5000);
  ASSERT_EQ(r.curl, CURLE_OK);
  SIPParticipantInfo info;
  ASSERT_TRUE(FromJson(r.body, &info));
  EXPECT_EQ(info.room_name(), "r1");
  EXPECT_EQ(info.participant_id(), "MOCK_PARTICIPANT_ID");

  // Waiting for an answer rings: a 1 s client gives up first...
  req.set_wait_until_answered(true);
  r = Call("SIP", "CreateSIPParticipant", ToJson(req), true, R"({"skipAuth":true})", 1000);
  EXPECT_EQ(r.curl, CURLE_OPERATION_TIMEDOUT);
  // ...unless delayMs overrides the natural latency.
  r = Call("SIP", "CreateSIPParticipant", ToJson(req), true, R"({"skipAuth":true,"delayMs":0})", 5000);
  EXPECT_EQ(r.status, 200);

  // TransferSIPParticipant always rings ~11 s, then succeeds (the suite's only long wait).
  const auto start = std::chrono::steady_clock::now();
  r = Call("SIP", "TransferSIPParticipant", R"({"room_name":"r1"})", true, R"({"skipAuth":true})", 30000);
  EXPECT_EQ(r.curl, CURLE_OK);
  EXPECT_EQ(r.status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace livekit::test
