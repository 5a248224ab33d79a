#include "livekit/agentdb_client.h"

#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(AgentDBClient)

}  // namespace livekit
