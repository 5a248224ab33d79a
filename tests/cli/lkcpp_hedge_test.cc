// lkcpp --hedge-after end to end: the real binary against a real lk-mock-server whose region 0
// hangs. --verbose must show the hedge; a non-positive delay is a usage error.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/mock_server_process.h"
#include "support/lkcpp_runner.h"

namespace livekit::test {
namespace {

std::vector<std::string> Base(const MockServerProcess& mock) {
  return {"--url", mock.url(0), "--api-key", "devkey", "--api-secret", "secret", "--failover-force",
          "--header", R"(X-Lk-Mock: {"failRegions":[0],"failMode":"hang"})"};
}

// `lkcpp --hedge-after <delay> --verbose room list` against `mock`, whose region 0 hangs.
ProgramRun VerboseHedgedRoomList(const MockServerProcess& mock, const char* hedge_after) {
  auto args = Base(mock);
  for (const char* a : {"--hedge-after", hedge_after, "--verbose", "room", "list"}) args.push_back(a);
  return LkcppWithStderr(args);
}

TEST(LkcppHedge, VerboseShowsTheHedge) {
  MockServerProcess mock(4);
  auto out = VerboseHedgedRoomList(mock, "300ms");
  EXPECT_EQ(out.exit_code, 0) << out.out;
  const std::string region1 = "127.0.0.1:" + std::to_string(mock.port(1));
  const std::string region0 = "127.0.0.1:" + std::to_string(mock.port(0));
  EXPECT_NE(out.out.find("attempt 2 " + region1), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("hedge sent"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("attempt 2 (hedge) " + region1), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("attempt 1 " + region0), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("cancelled"), std::string::npos) << out.out;
}

TEST(LkcppHedge, PlainNumberIsMilliseconds) {
  MockServerProcess mock(4);
  auto out = VerboseHedgedRoomList(mock, "300");
  EXPECT_EQ(out.exit_code, 0) << out.out;
  EXPECT_NE(out.out.find("(hedge)"), std::string::npos) << out.out;
}

TEST(LkcppHedge, NonPositiveDelayIsAUsageError) {
  MockServerProcess mock(1);
  for (const char* bad : {"0", "0ms", "-5ms", "soon"}) {
    auto args = Base(mock);
    for (const char* a : {"--hedge-after", bad, "room", "list"}) args.push_back(a);
    auto out = LkcppWithStderr(args);
    EXPECT_EQ(out.exit_code, 2) << bad << ": " << out.out;
    EXPECT_NE(out.out.find("--hedge-after"), std::string::npos) << out.out;
  }
}

}  // namespace
}  // namespace livekit::test
