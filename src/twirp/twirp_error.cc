#include "twirp/twirp_error.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <string>
#include <string_view>

#include "common/json_document.h"

namespace livekit::internal {
namespace {

// A non-string meta value as compact JSON text.
std::string JsonText(const rapidjson::Value& v) {
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  v.Accept(writer);
  return std::string(out.GetString(), out.GetSize());
}

constexpr std::size_t kMaxPlainTextMessage = 512;  // keeps an HTML error page out of logs

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

std::string PlainText(const std::string& body) {
  std::string text = body.substr(0, kMaxPlainTextMessage);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
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
  error.set_http_status(response.status);
  rapidjson::Document body;
  const rapidjson::Value* code = ParseJsonDocument(response.body, &body) ? StringMember(body, "code") : nullptr;
  if (code != nullptr) {
    error.set_twirp_code(StringOf(*code));
    if (const rapidjson::Value* msg = StringMember(body, "msg")) error.set_message(StringOf(*msg));
    auto meta_member = body.FindMember("meta");
    if (meta_member != body.MemberEnd() && meta_member->value.IsObject()) {
      std::map<std::string, std::string> meta;
      for (const auto& m : meta_member->value.GetObject()) {
        meta[StringOf(m.name)] = RedactTokens(m.value.IsString() ? StringOf(m.value) : JsonText(m.value));
      }
      error.set_metadata(std::move(meta));
    }
  } else {
    error.set_message(PlainText(response.body));
  }
  if (error.message().empty()) error.set_message("HTTP " + std::to_string(response.status));
  error.set_message(RedactTokens(error.message()));
  return error;
}

}  // namespace livekit::internal
