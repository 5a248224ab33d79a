#pragma once
/// @file
/// CallHandle: cancels an asynchronous API call.

#include <functional>
#include <memory>

namespace livekit {

/// Returned by the callback form of every client method. Cancel() stops the call wherever it
/// is (attempt in flight, region discovery, backoff); its callback then runs once with
/// ErrorCode::kCancelled, unless the call had already finished. Copyable; safe to use from
/// any thread, any number of times, after completion too.
class CallHandle {
 public:
  CallHandle() = default;
  /// Wraps a cancel function (used by the SDK).
  explicit CallHandle(std::function<void()> cancel)
      : cancel_(std::make_shared<std::function<void()>>(std::move(cancel))) {}
  /// Requests cancellation; has no effect on a finished call.
  void Cancel() const {
    if (cancel_ && *cancel_) (*cancel_)();
  }

 private:
  std::shared_ptr<std::function<void()>> cancel_;
};

}  // namespace livekit
