// Failed calls against lk-mock-server: Twirp errors with codes and metadata, plain-text
// errors, SIP statuses, drops, hangs and what an Error carries (never the token).
#include <gtest/gtest.h>

#include "livekit/livekit_api.h"
#include "support/mock_credentials.h"

namespace livekit::test {
namespace {

using std::chrono::milliseconds;

TEST(ApiErrors, ClientErrorStatusesAndCodes) {
  MockServerProcess mock;
  struct Case { int status; const char* twirp; };
  for (Case c : {Case{400, "invalid_argument"}, Case{404, "not_found"}, Case{409, "already_exists"},
                 Case{429, "resource_exhausted"}}) {
    std::string control = R"({"failRegions":[0],"failStatus":)" + std::to_string(c.status) +
                          R"(,"failTwirpCode":")" + c.twirp + R"("})";
    for (Encoding enc : {Encoding::kProtobuf, Encoding::kJson}) {
      ClientOptions o = MockOptions(mock, control);
      o.encoding = enc;
      auto r = RoomServiceClient(o).ListRooms();
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), ErrorCode::kServerRejection) << c.status;
      EXPECT_EQ(r.error().http_status(), c.status);
      EXPECT_EQ(r.error().twirp_code(), c.twirp);
      EXPECT_FALSE(r.error().message().empty());
    }
  }
}

TEST(ApiErrors, ServerFailure) {
  MockServerProcess mock;
  auto r = RoomServiceClient(MockOptions(mock, R"({"failRegions":[0],"failStatus":503})")).ListRooms();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kServerFailure);
  EXPECT_EQ(r.error().http_status(), 503);
  EXPECT_EQ(r.error().twirp_code(), "unavailable");
  EXPECT_GE(r.error().attempts().size(), 1u);
}

TEST(ApiErrors, ErrorNamesMethodUrlAndRequestIdButNotTheToken) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock, R"({"failRegions":[0],"failStatus":500})");
  CallOptions co;
  co.request_id = "req-123";
  auto r = RoomServiceClient(o).DeleteRoom("r9", co);
  ASSERT_FALSE(r.ok());
  const Error& e = r.error();
  EXPECT_EQ(e.method(), "RoomService/DeleteRoom");
  EXPECT_EQ(e.url(), mock.url() + "/twirp/livekit.RoomService/DeleteRoom");
  EXPECT_EQ(e.request_id(), "req-123");
  const std::string text = e.ToString() + e.message() + e.url();
  EXPECT_EQ(text.find("Bearer"), std::string::npos);
  EXPECT_EQ(text.find("eyJ"), std::string::npos);  // no JWT
  EXPECT_EQ(text.find("secret"), std::string::npos);
}

TEST(ApiErrors, SipStatusAccessors) {
  MockServerProcess mock;
  SipClient sip(MockOptions(mock, R"({"delayMs":0,"sipStatus":{"code":486,"status":"Busy Here"}})"));
  CreateSIPParticipantRequest settings;
  settings.set_wait_until_answered(true);
  auto r = sip.CreateSIPParticipant("ST_1", "+15550100", "call-room", settings);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kServerRejection);
  EXPECT_EQ(r.error().twirp_code(), "resource_exhausted");
  EXPECT_EQ(r.error().http_status(), 429);
  EXPECT_EQ(r.error().sip_status_code(), 486);
  EXPECT_EQ(r.error().sip_status(), "Busy Here");
  EXPECT_NE(r.error().message().find("486"), std::string::npos);

  SipClient sip2(MockOptions(mock, R"({"delayMs":0,"sipStatus":{"code":603}})"));
  auto t = sip2.TransferSIPParticipant("call-room", "caller", "tel:+15550101");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().sip_status_code(), 603);
  EXPECT_EQ(t.error().twirp_code(), "permission_denied");
  EXPECT_FALSE(t.error().sip_status().empty());
}

TEST(ApiErrors, RegionPinPlainText) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock, R"({"pinnedRegions":["region-7"]})");
  o.failover.enabled = false;
  auto r = RoomServiceClient(o).ListRooms();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kRegionPinned);
  EXPECT_EQ(r.error().http_status(), 451);
  EXPECT_EQ(r.error().twirp_code(), "");
  EXPECT_NE(r.error().message().find("not allowed"), std::string::npos);
}

TEST(ApiErrors, DropIsTransport) {
  MockServerProcess mock;
  auto r = RoomServiceClient(MockOptions(mock, R"({"failRegions":[0],"failMode":"drop"})")).ListRooms();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTransport);
  EXPECT_EQ(r.error().http_status(), 0);
}

TEST(ApiErrors, HangIsTimeout) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock, R"({"failRegions":[0],"failMode":"hang"})");
  o.timeout = milliseconds(300);
  auto r = RoomServiceClient(o).ListRooms();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTimeout);
  // The per-call timeout overrides the client's.
  CallOptions co;
  co.timeout = milliseconds(200);
  auto c = RoomServiceClient(MockOptions(mock, R"({"failRegions":[0],"failMode":"hang"})")).ListRooms(ListRoomsRequest{}, co);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code(), ErrorCode::kTimeout);
}

TEST(ApiErrors, ConnectionRefusedIsTransport) {
  int port = 0;
  {
    MockServerProcess gone;
    port = gone.port();
  }  // stopped: nothing listens there now
  ClientOptions o;
  o.url = "http://127.0.0.1:" + std::to_string(port);
  o.api_key = "devkey";
  o.api_secret = "secret";
  auto r = RoomServiceClient(o).ListRooms();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTransport);
}

TEST(ApiErrors, TooLargeAnswerIsBadResponse) {
  MockServerProcess mock;
  ClientOptions o = MockOptions(mock, R"({"response":{"rooms":[{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]}})");
  o.max_response_bytes = 16;
  auto r = RoomServiceClient(o).ListRooms();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kBadResponse);
  EXPECT_NE(r.error().message().find("larger than 16 bytes"), std::string::npos);
}

TEST(ApiErrors, InvalidOptionsFailEveryCallWithoutNetwork) {
  ClientOptions o;
  o.url = "not a url";
  o.api_key = "k";
  o.api_secret = "s";
  auto api = LiveKitAPI::Create(o);
  ASSERT_FALSE(api.ok());
  EXPECT_EQ(api.error().code(), ErrorCode::kInvalidArgument);
  RoomServiceClient rooms(o);
  EXPECT_FALSE(rooms.status().ok());
  auto r = rooms.ListRooms();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  bool called = false;
  rooms.ListRoomsAsync(ListRoomsRequest{}, [&called](Result<ListRoomsResponse> x) {
    called = true;
    EXPECT_EQ(x.error().code(), ErrorCode::kInvalidArgument);
  });
  EXPECT_TRUE(called);
}

}  // namespace
}  // namespace livekit::test
