// Webhooks signed by either side are received by the other, with the same event.
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "interop/node_runner.h"
#include "livekit/access_token.h"
#include "livekit/webhook_receiver.h"
#include "support/webhook_signing.h"

namespace livekit {
namespace {

constexpr char kKey[] = "APIwebhookKey";
constexpr char kSecret[] = "webhook-secret-abcdefabcdefabcdefabcdef";

std::string SampleBody() { return test::ReadFile(LIVEKIT_SAMPLE_WEBHOOK); }

std::string SignHere(const std::string& body) {
  return AccessToken(kKey, kSecret)
      .set_sha256(test::WebhookBodyHash(body))
      .set_ttl(std::chrono::minutes(5))
      .ToJwt()
      .value();
}

livekit::WebhookEvent ParseEvent(const std::string& json) {
  livekit::WebhookEvent e;
  google::protobuf::util::JsonParseOptions o;
  o.ignore_unknown_fields = true;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &e, o).ok()) << json;
  return e;
}

TEST(WebhookInteropTest, SignedHereReceivedByNode) {
  if (!test::NodeSdkReady()) return;
  const std::string body = SampleBody();
  test::TempFile file(body);
  auto r = test::RunNode("interop_webhook.mjs", {"receive", kKey, kSecret, file.path(), SignHere(body)});
  ASSERT_EQ(r.exit_code, 0) << "Node SDK refused our webhook";
  auto ours = WebhookReceiver(kKey, kSecret).Receive(body, "", /*skip_auth=*/true);
  ASSERT_TRUE(ours.ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(ParseEvent(r.out), *ours)) << r.out;
}

TEST(WebhookInteropTest, SignedByNodeReceivedHere) {
  if (!test::NodeSdkReady()) return;
  const std::string body = SampleBody();
  test::TempFile file(body);
  auto auth = test::RunNode("interop_webhook.mjs", {"sign", kKey, kSecret, file.path()});
  ASSERT_EQ(auth.exit_code, 0);
  auto event = WebhookReceiver(kKey, kSecret).Receive(body, auth.out);
  ASSERT_TRUE(event.ok()) << event.error().ToString();
  EXPECT_EQ(event->event(), "participant_joined");
  EXPECT_EQ(event->participant().identity(), "agent-bob");
  EXPECT_EQ(event->room().name(), "support-call-4711");
}

TEST(WebhookInteropTest, TamperedBodiesAreRefusedOnBothSides) {
  if (!test::NodeSdkReady()) return;
  const std::string body = SampleBody();
  std::string tampered = body;
  tampered.replace(tampered.find("agent-bob"), 9, "agent-eve");
  test::TempFile original(body), changed(tampered);

  auto node_auth = test::RunNode("interop_webhook.mjs", {"sign", kKey, kSecret, original.path()});
  ASSERT_EQ(node_auth.exit_code, 0);
  auto here = WebhookReceiver(kKey, kSecret).Receive(tampered, node_auth.out);
  ASSERT_FALSE(here.ok());
  EXPECT_NE(here.error().message().find("hash mismatch"), std::string::npos);

  EXPECT_EQ(test::RunNode("interop_webhook.mjs", {"receive", kKey, kSecret, changed.path(), SignHere(body)})
                .exit_code,
            3);
}

}  // namespace
}  // namespace livekit
