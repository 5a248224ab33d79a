// The method table is the single source of grants, message types and replay classes.

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "livekit_agent_dispatch.pb.h"
#include "livekit_agent_simulation.pb.h"
#include "livekit_agentdb.pb.h"
#include "livekit_cloud_agent.pb.h"
#include "livekit_connector.pb.h"
#include "livekit_connector_twilio.pb.h"
#include "livekit_connector_whatsapp.pb.h"
#include "livekit_egress.pb.h"
#include "livekit_ingress.pb.h"
#include "livekit_phone_number.pb.h"
#include "livekit_room.pb.h"
#include "livekit_sip.pb.h"
#include "services/method_table.h"

namespace livekit::internal {
namespace {

TEST(MethodTable, ListsThe88MethodsOfTenServicesOnce) {
  std::size_t n = 0;
  const MethodInfo* all = AllMethods(&n);
  ASSERT_EQ(n, 88u);
  std::set<std::string> names, services;
  for (std::size_t i = 0; i < n; ++i) {
    names.insert(std::string(all[i].service) + "/" + std::string(all[i].method));
    services.insert(std::string(all[i].service));
  }
  EXPECT_EQ(names.size(), 88u);
  EXPECT_EQ(services, (std::set<std::string>{"RoomService", "Egress", "Ingress", "SIP", "AgentDispatchService",
                                             "Connector", "PhoneNumberService", "CloudAgent", "AgentSimulation",
                                             "AgentDBService"}));
}

TEST(MethodTable, EveryMessageTypeExistsInTheCompiledProtocol) {
  std::size_t n = 0;
  const MethodInfo* all = AllMethods(&n);
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_NE(pool->FindMessageTypeByName(std::string(all[i].request)), nullptr) << all[i].request;
    EXPECT_NE(pool->FindMessageTypeByName(std::string(all[i].response)), nullptr) << all[i].response;
  }
}

TEST(MethodTable, RoomScopedMethodsHaveARoomField) {
  std::size_t n = 0;
  const MethodInfo* all = AllMethods(&n);
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (std::size_t i = 0; i < n; ++i) {
    const auto* d = pool->FindMessageTypeByName(std::string(all[i].request));
    ASSERT_NE(d, nullptr);
    if (all[i].grant.room_scoped) {
      EXPECT_TRUE(d->FindFieldByName("room") || d->FindFieldByName("room_name")) << all[i].method;
    }
    if (all[i].grant.dest_scoped) {
      EXPECT_NE(d->FindFieldByName("destination_room"), nullptr) << all[i].method;
    }
    if (all[i].timeout_rule != TimeoutRule::kDefault) {
      EXPECT_NE(d->FindFieldByName("ringing_timeout"), nullptr) << all[i].method;
    }
    if (all[i].timeout_rule == TimeoutRule::kDialingIfWaitAnswered) {
      EXPECT_NE(d->FindFieldByName("wait_until_answered"), nullptr) << all[i].method;
    }
  }
}

TEST(MethodTable, GrantsFollowTheApiSurface) {
  const auto* create = FindMethod("RoomService", "CreateRoom");
  ASSERT_NE(create, nullptr);
  EXPECT_TRUE(create->grant.room_create);
  EXPECT_FALSE(create->grant.room_scoped);
  const auto* move = FindMethod("RoomService", "MoveParticipant");
  ASSERT_NE(move, nullptr);
  EXPECT_TRUE(move->grant.room_admin && move->grant.room_scoped && move->grant.dest_scoped);
  const auto* transfer = FindMethod("SIP", "TransferSIPParticipant");
  ASSERT_NE(transfer, nullptr);
  EXPECT_TRUE(transfer->grant.sip_call && transfer->grant.room_admin && transfer->grant.room_scoped);
  EXPECT_EQ(transfer->timeout_rule, TimeoutRule::kDialing);
  const auto* dial = FindMethod("SIP", "CreateSIPParticipant");
  ASSERT_NE(dial, nullptr);
  EXPECT_TRUE(dial->grant.sip_call);
  EXPECT_FALSE(dial->grant.sip_admin);
  EXPECT_EQ(dial->kind, MethodKind::kSideEffect);
  EXPECT_EQ(FindMethod("Connector", "AcceptWhatsAppCall")->timeout_rule, TimeoutRule::kDialing);
  EXPECT_EQ(FindMethod("RoomService", "ListRooms")->kind, MethodKind::kRead);
  EXPECT_EQ(FindMethod("Egress", "StartEgress")->kind, MethodKind::kSideEffect);
  EXPECT_EQ(FindMethod("RoomService", "Nope"), nullptr);
}

TEST(MethodTable, AgentServicesNeedOneMemberOfTheAgentClaim) {
  const auto* deploy = FindMethod("CloudAgent", "DeployAgent");
  ASSERT_NE(deploy, nullptr);
  EXPECT_TRUE(deploy->grant.agent_admin);
  EXPECT_FALSE(deploy->grant.simulation_admin || deploy->grant.database_admin || deploy->grant.room_admin);
  EXPECT_EQ(deploy->kind, MethodKind::kSideEffect);
  EXPECT_EQ(deploy->host, ServiceHost::kAgents);
  EXPECT_EQ(FindMethod("CloudAgent", "RollbackAgent")->kind, MethodKind::kIdempotentWrite);
  EXPECT_EQ(FindMethod("CloudAgent", "GetClientSettings")->request, "livekit.ClientSettingsRequest");
  const auto* count = FindMethod("AgentSimulation", "CountSimulationRuns");
  ASSERT_NE(count, nullptr);
  EXPECT_TRUE(count->grant.simulation_admin);
  EXPECT_EQ(count->kind, MethodKind::kRead);
  EXPECT_EQ(count->host, ServiceHost::kProject);
  // Nested messages: C++ SimulationRun_Counts_Request is protobuf livekit.SimulationRun.Counts.Request.
  EXPECT_EQ(count->request, SimulationRun_Counts_Request::descriptor()->full_name());
  EXPECT_EQ(count->response, SimulationRun_Counts_Response::descriptor()->full_name());
  const auto* get = FindMethod("AgentDBService", "GetDatabase");
  ASSERT_NE(get, nullptr);
  EXPECT_TRUE(get->grant.database_admin);
  EXPECT_EQ(get->response, AgentDB_AgentDatabase::descriptor()->full_name());
  EXPECT_EQ(get->host, ServiceHost::kProject);
}

}  // namespace
}  // namespace livekit::internal
