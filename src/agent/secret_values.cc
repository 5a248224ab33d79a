#include "agent/secret_values.h"

#include <algorithm>

namespace livekit::internal {
namespace {

constexpr std::size_t kMinSecretBytes = 6;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecoded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

}  // namespace

void SecretValues::AddQuery(std::string_view query) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos) Add(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

void SecretValues::Add(std::string_view value) {
  if (value.size() < kMinSecretBytes) return;
  values_.emplace_back(value);
  std::string decoded = PercentDecoded(value);
  if (decoded != value && decoded.size() >= kMinSecretBytes) values_.push_back(std::move(decoded));
  // Longest first: a secret that contains another is replaced whole.
  std::sort(values_.begin(), values_.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretValues::Redact(std::string text) const {
  static constexpr std::string_view kMark = "[redacted]";
  for (const std::string& v : values_) {
    std::size_t pos = 0;
    while ((pos = text.find(v, pos)) != std::string::npos) {
      text.replace(pos, v.size(), kMark);
      pos += kMark.size();
    }
  }
  return text;
}

std::string UrlWithoutQuery(std::string_view url) {
  return std::string(url.substr(0, std::min(url.find('?'), url.find('#'))));
}

}  // namespace livekit::internal
