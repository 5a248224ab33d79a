#pragma once
// The streaming mode of one exchange (HttpRequest::stream): the response body is handed over
// piece by piece as libcurl receives it instead of being collected, and the request body may
// be read on demand (a file uploaded without holding it in memory). Exchanges without a
// stream, every API call, take the engine's ordinary path untouched.
//
// Every member runs on the engine's I/O thread, from inside libcurl's callbacks: it must not
// block for long nor call back into the engine synchronously.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace livekit::internal {

class ExchangeStream {
 public:
  /// ReadBody's answer when the body cannot be read: the exchange is aborted.
  static constexpr std::size_t kReadFailed = static_cast<std::size_t>(-1);

  virtual ~ExchangeStream() = default;

  /// A piece of the answer's body, with the answer's HTTP status. False aborts the exchange:
  /// it then completes with an error (kTransport), and the stream knows why.
  virtual bool OnBodyChunk(int status, std::string_view chunk) = 0;

  /// The size of the request body ReadBody supplies, sent as Content-Length; -1 (default):
  /// none, HttpRequest::body is sent as usual.
  virtual std::int64_t UploadSize() const { return -1; }

  /// Copies the next at most `size` bytes of the request body into `buffer` and returns how
  /// many (0 at the end), or kReadFailed.
  virtual std::size_t ReadBody(char* /*buffer*/, std::size_t /*size*/) { return 0; }
};

}  // namespace livekit::internal
