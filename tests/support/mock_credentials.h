#pragma once
// The dev key pair lk-mock-server accepts, tokens signed with it, and client options for a
// running mock.

#include <string>
#include <utility>

#include "livekit/access_token.h"
#include "livekit/client_options.h"
#include "support/mock_server_process.h"

namespace livekit::test {

inline constexpr const char* kApiKey = "devkey";
inline constexpr const char* kApiSecret = "secret";

/// The control header that skips the mock's permission checks.
inline constexpr const char* kSkipAuth = "X-Lk-Mock: {\"skipAuth\":true}";

/// "Authorization: Bearer <token>" for the given grants, signed with `secret`.
inline std::string AuthHeader(const VideoGrant& video, const SipGrant& sip = {},
                              const std::string& secret = kApiSecret) {
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

/// Options for a client of `url` with the dev key pair.
inline ClientOptions DevKeyOptions(std::string url) {
  ClientOptions o;
  o.url = std::move(url);
  o.api_key = kApiKey;
  o.api_secret = kApiSecret;
  return o;
}

/// Options for a client of `mock` (its first region) with the dev key pair; `control` is sent
/// as the X-Lk-Mock header of every call when not empty.
inline ClientOptions MockOptions(const MockServerProcess& mock, std::string control = "") {
  ClientOptions o = DevKeyOptions(mock.url());
  if (!control.empty()) o.headers.emplace_back("X-Lk-Mock", std::move(control));
  return o;
}

}  // namespace livekit::test
