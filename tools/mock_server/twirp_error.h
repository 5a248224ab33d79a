#pragma once
// Twirp error answers: the code <-> HTTP status tables and the JSON body
// {"code","msg","meta"} the official servers send.

#include <map>
#include <string>
#include <string_view>

namespace livekit::mock {

struct TwirpError {
  int http_status = 500;
  std::string code;  // e.g. "unavailable"
  std::string msg;
  std::map<std::string, std::string> meta;

  /// The JSON body: {"code":"...","msg":"...","meta":{...}} (meta only when not empty).
  std::string ToJson() const;
};

/// The HTTP status Twirp uses for a code (api-surface.md); 500 for an unknown code.
int HttpStatusForTwirpCode(std::string_view code);

/// The Twirp code of an injected failure status: 400 invalid_argument, 401 unauthenticated,
/// 403 permission_denied, 404 not_found, 429 resource_exhausted, >=500 unavailable, else internal.
std::string TwirpCodeForHttpStatus(int status);

/// The gRPC status number of a Twirp code (for google.rpc.Status); 2 (unknown) when unknown.
int GrpcCodeForTwirpCode(std::string_view code);

/// An error whose message is "mock: <code>", the form every check of the mock uses.
TwirpError MockError(int http_status, std::string code);

}  // namespace livekit::mock
