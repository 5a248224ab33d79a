#pragma once
/// @file
/// AgentSimulationClient: LiveKit Cloud agent simulations: run, watch and cancel simulated sessions, make scenarios.

#include <memory>

#include "livekit_agent_simulation.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// LiveKit Cloud agent simulations: run, watch and cancel simulated sessions, make scenarios.
///
/// Calls `livekit.AgentSimulation`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token whose only grant is `agent.simulationAdmin`
/// (or sends the configured token verbatim).
///
/// Host: the project URL as given. LiveKit's CLI sends these calls to
/// `https://cloud-api.livekit.io`; give this client its own ClientOptions::url to do the same.
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class AgentSimulationClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit AgentSimulationClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit AgentSimulationClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `AgentSimulation/CreateSimulationRun`: SimulationRun_Create_Request -> SimulationRun_Create_Response. Starts a run; the answer holds its id and where to upload the source.
  LIVEKIT_API_METHOD(CreateSimulationRun, SimulationRun_Create_Request, SimulationRun_Create_Response)
  /// `AgentSimulation/ConfirmSimulationSourceUpload`: SimulationRun_ConfirmSourceUpload_Request -> SimulationRun_ConfirmSourceUpload_Response. Tells the run its source is uploaded.
  LIVEKIT_API_METHOD(ConfirmSimulationSourceUpload, SimulationRun_ConfirmSourceUpload_Request, SimulationRun_ConfirmSourceUpload_Response)
  /// `AgentSimulation/GetSimulationRun`: SimulationRun_Get_Request -> SimulationRun_Get_Response.
  LIVEKIT_API_METHOD(GetSimulationRun, SimulationRun_Get_Request, SimulationRun_Get_Response)
  /// `AgentSimulation/ListSimulationRuns`: SimulationRun_List_Request -> SimulationRun_List_Response.
  LIVEKIT_API_METHOD(ListSimulationRuns, SimulationRun_List_Request, SimulationRun_List_Response)
  /// `AgentSimulation/CountSimulationRuns`: SimulationRun_Counts_Request -> SimulationRun_Counts_Response. Runs counted per time bucket.
  LIVEKIT_API_METHOD(CountSimulationRuns, SimulationRun_Counts_Request, SimulationRun_Counts_Response)
  /// `AgentSimulation/CancelSimulationRun`: SimulationRun_Cancel_Request -> SimulationRun_Cancel_Response.
  LIVEKIT_API_METHOD(CancelSimulationRun, SimulationRun_Cancel_Request, SimulationRun_Cancel_Response)
  /// `AgentSimulation/CreateScenarioFromSession`: Scenario_CreateFromSession_Request -> Scenario_CreateFromSession_Response. Makes a scenario of a recorded session.
  LIVEKIT_API_METHOD(CreateScenarioFromSession, Scenario_CreateFromSession_Request, Scenario_CreateFromSession_Response)

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
