#include "fake_url.h"

#include <cctype>

namespace livekit::testing::detail {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<UrlSplit> SplitUrl(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  const std::string scheme = Lower(url.substr(0, sep));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(sep + 3);
  const auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.empty()) return std::nullopt;
  const std::string_view default_port = scheme == "https" ? ":443" : ":80";
  if (authority.size() > default_port.size() &&
      authority.substr(authority.size() - default_port.size()) == default_port) {
    authority.remove_suffix(default_port.size());
  }
  UrlSplit out;
  out.authority = std::string(authority);
  out.origin = scheme + "://" + Lower(authority);
  if (end != std::string_view::npos && rest[end] == '/') {
    std::string_view path = rest.substr(end);
    path = path.substr(0, path.find_first_of("?#"));
    out.path = std::string(path);
  }
  if (out.path.empty()) out.path = "/";
  return out;
}

}  // namespace livekit::testing::detail
