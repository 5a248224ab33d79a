#pragma once
// What the service layer hands to the failover layer, and what it gets back.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "livekit/error.h"
#include "livekit/failover_options.h"
#include "transport/http_types.h"

namespace livekit::internal {

/// How a method may be replayed (failover.md B6).
enum class MethodKind { kRead, kIdempotentWrite, kSideEffect };

/// One logical call: the failover layer sends it to the origin, then to other regions.
struct CallSpec {
  std::string origin;        // scheme://host[:port] of the configured URL, no path
  std::string path;          // e.g. "/twirp/livekit.RoomService/ListRooms"
  std::string method_name;   // e.g. "RoomService/ListRooms", for errors and events
  MethodKind kind = MethodKind::kRead;
  Headers headers;           // every header of every attempt, request id and token included
  std::string body;          // byte-identical on every attempt
  std::chrono::milliseconds attempt_timeout{10000};
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  TlsSettings tls;
  FailoverOptions failover;
};

/// The end of a call: the last HTTP answer (any status: the service layer turns a non-2xx
/// into an Error), or the error that ended it; and every attempt made.
struct CallOutcome {
  std::optional<HttpResponse> response;
  Error error;  // set when !response
  std::vector<Attempt> attempts;
};

using CallCallback = std::function<void(CallOutcome)>;

/// Cancels a call in flight: its current attempt, discovery or backoff. Safe from any thread,
/// any number of times, after completion too.
class CallHandle {
 public:
  CallHandle() = default;
  explicit CallHandle(std::function<void()> cancel) : cancel_(std::make_shared<std::function<void()>>(std::move(cancel))) {}
  void Cancel() const { if (cancel_ && *cancel_) (*cancel_)(); }

 private:
  std::shared_ptr<std::function<void()>> cancel_;
};

}  // namespace livekit::internal
