#pragma once
// Backoff between attempts (failover.md A10, B4): 200 ms x 2^n, jittered uniformly over
// [0.5, 1.5] of that, so the mean stays on the official schedule while clients that fail
// together spread out.

#include <chrono>
#include <memory>
#include <mutex>
#include <random>

namespace livekit::internal {

inline constexpr std::chrono::milliseconds kBackoffBase{200};

/// A source of uniform numbers in [0, 1). Injectable so tests choose the jitter.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual double NextUnit() = 0;
};

/// One generator per owner (never a global one), seeded from std::random_device. Thread-safe.
class DefaultRandomSource final : public RandomSource {
 public:
  DefaultRandomSource();
  double NextUnit() override;

 private:
  std::mutex mu_;
  std::mt19937_64 gen_;
};

/// The delay before attempt n+1 (n from 0) for a uniform draw `unit` in [0, 1).
std::chrono::milliseconds BackoffDelay(int n, double unit);

/// The longest total backoff a call with `attempts` attempts can wait (for the default deadline).
std::chrono::milliseconds MaxTotalBackoff(int attempts);

}  // namespace livekit::internal
