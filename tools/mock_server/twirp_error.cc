#include "twirp_error.h"

#include <nlohmann/json.hpp>

#include <utility>

namespace livekit::mock {
namespace {

struct CodeRow {
  std::string_view code;
  int http_status;
  int grpc_code;
};

constexpr CodeRow kCodes[] = {
    {"canceled", 408, 1},          {"unknown", 500, 2},          {"invalid_argument", 400, 3},
    {"malformed", 400, 3},         {"deadline_exceeded", 408, 4}, {"not_found", 404, 5},
    {"bad_route", 404, 5},         {"already_exists", 409, 6},   {"permission_denied", 403, 7},
    {"resource_exhausted", 429, 8}, {"failed_precondition", 412, 9}, {"aborted", 409, 10},
    {"out_of_range", 400, 11},     {"unimplemented", 501, 12},   {"internal", 500, 13},
    {"unavailable", 503, 14},      {"dataloss", 500, 15},        {"unauthenticated", 401, 16},
};

const CodeRow* Find(std::string_view code) {
  for (const auto& row : kCodes) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

}  // namespace

std::string TwirpError::ToJson() const {
  nlohmann::json body = {{"code", code}, {"msg", msg}};
  if (!meta.empty()) body["meta"] = meta;
  // Replace invalid UTF-8 (user-supplied text) rather than throwing.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int HttpStatusForTwirpCode(std::string_view code) {
  const CodeRow* row = Find(code);
  return row != nullptr ? row->http_status : 500;
}

std::string TwirpCodeForHttpStatus(int status) {
  switch (status) {
    case 400: return "invalid_argument";
    case 401: return "unauthenticated";
    case 403: return "permission_denied";
    case 404: return "not_found";
    case 429: return "resource_exhausted";
    default: return status >= 500 ? "unavailable" : "internal";
  }
}

int GrpcCodeForTwirpCode(std::string_view code) {
  const CodeRow* row = Find(code);
  return row != nullptr ? row->grpc_code : 2;
}

TwirpError MockError(int http_status, std::string code) {
  TwirpError e;
  e.http_status = http_status;
  e.msg = "mock: " + code;
  e.code = std::move(code);
  return e;
}

}  // namespace livekit::mock
