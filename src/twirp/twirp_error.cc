#include "twirp/twirp_error.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <string>
#include <string_view>

#include "common/error_builder.h"
#include "common/json_document.h"
#include "twirp/body_summary.h"

namespace livekit::internal {
namespace {

// A non-string meta value as compact JSON text.
std::string JsonText(const rapidjson::Value& v) {
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  v.Accept(writer);
  return std::string(out.GetString(), out.GetSize());
}

// A message names the first line of an answer that is not Twirp JSON, never the whole page:
// the rest stays in Error::response_body().
constexpr std::size_t kMaxFirstLineBytes = 200;
constexpr std::size_t kMaxContentTypeBytes = 64;

bool IsTokenChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.';
}

// A server (or a proxy's error page) may echo the request: its bearer token must not travel
// on into error messages and logs. Drops every JWT ("eyJ..." with dots) and what follows "Bearer ".
std::string RedactTokens(std::string text) {
  for (const std::string_view marker : {std::string_view("eyJ"), std::string_view("Bearer ")}) {
    std::size_t pos = 0;
    while ((pos = text.find(marker, pos)) != std::string::npos) {
      std::size_t begin = marker == "eyJ" ? pos : pos + marker.size();
      std::size_t end = begin;
      while (end < text.size() && IsTokenChar(text[end])) ++end;
      // A JWT has dots between its parts; base64 metadata (error_details) has none.
      const bool jwt = marker != "eyJ" || text.find('.', begin) < end;
      if (end == begin || !jwt) {
        pos = end == begin ? begin : end;
        continue;
      }
      text.replace(begin, end - begin, "[redacted]");
      pos = begin + 10;
    }
  }
  return text;
}

// "HTTP 502 (text/html, 157 bytes, not a Twirp error): 502 Bad Gateway": what came back, on
// one line, for an answer whose body is not Twirp JSON.
std::string NotTwirpMessage(const HttpResponse& response) {
  std::string_view type = response.header("Content-Type");
  type = type.substr(0, type.find(';'));  // the media type, without its parameters
  const std::string shown_type = CutUtf8(RedactTokens(OneLine(type)), kMaxContentTypeBytes);
  std::string out = "HTTP " + std::to_string(response.status) + " (";
  out += shown_type.empty() ? "no Content-Type" : shown_type;
  out += response.body.empty() ? ", empty body" : ", " + std::to_string(response.body.size()) + " bytes";
  out += ", not a Twirp error)";
  // Redacted before the cut, so that a cut token cannot escape the redaction.
  const std::string line = CutUtf8(RedactTokens(FirstTextLine(response.body, type)), kMaxFirstLineBytes);
  if (!line.empty()) out += ": " + line;
  return out;
}

}  // namespace

ErrorCode ErrorCodeForStatus(int http_status) {
  if (http_status == 451) return ErrorCode::kRegionPinned;
  if (http_status >= 400 && http_status < 500) return ErrorCode::kServerRejection;
  if (http_status >= 500 && http_status < 600) return ErrorCode::kServerFailure;
  return ErrorCode::kBadResponse;
}

Error ErrorFromResponse(const HttpResponse& response) {
  Error error(ErrorCodeForStatus(response.status), "");
  ErrorBuilder build(error);
  build.set_http_status(response.status).set_response_body(RedactTokens(response.body));
  rapidjson::Document body;
  const rapidjson::Value* code = ParseJsonDocument(response.body, &body) ? StringMember(body, "code") : nullptr;
  if (code != nullptr) {
    build.set_twirp_code(StringOf(*code));
    if (const rapidjson::Value* msg = StringMember(body, "msg")) build.set_message(OneLine(StringOf(*msg)));
    auto meta_member = body.FindMember("meta");
    if (meta_member != body.MemberEnd() && meta_member->value.IsObject()) {
      std::map<std::string, std::string> meta;
      for (const auto& m : meta_member->value.GetObject()) {
        meta[StringOf(m.name)] = RedactTokens(m.value.IsString() ? StringOf(m.value) : JsonText(m.value));
      }
      build.set_metadata(std::move(meta));
    }
    if (error.message().empty()) build.set_message("HTTP " + std::to_string(response.status));
    build.set_message(RedactTokens(error.message()));
  } else {
    build.set_message(NotTwirpMessage(response));
  }
  return error;
}

}  // namespace livekit::internal
