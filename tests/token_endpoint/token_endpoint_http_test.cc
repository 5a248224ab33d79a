// The token endpoint over real HTTP, as a client SDK's TokenSource.endpoint calls it: the
// example endpoint of examples/token_endpoint.cc (with its policy) and `lkcpp token serve`,
// each started on a free loopback port, sent requests with libcurl, and their tokens read
// back with TokenVerifier.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "livekit/token_verifier.h"
#include "answer_reading.h"
#include "support/http_client.h"
#include "support/serving_program.h"

namespace livekit {
namespace {

using test::kKey;
using test::kSecret;
using test::kUrl;
using test::ServingProgram;

const std::vector<std::string> kEnv = {std::string("LIVEKIT_API_KEY=") + kKey,
                                       std::string("LIVEKIT_API_SECRET=") + kSecret,
                                       std::string("LIVEKIT_URL=") + kUrl};

test::HttpResult PostJson(const std::string& url, const std::string& body) {
  return test::Http("POST", url, body, {"Content-Type: application/json"});
}

// The claims of a 201 answer's participant_token, checked as a client SDK reads the answer.
Claims ClaimsOf(const test::HttpResult& r) {
  EXPECT_EQ(r.curl, CURLE_OK);
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  return test::ClaimsOfAnswer(r.body);
}

std::string ErrorCodeOf(const test::HttpResult& r) {
  EXPECT_EQ(r.curl, CURLE_OK);
  const auto error = test::ReadErrorBody(r.body);
  return error ? error->error : "<not an error body>";
}

TEST(TokenEndpointHttp, TheExampleEndpointAnswersAClientSdksRequest) {
  ServingProgram example({EXAMPLE_TOKEN_ENDPOINT, "0"}, kEnv);

  // What client-sdk-js sends: snake_case, unset fields left out, the agent in room_config.
  const Claims c = ClaimsOf(PostJson(example.url(), R"({"room_name":"standup","participant_name":"Ada"})"));
  EXPECT_EQ(c.name, "Ada");
  ASSERT_TRUE(c.video.has_value());
  EXPECT_EQ(c.video->room, "standup");
  EXPECT_EQ(c.video->room_join, true);
  EXPECT_EQ(c.video->can_update_own_metadata, false) << "the example's policy narrows the grant";

  const Claims camel = ClaimsOf(PostJson(example.url(), R"({"roomName":"standup","participantIdentity":"ada"})"));
  EXPECT_EQ(camel.identity, "ada");

  // The example's policy refuses what the server chooses, with its reason.
  const auto refused = PostJson(example.url(), R"({"room_name":"r","room_config":{"agents":[{"agent_name":"x"}]}})");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(ErrorCodeOf(refused), "forbidden");
  EXPECT_NE(refused.body.find("room_config"), std::string::npos) << refused.body;
  EXPECT_EQ(PostJson(example.url(), R"({"room_name":"admin-only"})").status, 403);

  const auto malformed = PostJson(example.url(), R"({"room_name":5})");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrorCodeOf(malformed), "invalid_request");

  const auto get = test::Http("GET", example.url());
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.Header("allow"), "POST");
  EXPECT_EQ(test::Http("POST", example.url(), "{}", {"Content-Type: text/plain"}).status, 415);

  // Over 64 KiB: 413, and the endpoint goes on serving.
  const auto big = PostJson(example.url(), R"({"participant_name":")" + std::string(200 * 1024, 'n') + R"("})");
  EXPECT_EQ(big.curl, CURLE_OK);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(ErrorCodeOf(big), "payload_too_large");
  EXPECT_EQ(PostJson(example.url(), "{}").status, 201);
}

TEST(TokenEndpointHttp, LkcppTokenServeGivesAnyTokenAndAnswersPreflight) {
  ServingProgram serve({LKCPP_BINARY, "token", "serve", "--port", "0", "--ttl", "10m"}, kEnv);

  const Claims c = ClaimsOf(PostJson(
      serve.url(), R"({"room_name":"r","participant_identity":"dev","room_config":{"agents":[{"agent_name":"a"}]}})"));
  EXPECT_EQ(c.identity, "dev");
  ASSERT_TRUE(c.room_config.has_value()) << "the development policy allows anything";
  EXPECT_EQ(c.room_config->agents(0).agent_name(), "a");
  ASSERT_TRUE(c.expires_at.has_value() && c.not_before.has_value());
  EXPECT_EQ(*c.expires_at - *c.not_before, 600);

  // A browser app on another origin asks first.
  const auto preflight = test::Http("OPTIONS", serve.url());
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.Header("access-control-allow-origin"), "*");

  EXPECT_EQ(PostJson(serve.url(), "not json").status, 400);
  EXPECT_EQ(PostJson(serve.url(), std::string(100 * 1024, ' ')).status, 413);
  EXPECT_EQ(PostJson(serve.url(), "{}").status, 201) << "still serving";
}

TEST(TokenEndpointHttp, AClientThatSendsNothingDoesNotStopTheServer) {
  ServingProgram serve({LKCPP_BINARY, "token", "serve", "--port", "0"}, kEnv);
  // A request head that never ends: the server gives up on it and serves the next caller.
  const auto stalled = test::Http("POST", serve.url(), "{}", {"Content-Type: application/json",
                                                               "Content-Length: 100"}, 1000);
  EXPECT_NE(stalled.curl, CURLE_OK) << "the body never came: no answer";
  EXPECT_EQ(PostJson(serve.url(), "{}").status, 201);
}

test::RunOptions ServeOptionsWithoutEnvironment() {
  test::RunOptions options;
  options.clean_env = true;
  options.stderr_to = test::Stderr::kIntoOutput;
  return options;
}

TEST(TokenEndpointHttp, ServeWithoutCredentialsIsAUsageError) {
  const auto run = test::RunProgram({LKCPP_BINARY, "token", "serve", "--port", "0"},
                                    ServeOptionsWithoutEnvironment());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("LIVEKIT_API_KEY"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace livekit
