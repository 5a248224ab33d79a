#pragma once
// What the service layer hands to the failover layer, and what it gets back.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/url.h"
#include "livekit/call_handle.h"
#include "livekit/defaults.h"
#include "livekit/error.h"
#include "livekit/failover_options.h"
#include "transport/http_types.h"

namespace livekit::internal {

/// How a method may be replayed (failover.md B6).
enum class MethodKind { kRead, kIdempotentWrite, kSideEffect };

/// One logical call: the failover layer sends it to the origin, then to other regions.
/// The configured origin, parsed once per client rather than once per call.
struct ParsedOrigin {
  UrlParts url;
  std::string key;   // host key
};

struct CallSpec {
  std::string origin;        // scheme://host[:port] of the configured URL, no path
  std::shared_ptr<const ParsedOrigin> parsed_origin;  // of `origin`; null: parsed by the call
  std::string path;          // e.g. "/twirp/livekit.RoomService/ListRooms"
  std::string method_name;   // e.g. "RoomService/ListRooms", for errors and events
  MethodKind kind = MethodKind::kRead;
  HeaderList headers;        // every header of every attempt, request id and token included
  std::string body;          // byte-identical on every attempt
  std::chrono::milliseconds attempt_timeout = kDefaultTimeout;
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  TlsOptions tls;
  HostLimit host_limit;      // the client's per-host request limit and the call's lane
  FailoverOptions failover;
};

/// The end of a call: the last HTTP answer (any status: the service layer turns a non-2xx
/// into an Error), or the error that ended it; and every attempt made.
struct CallOutcome {
  std::optional<HttpResponse> response;
  Error error;  // set when !response
  std::vector<Attempt> attempts;
  /// The call's spec, for what an error names (method, URL), and its request id: valid while
  /// the callback runs, so a success copies none of it.
  const CallSpec* spec = nullptr;
  std::string_view request_id;
};

using CallCallback = std::function<void(CallOutcome)>;

/// Cancels a call in flight: its current attempt, discovery or backoff. The public handle
/// itself, so the service layer hands it to the caller as it is.
using CallHandle = livekit::CallHandle;

}  // namespace livekit::internal
