#include "livekit/cloud_agent_client.h"

#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(CloudAgentClient)

}  // namespace livekit
