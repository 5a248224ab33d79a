#pragma once
/// @file
/// EgressClient: Recording and streaming (egress): start, update, list and stop.

#include <memory>
#include <string>
#include <vector>

#include "livekit_egress.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// Recording and streaming (egress): start, update, list and stop.
///
/// Calls `livekit.Egress`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token with the least grant the method
/// needs (or sends the configured token verbatim).
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class EgressClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit EgressClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit EgressClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `Egress/StartEgress`: StartEgressRequest -> EgressInfo.
  LIVEKIT_API_METHOD(StartEgress, StartEgressRequest, EgressInfo)
  /// `Egress/StartRoomCompositeEgress`: RoomCompositeEgressRequest -> EgressInfo.
  LIVEKIT_API_METHOD(StartRoomCompositeEgress, RoomCompositeEgressRequest, EgressInfo)
  /// `Egress/StartWebEgress`: WebEgressRequest -> EgressInfo.
  LIVEKIT_API_METHOD(StartWebEgress, WebEgressRequest, EgressInfo)
  /// `Egress/StartParticipantEgress`: ParticipantEgressRequest -> EgressInfo.
  LIVEKIT_API_METHOD(StartParticipantEgress, ParticipantEgressRequest, EgressInfo)
  /// `Egress/StartTrackCompositeEgress`: TrackCompositeEgressRequest -> EgressInfo.
  LIVEKIT_API_METHOD(StartTrackCompositeEgress, TrackCompositeEgressRequest, EgressInfo)
  /// `Egress/StartTrackEgress`: TrackEgressRequest -> EgressInfo.
  LIVEKIT_API_METHOD(StartTrackEgress, TrackEgressRequest, EgressInfo)
  /// `Egress/UpdateLayout`: UpdateLayoutRequest -> EgressInfo.
  LIVEKIT_API_METHOD(UpdateLayout, UpdateLayoutRequest, EgressInfo)
  /// `Egress/UpdateStream`: UpdateStreamRequest -> EgressInfo.
  LIVEKIT_API_METHOD(UpdateStream, UpdateStreamRequest, EgressInfo)
  /// `Egress/ListEgress`: ListEgressRequest -> ListEgressResponse.
  LIVEKIT_API_METHOD(ListEgress, ListEgressRequest, ListEgressResponse)
  /// `Egress/StopEgress`: StopEgressRequest -> EgressInfo.
  LIVEKIT_API_METHOD(StopEgress, StopEgressRequest, EgressInfo)

  // Convenience forms (blocking), as in the official SDKs.

  /// Lists egresses: all (`ListEgress()`), those of `room_name`, only active ones.
  Result<std::vector<EgressInfo>> ListEgress(const std::string& room_name = {}, bool active = false,
                                             const CallOptions& options = {}) const;
  /// ListEgress(room_name) with options for this call.
  template <typename Options, EnableIfCallOptions<Options> = 0>
  Result<std::vector<EgressInfo>> ListEgress(const std::string& room_name, const Options& options) const {
    return ListEgress(room_name, false, options);
  }
  /// Lists all egresses, with options for this call.
  template <typename Options, EnableIfCallOptions<Options> = 0>
  Result<std::vector<EgressInfo>> ListEgress(const Options& options) const {
    return ListEgress(std::string(), false, options);
  }
  /// Stops egress `egress_id`.
  Result<EgressInfo> StopEgress(const std::string& egress_id, const CallOptions& options = {}) const;

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
