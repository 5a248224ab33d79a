#pragma once
// X-Livekit-Request-Id values: random UUID v4 (a per-thread generator seeded from OpenSSL,
// reseeded after fork); RandomBytes draws from OpenSSL directly.

#include <string>

namespace livekit::internal {

/// A fresh UUID v4, lower-case, e.g. "3f2b...-4...-a...". Thread-safe.
std::string NewRequestId();

/// `n` random bytes (e.g. the nonce of SendData, by which the server drops duplicates).
std::string RandomBytes(std::size_t n);

}  // namespace livekit::internal
