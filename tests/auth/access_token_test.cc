#include "livekit/access_token.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <ctime>
#include <functional>

#include "support/full_claims.h"
#include "common/base64.h"
#include "livekit/token_verifier.h"

namespace livekit {
namespace {

nlohmann::json PayloadOf(const std::string& jwt) {
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first + 1);
  std::string text;
  EXPECT_TRUE(internal::Base64UrlDecode(jwt.substr(first + 1, second - first - 1), &text));
  return nlohmann::json::parse(text);
}

TEST(AccessTokenTest, EveryClaimRoundTripsThroughVerify) {
  AccessToken t("key1", "secret1");
  test::SetFullClaims(t);
  auto jwt = t.ToJwt();
  ASSERT_TRUE(jwt.ok()) << jwt.error().ToString();
  auto claims = TokenVerifier("key1", "secret1").Verify(*jwt);
  ASSERT_TRUE(claims.ok()) << claims.error().ToString();
  EXPECT_EQ(test::FirstDifference(t.claims(), *claims), "");
  EXPECT_EQ(claims->issuer, "key1");
}

TEST(AccessTokenTest, EachClaimAloneRoundTrips) {
  // Setting one claim at a time proves no claim depends on another being present.
  AccessToken full("k", "s");
  test::SetFullClaims(full);
  const Claims& all = full.claims();
  std::vector<std::function<void(AccessToken&)>> setters = {
      [&](AccessToken& t) { t.set_identity(all.identity); },
      [&](AccessToken& t) { t.set_name(*all.name); },
      [&](AccessToken& t) { t.set_metadata(*all.metadata); },
      [&](AccessToken& t) { t.set_attributes(all.attributes); },
      [&](AccessToken& t) { t.set_kind(*all.kind); },
      [&](AccessToken& t) { t.set_kind_details(all.kind_details); },
      [&](AccessToken& t) { t.set_sha256(*all.sha256); },
      [&](AccessToken& t) { t.set_room_preset(*all.room_preset); },
      [&](AccessToken& t) { t.set_room_config(*all.room_config); },
      [&](AccessToken& t) { t.set_identity("x").set_video_grant(*all.video); },
      [&](AccessToken& t) { t.set_sip_grant(*all.sip); },
      [&](AccessToken& t) { t.set_agent_grant(*all.agent); },
      [&](AccessToken& t) { t.set_inference_grant(*all.inference); },
      [&](AccessToken& t) { t.set_observability_grant(*all.observability); },
  };
  for (std::size_t i = 0; i < setters.size(); ++i) {
    AccessToken t("k", "s");
    setters[i](t);
    auto jwt = t.ToJwt();
    ASSERT_TRUE(jwt.ok()) << i;
    auto claims = TokenVerifier("k", "s").Verify(*jwt);
    ASSERT_TRUE(claims.ok()) << i << ": " << claims.error().ToString();
    EXPECT_EQ(test::FirstDifference(t.claims(), *claims), "") << "setter " << i;
  }
}

TEST(AccessTokenTest, WritesCamelCaseNamesAndOnlyWhatWasSet) {
  VideoGrant v;
  v.room_join = true;
  v.room = "r1";
  v.can_publish_sources = std::vector<std::string>{"camera"};
  AccessToken t("key1", "secret1");
  t.set_identity("bob").set_video_grant(v).set_ttl(std::chrono::seconds(600));
  const auto before = static_cast<std::int64_t>(std::time(nullptr));
  auto payload = PayloadOf(t.ToJwt().value());
  const auto after = static_cast<std::int64_t>(std::time(nullptr));
  EXPECT_EQ(payload["iss"], "key1");
  EXPECT_EQ(payload["sub"], "bob");
  EXPECT_EQ(payload["video"], nlohmann::json::parse(R"({"roomJoin":true,"room":"r1","canPublishSources":["camera"]})"));
  // canPublish/canSubscribe/canPublishData are absent: the server reads absent as allowed.
  EXPECT_FALSE(payload["video"].contains("canPublish"));
  EXPECT_FALSE(payload.contains("sip"));
  EXPECT_FALSE(payload.contains("attributes"));
  EXPECT_GE(payload["nbf"].get<std::int64_t>(), before);
  EXPECT_LE(payload["nbf"].get<std::int64_t>(), after);
  EXPECT_EQ(payload["exp"].get<std::int64_t>() - payload["nbf"].get<std::int64_t>(), 600);
}

TEST(AccessTokenTest, RoomConfigIsProto3Json) {
  AccessToken t("k", "s");
  t.set_room_config(test::FullRoomConfig());
  auto payload = PayloadOf(t.ToJwt().value());
  const auto& cfg = payload["roomConfig"];
  EXPECT_EQ(cfg["name"], "cfg-room");
  EXPECT_EQ(cfg["emptyTimeout"], 30);
  EXPECT_EQ(cfg["maxParticipants"], 7);
  EXPECT_EQ(cfg["agents"][0]["agentName"], "helper");
  EXPECT_EQ(cfg["tags"]["team"], "blue");
}

TEST(AccessTokenTest, DefaultTtlIsSixHours) {
  auto payload = PayloadOf(AccessToken("k", "s").ToJwt().value());
  EXPECT_EQ(payload["exp"].get<std::int64_t>() - payload["nbf"].get<std::int64_t>(), 6 * 3600);
}

TEST(AccessTokenTest, RefusesMissingCredentialsJoinWithoutIdentityAndBadTtl) {
  ::unsetenv("LIVEKIT_API_KEY");
  ::unsetenv("LIVEKIT_API_SECRET");
  auto no_creds = AccessToken().ToJwt();
  ASSERT_FALSE(no_creds.ok());
  EXPECT_EQ(no_creds.error().code(), ErrorCode::kInvalidArgument);

  VideoGrant join;
  join.room_join = true;
  auto no_identity = AccessToken("k", "s").set_video_grant(join).ToJwt();
  ASSERT_FALSE(no_identity.ok());
  EXPECT_NE(no_identity.error().message().find("identity"), std::string::npos);

  for (const auto ttl : {std::chrono::seconds(0), std::chrono::seconds(-1), std::chrono::seconds::min(),
                         std::chrono::seconds::max(), std::chrono::seconds(std::int64_t{1} << 53)}) {
    auto bad_ttl = AccessToken("k", "s").set_ttl(ttl).ToJwt();
    ASSERT_FALSE(bad_ttl.ok()) << ttl.count();
    EXPECT_EQ(bad_ttl.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(bad_ttl.error().message().find("ttl"), std::string::npos);
  }
}

TEST(AccessTokenTest, AHundredYearTtlIsFine) {
  const auto hundred_years = std::chrono::hours(24 * 365 * 100);
  auto payload = PayloadOf(AccessToken("k", "s").set_ttl(hundred_years).ToJwt().value());
  EXPECT_EQ(payload["exp"].get<std::int64_t>() - payload["nbf"].get<std::int64_t>(),
            std::chrono::duration_cast<std::chrono::seconds>(hundred_years).count());
}

TEST(AccessTokenTest, CredentialsFallBackToEnvironment) {
  ::setenv("LIVEKIT_API_KEY", "envkey", 1);
  ::setenv("LIVEKIT_API_SECRET", "envsecret", 1);
  auto jwt = AccessToken().set_identity("a").ToJwt();
  auto partial = AccessToken("given", "").ToJwt();  // an empty secret falls back alone
  ::unsetenv("LIVEKIT_API_KEY");
  ::unsetenv("LIVEKIT_API_SECRET");
  ASSERT_TRUE(jwt.ok());
  EXPECT_TRUE(TokenVerifier("envkey", "envsecret").Verify(*jwt).ok());
  ASSERT_TRUE(partial.ok());
  EXPECT_TRUE(TokenVerifier("given", "envsecret").Verify(*partial).ok());
}

}  // namespace
}  // namespace livekit
