#include "services/dialing_timeout.h"

#include <algorithm>

namespace livekit::internal {

std::chrono::milliseconds AttemptTimeout(const MethodInfo& method, const RequestFacts& request,
                                         std::chrono::milliseconds caller_timeout) {
  const bool dialing = method.timeout_rule == TimeoutRule::kDialing ||
                       (method.timeout_rule == TimeoutRule::kDialingIfWaitAnswered && request.wait_until_answered);
  if (!dialing) return caller_timeout;
  return std::max(caller_timeout, request.ringing_timeout.value_or(kDefaultRingingTimeout) + kRingingMargin);
}

}  // namespace livekit::internal
