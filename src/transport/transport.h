#pragma once
// The seam between the failover layer and the network: one HTTP exchange at a time,
// asynchronous, plus the timers and clock the failover rules need. The libcurl engine
// implements it for real; unit tests inject fakes.

#include <chrono>
#include <cstdint>
#include <functional>
#include <utility>

#include "transport/http_types.h"

namespace livekit::internal {

using SteadyClock = std::chrono::steady_clock;

/// Timers and time. Callbacks run on the implementation's thread (the engine's I/O thread).
class Scheduler {
 public:
  using TimerId = std::uint64_t;
  virtual ~Scheduler() = default;
  virtual SteadyClock::time_point Now() const = 0;
  /// Runs fn once after delay (0: as soon as possible). Returns an id for CancelTimer.
  virtual TimerId RunAfter(std::chrono::nanoseconds delay, std::function<void()> fn) = 0;
  /// Cancels a timer that has not fired; no effect otherwise.
  virtual void CancelTimer(TimerId id) = 0;
  /// Runs fn soon, after what was posted before it (first in, first out). Cheaper than
  /// RunAfter(0) where the implementation has a queue for it; this default is RunAfter(0).
  virtual void Post(std::function<void()> fn) { RunAfter(std::chrono::nanoseconds(0), std::move(fn)); }
};

class Transport {
 public:
  using ExchangeId = std::uint64_t;
  virtual ~Transport() = default;
  /// Starts one exchange; done is called exactly once, on the transport's thread, with the
  /// answer or the failure (a Cancel()ed exchange completes with kCancelled).
  virtual ExchangeId Send(HttpRequest request, ExchangeCallback done) = 0;
  virtual void Cancel(ExchangeId id) = 0;
  /// True when every exchange completes within its request.timeout of Send (time waiting for
  /// a place included): a call may then leave its deadline timer unarmed while its only
  /// attempt is in flight, since that attempt ends before the deadline anyway.
  virtual bool BoundsExchangeTime() const { return false; }
};

}  // namespace livekit::internal
