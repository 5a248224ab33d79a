#pragma once
// Protocol enums as words on lkcpp's command line and in its tables: the value's name without
// its common prefix, in lower case ("SIMULATION_MODE_AUDIO" -> "audio", "STATUS_PENDING_UPLOAD"
// -> "pending_upload"). Flags accept '-' for '_' as well.

#include <google/protobuf/descriptor.h>

#include <string>

namespace lkcpp {

/// The word for `value` of `type` (its number when `type` has no such value).
std::string EnumWord(const google::protobuf::EnumDescriptor* type, int value, const std::string& prefix);

/// Reads `word` as a value of `type`; false when it names none.
bool ParseEnumWord(const google::protobuf::EnumDescriptor* type, const std::string& word, const std::string& prefix,
                   int* value);

/// Every word of `type`, joined by ", " (for help texts and error messages).
std::string EnumWords(const google::protobuf::EnumDescriptor* type, const std::string& prefix);

}  // namespace lkcpp
