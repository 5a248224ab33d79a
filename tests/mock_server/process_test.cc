// The binary as a user runs it: --help, bad flags, a port in use, signals, flags shown in the
// region list.

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mock_server_process.h"

namespace livekit::test {
namespace {

TEST(ProcessTest, HelpListsEveryFlag) {
  std::string out;
  EXPECT_EQ(RunMockServer({"--help"}, &out), 0);
  for (const char* flag : {"--ports", "--advertise-host", "--bind", "--twirp-prefix", "--api-secret",
                           "LK_TEST_SERVER_PORTS", "LK_TEST_SERVER_API_SECRET"}) {
    EXPECT_NE(out.find(flag), std::string::npos) << flag;
  }
}

TEST(ProcessTest, BadFlagsExit2WithAMessage) {
  std::string out;
  EXPECT_EQ(RunMockServer({"--no-such-flag", "1"}, &out), 2);
  EXPECT_NE(out.find("unknown flag --no-such-flag"), std::string::npos) << out;
  EXPECT_EQ(RunMockServer({"--ports", "99999"}, &out), 2);
  EXPECT_NE(out.find("invalid port"), std::string::npos) << out;
  EXPECT_EQ(RunMockServer({"--ports"}, &out), 2);
  EXPECT_NE(out.find("flag --ports needs a value"), std::string::npos) << out;
  // A last, unknown flag is reported as unknown, not as lacking a value.
  EXPECT_EQ(RunMockServer({"--bogus"}, &out), 2);
  EXPECT_NE(out.find("unknown flag --bogus"), std::string::npos) << out;
  EXPECT_EQ(out.find("needs a value"), std::string::npos) << out;
  EXPECT_EQ(RunMockServer({"--bind", "not-an-ip", "--ports", "0"}, &out), 1);
  EXPECT_NE(out.find("invalid bind address"), std::string::npos) << out;
}

TEST(ProcessTest, PortInUseExits1WithAMessage) {
  MockServerProcess first(1);
  ASSERT_EQ(first.ports().size(), 1u);
  std::string out;
  EXPECT_EQ(RunMockServer({"--ports", "0," + std::to_string(first.ports()[0])}, &out), 1);
  EXPECT_NE(out.find("region-1"), std::string::npos) << out;
  EXPECT_NE(out.find("in use"), std::string::npos) << out;
}

TEST(ProcessTest, SigtermAndSigintStopCleanly) {
  for (int sig : {SIGTERM, SIGINT}) {
    MockServerProcess server(2);
    // A hanging request must not keep it alive.
    (void)Twirp(server.url(0), "RoomService", "ListRooms", "{}", true,
                {R"(X-Lk-Mock: {"skipAuth":true,"failRegions":[0],"failMode":"hang"})"}, 100);
    const int status = server.Stop(sig);
    EXPECT_TRUE(WIFEXITED(status)) << sig;
    EXPECT_EQ(WEXITSTATUS(status), 0) << sig;
  }
}

TEST(ProcessTest, PrefixAdvertiseHostAndSecretFlags) {
  MockServerProcess server(2, {"--twirp-prefix", "/api", "--advertise-host", "http://localhost", "--api-secret",
                               "s3cret"});
  const HttpResult regions = Http("GET", server.url(0) + "/settings/regions");
  const auto body = nlohmann::json::parse(regions.body);
  EXPECT_EQ(body["regions"][1]["url"], "http://localhost:" + std::to_string(server.ports()[1]));
  // Custom prefix.
  HttpResult r = Http("POST", server.url(0) + "/api/livekit.RoomService/ListRooms", "{}",
                      {"Content-Type: application/json", R"(X-Lk-Mock: {"skipAuth":true})"});
  EXPECT_EQ(r.status, 200);
  r = Http("POST", server.url(0) + "/twirp/livekit.RoomService/ListRooms", "{}",
           {"Content-Type: application/json", R"(X-Lk-Mock: {"skipAuth":true})"});
  EXPECT_EQ(r.status, 404);
}

TEST(ProcessTest, EnvironmentVariablesAreRead) {
  ASSERT_EQ(setenv("LK_TEST_SERVER_TWIRP_PREFIX", "/envprefix", 1), 0);
  MockServerProcess server(1);
  unsetenv("LK_TEST_SERVER_TWIRP_PREFIX");
  const HttpResult r = Http("POST", server.url(0) + "/envprefix/livekit.RoomService/ListRooms", "{}",
                            {"Content-Type: application/json", R"(X-Lk-Mock: {"skipAuth":true})"});
  EXPECT_EQ(r.status, 200);
}

}  // namespace
}  // namespace livekit::test
