// What lkcpp prints for people: help texts and --verbose lines say what is true, once.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/mock_server_process.h"
#include "support/lkcpp_runner.h"

namespace livekit::test {
namespace {

// stdout and stderr of `env -i <env> lkcpp <args>`, together.
std::string Output(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  return LkcppWithStderr(args, env).out;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
  return n;
}

TEST(LkcppWording, NoProbeIsAPlainFlagInHelp) {
  const std::string help = Output({"regions", "--help"});
  EXPECT_NE(help.find("--no-probe"), std::string::npos) << help;
  EXPECT_EQ(help.find("{false}"), std::string::npos) << help;
}

TEST(LkcppWording, TimeoutIsPerAttempt) {
  const std::string help = Output({"--help"});
  const auto line = help.substr(help.find("--timeout"), help.find('\n', help.find("--timeout")) - help.find("--timeout"));
  EXPECT_NE(line.find("each HTTP attempt"), std::string::npos) << line;
  EXPECT_EQ(line.find("per call"), std::string::npos) << line;
}

TEST(LkcppWording, VerboseNamesTheStatusOnce) {
  MockServerProcess mock(1);
  const std::string out = Output({"-v", "--no-failover", "--header", R"(X-Lk-Mock: {"failRegions":[0]})", "room", "list"},
                                 {"LIVEKIT_URL=" + mock.url(), "LIVEKIT_API_KEY=devkey", "LIVEKIT_API_SECRET=secret"});
  ASSERT_NE(out.find("  attempt "), std::string::npos) << out;
  EXPECT_EQ(Count(out, "HTTP 503 HTTP 503"), 0u) << out;
  const std::string attempt = out.substr(out.find("  attempt "));
  EXPECT_EQ(Count(attempt.substr(0, attempt.find('\n')), "HTTP 503"), 1u) << out;
}

TEST(LkcppWording, NoProbeStillSkipsTheProbes) {
  MockServerProcess mock(2);
  const std::string out = Output({"regions", "--no-probe"},
                                 {"LIVEKIT_URL=" + mock.url(), "LIVEKIT_API_KEY=devkey", "LIVEKIT_API_SECRET=secret"});
  EXPECT_NE(out.find("region-1"), std::string::npos) << out;
  EXPECT_EQ(out.find("reachable"), std::string::npos) << out;
  const std::string probed = Output({"regions"}, {"LIVEKIT_URL=" + mock.url(), "LIVEKIT_API_KEY=devkey",
                                                  "LIVEKIT_API_SECRET=secret"});
  EXPECT_NE(probed.find("reachable"), std::string::npos) << probed;
}

}  // namespace
}  // namespace livekit::test
