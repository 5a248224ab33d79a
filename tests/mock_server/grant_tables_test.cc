// The mock's permission table (tools/mock_server/method_grants.cc, written from the test
// server's documented groups) and the SDK's method table (src/services/method_table.cc) are
// kept apart on purpose; here they must agree, method by method, so that an error in either
// one fails instead of passing on both sides.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "method_grants.h"
#include "services/method_table.h"

namespace livekit::test {
namespace {

std::string Name(std::string_view service, std::string_view method) {
  return std::string(service) + "/" + std::string(method);
}

// A grant as one comparable line, e.g. "roomAdmin+room".
std::string Describe(bool room_create, bool room_list, bool room_record, bool room_admin, bool ingress_admin,
                     bool sip_admin, bool sip_call, bool room, bool destination_room, bool agent_admin,
                     bool simulation_admin, bool database_admin) {
  std::string out;
  auto add = [&out](bool needed, const char* name) {
    if (needed) out += (out.empty() ? "" : "+") + std::string(name);
  };
  add(room_create, "roomCreate");
  add(room_list, "roomList");
  add(room_record, "roomRecord");
  add(room_admin, "roomAdmin");
  add(ingress_admin, "ingressAdmin");
  add(sip_admin, "sip.admin");
  add(sip_call, "sip.call");
  add(room, "room");
  add(destination_room, "dest");
  add(agent_admin, "agent.admin");
  add(simulation_admin, "agent.simulationAdmin");
  add(database_admin, "agent.databaseAdmin");
  return out.empty() ? "none" : out;
}

std::string Describe(const livekit::internal::RequiredGrant& g) {
  return Describe(g.room_create, g.room_list, g.room_record, g.room_admin, g.ingress_admin, g.sip_admin, g.sip_call,
                  g.room_scoped, g.dest_scoped, g.agent_admin, g.simulation_admin, g.database_admin);
}

std::string Describe(const livekit::mock::Grant& g) {
  return Describe(g.room_create, g.room_list, g.room_record, g.room_admin, g.ingress_admin, g.sip_admin, g.sip_call,
                  g.room, g.destination_room, g.agent_admin, g.agent_simulation_admin, g.agent_database_admin);
}

struct Row {
  std::string grant;
  std::string request;
  std::string response;
  bool agents_host = false;  // served by LiveKit Cloud's agents host, not the project URL
};

std::map<std::string, Row> SdkTable() {
  std::size_t n = 0;
  const auto* all = livekit::internal::AllMethods(&n);
  std::map<std::string, Row> out;
  for (std::size_t i = 0; i < n; ++i) {
    out[Name(all[i].service, all[i].method)] =
        Row{Describe(all[i].grant), std::string(all[i].request), std::string(all[i].response),
            all[i].host == livekit::internal::ServiceHost::kAgents};
  }
  return out;
}

std::map<std::string, Row> MockTable() {
  std::map<std::string, Row> out;
  for (const auto& m : livekit::mock::ApiMethods()) {
    out[Name(m.service, m.method)] = Row{Describe(m.grant), std::string(m.request), std::string(m.response),
                                         m.host == livekit::mock::Host::kAgents};
  }
  return out;
}

TEST(GrantTables, BothListTheSameMethodsOnce) {
  const auto sdk = SdkTable();
  const auto mock = MockTable();
  EXPECT_EQ(mock.size(), livekit::mock::ApiMethods().size()) << "the mock lists a method twice";
  for (const auto& [name, row] : sdk) EXPECT_EQ(mock.count(name), 1u) << name << " is missing from the mock";
  for (const auto& [name, row] : mock) EXPECT_EQ(sdk.count(name), 1u) << name << " is missing from the SDK";
  EXPECT_EQ(sdk.size(), 88u);  // the seven core services' 58 and the agent services' 30
}

TEST(GrantTables, EveryMethodNeedsTheSameGrantOnBothSides) {
  const auto mock = MockTable();
  for (const auto& [name, row] : SdkTable()) {
    const auto it = mock.find(name);
    if (it == mock.end()) continue;  // reported by BothListTheSameMethodsOnce
    EXPECT_EQ(it->second.grant, row.grant) << name << ": mock vs SDK";
  }
}

TEST(GrantTables, EveryMethodHasTheSameMessageTypesOnBothSides) {
  const auto mock = MockTable();
  for (const auto& [name, row] : SdkTable()) {
    const auto it = mock.find(name);
    if (it == mock.end()) continue;
    EXPECT_EQ(it->second.request, row.request) << name;
    EXPECT_EQ(it->second.response, row.response) << name;
  }
}

TEST(GrantTables, EveryMethodGoesToTheSameHostOnBothSides) {
  const auto mock = MockTable();
  for (const auto& [name, row] : SdkTable()) {
    const auto it = mock.find(name);
    if (it == mock.end()) continue;
    EXPECT_EQ(it->second.agents_host, row.agents_host) << name;
  }
}

TEST(GrantTables, TheComparisonSeesADifference) {
  // The check above is only worth something if a one-flag change shows in the description.
  livekit::internal::RequiredGrant sdk;
  sdk.room_admin = true;
  sdk.room_scoped = true;
  livekit::mock::Grant mock;
  mock.room_admin = true;
  EXPECT_NE(Describe(sdk), Describe(mock));
  mock.room = true;
  EXPECT_EQ(Describe(sdk), Describe(mock));
  sdk.simulation_admin = true;
  mock.agent_database_admin = true;
  EXPECT_NE(Describe(sdk), Describe(mock));
}

TEST(GrantTables, TheMockFindsItsMethodsByName) {
  const auto* transfer = livekit::mock::FindApiMethod("SIP", "TransferSIPParticipant");
  ASSERT_NE(transfer, nullptr);
  EXPECT_EQ(transfer->ringing, livekit::mock::Ringing::kAlways);
  const auto* dial = livekit::mock::FindApiMethod("SIP", "CreateSIPParticipant");
  ASSERT_NE(dial, nullptr);
  EXPECT_EQ(dial->ringing, livekit::mock::Ringing::kIfWaitUntilAnswered);
  EXPECT_EQ(livekit::mock::FindApiMethod("RoomService", "Nope"), nullptr);
}

}  // namespace
}  // namespace livekit::test
