// Every permission row for every one of the 88 methods (the agent services' `agent` claim
// included), in both encodings, over real
// sockets: the exact grant passes, each missing grant is 403, a bad signature or no token
// is 401, a room (or destination room) mismatch is 403.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/mock_server_process.h"
#include "services/method_table.h"
#include "support/mock_credentials.h"
#include "support/proto_json.h"

namespace livekit::test {
namespace {

using google::protobuf::Message;
using livekit::internal::MethodInfo;
using livekit::internal::RequiredGrant;

std::unique_ptr<Message> NewMessage(std::string_view name) {
  const auto* d = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(std::string(name));
  if (d == nullptr) return nullptr;
  return std::unique_ptr<Message>(google::protobuf::MessageFactory::generated_factory()->GetPrototype(d)->New());
}

void SetIfPresent(Message* m, const char* field, const std::string& value) {
  const auto* f = m->GetDescriptor()->FindFieldByName(field);
  if (f != nullptr && !f->is_repeated() && f->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
    m->GetReflection()->SetString(m, f, value);
  }
}

struct Grants {
  VideoGrant video;
  SipGrant sip;
  AgentGrant agent;
};

// The agent services answer per method (agent_services_test.cc), not by the id rule.
bool NeedsAgentClaim(const RequiredGrant& g) { return g.agent_admin || g.simulation_admin || g.database_admin; }

// Exactly the grant a method needs, scoped to room r1 and destination r2 when it must be.
Grants ExactGrant(const RequiredGrant& g) {
  Grants out;
  if (g.room_create) out.video.room_create = true;
  if (g.room_list) out.video.room_list = true;
  if (g.room_record) out.video.room_record = true;
  if (g.room_admin) out.video.room_admin = true;
  if (g.ingress_admin) out.video.ingress_admin = true;
  if (g.sip_admin) out.sip.admin = true;
  if (g.sip_call) out.sip.call = true;
  if (g.agent_admin) out.agent.admin = true;
  if (g.simulation_admin) out.agent.simulation_admin = true;
  if (g.database_admin) out.agent.database_admin = true;
  if (g.room_scoped) out.video.room = "r1";
  if (g.dest_scoped) out.video.destination_room = "r2";
  return out;
}

// The exact grant minus one of its permissions, one variant per permission the method needs.
std::vector<std::pair<std::string, Grants>> MissingOne(const RequiredGrant& g) {
  std::vector<std::pair<std::string, Grants>> out;
  const Grants exact = ExactGrant(g);
  auto add = [&](bool needed, const char* name, auto clear) {
    if (!needed) return;
    Grants copy = exact;
    clear(copy);
    out.emplace_back(name, copy);
  };
  add(g.room_create, "roomCreate", [](Grants& x) { x.video.room_create.reset(); });
  add(g.room_list, "roomList", [](Grants& x) { x.video.room_list.reset(); });
  add(g.room_record, "roomRecord", [](Grants& x) { x.video.room_record.reset(); });
  add(g.room_admin, "roomAdmin", [](Grants& x) { x.video.room_admin = false; });
  add(g.ingress_admin, "ingressAdmin", [](Grants& x) { x.video.ingress_admin.reset(); });
  add(g.sip_admin, "sip.admin", [](Grants& x) { x.sip.admin.reset(); });
  add(g.sip_call, "sip.call", [](Grants& x) { x.sip.call = false; });
  add(g.agent_admin, "agent.admin", [](Grants& x) { x.agent.admin = false; });
  add(g.simulation_admin, "agent.simulationAdmin", [](Grants& x) { x.agent.simulation_admin = false; });
  add(g.database_admin, "agent.databaseAdmin", [](Grants& x) { x.agent.database_admin = false; });
  return out;
}

std::vector<const MethodInfo*> Methods() {
  std::size_t n = 0;
  const MethodInfo* all = livekit::internal::AllMethods(&n);
  std::vector<const MethodInfo*> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(&all[i]);
  return out;
}

class PermissionTest : public ::testing::TestWithParam<const MethodInfo*> {
 protected:
  static void SetUpTestSuite() { server_ = new MockServerProcess(4); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  void SetUp() override {
    request_ = NewMessage(GetParam()->request);
    ASSERT_NE(request_, nullptr) << GetParam()->request;
    SetIfPresent(request_.get(), "room", "r1");
    SetIfPresent(request_.get(), "room_name", "r1");
    SetIfPresent(request_.get(), "destination_room", "r2");
  }

  // delayMs 0: the dialing methods answer at once instead of ringing 11 s.
  HttpResult Call(const std::string& auth, bool json) {
    std::vector<std::string> headers = {R"(X-Lk-Mock: {"delayMs":0})"};
    if (!auth.empty()) headers.push_back(auth);
    const std::string body = json ? ToJson(*request_) : request_->SerializeAsString();
    return Twirp(server_->url(1), std::string(GetParam()->service), std::string(GetParam()->method), body, json,
                 headers);
  }

  static std::string Auth(const Grants& g, const std::string& secret = kApiSecret) {
    AccessToken token(kApiKey, secret);
    token.set_identity("tester").set_video_grant(g.video).set_sip_grant(g.sip).set_agent_grant(g.agent);
    return "Authorization: Bearer " + token.ToJwt().value();
  }

  static MockServerProcess* server_;
  std::unique_ptr<Message> request_;
};

MockServerProcess* PermissionTest::server_ = nullptr;





// One test per method running every row: one server process per method, not per row.
class PermissionRows : public PermissionTest {
 protected:
  void ExactGrantPassesInBothEncodingsWithATypedResponse() {
    const std::string auth = Auth(ExactGrant(GetParam()->grant));
    for (bool json : {true, false}) {
      SCOPED_TRACE(json ? "json" : "protobuf");
      const HttpResult r = Call(auth, json);
      ASSERT_EQ(r.curl, CURLE_OK);
      ASSERT_EQ(r.status, 200) << r.body;
      EXPECT_EQ(r.Header("x-lk-mock-region"), "1");
      EXPECT_EQ(r.Header("content-type"), json ? "application/json" : "application/protobuf");
      auto response = NewMessage(GetParam()->response);
      ASSERT_NE(response, nullptr);
      if (json) {
        // Strict: every key must be a field of the response type.
        ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.body, response.get()).ok()) << r.body;
      } else {
        ASSERT_TRUE(response->ParseFromString(r.body));
      }
      // Rule 2 (or an echo) filled every top-level string id field.
      if (NeedsAgentClaim(GetParam()->grant)) continue;
      const auto* d = response->GetDescriptor();
      for (int i = 0; i < d->field_count(); ++i) {
        const auto* f = d->field(i);
        const std::string& name = f->name();
        const bool id = name == "id" || name == "sid" || (name.size() > 3 && name.substr(name.size() - 3) == "_id") ||
                        (name.size() > 4 && name.substr(name.size() - 4) == "_sid");
        if (!id || f->is_repeated() || f->type() != google::protobuf::FieldDescriptor::TYPE_STRING) continue;
        if (f->real_containing_oneof() != nullptr) continue;
        EXPECT_FALSE(response->GetReflection()->GetString(*response, f).empty()) << name;
      }
    }
  }

  void EachMissingGrantIs403() {
    for (const auto& [name, grants] : MissingOne(GetParam()->grant)) {
      const HttpResult r = Call(Auth(grants), true);
      EXPECT_EQ(r.status, 403) << "without " << name;
      EXPECT_EQ(nlohmann::json::parse(r.body)["code"], "permission_denied");
      EXPECT_EQ(nlohmann::json::parse(r.body)["msg"], "mock: permission_denied");
    }
    // A token with only an unrelated permission.
    VideoGrant unrelated;
    unrelated.room_join = true;
    unrelated.room = "r1";
    EXPECT_EQ(Call(AuthHeader(unrelated), false).status, 403);
  }

  void NoTokenOrBadSignatureIs401() {
    const Grants exact = ExactGrant(GetParam()->grant);
    for (const std::string& auth : {std::string(), Auth(exact, "not-the-secret"),
                                    std::string("Authorization: Bearer not.a.jwt"),
                                    std::string("Authorization: Basic ZGV2a2V5OnNlY3JldA==")}) {
      const HttpResult r = Call(auth, true);
      EXPECT_EQ(r.status, 401) << auth.substr(0, 30);
      EXPECT_EQ(nlohmann::json::parse(r.body)["code"], "unauthenticated");
      EXPECT_EQ(r.Header("x-lk-mock-region"), "");
    }
  }

  void RoomMismatchIs403() {
    const RequiredGrant& g = GetParam()->grant;
    if (!g.room_scoped && !g.dest_scoped) return;  // not room-scoped
    Grants other_room = ExactGrant(g);
    other_room.video.room = "another-room";
    EXPECT_EQ(Call(Auth(other_room), true).status, 403);
    Grants no_room = ExactGrant(g);
    no_room.video.room.reset();
    EXPECT_EQ(Call(Auth(no_room), false).status, 403);
    if (g.dest_scoped) {
      Grants other_dest = ExactGrant(g);
      other_dest.video.destination_room = "another-room";
      EXPECT_EQ(Call(Auth(other_dest), true).status, 403);
    }
  }

};

TEST_P(PermissionRows, EveryRow) {
  {
    SCOPED_TRACE("exact grant");
    ExactGrantPassesInBothEncodingsWithATypedResponse();
  }
  {
    SCOPED_TRACE("missing grant");
    EachMissingGrantIs403();
  }
  {
    SCOPED_TRACE("bad token");
    NoTokenOrBadSignatureIs401();
  }
  {
    SCOPED_TRACE("room mismatch");
    RoomMismatchIs403();
  }
}

INSTANTIATE_TEST_SUITE_P(AllMethods, PermissionRows, ::testing::ValuesIn(Methods()),
                         [](const ::testing::TestParamInfo<const MethodInfo*>& param_info) {
                           return std::string(param_info.param->service) + "_" +
                                  std::string(param_info.param->method);
                         });

TEST(PermissionTableTest, CoversThe88Methods) { EXPECT_EQ(Methods().size(), 88u); }

}  // namespace
}  // namespace livekit::test
