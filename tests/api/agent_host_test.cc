// LiveKit Cloud's agent services without a server: which host each one's calls go to (the
// agents host rule, LK_AGENTS_URL, ClientOptions::agents_url) and the token each signs (the
// `agent` claim alone, with the one member the service needs).
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "common/base64.h"
#include "livekit/livekit_api.h"
#include "livekit/token_verifier.h"
#include "livekit_agent_simulation.pb.h"
#include "livekit_agentdb.pb.h"
#include "livekit_cloud_agent.pb.h"
#include "livekit_room.pb.h"
#include "services/api_connection.h"
#include "services/method_table.h"
#include "services/request_facts.h"
#include "services/resolved_options.h"
#include "support/mock_credentials.h"
#include "support/fake_environment.h"

namespace livekit::internal {
namespace {

// The variables a test gives, and no others.
EnvLookup Env(std::map<std::string, std::string> vars) { return test::FakeEnvironment(std::move(vars)); }

// The agents origin and path prefix the options resolve to ("" origin: not usable).
struct AgentsHost {
  std::string origin;
  std::string path_prefix;
};
AgentsHost Resolve(ClientOptions o, std::map<std::string, std::string> env = {}) {
  if (o.api_key.empty()) {
    o.api_key = "k";
    o.api_secret = "s";
  }
  auto r = ResolveClientOptions(std::move(o), Env(std::move(env)));
  EXPECT_TRUE(r.ok()) << r.error().ToString();
  if (!r.ok() || !r->agents.ok()) return {};
  return {r->agents->origin, r->agents->path_prefix};
}
ClientOptions Url(std::string url) {
  ClientOptions o;
  o.url = std::move(url);
  return o;
}

TEST(AgentsHost, CloudProjectUrlBecomesTheAgentsHost) {
  EXPECT_EQ(AgentsUrlOf("wss://proj.livekit.cloud"), "https://agents.livekit.cloud");
  EXPECT_EQ(AgentsUrlOf("https://proj.livekit.cloud"), "https://agents.livekit.cloud");
  EXPECT_EQ(AgentsUrlOf("ws://proj.livekit.cloud"), "https://agents.livekit.cloud");  // https forced
  EXPECT_EQ(AgentsUrlOf("http://my-lk.example.com:7880/base"), "https://agents.example.com:7880/base");
  EXPECT_EQ(Resolve(Url("wss://proj.livekit.cloud")).origin, "https://agents.livekit.cloud");
  EXPECT_EQ(Resolve(Url("wss://proj.livekit.cloud")).path_prefix, "/twirp");
  EXPECT_EQ(Resolve(Url("wss://proj.livekit.cloud/base/")).path_prefix, "/base/twirp");
}

TEST(AgentsHost, LocalhostAndIpAddressesAreKeptAsGiven) {
  // Upstream's rule would make agents.0.0.1 of 127.0.0.1: a name of no server.
  EXPECT_EQ(AgentsUrlOf("http://127.0.0.1:7880"), "http://127.0.0.1:7880");
  EXPECT_EQ(AgentsUrlOf("ws://127.0.0.1:7880"), "http://127.0.0.1:7880");
  EXPECT_EQ(AgentsUrlOf("http://localhost:7880"), "http://localhost:7880");
  EXPECT_EQ(AgentsUrlOf("wss://localhost"), "https://localhost");
  EXPECT_EQ(AgentsUrlOf("http://[::1]:7880"), "http://[::1]:7880");
  EXPECT_EQ(AgentsUrlOf("http://[::ffff:10.0.0.1]:7880"), "http://[::ffff:10.0.0.1]:7880");
  EXPECT_EQ(Resolve(Url("http://127.0.0.1:7880")).origin, "http://127.0.0.1:7880");
  EXPECT_EQ(Resolve(Url("http://localhost:7880")).origin, "http://localhost:7880");
  EXPECT_EQ(AgentsUrlOf("not a url"), std::nullopt);
}

TEST(AgentsHost, EnvironmentVariableWinsOverTheDerivedHost) {
  const AgentsHost h = Resolve(Url("wss://proj.livekit.cloud"), {{"LK_AGENTS_URL", "https://agents-staging.example"}});
  EXPECT_EQ(h.origin, "https://agents-staging.example");
  EXPECT_EQ(h.path_prefix, "/twirp");
  // Verbatim: no label replaced, scheme kept.
  EXPECT_EQ(Resolve(Url("wss://proj.livekit.cloud"), {{"LK_AGENTS_URL", "http://10.1.2.3:9000"}}).origin,
            "http://10.1.2.3:9000");
  // Empty is unset.
  EXPECT_EQ(Resolve(Url("wss://proj.livekit.cloud"), {{"LK_AGENTS_URL", ""}}).origin, "https://agents.livekit.cloud");
}

TEST(AgentsHost, OptionWinsOverTheEnvironmentVariable) {
  ClientOptions o = Url("wss://proj.livekit.cloud");
  o.agents_url = "https://agents.eu.example:8443/x";
  const AgentsHost h = Resolve(o, {{"LK_AGENTS_URL", "https://from-env.example"}});
  EXPECT_EQ(h.origin, "https://agents.eu.example:8443");
  EXPECT_EQ(h.path_prefix, "/x/twirp");
}

TEST(AgentsHost, UnusableOptionFailsTheClientButUnusableVariableOnlyTheAgentCalls) {
  ClientOptions bad = Url("wss://proj.livekit.cloud");
  bad.api_key = "k";
  bad.api_secret = "s";
  bad.agents_url = "ftp://agents.example";
  auto r = ResolveClientOptions(bad, Env({}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.error().message().find("agents_url"), std::string::npos) << r.error().message();

  ClientOptions o = Url("wss://proj.livekit.cloud");
  o.api_key = "k";
  o.api_secret = "s";
  auto env_bad = ResolveClientOptions(o, Env({{"LK_AGENTS_URL", "agents.example?token=abc"}}));
  ASSERT_TRUE(env_bad.ok()) << env_bad.error().ToString();
  ASSERT_FALSE(env_bad->agents.ok());
  EXPECT_EQ(env_bad->agents.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(env_bad->agents.error().message().find("LK_AGENTS_URL"), std::string::npos);
  EXPECT_EQ(env_bad->agents.error().message().find("abc"), std::string::npos) << "the URL is never quoted";
}

// --- which host each service's calls go to, and their token ---

ClientOptions Keyed(std::string url) { return test::DevKeyOptions(std::move(url)); }

template <typename Req>
CallSpec SpecOf(const ApiConnection& c, std::string_view service, std::string_view method) {
  Req req;
  auto spec = c.BuildSpec(RequireMethod(service, method), req, FactsOf(req), CallOptions{});
  EXPECT_TRUE(spec.ok()) << spec.error().ToString();
  return spec.ok() ? std::move(*spec) : CallSpec{};
}

TEST(AgentServices, CloudAgentGoesToTheAgentsHostTheOthersToTheProjectUrl) {
  ClientOptions o = Keyed("wss://proj.livekit.cloud");
  o.agents_url = "https://agents.example.test";
  ApiConnection c(o);
  ASSERT_TRUE(c.status().ok());
  const CallSpec agent = SpecOf<ListAgentsRequest>(c, "CloudAgent", "ListAgents");
  EXPECT_EQ(agent.origin, "https://agents.example.test");
  EXPECT_EQ(agent.path, "/twirp/livekit.CloudAgent/ListAgents");
  ASSERT_NE(agent.parsed_origin, nullptr);
  EXPECT_EQ(agent.parsed_origin->key, "agents.example.test");  // failover's origin: the agents host
  const CallSpec sim = SpecOf<SimulationRun_List_Request>(c, "AgentSimulation", "ListSimulationRuns");
  EXPECT_EQ(sim.origin, "https://proj.livekit.cloud");
  EXPECT_EQ(sim.path, "/twirp/livekit.AgentSimulation/ListSimulationRuns");
  ASSERT_NE(sim.parsed_origin, nullptr);
  EXPECT_EQ(sim.parsed_origin->key, "proj.livekit.cloud");
  const CallSpec db = SpecOf<AgentDB_ListRequest>(c, "AgentDBService", "ListDatabases");
  EXPECT_EQ(db.origin, "https://proj.livekit.cloud");
  const CallSpec rooms = SpecOf<ListRoomsRequest>(c, "RoomService", "ListRooms");
  EXPECT_EQ(rooms.origin, "https://proj.livekit.cloud");
}

TEST(AgentServices, DerivedAgentsHostIsUsedWithoutAnOption) {
  ApiConnection c(Keyed("wss://proj.livekit.cloud"));
  if (std::getenv("LK_AGENTS_URL") != nullptr) GTEST_SKIP() << "LK_AGENTS_URL is set in this environment";
  EXPECT_EQ((SpecOf<ListAgentsRequest>(c, "CloudAgent", "ListAgents").origin), "https://agents.livekit.cloud");
}

// The JWT payload as JSON (signature checked by the verifier).
nlohmann::json Payload(const CallSpec& spec) {
  std::string auth(FindHeader(spec.headers, "Authorization"));
  EXPECT_EQ(auth.rfind("Bearer ", 0), 0u);
  const std::string jwt = auth.substr(7);
  EXPECT_TRUE(TokenVerifier("devkey", "secret").Verify(jwt).ok());
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first + 1);
  std::string payload;
  EXPECT_TRUE(Base64UrlDecode(std::string_view(jwt).substr(first + 1, second - first - 1), &payload));
  return nlohmann::json::parse(payload);
}

void ExpectOnlyAgentMember(const CallSpec& spec, const char* member) {
  const nlohmann::json p = Payload(spec);
  std::set<std::string> keys;
  for (auto it = p.begin(); it != p.end(); ++it) keys.insert(it.key());
  keys.erase("iat");  // written or not, as for every token of the SDK
  EXPECT_EQ(keys, (std::set<std::string>{"iss", "nbf", "exp", "agent"})) << p.dump();
  EXPECT_EQ(p["agent"], nlohmann::json({{member, true}})) << p.dump();
  EXPECT_EQ(p["iss"], "devkey");
}

TEST(AgentServices, EachServiceSignsTheAgentClaimAloneWithItsOneMember) {
  ApiConnection c(Keyed("http://127.0.0.1:1"));
  ExpectOnlyAgentMember(SpecOf<ListAgentsRequest>(c, "CloudAgent", "ListAgents"), "admin");
  ExpectOnlyAgentMember(SpecOf<DeployAgentRequest>(c, "CloudAgent", "DeployAgent"), "admin");
  ExpectOnlyAgentMember(SpecOf<SimulationRun_Get_Request>(c, "AgentSimulation", "GetSimulationRun"),
                        "simulationAdmin");
  ExpectOnlyAgentMember(SpecOf<SimulationRun_Counts_Request>(c, "AgentSimulation", "CountSimulationRuns"),
                        "simulationAdmin");
  ExpectOnlyAgentMember(SpecOf<AgentDB_DumpRequest>(c, "AgentDBService", "DumpDatabase"), "databaseAdmin");
  // The token cache tells the three grants apart (and from the core services' grants).
  const nlohmann::json rooms = Payload(SpecOf<ListRoomsRequest>(c, "RoomService", "ListRooms"));
  EXPECT_FALSE(rooms.contains("agent"));
  ExpectOnlyAgentMember(SpecOf<ListAgentsRequest>(c, "CloudAgent", "ListAgents"), "admin");
}

// The three forms, and `{}` as a default request, as for every method.
template <typename C>
const C& Client();
static_assert(std::is_same_v<decltype(Client<CloudAgentClient>().ListAgents({})), Result<ListAgentsResponse>>);
static_assert(std::is_same_v<decltype(Client<CloudAgentClient>().DeployAgentAsync(DeployAgentRequest{})),
                             std::future<Result<DeployAgentResponse>>>);
static_assert(std::is_same_v<decltype(Client<AgentSimulationClient>().CountSimulationRunsAsync(
                                 SimulationRun_Counts_Request{}, std::function<void(Result<SimulationRun_Counts_Response>)>())),
                             CallHandle>);
static_assert(std::is_same_v<decltype(Client<AgentDBClient>().GetDatabase({}, CallOptions{})),
                             Result<AgentDB_AgentDatabase>>);
static_assert(std::is_same_v<decltype(std::declval<const LiveKitAPI&>().cloud_agent()), const CloudAgentClient&>);
static_assert(std::is_same_v<decltype(std::declval<LiveKitAPI&>().agent_simulation()), AgentSimulationClient&>);
static_assert(std::is_same_v<decltype(std::declval<LiveKitAPI&>().agentdb()), AgentDBClient&>);

TEST(AgentServices, ThirtyMethodsOnTheirHostsWithTheirGrantAndReplayKind) {
  std::size_t n = 0;
  const MethodInfo* all = AllMethods(&n);
  std::map<std::string, int> per_service;
  for (std::size_t i = 0; i < n; ++i) {
    const MethodInfo& m = all[i];
    const RequiredGrant& g = m.grant;
    const int agent_members = int(g.agent_admin) + int(g.simulation_admin) + int(g.database_admin);
    if (m.service == "CloudAgent" || m.service == "AgentSimulation" || m.service == "AgentDBService") {
      ++per_service[std::string(m.service)];
      EXPECT_EQ(agent_members, 1) << m.method;
      EXPECT_FALSE(g.room_create || g.room_list || g.room_record || g.room_admin || g.ingress_admin || g.sip_admin ||
                   g.sip_call || g.room_scoped || g.dest_scoped)
          << m.method;
      EXPECT_EQ(m.host == ServiceHost::kAgents, m.service == "CloudAgent") << m.method;
      EXPECT_EQ(g.agent_admin, m.service == "CloudAgent") << m.method;
      EXPECT_EQ(g.simulation_admin, m.service == "AgentSimulation") << m.method;
      EXPECT_EQ(g.database_admin, m.service == "AgentDBService") << m.method;
      const std::string name(m.method);
      const bool reads = name.rfind("List", 0) == 0 || name.rfind("Get", 0) == 0 || name.rfind("Count", 0) == 0 ||
                         name.rfind("Dump", 0) == 0;
      const bool creates = name.rfind("Create", 0) == 0 || name.rfind("Deploy", 0) == 0;
      const MethodKind expected =
          reads ? MethodKind::kRead : creates ? MethodKind::kSideEffect : MethodKind::kIdempotentWrite;
      EXPECT_EQ(m.kind, expected) << name;
    } else {
      EXPECT_EQ(agent_members, 0) << m.method;
      EXPECT_EQ(m.host, ServiceHost::kProject) << m.method;
    }
  }
  EXPECT_EQ(per_service, (std::map<std::string, int>{{"CloudAgent", 18}, {"AgentSimulation", 7}, {"AgentDBService", 5}}));
}

}  // namespace
}  // namespace livekit::internal
