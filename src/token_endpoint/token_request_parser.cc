#include "token_endpoint/token_request_parser.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <string>

#include "common/json_document.h"
#include "common/text.h"
#include "common/utf8.h"

namespace livekit::internal {
namespace {
constexpr std::size_t kMaxReasonBytes = 200;
}  // namespace

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
    // protobuf's reason names what is wrong, but may start with the path to it, whose map keys
    // are the client's ("(participant_attributes[1]) <key>: ..."), and may then quote the
    // client's own body (a token in a field, say): drop the path, keep the first line up to
    // the first quoted value, and keep it short.
    std::string reason(status.message());
    reason = reason.substr(0, std::min(reason.find('\n'), kMaxReasonBytes));
    if (reason.rfind('(', 0) == 0) {
      const auto path_end = reason.find(") ");
      const auto key_end = path_end == std::string::npos ? path_end : reason.find(": ", path_end);
      if (key_end != std::string::npos) reason = reason.substr(key_end + 2);
    }
    if (const auto q = reason.find_first_of("\"'"); q != std::string::npos) reason = reason.substr(0, q) + "(value omitted)";
    return Error(ErrorCode::kInvalidArgument, "the body is not a TokenSourceRequest: " + reason);
  }
  return request;
}

}  // namespace livekit::internal
