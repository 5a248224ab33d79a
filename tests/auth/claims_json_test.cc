#include "auth/claims_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "common/json_writer.h"
#include "common/utf8.h"
#include "livekit/access_token.h"
#include "livekit/token_verifier.h"

namespace livekit::internal {
namespace {

TEST(JsonWriterTest, EscapesWhatJsonRequires) {
  std::string out;
  EXPECT_TRUE(AppendJsonString(&out, std::string("a\"b\\c\n\t\r\b\f\x01\x1f/é☃😀", 22)));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f/é☃😀\"");
  out.clear();
  EXPECT_TRUE(AppendJsonString(&out, std::string("nul\0x", 5)));
  EXPECT_EQ(out, "\"nul\\u0000x\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), std::string("nul\0x", 5));
}

TEST(JsonWriterTest, ReplacesInvalidUtf8AndSaysSo) {
  for (const std::string bad : {"\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ab\xc3"}) {
    std::string out;
    EXPECT_FALSE(AppendJsonString(&out, bad)) << bad;
    EXPECT_TRUE(IsValidUtf8(out)) << out;
    EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
  }
}

TEST(Utf8Test, ValidatesLongAndShortInputs) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii text that is longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("mixed é ☃ 😀 and more ascii after the multibyte ones"));
  EXPECT_FALSE(IsValidUtf8("ascii ascii ascii \xff ascii"));
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xf0\x9f\x98"));  // truncated
}

TEST(ClaimsJsonTest, TokenWithInvalidUtf8IsRefused) {
  auto r = AccessToken("k", "s").set_identity("bad\xff").ToJwt();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message().find("UTF-8"), std::string::npos);
}

TEST(ClaimsJsonTest, EscapedLoneSurrogateIsRefusedNotDecodedToInvalidUtf8) {
  for (const char* json : {R"({"iss":"k","name":"a\udd88b"})", R"({"iss":"k","\udc00":1})",
                           R"({"iss":"k","name":"\ud800"})"}) {
    auto c = ParseClaimsJson(json);
    EXPECT_FALSE(c.ok()) << json;
  }
  auto pair = ParseClaimsJson(R"({"iss":"k","name":"\ud83d\ude00"})");
  ASSERT_TRUE(pair.ok());
  EXPECT_EQ(pair->name, "\xF0\x9F\x98\x80");
}

TEST(ClaimsJsonTest, ReadsNullsAsAbsentAndSkipsUnknownMembersOfAnyShape) {
  auto c = ParseClaimsJson(
      R"({"iss":"k","jti":"x","aud":["a","b"],"ext":{"deep":[1,{"v":null}],"s":"x"},"name":null,)"
      R"("video":{"roomJoin":true,"future":{"a":[true]},"canPublish":null,"room":"r"},"sip":{"admin":false,"x":1},)"
      R"("attributes":{"k":"v"},"exp":1e3,"nbf":5})");
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(c->issuer, "k");
  EXPECT_FALSE(c->name.has_value());
  ASSERT_TRUE(c->video.has_value());
  EXPECT_EQ(c->video->room_join, true);
  EXPECT_FALSE(c->video->can_publish.has_value());
  EXPECT_EQ(c->video->room, "r");
  EXPECT_EQ(c->sip->admin, false);
  EXPECT_EQ(c->attributes.at("k"), "v");
  EXPECT_EQ(*c->expires_at, 1000);
  EXPECT_EQ(*c->not_before, 5);
}

TEST(ClaimsJsonTest, ParsesWhatItWritesForEveryClaim) {
  Claims c;
  c.identity = "id";
  c.name = "n\"ame";
  c.metadata = "{\"x\":[1]}";
  c.attributes = {{"a", "b"}};
  c.kind = "agent";
  c.sha256 = "abc=";
  c.room_preset = "p";
  livekit::RoomConfiguration cfg;
  cfg.set_name("cfg");
  (*cfg.mutable_tags())["t"] = "v";
  c.room_config = cfg;
  VideoGrant v;
  v.room_admin = true;
  v.can_publish_sources = std::vector<std::string>{};
  c.video = v;
  c.inference = InferenceGrant{};
  std::string text;
  ASSERT_TRUE(AppendClaimsJson(c, "iss1", 10, 20, &text));
  auto back = ParseClaimsJson(text);
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->issuer, "iss1");
  EXPECT_EQ(back->identity, "id");
  EXPECT_EQ(back->name, c.name);
  EXPECT_EQ(back->metadata, c.metadata);
  EXPECT_EQ(back->attributes, c.attributes);
  EXPECT_EQ(back->video, c.video);  // an empty sources list stays an empty list
  EXPECT_EQ(back->inference, c.inference);
  EXPECT_FALSE(back->sip.has_value());
  ASSERT_TRUE(back->room_config.has_value());
  EXPECT_EQ(back->room_config->name(), "cfg");
  EXPECT_EQ(back->room_config->tags().at("t"), "v");
  EXPECT_EQ(*back->not_before, 10);
  EXPECT_EQ(*back->expires_at, 20);
  EXPECT_EQ(nlohmann::json::parse(c.ToJson())["name"], "n\"ame");
}

TEST(ClaimsJsonTest, AgentGrantWritesOnlyTrueMembersAndNothingWhenEmpty) {
  Claims c;
  c.agent = AgentGrant{};
  EXPECT_FALSE(nlohmann::json::parse(c.ToJson()).contains("agent"));
  c.agent->simulation_admin = true;
  EXPECT_EQ(nlohmann::json::parse(c.ToJson())["agent"], nlohmann::json::parse(R"({"simulationAdmin":true})"));
  c.agent->admin = true;
  c.agent->database_admin = true;
  EXPECT_EQ(nlohmann::json::parse(c.ToJson())["agent"],
            nlohmann::json::parse(R"({"admin":true,"simulationAdmin":true,"databaseAdmin":true})"));
  auto back = ParseClaimsJson(c.ToJson());
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->agent, c.agent);
}

TEST(ClaimsJsonTest, AgentGrantReadsExplicitFalseAndIgnoresUnknownMembers) {
  auto c = ParseClaimsJson(R"({"agent":{"admin":false,"databaseAdmin":true,"futureAdmin":true}})");
  ASSERT_TRUE(c.ok()) << c.error().message();
  AgentGrant want;
  want.database_admin = true;
  EXPECT_EQ(c->agent, want);
  EXPECT_FALSE(ParseClaimsJson("{}")->agent.has_value());
}

TEST(ClaimsJsonTest, KindDetailsRoundTripAndUnknownNamesAreDropped) {
  Claims c;
  c.kind = "agent";
  c.kind_details = {"cloud_agent", "forwarded", "connector_whatsapp", "connector_twilio", "bridge_rtsp",
                    "simulation"};
  const auto json = nlohmann::json::parse(c.ToJson());
  EXPECT_EQ(json["kindDetails"], nlohmann::json(c.kind_details));
  auto back = ParseClaimsJson(c.ToJson());
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->kind_details, c.kind_details);

  auto mixed = ParseClaimsJson(R"({"kindDetails":["teleporter","forwarded","CLOUD_AGENT","","simulation"]})");
  ASSERT_TRUE(mixed.ok()) << mixed.error().message();
  EXPECT_EQ(mixed->kind_details, (std::vector<std::string>{"forwarded", "simulation"}));
  // An empty list is not written.
  EXPECT_FALSE(nlohmann::json::parse(Claims{}.ToJson()).contains("kindDetails"));
}

// The claim names a token can carry are the upstream ClaimGrants names plus the JWT ones;
// upstream's `identity` travels as `sub` (which is what servers read).
TEST(ClaimsJsonTest, FullClaimKeySetIsUpstreamsClaimGrantsKeySet) {
  Claims c;
  c.issuer = "key";
  c.identity = "id";
  c.not_before = 1;
  c.expires_at = 2;
  c.name = "n";
  c.metadata = "m";
  c.attributes = {{"a", "b"}};
  c.kind = "agent";
  c.kind_details = {"cloud_agent"};
  c.sha256 = "s";
  c.room_preset = "p";
  c.room_config = livekit::RoomConfiguration();
  c.video = VideoGrant();
  c.sip = SipGrant();
  c.agent = AgentGrant();
  c.agent->admin = true;
  c.inference = InferenceGrant();
  c.observability = ObservabilityGrant();
  std::set<std::string> keys;
  const auto payload = nlohmann::json::parse(c.ToJson());
  for (const auto& item : payload.items()) keys.insert(item.key());
  const std::set<std::string> upstream = {
      "name", "kind", "kindDetails", "video", "sip", "agent", "inference", "observability", "roomConfig",
      "roomPreset", "sha256", "metadata", "attributes", "iss", "sub", "nbf", "exp"};
  EXPECT_EQ(keys, upstream);
  // And every one of them is read back.
  auto back = ParseClaimsJson(c.ToJson());
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->ToJson(), c.ToJson());
}

TEST(ClaimsJsonTest, RefusesBadShapesWithTheMemberName) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"video":{"canPublishSources":[{"a":1}]}})", "canPublishSources has a non-string element"},
      {R"({"video":{"canPublishSources":[["camera"]]}})", "canPublishSources has a non-string element"},
      {R"({"video":{"room":{}}})", "video.room is not a string"},
      {R"({"attributes":{"a":{"b":"c"}}})", "attributes has a non-string value"},
      {R"({"inference":{"perform":"yes"}})", "inference.perform is not a boolean"},
      {R"({"observability":[]})", "observability is not an object"},
      {R"({"nbf":true})", "nbf is not a number"},
      {R"({"kind":7})", "kind is not a string"},
      {R"({"agent":{"admin":"yes"}})", "agent.admin is not a boolean"},
      {R"({"agent":true})", "agent is not an object"},
      {R"({"kindDetails":"forwarded"})", "kindDetails is not an array"},
      {R"({"kindDetails":[1]})", "kindDetails has a non-string element"},
      {R"({"kindDetails":[null]})", "kindDetails has a non-string element"},
      {R"({"kindDetails":[["forwarded"]]})", "kindDetails has a non-string element"},
      {R"({"roomConfig":"x"})", "roomConfig is not an object"},
      {R"({"a":1}{"b":2})", "not valid JSON"},
      {"{\"name\":\"\xff\"}", "not valid JSON"},
      {R"(null)", "not a JSON object"},
      {R"(17)", "not a JSON object"},
  };
  for (const auto& [text, expected] : cases) {
    auto r = ParseClaimsJson(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.error().message().find(expected), std::string::npos) << text << " -> " << r.error().message();
  }
}

}  // namespace
}  // namespace livekit::internal
