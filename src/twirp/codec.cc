#include "twirp/codec.h"

#include <google/protobuf/util/json_util.h>

namespace livekit::internal {

const char* ContentTypeOf(Encoding encoding) {
  return encoding == Encoding::kJson ? "application/json" : "application/protobuf";
}

Result<std::string> EncodeMessage(const google::protobuf::Message& message, Encoding encoding) {
  std::string out;
  if (encoding == Encoding::kJson) {
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = false;
    auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
    if (!status.ok()) {
      return Error(ErrorCode::kInvalidArgument,
                   "cannot encode " + message.GetTypeName() + " as JSON: " + std::string(status.message()));
    }
    return out;
  }
  if (!message.SerializeToString(&out)) {
    return Error(ErrorCode::kInvalidArgument, "cannot serialise " + message.GetTypeName());
  }
  return out;
}

Status DecodeMessage(const HttpResponse& response, Encoding expected, google::protobuf::Message* out) {
  const std::string_view type = response.header("Content-Type");
  Encoding actual = expected;
  if (type.find("json") != std::string_view::npos) {
    actual = Encoding::kJson;
  } else if (type.find("protobuf") != std::string_view::npos) {
    actual = Encoding::kProtobuf;
  } else if (!type.empty() && type.find("octet-stream") == std::string_view::npos) {
    // An HTML page or plain text (a proxy, a captive portal) is not an answer, even when its
    // bytes happen to parse (an empty body is a valid empty message).
    return Error(ErrorCode::kBadResponse,
                 "unexpected Content-Type \"" + std::string(type.substr(0, 100)) + "\" in the answer");
  }
  out->Clear();
  if (actual == Encoding::kJson) {
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    auto status = google::protobuf::util::JsonStringToMessage(response.body, out, options);
    if (!status.ok()) {
      return Error(ErrorCode::kBadResponse,
                   "invalid JSON " + out->GetTypeName() + " in the answer: " + std::string(status.message()));
    }
    return OkStatus();
  }
  if (!out->ParseFromString(response.body)) {
    return Error(ErrorCode::kBadResponse, "invalid protobuf " + out->GetTypeName() + " in the answer");
  }
  return OkStatus();
}

}  // namespace livekit::internal
