// What the benchmarks' libcurl-alone baselines share: the token their hand-made ListRooms
// requests carry (the grant the SDK signs for that call), a write callback that drops the
// answer, and the options that make an easy handle send that request.
#pragma once

#include <curl/curl.h>

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

// An empty-bodied POST to `target` with `headers`, its answer dropped, within `timeout_ms` (as
// every real client, and the SDK, sets one).
inline void SetBaselineRequest(CURL* e, const std::string& target, curl_slist* headers, long timeout_ms) {
  curl_easy_setopt(e, CURLOPT_URL, target.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, "");
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, 0L);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &DiscardBody);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout_ms);
}

}  // namespace bench
