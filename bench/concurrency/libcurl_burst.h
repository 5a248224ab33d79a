// The libcurl-alone baselines of the burst: the same ListRooms requests, held by the server the
// same time, sent by libcurl's multi interface with no SDK on top, from epoll socket-API loops
// as the SDK's engine runs: either one loop with libcurl's own connection cache, or loops that
// close each connection when its transfer ends (as the SDK closes the connections of a burst
// beyond the ones it keeps): the fastest libcurl sends a burst on this machine.
#pragma once

#include <string>

namespace bench {

struct BurstResult {
  int ok = 0;            // transfers answered 200
  double seconds = 0;    // from the first handle made until the last transfer ended
};

struct BurstShape {
  int loops = 1;                  // multi handles, each on its own thread with its share of calls
  bool close_connections = false; // CURLOPT_FORBID_REUSE on every transfer
};

// Sends `calls` requests at once.
BurstResult LibcurlBurst(const std::string& url, int calls, int delay_ms, BurstShape shape = {});

}  // namespace bench
