// Tokens minted here verify with the official Node SDK and its tokens verify here, claim
// for claim (every grant member, kind, attributes, roomConfig, sha256, roomPreset). The agent
// grant and kindDetails go one way only: the pinned Node SDK verifies them but cannot mint them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "auth/claims_json.h"
#include "support/token_forge.h"
#include "support/full_claims.h"
#include "interop/node_runner.h"
#include "livekit/access_token.h"
#include "livekit/token_verifier.h"

namespace livekit {
namespace {

using nlohmann::json;
constexpr char kKey[] = "APIinteropKey";
constexpr char kSecret[] = "interop-secret-0123456789abcdef0123456789";

TEST(TokenInteropTest, FullTokenMintedHereVerifiesWithNodeClaimForClaim) {
  if (!test::NodeSdkReady()) return;
  AccessToken t(kKey, kSecret);
  test::SetFullClaims(t);
  const std::string jwt = t.ToJwt().value();
  auto r = test::RunNode("interop_token.mjs", {"verify", kKey, kSecret, jwt});
  ASSERT_EQ(r.exit_code, 0) << "Node SDK refused our token";
  const json node_payload = json::parse(r.out);
  const json ours = json::parse(internal::ClaimsJsonText(t.claims()));
  for (const auto& [name, value] : ours.items()) {
    ASSERT_TRUE(node_payload.contains(name)) << "Node lost claim " << name;
    EXPECT_EQ(node_payload[name], value) << "claim " << name;
  }
  EXPECT_EQ(node_payload["iss"], kKey);
  EXPECT_TRUE(node_payload["exp"].is_number_integer());
  EXPECT_TRUE(node_payload["nbf"].is_number_integer());
}

TEST(TokenInteropTest, FullTokenMintedByNodeVerifiesHereClaimForClaim) {
  if (!test::NodeSdkReady()) return;
  AccessToken expected(kKey, kSecret);
  test::SetFullClaims(expected);
  // The pinned Node SDK (2.19.2) cannot mint the agent grant or kindDetails: its
  // AccessToken has no setter for them (its verifier passes them through; see above).
  expected.set_agent_grant(AgentGrant{}).set_kind_details({});
  json spec = json::parse(internal::ClaimsJsonText(expected.claims()));
  spec["ttl"] = 600;
  test::TempFile spec_file(spec.dump());
  auto r = test::RunNode("interop_token.mjs", {"mint", kKey, kSecret, spec_file.path()});
  ASSERT_EQ(r.exit_code, 0) << "Node SDK failed to mint";
  auto claims = TokenVerifier(kKey, kSecret).Verify(r.out);
  ASSERT_TRUE(claims.ok()) << claims.error().ToString();
  EXPECT_EQ(test::FirstDifference(expected.claims(), *claims), "");
  EXPECT_EQ(claims->issuer, kKey);
  EXPECT_EQ(*claims->expires_at - *claims->not_before, 600);
}

TEST(TokenInteropTest, MinimalJoinTokensAgreeBothWays) {
  if (!test::NodeSdkReady()) return;
  VideoGrant join;
  join.room_join = true;
  join.room = "lobby";
  AccessToken ours(kKey, kSecret);
  ours.set_identity("bob").set_video_grant(join);
  auto node_view = test::RunNode("interop_token.mjs", {"verify", kKey, kSecret, ours.ToJwt().value()});
  ASSERT_EQ(node_view.exit_code, 0);
  EXPECT_EQ(json::parse(node_view.out)["video"], json::parse(R"({"roomJoin":true,"room":"lobby"})"));

  test::TempFile spec(R"({"sub":"bob","video":{"roomJoin":true,"room":"lobby"}})");
  auto minted = test::RunNode("interop_token.mjs", {"mint", kKey, kSecret, spec.path()});
  ASSERT_EQ(minted.exit_code, 0);
  auto claims = TokenVerifier(kKey, kSecret).Verify(minted.out);
  ASSERT_TRUE(claims.ok()) << claims.error().ToString();
  EXPECT_EQ(test::FirstDifference(ours.claims(), *claims), "");
}

TEST(TokenInteropTest, BothSidesRefuseTheOthersTokensUnderTheWrongSecretOrAlgorithm) {
  if (!test::NodeSdkReady()) return;
  const std::string ours = AccessToken(kKey, kSecret).set_identity("x").ToJwt().value();
  EXPECT_EQ(test::RunNode("interop_token.mjs", {"verify", kKey, "another-secret", ours}).exit_code, 3);
  EXPECT_EQ(test::RunNode("interop_token.mjs", {"verify", "otherKey", kSecret, ours}).exit_code, 3);

  test::TempFile spec(R"({"sub":"x"})");
  auto minted = test::RunNode("interop_token.mjs", {"mint", kKey, "another-secret", spec.path()});
  ASSERT_EQ(minted.exit_code, 0);
  auto r = TokenVerifier(kKey, kSecret).Verify(minted.out);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("bad signature"), std::string::npos);

  // alg none and HS512 are refused on both sides.
  const std::string payload = R"({"iss":"APIinteropKey","sub":"x","exp":4000000000})";
  for (const char* header : {R"({"alg":"none"})", R"({"alg":"HS512"})"}) {
    const std::string forged = test::Forge(header, payload, kSecret);
    EXPECT_EQ(test::RunNode("interop_token.mjs", {"verify", kKey, kSecret, forged}).exit_code, 3) << header;
    EXPECT_FALSE(TokenVerifier(kKey, kSecret).Verify(forged).ok()) << header;
  }
}

}  // namespace
}  // namespace livekit
