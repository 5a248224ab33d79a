#pragma once
// One HTTP exchange as the failover layer and the transport see it.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "livekit/client_options.h"
#include "livekit/defaults.h"
#include "livekit/error.h"

namespace livekit::internal {

// Header lists are the public HeaderList and TLS settings the public TlsOptions
// (client_options.h): what the user sets is what the transport reads.

/// Case-insensitive lookup of a header; empty when absent.
std::string_view FindHeader(const HeaderList& headers, std::string_view name);

/// The per-host request limit of the client that sends an exchange (see host_limiter.h).
struct HostLimit {
  std::uint64_t client = 0;       // which client's queues (a client's own id)
  std::size_t max_per_host = 0;   // exchanges in flight per host and lane; 0: no limit
  bool long_wait = false;         // waits on the server for long (phone dialing): its own lane
};

class ExchangeStream;  // transport/exchange_stream.h

struct HttpRequest {
  enum class Verb { kGet, kPost, kPut };
  Verb verb = Verb::kPost;
  std::string url;  // absolute: scheme://host[:port]/path
  /// Headers shared by every attempt of one call, sent before `headers`: a retry or a hedge
  /// sends them without copying them. Null for other exchanges.
  std::shared_ptr<const HeaderList> shared_headers;
  HeaderList headers;
  std::string body;
  std::chrono::milliseconds timeout = kDefaultTimeout;  // whole exchange, connect included
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  TlsOptions tls;
  HostLimit host_limit;
  /// Null (every API call): the answer's body is collected into HttpResponse::body, at most
  /// max_response_bytes. Set (uploads, streamed endpoints): the body goes to it piece by piece
  /// as it arrives, unbounded, and the request body may come from it (see exchange_stream.h).
  std::shared_ptr<ExchangeStream> stream;

  /// Every header, in the order sent: shared_headers, then headers.
  HeaderList AllHeaders() const;
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // names as received
  std::string body;
  std::string_view header(std::string_view name) const { return FindHeader(headers, name); }
};

/// What one exchange produced: an answer (any status), or an error of kind kTransport,
/// kTimeout, kCancelled, kBadResponse (answer over the size limit) or kConnectionLimit (a local
/// limit: no place free within the attempt time, or no file descriptor left).
struct ExchangeResult {
  std::optional<HttpResponse> response;
  Error error;
  /// False when the request provably never reached a server (DNS, connect, TLS failure):
  /// the strict idempotency policy may replay side-effecting calls only then.
  bool may_have_reached_server = true;
};

using ExchangeCallback = std::function<void(ExchangeResult)>;

}  // namespace livekit::internal
