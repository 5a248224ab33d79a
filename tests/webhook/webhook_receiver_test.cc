#include "livekit/webhook_receiver.h"

#include <gtest/gtest.h>

#include "support/token_forge.h"
#include "livekit/access_token.h"
#include "support/files.h"
#include "support/webhook_signing.h"

namespace livekit {
namespace {

constexpr char kSecret[] = "wh-s3cr3t-value-never-shown";

using test::ReadFile;
using test::WebhookBodyHash;

std::string AuthFor(const std::string& body, const std::string& secret = kSecret) {
  return AccessToken("key", secret)
      .set_sha256(WebhookBodyHash(body))
      .set_ttl(std::chrono::minutes(5))
      .ToJwt()
      .value();
}

class WebhookReceiverTest : public ::testing::Test {
 protected:
  const std::string body_ = ReadFile(LIVEKIT_SAMPLE_WEBHOOK);
  const WebhookReceiver receiver_{"key", kSecret};
};

TEST_F(WebhookReceiverTest, ReceivesSignedEventAndIgnoresUnknownFields) {
  ASSERT_GT(body_.size(), 1000u);
  auto event = receiver_.Receive(body_, AuthFor(body_));
  ASSERT_TRUE(event.ok()) << event.error().ToString();
  EXPECT_EQ(event->event(), "participant_joined");
  EXPECT_EQ(event->id(), "EV_wCzPB8SEcTJM");
  EXPECT_EQ(event->created_at(), 1764251460);
  EXPECT_EQ(event->room().name(), "support-call-4711");
  EXPECT_EQ(event->room().enabled_codecs_size(), 3);
  EXPECT_EQ(event->participant().identity(), "agent-bob");
  EXPECT_EQ(event->participant().state(), livekit::ParticipantInfo::ACTIVE);
  EXPECT_EQ(event->participant().attributes().at("shift"), "morning");
}

// The header as some frameworks hand it over, with its HTTP scheme, reads as the token.
TEST_F(WebhookReceiverTest, BearerPrefixIsAccepted) {
  const std::string jwt = AuthFor(body_);
  for (const std::string& header : {"Bearer " + jwt, "bearer " + jwt, "BEARER\t" + jwt, "Bearer   " + jwt,
                                    " Bearer " + jwt + " "}) {
    auto event = receiver_.Receive(body_, header);
    EXPECT_TRUE(event.ok()) << "[" << header.substr(0, 10) << "...]: " << event.error().ToString();
  }
  for (const char* header : {"Bearer", "Bearer ", "bearer\t "}) {
    auto event = receiver_.Receive(body_, header);
    ASSERT_FALSE(event.ok()) << header;
    EXPECT_EQ(event.error().code(), ErrorCode::kUnauthenticated);
    EXPECT_NE(event.error().message().find("expected the JWT, alone or after \"Bearer \""), std::string::npos)
        << event.error().message();
  }
  // Another scheme is not a token: refused as one (the verifier says why).
  auto basic = receiver_.Receive(body_, "Basic " + jwt);
  ASSERT_FALSE(basic.ok());
  EXPECT_EQ(basic.error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(WebhookReceiverTest, EveryDocumentedEventNameParses) {
  for (const char* name : {"room_started", "room_finished", "participant_joined", "participant_left",
                           "participant_connection_aborted", "track_published", "track_unpublished",
                           "egress_started", "egress_updated", "egress_ended", "ingress_started", "ingress_ended"}) {
    const std::string body = std::string(R"({"event":")") + name + R"(","id":"EV_1","createdAt":"5"})";
    auto event = receiver_.Receive(body, AuthFor(body));
    ASSERT_TRUE(event.ok()) << name << ": " << event.error().ToString();
    EXPECT_EQ(event->event(), name);
  }
}

TEST_F(WebhookReceiverTest, SkipAuthIgnoresTheHeader) {
  auto event = receiver_.Receive(body_, "", /*skip_auth=*/true);
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->event(), "participant_joined");
}

// Found by tests/fuzz (webhook_receive): RapidJSON 1.1.0 read a zero with an exponent as a
// garbage double, so the fast reader filled double fields with random values.
TEST_F(WebhookReceiverTest, ZeroWithAnExponentReadsAsZero) {
  const std::string body =
      R"({"event":"egress_started","egressInfo":{"roomComposite":{"advanced":{"keyFrameInterval":0e5}}}})";
  auto event = receiver_.Receive(body, AuthFor(body));
  ASSERT_TRUE(event.ok()) << event.error().ToString();
  EXPECT_EQ(event->egress_info().room_composite().advanced().key_frame_interval(), 0.0);
  const std::string negative = R"({"egressInfo":{"roomComposite":{"advanced":{"keyFrameInterval":-0.00e300}}}})";
  auto neg = receiver_.Receive(negative, "", /*skip_auth=*/true);
  ASSERT_TRUE(neg.ok()) << neg.error().ToString();
  EXPECT_EQ(neg->egress_info().room_composite().advanced().key_frame_interval(), 0.0);
}

// Found by tests/fuzz (webhook_receive): protobuf refuses a member with an empty name; the
// fast reader took it for an unknown field and accepted the body.
TEST_F(WebhookReceiverTest, MemberWithoutANameIsRefusedLikeProtobufDoes) {
  const std::string body = R"({"event":"room_started","":{"a":1}})";
  auto event = receiver_.Receive(body, AuthFor(body));
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.error().code(), ErrorCode::kBadResponse);
}

// Found by tests/fuzz (webhook_receive): RapidJSON stops at a NUL byte, so the fast reader
// accepted a body with anything after "\0"; protobuf refuses it.
TEST_F(WebhookReceiverTest, BodyWithANulByteIsRefused) {
  const std::string body = std::string(R"({"event":"room_started"})") + '\0' + "garbage";
  auto event = receiver_.Receive(body, AuthFor(body));
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.error().code(), ErrorCode::kBadResponse);
}

struct BadWebhook {
  const char* name;
  std::string body;
  std::string auth;
  ErrorCode code;
  const char* expected;
};

TEST_F(WebhookReceiverTest, BadBodiesAndHeadersAreRefusedWithTheirReason) {
  std::string tampered = body_;
  tampered[tampered.find("agent-bob")] = 'A';
  const std::string no_hash = AccessToken("key", kSecret).ToJwt().value();
  const std::string expired = test::Forge(
      R"({"alg":"HS256"})", R"({"iss":"key","exp":1000,"sha256":")" + WebhookBodyHash(body_) + "\"}", kSecret);
  const std::string not_json = "this is not json";
  const std::string wrong_type = R"({"event": 42})";
  const std::string not_object = R"(["participant_joined"])";
  const std::string huge(WebhookReceiver::kMaxBodyBytes + 1, ' ');
  const std::vector<BadWebhook> table = {
      {"empty header", body_, "", ErrorCode::kUnauthenticated, "header is empty"},
      {"garbage header", body_, "garbage", ErrorCode::kUnauthenticated, "malformed token"},
      {"another scheme", body_, "Basic " + AuthFor(body_), ErrorCode::kUnauthenticated, "malformed token"},
      {"wrong secret", body_, AuthFor(body_, "other"), ErrorCode::kUnauthenticated, "bad signature"},
      {"expired", body_, expired, ErrorCode::kUnauthenticated, "expired"},
      {"no sha256 claim", body_, no_hash, ErrorCode::kUnauthenticated, "no sha256"},
      {"hash mismatch", tampered, AuthFor(body_), ErrorCode::kUnauthenticated, "hash mismatch"},
      {"hash of empty body", "", AuthFor(body_), ErrorCode::kUnauthenticated, "hash mismatch"},
      {"alg none", body_, test::Forge(R"({"alg":"none"})", "{}", ""), ErrorCode::kUnauthenticated, "\"none\""},
      {"body not JSON", not_json, AuthFor(not_json), ErrorCode::kBadResponse, "not a livekit.WebhookEvent"},
      {"body wrong type", wrong_type, AuthFor(wrong_type), ErrorCode::kBadResponse, "not a livekit.WebhookEvent"},
      {"body not object", not_object, AuthFor(not_object), ErrorCode::kBadResponse, "not a livekit.WebhookEvent"},
      {"body too large", huge, AuthFor(huge), ErrorCode::kBadResponse, "too large"},
  };
  for (const auto& bad : table) {
    auto r = receiver_.Receive(bad.body, bad.auth);
    ASSERT_FALSE(r.ok()) << bad.name;
    EXPECT_EQ(r.error().code(), bad.code) << bad.name << ": " << r.error().ToString();
    EXPECT_NE(r.error().message().find(bad.expected), std::string::npos)
        << bad.name << ": got \"" << r.error().message() << "\"";
    EXPECT_EQ(r.error().message().find(kSecret), std::string::npos) << bad.name;
    if (!bad.auth.empty()) {
      EXPECT_EQ(r.error().message().find(bad.auth), std::string::npos) << bad.name;
    }
  }
}

TEST_F(WebhookReceiverTest, DeeplyNestedBodiesDoNotCrash) {
  // Deep nesting under an unknown member is ignored (as protobuf ignores unknown fields)...
  const std::string unknown = R"({"event":"e","unknown":)" + std::string(400000, '[') + std::string(400000, ']') + "}";
  auto ignored = receiver_.Receive(unknown, AuthFor(unknown));
  ASSERT_TRUE(ignored.ok()) << ignored.error().ToString();
  EXPECT_EQ(ignored->event(), "e");
  // ...and under a known one the fast reader stops at its depth limit and protobuf's
  // parser (the authority) decides; either way the answer comes back.
  const std::string known = R"({"room":{"enabledCodecs":)" + std::string(400000, '[') + std::string(400000, ']') + "}}";
  auto answer = receiver_.Receive(known, AuthFor(known));
  if (!answer.ok()) {
    EXPECT_EQ(answer.error().code(), ErrorCode::kBadResponse);
  }
}

TEST_F(WebhookReceiverTest, ReceiverBuiltFromVerifierUsesItsSettings) {
  TokenVerifier v("key", kSecret);
  v.set_now_for_testing(4'000'000'000);  // far future: the header token has expired
  auto r = WebhookReceiver(v).Receive(body_, AuthFor(body_));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message().find("expired"), std::string::npos);
}

}  // namespace
}  // namespace livekit
