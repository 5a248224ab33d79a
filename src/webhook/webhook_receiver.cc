#include "livekit/webhook_receiver.h"

#include <google/protobuf/util/json_util.h>
#include <openssl/crypto.h>

#include <optional>
#include <string_view>

#include "auth/hmac_sha256.h"
#include "common/base64.h"
#include "common/error_builder.h"
#include "common/protobuf_reason.h"
#include "common/text.h"
#include "webhook/proto_json_reader.h"

namespace livekit {
namespace {

// LiveKit sends the bare token; a framework that hands over the header with an HTTP scheme
// ("Bearer <jwt>", any case, any spaces) gives the same token. Null for "Bearer" alone.
std::optional<std::string_view> TokenOf(std::string_view header) {
  constexpr std::string_view kScheme = "bearer";
  header = internal::TrimSpace(header);
  if (header.size() < kScheme.size() || !internal::EqualsIgnoreCase(header.substr(0, kScheme.size()), kScheme)) {
    return header;
  }
  const std::string_view rest = header.substr(kScheme.size());
  if (rest.empty()) return std::nullopt;
  if (rest.front() != ' ' && rest.front() != '\t') return header;  // a token that starts with "bearer"
  return internal::TrimSpace(rest);
}

}  // namespace

WebhookReceiver::WebhookReceiver() = default;

WebhookReceiver::WebhookReceiver(std::string api_key, std::string api_secret)
    : verifier_(std::move(api_key), std::move(api_secret)) {}

WebhookReceiver::WebhookReceiver(TokenVerifier verifier) : verifier_(std::move(verifier)) {}

Result<livekit::WebhookEvent> WebhookReceiver::Receive(std::string_view body, std::string_view authorization,
                                                       bool skip_auth) const {
  if (body.size() > kMaxBodyBytes) {
    return Error(ErrorCode::kBadResponse, "webhook body too large: " + std::to_string(body.size()) +
                                              " bytes, the limit is " + std::to_string(kMaxBodyBytes));
  }
  if (!skip_auth) {
    if (authorization.empty()) return Error(ErrorCode::kUnauthenticated, "webhook authorization header is empty");
    const std::optional<std::string_view> token = TokenOf(authorization);
    if (!token || token->empty()) {
      return Error(ErrorCode::kUnauthenticated,
                   "webhook authorization header has no token: expected the JWT, alone or after \"Bearer \"");
    }
    auto claims = verifier_.Verify(*token);
    if (!claims.ok()) {
      Error e = std::move(claims).error();
      internal::ErrorBuilder(e).set_message("webhook authorization: " + e.message());
      return e;
    }
    if (!claims->sha256 || claims->sha256->empty()) {
      return Error(ErrorCode::kUnauthenticated, "webhook authorization: the token has no sha256 claim");
    }
    internal::Sha256Digest digest;
    if (!internal::Sha256(body, &digest)) return Error(ErrorCode::kInternal, "SHA-256 failed in OpenSSL");
    const std::string expected =
        internal::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
    const std::string& given = *claims->sha256;
    if (given.size() != expected.size() || CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) {
      return Error(ErrorCode::kUnauthenticated, "webhook body hash mismatch: sha256 claim does not match the body");
    }
  }
  livekit::WebhookEvent event;
  if (internal::ReadProtoJsonFast(body, &event)) return event;
  // Anything the fast reader does not take on (including every error) goes to protobuf.
  event.Clear();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), &event, options);
  if (!status.ok()) {
    return Error(ErrorCode::kBadResponse, "webhook body is not a livekit.WebhookEvent in JSON: " +
                                              internal::ProtobufJsonReason(std::string_view(status.message().data(), status.message().size())));
  }
  return event;
}

}  // namespace livekit
