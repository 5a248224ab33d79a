#include "livekit/livekit_api.h"

#include "services/api_connection.h"

namespace livekit {

LiveKitAPI::LiveKitAPI(std::shared_ptr<internal::ApiConnection> connection)
    : connection_(connection),
      room_(connection),
      egress_(connection),
      ingress_(connection),
      sip_(connection),
      agent_dispatch_(connection),
      connector_(connection),
      phone_number_(connection),
      cloud_agent_(connection),
      agent_simulation_(connection),
      agentdb_(connection) {}

LiveKitAPI::LiveKitAPI(ClientOptions options)
    : LiveKitAPI(std::make_shared<internal::ApiConnection>(std::move(options))) {}

Result<LiveKitAPI> LiveKitAPI::Create(ClientOptions options) {
  LiveKitAPI api(std::move(options));
  if (!api.status().ok()) return api.status().error();
  return api;
}

const Status& LiveKitAPI::status() const { return connection_->status(); }

}  // namespace livekit
