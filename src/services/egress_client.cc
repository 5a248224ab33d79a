#include "livekit/egress_client.h"

#include "services/typed_call.h"

namespace livekit {

EgressClient::EgressClient(ClientOptions options)
    : connection_(std::make_shared<internal::ApiConnection>(std::move(options))) {}

EgressClient::EgressClient(std::shared_ptr<internal::ApiConnection> connection) : connection_(std::move(connection)) {}

const Status& EgressClient::status() const { return connection_->status(); }

LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", StartEgress, StartEgressRequest, EgressInfo)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", StartRoomCompositeEgress, RoomCompositeEgressRequest, EgressInfo)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", StartWebEgress, WebEgressRequest, EgressInfo)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", StartParticipantEgress, ParticipantEgressRequest, EgressInfo)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", StartTrackCompositeEgress, TrackCompositeEgressRequest, EgressInfo)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", StartTrackEgress, TrackEgressRequest, EgressInfo)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", UpdateLayout, UpdateLayoutRequest, EgressInfo)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", UpdateStream, UpdateStreamRequest, EgressInfo)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", ListEgress, ListEgressRequest, ListEgressResponse)
LIVEKIT_DEFINE_API_METHOD(EgressClient, "Egress", StopEgress, StopEgressRequest, EgressInfo)

Result<std::vector<EgressInfo>> EgressClient::ListEgress(const std::string& room_name, bool active,
                                                         const CallOptions& options) const {
  ListEgressRequest req;
  req.set_room_name(room_name);
  req.set_active(active);
  auto r = ListEgress(req, options);
  if (!r.ok()) return std::move(r).error();
  return std::vector<EgressInfo>(r->items().begin(), r->items().end());
}

Result<EgressInfo> EgressClient::StopEgress(const std::string& egress_id, const CallOptions& options) const {
  StopEgressRequest req;
  req.set_egress_id(egress_id);
  return StopEgress(req, options);
}

}  // namespace livekit
