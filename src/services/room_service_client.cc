#include "livekit/room_service_client.h"

#include "services/request_id.h"
#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(RoomServiceClient)

namespace {
RoomParticipantIdentity ParticipantIdentity(const std::string& room, const std::string& identity) {
  RoomParticipantIdentity req;
  req.set_room(room);
  req.set_identity(identity);
  return req;
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
  return internal::ListItems(ListRooms(req, options), &ListRoomsResponse::rooms);
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
  return internal::ListItems(ListParticipants(req, options), &ListParticipantsResponse::participants);
}

Result<ParticipantInfo> RoomServiceClient::GetParticipant(const std::string& room, const std::string& identity,
                                                          const CallOptions& options) const {
  return GetParticipant(ParticipantIdentity(room, identity), options);
}

Result<RemoveParticipantResponse> RoomServiceClient::RemoveParticipant(const std::string& room,
                                                                       const std::string& identity,
                                                                       const CallOptions& options) const {
  return RemoveParticipant(ParticipantIdentity(room, identity), options);
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
