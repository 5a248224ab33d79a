#pragma once
// Permission checks of the API routes (step 2 of spec/mock-server.md): the bearer token must
// be signed with --api-secret (any API key: the mock only knows the secret) and carry the
// method's grant from the shared method table.

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <string_view>

#include "services/method_table.h"
#include "twirp_error.h"

namespace livekit::mock {

/// Checks an `Authorization` header value for one call. `method` null (unknown method):
/// only the token's validity is checked. `request` may be null when `method` is.
/// Returns the 401/403 error to answer, or nothing when allowed.
std::optional<TwirpError> CheckPermission(std::string_view authorization, const std::string& api_secret,
                                          const livekit::internal::MethodInfo* method,
                                          const google::protobuf::Message* request);

}  // namespace livekit::mock
