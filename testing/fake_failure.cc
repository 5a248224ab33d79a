#include <string>
#include <utility>

#include "livekit/testing/fake_livekit.h"

namespace livekit::testing {

FakeFailure FakeFailure::HttpStatus(int status, std::string body) {
  FakeFailure f;
  f.kind = Kind::kHttpStatus;
  f.http_status = status;
  f.message = std::move(body);
  return f;
}

FakeFailure FakeFailure::Twirp(std::string code, std::string message, int http_status) {
  FakeFailure f;
  f.kind = Kind::kTwirpError;
  f.http_status = http_status;
  f.twirp_code = std::move(code);
  f.message = std::move(message);
  return f;
}

FakeFailure FakeFailure::Drop() {
  FakeFailure f;
  f.kind = Kind::kDrop;
  return f;
}

FakeFailure FakeFailure::Refuse() {
  FakeFailure f;
  f.kind = Kind::kRefuse;
  return f;
}

FakeFailure FakeFailure::Hang() {
  FakeFailure f;
  f.kind = Kind::kHang;
  return f;
}

std::string FakeFailure::Describe() const {
  switch (kind) {
    case Kind::kHttpStatus:
      return "HTTP " + std::to_string(http_status);
    case Kind::kTwirpError:
      return "twirp " + twirp_code;
    case Kind::kDrop:
      return "drop";
    case Kind::kRefuse:
      return "refuse";
    case Kind::kHang:
      return "hang";
  }
  return "unknown";
}

}  // namespace livekit::testing
