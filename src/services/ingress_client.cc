#include "livekit/ingress_client.h"

#include "services/typed_call.h"

namespace livekit {

IngressClient::IngressClient(ClientOptions options)
    : connection_(std::make_shared<internal::ApiConnection>(std::move(options))) {}

IngressClient::IngressClient(std::shared_ptr<internal::ApiConnection> connection) : connection_(std::move(connection)) {}

const Status& IngressClient::status() const { return connection_->status(); }

LIVEKIT_DEFINE_API_METHOD(IngressClient, "Ingress", CreateIngress, CreateIngressRequest, IngressInfo)
LIVEKIT_DEFINE_API_METHOD(IngressClient, "Ingress", UpdateIngress, UpdateIngressRequest, IngressInfo)
LIVEKIT_DEFINE_API_METHOD(IngressClient, "Ingress", ListIngress, ListIngressRequest, ListIngressResponse)
LIVEKIT_DEFINE_API_METHOD(IngressClient, "Ingress", DeleteIngress, DeleteIngressRequest, IngressInfo)

Result<IngressInfo> IngressClient::DeleteIngress(const std::string& ingress_id, const CallOptions& options) const {
  DeleteIngressRequest req;
  req.set_ingress_id(ingress_id);
  return DeleteIngress(req, options);
}

}  // namespace livekit
