#include "livekit/error.h"

#include <cstdlib>

#include "common/error_builder.h"
#include "livekit/result.h"

namespace livekit {

const char* ToString(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kServerRejection: return "server_rejection";
    case ErrorCode::kServerFailure: return "server_failure";
    case ErrorCode::kTransport: return "transport";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kCancelled: return "cancelled";
    case ErrorCode::kRegionPinned: return "region_pinned";
    case ErrorCode::kBadResponse: return "bad_response";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kConnectionLimit: return "connection_limit";
  }
  return "unknown";
}

std::optional<int> Error::sip_status_code() const {
  auto it = metadata_.find("sip_status_code");
  if (it == metadata_.end() || it->second.empty()) return std::nullopt;
  char* end = nullptr;
  long v = std::strtol(it->second.c_str(), &end, 10);
  if (*end != '\0' || v < 0 || v > 999) return std::nullopt;
  return static_cast<int>(v);
}

std::string Error::sip_status() const {
  auto it = metadata_.find("sip_status");
  return it == metadata_.end() ? std::string() : it->second;
}

std::string Error::ToString() const {
  std::string out = livekit::ToString(code_);
  // A message that starts with the status ("HTTP 502 (text/html, ...)") names it already.
  const std::string status = "HTTP " + std::to_string(http_status_);
  const bool status_in_message = message_.compare(0, status.size(), status) == 0 &&
                                 (message_.size() == status.size() || message_[status.size()] == ' ');
  if (http_status_ != 0 && (!status_in_message || !twirp_code_.empty())) {
    out += " (" + status + (twirp_code_.empty() ? "" : " " + twirp_code_) + ")";
  }
  if (!method_.empty()) out += " " + method_;
  if (!message_.empty()) out += ": " + message_;
  if (attempts_.size() > 1) out += " [" + std::to_string(attempts_.size()) + " attempts]";
  return out;
}

namespace internal {

Error OkErrorAsFailure(Error error) {
  std::string message = "a failed result was built from an Error of code ok (a bug in the code that built it)";
  if (!error.message().empty()) message += ": " + error.message();
  ErrorBuilder(error).set_code(ErrorCode::kInternal).set_message(std::move(message));
  return error;
}

}  // namespace internal

}  // namespace livekit
