// Twirp bodies: protobuf binary and proto3 JSON, both directions.
#include <gtest/gtest.h>

#include "livekit_room.pb.h"
#include "twirp/codec.h"

namespace livekit::internal {
namespace {

HttpResponse Answer(std::string body, std::string content_type) {
  HttpResponse r;
  r.status = 200;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", std::move(content_type));
  return r;
}

TEST(Codec, ContentTypes) {
  EXPECT_STREQ(ContentTypeOf(Encoding::kProtobuf), "application/protobuf");
  EXPECT_STREQ(ContentTypeOf(Encoding::kJson), "application/json");
}

TEST(Codec, ProtobufRoundTrip) {
  CreateRoomRequest req;
  req.set_name("r1");
  req.set_empty_timeout(42);
  auto bytes = EncodeMessage(req, Encoding::kProtobuf);
  ASSERT_TRUE(bytes.ok());
  CreateRoomRequest back;
  ASSERT_TRUE(DecodeMessage(Answer(*bytes, "application/protobuf"), Encoding::kProtobuf, &back).ok());
  EXPECT_EQ(back.name(), "r1");
  EXPECT_EQ(back.empty_timeout(), 42u);
}

TEST(Codec, JsonUsesJsonNamesAndKeepsMapKeys) {
  UpdateParticipantRequest req;
  req.set_room("r");
  (*req.mutable_attributes())["snake_case_key"] = "v";
  (*req.mutable_attributes())["CamelKey"] = "w";
  auto json = EncodeMessage(req, Encoding::kJson);
  ASSERT_TRUE(json.ok());
  EXPECT_NE(json->find("\"snake_case_key\""), std::string::npos) << *json;
  EXPECT_NE(json->find("\"CamelKey\""), std::string::npos) << *json;
  EXPECT_NE(json->find("\"room\""), std::string::npos);
  UpdateParticipantRequest back;
  ASSERT_TRUE(DecodeMessage(Answer(*json, "application/json"), Encoding::kJson, &back).ok());
  EXPECT_EQ(back.attributes().at("snake_case_key"), "v");
  EXPECT_EQ(back.attributes().at("CamelKey"), "w");
}

TEST(Codec, JsonIgnoresUnknownFieldsAndAcceptsBothNameForms) {
  Room room;
  auto s = DecodeMessage(Answer(R"({"name":"a","emptyTimeout":5,"max_participants":7,"brandNewField":{"x":1}})",
                                "application/json; charset=utf-8"),
                         Encoding::kJson, &room);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(room.name(), "a");
  EXPECT_EQ(room.empty_timeout(), 5u);
  EXPECT_EQ(room.max_participants(), 7u);
}

TEST(Codec, ContentTypeOfTheAnswerWins) {
  Room room;
  room.set_name("x");
  // Asked for JSON, the server answered protobuf: read protobuf.
  ASSERT_TRUE(DecodeMessage(Answer(room.SerializeAsString(), "application/protobuf"), Encoding::kJson, &room).ok());
  EXPECT_EQ(room.name(), "x");
}

TEST(Codec, GarbageIsBadResponse) {
  Room room;
  auto s = DecodeMessage(Answer("{not json", "application/json"), Encoding::kJson, &room);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kBadResponse);
  auto p = DecodeMessage(Answer("\xff\xff\xff\xff", "application/protobuf"), Encoding::kProtobuf, &room);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code(), ErrorCode::kBadResponse);
}

}  // namespace
}  // namespace livekit::internal
