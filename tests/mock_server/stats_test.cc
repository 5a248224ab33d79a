// The request counters at /_test/stats: per region, per method, discoveries, failures; reset.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "support/mock_credentials.h"
#include "support/proto_json.h"

namespace livekit::test {
namespace {

using nlohmann::json;

TEST(StatsTest, CountsCallsDiscoveriesAndFailuresPerRegion) {
  MockServerProcess server(3);
  const std::string fail = R"(X-Lk-Mock: {"skipAuth":true,"failRegions":[0]})";
  for (int i = 0; i < 3; ++i) Twirp(server.url(0), "RoomService", "ListRooms", "{}", true, {fail});
  Twirp(server.url(1), "RoomService", "ListRooms", "{}", true, {fail});
  Twirp(server.url(1), "RoomService", "CreateRoom", "", false, {fail});
  Twirp(server.url(1), "RoomService", "CreateRoom", "", false, {});  // 401
  Twirp(server.url(2), "RoomService", "ListRooms", "{}", true,
        {R"(X-Lk-Mock: {"skipAuth":true,"failRegions":[2],"failMode":"drop"})"});
  Twirp(server.url(2), "RoomService", "ListRooms", "{}", true, {R"(X-Lk-Mock: {"skipAuth":true,"pinnedRegions":[]})"});
  Http("GET", server.url(0) + "/settings/regions");
  Http("GET", server.url(2) + "/settings/regions");
  Http("GET", server.url(2) + "/settings/regions");

  // Any listener serves the counters of all of them.
  const HttpResult r = Http("GET", server.url(1) + "/_test/stats");
  ASSERT_EQ(r.status, 200);
  const json stats = json::parse(r.body);
  ASSERT_EQ(stats["regions"].size(), 3u);
  const json& r0 = stats["regions"][0];
  EXPECT_EQ(r0["apiCalls"], 3);
  EXPECT_EQ(r0["methods"]["RoomService/ListRooms"], 3);
  EXPECT_EQ(r0["failures"], 3);
  EXPECT_EQ(r0["injected"], 3);
  EXPECT_EQ(r0["discoveries"], 1);
  const json& r1 = stats["regions"][1];
  EXPECT_EQ(r1["apiCalls"], 3);
  EXPECT_EQ(r1["methods"]["RoomService/CreateRoom"], 2);
  EXPECT_EQ(r1["successes"], 2);
  EXPECT_EQ(r1["rejected"], 1);
  EXPECT_EQ(r1["failures"], 1);
  EXPECT_EQ(r1["discoveries"], 0);
  const json& r2 = stats["regions"][2];
  EXPECT_EQ(r2["dropped"], 1);
  EXPECT_EQ(r2["pinned"], 1);
  EXPECT_EQ(r2["failures"], 2);
  EXPECT_EQ(r2["discoveries"], 2);

  const HttpResult reset = Http("POST", server.url(2) + "/_test/stats/reset");
  EXPECT_EQ(reset.status, 200);
  const json cleared = json::parse(Http("GET", server.url(0) + "/_test/stats").body);
  for (const json& region : cleared["regions"]) {
    EXPECT_EQ(region["apiCalls"], 0);
    EXPECT_EQ(region["discoveries"], 0);
    EXPECT_EQ(region["failures"], 0);
    EXPECT_TRUE(region["methods"].empty());
  }
}

}  // namespace
}  // namespace livekit::test
