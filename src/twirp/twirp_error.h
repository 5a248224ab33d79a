#pragma once
// A non-2xx Twirp answer as an Error: status, Twirp code, message and metadata, from a Twirp
// JSON body {"code","msg","meta"} or, failing that, the plain text of the body.

#include "livekit/error.h"
#include "transport/http_types.h"

namespace livekit::internal {

/// The ErrorCode of an HTTP status: 451 kRegionPinned, other 4xx kServerRejection,
/// 5xx kServerFailure, anything else that is not 2xx kBadResponse.
ErrorCode ErrorCodeForStatus(int http_status);

/// Builds the Error of a non-2xx answer (method, url and request id are left to the caller).
Error ErrorFromResponse(const HttpResponse& response);

}  // namespace livekit::internal
