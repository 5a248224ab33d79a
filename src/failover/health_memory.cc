#include "failover/health_memory.h"

#include <algorithm>

namespace livekit::internal {

HealthMemory::HealthMemory(std::chrono::milliseconds cool_down, std::chrono::milliseconds max_cool_down)
    : cool_down_(cool_down), max_cool_down_(std::max(cool_down, max_cool_down)) {}

HealthMemory::Verdict HealthMemory::Check(const std::string& host_key, TimePoint now, bool claim_probe) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = marks_.find(host_key);
  if (it == marks_.end()) return Verdict::kHealthy;
  Mark& m = it->second;
  if (now < m.down_until) return Verdict::kDown;
  // A probe that never reported (its call was cancelled) is given up after one cool-down.
  if (m.probing && now < m.probe_started + m.cool_down) return Verdict::kDown;
  if (!claim_probe) return Verdict::kProbe;
  m.probing = true;
  m.probe_started = now;
  return Verdict::kProbe;
}

std::optional<HealthChangeEvent> HealthMemory::RecordFailure(const std::string& host_key, TimePoint now,
                                                             bool pinned) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = marks_.try_emplace(host_key);
  Mark& m = it->second;
  if (!inserted && now < m.down_until) {
    m.pinned = m.pinned || pinned;
    return std::nullopt;  // already cooling down: a failure of a call sent before the mark
  }
  m.consecutive_failures += 1;
  m.cool_down = inserted ? cool_down_ : std::min(m.cool_down * 2, max_cool_down_);
  m.down_until = now + m.cool_down;
  m.probing = false;
  m.pinned = m.pinned || pinned;
  HealthChangeEvent e;
  e.host = host_key;
  e.healthy = false;
  e.pinned = m.pinned;
  e.consecutive_failures = m.consecutive_failures;
  e.cool_down = m.cool_down;
  return e;
}

std::optional<HealthChangeEvent> HealthMemory::RecordSuccess(const std::string& host_key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = marks_.find(host_key);
  if (it == marks_.end()) return std::nullopt;
  marks_.erase(it);
  HealthChangeEvent e;
  e.host = host_key;
  e.healthy = true;
  return e;
}

std::optional<HealthMemory::Mark> HealthMemory::Get(const std::string& host_key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = marks_.find(host_key);
  if (it == marks_.end()) return std::nullopt;
  return it->second;
}

void HealthMemory::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  marks_.clear();
}

}  // namespace livekit::internal
