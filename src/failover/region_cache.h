#pragma once
// The region list cache (failover.md A6, B2), keyed by the origin's host key. An entry is
// fresh for its Cache-Control max-age; after that it stays as the "last known" list, which
// may still route calls and is served when a fetch fails (stale-on-error).

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "failover/region_list.h"
#include "transport/transport.h"

namespace livekit::internal {

class RegionCache {
 public:
  using TimePoint = SteadyClock::time_point;

  struct Entry {
    RegionList regions;
    TimePoint fetched_at{};
    TimePoint fresh_until{};  // == fetched_at: never fresh ("do not cache")
    bool fresh(TimePoint now) const { return now < fresh_until; }
  };

  /// The entry when still within its max-age.
  std::optional<Entry> Fresh(const std::string& origin_key, TimePoint now) const;
  /// The last successfully discovered list, fresh or not.
  std::optional<Entry> LastKnown(const std::string& origin_key) const;
  void Put(const std::string& origin_key, RegionList regions, TimePoint now, std::chrono::seconds max_age);
  void Clear();

 private:
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace livekit::internal
