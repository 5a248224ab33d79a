#include "livekit/connector_client.h"

#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(ConnectorClient)

}  // namespace livekit
