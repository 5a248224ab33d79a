// Fuzzes the token endpoint: the body parser alone (byte 0 even) and the whole handler with a
// policy that allows anything (byte 0 odd). The parser's answer survives a JSON round trip;
// the handler always answers JSON with a status it documents, an error that names neither the
// secret nor a token, and on 201 a token that verifies and carries the identity and room asked
// for.

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/json_document.h"
#include "fuzz_check.h"
#include "livekit/token_endpoint.h"
#include "livekit/token_verifier.h"
#include "signed_token.h"
#include "token_endpoint/token_request_parser.h"

namespace {

void CheckParser(std::string_view body) {
  const auto parsed = livekit::internal::ParseTokenSourceRequest(body);
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.error().code() == livekit::ErrorCode::kInvalidArgument);
    FUZZ_CHECK(!parsed.error().message().empty());
    FUZZ_CHECK(parsed.error().message().size() < 512);
    return;
  }
  // What was read is a TokenSourceRequest that reads back the same from its own JSON.
  std::string json;
  FUZZ_CHECK(google::protobuf::util::MessageToJsonString(*parsed, &json).ok());
  const auto again = livekit::internal::ParseTokenSourceRequest(json);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(*parsed, *again));
}

void CheckHandler(std::string_view body) {
  static const livekit::TokenEndpoint endpoint(
      livekit::TokenEndpointOptions{livekit::fuzz::kApiKey, livekit::fuzz::kApiSecret, "wss://fuzz.example"},
      livekit::TokenEndpoint::AllowAnythingForDevelopment());
  const livekit::TokenEndpointResponse r = endpoint.Handle({"POST", "application/json", {}, std::string(body)});
  rapidjson::Document answer;
  FUZZ_CHECK(livekit::internal::ParseJsonDocument(r.body, &answer));
  FUZZ_CHECK(answer.IsObject());
  FUZZ_CHECK(r.body.find(livekit::fuzz::kApiSecret) == std::string::npos);
  if (r.status != 201) {
    FUZZ_CHECK(r.status == 400 || r.status == 413 || r.status == 500);
    FUZZ_CHECK(livekit::internal::StringMember(answer, "error") != nullptr);
    FUZZ_CHECK(livekit::internal::StringMember(answer, "message") != nullptr);
    FUZZ_CHECK(r.body.find("eyJ") == std::string::npos);
    return;
  }
  const auto asked = livekit::internal::ParseTokenSourceRequest(body);
  FUZZ_CHECK(asked.ok());
  const auto* token = livekit::internal::StringMember(answer, "participant_token");
  FUZZ_CHECK(token != nullptr);
  const auto claims = livekit::TokenVerifier(livekit::fuzz::kApiKey, livekit::fuzz::kApiSecret)
                          .Verify(livekit::internal::StringOf(*token));
  FUZZ_CHECK(claims.ok());  // a token too large to read is refused with 413, never minted
  if (!asked->participant_identity().empty()) FUZZ_CHECK(claims->identity == asked->participant_identity());
  FUZZ_CHECK(claims->video.has_value() && claims->video->room.has_value());
  if (!asked->room_name().empty()) FUZZ_CHECK(*claims->video->room == asked->room_name());
  FUZZ_CHECK(claims->name.has_value() == asked->has_participant_name());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view body = livekit::fuzz::AsText(data + 1, size - 1);
  if (data[0] % 2 == 0) {
    CheckParser(body);
  } else {
    CheckHandler(body);
  }
  return 0;
}
