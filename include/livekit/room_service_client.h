#pragma once
/// @file
/// RoomServiceClient: Rooms and their participants: create, list and delete rooms; list, update, move, mute and remove participants; send data and RPCs.

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "livekit_room.pb.h"
#include "livekit_models.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// Rooms and their participants: create, list and delete rooms; list, update, move, mute and remove participants; send data and RPCs.
///
/// Calls `livekit.RoomService`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token with the least grant the method
/// needs (or sends the configured token verbatim).
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class RoomServiceClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit RoomServiceClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit RoomServiceClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `RoomService/CreateRoom`: CreateRoomRequest -> Room.
  LIVEKIT_API_METHOD(CreateRoom, CreateRoomRequest, Room)
  /// `RoomService/ListRooms`: ListRoomsRequest -> ListRoomsResponse.
  LIVEKIT_API_METHOD(ListRooms, ListRoomsRequest, ListRoomsResponse)
  /// `RoomService/DeleteRoom`: DeleteRoomRequest -> DeleteRoomResponse.
  LIVEKIT_API_METHOD(DeleteRoom, DeleteRoomRequest, DeleteRoomResponse)
  /// `RoomService/ListParticipants`: ListParticipantsRequest -> ListParticipantsResponse.
  LIVEKIT_API_METHOD(ListParticipants, ListParticipantsRequest, ListParticipantsResponse)
  /// `RoomService/GetParticipant`: RoomParticipantIdentity -> ParticipantInfo.
  LIVEKIT_API_METHOD(GetParticipant, RoomParticipantIdentity, ParticipantInfo)
  /// `RoomService/RemoveParticipant`: RoomParticipantIdentity -> RemoveParticipantResponse.
  LIVEKIT_API_METHOD(RemoveParticipant, RoomParticipantIdentity, RemoveParticipantResponse)
  /// `RoomService/MutePublishedTrack`: MuteRoomTrackRequest -> MuteRoomTrackResponse.
  LIVEKIT_API_METHOD(MutePublishedTrack, MuteRoomTrackRequest, MuteRoomTrackResponse)
  /// `RoomService/UpdateParticipant`: UpdateParticipantRequest -> ParticipantInfo.
  LIVEKIT_API_METHOD(UpdateParticipant, UpdateParticipantRequest, ParticipantInfo)
  /// `RoomService/UpdateSubscriptions`: UpdateSubscriptionsRequest -> UpdateSubscriptionsResponse.
  LIVEKIT_API_METHOD(UpdateSubscriptions, UpdateSubscriptionsRequest, UpdateSubscriptionsResponse)
  /// `RoomService/SendData`: SendDataRequest -> SendDataResponse.
  LIVEKIT_API_METHOD(SendData, SendDataRequest, SendDataResponse)
  /// `RoomService/UpdateRoomMetadata`: UpdateRoomMetadataRequest -> Room.
  LIVEKIT_API_METHOD(UpdateRoomMetadata, UpdateRoomMetadataRequest, Room)
  /// `RoomService/ForwardParticipant`: ForwardParticipantRequest -> ForwardParticipantResponse.
  LIVEKIT_API_METHOD(ForwardParticipant, ForwardParticipantRequest, ForwardParticipantResponse)
  /// `RoomService/MoveParticipant`: MoveParticipantRequest -> MoveParticipantResponse.
  LIVEKIT_API_METHOD(MoveParticipant, MoveParticipantRequest, MoveParticipantResponse)
  /// `RoomService/PerformRpc`: PerformRpcRequest -> PerformRpcResponse.
  LIVEKIT_API_METHOD(PerformRpc, PerformRpcRequest, PerformRpcResponse)

  // Convenience forms (blocking), as in the official SDKs.

  /// Creates (or returns the existing) room `name`; other settings from `settings`.
  Result<Room> CreateRoom(const std::string& name, CreateRoomRequest settings = {},
                          const CallOptions& options = {}) const;
  /// CreateRoom(name) with options for this call.
  template <typename Options, EnableIfCallOptions<Options> = 0>
  Result<Room> CreateRoom(const std::string& name, const Options& options) const {
    return CreateRoom(name, CreateRoomRequest{}, options);
  }
  /// Lists rooms, all of them or those named.
  Result<std::vector<Room>> ListRooms(const std::vector<std::string>& names = {},
                                      const CallOptions& options = {}) const;
  /// Lists the rooms named in braces: `ListRooms({"a", "b"})`, or all with `ListRooms({})`
  /// (braces pick this form, not the ListRoomsRequest one).
  Result<std::vector<Room>> ListRooms(std::initializer_list<std::string> names, const CallOptions& options = {}) const {
    return ListRooms(std::vector<std::string>(names), options);
  }
  /// Lists all rooms, with options for this call.
  template <typename Options, EnableIfCallOptions<Options> = 0>
  Result<std::vector<Room>> ListRooms(const Options& options) const {
    return ListRooms(std::vector<std::string>{}, options);
  }
  /// Deletes room `room`.
  Result<DeleteRoomResponse> DeleteRoom(const std::string& room, const CallOptions& options = {}) const;
  /// Lists the participants of `room`.
  Result<std::vector<ParticipantInfo>> ListParticipants(const std::string& room,
                                                        const CallOptions& options = {}) const;
  /// Gets one participant.
  Result<ParticipantInfo> GetParticipant(const std::string& room, const std::string& identity,
                                         const CallOptions& options = {}) const;
  /// Removes one participant from its room.
  Result<RemoveParticipantResponse> RemoveParticipant(const std::string& room, const std::string& identity,
                                                      const CallOptions& options = {}) const;
  /// Mutes or unmutes one published track.
  Result<MuteRoomTrackResponse> MutePublishedTrack(const std::string& room, const std::string& identity,
                                                   const std::string& track_sid, bool muted,
                                                   const CallOptions& options = {}) const;
  /// Replaces the metadata of `room`.
  Result<Room> UpdateRoomMetadata(const std::string& room, const std::string& metadata,
                                  const CallOptions& options = {}) const;
  /// Sends `data` to a room (to everyone, or to `destination_identities`), reliably or not,
  /// with a random nonce so the server drops a replayed copy.
  Result<SendDataResponse> SendData(const std::string& room, const std::string& data, DataPacket_Kind kind,
                                    const std::vector<std::string>& destination_identities = {},
                                    const CallOptions& options = {}) const;
  /// SendData to everyone in `room`, with options for this call.
  template <typename Options, EnableIfCallOptions<Options> = 0>
  Result<SendDataResponse> SendData(const std::string& room, const std::string& data, DataPacket_Kind kind,
                                    const Options& options) const {
    return SendData(room, data, kind, std::vector<std::string>{}, options);
  }

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
