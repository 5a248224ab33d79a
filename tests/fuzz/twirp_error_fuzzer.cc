// Fuzzes the conversion of a non-2xx answer into livekit::Error (src/twirp/twirp_error.cc).
// Input: two bytes of HTTP status (big endian, folded into 100..699; the top two bits also pick
// the Content-Type, so HTML and XML pages are summed up too), then the body.
// Checks the error's code and status, the Twirp fields, that an answer which is not Twirp JSON
// is summed up on one bounded line, and that no bearer token or JWT the body echoes reaches the
// message, the metadata values or the kept body.

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "twirp/twirp_error.h"

namespace {

bool IsTokenChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.';
}

// No JWT (a run of token characters from "eyJ" holding a dot) and nothing after "Bearer ".
void CheckNoToken(const std::string& text) {
  for (std::size_t at = text.find("Bearer "); at != std::string::npos; at = text.find("Bearer ", at + 1)) {
    FUZZ_CHECK(at + 7 >= text.size() || !IsTokenChar(text[at + 7]));
  }
  for (std::size_t at = text.find("eyJ"); at != std::string::npos; at = text.find("eyJ", at + 1)) {
    std::size_t end = at;
    while (end < text.size() && IsTokenChar(text[end])) ++end;
    FUZZ_CHECK(text.substr(at, end - at).find('.') == std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  livekit::internal::HttpResponse response;
  response.status = 100 + ((data[0] << 8) | data[1]) % 600;
  static const char* const kContentTypes[] = {"application/json", "text/html; charset=utf-8", "text/plain",
                                              "application/xml"};
  response.headers = {{"Content-Type", kContentTypes[data[0] >> 6]}};
  response.body.assign(reinterpret_cast<const char*>(data + 2), size - 2);

  const livekit::Error error = livekit::internal::ErrorFromResponse(response);
  FUZZ_CHECK(error.code() == livekit::internal::ErrorCodeForStatus(response.status));
  FUZZ_CHECK(error.code() != livekit::ErrorCode::kOk);
  FUZZ_CHECK(error.http_status() == response.status);
  FUZZ_CHECK(!error.message().empty());
  // Twirp JSON is an object with a string "code"; anything else is shown as bounded text. A
  // NUL byte is never valid JSON (nlohmann stops reading at one; the SDK refuses the body).
  const auto doc = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  const bool twirp = response.body.find('\0') == std::string::npos && doc.is_object() && doc.contains("code") &&
                     doc["code"].is_string();
  // A repeated "code" member is ambiguous JSON (nlohmann keeps the last, the SDK the first):
  // only the bounds below are checked then.
  std::size_t codes = 0;
  for (std::size_t at = response.body.find("\"code\""); at != std::string::npos;
       at = response.body.find("\"code\"", at + 1)) {
    ++codes;
  }
  if (codes > 1) {
    // nothing about which member won
  } else if (twirp) {
    FUZZ_CHECK(error.twirp_code() == doc["code"].get<std::string>());
  } else {
    FUZZ_CHECK(error.twirp_code().empty());
    FUZZ_CHECK(error.metadata().empty());
    // One line: "HTTP <status> (<type>, <n> bytes, not a Twirp error): <first line, cut>".
    const std::string status = "HTTP " + std::to_string(response.status) + " (";
    FUZZ_CHECK(error.message().compare(0, status.size(), status) == 0);
    FUZZ_CHECK(error.message().size() <= 512);
    for (char c : error.message()) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
  }
  // A server echoing the request must not carry its bearer token into errors and logs.
  CheckNoToken(error.message());
  for (const auto& [key, value] : error.metadata()) CheckNoToken(value);
  CheckNoToken(error.response_body());
  (void)error.ToString();
  (void)error.sip_status_code();
  (void)error.sip_status();
  return 0;
}
