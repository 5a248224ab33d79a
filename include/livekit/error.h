#pragma once
/// @file
/// The one error type of the SDK: what went wrong, where, and every attempt made.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace livekit {

/// What kind of failure an Error is. Callers branch on this, never on message text.
enum class ErrorCode {
  kOk = 0,
  /// The caller passed something unusable (bad URL, missing credentials, bad option).
  kInvalidArgument,
  /// A token or webhook failed verification (signature, issuer, expiry, hash...).
  kUnauthenticated,
  /// The server answered with a 4xx: it understood and refused the request.
  kServerRejection,
  /// The server answered with a 5xx.
  kServerFailure,
  /// No usable answer: DNS, refused, reset, TLS failure, closed before a response.
  kTransport,
  /// A per-attempt timeout or the call's overall deadline passed.
  kTimeout,
  /// The caller cancelled the call (or destroyed the client while it ran).
  kCancelled,
  /// The project is pinned to other regions (HTTP 451) and none of them is left.
  kRegionPinned,
  /// The answer could not be decoded (invalid protobuf or JSON, wrong content type, too large).
  kBadResponse,
  /// A bug or an impossible state inside the SDK.
  kInternal,
  /// A limit of this process, not a failure of the server: no connection was free within the
  /// attempt time under ClientOptions::max_requests_per_host (or the engine's limit), or no
  /// connection could be opened because the process ran out of file descriptors. The request
  /// was never sent; not retried on another region.
  kConnectionLimit,
};

/// A stable lower-case name for a code, e.g. "server_rejection".
const char* ToString(ErrorCode code) noexcept;

/// One HTTP request of a call (a call that fails over makes several).
struct Attempt {
  std::string host;        ///< host[:port] the attempt went to
  std::string region;      ///< region name when known (from discovery), else empty
  ErrorCode outcome = ErrorCode::kOk;  ///< kOk for the successful attempt
  int http_status = 0;     ///< 0 when no HTTP answer arrived
  std::string detail;      ///< short reason, e.g. "connection refused", "503 unavailable"
  std::chrono::milliseconds duration{0};  ///< time from sending to the outcome
  bool hedge = false;      ///< sent as a hedge while an earlier attempt was still in flight
};

namespace internal {
class ErrorBuilder;  // the SDK's write access to an Error (not part of the API)
}  // namespace internal

/// An error as a value: never thrown by the SDK unless the caller asks (Result::value()).
/// Never contains a token, a secret or an Authorization header. Read-only for callers: only
/// the SDK fills in the status, Twirp fields, method, URL, request id, attempts and body.
class Error {
 public:
  /// An Error of code kOk: a placeholder (say, a member filled in later), not a failure. A
  /// Result built from it holds a kInternal Error instead (see Result).
  Error() = default;
  /// An error of kind `code` with a human-readable `message` (for your own code and tests).
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  /// What kind of failure this is.
  ErrorCode code() const noexcept { return code_; }
  /// A human-readable description (never a secret), on one line in the errors of the SDK.
  const std::string& message() const noexcept { return message_; }

  /// HTTP status of the (last) answer, 0 when none arrived.
  int http_status() const noexcept { return http_status_; }
  /// Twirp error code of the answer ("not_found", ...), empty when the body was not Twirp JSON.
  const std::string& twirp_code() const noexcept { return twirp_code_; }
  /// Twirp `meta` of the answer.
  const std::map<std::string, std::string>& metadata() const noexcept { return metadata_; }
  /// The whole body of a non-2xx answer (at most ClientOptions::max_response_bytes), for when
  /// message() (its first line) is not enough, e.g. the HTML page of a proxy. Bearer tokens
  /// and JWTs the server echoed are replaced by "[redacted]". Empty when no answer arrived.
  const std::string& response_body() const noexcept { return response_body_; }

  /// SIP status code of a failed dialing call (meta `sip_status_code`), if present.
  std::optional<int> sip_status_code() const;
  /// SIP status text of a failed dialing call (meta `sip_status`), empty when absent.
  std::string sip_status() const;

  /// Service and method of the call ("RoomService/CreateRoom"), and its URL (no credentials).
  const std::string& method() const noexcept { return method_; }
  /// The URL of the call's (last) attempt, without credentials.
  const std::string& url() const noexcept { return url_; }
  /// The X-Livekit-Request-Id of the call.
  const std::string& request_id() const noexcept { return request_id_; }
  /// Every attempt of the call, in order.
  const std::vector<Attempt>& attempts() const noexcept { return attempts_; }

  /// A one-line description with the code, status, method and message.
  std::string ToString() const;

 private:
  friend class internal::ErrorBuilder;

  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  int http_status_ = 0;
  std::string twirp_code_;
  std::map<std::string, std::string> metadata_;
  std::string response_body_;
  std::string method_;
  std::string url_;
  std::string request_id_;
  std::vector<Attempt> attempts_;
};

}  // namespace livekit
