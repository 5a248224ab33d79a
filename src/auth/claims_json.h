#pragma once
// Claims <-> the JSON object of a JWT payload (camelCase names, as LiveKit servers read them).
// Writing appends text directly and reading is a SAX pass over RapidJSON's reader (no DOM):
// together they are most of the cost of minting and verifying a token.

#include <optional>
#include <string>
#include <string_view>

#include "livekit/grants.h"
#include "livekit/result.h"

namespace livekit::internal {

/// Appends the payload object, taking iss/nbf/exp from the arguments (not from `claims`)
/// and omitting members that are unset. Returns false if a string was not valid UTF-8
/// (it is written with U+FFFD in place of the bad bytes).
bool AppendClaimsJson(const Claims& claims, std::string_view issuer, std::optional<std::int64_t> not_before,
                      std::optional<std::int64_t> expires_at, std::string* out);

/// Typed claims from a payload. Unknown members are ignored; a known member of the wrong
/// type is kUnauthenticated naming the member, never quoting a value.
Result<Claims> ParseClaimsJson(std::string_view payload);

/// The payload `claims` would be signed with (its own issuer, nbf and exp), for tests and tools.
std::string ClaimsJsonText(const Claims& claims);

}  // namespace livekit::internal
