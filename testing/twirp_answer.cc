#include "twirp_answer.h"

#include <utility>

#include "common/error_builder.h"
#include "common/json_writer.h"
#include "livekit/testing/fake_livekit.h"

namespace livekit::testing {
namespace detail {
namespace {

// Invalid UTF-8 in a message becomes U+FFFD: the body stays valid JSON.
using livekit::internal::AppendJsonString;

struct CodeStatus {
  std::string_view code;
  int http_status;
};

// Twirp's error codes and the HTTP status each is sent with.
constexpr CodeStatus kCodes[] = {
    {"canceled", 408},           {"unknown", 500},        {"invalid_argument", 400},
    {"malformed", 400},          {"deadline_exceeded", 408}, {"not_found", 404},
    {"bad_route", 404},          {"already_exists", 409}, {"permission_denied", 403},
    {"resource_exhausted", 429}, {"failed_precondition", 412}, {"aborted", 409},
    {"out_of_range", 400},       {"unimplemented", 501},  {"internal", 500},
    {"unavailable", 503},        {"dataloss", 500},       {"unauthenticated", 401},
};

}  // namespace

int TwirpHttpStatus(std::string_view code) {
  for (const auto& row : kCodes) {
    if (row.code == code) return row.http_status;
  }
  return 500;
}

HttpTransportResponse TwirpErrorAnswer(std::string_view code, std::string_view message,
                                       const std::map<std::string, std::string>& meta, int status) {
  HttpTransportResponse r;
  r.status = status > 0 ? status : TwirpHttpStatus(code);
  r.headers = {{"Content-Type", "application/json"}};
  r.body = "{\"code\":";
  AppendJsonString(&r.body, code);
  r.body += ",\"msg\":";
  AppendJsonString(&r.body, message);
  if (!meta.empty()) {
    r.body += ",\"meta\":{";
    bool first = true;
    for (const auto& [k, v] : meta) {
      if (!first) r.body.push_back(',');
      first = false;
      AppendJsonString(&r.body, k);
      r.body.push_back(':');
      AppendJsonString(&r.body, v);
    }
    r.body.push_back('}');
  }
  r.body.push_back('}');
  return r;
}

// The Twirp code closest to an SDK error code, for a handler's Error without a Twirp code.
std::string_view TwirpCodeOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kTimeout: return "deadline_exceeded";
    case ErrorCode::kCancelled: return "canceled";
    case ErrorCode::kServerFailure: return "unavailable";
    default: return "internal";
  }
}

HttpTransportResponse ErrorAnswer(const Error& error) {
  const std::string code(error.twirp_code().empty() ? TwirpCodeOf(error.code()) : error.twirp_code());
  return TwirpErrorAnswer(code, error.message(), error.metadata(), error.http_status());
}

}  // namespace detail

Error TwirpError(std::string code, std::string message, std::map<std::string, std::string> meta, int http_status) {
  const int status = http_status > 0 ? http_status : detail::TwirpHttpStatus(code);
  Error e(status >= 500 ? ErrorCode::kServerFailure : ErrorCode::kServerRejection, std::move(message));
  internal::ErrorBuilder(e).set_twirp_code(std::move(code)).set_http_status(status).set_metadata(std::move(meta));
  return e;
}

}  // namespace livekit::testing
