#pragma once
// Protobuf messages to and from their JSON form, for request bodies and answers in tests.

#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <string>

namespace livekit::test {

inline std::string ToJson(const google::protobuf::Message& m) {
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(m, &out);
  return out;
}

/// Parses `json` into `m`, ignoring fields the message does not have.
inline bool FromJson(const std::string& json, google::protobuf::Message* m) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  return google::protobuf::util::JsonStringToMessage(json, m, options).ok();
}

}  // namespace livekit::test
