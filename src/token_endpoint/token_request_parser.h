#pragma once
// The body of a token endpoint request -> livekit.TokenSourceRequest. Separate from the
// handler so the fuzz target can reach it alone.

#include <string_view>

#include "livekit/result.h"
#include "livekit_token_source.pb.h"

namespace livekit::internal {

/// Parses a JSON object in either field spelling (room_name or roomName), ignoring unknown
/// fields. kInvalidArgument when `body` is not a JSON object or a field has the wrong type;
/// the message names the problem without quoting the body.
Result<livekit::TokenSourceRequest> ParseTokenSourceRequest(std::string_view body);

}  // namespace livekit::internal
