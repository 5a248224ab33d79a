// lkcpp's API commands end to end against lk-mock-server: output, --json, --header, and the
// one-line errors with their exit codes.
#include <gtest/gtest.h>

#include "cli/lkcpp_test_util.h"
#include "mock_server_process.h"

namespace {

using lkcpp::testing::Lkcpp;
using livekit::testing::MockServerProcess;

std::vector<std::string> Env(const MockServerProcess& mock) {
  return {"LIVEKIT_URL=" + mock.url(), "LIVEKIT_API_KEY=devkey", "LIVEKIT_API_SECRET=secret"};
}

TEST(LkcppApi, RoomCommands) {
  MockServerProcess mock;
  auto list = Lkcpp({"room", "list"}, Env(mock));
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("MOCK_SID"), std::string::npos);
  auto create = Lkcpp({"--json", "room", "create", "r1"}, Env(mock));
  EXPECT_EQ(create.exit_code, 0);
  EXPECT_NE(create.out.find(R"("name":"r1")"), std::string::npos) << create.out;
  EXPECT_NE(create.out.find(R"("sid":"MOCK_SID")"), std::string::npos) << create.out;
  auto del = Lkcpp({"room", "delete", "r1"}, Env(mock));
  EXPECT_EQ(del.exit_code, 0);
  EXPECT_EQ(del.out, "deleted r1");
}

TEST(LkcppApi, ParticipantEgressDispatch) {
  MockServerProcess mock;
  EXPECT_EQ(Lkcpp({"participant", "list", "r1"}, Env(mock)).exit_code, 0);
  auto removed = Lkcpp({"participant", "remove", "r1", "bob"}, Env(mock));
  EXPECT_EQ(removed.exit_code, 0);
  EXPECT_EQ(removed.out, "removed bob from r1");
  auto stop = Lkcpp({"egress", "stop", "EG_1"}, Env(mock));
  EXPECT_EQ(stop.exit_code, 0);
  EXPECT_EQ(stop.out.rfind("EG_1", 0), 0u) << stop.out;
  auto egresses = Lkcpp({"--json", "egress", "list", "--room", "r1"}, Env(mock));
  EXPECT_EQ(egresses.exit_code, 0);
  EXPECT_NE(egresses.out.find("MOCK_EGRESS_ID"), std::string::npos);
  auto dispatch = Lkcpp({"dispatch", "create", "r1", "agent-a", "--metadata", "m"}, Env(mock));
  EXPECT_EQ(dispatch.exit_code, 0);
  EXPECT_EQ(dispatch.out, "MOCK_ID\tagent-a\tr1");
  auto dispatches = Lkcpp({"dispatch", "list", "r1"}, Env(mock));
  EXPECT_EQ(dispatches.exit_code, 0);
  EXPECT_NE(dispatches.out.find("MOCK_ID"), std::string::npos);
}

TEST(LkcppApi, HeadersTravelAndErrorsExit) {
  MockServerProcess mock;
  auto rejected = Lkcpp({"--header", R"(X-Lk-Mock: {"failRegions":[0],"failStatus":404})", "room", "list"}, Env(mock));
  EXPECT_EQ(rejected.exit_code, 3);
  auto failing = Lkcpp({"--header", R"(X-Lk-Mock: {"failRegions":[0],"failMode":"drop"})", "--no-failover", "room",
                        "list"},
                       Env(mock));
  EXPECT_EQ(failing.exit_code, 4);
}

TEST(LkcppApi, UsageErrors) {
  EXPECT_EQ(Lkcpp({"--url", "nope", "--api-key", "k", "--api-secret", "s", "room", "list"}).exit_code, 2);
  EXPECT_EQ(Lkcpp({"--url", "http://127.0.0.1:9", "room", "list"}).exit_code, 2);  // no credentials
  EXPECT_EQ(Lkcpp({"--url", "http://127.0.0.1:9", "--token", "t", "--header", "bad", "room", "list"}).exit_code, 2);
  int port = 0;
  {
    MockServerProcess gone;
    port = gone.port();
  }
  auto unreachable = Lkcpp({"--url", "http://127.0.0.1:" + std::to_string(port), "--token", "t", "--no-failover",
                            "room", "list"});
  EXPECT_EQ(unreachable.exit_code, 4);
}

}  // namespace
