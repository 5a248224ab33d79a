#include "livekit/agent_simulation_client.h"

#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(AgentSimulationClient)

}  // namespace livekit
