#pragma once
// One HTTP exchange in flight inside the engine, the libcurl callbacks that fill it, and the
// mapping of libcurl's outcome to an ExchangeResult. Owned by the engine's I/O thread.

#include <curl/curl.h>

#include <cstddef>
#include <string>
#include <vector>

#include "transport/easy_handle_pool.h"
#include "transport/host_limiter.h"
#include "transport/transport.h"

namespace livekit::internal {

// The request's header lines in one buffer, linked as the curl_slist libcurl reads: two
// allocations per exchange instead of three per header (curl_slist_append).
class HeaderLines {
 public:
  /// `first` (may be null), then `then`; a header with an empty value is left out.
  void Build(const HeaderList* first, const HeaderList& then);
  curl_slist* list() { return nodes_.empty() ? nullptr : nodes_.data(); }

 private:
  std::string text_;
  std::vector<curl_slist> nodes_;
};

class EventLoop;

struct Exchange {
  Transport::ExchangeId id = 0;
  // At launch every kept connection was busy (as many exchanges in flight as the engine keeps
  // connections): a fresh cleartext connection then serves this exchange only.
  bool kept_connections_busy = false;
  EventLoop* loop = nullptr;  // opens its connection sockets
  PooledHandle handle;
  HeaderLines header_lines;
  HttpRequest request;
  ExchangeCallback done;
  HttpResponse response;
  bool too_large = false;
  int sends = 0;                // requests libcurl started for this exchange
  bool replay_refused = false;  // libcurl tried to send it a second time
  char errbuf[CURL_ERROR_SIZE] = {};
  int socket_errno = 0;         // why the last socket() for it failed (0: none failed)
  // Per-host limits (host_limiter.h): its places, and the wait for them before it started.
  LimitTicket ticket;
  SteadyClock::time_point queued_at{};
  std::chrono::milliseconds waited{0};  // in the engine's queue; counts against the timeout
  Scheduler::TimerId wait_timer = 0;    // ends the wait when the timeout passes first

  /// Points the handle's per-exchange options (URL, body, headers, limits, callbacks) at
  /// this exchange. The time it waited in the engine's queue is taken off its timeout.
  void Prepare();
  /// Unhooks what the next exchange on the handle may not replace (headers, body, private
  /// pointer, a stream's hooks) and the error buffer. The callbacks and their data pointers
  /// stay until the next Prepare: a handle between exchanges is in no multi handle, so
  /// nothing calls them.
  void Release();
  /// What libcurl's outcome `code` means for the caller.
  ExchangeResult ResultOf(CURLcode code);
  /// Back to a fresh exchange for reuse by the engine, keeping only the capacity of its
  /// header buffer (the handle must have been given back first).
  void Reset();
};

ExchangeResult Failure(ErrorCode code, std::string message, bool may_have_reached_server);

/// The error of an exchange whose attempt time passed while it waited for a place.
ExchangeResult NoPlaceFree(const WaitFacts& facts, std::chrono::milliseconds timeout);

}  // namespace livekit::internal
