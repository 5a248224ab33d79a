// lkcpp --hedge-after end to end: the real binary against a real lk-mock-server whose region 0
// hangs. --verbose must show the hedge; a non-positive delay is a usage error.

#include <sys/wait.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "api/mock_server_process.h"
#include "cli/lkcpp_test_util.h"

namespace {

using livekit::testing::MockServerProcess;

struct Output {
  int exit_code = -1;
  std::string all;  ///< stdout and stderr together
};

// Like lkcpp::testing::Lkcpp, with stderr kept (--verbose writes there).
Output LkcppWithStderr(const std::vector<std::string>& args) {
  std::string cmd = "env -i " + lkcpp::testing::Quote(LKCPP_BINARY);
  for (const auto& a : args) cmd += " " + lkcpp::testing::Quote(a);
  cmd += " 2>&1";
  Output out;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.all.append(buf.data(), n);
  const int status = ::pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::vector<std::string> Base(const MockServerProcess& mock) {
  return {"--url", mock.url(0), "--api-key", "devkey", "--api-secret", "secret", "--failover-force",
          "--header", R"(X-Lk-Mock: {"failRegions":[0],"failMode":"hang"})"};
}

TEST(LkcppHedge, VerboseShowsTheHedge) {
  MockServerProcess mock(4);
  auto args = Base(mock);
  for (const char* a : {"--hedge-after", "300ms", "--verbose", "room", "list"}) args.push_back(a);
  auto out = LkcppWithStderr(args);
  EXPECT_EQ(out.exit_code, 0) << out.all;
  const std::string region1 = "127.0.0.1:" + std::to_string(mock.port(1));
  const std::string region0 = "127.0.0.1:" + std::to_string(mock.port(0));
  EXPECT_NE(out.all.find("attempt 2 " + region1), std::string::npos) << out.all;
  EXPECT_NE(out.all.find("hedge sent"), std::string::npos) << out.all;
  EXPECT_NE(out.all.find("attempt 2 (hedge) " + region1), std::string::npos) << out.all;
  EXPECT_NE(out.all.find("attempt 1 " + region0), std::string::npos) << out.all;
  EXPECT_NE(out.all.find("cancelled"), std::string::npos) << out.all;
}

TEST(LkcppHedge, PlainNumberIsMilliseconds) {
  MockServerProcess mock(4);
  auto args = Base(mock);
  for (const char* a : {"--hedge-after", "300", "--verbose", "room", "list"}) args.push_back(a);
  auto out = LkcppWithStderr(args);
  EXPECT_EQ(out.exit_code, 0) << out.all;
  EXPECT_NE(out.all.find("(hedge)"), std::string::npos) << out.all;
}

TEST(LkcppHedge, NonPositiveDelayIsAUsageError) {
  MockServerProcess mock(1);
  for (const char* bad : {"0", "0ms", "-5ms", "soon"}) {
    auto args = Base(mock);
    for (const char* a : {"--hedge-after", bad, "room", "list"}) args.push_back(a);
    auto out = LkcppWithStderr(args);
    EXPECT_EQ(out.exit_code, 2) << bad << ": " << out.all;
    EXPECT_NE(out.all.find("--hedge-after"), std::string::npos) << out.all;
  }
}

}  // namespace
