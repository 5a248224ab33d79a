#pragma once
// Retryable versus terminal outcomes of one attempt (failover.md A1, A9).

#include <string>

#include "livekit/error.h"
#include "transport/http_types.h"

namespace livekit::internal {

enum class AttemptClass {
  kSuccess,    // 2xx (and 1xx/3xx: the service layer decides)
  kTerminal,   // 4xx except 451, an over-size answer, an unexpected cancellation
  kRetryable,  // transport failure, per-attempt timeout, HTTP >= 500
  kPinned,     // HTTP 451: the project is pinned to other regions
};

AttemptClass Classify(const ExchangeResult& result);

/// The ErrorCode an Attempt records for a result (kOk for a success).
ErrorCode AttemptErrorCode(const ExchangeResult& result);

/// A short reason without secrets: "HTTP 503", or the transport's message.
std::string AttemptDetail(const ExchangeResult& result);

}  // namespace livekit::internal
