// The 30 methods of LiveKit Cloud's agent services (CloudAgent, AgentSimulation,
// AgentDBService) against lk-mock-server, in both encodings and all three call forms: each
// call passes the mock's permission check with the least grant the SDK signs (no skipAuth),
// its populated answer decodes, a wrong grant is refused with 403, and an agent call fails
// over between the mock's regions from the host it went to.
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <mutex>
#include <vector>

#include "livekit/access_token.h"
#include "livekit/failover_events.h"
#include "livekit/livekit_api.h"
#include "livekit/logger.h"
#include "livekit/region_state.h"
#include "method_case.h"
#include "services/request_facts.h"
#include "support/mock_credentials.h"
#include "support/mock_stats.h"

namespace livekit::test {
namespace {

#define LK_CASE(client, Name, Req, Resp) LK_METHOD_CASE(client, Name, Req, Resp, )

const std::vector<MethodCase>& AgentCases() {
  static const std::vector<MethodCase> cases = {
    LK_CASE(cloud_agent, CreateAgent, CreateAgentRequest, CreateAgentResponse),
    LK_CASE(cloud_agent, CreateAgentV2, CreateAgentV2Request, CreateAgentV2Response),
    LK_CASE(cloud_agent, PromoteAgent, PromoteAgentRequest, PromoteAgentResponse),
    LK_CASE(cloud_agent, ListAgents, ListAgentsRequest, ListAgentsResponse),
    LK_CASE(cloud_agent, ListAgentVersions, ListAgentVersionsRequest, ListAgentVersionsResponse),
    LK_CASE(cloud_agent, ListAgentSecrets, ListAgentSecretsRequest, ListAgentSecretsResponse),
    LK_CASE(cloud_agent, UpdateAgent, UpdateAgentRequest, UpdateAgentResponse),
    LK_CASE(cloud_agent, RestartAgent, RestartAgentRequest, RestartAgentResponse),
    LK_CASE(cloud_agent, DeployAgent, DeployAgentRequest, DeployAgentResponse),
    LK_CASE(cloud_agent, DeployAgentV2, DeployAgentV2Request, DeployAgentV2Response),
    LK_CASE(cloud_agent, UpdateAgentSecrets, UpdateAgentSecretsRequest, UpdateAgentSecretsResponse),
    LK_CASE(cloud_agent, RollbackAgent, RollbackAgentRequest, RollbackAgentResponse),
    LK_CASE(cloud_agent, DeleteAgent, DeleteAgentRequest, DeleteAgentResponse),
    LK_CASE(cloud_agent, CreatePrivateLink, CreatePrivateLinkRequest, CreatePrivateLinkResponse),
    LK_CASE(cloud_agent, DestroyPrivateLink, DestroyPrivateLinkRequest, DestroyPrivateLinkResponse),
    LK_CASE(cloud_agent, ListPrivateLinks, ListPrivateLinksRequest, ListPrivateLinksResponse),
    LK_CASE(cloud_agent, GetPrivateLinkStatus, GetPrivateLinkStatusRequest, GetPrivateLinkStatusResponse),
    LK_CASE(cloud_agent, GetClientSettings, ClientSettingsRequest, ClientSettingsResponse),
    LK_CASE(agent_simulation, CreateSimulationRun, SimulationRun_Create_Request, SimulationRun_Create_Response),
    LK_CASE(agent_simulation, ConfirmSimulationSourceUpload, SimulationRun_ConfirmSourceUpload_Request,
            SimulationRun_ConfirmSourceUpload_Response),
    LK_CASE(agent_simulation, GetSimulationRun, SimulationRun_Get_Request, SimulationRun_Get_Response),
    LK_CASE(agent_simulation, ListSimulationRuns, SimulationRun_List_Request, SimulationRun_List_Response),
    LK_CASE(agent_simulation, CountSimulationRuns, SimulationRun_Counts_Request, SimulationRun_Counts_Response),
    LK_CASE(agent_simulation, CancelSimulationRun, SimulationRun_Cancel_Request, SimulationRun_Cancel_Response),
    LK_CASE(agent_simulation, CreateScenarioFromSession, Scenario_CreateFromSession_Request,
            Scenario_CreateFromSession_Response),
    LK_CASE(agentdb, CreateDatabase, AgentDB_CreateRequest, AgentDB_CreateResponse),
    LK_CASE(agentdb, GetDatabase, AgentDB_GetRequest, AgentDB_AgentDatabase),
    LK_CASE(agentdb, ListDatabases, AgentDB_ListRequest, AgentDB_ListResponse),
    LK_CASE(agentdb, DeleteDatabase, AgentDB_DeleteRequest, AgentDB_DeleteResponse),
    LK_CASE(agentdb, DumpDatabase, AgentDB_DumpRequest, AgentDB_DumpResponse),
  };
  return cases;
}

void RunAll(Encoding encoding, Form form) {
  MockServerProcess mock;
  // 127.0.0.1: the agents host is the mock itself (an IP address is kept as given).
  ClientOptions options = MockOptions(mock);
  options.encoding = encoding;
  auto api = LiveKitAPI::Create(options);
  ASSERT_TRUE(api.ok()) << api.error().ToString();
  ASSERT_EQ(AgentCases().size(), 30u);
  for (const auto& c : AgentCases()) {
    EXPECT_EQ(c.run(*api, form), "") << c.name;
  }
}

TEST(AgentMethods, AllProtobufBlocking) { RunAll(Encoding::kProtobuf, Form::kBlocking); }
TEST(AgentMethods, AllJsonBlocking) { RunAll(Encoding::kJson, Form::kBlocking); }
TEST(AgentMethods, AllProtobufFuture) { RunAll(Encoding::kProtobuf, Form::kFuture); }
TEST(AgentMethods, AllJsonCallback) { RunAll(Encoding::kJson, Form::kCallback); }

TEST(AgentMethods, TheCheckerCatchesAnUnpopulatedAnswer) {
  MockServerProcess mock;
  // An empty replacement answer: MOCK_ ids and one-element lists go missing, and the check
  // of the tests above must say so.
  auto api = LiveKitAPI::Create(MockOptions(mock, R"({"response":{}})"));
  ASSERT_TRUE(api.ok());
  int caught = 0;
  for (const auto& c : AgentCases()) {
    std::string mismatch = c.run(*api, Form::kBlocking);
    EXPECT_EQ(mismatch.find("call failed"), std::string::npos) << c.name << ": " << mismatch;
    if (!mismatch.empty()) ++caught;
  }
  EXPECT_GE(caught, 8);
}

TEST(AgentMethods, MockIdsAndEchoesConcretely) {
  MockServerProcess mock;
  for (Encoding enc : {Encoding::kProtobuf, Encoding::kJson}) {
    SCOPED_TRACE(enc == Encoding::kJson ? "json" : "protobuf");
    ClientOptions o = MockOptions(mock);
    o.encoding = enc;
    CloudAgentClient agents(o);
    CreateAgentRequest create;
    // agent_name is deprecated in the request (its accessors warn) but still echoed.
    create.GetReflection()->SetString(&create, create.GetDescriptor()->FindFieldByName("agent_name"), "my-agent");
    auto created = agents.CreateAgent(create);
    ASSERT_TRUE(created.ok()) << created.error().ToString();
    EXPECT_EQ(created->agent_id(), "MOCK_AGENT_ID");
    EXPECT_EQ(created->agent_name(), "my-agent");
    auto listed = agents.ListAgents({});
    ASSERT_TRUE(listed.ok()) << listed.error().ToString();
    ASSERT_EQ(listed->agents_size(), 1);
    EXPECT_EQ(listed->agents(0).agent_id(), "MOCK_AGENT_ID");

    AgentSimulationClient simulations(o);
    auto run = simulations.CreateSimulationRun({});
    ASSERT_TRUE(run.ok()) << run.error().ToString();
    EXPECT_EQ(run->simulation_run_id(), "MOCK_SIMULATION_RUN_ID");

    AgentDBClient databases(o);
    AgentDB_GetRequest get;
    get.set_database_id("db-1");
    auto db = databases.GetDatabase(get);
    ASSERT_TRUE(db.ok()) << db.error().ToString();
    EXPECT_EQ(db->database_id(), "db-1");
  }
}

// A client of `mock` that sends `token` verbatim.
ClientOptions WithToken(const MockServerProcess& mock, const AgentGrant& agent, const VideoGrant* video = nullptr) {
  AccessToken t(kApiKey, kApiSecret);
  t.set_agent_grant(agent);
  if (video != nullptr) t.set_video_grant(*video);
  ClientOptions o;
  o.url = mock.url();
  o.token = t.ToJwt().value();
  return o;
}

void ExpectPermissionDenied(const Error& e, const char* what) {
  EXPECT_EQ(e.code(), ErrorCode::kServerRejection) << what << ": " << e.ToString();
  EXPECT_EQ(e.http_status(), 403) << what;
  EXPECT_EQ(e.twirp_code(), "permission_denied") << what;
}

TEST(AgentMethods, WrongGrantIsRefusedWith403) {
  MockServerProcess mock;
  AgentGrant admin;
  admin.admin = true;
  {
    // agent.admin: CloudAgent only.
    LiveKitAPI api(WithToken(mock, admin));
    EXPECT_TRUE(api.cloud_agent().ListAgents({}).ok());
    auto sim = api.agent_simulation().ListSimulationRuns({});
    ASSERT_FALSE(sim.ok());
    ExpectPermissionDenied(sim.error(), "ListSimulationRuns with agent.admin");
    auto db = api.agentdb().ListDatabases({});
    ASSERT_FALSE(db.ok());
    ExpectPermissionDenied(db.error(), "ListDatabases with agent.admin");
  }
  {
    AgentGrant simulation;
    simulation.simulation_admin = true;
    LiveKitAPI api(WithToken(mock, simulation));
    EXPECT_TRUE(api.agent_simulation().CountSimulationRuns({}).ok());
    auto agents = api.cloud_agent().DeployAgent({});
    ASSERT_FALSE(agents.ok());
    ExpectPermissionDenied(agents.error(), "DeployAgent with agent.simulationAdmin");
    auto db = api.agentdb().DumpDatabase({});
    ASSERT_FALSE(db.ok());
    ExpectPermissionDenied(db.error(), "DumpDatabase with agent.simulationAdmin");
  }
  {
    AgentGrant database;
    database.database_admin = true;
    LiveKitAPI api(WithToken(mock, database));
    EXPECT_TRUE(api.agentdb().DeleteDatabase({}).ok());
    auto agents = api.cloud_agent().GetClientSettings({});
    ASSERT_FALSE(agents.ok());
    ExpectPermissionDenied(agents.error(), "GetClientSettings with agent.databaseAdmin");
  }
  {
    // Every video permission, no agent claim.
    VideoGrant all;
    all.room_create = true;
    all.room_list = true;
    all.room_record = true;
    all.room_admin = true;
    all.ingress_admin = true;
    LiveKitAPI api(WithToken(mock, AgentGrant{}, &all));
    EXPECT_TRUE(api.room().ListRooms({}).ok());
    auto agents = api.cloud_agent().ListAgents({});
    ASSERT_FALSE(agents.ok());
    ExpectPermissionDenied(agents.error(), "ListAgents with video grants only");
  }
}

// --- failover of an agent call between mock regions ---

struct AttemptRecorder : FailoverListener {
  void OnAttemptFinished(const AttemptFinishedEvent& e) override {
    std::lock_guard<std::mutex> lock(mu);
    hosts.push_back(e.attempt.host);
  }
  std::vector<std::string> Hosts() {
    std::lock_guard<std::mutex> lock(mu);
    return hosts;
  }
  std::mutex mu;
  std::vector<std::string> hosts;
};

std::string HostOf(const MockServerProcess& mock, int region) { return "127.0.0.1:" + std::to_string(mock.port(region)); }

// Failover forced (127.0.0.1 is no Cloud host), its own region state, nothing logged.
ClientOptions FailoverOptionsOf(const MockServerProcess& mock, const std::string& control,
                                std::shared_ptr<AttemptRecorder> recorder) {
  ClientOptions o = MockOptions(mock, control);
  o.failover.force = true;
  o.failover.region_state = std::make_shared<RegionState>();
  o.failover.listener = std::move(recorder);
  o.failover.logger = MakeNullLogger();
  return o;
}

TEST(AgentFailover, AgentCallFailsOverFromTheAgentsHostItWentTo) {
  MockServerProcess mock(3);
  ResetMockStats(mock);
  auto recorder = std::make_shared<AttemptRecorder>();
  // The project URL is region 0, the agents host region 2, which fails: the call starts on
  // region 2, discovers the regions from region 2's /settings/regions and goes on to the
  // first other region of the list.
  ClientOptions o = FailoverOptionsOf(mock, R"({"failRegions":[2]})", recorder);
  o.agents_url = mock.url(2);
  CloudAgentClient agents(o);
  auto listed = agents.ListAgents({});
  ASSERT_TRUE(listed.ok()) << listed.error().ToString();
  EXPECT_EQ(recorder->Hosts(), (std::vector<std::string>{HostOf(mock, 2), HostOf(mock, 0)}));
  auto s = ReadMockStats(mock);
  EXPECT_EQ(s[2].api_calls, 1);
  EXPECT_EQ(s[2].discoveries, 1);
  EXPECT_EQ(s[0].discoveries, 0) << "discovery went to the project host, not the agents host";
  EXPECT_EQ(s[0].successes, 1);
}

TEST(AgentFailover, SideEffectingAgentCallFailsOverUnderTheDefaultPolicy) {
  MockServerProcess mock(2);
  ResetMockStats(mock);
  auto recorder = std::make_shared<AttemptRecorder>();
  // A 500 from region 0: as for every method, the default policy replays any method.
  AgentSimulationClient simulations(FailoverOptionsOf(mock, R"({"failRegions":[0]})", recorder));
  auto run = simulations.CreateSimulationRun({});
  ASSERT_TRUE(run.ok()) << run.error().ToString();
  EXPECT_EQ(recorder->Hosts(), (std::vector<std::string>{HostOf(mock, 0), HostOf(mock, 1)}));
  EXPECT_EQ(ReadMockStats(mock)[0].discoveries, 1);
}

TEST(AgentFailover, WithoutForceA127AgentsHostGetsOneAttempt) {
  MockServerProcess mock(2);
  ResetMockStats(mock);
  auto recorder = std::make_shared<AttemptRecorder>();
  ClientOptions o = FailoverOptionsOf(mock, R"({"failRegions":[0]})", recorder);
  o.failover.force = false;  // 127.0.0.1 is not a LiveKit Cloud host
  CloudAgentClient agents(o);
  auto r = agents.RestartAgent({});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kServerFailure) << r.error().ToString();
  EXPECT_EQ(recorder->Hosts(), (std::vector<std::string>{HostOf(mock, 0)}));
  EXPECT_EQ(ReadMockStats(mock)[0].discoveries, 0);
}

}  // namespace
}  // namespace livekit::test
