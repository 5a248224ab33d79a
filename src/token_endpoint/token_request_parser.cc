#include "token_endpoint/token_request_parser.h"

#include <google/protobuf/util/json_util.h>

#include <string>

#include "common/json_document.h"
#include "common/protobuf_reason.h"
#include "common/text.h"
#include "common/utf8.h"

namespace livekit::internal {

Result<livekit::TokenSourceRequest> ParseTokenSourceRequest(std::string_view body) {
  const std::string_view text = TrimSpace(body);
  // protobuf's parser reads `null` as an empty message; a client that sends one is confused.
  if (text.empty() || text.front() != '{') {
    return Error(ErrorCode::kInvalidArgument, "the body must be a JSON object (a TokenSourceRequest)");
  }
  if (!IsValidUtf8(text)) return Error(ErrorCode::kInvalidArgument, "the body is not valid UTF-8");
  // protobuf's parser is lenient (a trailing comma, raw control characters); clients send
  // strict JSON, and anything else is a broken client to tell about, not to guess at.
  rapidjson::Document strict;
  if (!ParseJsonDocument(text, &strict)) return Error(ErrorCode::kInvalidArgument, "the body is not valid JSON");
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;  // newer clients may send fields this build lacks
  livekit::TokenSourceRequest request;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(text.data(), text.size()), &request, options);
  if (!status.ok()) {
    return Error(ErrorCode::kInvalidArgument,
                 "the body is not a TokenSourceRequest: " +
                     ProtobufJsonReason(std::string_view(status.message().data(), status.message().size())));
  }
  return request;
}

}  // namespace livekit::internal
