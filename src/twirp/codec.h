#pragma once
// Twirp bodies: a request message to bytes, and a response's bytes back to a message, in
// protobuf binary or proto3 JSON.

#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "livekit/client_options.h"
#include "livekit/result.h"
#include "transport/http_types.h"

namespace livekit::internal {

/// `application/protobuf` or `application/json`.
const char* ContentTypeOf(Encoding encoding);

/// Serialises a request. JSON uses the proto3 JSON names; map keys travel unchanged.
Result<std::string> EncodeMessage(const google::protobuf::Message& message, Encoding encoding);

/// Parses a 2xx answer into `out`. The answer's Content-Type decides the format when it names
/// one (json / protobuf), else `expected`. JSON ignores unknown fields and accepts both field
/// name forms. Failure: kBadResponse.
Status DecodeMessage(const HttpResponse& response, Encoding expected, google::protobuf::Message* out);

}  // namespace livekit::internal
