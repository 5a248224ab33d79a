// The built examples, run against a real lk-mock-server on loopback: each does what the page
// that shows its code, or its own opening comment, says.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "livekit/access_token.h"
#include "livekit/webhook_receiver.h"
#include "support/http_client.h"
#include "support/mock_credentials.h"
#include "support/mock_server_process.h"
#include "support/run_program.h"
#include "support/serving_program.h"

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

// The examples of one service each read the project from the environment, as every SDK client
// does; only these variables reach them. Each runs against a mock of its own.
ProgramRun RunServiceExample(const std::string& binary) {
  MockServerProcess mock(1);
  RunOptions options;
  options.clean_env = true;
  options.env = {"LIVEKIT_URL=" + mock.url(0), std::string("LIVEKIT_API_KEY=") + kApiKey,
                 std::string("LIVEKIT_API_SECRET=") + kApiSecret};
  options.stderr_to = Stderr::kIntoOutput;
  return RunProgram({binary}, options);
}

// The first capture of `pattern` in `text`, or empty.
std::string Capture(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
}

TEST(Examples, RoomsExampleCreatesListsAndDeletesItsRoom) {
  const ProgramRun run = RunServiceExample(EXAMPLE_ROOMS_AND_PARTICIPANTS);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_FALSE(Capture(run.out, R"(room example-room \((\S+)\))").empty()) << run.out;
  EXPECT_NE(run.out.find("  listed "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("deleted example-room\n"), std::string::npos) << run.out;
}

// The egress it starts is the one it lists as active and the one it stops.
TEST(Examples, EgressExampleStopsTheEgressItStarted) {
  const ProgramRun run = RunServiceExample(EXAMPLE_EGRESS);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const std::string id = Capture(run.out, R"(egress (\S+) started)");
  ASSERT_FALSE(id.empty()) << run.out;
  EXPECT_NE(run.out.find("  active " + id + "\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("egress " + id + " EGRESS_"), std::string::npos) << run.out;
}

// The mock's phone rings 11 s, past the client's 10 s default timeout: the call's timeout
// stretches to the ringing window, as the example's comment says.
TEST(Examples, SipExampleWaitsForTheAnswer) {
  const ProgramRun run = RunServiceExample(EXAMPLE_SIP_DIALING);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("answered: participant phone-caller in example-room\n"), std::string::npos) << run.out;
}

// The dispatch it creates is in the list it reads back.
TEST(Examples, AgentDispatchExampleListsTheDispatchItCreated) {
  const ProgramRun run = RunServiceExample(EXAMPLE_AGENT_DISPATCH);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const std::string id = Capture(run.out, R"(dispatched support-agent as (\S+))");
  ASSERT_FALSE(id.empty()) << run.out;
  EXPECT_NE(run.out.find("  " + id + " "), std::string::npos) << run.out;
}

// Against four regions: each scenario its comment names, in order, and the counters of them.
TEST(Examples, FailoverEventsExamplePlaysEachScenario) {
  MockServerProcess mock(4);
  const ProgramRun run = RunExample(EXAMPLE_FAILOVER_EVENTS, mock.url(0));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const auto scenario = [&run](int n) {
    const auto from = run.out.find(std::to_string(n) + ". ");
    const auto to = run.out.find(std::to_string(n + 1) + ". ");
    return from == std::string::npos ? std::string() : run.out.substr(from, to == std::string::npos ? to : to - from);
  };
  EXPECT_NE(scenario(1).find("HTTP 503"), std::string::npos) << run.out;
  EXPECT_NE(scenario(1).find("(failover)"), std::string::npos) << run.out;
  EXPECT_NE(scenario(2).find("(failover)"), std::string::npos) << run.out;
  EXPECT_EQ(scenario(3).find("attempt 2"), std::string::npos) << "a cooling region is not tried: " << run.out;
  EXPECT_NE(scenario(4).find("(region_pin)"), std::string::npos) << run.out;
  EXPECT_NE(scenario(5).find("HTTP 400"), std::string::npos) << run.out;
  EXPECT_EQ(scenario(5).find("attempt 2"), std::string::npos) << "a 400 is not retried: " << run.out;
  for (int n = 1; n <= 4; ++n) EXPECT_NE(scenario(n).find("=> ok"), std::string::npos) << n << ": " << run.out;
  EXPECT_NE(run.out.find("counters: 5 calls, 8 attempts, 2 failovers"), std::string::npos) << run.out;
}

// docs/webhooks.md: a signed event is printed and answered 200; a forged signature, a body
// changed after signing and a GET are refused, and the endpoint goes on serving.
TEST(Examples, WebhookEndpointPrintsSignedEventsAndRefusesTheRest) {
  ServingProgram endpoint({EXAMPLE_WEBHOOK_ENDPOINT, "0"},
                          {std::string("LIVEKIT_API_KEY=") + kApiKey, std::string("LIVEKIT_API_SECRET=") + kApiSecret},
                          Stderr::kIntoOutput);
  const std::string body = R"({"event":"room_started","id":"EV_1","room":{"name":"r1"},"createdAt":"1700000000"})";
  const auto signed_by = [&body](const std::string& secret) {
    AccessToken token(kApiKey, secret);
    token.set_sha256(WebhookBodySha256(body));
    return "Authorization: " + token.ToJwt().value();
  };
  const std::vector<std::string> json = {"Content-Type: application/webhook+json"};
  const auto post = [&](const std::string& payload, const std::string& authorization) {
    std::vector<std::string> headers = json;
    headers.push_back(authorization);
    return Http("POST", endpoint.url(), payload, headers);
  };

  EXPECT_EQ(post(body, signed_by(kApiSecret)).status, 200);
  EXPECT_NE(endpoint.WaitForOutput("room_started").find("room_started id=EV_1 room=r1 participant=\n"),
            std::string::npos) << endpoint.WaitForOutput("\n");
  EXPECT_EQ(post(body, signed_by("another-secret-of-32-characters!!")).status, 401);
  EXPECT_EQ(post(body + " ", signed_by(kApiSecret)).status, 401);
  EXPECT_EQ(Http("GET", endpoint.url()).status, 405);
  EXPECT_NE(endpoint.WaitForOutput("rejected: ").find("rejected: "), std::string::npos);

  EXPECT_EQ(post(body, signed_by(kApiSecret)).status, 200) << "still serving";
}

}  // namespace
}  // namespace livekit::test
