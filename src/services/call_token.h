#pragma once
// The token of one call: the least grant its method needs (method_table.h), scoped to the
// request's room (and destination room) when the method is room-scoped.

#include <string>

#include "livekit/grants.h"
#include "livekit/result.h"
#include "services/method_table.h"
#include "services/request_facts.h"

namespace livekit::internal {

/// Lifetime of per-call tokens.
inline constexpr std::chrono::seconds kCallTokenTtl{600};

/// The grants of a call: the method's flags, room = request's `room`/`room_name`,
/// destinationRoom = request's `destination_room`. An agent service's token holds the `agent`
/// claim alone, with the one member its service needs.
struct CallGrants {
  std::optional<VideoGrant> video;
  std::optional<SipGrant> sip;
  std::optional<AgentGrant> agent;
};
CallGrants GrantsForCall(const MethodInfo& method, const RequestFacts& request);

/// Signs the call's token with the API key and secret.
Result<std::string> SignCallToken(const MethodInfo& method, const RequestFacts& request,
                                  const std::string& api_key, const std::string& api_secret);

}  // namespace livekit::internal
