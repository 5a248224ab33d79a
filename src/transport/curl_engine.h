#pragma once
// The HTTP engine: libcurl's multi interface driven by one I/O thread. It is both the
// Transport (one exchange at a time, asynchronous) and the Scheduler (timers) of the SDK, so
// every callback of a call (answers, timeouts, backoff timers) runs on that one thread and
// no call ever owns a thread of its own. The waiting is done by an event loop backend
// (event_loop.h: epoll on Linux, a portable one on libcurl alone everywhere).
//
// Thread safety: Send, Cancel, Post, RunAfter, CancelTimer and Now may be called from any thread,
// the I/O thread included. Destroying the engine completes every exchange in flight with
// kCancelled, runs every pending timer at once (so retry loops reach their end), and joins
// the thread; when the last reference is dropped on the I/O thread itself, the thread is
// detached and finishes the same way on its own.

#include <cstddef>
#include <memory>
#include <string_view>

#include "transport/event_loop_kind.h"
#include "transport/transport.h"

namespace livekit::internal {

struct CurlEngineOptions {
  /// Exchanges in flight per host (scheme, host, port) and lane, across every client of the
  /// engine; 0 (the default, the shared engine's too): no limit. An exchange over it waits in
  /// the engine's queue (host_limiter.h), as one over its client's HostLimit does. libcurl's
  /// own per-host connection cap stays off: its queue would eat the attempt time silently.
  std::size_t max_requests_per_host = 0;
  /// Idle connections kept alive for reuse.
  long max_cached_connections = 256;
  /// The event loop backend (default: LIVEKIT_EVENT_LOOP, else epoll where built).
  EventLoopKind event_loop = EventLoopKind::kDefault;
};

class CurlEngine final : public Transport, public Scheduler {
 public:
  explicit CurlEngine(CurlEngineOptions options = {});
  ~CurlEngine() override;
  CurlEngine(const CurlEngine&) = delete;
  CurlEngine& operator=(const CurlEngine&) = delete;

  ExchangeId Send(HttpRequest request, ExchangeCallback done) override;
  void Cancel(ExchangeId id) override;
  bool BoundsExchangeTime() const override { return true; }

  SteadyClock::time_point Now() const override;
  TimerId RunAfter(std::chrono::nanoseconds delay, std::function<void()> fn) override;
  void CancelTimer(TimerId id) override;
  void Post(std::function<void()> fn) override;

  /// True when called from the engine's I/O thread (blocking there would deadlock).
  bool OnIoThread() const;

  /// The event loop backend in use ("epoll" or "poll"); empty when none could be made (then
  /// every exchange fails with kInternal saying why).
  std::string_view event_loop_name() const;

  class Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

/// The process-wide engine shared by every client that does not ask for its own. Created on
/// first use; lives while some client holds it.
std::shared_ptr<CurlEngine> SharedCurlEngine();

}  // namespace livekit::internal
