#pragma once
// libcurl easy handles kept between exchanges, with the options that depend only on the TLS
// settings and the verb: set once, and again (after curl_easy_reset) only when those change,
// since a reset and a full set-up cost more than the rest of an exchange's options together.
// I/O thread only.

#include <curl/curl.h>

#include <cstddef>
#include <vector>

#include "transport/http_types.h"

namespace livekit::internal {

class EventLoop;

struct PooledHandle {
  CURL* easy = nullptr;
  bool configured = false;
  HttpRequest::Verb verb = HttpRequest::Verb::kPost;
  TlsOptions tls;
  /// The exchange whose callbacks and data pointers the handle holds (Exchange::Prepare):
  /// engine and pool both hand out the last one returned, so the next exchange on this
  /// handle is usually the same object and need not set them again. Null after a reset.
  const void* hooked = nullptr;
};

class EasyHandlePool {
 public:
  explicit EasyHandlePool(EventLoop& loop, std::size_t max_spare = 256) : loop_(loop), max_spare_(max_spare) {}
  ~EasyHandlePool();
  EasyHandlePool(const EasyHandlePool&) = delete;
  EasyHandlePool& operator=(const EasyHandlePool&) = delete;

  /// A handle set up for `request`'s verb and TLS settings; easy is null when libcurl could
  /// not make one.
  PooledHandle Take(const HttpRequest& request);
  /// Keeps the handle for later (or frees it when enough are kept).
  void Give(PooledHandle handle);

 private:
  void Configure(PooledHandle& h, const HttpRequest& request);

  EventLoop& loop_;
  const std::size_t max_spare_;
  std::vector<PooledHandle> spare_;
};

}  // namespace livekit::internal
