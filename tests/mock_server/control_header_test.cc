// Every row of the X-Lk-Mock control table, over real sockets against the real binary.

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "livekit_room.pb.h"
#include "livekit_sip.pb.h"
#include "support/mock_server_process.h"
#include "support/mock_credentials.h"
#include "support/proto_json.h"

namespace livekit::test {
namespace {

using nlohmann::json;

class ControlHeaderTest : public ::testing::Test {
 protected:
  HttpResult ListRooms(std::size_t region, const std::string& control, long timeout_ms = 10000) {
    std::vector<std::string> headers = {RoomListAuth()};
    if (!control.empty()) headers.push_back("X-Lk-Mock: " + control);
    return Twirp(server_.url(region), "RoomService", "ListRooms", "{}", true, headers, timeout_ms);
  }
  HttpResult Regions(std::size_t region, const std::vector<std::string>& headers) {
    return Http("GET", server_.url(region) + "/settings/regions", {}, headers);
  }

  MockServerProcess server_{4};
};

TEST_F(ControlHeaderTest, NoHeaderEveryRegionAnswersAndNamesItself) {
  for (std::size_t i = 0; i < 4; ++i) {
    const HttpResult r = ListRooms(i, "");
    ASSERT_EQ(r.curl, CURLE_OK);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Header("x-lk-mock-region"), std::to_string(i));
    EXPECT_EQ(r.Header("content-type"), "application/json");
  }
}

TEST_F(ControlHeaderTest, FailRegionsFailsOnlyThoseRegionsWith503Unavailable) {
  const std::string control = R"({"failRegions":[0,2]})";
  for (std::size_t i = 0; i < 4; ++i) {
    const HttpResult r = ListRooms(i, control);
    ASSERT_EQ(r.curl, CURLE_OK);
    if (i == 0 || i == 2) {
      EXPECT_EQ(r.status, 503) << i;
      EXPECT_EQ(json::parse(r.body)["code"], "unavailable");
      EXPECT_EQ(r.Header("content-type"), "application/json");
      EXPECT_TRUE(r.HasHeader("x-lk-mock-region"));
      EXPECT_EQ(r.Header("x-lk-mock-region"), "");
    } else {
      EXPECT_EQ(r.status, 200) << i;
      EXPECT_EQ(r.Header("x-lk-mock-region"), std::to_string(i));
    }
  }
}

TEST_F(ControlHeaderTest, FailStatusChoosesStatusAndTwirpCode) {
  const std::pair<int, const char*> rows[] = {{400, "invalid_argument"}, {401, "unauthenticated"},
                                              {403, "permission_denied"}, {404, "not_found"},
                                              {429, "resource_exhausted"}, {500, "unavailable"},
                                              {502, "unavailable"}, {418, "internal"}};
  for (const auto& [status, code] : rows) {
    const HttpResult r = ListRooms(0, R"({"failRegions":[0],"failStatus":)" + std::to_string(status) + "}");
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(json::parse(r.body)["code"], code) << status;
  }
  // Outside 100..599: 503.
  for (int status : {0, 99, 600, 1000}) {
    const HttpResult r = ListRooms(0, R"({"failRegions":[0],"failStatus":)" + std::to_string(status) + "}");
    EXPECT_EQ(r.status, 503) << status;
    EXPECT_EQ(json::parse(r.body)["code"], "unavailable");
  }
}

TEST_F(ControlHeaderTest, FailTwirpCodeOverridesTheCodeNotTheStatus) {
  const HttpResult r = ListRooms(1, R"({"failRegions":[1],"failStatus":500,"failTwirpCode":"not_found"})");
  EXPECT_EQ(r.status, 500);
  const json body = json::parse(r.body);
  EXPECT_EQ(body["code"], "not_found");
  EXPECT_EQ(body["msg"], "mock: not_found");
}

TEST_F(ControlHeaderTest, DropClosesWithoutAnswerOnlyInFailingRegions) {
  const std::string control = R"({"failRegions":[0],"failMode":"drop"})";
  const HttpResult dropped = ListRooms(0, control);
  EXPECT_NE(dropped.curl, CURLE_OK);
  EXPECT_EQ(dropped.status, 0);
  const HttpResult other = ListRooms(1, control);
  EXPECT_EQ(other.curl, CURLE_OK);
  EXPECT_EQ(other.status, 200);
}

TEST_F(ControlHeaderTest, HangNeverAnswersAndOthersKeepBeingServed) {
  const std::string control = R"({"failRegions":[0],"failMode":"hang"})";
  const HttpResult hung = ListRooms(0, control, 300);
  EXPECT_EQ(hung.curl, CURLE_OPERATION_TIMEDOUT);
  EXPECT_EQ(ListRooms(0, "").status, 200);
  EXPECT_EQ(ListRooms(1, control).status, 200);
}

TEST_F(ControlHeaderTest, DelayMsWaitsBeforeSuccessAndFailure) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  HttpResult r = ListRooms(0, R"({"delayMs":150})");
  EXPECT_EQ(r.status, 200);
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(150));

  start = Clock::now();
  r = ListRooms(0, R"({"delayMs":150,"failRegions":[0]})");
  EXPECT_EQ(r.status, 503);
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(150));

  // A delay longer than the client's patience: the client times out.
  r = ListRooms(0, R"({"delayMs":5000})", 200);
  EXPECT_EQ(r.curl, CURLE_OPERATION_TIMEDOUT);
}

TEST_F(ControlHeaderTest, LegacyDelayModeStallsOnlyTheFailingRegionThenFails) {
  using Clock = std::chrono::steady_clock;
  const std::string control = R"({"failRegions":[0],"failMode":"delay","delayMs":150})";
  const auto start = Clock::now();
  const HttpResult failing = ListRooms(0, control);
  EXPECT_EQ(failing.status, 503);
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(150));
  EXPECT_EQ(ListRooms(1, control).status, 200);
  // Without a delay it stalls 30 s: a short client gives up first.
  EXPECT_EQ(ListRooms(0, R"({"failRegions":[0],"failMode":"delay"})", 300).curl, CURLE_OPERATION_TIMEDOUT);
}

TEST_F(ControlHeaderTest, RegionsListsEveryRegionWithItsPortAndDistance) {
  const HttpResult r = Regions(2, {});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("cache-control"), "max-age=0");
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("x-lk-mock-region"), "2");
  const json body = json::parse(r.body);
  ASSERT_EQ(body["regions"].size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const json& region = body["regions"][i];
    EXPECT_EQ(region["region"], "region-" + std::to_string(i));
    EXPECT_EQ(region["url"], server_.url(i));
    if (i == 0) EXPECT_FALSE(region.contains("distance"));
    else EXPECT_EQ(region["distance"], std::to_string(i));  // int64: a string in proto3 JSON
  }
}

TEST_F(ControlHeaderTest, RegionsStatusAnswersWithoutBody) {
  const HttpResult r = Regions(0, {R"(X-Lk-Mock: {"regionsStatus":500})"});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, "");
  const HttpResult missing = Regions(0, {R"(X-Lk-Mock: {"regionsStatus":404})"});
  EXPECT_EQ(missing.status, 404);
  // failRegions does not touch discovery.
  EXPECT_EQ(Regions(0, {R"(X-Lk-Mock: {"failRegions":[0,1,2,3]})"}).status, 200);
}

TEST_F(ControlHeaderTest, ResponseReplacesThePopulatedDefault) {
  HttpResult r = ListRooms(0, R"({"response":{"rooms":[{"name":"custom","numParticipants":3}]}})");
  ASSERT_EQ(r.status, 200);
  ListRoomsResponse decoded;
  ASSERT_TRUE(FromJson(r.body, &decoded));
  ASSERT_EQ(decoded.rooms_size(), 1);
  EXPECT_EQ(decoded.rooms(0).name(), "custom");
  EXPECT_EQ(decoded.rooms(0).num_participants(), 3u);
  EXPECT_EQ(decoded.rooms(0).sid(), "");

  // As a string holding JSON, in protobuf encoding.
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "", false,
            {RoomListAuth(), R"(X-Lk-Mock: {"response":"{\"rooms\":[{\"sid\":\"RM_1\"}]}"})"});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/protobuf");
  ASSERT_TRUE(decoded.ParseFromString(r.body));
  ASSERT_EQ(decoded.rooms_size(), 1);
  EXPECT_EQ(decoded.rooms(0).sid(), "RM_1");

  // Malformed: the default.
  r = ListRooms(0, R"({"response":"{not json"})");
  ASSERT_EQ(r.status, 200);
  ASSERT_TRUE(FromJson(r.body, &decoded));
  ASSERT_EQ(decoded.rooms_size(), 1);
  EXPECT_EQ(decoded.rooms(0).sid(), "MOCK_SID");
}

TEST_F(ControlHeaderTest, SkipAuthSkipsPermissionChecks) {
  HttpResult r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true, {});
  EXPECT_EQ(r.status, 401);
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true, {R"(X-Lk-Mock: {"skipAuth":true})"});
  EXPECT_EQ(r.status, 200);
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true, {R"(X-Lk-Mock: {"skipAuth":false})"});
  EXPECT_EQ(r.status, 401);
}

TEST_F(ControlHeaderTest, PinnedRegionsAnswer451AndFilterTheRegionList) {
  const std::string control = R"({"pinnedRegions":["region-1","region-3"]})";
  for (std::size_t i = 0; i < 4; ++i) {
    const HttpResult r = ListRooms(i, control);
    if (i == 1 || i == 3) {
      EXPECT_EQ(r.status, 200) << i;
    } else {
      EXPECT_EQ(r.status, 451) << i;
      EXPECT_EQ(r.body, "project not allowed in this region.");
      EXPECT_EQ(r.Header("content-type").rfind("text/plain", 0), 0u);
      EXPECT_EQ(r.Header("x-lk-mock-region"), "");
    }
  }
  const HttpResult regions = Regions(0, {"X-Lk-Mock: " + control});
  ASSERT_EQ(regions.status, 200);
  const json body = json::parse(regions.body);
  ASSERT_EQ(body["regions"].size(), 2u);
  EXPECT_EQ(body["regions"][0]["region"], "region-1");
  EXPECT_EQ(body["regions"][0]["url"], server_.url(1));
  EXPECT_EQ(body["regions"][1]["region"], "region-3");
}

TEST_F(ControlHeaderTest, PinIsAnsweredWithoutDelay) {
  // The delay comes after the pin check: a 5 s delay would time this client out.
  const HttpResult r = ListRooms(0, R"({"pinnedRegions":["region-1"],"delayMs":5000})", 3000);
  EXPECT_EQ(r.curl, CURLE_OK);
  EXPECT_EQ(r.status, 451);
}

TEST_F(ControlHeaderTest, OrderPermissionsThenPinThenFailure) {
  // No token and a pinned-out, failing region: 401 first.
  HttpResult r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true,
                       {R"(X-Lk-Mock: {"pinnedRegions":["region-1"],"failRegions":[0]})"});
  EXPECT_EQ(r.status, 401);
  // With a token: the pin before the failure.
  r = ListRooms(0, R"({"pinnedRegions":["region-1"],"failRegions":[0]})");
  EXPECT_EQ(r.status, 451);
  // A malformed body is decoded first: 400 before anything else.
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "{oops", true, {R"(X-Lk-Mock: {"failRegions":[0]})"});
  EXPECT_EQ(r.status, 400);
}

TEST_F(ControlHeaderTest, LegacyHeaders) {
  const std::string auth = RoomListAuth();
  HttpResult r = Twirp(server_.url(2), "RoomService", "ListRooms", "{}", true,
                       {auth, "X-Lk-Mock-Fail-Regions: 0, 2", "X-Lk-Mock-Fail-Status: 500"});
  EXPECT_EQ(r.status, 500);
  r = Twirp(server_.url(1), "RoomService", "ListRooms", "{}", true,
            {auth, "X-Lk-Mock-Fail-Regions: 0,2", "X-Lk-Mock-Fail-Status: 500"});
  EXPECT_EQ(r.status, 200);
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true,
            {auth, "X-Lk-Mock-Fail-Regions: 0", "X-Lk-Mock-Fail-Twirp-Code: aborted"});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(json::parse(r.body)["code"], "aborted");
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true,
            {auth, "X-Lk-Mock-Fail-Regions: 0", "X-Lk-Mock-Fail-Mode: drop"});
  EXPECT_NE(r.curl, CURLE_OK);
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true, {"X-Lk-Mock-Skip-Auth: true"});
  EXPECT_EQ(r.status, 200);
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true, {auth, "X-Lk-Mock-Delay-Ms: 5000"}, 200);
  EXPECT_EQ(r.curl, CURLE_OPERATION_TIMEDOUT);
  r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true,
            {auth, R"(X-Lk-Mock-Response: {"rooms":[{"name":"legacy"}]})"});
  EXPECT_NE(r.body.find("legacy"), std::string::npos);
  r = Http("GET", server_.url(0) + "/settings/regions", {}, {"X-Lk-Mock-Regions-Status: 503"});
  EXPECT_EQ(r.status, 503);
}

TEST_F(ControlHeaderTest, XLkMockWinsFieldByField) {
  // Regions from the legacy header, status from X-Lk-Mock.
  const std::vector<std::string> headers = {RoomListAuth(), "X-Lk-Mock-Fail-Regions: 1",
                                            "X-Lk-Mock-Fail-Status: 500", R"(X-Lk-Mock: {"failStatus":502})"};
  EXPECT_EQ(Twirp(server_.url(1), "RoomService", "ListRooms", "{}", true, headers).status, 502);
  EXPECT_EQ(Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true, headers).status, 200);
  const std::vector<std::string> mode = {RoomListAuth(), "X-Lk-Mock-Fail-Regions: 1",
                                         "X-Lk-Mock-Fail-Mode: drop", R"(X-Lk-Mock: {"failMode":"status"})"};
  EXPECT_EQ(Twirp(server_.url(1), "RoomService", "ListRooms", "{}", true, mode).status, 503);
}

// As LiveKit's test server does, a control value the mock cannot read is ignored, not
// refused: the call is served as without it, and X-Lk-Mock-Ignored says what was dropped.
TEST_F(ControlHeaderTest, MalformedControlValueIsIgnoredAndReported) {
  const std::pair<const char*, const char*> rows[] = {
      {"{not json", "X-Lk-Mock: not valid JSON"},
      {"[1,2]", "X-Lk-Mock: expected a JSON object"},
      {R"({"failRegions":"0"})", "X-Lk-Mock: failRegions must be an array of region indices"},
      {R"({"failMode":"explode","failRegions":[0]})", "X-Lk-Mock: failMode must be"},
      {R"({"delayMs":-5})", "X-Lk-Mock: delayMs must be a non-negative number"},
      {R"({"skipAuth":"yes"})", "X-Lk-Mock: skipAuth must be true or false"},
      {R"({"sipStatus":486})", "X-Lk-Mock: sipStatus must be an object"}};
  for (const auto& [bad, why] : rows) {
    const HttpResult r = ListRooms(0, bad);
    ASSERT_EQ(r.curl, CURLE_OK) << bad;
    if (std::string(bad).find("failRegions\":[0]") != std::string::npos) {
      // The readable field still applies: region 0 fails, with the default status mode.
      EXPECT_EQ(r.status, 503) << bad;
    } else {
      EXPECT_EQ(r.status, 200) << bad;
      EXPECT_EQ(r.Header("x-lk-mock-region"), "0");
    }
    EXPECT_EQ(r.Header("x-lk-mock-ignored").rfind(why, 0), 0u) << bad << " -> " << r.Header("x-lk-mock-ignored");
  }
  // skipAuth of the wrong type is not a skip: without a token it is still 401.
  HttpResult r = Twirp(server_.url(0), "RoomService", "ListRooms", "{}", true, {R"(X-Lk-Mock: {"skipAuth":"yes"})"});
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.Header("x-lk-mock-ignored").find("skipAuth"), std::string::npos);
  // Two bad fields: both reported.
  r = ListRooms(1, R"({"delayMs":"x","regionsStatus":[]})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("x-lk-mock-ignored"),
            "X-Lk-Mock: delayMs must be a non-negative number; X-Lk-Mock: regionsStatus must be a number");
  // Discovery too.
  r = Regions(2, {"X-Lk-Mock: {oops"});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("x-lk-mock-ignored"), "X-Lk-Mock: not valid JSON");
  // Unknown fields are ignored silently; a readable header adds nothing.
  r = ListRooms(0, R"({"somethingNew":1})");
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.HasHeader("x-lk-mock-ignored"));
  EXPECT_FALSE(ListRooms(0, "").HasHeader("x-lk-mock-ignored"));
}

}  // namespace
}  // namespace livekit::test
