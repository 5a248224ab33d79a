#pragma once
// Permission checks of the API routes (step 2 of spec/mock-server.md): the bearer token must
// be signed with --api-secret (any API key: the mock only knows the secret) and carry the
// method's grant from the mock's own table (method_grants.h).

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <string_view>

#include "method_grants.h"
#include "twirp_error.h"

namespace livekit::mock {

/// Checks an `Authorization` header value for one call. `method` null (unknown method):
/// only the token's validity is checked. `request` may be null when `method` is.
/// Returns the 401/403 error to answer, or nothing when allowed.
std::optional<TwirpError> CheckPermission(std::string_view authorization, const std::string& api_secret,
                                          const ApiMethod* method,
                                          const google::protobuf::Message* request);

}  // namespace livekit::mock
