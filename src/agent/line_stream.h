#pragma once
// The body of a build or log stream cut into lines as it arrives: each complete line goes to
// the caller's callback at once (LF or CRLF ended, without its end), none is collected. A
// line longer than the limit, a callback that throws, or a build's `BUILD ERROR:` line stop
// the stream. A non-2xx answer is not a stream: its body (bounded) is kept for the error.
// I/O thread only (exchange_stream.h).

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "agent/streamed_call.h"
#include "livekit/error.h"

namespace livekit::internal {

class LineStream final : public ActivityStream {
 public:
  /// Stops at a line starting with `BUILD ERROR:` when `build` (after delivering it).
  LineStream(std::function<void(std::string_view)> on_line, std::size_t max_line_bytes, bool build)
      : on_line_(std::move(on_line)), max_line_bytes_(max_line_bytes), build_(build) {}

  bool OnBodyChunk(int status, std::string_view chunk) override;

  /// From any thread: no line is delivered after it returns (but one running finishes).
  void StopDelivering() { stop_delivering_.store(true); }
  bool delivery_stopped() const { return stop_delivering_.load(); }

  /// At the end of a complete 2xx answer: delivers a last line that had no line end.
  void FinishLastLine();

  std::size_t lines_delivered() const { return lines_; }
  /// Bytes of a line begun but not ended.
  std::size_t partial_bytes() const { return partial_.size(); }
  /// Why the stream stopped itself (line too long, callback threw), if it did.
  const std::optional<Error>& stopped() const { return stopped_; }
  /// The message of a `BUILD ERROR:` line, if one came.
  const std::optional<std::string>& build_error() const { return build_error_; }
  /// The body of a non-2xx answer, at most kMaxErrorBody bytes.
  const std::string& error_body() const { return error_body_; }

  static constexpr std::size_t kMaxErrorBody = 64 * 1024;

 private:
  bool Deliver(std::string_view line);
  bool Stop(ErrorCode code, std::string message);

  std::function<void(std::string_view)> on_line_;
  std::atomic<bool> stop_delivering_{false};
  const std::size_t max_line_bytes_;
  const bool build_;
  std::string partial_;  // a line begun in an earlier piece
  std::size_t lines_ = 0;
  std::optional<Error> stopped_;
  std::optional<std::string> build_error_;
  std::string error_body_;
};

}  // namespace livekit::internal
