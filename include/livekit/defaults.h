#pragma once
/// @file
/// The defaults of ClientOptions, in one place for code that needs the values themselves
/// (a CLI printing its defaults, a test, an application comparing its own settings).

#include <chrono>
#include <cstddef>

namespace livekit {

/// Time limit of one HTTP attempt: ClientOptions::timeout (10 s).
inline constexpr std::chrono::milliseconds kDefaultTimeout{10000};

/// Largest answer body accepted: ClientOptions::max_response_bytes (8 MiB).
inline constexpr std::size_t kDefaultMaxResponseBytes = 8u * 1024u * 1024u;

/// Path prefix of the Twirp API on a LiveKit server: ClientOptions::twirp_prefix.
inline constexpr const char* kDefaultTwirpPrefix = "/twirp";

}  // namespace livekit
