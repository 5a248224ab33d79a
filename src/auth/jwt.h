#pragma once
// The compact JWS form of an HS256 JWT: header.payload.signature, each base64url.

#include <string>
#include <string_view>

#include "auth/hmac_sha256.h"
#include "livekit/result.h"

namespace livekit::internal {

/// Signs `payload_json` (the text of a JSON object) with header {"alg":"HS256","typ":"JWT"}.
/// kInternal only if OpenSSL fails.
Result<std::string> SignJwt(std::string_view payload_json, const HmacSha256& key);

/// Checks the size, the form, the algorithm (HS256 only) and the signature, then returns the
/// decoded payload text (not yet parsed). Errors are kUnauthenticated with a message saying
/// what is wrong, never quoting the token itself. Claims, issuer and lifetime are the
/// caller's to check.
Result<std::string> VerifyJwt(std::string_view token, std::size_t max_bytes, const HmacSha256& key);

}  // namespace livekit::internal
