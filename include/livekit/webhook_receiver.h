#pragma once
/// @file
/// WebhookReceiver: authenticates and decodes the events a LiveKit server POSTs.

#include <string>
#include <string_view>

#include "livekit/result.h"
#include "livekit/token_verifier.h"
#include "livekit_webhook.pb.h"

namespace livekit {

/// The `sha256` claim a webhook's token carries for `body`: the standard padded base64 of its
/// SHA-256. What a server signs: `AccessToken(key, secret).set_sha256(WebhookBodySha256(body))`
/// (for sending test webhooks to a receiver).
std::string WebhookBodySha256(std::string_view body);

/// Verifies the Authorization header (a token whose sha256 claim is the body's hash)
/// and parses the body. Immutable after construction: safe to share across threads.
class WebhookReceiver {
 public:
  /// Bodies larger than this are refused (LiveKit's events are a few KiB).
  static constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

  /// Key and secret from LIVEKIT_API_KEY / LIVEKIT_API_SECRET.
  WebhookReceiver();
  /// Key and secret given; an empty one falls back to the environment variable.
  WebhookReceiver(std::string api_key, std::string api_secret);
  /// Uses `verifier` (and so its leeway and clock) for the Authorization token.
  explicit WebhookReceiver(TokenVerifier verifier);

  /// The event, or kUnauthenticated (empty header, bad token, no sha256 claim, hash
  /// mismatch) or kBadResponse (body too large or not a WebhookEvent in proto3 JSON).
  /// The header is the token itself, as LiveKit sends it; `Bearer <token>` (any case) is
  /// read as the same token.
  /// With skip_auth the header is ignored.
  Result<livekit::WebhookEvent> Receive(std::string_view body, std::string_view authorization,
                                        bool skip_auth = false) const;

 private:
  TokenVerifier verifier_;
};

}  // namespace livekit
