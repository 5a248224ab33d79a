// LiveKit Cloud's three agent services on lk-mock-server, over real sockets: every one of
// the 30 methods in both encodings answers exactly the populated message the mock documents
// (a few ids and echoes, one element in the lists, the rest empty), needs its own member of
// the token's `agent` claim (403 without it, 401 without a valid token), and honours the
// control header like every other method. --services splits the project and agents hosts.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <chrono>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "support/http_client.h"
#include "support/mock_credentials.h"
#include "support/mock_server_process.h"
#include "support/token_forge.h"

namespace livekit::test {
namespace {

using google::protobuf::Message;
using nlohmann::json;

std::unique_ptr<Message> NewMessage(const std::string& name) {
  const auto* d = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(name);
  if (d == nullptr) return nullptr;
  return std::unique_ptr<Message>(google::protobuf::MessageFactory::generated_factory()->GetPrototype(d)->New());
}

// Strict: every key must be a field of the message.
bool ParseStrict(const std::string& text, Message* m) {
  return google::protobuf::util::JsonStringToMessage(text, m).ok();
}

// "Authorization: Bearer <JWT>" whose payload carries `agent` (the claim's JSON, or nothing
// when empty), written by hand so the check is against the claim's wire form.
std::string AgentAuth(const std::string& agent, const std::string& secret = kApiSecret) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  std::string payload = R"({"iss":")" + std::string(kApiKey) + R"(","nbf":)" + std::to_string(now - 10) +
                        R"(,"exp":)" + std::to_string(now + 600);
  if (!agent.empty()) payload += R"(,"agent":)" + agent;
  payload += "}";
  return "Authorization: Bearer " + Forge(R"({"alg":"HS256","typ":"JWT"})", payload, secret);
}

// One method: its messages (full protobuf names), a request, and the exact answer expected.
struct Row {
  const char* service;
  const char* method;
  const char* request_type;
  const char* response_type;
  const char* request;   // proto3 JSON
  const char* expected;  // proto3 JSON of the whole answer: nothing else may be set
};

const Row kRows[] = {
    // CloudAgent (agent.admin).
    {"CloudAgent", "CreateAgent", "livekit.CreateAgentRequest", "livekit.CreateAgentResponse",
     R"({"agent_name":"a1","regions":["us-east"]})", R"({"agent_id":"MOCK_AGENT_ID","agent_name":"a1"})"},
    {"CloudAgent", "CreateAgentV2", "livekit.CreateAgentV2Request", "livekit.CreateAgentV2Response",
     R"({"regions":["us-east"]})", R"({"agent_id":"MOCK_AGENT_ID"})"},
    {"CloudAgent", "PromoteAgent", "livekit.PromoteAgentRequest", "livekit.PromoteAgentResponse",
     R"({"agent_id":"CA_1","src_deployment":"staging","dst_deployment":"production"})",
     R"({"agent_id":"CA_1","src_deployment":"staging","dst_deployment":"production"})"},
    {"CloudAgent", "ListAgents", "livekit.ListAgentsRequest", "livekit.ListAgentsResponse", R"({"agent_name":"a1"})",
     R"({"agents":[{"agent_id":"MOCK_AGENT_ID"}]})"},
    {"CloudAgent", "ListAgentVersions", "livekit.ListAgentVersionsRequest", "livekit.ListAgentVersionsResponse",
     R"({"agent_id":"CA_1"})", R"({"versions":[{}]})"},
    {"CloudAgent", "ListAgentSecrets", "livekit.ListAgentSecretsRequest", "livekit.ListAgentSecretsResponse",
     R"({"agent_id":"CA_1"})", R"({"secrets":[{}]})"},
    {"CloudAgent", "UpdateAgent", "livekit.UpdateAgentRequest", "livekit.UpdateAgentResponse",
     R"({"agent_id":"CA_1","regions":["eu"]})", "{}"},
    {"CloudAgent", "RestartAgent", "livekit.RestartAgentRequest", "livekit.RestartAgentResponse",
     R"({"agent_id":"CA_1"})", "{}"},
    {"CloudAgent", "DeployAgent", "livekit.DeployAgentRequest", "livekit.DeployAgentResponse",
     R"({"agent_id":"CA_1","deployment":"d1","attributes":{"k":"v"}})", R"({"agent_id":"CA_1","deployment":"d1"})"},
    {"CloudAgent", "DeployAgentV2", "livekit.DeployAgentV2Request", "livekit.DeployAgentV2Response",
     R"({"agent_id":"CA_2","deployment":"d2"})", R"({"agent_id":"CA_2","deployment":"d2"})"},
    {"CloudAgent", "UpdateAgentSecrets", "livekit.UpdateAgentSecretsRequest", "livekit.UpdateAgentSecretsResponse",
     R"({"agent_id":"CA_1","overwrite":true,"remove":["OLD"]})", "{}"},
    {"CloudAgent", "RollbackAgent", "livekit.RollbackAgentRequest", "livekit.RollbackAgentResponse",
     R"({"agent_id":"CA_1","version":"v2"})", "{}"},
    {"CloudAgent", "DeleteAgent", "livekit.DeleteAgentRequest", "livekit.DeleteAgentResponse",
     R"({"agent_id":"CA_1"})", "{}"},
    {"CloudAgent", "CreatePrivateLink", "livekit.CreatePrivateLinkRequest", "livekit.CreatePrivateLinkResponse",
     R"({"name":"db","region":"us-east","port":5432,"endpoint":"svc.example"})", "{}"},
    {"CloudAgent", "DestroyPrivateLink", "livekit.DestroyPrivateLinkRequest", "livekit.DestroyPrivateLinkResponse",
     R"({"private_link_id":"PL_1"})", "{}"},
    {"CloudAgent", "ListPrivateLinks", "livekit.ListPrivateLinksRequest", "livekit.ListPrivateLinksResponse", "{}",
     R"({"items":[{"private_link_id":"MOCK_PRIVATE_LINK_ID"}]})"},
    {"CloudAgent", "GetPrivateLinkStatus", "livekit.GetPrivateLinkStatusRequest",
     "livekit.GetPrivateLinkStatusResponse", R"({"private_link_id":"PL_1"})", "{}"},
    {"CloudAgent", "GetClientSettings", "livekit.ClientSettingsRequest", "livekit.ClientSettingsResponse", "{}",
     R"({"params":[{}]})"},
    // AgentSimulation (agent.simulationAdmin).
    {"AgentSimulation", "CreateSimulationRun", "livekit.SimulationRun.Create.Request",
     "livekit.SimulationRun.Create.Response", R"({"agent_name":"a1","num_simulations":3,"concurrency":2})",
     R"({"simulation_run_id":"MOCK_SIMULATION_RUN_ID"})"},
    {"AgentSimulation", "ConfirmSimulationSourceUpload", "livekit.SimulationRun.ConfirmSourceUpload.Request",
     "livekit.SimulationRun.ConfirmSourceUpload.Response",
     R"({"simulation_run_id":"SR_1","code_entrypoint":"agent.py"})", "{}"},
    {"AgentSimulation", "GetSimulationRun", "livekit.SimulationRun.Get.Request", "livekit.SimulationRun.Get.Response",
     R"({"project_id":"P_1","simulation_run_id":"SR_1"})", "{}"},
    {"AgentSimulation", "ListSimulationRuns", "livekit.SimulationRun.List.Request",
     "livekit.SimulationRun.List.Response", R"({"project_id":"P_1","agent_name":"a1"})",
     R"({"runs":[{"id":"MOCK_ID","project_id":"MOCK_PROJECT_ID"}]})"},
    {"AgentSimulation", "CountSimulationRuns", "livekit.SimulationRun.Counts.Request",
     "livekit.SimulationRun.Counts.Response", R"({"agent_name":"a1"})", R"({"buckets":[{}]})"},
    {"AgentSimulation", "CancelSimulationRun", "livekit.SimulationRun.Cancel.Request",
     "livekit.SimulationRun.Cancel.Response", R"({"simulation_run_id":"SR_1"})", "{}"},
    {"AgentSimulation", "CreateScenarioFromSession", "livekit.Scenario.CreateFromSession.Request",
     "livekit.Scenario.CreateFromSession.Response", R"({"room_id":"RM_1","region":"us-east"})", "{}"},
    // AgentDBService (agent.databaseAdmin).
    {"AgentDBService", "CreateDatabase", "livekit.AgentDB.CreateRequest", "livekit.AgentDB.CreateResponse",
     R"({"region":"us-east","ttl_seconds":"3600"})", R"({"database_id":"MOCK_DATABASE_ID"})"},
    {"AgentDBService", "GetDatabase", "livekit.AgentDB.GetRequest", "livekit.AgentDB.AgentDatabase",
     R"({"database_id":"DB_1"})", R"({"database_id":"DB_1"})"},
    {"AgentDBService", "ListDatabases", "livekit.AgentDB.ListRequest", "livekit.AgentDB.ListResponse",
     R"({"page_size":10})", R"({"databases":[{"database_id":"MOCK_DATABASE_ID"}]})"},
    {"AgentDBService", "DeleteDatabase", "livekit.AgentDB.DeleteRequest", "livekit.AgentDB.DeleteResponse",
     R"({"database_id":"DB_1"})", "{}"},
    {"AgentDBService", "DumpDatabase", "livekit.AgentDB.DumpRequest", "livekit.AgentDB.DumpResponse",
     R"({"database_id":"DB_1"})", "{}"},
};

// The `agent` member each service needs.
std::string Member(const std::string& service) {
  if (service == "CloudAgent") return "admin";
  if (service == "AgentSimulation") return "simulationAdmin";
  return "databaseAdmin";
}

// Every member true except `member`.
std::string AllBut(const std::string& member) {
  json agent = json::object();
  for (const char* m : {"admin", "simulationAdmin", "databaseAdmin"}) {
    if (m != member) agent[m] = true;
  }
  return agent.dump();
}

VideoGrant EveryVideoGrant() {
  VideoGrant v;
  v.room_create = true;
  v.room_list = true;
  v.room_record = true;
  v.room_admin = true;
  v.ingress_admin = true;
  return v;
}

SipGrant EverySipGrant() {
  SipGrant s;
  s.admin = true;
  s.call = true;
  return s;
}

// The string member `key` of a JSON body, or "(none)". (Not json::value() or find(): GCC 12
// sees a null dereference in them after inlining.)
std::string Str(const HttpResult& r, const char* key) {
  const json body = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return "(not an object)";
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string("(none)");
}

// The Twirp error code of an error body.
std::string Code(const HttpResult& r) { return Str(r, "code"); }

class AgentServicesTest : public ::testing::TestWithParam<Row> {
 protected:
  static void SetUpTestSuite() { server_ = new MockServerProcess(2); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // The row's request in one encoding, with `headers`, at region `region`.
  HttpResult Call(bool json_encoding, std::vector<std::string> headers, int region = 0) {
    const Row& row = GetParam();
    auto request = NewMessage(row.request_type);
    EXPECT_NE(request, nullptr) << row.request_type;
    if (request == nullptr) return {};
    EXPECT_TRUE(ParseStrict(row.request, request.get())) << row.request;
    const std::string body = json_encoding ? std::string(row.request) : request->SerializeAsString();
    return Twirp(server_->url(region), row.service, row.method, body, json_encoding, std::move(headers));
  }

  std::string ExactAuth() const { return AgentAuth(R"({")" + Member(GetParam().service) + R"(":true})"); }

  static MockServerProcess* server_;
};

MockServerProcess* AgentServicesTest::server_ = nullptr;

TEST_P(AgentServicesTest, BothEncodingsAnswerExactlyThePopulatedMessage) {
  const Row& row = GetParam();
  auto expected = NewMessage(row.response_type);
  ASSERT_NE(expected, nullptr) << row.response_type;
  ASSERT_TRUE(ParseStrict(row.expected, expected.get())) << row.expected;
  for (bool json_encoding : {true, false}) {
    SCOPED_TRACE(json_encoding ? "json" : "protobuf");
    const HttpResult r = Call(json_encoding, {ExactAuth()}, 1);
    ASSERT_EQ(r.curl, CURLE_OK);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("content-type"), json_encoding ? "application/json" : "application/protobuf");
    EXPECT_EQ(r.Header("x-lk-mock-region"), "1");
    auto answer = NewMessage(row.response_type);
    if (json_encoding) {
      ASSERT_TRUE(ParseStrict(r.body, answer.get())) << r.body;
    } else {
      ASSERT_TRUE(answer->ParseFromString(r.body));
    }
    std::string diff;
    google::protobuf::util::MessageDifferencer differ;
    differ.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differ.Compare(*expected, *answer)) << diff;
  }
}

TEST_P(AgentServicesTest, OnlyTheServicesOwnAgentMemberIsEnough) {
  const std::string member = Member(GetParam().service);
  struct Case {
    std::string what;
    std::string auth;
  };
  const Case denied[] = {
      {"the two other members", AgentAuth(AllBut(member))},
      {"the member false", AgentAuth(R"({")" + member + R"(":false})")},
      {"no agent claim", AgentAuth("")},
      {"every video and SIP grant", AuthHeader(EveryVideoGrant(), EverySipGrant())}};
  for (const auto& c : denied) {
    const HttpResult r = Call(true, {c.auth});
    EXPECT_EQ(r.status, 403) << c.what;
    EXPECT_EQ(Code(r), "permission_denied") << c.what;
    EXPECT_EQ(r.Header("x-lk-mock-region"), "") << c.what;
  }
  EXPECT_EQ(Call(false, {AgentAuth(AllBut(member))}).status, 403);
  // Every member true passes.
  EXPECT_EQ(Call(false, {AgentAuth(R"({"admin":true,"simulationAdmin":true,"databaseAdmin":true})")}).status, 200);
}

TEST_P(AgentServicesTest, NoTokenOrABadSignatureIs401) {
  const std::string exact = R"({")" + Member(GetParam().service) + R"(":true})";
  for (const std::string& auth : {std::string(), AgentAuth(exact, "not-the-secret"),
                                  std::string("Authorization: Bearer not.a.jwt")}) {
    for (bool json_encoding : {true, false}) {
      const HttpResult r = Call(json_encoding, auth.empty() ? std::vector<std::string>{} : std::vector{auth});
      EXPECT_EQ(r.status, 401) << auth.substr(0, 30);
      EXPECT_EQ(Code(r), "unauthenticated");
    }
  }
}

TEST_P(AgentServicesTest, AMalformedControlHeaderIsIgnoredAndSaysSo) {
  const HttpResult r = Call(false, {ExactAuth(), "X-Lk-Mock: {\"failRegions\":"});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("x-lk-mock-ignored"), "X-Lk-Mock: not valid JSON");
  // The same header well-formed fails the region, so the ignoring above is what made it pass.
  EXPECT_EQ(Call(false, {ExactAuth(), R"(X-Lk-Mock: {"failRegions":[0]})"}).status, 503);
  EXPECT_EQ(Call(false, {ExactAuth(), R"(X-Lk-Mock: {"failRegions":[0]})"}, 1).status, 200);
}

INSTANTIATE_TEST_SUITE_P(ThirtyMethods, AgentServicesTest, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row>& param_info) {
                           return std::string(param_info.param.service) + "_" + param_info.param.method;
                         });

TEST(AgentServicesTableTest, CoversThe30Methods) {
  EXPECT_EQ(std::size(kRows), 30u);
}

// A `response` in the control header replaces the default answer, as for every method: the
// way an upload test gets presigned fields (the default leaves them unset).
TEST(AgentServicesControlTest, AResponseOverrideSetsThePresignedFields) {
  MockServerProcess server(1);
  const std::string auth = AgentAuth(R"({"admin":true})");
  HttpResult r = Twirp(server.url(), "CloudAgent", "CreateAgent", R"({"agent_name":"a1"})", true, {auth});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body).count("presigned_url"), 0u) << r.body;
  EXPECT_EQ(json::parse(r.body).count("presigned_post_request"), 0u) << r.body;
  r = Twirp(server.url(), "CloudAgent", "CreateAgent", R"({"agent_name":"a1"})", true,
            {auth, R"(X-Lk-Mock: {"response":{"agent_id":"CA_9","presigned_url":"http://127.0.0.1:1/up"}})"});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Str(r, "presigned_url"), "http://127.0.0.1:1/up");
  EXPECT_EQ(Str(r, "agent_id"), "CA_9");
  EXPECT_EQ(json::parse(r.body).count("agent_name"), 0u);  // the override replaces, no echo
}

// --services: one mock as the project host, another as the agents host (CloudAgent), each
// with its own region list, so a test can prove which host a client called.
TEST(AgentServicesHostTest, ServicesSplitsTheProjectAndAgentsHosts) {
  MockServerProcess agents(2, {"--services", "agents"});
  MockServerProcess project(1, {"--services", "project"});
  const std::string admin = AgentAuth(R"({"admin":true,"simulationAdmin":true})");

  HttpResult r = Twirp(agents.url(1), "CloudAgent", "ListAgents", "{}", true, {admin});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("x-lk-mock-region"), "1");
  r = Twirp(agents.url(), "RoomService", "ListRooms", "{}", true, {RoomListAuth()});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Code(r), "bad_route");
  r = Twirp(agents.url(), "AgentSimulation", "ListSimulationRuns", "{}", true, {admin});
  EXPECT_EQ(r.status, 404);

  r = Twirp(project.url(), "CloudAgent", "ListAgents", "{}", true, {admin});
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(Str(r, "msg").find("agents host"), std::string::npos) << r.body;
  EXPECT_EQ(Twirp(project.url(), "RoomService", "ListRooms", "{}", true, {RoomListAuth()}).status, 200);
  EXPECT_EQ(Twirp(project.url(), "AgentSimulation", "ListSimulationRuns", "{}", true, {admin}).status, 200);

  // Region discovery works on the agents host as on any other, listing its own listeners.
  r = Http("GET", agents.url(1) + "/settings/regions");
  ASSERT_EQ(r.status, 200);
  const json regions = json::parse(r.body)["regions"];
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_EQ(regions[1]["url"], agents.url(1));
}

// By default every listener serves the agent services too, with failover between regions.
TEST(AgentServicesHostTest, EveryRegionServesThemByDefault) {
  MockServerProcess server(3);
  const std::string admin = AgentAuth(R"({"admin":true})");
  for (int region = 0; region < 3; ++region) {
    const HttpResult r = Twirp(server.url(region), "CloudAgent", "ListAgents", "", false,  // empty protobuf
                               {admin, R"(X-Lk-Mock: {"failRegions":[0]})"});
    EXPECT_EQ(r.status, region == 0 ? 503 : 200) << region;
  }
  EXPECT_EQ(Twirp(server.url(2), "RoomService", "ListRooms", "{}", true, {RoomListAuth()}).status, 200);
}

}  // namespace
}  // namespace livekit::test
