#pragma once
// Request counters per region index and route, served at GET /_test/stats and cleared by
// POST /_test/stats/reset, so a test can prove how many attempts and discoveries a client
// made. Thread-safe (one mutex: a few counter bumps per request).

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace livekit::mock {

/// How an API call ended, for the counters.
enum class CallEnd {
  kSuccess,        // 2xx
  kRejected,       // 400/401/403/404 from the mock's own checks (auth, malformed body, bad route)
  kPinned,         // 451
  kInjected,       // an error injected by failRegions (status or delay mode) or sipStatus
  kDropped,        // failMode drop: closed without an answer
  kHung,           // failMode hang: never answered
};

class Stats {
 public:
  explicit Stats(std::size_t regions);

  /// An API call arrived at region `index` for "Service/Method" (e.g. "RoomService/ListRooms").
  void CountApiCall(std::size_t index, std::string_view route);
  void CountApiEnd(std::size_t index, CallEnd end);
  /// A GET /settings/regions reached region `index`.
  void CountDiscovery(std::size_t index);
  /// The client closed its connection to region `index` while the mock was hanging on its
  /// request (it gave up or cancelled: a hedged client cancels the loser of its race).
  void CountClientClosed(std::size_t index);

  /// {"regions":[{"index":0,"region":"region-0","apiCalls":N,"methods":{"RoomService/ListRooms":N},
  ///   "discoveries":N,"successes":N,"failures":N,"rejected":N,"pinned":N,"injected":N,
  ///   "dropped":N,"hung":N,"clientClosed":N}, ...]}; failures = every API call that did not end in 2xx.
  std::string ToJson() const;
  void Reset();

 private:
  struct Region {
    std::uint64_t api_calls = 0;
    std::map<std::string, std::uint64_t, std::less<>> methods;
    std::uint64_t discoveries = 0;
    std::uint64_t client_closed = 0;
    std::uint64_t ends[6] = {0, 0, 0, 0, 0, 0};
  };
  mutable std::mutex mu_;
  std::vector<Region> regions_;
};

}  // namespace livekit::mock
