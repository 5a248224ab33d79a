#pragma once
/// @file
/// WebhookReceiver: authenticates and decodes the events a LiveKit server POSTs.

#include <string>
#include <string_view>

#include "livekit/result.h"
#include "livekit/token_verifier.h"
#include "livekit_webhook.pb.h"

namespace livekit {

/// Verifies the Authorization header (a token whose sha256 claim is the body's hash)
/// and parses the body. Immutable after construction: safe to share across threads.
class WebhookReceiver {
 public:
  /// Bodies larger than this are refused (LiveKit's events are a few KiB).
  static constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

  /// Key and secret from LIVEKIT_API_KEY / LIVEKIT_API_SECRET.
  WebhookReceiver();
  WebhookReceiver(std::string api_key, std::string api_secret);
  explicit WebhookReceiver(TokenVerifier verifier);

  /// The event, or kUnauthenticated (empty header, bad token, hash mismatch) or
  /// kBadResponse (body is not a WebhookEvent). With skip_auth the header is ignored.
  Result<livekit::WebhookEvent> Receive(std::string_view body, std::string_view authorization,
                                        bool skip_auth = false) const;

 private:
  TokenVerifier verifier_;
};

}  // namespace livekit
