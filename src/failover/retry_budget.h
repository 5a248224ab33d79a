#pragma once
// The retry budget (failover.md B5), in the manner of gRPC retry throttling: a token bucket
// that a call failing everywhere drains by one and a successful call refills by a fraction;
// failover attempts are allowed only while more than half the bucket is left, so an outage
// of every region does not triple the load on them.

#include <mutex>

namespace livekit::internal {

class RetryBudget {
 public:
  RetryBudget(double max_tokens, double token_ratio);

  /// May a call make a failover attempt now? `tokens_left` receives the level.
  bool AllowRetry(double* tokens_left = nullptr) const;
  /// A hedge takes a token: true (and one token fewer) when more than half the bucket is still
  /// left after taking it, false (nothing taken) otherwise. Hedges thus spend only the tokens
  /// above what failover needs, and a burst of hedges never switches failover off.
  /// `tokens_left` receives the level after.
  bool TakeToken(double* tokens_left = nullptr);
  /// A call ended with an answer from a server (not a 5xx).
  void RecordSuccess();
  /// A call ended with a retryable failure.
  void RecordFailure();
  double tokens() const;
  void Reset();

 private:
  const double max_tokens_;
  const double token_ratio_;
  mutable std::mutex mu_;
  double tokens_;
};

}  // namespace livekit::internal
