#pragma once
// The HTTP engine: libcurl's multi interface driven by one I/O thread. It is both the
// Transport (one exchange at a time, asynchronous) and the Scheduler (timers) of the SDK, so
// every callback of a call (answers, timeouts, backoff timers) runs on that one thread and
// no call ever owns a thread of its own.
//
// Thread safety: Send, Cancel, Post, RunAfter, CancelTimer and Now may be called from any thread,
// the I/O thread included. Destroying the engine completes every exchange in flight with
// kCancelled, runs every pending timer at once (so retry loops reach their end), and joins
// the thread; when the last reference is dropped on the I/O thread itself, the thread is
// detached and finishes the same way on its own.

#include <cstddef>
#include <memory>

#include "transport/transport.h"

namespace livekit::internal {

struct CurlEngineOptions {
  /// Connections kept per host (HTTP/1.1 needs one per concurrent exchange; further
  /// exchanges wait in libcurl's queue for a free connection).
  long max_host_connections = 128;
  /// Idle connections kept alive for reuse.
  long max_cached_connections = 256;
};

class CurlEngine final : public Transport, public Scheduler {
 public:
  explicit CurlEngine(CurlEngineOptions options = {});
  ~CurlEngine() override;
  CurlEngine(const CurlEngine&) = delete;
  CurlEngine& operator=(const CurlEngine&) = delete;

  ExchangeId Send(HttpRequest request, ExchangeCallback done) override;
  void Cancel(ExchangeId id) override;

  SteadyClock::time_point Now() const override;
  TimerId RunAfter(std::chrono::nanoseconds delay, std::function<void()> fn) override;
  void CancelTimer(TimerId id) override;
  void Post(std::function<void()> fn) override;

  /// True when called from the engine's I/O thread (blocking there would deadlock).
  bool OnIoThread() const;

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

/// The process-wide engine shared by every client that does not ask for its own. Created on
/// first use; lives while some client holds it.
std::shared_ptr<CurlEngine> SharedCurlEngine();

}  // namespace livekit::internal
