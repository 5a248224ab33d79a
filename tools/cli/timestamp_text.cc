#include "timestamp_text.h"

#include <google/protobuf/util/time_util.h>

namespace lkcpp {

using google::protobuf::util::TimeUtil;

std::string TimestampText(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  return TimeUtil::ToString(t);
}

bool ParseTimestamp(const std::string& text, google::protobuf::Timestamp* t) {
  return TimeUtil::FromString(text, t);
}

}  // namespace lkcpp
