#include "failover/backoff.h"

#include <algorithm>

namespace livekit::internal {

DefaultRandomSource::DefaultRandomSource() {
  std::random_device rd;
  std::seed_seq seq{rd(), rd(), rd(), rd()};
  gen_.seed(seq);
}

double DefaultRandomSource::NextUnit() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen_);
}

std::chrono::milliseconds BackoffDelay(int n, double unit) {
  unit = std::clamp(unit, 0.0, 1.0);
  double mean = static_cast<double>(kBackoffBase.count()) * static_cast<double>(1LL << std::clamp(n, 0, 20));
  return std::chrono::milliseconds(static_cast<long long>(mean * (0.5 + unit)));
}

std::chrono::milliseconds MaxTotalBackoff(int attempts) {
  std::chrono::milliseconds total{0};
  for (int n = 0; n + 1 < attempts; ++n) total += BackoffDelay(n, 1.0);
  return total;
}

}  // namespace livekit::internal
