#pragma once
// The server side of Twirp for the fake: an Error as a Twirp error answer, and Twirp's table
// of codes and HTTP statuses.

#include <map>
#include <string>
#include <string_view>

#include "livekit/error.h"
#include "livekit/http_transport.h"

namespace livekit::testing::detail {

/// Twirp's HTTP status for a code; 500 for a code it does not know.
int TwirpHttpStatus(std::string_view code);

/// A Twirp error answer: JSON {"code","msg","meta"} with `status` (0: the code's).
HttpTransportResponse TwirpErrorAnswer(std::string_view code, std::string_view message,
                                       const std::map<std::string, std::string>& meta, int status);

/// A handler's Error as its answer: the error's Twirp code ("internal" when it has none) and
/// HTTP status (the code's when it has none).
HttpTransportResponse ErrorAnswer(const Error& error);

}  // namespace livekit::testing::detail
