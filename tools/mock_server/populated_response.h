#pragma once
// The default answer of every method: a type-correct message filled by the four rules of
// spec/mock-server.md ("Populated responses"), by reflection, so new protocol versions need
// no edit here.

#include <google/protobuf/message.h>

namespace livekit::mock {

/// Fills `response` (expected empty) from `request`, which may be null (no echo):
/// 1. a singular scalar field (not enum, not message) takes the value of the request field
///    with the same name and type when that one is set;
/// 2. else a singular string field named id/sid or ending in _id/_sid gets "MOCK_" + NAME;
/// 3. else a repeated message field gets one element filled by rule 2 only;
/// 4. everything else stays unset.
void PopulateResponse(const google::protobuf::Message* request, google::protobuf::Message* response);

}  // namespace livekit::mock
