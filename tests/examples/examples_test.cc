// The built examples, run against a real lk-mock-server on loopback: each does what the page
// that shows its code says.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "api/mock_server_process.h"

namespace {

struct ProgramRun {
  int exit_code = -1;
  std::string out;
};

// Runs `command` (stderr into stdout) and waits for it.
ProgramRun RunCommand(const std::string& command) {
  ProgramRun r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// docs/testing.md: the client with a dead primary fails over, and the per-call X-Lk-Mock
// (a busy callee) is the scenario the mock plays for that call.
TEST(Examples, TestingGuideBehavesAsThePageSays) {
  livekit::testing::MockServerProcess mock(2);
  const ProgramRun run = RunCommand(std::string("'") + EXAMPLE_TESTING_WITH_MOCK + "' " + mock.url(0));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("ListRooms: ok after failing over from region 0"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("sip status 486"), std::string::npos) << run.out;
}

// docs/errors.md: a transport failure lists its attempts, each with its host, and a region
// only where one is known (never an empty "()").
TEST(Examples, ErrorGuidePrintsEachAttemptWithoutAnEmptyRegion) {
  livekit::testing::MockServerProcess mock(1);
  const ProgramRun run = RunCommand(std::string("'") + EXAMPLE_ERROR_HANDLING + "' " + mock.url(0));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("127.0.0.1:" + std::to_string(mock.port(0)) + ": transport"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("()"), std::string::npos) << run.out;
}

}  // namespace
