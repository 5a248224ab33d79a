// lkcpp token/webhook commands, end to end through the binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/lkcpp_runner.h"

namespace {

using livekit::test::Lkcpp;
using nlohmann::json;

const std::vector<std::string> kCreds = {"--api-key", "devkey", "--api-secret", "secret"};

std::vector<std::string> With(std::vector<std::string> head, const std::vector<std::string>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

TEST(LkcppTokenTest, CreateThenVerifyRoundTripsClaims) {
  auto created = Lkcpp(With(kCreds, {"token", "create", "--identity", "alice", "--room", "r1", "--join",
                                     "--grant", "canPublishSources=camera,microphone", "--grant",
                                     "canPublish=false", "--grant", "roomAdmin", "--grant", "sip.call",
                                     "--name", "Alice", "--metadata", "md", "--attribute", "a=1",
                                     "--kind", "agent", "--ttl", "10m", "--room-config",
                                     R"({"name":"r1","maxParticipants":3})"}));
  ASSERT_EQ(created.exit_code, 0);
  ASSERT_EQ(std::count(created.out.begin(), created.out.end(), '.'), 2) << created.out;

  auto verified = Lkcpp(With(kCreds, {"token", "verify", created.out}));
  ASSERT_EQ(verified.exit_code, 0);
  const json claims = json::parse(verified.out);
  EXPECT_EQ(claims["sub"], "alice");
  EXPECT_EQ(claims["iss"], "devkey");
  EXPECT_EQ(claims["name"], "Alice");
  EXPECT_EQ(claims["metadata"], "md");
  EXPECT_EQ(claims["kind"], "agent");
  EXPECT_EQ(claims["attributes"], json::parse(R"({"a":"1"})"));
  EXPECT_EQ(claims["video"], json::parse(R"({"room":"r1","roomJoin":true,"roomAdmin":true,"canPublish":false,
                                             "canPublishSources":["camera","microphone"]})"));
  EXPECT_EQ(claims["sip"], json::parse(R"({"call":true})"));
  EXPECT_EQ(claims["roomConfig"]["maxParticipants"], 3);
  EXPECT_EQ(claims["exp"].get<std::int64_t>() - claims["nbf"].get<std::int64_t>(), 600);
}

TEST(LkcppTokenTest, AgentGrantAndKindDetailsRoundTrip) {
  auto created = Lkcpp(With(kCreds, {"token", "create", "--grant", "agent.admin", "--grant",
                                     "agent.databaseAdmin=true", "--grant", "agent.simulationAdmin=false",
                                     "--kind", "agent", "--kind-detail", "cloud_agent", "--kind-detail", "forwarded"}));
  ASSERT_EQ(created.exit_code, 0) << created.out;
  auto verified = Lkcpp(With(kCreds, {"--json", "token", "verify", created.out}));
  ASSERT_EQ(verified.exit_code, 0);
  const json claims = json::parse(verified.out);
  EXPECT_EQ(claims["agent"], json::parse(R"({"admin":true,"databaseAdmin":true})"));
  EXPECT_EQ(claims["kindDetails"], json::parse(R"(["cloud_agent","forwarded"])"));
  EXPECT_FALSE(claims.contains("video")) << "an agent grant alone writes no video grant";

  // A kind detail a server would drop is refused, not silently lost.
  for (const char* bad : {"CLOUD_AGENT", "cloud-agent", "", "teleported"}) {
    EXPECT_EQ(Lkcpp(With(kCreds, {"token", "create", "--kind-detail", bad})).exit_code, 2) << bad;
  }
  EXPECT_EQ(Lkcpp(With(kCreds, {"token", "create", "--grant", "agent.root"})).exit_code, 2);
  EXPECT_EQ(Lkcpp(With(kCreds, {"token", "create", "--grant", "agent.admin=maybe"})).exit_code, 2);
}

TEST(LkcppTokenTest, CredentialsComeFromTheEnvironment) {
  const std::vector<std::string> env = {"LIVEKIT_API_KEY=envkey", "LIVEKIT_API_SECRET=envsecret"};
  auto created = Lkcpp({"token", "create", "--identity", "bob"}, env);
  ASSERT_EQ(created.exit_code, 0);
  auto verified = Lkcpp({"--json", "token", "verify", created.out}, env);
  ASSERT_EQ(verified.exit_code, 0);
  EXPECT_EQ(json::parse(verified.out)["iss"], "envkey");
}

TEST(LkcppTokenTest, BadTokensExitWithThree) {
  auto created = Lkcpp(With(kCreds, {"token", "create", "--identity", "alice"}));
  ASSERT_EQ(created.exit_code, 0);
  EXPECT_EQ(Lkcpp({"--api-key", "devkey", "--api-secret", "other", "token", "verify", created.out}).exit_code, 3);
  EXPECT_EQ(Lkcpp(With(kCreds, {"token", "verify", "not.a.token"})).exit_code, 3);
  EXPECT_EQ(Lkcpp(With(kCreds, {"token", "verify", "garbage"})).exit_code, 3);
}

TEST(LkcppTokenTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Lkcpp(With(kCreds, {"token", "create", "--grant", "flyToTheMoon"})).exit_code, 2);
  EXPECT_EQ(Lkcpp(With(kCreds, {"token", "create", "--grant", "canPublish=maybe"})).exit_code, 2);
  EXPECT_EQ(Lkcpp(With(kCreds, {"token", "create", "--ttl", "soon"})).exit_code, 2);
  EXPECT_EQ(Lkcpp(With(kCreds, {"token", "create", "--join", "--room", "r"})).exit_code, 2);  // no identity
  EXPECT_EQ(Lkcpp({"token", "create", "--identity", "a"}).exit_code, 2);                      // no credentials
  EXPECT_EQ(Lkcpp(With(kCreds, {"token"})).exit_code, 2);
  EXPECT_EQ(Lkcpp({"--no-such-flag"}).exit_code, 2);
}

// exp - nbf of the token `args` prints (a bare JWT or a webhook header).
std::int64_t LifetimeOf(const std::vector<std::string>& args) {
  auto printed = Lkcpp(With(kCreds, args));
  EXPECT_EQ(printed.exit_code, 0);
  auto verified = Lkcpp(With(kCreds, {"--json", "token", "verify", printed.out}));
  EXPECT_EQ(verified.exit_code, 0) << printed.out;
  if (verified.exit_code != 0) return -1;
  const json claims = json::parse(verified.out);
  return claims["exp"].get<std::int64_t>() - claims["nbf"].get<std::int64_t>();
}

// Every duration flag reads "5m" as five minutes (webhook sign once read it as five seconds).
TEST(LkcppTokenTest, EveryTtlFlagReadsTheSameDurations) {
  for (const auto& [text, seconds] : std::vector<std::pair<std::string, std::int64_t>>{
           {"5m", 300}, {"2h", 7200}, {"1h30m", 5400}, {"90", 90}, {"45s", 45}}) {
    EXPECT_EQ(LifetimeOf({"token", "create", "--identity", "a", "--ttl", text}), seconds) << text;
    EXPECT_EQ(LifetimeOf({"webhook", "sign", "--body", LIVEKIT_SAMPLE_WEBHOOK, "--ttl", text}), seconds) << text;
  }
}

TEST(LkcppTokenTest, DurationsItCannotReadAreUsageErrors) {
  for (const char* text : {"soon", "5x", "-5s", "0", "1500ms", "30m1h"}) {
    EXPECT_EQ(Lkcpp(With(kCreds, {"token", "create", "--identity", "a", "--ttl", text})).exit_code, 2) << text;
    EXPECT_EQ(Lkcpp(With(kCreds, {"webhook", "sign", "--body", LIVEKIT_SAMPLE_WEBHOOK, "--ttl", text})).exit_code, 2)
        << text;
  }
  for (const char* text : {"soon", "5x", "-1", "0", "0ms", "25h"}) {
    EXPECT_EQ(Lkcpp(With(kCreds, {"--timeout", text, "token", "create", "--identity", "a"})).exit_code, 2) << text;
  }
  EXPECT_EQ(Lkcpp(With(kCreds, {"--timeout", "250ms", "token", "create", "--identity", "a"})).exit_code, 0);
  EXPECT_EQ(Lkcpp(With(kCreds, {"--timeout", "2.5", "token", "create", "--identity", "a"})).exit_code, 0);
}

TEST(LkcppTokenTest, WebhookSignThenVerify) {
  auto auth = Lkcpp(With(kCreds, {"webhook", "sign", "--body", LIVEKIT_SAMPLE_WEBHOOK}));
  ASSERT_EQ(auth.exit_code, 0);
  auto event = Lkcpp(With(kCreds, {"--json", "webhook", "verify", "--body", LIVEKIT_SAMPLE_WEBHOOK, "--auth", auth.out}));
  ASSERT_EQ(event.exit_code, 0);
  EXPECT_EQ(json::parse(event.out)["event"], "participant_joined");

  auto wrong = Lkcpp({"--api-key", "devkey", "--api-secret", "nope", "webhook", "verify", "--body",
                      LIVEKIT_SAMPLE_WEBHOOK, "--auth", auth.out});
  EXPECT_EQ(wrong.exit_code, 3);
  EXPECT_EQ(Lkcpp(With(kCreds, {"webhook", "verify", "--body", LIVEKIT_SAMPLE_WEBHOOK})).exit_code, 3);  // no header
  EXPECT_EQ(Lkcpp(With(kCreds, {"webhook", "verify", "--body", "/nonexistent/file", "--auth", auth.out})).exit_code,
            2);
}

}  // namespace
