#pragma once
// The default answers of LiveKit Cloud's agent services (CloudAgent, AgentSimulation,
// AgentDBService). Unlike the generic populated responses they are written per method: a
// few ids, a few echoes of the request and one element in the lists, the rest empty, so a
// client sees a recognisable answer without the mock inventing deployments or upload URLs
// (presigned fields stay unset; a test that uploads passes its own `response`).

#include <google/protobuf/message.h>

#include "method_grants.h"

namespace livekit::mock {

/// Fills `response` (expected empty, of `method`'s response type) when `method` belongs to
/// one of the three agent services and returns true; returns false, leaving it untouched, for any other
/// method. `request` is the decoded request of the same method.
bool PopulateAgentResponse(const ApiMethod& method, const google::protobuf::Message& request,
                           google::protobuf::Message* response);

}  // namespace livekit::mock
