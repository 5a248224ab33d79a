// What the benchmarks' libcurl-alone baselines share: the token their hand-made ListRooms
// requests carry (the grant the SDK signs for that call), and a write callback that drops the
// answer.
#pragma once

#include <cstddef>
#include <string>

#include "livekit/access_token.h"

namespace bench {

inline std::string ListRoomsToken() {
  livekit::VideoGrant grant;
  grant.room_list = true;
  livekit::AccessToken token("devkey", "secret");
  token.set_video_grant(grant);
  return token.ToJwt().value();
}

inline std::size_t DiscardBody(char*, std::size_t size, std::size_t nmemb, void*) { return size * nmemb; }

}  // namespace bench
