#pragma once
// The development token server behind `lkcpp token serve`: a loopback-only HTTP/1.1 server,
// one request per connection, answering with a livekit::TokenEndpoint.

#include <cstddef>
#include <cstdint>
#include <iosfwd>

#include "livekit/token_endpoint.h"

namespace lkcpp {

/// Listens on 127.0.0.1:`port` (0: a free port), prints the URL on `out` and serves until
/// the process is stopped. Browsers may call it from any origin (CORS preflights are
/// answered). Returns only when it cannot listen: false.
bool ServeTokens(const livekit::TokenEndpoint& endpoint, std::size_t max_body_bytes, std::uint16_t port,
                 std::ostream& out);

}  // namespace lkcpp
