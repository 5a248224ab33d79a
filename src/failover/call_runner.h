#pragma once
// The one failover loop every API call goes through (failover.md Parts A, B and C): it sends a
// CallSpec to the origin and, after a retryable failure, discovers the other regions and
// replays the identical request there; a read that hedges also sends it to the next region
// when the first attempt has not answered within the hedge delay, and the first answer wins. Asynchronous: a state machine driven by the
// transport's callbacks and the scheduler's timers; no thread sleeps, ever.

#include <memory>

#include "failover/backoff.h"
#include "failover/call.h"
#include "transport/transport.h"

namespace livekit::internal {

/// Runs calls. Thread-safe: Start may be called from any thread, CallHandle::Cancel too;
/// every `done` callback runs on the transport's thread, exactly once.
class CallRunner {
 public:
  CallRunner(std::shared_ptr<Transport> transport, std::shared_ptr<Scheduler> scheduler);
  /// With an injected random source for the backoff jitter (tests).
  CallRunner(std::shared_ptr<Transport> transport, std::shared_ptr<Scheduler> scheduler,
             std::shared_ptr<RandomSource> random);
  ~CallRunner();
  CallRunner(const CallRunner&) = delete;
  CallRunner& operator=(const CallRunner&) = delete;

  /// Starts a call; done runs exactly once with its outcome (also after Cancel, with
  /// ErrorCode::kCancelled, and after the deadline, with ErrorCode::kTimeout).
  CallHandle Start(CallSpec spec, CallCallback done);

 private:
  std::shared_ptr<Transport> transport_;
  std::shared_ptr<Scheduler> scheduler_;
  std::shared_ptr<RandomSource> random_;  // one generator per runner, never a global one
};

}  // namespace livekit::internal
