#pragma once
/// @file
/// CallOptions: per-call overrides of a client's options.

#include <chrono>
#include <optional>
#include <string>

#include "livekit/client_options.h"
#include "livekit/failover_options.h"

namespace livekit {

/// Options of one call; every member left unset takes the client's value. Plain value type.
struct CallOptions {
  /// Time limit of one HTTP attempt (the dialing rule still applies on top).
  std::optional<std::chrono::milliseconds> timeout;
  /// Extra headers for this call, sent after the client's headers.
  HeaderList headers;
  /// The X-Livekit-Request-Id to send; unset: a fresh UUID v4 per call (a header of that name
  /// in `headers` or in the client's headers is kept as well).
  std::optional<std::string> request_id;
  /// Failover settings for this call instead of the client's.
  std::optional<FailoverOptions> failover;
};

}  // namespace livekit
