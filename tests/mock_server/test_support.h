#pragma once
// Shared helpers of the mock server tests: tokens and message (de)coding.

#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <string>

#include "livekit/access_token.h"

namespace livekit::mock::testing {

inline constexpr const char* kApiKey = "devkey";
inline constexpr const char* kApiSecret = "secret";

/// "Authorization: Bearer <token>" for the given grants, signed with `secret`.
inline std::string AuthHeader(const VideoGrant& video, const SipGrant& sip = {}, const std::string& secret = kApiSecret) {
  AccessToken token(kApiKey, secret);
  token.set_identity("tester").set_video_grant(video).set_sip_grant(sip);
  return "Authorization: Bearer " + token.ToJwt().value();
}

/// A token allowed to list rooms.
inline std::string RoomListAuth() {
  VideoGrant video;
  video.room_list = true;
  return AuthHeader(video);
}

inline std::string ToJson(const google::protobuf::Message& m) {
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(m, &out);
  return out;
}

inline bool FromJson(const std::string& json, google::protobuf::Message* m) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  return google::protobuf::util::JsonStringToMessage(json, m, options).ok();
}

inline const char* kSkipAuth = "X-Lk-Mock: {\"skipAuth\":true}";

}  // namespace livekit::mock::testing
