#include "auth/jwt.h"

#include <openssl/crypto.h>

#include <algorithm>

#include "common/base64.h"
#include "common/json_document.h"

namespace livekit::internal {
namespace {

// base64url of {"alg":"HS256","typ":"JWT"}, the header this SDK writes.
constexpr std::string_view kOurHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
// base64url of {"alg":"HS256"}, the header the official Node SDK (jose) writes.
constexpr std::string_view kCompactHeader = "eyJhbGciOiJIUzI1NiJ9";

Error Unauthenticated(std::string message) { return Error(ErrorCode::kUnauthenticated, std::move(message)); }

// An attacker-chosen algorithm name, made safe to show: printable ASCII, bounded length.
std::string Printable(const std::string& s) {
  std::string out;
  for (char c : s.substr(0, 32)) out.push_back(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
  if (s.size() > 32) out += "...";
  return out;
}

std::optional<Error> CheckHeader(std::string_view segment) {
  if (segment == kOurHeader || segment == kCompactHeader) return std::nullopt;  // fast path
  std::string text;
  if (!Base64UrlDecode(segment, &text)) return Unauthenticated("malformed token: header is not valid base64url");
  rapidjson::Document header;
  if (!ParseJsonDocument(text, &header)) return Unauthenticated("malformed token: header is not valid JSON");
  if (!header.IsObject()) return Unauthenticated("malformed token: header is not a JSON object");
  const rapidjson::Value* alg = StringMember(header, "alg");
  if (alg == nullptr) return Unauthenticated("malformed token: header has no alg string");
  const std::string name = StringOf(*alg);
  if (name != "HS256") {
    return Unauthenticated("unsupported algorithm \"" + Printable(name) + "\": only HS256 is accepted");
  }
  if (header.HasMember("crit")) {
    return Unauthenticated("unsupported token: header has critical extensions (crit)");
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> SignJwt(std::string_view payload_json, const HmacSha256& key) {
  std::string token;
  token.reserve(kOurHeader.size() + 2 + payload_json.size() * 4 / 3 + 48);
  token.append(kOurHeader);
  token.push_back('.');
  token.append(Base64UrlEncode(payload_json));
  Sha256Digest mac;
  if (!key.Sign(token, &mac)) return Error(ErrorCode::kInternal, "HMAC-SHA256 failed in OpenSSL");
  token.push_back('.');
  token.append(Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size())));
  return token;
}

Result<std::string> VerifyJwt(std::string_view token, std::size_t max_bytes, const HmacSha256& key) {
  if (token.size() > max_bytes) {
    return Unauthenticated("token too large: " + std::to_string(token.size()) + " bytes, the limit is " +
                           std::to_string(max_bytes));
  }
  if (token.empty()) return Unauthenticated("malformed token: empty");
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    const auto dots = std::count(token.begin(), token.end(), '.');
    return Unauthenticated("malformed token: expected 3 dot-separated segments, found " +
                           std::to_string(dots + 1));
  }
  const std::string_view header = token.substr(0, first);
  const std::string_view payload = token.substr(first + 1, second - first - 1);
  const std::string_view signature = token.substr(second + 1);
  if (header.empty() || payload.empty()) return Unauthenticated("malformed token: empty header or payload segment");

  if (auto e = CheckHeader(header)) return *e;

  std::string given;
  if (signature.empty()) return Unauthenticated("bad signature: the signature segment is empty");
  if (!Base64UrlDecode(signature, &given)) return Unauthenticated("malformed token: signature is not valid base64url");
  Sha256Digest expected;
  if (!key.Sign(token.substr(0, second), &expected)) return Error(ErrorCode::kInternal, "HMAC-SHA256 failed in OpenSSL");
  if (given.size() != expected.size() || CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) {
    return Unauthenticated("bad signature: the token was not signed with this API secret");
  }

  std::string text;
  if (!Base64UrlDecode(payload, &text)) return Unauthenticated("malformed token: payload is not valid base64url");
  return text;
}

}  // namespace livekit::internal
