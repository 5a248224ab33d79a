// The three forms of every API method of every client (services/method_list.h); the clients'
// own files hold their constructors and convenience forms.

#include "livekit/agent_dispatch_client.h"
#include "livekit/agent_simulation_client.h"
#include "livekit/agentdb_client.h"
#include "livekit/cloud_agent_client.h"
#include "livekit/connector_client.h"
#include "livekit/egress_client.h"
#include "livekit/ingress_client.h"
#include "livekit/phone_number_client.h"
#include "livekit/room_service_client.h"
#include "livekit/sip_client.h"
#include "services/method_list.h"
#include "services/typed_call.h"

namespace livekit {

#define LK_DEFINE(client, service, name, request, response, grant, kind, rule) \
  LIVEKIT_DEFINE_API_METHOD(client, service, name, request, response)
LIVEKIT_FOR_EACH_API_METHOD(LK_DEFINE)
#undef LK_DEFINE

}  // namespace livekit
