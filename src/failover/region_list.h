#pragma once
// A region list as discovered at {origin}/settings/regions (proto3 JSON of RegionSettings).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/url.h"

namespace livekit::internal {

struct Region {
  std::string name;  // "us-east"
  std::string listed_url;  // as the server wrote it
  UrlParts url;      // http(s), for requests
  std::string host_key;
};

using RegionList = std::vector<Region>;

/// Parses a RegionSettings JSON body, in the server's order. Entries without a url or with
/// an unparseable one are skipped (failover.md A5). nullopt when the body is not a JSON
/// object or `regions` is not an array.
std::optional<RegionList> ParseRegionSettings(std::string_view body);

}  // namespace livekit::internal
