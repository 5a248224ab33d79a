#include "livekit/room_service_client.h"

#include "services/request_id.h"
#include "services/typed_call.h"

namespace livekit {

RoomServiceClient::RoomServiceClient(ClientOptions options)
    : connection_(std::make_shared<internal::ApiConnection>(std::move(options))) {}

RoomServiceClient::RoomServiceClient(std::shared_ptr<internal::ApiConnection> connection) : connection_(std::move(connection)) {}

const Status& RoomServiceClient::status() const { return connection_->status(); }

LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", CreateRoom, CreateRoomRequest, Room)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", ListRooms, ListRoomsRequest, ListRoomsResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", DeleteRoom, DeleteRoomRequest, DeleteRoomResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", ListParticipants, ListParticipantsRequest, ListParticipantsResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", GetParticipant, RoomParticipantIdentity, ParticipantInfo)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", RemoveParticipant, RoomParticipantIdentity, RemoveParticipantResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", MutePublishedTrack, MuteRoomTrackRequest, MuteRoomTrackResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", UpdateParticipant, UpdateParticipantRequest, ParticipantInfo)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", UpdateSubscriptions, UpdateSubscriptionsRequest, UpdateSubscriptionsResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", SendData, SendDataRequest, SendDataResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", UpdateRoomMetadata, UpdateRoomMetadataRequest, Room)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", ForwardParticipant, ForwardParticipantRequest, ForwardParticipantResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", MoveParticipant, MoveParticipantRequest, MoveParticipantResponse)
LIVEKIT_DEFINE_API_METHOD(RoomServiceClient, "RoomService", PerformRpc, PerformRpcRequest, PerformRpcResponse)

namespace {
template <typename T, typename R, typename F>
Result<T> Map(Result<R> r, F f) {
  if (!r.ok()) return std::move(r).error();
  return f(*r);
}
}  // namespace

Result<Room> RoomServiceClient::CreateRoom(const std::string& name, CreateRoomRequest settings,
                                           const CallOptions& options) const {
  settings.set_name(name);
  return CreateRoom(settings, options);
}

Result<std::vector<Room>> RoomServiceClient::ListRooms(const std::vector<std::string>& names,
                                                       const CallOptions& options) const {
  ListRoomsRequest req;
  for (const auto& n : names) req.add_names(n);
  return Map<std::vector<Room>>(ListRooms(req, options), [](ListRoomsResponse& r) {
    return std::vector<Room>(r.rooms().begin(), r.rooms().end());
  });
}

Result<DeleteRoomResponse> RoomServiceClient::DeleteRoom(const std::string& room, const CallOptions& options) const {
  DeleteRoomRequest req;
  req.set_room(room);
  return DeleteRoom(req, options);
}

Result<std::vector<ParticipantInfo>> RoomServiceClient::ListParticipants(const std::string& room,
                                                                         const CallOptions& options) const {
  ListParticipantsRequest req;
  req.set_room(room);
  return Map<std::vector<ParticipantInfo>>(ListParticipants(req, options), [](ListParticipantsResponse& r) {
    return std::vector<ParticipantInfo>(r.participants().begin(), r.participants().end());
  });
}

Result<ParticipantInfo> RoomServiceClient::GetParticipant(const std::string& room, const std::string& identity,
                                                          const CallOptions& options) const {
  RoomParticipantIdentity req;
  req.set_room(room);
  req.set_identity(identity);
  return GetParticipant(req, options);
}

Result<RemoveParticipantResponse> RoomServiceClient::RemoveParticipant(const std::string& room,
                                                                       const std::string& identity,
                                                                       const CallOptions& options) const {
  RoomParticipantIdentity req;
  req.set_room(room);
  req.set_identity(identity);
  return RemoveParticipant(req, options);
}

Result<MuteRoomTrackResponse> RoomServiceClient::MutePublishedTrack(const std::string& room,
                                                                    const std::string& identity,
                                                                    const std::string& track_sid, bool muted,
                                                                    const CallOptions& options) const {
  MuteRoomTrackRequest req;
  req.set_room(room);
  req.set_identity(identity);
  req.set_track_sid(track_sid);
  req.set_muted(muted);
  return MutePublishedTrack(req, options);
}

Result<Room> RoomServiceClient::UpdateRoomMetadata(const std::string& room, const std::string& metadata,
                                                   const CallOptions& options) const {
  UpdateRoomMetadataRequest req;
  req.set_room(room);
  req.set_metadata(metadata);
  return UpdateRoomMetadata(req, options);
}

Result<SendDataResponse> RoomServiceClient::SendData(const std::string& room, const std::string& data,
                                                     DataPacket_Kind kind,
                                                     const std::vector<std::string>& destination_identities,
                                                     const CallOptions& options) const {
  SendDataRequest req;
  req.set_room(room);
  req.set_data(data);
  req.set_kind(kind);
  for (const auto& id : destination_identities) req.add_destination_identities(id);
  req.set_nonce(internal::RandomBytes(16));  // once per call: identical on every retry
  return SendData(req, options);
}

}  // namespace livekit
