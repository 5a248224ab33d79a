#include "livekit/egress_client.h"

#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(EgressClient)

Result<std::vector<EgressInfo>> EgressClient::ListEgress(const std::string& room_name, bool active,
                                                         const CallOptions& options) const {
  ListEgressRequest req;
  req.set_room_name(room_name);
  req.set_active(active);
  return internal::ListItems(ListEgress(req, options), &ListEgressResponse::items);
}

Result<EgressInfo> EgressClient::StopEgress(const std::string& egress_id, const CallOptions& options) const {
  StopEgressRequest req;
  req.set_egress_id(egress_id);
  return StopEgress(req, options);
}

}  // namespace livekit
