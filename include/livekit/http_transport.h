#pragma once
/// @file
/// HttpTransport: the HTTP exchange under the API clients, replaceable through
/// ClientOptions::transport. Everything above it stays the SDK's own: token signing, the
/// protobuf and JSON encodings, region discovery, failover, retries, timeouts and deadlines.
/// Only the bytes on the wire come from the transport. Made for tests: an in-process fake
/// server (livekit/testing/fake_livekit.h) is one.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "livekit/client_options.h"
#include "livekit/error.h"

namespace livekit {

/// One HTTP request as the SDK sends it. Plain value type.
struct HttpTransportRequest {
  /// "POST" (an API call, Twirp) or "GET" (region discovery, `/settings/regions`).
  std::string method;
  /// Absolute URL: `scheme://host[:port]/path`.
  std::string url;
  /// Headers in the order sent (Authorization, Content-Type, User-Agent, request id, then
  /// the client's and the call's own).
  HeaderList headers;
  /// The request body (empty for a GET).
  std::string body;
  /// The time this exchange has. The SDK enforces it itself: an exchange still open then
  /// ends with ErrorCode::kTimeout (and HttpTransport::Cancel is called).
  std::chrono::milliseconds timeout{0};

  /// The first header of that name (case-insensitive); empty when absent.
  std::string_view header(std::string_view name) const;
};

/// One HTTP answer. Plain value type.
struct HttpTransportResponse {
  int status = 200;    ///< HTTP status code
  HeaderList headers;  ///< response headers (Content-Type picks the body's format)
  std::string body;    ///< response body
};

/// How one exchange ended: an answer (any status), or a failure with no answer.
struct HttpTransportResult {
  /// Set when an answer arrived.
  std::optional<HttpTransportResponse> response;
  /// Without an answer: why. ErrorCode::kTransport (connection failed or closed) and
  /// ErrorCode::kTimeout are retried on another region like the network's own failures;
  /// other codes end the call.
  Error error;
  /// False only when the request provably never reached a server (refused connection, DNS):
  /// IdempotencyPolicy::kSafeOnly replays side-effecting calls only then.
  bool may_have_reached_server = true;

  /// An answer.
  static HttpTransportResult Answer(HttpTransportResponse response);
  /// No answer: the connection failed or closed (ErrorCode::kTransport). `never_sent`: the
  /// request provably never reached the server.
  static HttpTransportResult ConnectionFailed(std::string message, bool never_sent = false);
};

/// The HTTP exchange of a client. Implementations must be thread-safe: Send and Cancel are
/// called from any thread (the SDK's I/O thread included), several exchanges at once.
class HttpTransport {
 public:
  /// Identifies an exchange, unique in the process; given by the SDK.
  using ExchangeId = std::uint64_t;
  /// Completes an exchange.
  using Done = std::function<void(HttpTransportResult)>;

  virtual ~HttpTransport() = default;

  /// Starts one exchange. Call `done` once, from any thread (inside Send too). The SDK runs
  /// the rest of the call on its own I/O thread, as with the network. Never calling it is a
  /// server that hangs: the exchange then ends at its timeout. A call after the exchange
  /// ended (timed out, cancelled) is ignored.
  virtual void Send(ExchangeId id, HttpTransportRequest request, Done done) = 0;

  /// The SDK no longer waits for this exchange (the call was cancelled, timed out, or lost a
  /// hedged race): it has already ended on the SDK's side. Default: nothing.
  virtual void Cancel(ExchangeId id) { static_cast<void>(id); }
};

}  // namespace livekit
