// The libcurl-alone baseline of the burst: the same ListRooms requests, held by the server the
// same time, sent by libcurl's multi interface with no SDK on top: one epoll socket-API loop,
// as the SDK's engine runs, and libcurl's own connection cache.
#pragma once

#include <string>

namespace bench {

struct BurstResult {
  int ok = 0;            // transfers answered 200
  double seconds = 0;    // from the first handle made until the last transfer ended
};

// Sends `calls` requests at once.
BurstResult LibcurlBurst(const std::string& url, int calls, int delay_ms);

}  // namespace bench
