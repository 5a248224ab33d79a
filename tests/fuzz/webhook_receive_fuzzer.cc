// Fuzzes webhook receiving (WebhookReceiver::Receive: Authorization header + body). The first
// byte picks a mode:
//   0: the next line is the Authorization header, the rest the body (hostile sender);
//   1: the rest is the body, sent with a valid token whose sha256 claim matches it (a fuzzed
//      body from a legitimate server reaches the JSON readers);
//   2: the rest is the body, received with skip_auth.
// Every body is also read by the fast JSON reader and by protobuf's parser: when the fast
// reader accepts a body, protobuf must accept it too and read the same message (its header
// promises exactly that).

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/json_util.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "auth/hmac_sha256.h"
#include "common/base64.h"
#include "fuzz_check.h"
#include "livekit/webhook_receiver.h"
#include "signed_token.h"
#include "webhook/proto_json_reader.h"

namespace {

constexpr std::int64_t kNow = 1700000000;

std::string Deterministic(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  FUZZ_CHECK(m.SerializeToCodedStream(&coded));
  coded.Trim();
  return out;
}

void CheckFastReaderAgreesWithProtobuf(std::string_view body) {
  livekit::WebhookEvent fast;
  if (!livekit::internal::ReadProtoJsonFast(body, &fast)) return;
  livekit::WebhookEvent reference;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), &reference, options);
  FUZZ_CHECK(status.ok());
  FUZZ_CHECK(Deterministic(fast) == Deterministic(reference));
}

std::string TokenForBody(std::string_view body) {
  livekit::internal::Sha256Digest digest;
  FUZZ_CHECK(livekit::internal::Sha256(body, &digest));
  const std::string hash =
      livekit::internal::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  const std::string payload = std::string(R"({"iss":")") + livekit::fuzz::kApiKey + R"(","exp":)" +
                              std::to_string(kNow + 600) + R"(,"sha256":")" + hash + R"("})";
  return livekit::fuzz::SignToken(livekit::fuzz::kJwtHeader, payload);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const livekit::WebhookReceiver receiver = [] {
    livekit::TokenVerifier verifier(livekit::fuzz::kApiKey, livekit::fuzz::kApiSecret);
    verifier.set_now_for_testing(kNow);
    return livekit::WebhookReceiver(verifier);
  }();
  const int mode = data[0] % 3;
  std::string_view rest = livekit::fuzz::AsText(data + 1, size - 1);

  std::string authorization;
  bool skip_auth = false;
  if (mode == 0) {
    std::string_view header;
    rest = livekit::fuzz::SplitFirstLine(rest, &header);
    authorization.assign(header);
  } else if (mode == 1) {
    authorization = TokenForBody(rest);
  } else {
    skip_auth = true;
  }

  const auto event = receiver.Receive(rest, authorization, skip_auth);
  if (!event.ok()) {
    const auto code = event.error().code();
    FUZZ_CHECK(code == livekit::ErrorCode::kUnauthenticated || code == livekit::ErrorCode::kBadResponse);
    // A correctly signed body is never refused for its authentication.
    if (mode != 0) FUZZ_CHECK(code == livekit::ErrorCode::kBadResponse);
    FUZZ_CHECK(event.error().message().find(livekit::fuzz::kApiSecret) == std::string::npos);
  }
  CheckFastReaderAgreesWithProtobuf(rest);
  return 0;
}
