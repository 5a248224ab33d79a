#include "livekit/http_transport.h"

#include <utility>

#include "common/text.h"

namespace livekit {

std::string_view HttpTransportRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (internal::EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

HttpTransportResult HttpTransportResult::Answer(HttpTransportResponse response) {
  HttpTransportResult r;
  r.response = std::move(response);
  return r;
}

HttpTransportResult HttpTransportResult::ConnectionFailed(std::string message, bool never_sent) {
  HttpTransportResult r;
  r.error = Error(ErrorCode::kTransport, std::move(message));
  r.may_have_reached_server = !never_sent;
  return r;
}

}  // namespace livekit
