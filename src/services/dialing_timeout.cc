#include "services/dialing_timeout.h"

#include <algorithm>

namespace livekit::internal {

bool WaitsForAnswer(const MethodInfo& method, const RequestFacts& request) {
  return method.timeout_rule == TimeoutRule::kDialing ||
         (method.timeout_rule == TimeoutRule::kDialingIfWaitAnswered && request.wait_until_answered);
}

std::chrono::milliseconds AttemptTimeout(const MethodInfo& method, const RequestFacts& request,
                                         std::chrono::milliseconds caller_timeout) {
  if (!WaitsForAnswer(method, request)) return caller_timeout;
  return std::max(caller_timeout, request.ringing_timeout.value_or(kDefaultRingingTimeout) + kRingingMargin);
}

}  // namespace livekit::internal
