#pragma once
// A virtual clock for tests: a Scheduler whose timers fire only when the test advances time.
// No sleeps.

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>

#include "transport/transport.h"

namespace livekit::test {

class FakeScheduler : public internal::Scheduler {
 public:
  internal::SteadyClock::time_point Now() const override { return now_; }
  TimerId RunAfter(std::chrono::nanoseconds delay, std::function<void()> fn) override {
    TimerId id = next_++;
    timers_[id] = Timer{now_ + std::max(delay, std::chrono::nanoseconds(0)), std::move(fn)};
    return id;
  }
  void CancelTimer(TimerId id) override { timers_.erase(id); }

  /// Moves the clock forward, firing due timers in time order (ties: creation order).
  void Advance(std::chrono::nanoseconds d) {
    const auto target = now_ + d;
    while (FireFirstDueBy(target)) {
    }
    now_ = target;
  }
  void RunDue() { Advance(std::chrono::nanoseconds(0)); }
  /// Fires the earliest timer, however far ahead, moving the clock to it; false when none is
  /// left.
  bool FireNext() { return FireFirstDueBy(internal::SteadyClock::time_point::max()); }
  /// Fires timers one by one, in time order, until `done` holds or none is due within
  /// `limit`; the clock stops at the last timer fired.
  template <typename Pred>
  void RunUntil(Pred done, std::chrono::nanoseconds limit) {
    const auto end = now_ + limit;
    while (!done() && FireFirstDueBy(end)) {
    }
  }
  std::size_t pending_timers() const { return timers_.size(); }
  /// Forgets every pending timer: the end of a test, whose calls may still wait on one (a
  /// timer holds its call, which holds this scheduler: a cycle LeakSanitizer reports).
  void DropAll() { timers_.clear(); }
  /// Time since the fake epoch, for assertions.
  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now_ - epoch_);
  }

 private:
  // Fires the earliest timer due at or before `limit` (ties: creation order), moving the clock
  // to it; false when there is none.
  bool FireFirstDueBy(internal::SteadyClock::time_point limit) {
    auto due = timers_.end();
    for (auto it = timers_.begin(); it != timers_.end(); ++it) {
      if (it->second.when <= limit && (due == timers_.end() || it->second.when < due->second.when)) due = it;
    }
    if (due == timers_.end()) return false;
    now_ = std::max(now_, due->second.when);
    auto fn = std::move(due->second.fn);
    timers_.erase(due);
    fn();
    return true;
  }

  struct Timer {
    internal::SteadyClock::time_point when;
    std::function<void()> fn;
  };
  const internal::SteadyClock::time_point epoch_ =
      internal::SteadyClock::time_point(std::chrono::hours(1));
  internal::SteadyClock::time_point now_ = epoch_;
  TimerId next_ = 1;
  std::map<TimerId, Timer> timers_;
};

}  // namespace livekit::test
