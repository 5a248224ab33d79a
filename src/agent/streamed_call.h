#pragma once
// One streamed exchange (transport/exchange_stream.h) on the libcurl engine: the upload of
// an archive or a build or log stream. Its deadline is the exchange's timeout (libcurl's);
// the idle timeout, when set, is an engine timer that looks at the stream's last activity
// once per idle period at most, so a chatty stream costs no timer per piece. Cancellable
// from any thread through the CallHandle; no thread of its own.

#include <chrono>
#include <functional>
#include <memory>

#include "livekit/call_handle.h"
#include "transport/curl_engine.h"
#include "transport/exchange_stream.h"

namespace livekit::internal {

/// A stream that records when bytes last moved (either way), for the idle timeout. Its
/// members run on the engine's I/O thread, as the idle check does.
class ActivityStream : public ExchangeStream {
 public:
  SteadyClock::time_point last_activity() const { return last_activity_; }
  /// True once the idle timeout ended the exchange (set by the streamed call).
  bool idle_expired() const { return idle_expired_; }
  void MarkIdleExpired() { idle_expired_ = true; }

 protected:
  void Touch() { last_activity_ = SteadyClock::now(); }

 private:
  SteadyClock::time_point last_activity_ = SteadyClock::now();
  bool idle_expired_ = false;
};

/// How a streamed exchange ended: the engine's result, and whether the idle timeout ended it
/// (the result then holds a kTimeout saying so instead of the cancellation).
using StreamedDone = std::function<void(ExchangeResult result)>;

/// Sends `request` (its `stream` an ActivityStream) on `engine`. `idle_timeout` 0: none.
/// `done` runs once on the engine's thread.
CallHandle StartStreamedCall(std::shared_ptr<CurlEngine> engine, HttpRequest request,
                             std::shared_ptr<ActivityStream> stream, std::chrono::milliseconds idle_timeout,
                             StreamedDone done);

}  // namespace livekit::internal
