#pragma once
// The fixed ids the mock answers for LiveKit Cloud's agent services (agent_responses.h), in
// one place so tests and docs name the same values. Each is "MOCK_" + the field's name in
// upper case, as the generic populated responses name ids.

#include <string_view>

namespace livekit::mock {

inline constexpr std::string_view kMockAgentId = "MOCK_AGENT_ID";                  // CreateAgent[V2], ListAgents
inline constexpr std::string_view kMockPrivateLinkId = "MOCK_PRIVATE_LINK_ID";     // ListPrivateLinks
inline constexpr std::string_view kMockSimulationRunId = "MOCK_SIMULATION_RUN_ID"; // CreateSimulationRun
inline constexpr std::string_view kMockId = "MOCK_ID";                             // ListSimulationRuns: run id
inline constexpr std::string_view kMockProjectId = "MOCK_PROJECT_ID";              // ListSimulationRuns: project
inline constexpr std::string_view kMockDatabaseId = "MOCK_DATABASE_ID";            // CreateDatabase, ListDatabases

}  // namespace livekit::mock
