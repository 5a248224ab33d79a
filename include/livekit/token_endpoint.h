#pragma once
/// @file
/// TokenEndpoint: the server side of LiveKit's standard token endpoint, the URL a client
/// SDK's `TokenSource.endpoint` POSTs to for a participant token. Framework-neutral: hand it
/// the method, content type, headers and body your HTTP server received, send back the
/// status, headers and body it returns.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "livekit/access_token.h"
#include "livekit_token_source.pb.h"

namespace livekit {

/// One HTTP request as the endpoint needs it.
struct TokenEndpointRequest {
  std::string method;        ///< e.g. "POST"
  std::string content_type;  ///< the Content-Type header's value, e.g. "application/json"
  /// The other headers (lower-case names), for a policy that authenticates the caller.
  std::map<std::string, std::string> headers;
  std::string body;  ///< the request body as received
};

/// The HTTP answer to send back. The body is always JSON: on success
/// `{"server_url":...,"participant_token":...}`, otherwise `{"error":CODE,"message":TEXT}`
/// (never a secret or a token in TEXT).
struct TokenEndpointResponse {
  int status = 0;                              ///< 201 on success, else 4xx/5xx
  std::string content_type = "application/json";  ///< Content-Type of `body`
  std::map<std::string, std::string> headers;  ///< further headers, e.g. `Allow` with a 405
  std::string body;                            ///< JSON text
};

/// A policy's verdict on one request.
class TokenDecision {
 public:
  /// Mint the token as the policy left it.
  static TokenDecision Allow() { return TokenDecision(true, std::string()); }
  /// Refuse with 403; `reason` is sent to the client, so it must not hold secrets.
  static TokenDecision Refuse(std::string reason) { return TokenDecision(false, std::move(reason)); }

  /// Whether the token may be minted.
  bool allowed() const noexcept { return allowed_; }
  /// Why not (empty when allowed).
  const std::string& reason() const noexcept { return reason_; }

 private:
  TokenDecision(bool allowed, std::string reason) : allowed_(allowed), reason_(std::move(reason)) {}
  bool allowed_;
  std::string reason_;
};

/// Decides who may get which token. It sees the HTTP request (to authenticate the caller),
/// what the client asked for, and the token about to be minted, already filled from the
/// request: identity, name, metadata, attributes, roomConfig, a video grant with roomJoin
/// for the room, and the endpoint's ttl. It may amend the token (e.g. replace the identity
/// with the authenticated user's, narrow the video grant) and allow, or refuse.
/// Called concurrently when Handle is; it must be thread-safe then.
using TokenPolicy = std::function<TokenDecision(const TokenEndpointRequest& http,
                                                const livekit::TokenSourceRequest& asked, AccessToken& token)>;

/// How the endpoint mints and bounds.
struct TokenEndpointOptions {
  std::string api_key;     ///< signing key; empty: LIVEKIT_API_KEY
  std::string api_secret;  ///< signing secret; empty: LIVEKIT_API_SECRET
  std::string server_url;  ///< `server_url` of each answer (the LiveKit URL); empty: LIVEKIT_URL
  /// Larger bodies are refused with 413 before they are parsed.
  std::size_t max_body_bytes = 64 * 1024;
  /// Lifetime of the minted tokens; clients reuse a token until a minute before it expires.
  std::chrono::seconds ttl{15 * 60};
};

/// The endpoint: parses a `TokenSourceRequest` (snake_case or camelCase JSON, unknown fields
/// ignored, every field optional), asks the policy, mints, answers. Immutable after
/// construction: Handle may be called from many threads at once (if the policy allows it).
///
///     livekit::TokenEndpoint endpoint({}, [](const auto& http, const auto& asked, auto& token) {
///       if (asked.has_room_config()) return livekit::TokenDecision::Refuse("room_config is not allowed");
///       return livekit::TokenDecision::Allow();
///     });
///     livekit::TokenEndpointResponse r = endpoint.Handle({"POST", "application/json", {}, body});
///
/// Answers: 201 with the token; 400 a body that is not a TokenSourceRequest; 403 refused by
/// the policy; 405 not POST; 413 body over max_body_bytes, or a token that would be larger
/// than a server reads (TokenVerifier::kMaxTokenBytes); 415 not application/json; 500 no
/// policy, or no API key/secret/server URL configured. A room_name left out is replaced by
/// `room-<random>`, a participant_identity left out by `participant-<random>` (the policy
/// sees and may change both).
class TokenEndpoint {
 public:
  /// `policy` is required: an empty one refuses every request with 500 (so a forgotten
  /// policy never hands out tokens).
  TokenEndpoint(TokenEndpointOptions options, TokenPolicy policy);

  /// Answers one request. Never throws for any input.
  TokenEndpointResponse Handle(const TokenEndpointRequest& request) const;

  /// A policy that allows whatever the client asks for. For local development only (for
  /// example behind `lkcpp token serve`): any caller gets any identity in any room.
  static TokenPolicy AllowAnythingForDevelopment();

 private:
  TokenEndpointOptions options_;
  TokenPolicy policy_;
};

}  // namespace livekit
