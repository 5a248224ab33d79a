#pragma once
// The SDK's write access to an Error: callers only read an Error's fields, so each setter
// lives here rather than on the public class (which names this class its friend).

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "livekit/error.h"

namespace livekit::internal {

/// Sets fields of the Error it wraps, chained: ErrorBuilder(e).set_method(m).set_url(u).
class ErrorBuilder {
 public:
  explicit ErrorBuilder(Error& error) : error_(error) {}

  ErrorBuilder& set_code(ErrorCode c) { error_.code_ = c; return *this; }
  ErrorBuilder& set_message(std::string m) { error_.message_ = std::move(m); return *this; }
  ErrorBuilder& set_http_status(int s) { error_.http_status_ = s; return *this; }
  ErrorBuilder& set_twirp_code(std::string c) { error_.twirp_code_ = std::move(c); return *this; }
  ErrorBuilder& set_metadata(std::map<std::string, std::string> m) {
    error_.metadata_ = std::move(m);
    return *this;
  }
  /// The body as it should be shown: bounded and with tokens redacted by the caller.
  ErrorBuilder& set_response_body(std::string b) { error_.response_body_ = std::move(b); return *this; }
  ErrorBuilder& set_method(std::string m) { error_.method_ = std::move(m); return *this; }
  ErrorBuilder& set_url(std::string u) { error_.url_ = std::move(u); return *this; }
  ErrorBuilder& set_request_id(std::string r) { error_.request_id_ = std::move(r); return *this; }
  ErrorBuilder& set_attempts(std::vector<Attempt> a) { error_.attempts_ = std::move(a); return *this; }

 private:
  Error& error_;
};

}  // namespace livekit::internal
