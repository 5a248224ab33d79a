#include "agent_responses.h"

#include <functional>
#include <string>
#include <vector>

#include "livekit_agent_simulation.pb.h"
#include "livekit_agentdb.pb.h"
#include "livekit_cloud_agent.pb.h"
#include "mock_ids.h"

namespace livekit::mock {
namespace {

using google::protobuf::Message;

// One method's answer, typed; `fill` refuses messages of other types instead of casting them.
struct Answer {
  std::string_view service;
  std::string_view method;
  std::function<bool(const Message&, Message*)> fill;
};

template <typename Request, typename Response, typename Fill>
Answer Typed(std::string_view service, std::string_view method, Fill fill) {
  return Answer{service, method, [fill](const Message& request, Message* response) {
                  if (request.GetDescriptor() != Request::descriptor() ||
                      response->GetDescriptor() != Response::descriptor()) {
                    return false;
                  }
                  fill(static_cast<const Request&>(request), static_cast<Response*>(response));
                  return true;
                }};
}

std::string Id(std::string_view id) { return std::string(id); }

// The populated methods; every other agent method answers an empty message.
std::vector<Answer> BuildAnswers() {
  std::vector<Answer> all;
  // CloudAgent.
  // CreateAgentRequest.agent_name is deprecated in the proto, yet clients still send it and
  // the answer echoes it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  all.push_back(Typed<CreateAgentRequest, CreateAgentResponse>("CloudAgent", "CreateAgent", [](const auto& q, auto* a) {
    a->set_agent_id(Id(kMockAgentId));
    a->set_agent_name(q.agent_name());
  }));
#pragma GCC diagnostic pop
  all.push_back(Typed<CreateAgentV2Request, CreateAgentV2Response>(
      "CloudAgent", "CreateAgentV2", [](const auto&, auto* a) { a->set_agent_id(Id(kMockAgentId)); }));
  all.push_back(Typed<PromoteAgentRequest, PromoteAgentResponse>("CloudAgent", "PromoteAgent", [](const auto& q, auto* a) {
    a->set_agent_id(q.agent_id());
    a->set_src_deployment(q.src_deployment());
    a->set_dst_deployment(q.dst_deployment());
  }));
  all.push_back(Typed<DeployAgentRequest, DeployAgentResponse>("CloudAgent", "DeployAgent", [](const auto& q, auto* a) {
    a->set_agent_id(q.agent_id());
    a->set_deployment(q.deployment());
  }));
  all.push_back(Typed<DeployAgentV2Request, DeployAgentV2Response>("CloudAgent", "DeployAgentV2", [](const auto& q, auto* a) {
    a->set_agent_id(q.agent_id());
    a->set_deployment(q.deployment());
  }));
  all.push_back(Typed<ListAgentsRequest, ListAgentsResponse>(
      "CloudAgent", "ListAgents", [](const auto&, auto* a) { a->add_agents()->set_agent_id(Id(kMockAgentId)); }));
  all.push_back(Typed<ListAgentVersionsRequest, ListAgentVersionsResponse>(
      "CloudAgent", "ListAgentVersions", [](const auto&, auto* a) { a->add_versions(); }));
  all.push_back(Typed<ListAgentSecretsRequest, ListAgentSecretsResponse>(
      "CloudAgent", "ListAgentSecrets", [](const auto&, auto* a) { a->add_secrets(); }));
  all.push_back(Typed<ClientSettingsRequest, ClientSettingsResponse>(
      "CloudAgent", "GetClientSettings", [](const auto&, auto* a) { a->add_params(); }));
  all.push_back(Typed<ListPrivateLinksRequest, ListPrivateLinksResponse>(
      "CloudAgent", "ListPrivateLinks",
      [](const auto&, auto* a) { a->add_items()->set_private_link_id(Id(kMockPrivateLinkId)); }));
  // AgentSimulation.
  all.push_back(Typed<SimulationRun_Create_Request, SimulationRun_Create_Response>(
      "AgentSimulation", "CreateSimulationRun",
      [](const auto&, auto* a) { a->set_simulation_run_id(Id(kMockSimulationRunId)); }));
  all.push_back(Typed<SimulationRun_List_Request, SimulationRun_List_Response>(
      "AgentSimulation", "ListSimulationRuns", [](const auto&, auto* a) {
        SimulationRun* run = a->add_runs();
        run->set_id(Id(kMockId));
        run->set_project_id(Id(kMockProjectId));
      }));
  all.push_back(Typed<SimulationRun_Counts_Request, SimulationRun_Counts_Response>(
      "AgentSimulation", "CountSimulationRuns", [](const auto&, auto* a) { a->add_buckets(); }));
  // AgentDBService.
  all.push_back(Typed<AgentDB_CreateRequest, AgentDB_CreateResponse>(
      "AgentDBService", "CreateDatabase", [](const auto&, auto* a) { a->set_database_id(Id(kMockDatabaseId)); }));
  all.push_back(Typed<AgentDB_GetRequest, AgentDB_AgentDatabase>(
      "AgentDBService", "GetDatabase", [](const auto& q, auto* a) { a->set_database_id(q.database_id()); }));
  all.push_back(Typed<AgentDB_ListRequest, AgentDB_ListResponse>(
      "AgentDBService", "ListDatabases",
      [](const auto&, auto* a) { a->add_databases()->set_database_id(Id(kMockDatabaseId)); }));
  return all;
}

}  // namespace

bool PopulateAgentResponse(const ApiMethod& method, const Message& request, Message* response) {
  const bool agent_service = method.service == "CloudAgent" || method.service == "AgentSimulation" ||
                             method.service == "AgentDBService";
  if (!agent_service) return false;
  static const std::vector<Answer> answers = BuildAnswers();
  for (const auto& a : answers) {
    if (a.service == method.service && a.method == method.method) {
      (void)a.fill(request, response);  // a type mismatch leaves the message empty
      break;
    }
  }
  return true;
}

}  // namespace livekit::mock
