#pragma once
// The engine's timers (Scheduler::RunAfter): ordered by due time, cancellable by id.
// Thread safety: every member may be called from any thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace livekit::internal {

class TimerQueue {
 public:
  using Clock = std::chrono::steady_clock;
  using Id = std::uint64_t;

  void Add(Id id, Clock::time_point when, std::function<void()> fn);
  /// Removes a timer that has not been taken yet; no effect otherwise.
  void Cancel(Id id);
  /// When the earliest timer is due; empty when there is none.
  std::optional<Clock::time_point> Next() const;
  /// Takes every timer due at `now` (all of them when `all`), earliest first.
  std::vector<std::function<void()>> TakeDue(Clock::time_point now, bool all);
  bool empty() const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<Clock::time_point, Id>, std::function<void()>> by_time_;
  std::unordered_map<Id, Clock::time_point> when_;
};

}  // namespace livekit::internal
