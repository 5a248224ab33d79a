#pragma once
// Which region a request is for: a URL split into its origin (the key of a region) and path.

#include <optional>
#include <string>
#include <string_view>

namespace livekit::testing::detail {

struct UrlSplit {
  std::string origin;     // lower-case scheme://host[:port], a default port left out
  std::string authority;  // host[:port] as written (a default port left out)
  std::string path;       // from the first '/', query left out; "/" when empty
};

/// nullopt unless `url` is an absolute http or https URL.
std::optional<UrlSplit> SplitUrl(std::string_view url);

}  // namespace livekit::testing::detail
