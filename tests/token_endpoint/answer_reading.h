#pragma once
// Reads the token endpoint's answer bodies as a client would: a success as a
// TokenSourceResponse (protobuf's JSON parser, no member besides its own allowed), an error
// as a JSON object whose `error` and `message` members are strings. The tests' endpoints sign
// with kKey and kSecret and answer kUrl.

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "livekit/token_verifier.h"
#include "livekit_token_source.pb.h"

namespace livekit::test {

inline constexpr const char* kKey = "endpoint-key";
inline constexpr const char* kSecret = "endpoint-signing-value-0123456789";
inline constexpr const char* kUrl = "wss://project.livekit.example";

struct ErrorBody {
  std::string error;    // the code, e.g. "invalid_request"
  std::string message;  // the text for people
};

/// The error body's members, or nothing when `body` is not such an object.
inline std::optional<ErrorBody> ReadErrorBody(const std::string& body) {
  google::protobuf::Struct object;
  if (!google::protobuf::util::JsonStringToMessage(body, &object).ok()) return std::nullopt;
  const auto& fields = object.fields();
  const auto error = fields.find("error");
  const auto message = fields.find("message");
  if (fields.size() != 2 || error == fields.end() || message == fields.end() || !error->second.has_string_value() ||
      !message->second.has_string_value()) {
    return std::nullopt;
  }
  return ErrorBody{error->second.string_value(), message->second.string_value()};
}

/// The success body, or nothing when it is not exactly a TokenSourceResponse.
inline std::optional<livekit::TokenSourceResponse> ReadTokenAnswer(const std::string& body) {
  livekit::TokenSourceResponse answer;
  if (!google::protobuf::util::JsonStringToMessage(body, &answer).ok()) return std::nullopt;
  return answer;
}

/// The claims of a success body's token as a LiveKit server reads them (a test failure, and
/// no claims, when the body is not a TokenSourceResponse for kUrl with a token that verifies).
inline Claims ClaimsOfAnswer(const std::string& body) {
  const auto answer = ReadTokenAnswer(body);
  if (!answer) {
    ADD_FAILURE() << "not a TokenSourceResponse: " << body;
    return {};
  }
  EXPECT_EQ(answer->server_url(), kUrl);
  auto claims = TokenVerifier(kKey, kSecret).Verify(answer->participant_token());
  if (!claims.ok()) {
    ADD_FAILURE() << claims.error().message();
    return {};
  }
  return *claims;
}

}  // namespace livekit::test
