#pragma once
// A fast reader of proto3 JSON into a message, for the common shapes of webhook bodies.
// protobuf 3.21's JsonStringToMessage rebuilds type information on every call and costs
// tens of microseconds per KiB; this single SAX pass over RapidJSON's reader fills the
// message through reflection instead. It accepts only input it is sure to read exactly as
// protobuf would; anything else (an error, a well-known type, bytes, an unknown enum name,
// an out-of-range number...) makes it give up, and the caller then runs protobuf's parser,
// which stays the authority on every error and every rare case.

#include <google/protobuf/message.h>

#include <string_view>

namespace livekit::internal {

/// Fills `message` (which must be empty) from `json`, ignoring unknown fields. Returns
/// false when the input needs protobuf's own parser; `message` is then in an unspecified
/// state and must be cleared.
bool ReadProtoJsonFast(std::string_view json, google::protobuf::Message* message);

}  // namespace livekit::internal
