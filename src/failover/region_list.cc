#include "failover/region_list.h"

// nlohmann's iterators trip GCC's -Wnull-dereference at -O2 (a false positive in its header).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <nlohmann/json.hpp>

namespace livekit::internal {

std::optional<RegionList> ParseRegionSettings(std::string_view body) {
  auto json = nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  RegionList out;
  auto it = json.find("regions");
  if (it == json.end() || it->is_null()) return out;  // proto3 JSON omits an empty list
  if (!it->is_array()) return std::nullopt;
  for (const auto& entry : *it) {
    if (!entry.is_object()) continue;
    auto url = entry.find("url");
    if (url == entry.end() || !url->is_string()) continue;
    auto parsed = ParseUrl(url->get<std::string>());
    if (!parsed) continue;
    Region r;
    auto name = entry.find("region");
    if (name != entry.end() && name->is_string()) r.name = name->get<std::string>();
    r.listed_url = url->get<std::string>();
    r.url = *parsed;
    r.host_key = parsed->HostKey();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace livekit::internal

#pragma GCC diagnostic pop
