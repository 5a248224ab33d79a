#include "transport/timer_queue.h"

namespace livekit::internal {

void TimerQueue::Add(Id id, Clock::time_point when, std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(mu_);
  by_time_.emplace(std::make_pair(when, id), std::move(fn));
  when_.emplace(id, when);
}

void TimerQueue::Cancel(Id id) {
  std::function<void()> dropped;  // destroyed outside the lock: it may own anything
  std::lock_guard<std::mutex> lock(mu_);
  auto it = when_.find(id);
  if (it == when_.end()) return;
  auto t = by_time_.find(std::make_pair(it->second, id));
  if (t != by_time_.end()) {
    dropped = std::move(t->second);
    by_time_.erase(t);
  }
  when_.erase(it);
}

std::optional<TimerQueue::Clock::time_point> TimerQueue::Next() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (by_time_.empty()) return std::nullopt;
  return by_time_.begin()->first.first;
}

std::vector<std::function<void()>> TimerQueue::TakeDue(Clock::time_point now, bool all) {
  std::vector<std::function<void()>> due;
  std::lock_guard<std::mutex> lock(mu_);
  while (!by_time_.empty() && (all || by_time_.begin()->first.first <= now)) {
    auto it = by_time_.begin();
    when_.erase(it->first.second);
    due.push_back(std::move(it->second));
    by_time_.erase(it);
  }
  return due;
}

bool TimerQueue::empty() const {
  std::lock_guard<std::mutex> lock(mu_);
  return by_time_.empty();
}

}  // namespace livekit::internal
