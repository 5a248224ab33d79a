#pragma once
/// @file
/// CallOptions: per-call overrides of a client's options.

#include <chrono>
#include <optional>
#include <string>
#include <type_traits>

#include "livekit/client_options.h"
#include "livekit/failover_options.h"

namespace livekit {

/// Options of one call; every member left unset takes the client's value. Plain value type.
struct CallOptions {
  /// Time limit of one HTTP attempt (the dialing rule still applies on top). Positive and at
  /// most 24 h, like ClientOptions::timeout (kInvalidArgument otherwise).
  std::optional<std::chrono::milliseconds> timeout;
  /// Extra headers for this call, sent after the client's headers. A header named like one of
  /// the client's (names compare case-insensitively) replaces it for this call: a per-call
  /// `X-Lk-Mock` control header is the one the server reads, not a second copy.
  HeaderList headers;
  /// The X-Livekit-Request-Id to send; unset: a fresh UUID v4 per call (a header of that name
  /// in `headers` or in the client's headers is kept as well).
  std::optional<std::string> request_id;
  /// Failover settings for this call instead of the client's.
  std::optional<FailoverOptions> failover;
  /// Hedge delay of this call (FailoverOptions::hedge_after), over the client's or `failover`'s.
  /// To switch hedging off for one call, pass `failover` without a hedge delay.
  std::optional<std::chrono::milliseconds> hedge_after;
};

/// Enables a convenience overload that takes its CallOptions right after its required
/// arguments (`CreateRoom(name, options)`, skipping the defaulted `settings`) for a CallOptions
/// argument only: a `{}` there keeps meaning the defaulted argument, as it did before.
template <typename T>
using EnableIfCallOptions = std::enable_if_t<std::is_same_v<T, CallOptions>, int>;

}  // namespace livekit
