#pragma once
// Times in lkcpp's tables and flags: protobuf Timestamps printed as RFC 3339 (UTC), and
// RFC 3339 flag values read into them.

#include <google/protobuf/timestamp.pb.h>

#include <string>

namespace lkcpp {

/// "2026-12-02T06:53:30Z", or "" for an unset (zero) timestamp.
std::string TimestampText(const google::protobuf::Timestamp& t);

/// Parses an RFC 3339 time ("2026-12-02T06:00:00Z", "2026-12-02T08:00:00+02:00") into `*t`;
/// false when `text` is not one.
bool ParseTimestamp(const std::string& text, google::protobuf::Timestamp* t);

}  // namespace lkcpp
