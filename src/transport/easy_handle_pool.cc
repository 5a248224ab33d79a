#include "transport/easy_handle_pool.h"

#include <utility>

#include "transport/event_loop.h"

namespace livekit::internal {

EasyHandlePool::~EasyHandlePool() {
  for (PooledHandle& h : spare_) curl_easy_cleanup(h.easy);
}

PooledHandle EasyHandlePool::Take(const HttpRequest& request) {
  PooledHandle h;
  if (!spare_.empty()) {
    h = std::move(spare_.back());
    spare_.pop_back();
  } else {
    h.easy = curl_easy_init();
    if (h.easy == nullptr) return h;
  }
  if (!h.configured || h.verb != request.verb || h.tls != request.tls) Configure(h, request);
  return h;
}

void EasyHandlePool::Give(PooledHandle handle) {
  if (handle.easy == nullptr) return;
  if (spare_.size() < max_spare_) {
    spare_.push_back(std::move(handle));
  } else {
    curl_easy_cleanup(handle.easy);
  }
}

void EasyHandlePool::Configure(PooledHandle& h, const HttpRequest& req) {
  CURL* e = h.easy;
  if (h.configured) curl_easy_reset(e);
  h.hooked = nullptr;
  loop_.ConfigureEasy(e);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, req.tls.verify ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, req.tls.verify ? 2L : 0L);
  if (!req.tls.ca_bundle_path.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, req.tls.ca_bundle_path.c_str());
  if (req.verb == HttpRequest::Verb::kPost) {
    curl_easy_setopt(e, CURLOPT_POST, 1L);
  } else if (req.verb == HttpRequest::Verb::kPut) {
    curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);  // PUT; its body comes from a stream (exchange_stream.h)
  } else {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  }
  h.configured = true;
  h.verb = req.verb;
  h.tls = req.tls;
}

}  // namespace livekit::internal
