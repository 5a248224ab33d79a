// What of protobuf's JSON parse error an error message may show: the reason names what is
// wrong, but may start with the path to it, whose map keys are the client's ("(attributes[1])
// <key>: ..."), and may then quote the body itself (a token in a field, say), on the first
// line and the ones after. Keeps the first line without the path, up to the first quoted
// value, at most 200 bytes.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace livekit::internal {

inline std::string ProtobufJsonReason(std::string_view message) {
  constexpr std::size_t kMaxBytes = 200;
  std::string reason(message.substr(0, std::min(message.find('\n'), kMaxBytes)));
  if (reason.rfind('(', 0) == 0) {
    const auto path_end = reason.find(") ");
    const auto key_end = path_end == std::string::npos ? path_end : reason.find(": ", path_end);
    if (key_end != std::string::npos) reason = reason.substr(key_end + 2);
  }
  if (const auto q = reason.find_first_of("\"'"); q != std::string::npos) reason = reason.substr(0, q) + "(value omitted)";
  return reason;
}

}  // namespace livekit::internal
