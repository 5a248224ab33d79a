#pragma once
// The event loop under the libcurl driver (curl_engine.cc): it waits for socket activity,
// libcurl's own timeouts and wake-ups from other threads, and lets libcurl act on what is
// ready. Two backends:
//   - epoll (Linux only, epoll_event_loop.cc): libcurl's socket API, sockets watched with
//     epoll, kept-alive connections left in epoll between exchanges. The fastest.
//   - poll (everywhere, poll_event_loop.cc): curl_multi_perform, curl_multi_poll and
//     curl_multi_wakeup only, so it builds wherever libcurl does (macOS, BSDs, Windows).
// Where both are built, one is chosen at run time (EventLoopKind, or LIVEKIT_EVENT_LOOP).
//
// Thread safety: Wake() may be called from any thread; everything else runs on the engine's
// I/O thread only.

#include <curl/curl.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "transport/event_loop_kind.h"

namespace livekit::internal {

class EventLoop {
 public:
  virtual ~EventLoop() = default;
  /// "epoll" or "poll".
  virtual std::string_view name() const = 0;
  /// Installs what the backend needs on the multi handle (called once, before any transfer).
  virtual void Attach(CURLM* multi) = 0;
  /// Sets what the backend needs on an easy handle (after every curl_easy_reset).
  virtual void ConfigureEasy(CURL* easy) = 0;
  /// Opens a connection socket for libcurl: every exchange's CURLOPT_OPENSOCKETFUNCTION ends
  /// here (exchange.cc), so the exchange learns why a socket could not be opened (EMFILE).
  /// Returns CURL_SOCKET_BAD with errno set on failure. This default is a plain socket().
  virtual curl_socket_t OpenSocket(curlsocktype purpose, curl_sockaddr* address);
  /// False when the backend knows that libcurl's cache holds no idle connection, so a new
  /// HTTP/1.1 exchange has nothing to reuse and libcurl's search for one (a scan of every
  /// connection to the host, quadratic in the calls in flight) can be skipped. True when it
  /// does not know (this default).
  virtual bool MayHaveIdleConnection() const { return true; }
  /// Lets libcurl act on what is ready now (transfers just added, due timeouts), without
  /// waiting.
  virtual void Progress() = 0;
  /// Waits at most `max_wait` for socket activity, a libcurl timeout or Wake(), then lets
  /// libcurl act on what became ready.
  virtual void Wait(std::chrono::milliseconds max_wait) = 0;
  /// Ends a Wait() early; callable from any thread.
  virtual void Wake() = 0;
};

/// The backend of `kind` (kDefault resolved as above). On failure (a backend not built on this
/// platform, an unknown LIVEKIT_EVENT_LOOP value, no file descriptor left) returns null and
/// says why in `error`.
std::unique_ptr<EventLoop> MakeEventLoop(EventLoopKind kind, std::string* error);

/// Which backends this build has, e.g. "epoll, poll".
std::string_view BuiltEventLoops();

}  // namespace livekit::internal
