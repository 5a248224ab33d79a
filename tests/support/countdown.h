#pragma once
// Counts completions of asynchronous calls and wakes the test when all have arrived.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace livekit::test {

class Countdown {
 public:
  explicit Countdown(int n) : left_(n) {}
  void Done() {
    std::lock_guard<std::mutex> lock(mu_);
    if (--left_ == 0) cv_.notify_all();
  }
  /// Waits until every completion arrived.
  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return left_ == 0; });
  }
  /// Like Wait, but gives up after `bound`: false when some are still missing.
  bool WaitFor(std::chrono::seconds bound) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, bound, [this] { return left_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int left_;
};

}  // namespace livekit::test
