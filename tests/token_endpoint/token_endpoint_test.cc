// TokenEndpoint::Handle, the rules a client SDK's TokenSource.endpoint meets: the request
// checks in their order (405, 415, 413, 400, 500), both field spellings, unknown fields
// ignored, the policy's refusal, amendment and failure, and the 201 answer's token, read back
// with TokenVerifier as a LiveKit server would.

#include "livekit/token_endpoint.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "livekit/token_verifier.h"
#include "answer_reading.h"

namespace livekit {
namespace {

using test::kKey;
using test::kSecret;
using test::kUrl;

TokenEndpointOptions Options() { return TokenEndpointOptions{kKey, kSecret, kUrl}; }

TokenEndpointResponse Post(const TokenEndpoint& endpoint, const std::string& body,
                           const std::string& content_type = "application/json") {
  return endpoint.Handle({"POST", content_type, {}, body});
}

// The error code of an error answer, checking its shape on the way: a JSON object with a
// code and a message that names neither the secret nor a token.
std::string ErrorCodeOf(const TokenEndpointResponse& r) {
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body.find(kSecret), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("eyJ"), std::string::npos) << "no token in an error: " << r.body;
  const auto error = test::ReadErrorBody(r.body);
  if (!error) {
    ADD_FAILURE() << "not an error body: " << r.body;
    return "<not an error body>";
  }
  EXPECT_FALSE(error->message.empty());
  return error->error;
}

std::string MessageOf(const TokenEndpointResponse& r) {
  const auto error = test::ReadErrorBody(r.body);
  return error ? error->message : "<not an error body>";
}

// The claims of a 201 answer's token, as a LiveKit server reads them.
Claims TokenClaims(const TokenEndpointResponse& r) {
  EXPECT_EQ(r.status, 201) << r.body;
  return test::ClaimsOfAnswer(r.body);
}

TEST(TokenEndpoint, MintsWhatTheClientAskedForInEitherSpelling) {
  const TokenEndpoint endpoint(Options(), TokenEndpoint::AllowAnythingForDevelopment());
  const std::string snake =
      R"({"room_name":"standup","participant_identity":"ada","participant_name":"Ada L",)"
      R"("participant_metadata":"{\"team\":1}","participant_attributes":{"role":"host"},)"
      R"("room_config":{"agents":[{"agent_name":"helper","metadata":"m"}],"max_participants":7}})";
  const std::string camel =
      R"({"roomName":"standup","participantIdentity":"ada","participantName":"Ada L",)"
      R"("participantMetadata":"{\"team\":1}","participantAttributes":{"role":"host"},)"
      R"("roomConfig":{"agents":[{"agentName":"helper","metadata":"m"}],"maxParticipants":7}})";
  for (const std::string& body : {snake, camel}) {
    const TokenEndpointResponse r = Post(endpoint, body);
    const Claims c = TokenClaims(r);
    EXPECT_EQ(r.headers.at("Cache-Control"), "no-store");
    EXPECT_EQ(c.issuer, kKey);
    EXPECT_EQ(c.identity, "ada");
    EXPECT_EQ(c.name, "Ada L");
    EXPECT_EQ(c.metadata, "{\"team\":1}");
    EXPECT_EQ(c.attributes, (std::map<std::string, std::string>{{"role", "host"}}));
    ASSERT_TRUE(c.video.has_value());
    EXPECT_EQ(c.video->room_join, true);
    EXPECT_EQ(c.video->room, "standup");
    ASSERT_TRUE(c.room_config.has_value());
    ASSERT_EQ(c.room_config->agents_size(), 1);
    EXPECT_EQ(c.room_config->agents(0).agent_name(), "helper");
    EXPECT_EQ(c.room_config->agents(0).metadata(), "m");
    EXPECT_EQ(c.room_config->max_participants(), 7u);
    ASSERT_TRUE(c.expires_at.has_value());
  }
}

TEST(TokenEndpoint, UnknownFieldsAreIgnoredAndEveryFieldIsOptional) {
  const TokenEndpoint endpoint(Options(), TokenEndpoint::AllowAnythingForDevelopment());
  const Claims c = TokenClaims(Post(endpoint, R"({"roomName":"r","futureField":{"x":[1,null]},"agentName":"a"})"));
  EXPECT_EQ(c.video->room, "r");
  EXPECT_EQ(c.identity.rfind("participant-", 0), 0u) << c.identity;

  // Nothing asked for: a fresh room and identity each time, 16 hex digits after the prefix.
  std::set<std::string> rooms, identities;
  for (const std::string body : {"{}", " \n{ }\t", R"({"room_name":"","participant_identity":""})"}) {
    const Claims d = TokenClaims(Post(endpoint, body));
    ASSERT_TRUE(d.video.has_value() && d.video->room.has_value());
    const std::string room = *d.video->room;
    EXPECT_EQ(room.rfind("room-", 0), 0u);
    EXPECT_EQ(room.size(), 5u + 16u) << room;
    EXPECT_EQ(d.identity.size(), 12u + 16u) << d.identity;
    EXPECT_FALSE(d.name.has_value());
    EXPECT_FALSE(d.room_config.has_value());
    rooms.insert(room);
    identities.insert(d.identity);
  }
  EXPECT_EQ(rooms.size(), 3u);
  EXPECT_EQ(identities.size(), 3u);
}

TEST(TokenEndpoint, TheTokenLivesForTheConfiguredTtl) {
  TokenEndpointOptions options = Options();
  options.ttl = std::chrono::hours(2);
  const TokenEndpoint endpoint(options, TokenEndpoint::AllowAnythingForDevelopment());
  const auto before = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  const Claims c = TokenClaims(Post(endpoint, "{}"));
  ASSERT_TRUE(c.expires_at.has_value());
  EXPECT_GE(*c.expires_at, before + 7200);
  EXPECT_LE(*c.expires_at, before + 7200 + 60);
}

TEST(TokenEndpoint, MalformedBodiesAre400WithAMessage) {
  const TokenEndpoint endpoint(Options(), TokenEndpoint::AllowAnythingForDevelopment());
  const std::vector<std::string> bodies = {
      "",
      "   ",
      "null",
      "[]",
      R"("text")",
      "42",
      "{",
      R"({"room_name":"r"} trailing)",
      R"({"room_name":"r",})",
      R"({"room_name":5})",
      R"({"room_name":["r"]})",
      R"({"participant_attributes":["a"]})",
      R"({"participant_attributes":{"a":1}})",
      R"({"room_config":"r"})",
      R"({"room_config":{"max_participants":-1}})",
      R"({"room_config":{"max_participants":"many"}})",
      "{\"room_name\":\"\xff\"}",        // invalid UTF-8
      R"({"room_name":"\ud800"})",       // lone high surrogate
      R"({"room_name":"a\udd88b"})",     // lone low surrogate
      std::string(R"({"room_name":"a)") + '\0' + R"(b"})",  // a raw NUL byte in a string
      "{\"room_name\":\"a\tb\"}",                  // a raw control character
      std::string(100, '{'),
  };
  for (const std::string& body : bodies) {
    const TokenEndpointResponse r = Post(endpoint, body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(ErrorCodeOf(r), "invalid_request") << body;
  }
}

// A value the client sent in a wrongly typed field (here a token, and a string shaped like
// one) is left out of the 400 answer's message, which still says what is wrong.
TEST(TokenEndpoint, A400NeverEchoesTheClientsValues) {
  const TokenEndpoint endpoint(Options(), TokenEndpoint::AllowAnythingForDevelopment());
  for (const std::string& body : {std::string(R"({"room_config":{"tags":"'eyJhbGciOi.eyJzdWIi.c2ln'"}})"),
                                  std::string(R"({"room_config":{"max_participants":"eyJ' Bearer x"}})"),
                                  std::string(R"({"room_config":{"empty_timeout":"eyJhbGciOi.eyJzdWIi.c2ln"}})"),
                                  // a map key named in the reason's path (found by fuzzing)
                                  std::string(R"({"participant_attributes":{"eyJk":"a","eyJk":"b"}})")}) {
    const TokenEndpointResponse r = Post(endpoint, body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(r.body.find("eyJ"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("Bearer"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("not a TokenSourceRequest"), std::string::npos) << r.body;
  }
}

TEST(TokenEndpoint, ChecksComeInOrderMethodThenTypeThenSizeThenBody) {
  TokenEndpointOptions options = Options();
  options.max_body_bytes = 16;
  const TokenEndpoint endpoint(options, TokenEndpoint::AllowAnythingForDevelopment());

  for (const char* method : {"GET", "PUT", "post", "OPTIONS", ""}) {
    const TokenEndpointResponse r = endpoint.Handle({method, "text/plain", {}, "not json at all, and long"});
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(ErrorCodeOf(r), "method_not_allowed");
    EXPECT_EQ(r.headers.at("Allow"), "POST");
  }
  for (const char* type : {"", "text/plain", "application/jsonx", "application/x-www-form-urlencoded", "json"}) {
    const TokenEndpointResponse r = Post(endpoint, "not json at all, and long", type);
    EXPECT_EQ(r.status, 415) << type;
    EXPECT_EQ(ErrorCodeOf(r), "unsupported_media_type");
  }
  for (const char* type : {"application/json", "Application/JSON", " application/json ; charset=utf-8"}) {
    EXPECT_EQ(Post(endpoint, "{}", type).status, 201) << type;
  }
  // Over the limit: 413 before the body is read, even when it is not JSON.
  const TokenEndpointResponse big = Post(endpoint, "not json at all, and long");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(ErrorCodeOf(big), "payload_too_large");
  // Exactly at the limit is read.
  EXPECT_EQ(Post(endpoint, R"({"room_name":"1"})").status, 413) << "17 bytes";
  EXPECT_EQ(Post(endpoint, R"({"room_name":""})").status, 201) << "16 bytes";
}

TEST(TokenEndpoint, BodyLimitEdgeValues) {
  TokenEndpointOptions zero = Options();
  zero.max_body_bytes = 0;
  const TokenEndpoint none(zero, TokenEndpoint::AllowAnythingForDevelopment());
  EXPECT_EQ(Post(none, "{}").status, 413);
  EXPECT_EQ(Post(none, "").status, 400) << "an empty body fits and is not a request";

  TokenEndpointOptions huge = Options();
  huge.max_body_bytes = static_cast<std::size_t>(-1);  // no limit at all: a body is still read correctly
  const TokenEndpoint unlimited(huge, TokenEndpoint::AllowAnythingForDevelopment());
  const std::string padding(1 << 20, 'p');  // an unknown member: read, then ignored
  const Claims c = TokenClaims(Post(unlimited, R"({"participant_name":"n","pad":")" + padding + R"("})"));
  EXPECT_EQ(c.name, "n");

  // A body within the limit whose claims make a token larger than a server reads.
  const TokenEndpointResponse too_large =
      Post(unlimited, R"({"participant_metadata":")" + std::string(60 * 1024, 'm') + R"("})");
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(ErrorCodeOf(too_large), "token_too_large");

  // The default limit is 64 KiB.
  const TokenEndpoint defaults(Options(), TokenEndpoint::AllowAnythingForDevelopment());
  const std::string fits = R"({"participant_name":")" + std::string(64 * 1024 - 23, 'n') + R"("})";
  const TokenEndpointResponse at_limit = Post(defaults, fits);
  EXPECT_EQ(at_limit.status, 413) << "read, but its token would be over 64 KiB";
  EXPECT_EQ(ErrorCodeOf(at_limit), "token_too_large");
  const std::string padded = R"({"participant_name":"n","pad":")" + std::string(64 * 1024 - 33, 'p') + R"("})";
  ASSERT_EQ(padded.size(), 64u * 1024u);
  EXPECT_EQ(Post(defaults, padded).status, 201);
  EXPECT_EQ(Post(defaults, padded + " ").status, 413);
}

TEST(TokenEndpoint, ThePolicyRefusesWithItsReason) {
  const TokenEndpoint endpoint(Options(), [](const TokenEndpointRequest&, const TokenSourceRequest& asked,
                                             AccessToken&) {
    if (asked.has_room_config()) return TokenDecision::Refuse("room_config is chosen by the server");
    if (asked.room_name() == "quiet") return TokenDecision::Refuse("");
    return TokenDecision::Allow();
  });
  for (const char* body : {R"({"room_config":{}})", R"({"roomConfig":{"name":"x"}})"}) {
    const TokenEndpointResponse r = Post(endpoint, body);
    EXPECT_EQ(r.status, 403) << body;
    EXPECT_EQ(ErrorCodeOf(r), "forbidden");
    EXPECT_EQ(MessageOf(r), "room_config is chosen by the server");
  }
  const TokenEndpointResponse quiet = Post(endpoint, R"({"room_name":"quiet"})");
  EXPECT_EQ(quiet.status, 403);
  EXPECT_EQ(MessageOf(quiet), "refused by the token policy");
  EXPECT_EQ(Post(endpoint, R"({"room_name":"open"})").status, 201);
}

TEST(TokenEndpoint, ThePolicySeesTheRequestAndAmendsTheToken) {
  const TokenEndpoint endpoint(Options(), [](const TokenEndpointRequest& http, const TokenSourceRequest& asked,
                                             AccessToken& token) {
    const auto session = http.headers.find("authorization");
    if (session == http.headers.end() || session->second != "Bearer session-of-grace") {
      return TokenDecision::Refuse("sign in first");
    }
    EXPECT_EQ(asked.participant_identity(), "someone-else");
    EXPECT_EQ(token.claims().identity, "someone-else") << "the policy sees the token filled from the request";
    token.set_identity("grace");
    VideoGrant video = *token.claims().video;
    video.can_publish = false;
    token.set_video_grant(video);
    return TokenDecision::Allow();
  });
  const std::string body = R"({"participant_identity":"someone-else","room_name":"r"})";
  EXPECT_EQ(endpoint.Handle({"POST", "application/json", {}, body}).status, 403);
  const Claims c =
      TokenClaims(endpoint.Handle({"POST", "application/json", {{"authorization", "Bearer session-of-grace"}}, body}));
  EXPECT_EQ(c.identity, "grace");
  EXPECT_EQ(c.video->room, "r");
  EXPECT_EQ(c.video->can_publish, false);
}

TEST(TokenEndpoint, APolicyThatThrowsOrBreaksTheTokenIsAServerErrorWithoutItsText) {
  const TokenEndpoint throws(Options(), [](const TokenEndpointRequest&, const TokenSourceRequest&,
                                           AccessToken&) -> TokenDecision {
    throw std::runtime_error("database password hunter2 rejected");
  });
  const TokenEndpointResponse r = Post(throws, "{}");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(ErrorCodeOf(r), "policy_failed");
  EXPECT_EQ(r.body.find("hunter2"), std::string::npos);

  const TokenEndpoint breaks(Options(), [](const TokenEndpointRequest&, const TokenSourceRequest&,
                                           AccessToken& token) {
    token.set_identity("bad\xff");  // not UTF-8: the token cannot be minted
    return TokenDecision::Allow();
  });
  const TokenEndpointResponse b = Post(breaks, "{}");
  EXPECT_EQ(b.status, 500);
  EXPECT_EQ(ErrorCodeOf(b), "mint_failed");
}

TEST(TokenEndpoint, WithoutAPolicyOrSettingsNothingIsMinted) {
  const TokenEndpoint no_policy(Options(), TokenPolicy());
  const TokenEndpointResponse r = Post(no_policy, "{}");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(ErrorCodeOf(r), "no_policy");

  unsetenv("LIVEKIT_API_KEY");
  unsetenv("LIVEKIT_API_SECRET");
  unsetenv("LIVEKIT_URL");
  for (int missing = 0; missing < 3; ++missing) {
    TokenEndpointOptions options = Options();
    (missing == 0 ? options.api_key : missing == 1 ? options.api_secret : options.server_url).clear();
    const TokenEndpoint endpoint(options, TokenEndpoint::AllowAnythingForDevelopment());
    const TokenEndpointResponse m = Post(endpoint, "{}");
    EXPECT_EQ(m.status, 500) << missing;
    EXPECT_EQ(ErrorCodeOf(m), "not_configured");
  }
  for (const auto ttl : {std::chrono::seconds(0), std::chrono::seconds(-5)}) {
    TokenEndpointOptions options = Options();
    options.ttl = ttl;
    EXPECT_EQ(Post(TokenEndpoint(options, TokenEndpoint::AllowAnythingForDevelopment()), "{}").status, 500);
  }
  // A bad body is still the client's fault, whatever the server lacks.
  EXPECT_EQ(Post(no_policy, "[").status, 400);
}

TEST(TokenEndpoint, AHugeTtlIsRefusedNotWrappedIntoThePast) {
  TokenEndpointOptions options = Options();
  options.ttl = std::chrono::seconds::max();
  const TokenEndpointResponse r = Post(TokenEndpoint(options, TokenEndpoint::AllowAnythingForDevelopment()), "{}");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(ErrorCodeOf(r), "mint_failed");
  EXPECT_NE(r.body.find("ttl"), std::string::npos) << r.body;
}

TEST(TokenEndpoint, EmptySettingsComeFromTheEnvironment) {
  setenv("LIVEKIT_API_KEY", kKey, 1);
  setenv("LIVEKIT_API_SECRET", kSecret, 1);
  setenv("LIVEKIT_URL", kUrl, 1);
  const TokenEndpoint endpoint(TokenEndpointOptions{}, TokenEndpoint::AllowAnythingForDevelopment());
  unsetenv("LIVEKIT_API_SECRET");  // read once, at construction
  const Claims c = TokenClaims(Post(endpoint, R"({"participant_identity":"env"})"));
  EXPECT_EQ(c.identity, "env");
  unsetenv("LIVEKIT_API_KEY");
  unsetenv("LIVEKIT_URL");
}

TEST(TokenEndpoint, HandlesManyThreadsAtOnce) {
  std::atomic<int> asked{0};
  const TokenEndpoint endpoint(Options(), [&](const TokenEndpointRequest&, const TokenSourceRequest&, AccessToken&) {
    asked.fetch_add(1);
    return TokenDecision::Allow();
  });
  std::vector<std::thread> threads;
  std::atomic<int> minted{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const std::string identity = "p" + std::to_string(t) + "-" + std::to_string(i);
        const TokenEndpointResponse r = Post(endpoint, R"({"participant_identity":")" + identity + R"("})");
        if (r.status == 201 && TokenClaims(r).identity == identity) minted.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(minted.load(), 400);
  EXPECT_EQ(asked.load(), 400);
}

}  // namespace
}  // namespace livekit
