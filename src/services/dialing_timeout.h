#pragma once
// The time limit of one attempt: the caller's, or for calls that wait for a phone to be
// answered, max(caller's, ringing_timeout + 2 s) with ringing_timeout 30 s when unset.

#include <chrono>

#include "services/method_table.h"
#include "services/request_facts.h"

namespace livekit::internal {

inline constexpr std::chrono::milliseconds kDefaultRingingTimeout{30000};
inline constexpr std::chrono::milliseconds kRingingMargin{2000};

/// True for calls that wait for a phone to be answered (their own lane under per-host limits).
bool WaitsForAnswer(const MethodInfo& method, const RequestFacts& request);

std::chrono::milliseconds AttemptTimeout(const MethodInfo& method, const RequestFacts& request,
                                         std::chrono::milliseconds caller_timeout);

}  // namespace livekit::internal
