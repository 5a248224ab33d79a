#include "failover/attempt_outcome.h"

namespace livekit::internal {

AttemptClass Classify(const ExchangeResult& result) {
  if (result.response) {
    int s = result.response->status;
    if (s == 451) return AttemptClass::kPinned;
    if (s >= 500) return AttemptClass::kRetryable;
    if (s >= 400) return AttemptClass::kTerminal;
    return AttemptClass::kSuccess;
  }
  switch (result.error.code()) {
    case ErrorCode::kTransport:
    case ErrorCode::kTimeout:
      return AttemptClass::kRetryable;
    case ErrorCode::kConnectionLimit:
      // A limit of this process (no place free under a per-host limit, no file descriptor):
      // the host did nothing wrong and another region would not do better.
      return AttemptClass::kTerminal;
    default:
      return AttemptClass::kTerminal;
  }
}

ErrorCode AttemptErrorCode(const ExchangeResult& result) {
  if (!result.response) return result.error.code() == ErrorCode::kOk ? ErrorCode::kInternal : result.error.code();
  int s = result.response->status;
  if (s == 451) return ErrorCode::kRegionPinned;
  if (s >= 500) return ErrorCode::kServerFailure;
  if (s >= 400) return ErrorCode::kServerRejection;
  return ErrorCode::kOk;
}

std::string AttemptDetail(const ExchangeResult& result) {
  if (result.response) return "HTTP " + std::to_string(result.response->status);
  if (!result.error.message().empty()) return result.error.message();
  return livekit::ToString(result.error.code());
}

}  // namespace livekit::internal
