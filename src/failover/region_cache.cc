#include "failover/region_cache.h"

namespace livekit::internal {

std::optional<RegionCache::Entry> RegionCache::Fresh(const std::string& origin_key, TimePoint now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(origin_key);
  if (it == entries_.end() || !it->second.fresh(now)) return std::nullopt;
  return it->second;
}

std::optional<RegionCache::Entry> RegionCache::LastKnown(const std::string& origin_key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(origin_key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void RegionCache::Put(const std::string& origin_key, RegionList regions, TimePoint now, std::chrono::seconds max_age) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[origin_key];
  e.regions = std::move(regions);
  e.fetched_at = now;
  e.fresh_until = max_age.count() > 0 ? now + max_age : now;
}

void RegionCache::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

}  // namespace livekit::internal
