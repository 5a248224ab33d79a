// The built examples, run against a real lk-mock-server on loopback: each does what the page
// that shows its code says.
#include <gtest/gtest.h>

#include <string>

#include "support/mock_server_process.h"
#include "support/run_program.h"

namespace livekit::test {
namespace {

// Runs an example with the mock's URL as its argument, stderr into stdout.
ProgramRun RunExample(const std::string& binary, const std::string& url) {
  RunOptions options;
  options.stderr_to = Stderr::kIntoOutput;
  return RunProgram({binary, url}, options);
}

// docs/testing.md: the client with a dead primary fails over, and the per-call X-Lk-Mock
// (a busy callee) is the scenario the mock plays for that call.
TEST(Examples, TestingGuideBehavesAsThePageSays) {
  MockServerProcess mock(2);
  const ProgramRun run = RunExample(EXAMPLE_TESTING_WITH_MOCK, mock.url(0));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("ListRooms: ok after failing over from region 0"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("sip status 486"), std::string::npos) << run.out;
}

// docs/testing.md, without a server: the user's function tested with FakeLiveKit, in-process.
TEST(Examples, FakeServerGuideBehavesAsThePageSays) {
  RunOptions options;
  options.stderr_to = Stderr::kIntoOutput;
  const ProgramRun run = RunProgram({EXAMPLE_TESTING_WITH_FAKE}, options);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("testing_with_fake: 4 of 4 checks hold"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("FAIL"), std::string::npos) << run.out;
}

// docs/errors.md: a transport failure lists its attempts, each with its host, and a region
// only where one is known (never an empty "()").
TEST(Examples, ErrorGuidePrintsEachAttemptWithoutAnEmptyRegion) {
  MockServerProcess mock(1);
  const ProgramRun run = RunExample(EXAMPLE_ERROR_HANDLING, mock.url(0));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("127.0.0.1:" + std::to_string(mock.port(0)) + ": transport"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("()"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace livekit::test
