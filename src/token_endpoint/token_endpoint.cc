#include "livekit/token_endpoint.h"

#include <openssl/rand.h>

#include <string_view>
#include <utility>

#include "auth/env_credentials.h"
#include "livekit/token_verifier.h"
#include "common/json_writer.h"
#include "common/text.h"
#include "token_endpoint/token_request_parser.h"

namespace livekit {
namespace {

// {"error":CODE,"message":TEXT}: CODE for programs, TEXT for people.
TokenEndpointResponse ErrorAnswer(int status, std::string_view code, std::string_view message) {
  TokenEndpointResponse r;
  r.status = status;
  r.body = "{\"error\":";
  internal::AppendJsonString(&r.body, code);
  r.body += ",\"message\":";
  internal::AppendJsonString(&r.body, message);
  r.body += "}";
  return r;
}

// Whether the media type (parameters such as charset aside) is application/json.
bool IsJson(std::string_view content_type) {
  const std::string_view media = internal::TrimSpace(content_type.substr(0, content_type.find(';')));
  return internal::EqualsIgnoreCase(media, "application/json");
}

// `prefix` and 16 random hex digits: a name nobody else is likely to be given.
std::string RandomName(std::string_view prefix) {
  unsigned char bytes[8] = {};
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(prefix);
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

// The token a request asks for, before the policy has its say.
AccessToken TokenAskedFor(const TokenEndpointOptions& options, const livekit::TokenSourceRequest& asked) {
  AccessToken token(options.api_key, options.api_secret);
  token.set_identity(asked.has_participant_identity() && !asked.participant_identity().empty()
                         ? asked.participant_identity()
                         : RandomName("participant-"));
  if (asked.has_participant_name()) token.set_name(asked.participant_name());
  if (asked.has_participant_metadata()) token.set_metadata(asked.participant_metadata());
  if (!asked.participant_attributes().empty()) {
    token.set_attributes({asked.participant_attributes().begin(), asked.participant_attributes().end()});
  }
  if (asked.has_room_config()) token.set_room_config(asked.room_config());
  VideoGrant video;
  video.room_join = true;
  video.room = asked.has_room_name() && !asked.room_name().empty() ? asked.room_name() : RandomName("room-");
  token.set_video_grant(std::move(video));
  token.set_ttl(options.ttl);
  return token;
}

}  // namespace

TokenEndpoint::TokenEndpoint(TokenEndpointOptions options, TokenPolicy policy)
    : options_(std::move(options)), policy_(std::move(policy)) {
  options_.api_key = internal::ValueOrEnv(std::move(options_.api_key), "LIVEKIT_API_KEY");
  options_.api_secret = internal::ValueOrEnv(std::move(options_.api_secret), "LIVEKIT_API_SECRET");
  options_.server_url = internal::ValueOrEnv(std::move(options_.server_url), "LIVEKIT_URL");
}

TokenEndpointResponse TokenEndpoint::Handle(const TokenEndpointRequest& request) const {
  if (request.method != "POST") {
    TokenEndpointResponse r = ErrorAnswer(405, "method_not_allowed", "use POST with a JSON TokenSourceRequest");
    r.headers["Allow"] = "POST";
    return r;
  }
  if (!IsJson(request.content_type)) {
    return ErrorAnswer(415, "unsupported_media_type", "the body must be Content-Type: application/json");
  }
  if (request.body.size() > options_.max_body_bytes) {
    return ErrorAnswer(413, "payload_too_large",
                       "the body is larger than " + std::to_string(options_.max_body_bytes) + " bytes");
  }
  auto asked = internal::ParseTokenSourceRequest(request.body);
  if (!asked.ok()) return ErrorAnswer(400, "invalid_request", asked.error().message());
  if (!policy_) return ErrorAnswer(500, "no_policy", "this token endpoint has no policy configured");
  if (options_.api_key.empty() || options_.api_secret.empty() || options_.server_url.empty() ||
      options_.ttl.count() <= 0) {
    return ErrorAnswer(500, "not_configured", "this token endpoint lacks an API key, secret, server URL or ttl");
  }

  AccessToken token = TokenAskedFor(options_, *asked);
  TokenDecision decision = TokenDecision::Refuse("the token policy failed");
  try {
    decision = policy_(request, *asked, token);
  } catch (...) {
    // A policy that throws refuses; its exception text is not ours to show.
    return ErrorAnswer(500, "policy_failed", "the token policy failed");
  }
  if (!decision.allowed()) {
    return ErrorAnswer(403, "forbidden", decision.reason().empty() ? "refused by the token policy" : decision.reason());
  }
  auto jwt = token.ToJwt();
  // The body was valid UTF-8 and the settings are there, so a failure is the policy's doing.
  // ToJwt's messages name the claim at fault, never the secret or the token.
  if (!jwt.ok()) return ErrorAnswer(500, "mint_failed", jwt.error().message());
  // A token no server would read is no answer: the claims asked for are too large.
  if (jwt->size() > TokenVerifier::kMaxTokenBytes) {
    return ErrorAnswer(413, "token_too_large",
                       "the token would be " + std::to_string(jwt->size()) + " bytes; servers read at most " +
                           std::to_string(TokenVerifier::kMaxTokenBytes));
  }

  TokenEndpointResponse r;
  r.status = 201;
  r.headers["Cache-Control"] = "no-store";  // a bearer credential: no proxy may keep it
  r.body = "{\"server_url\":";
  internal::AppendJsonString(&r.body, options_.server_url);
  r.body += ",\"participant_token\":";
  internal::AppendJsonString(&r.body, *jwt);
  r.body += "}";
  return r;
}

TokenPolicy TokenEndpoint::AllowAnythingForDevelopment() {
  return [](const TokenEndpointRequest&, const livekit::TokenSourceRequest&, AccessToken&) {
    return TokenDecision::Allow();
  };
}

}  // namespace livekit
