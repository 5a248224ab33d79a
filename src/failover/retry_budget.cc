#include "failover/retry_budget.h"

#include <algorithm>

namespace livekit::internal {

RetryBudget::RetryBudget(double max_tokens, double token_ratio)
    : max_tokens_(std::max(1.0, max_tokens)), token_ratio_(std::max(0.0, token_ratio)), tokens_(max_tokens_) {}

bool RetryBudget::AllowRetry(double* tokens_left) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (tokens_left) *tokens_left = tokens_;
  return tokens_ > max_tokens_ / 2;
}

bool RetryBudget::TakeToken(double* tokens_left) {
  std::lock_guard<std::mutex> lock(mu_);
  const bool allowed = tokens_ - 1.0 > max_tokens_ / 2;
  if (allowed) tokens_ -= 1.0;
  if (tokens_left) *tokens_left = tokens_;
  return allowed;
}

void RetryBudget::RecordSuccess() {
  std::lock_guard<std::mutex> lock(mu_);
  tokens_ = std::min(max_tokens_, tokens_ + token_ratio_);
}

void RetryBudget::RecordFailure() {
  std::lock_guard<std::mutex> lock(mu_);
  tokens_ = std::max(0.0, tokens_ - 1.0);
}

double RetryBudget::tokens() const {
  std::lock_guard<std::mutex> lock(mu_);
  return tokens_;
}

void RetryBudget::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  tokens_ = max_tokens_;
}

}  // namespace livekit::internal
