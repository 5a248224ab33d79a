#include "livekit/ingress_client.h"

#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(IngressClient)

Result<IngressInfo> IngressClient::DeleteIngress(const std::string& ingress_id, const CallOptions& options) const {
  DeleteIngressRequest req;
  req.set_ingress_id(ingress_id);
  return DeleteIngress(req, options);
}

}  // namespace livekit
