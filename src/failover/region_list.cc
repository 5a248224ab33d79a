#include "failover/region_list.h"

#include "common/json_document.h"

namespace livekit::internal {

std::optional<RegionList> ParseRegionSettings(std::string_view body) {
  rapidjson::Document json;
  if (!ParseJsonDocument(body, &json) || !json.IsObject()) return std::nullopt;
  RegionList out;
  auto it = json.FindMember("regions");
  if (it == json.MemberEnd() || it->value.IsNull()) return out;  // proto3 JSON omits an empty list
  if (!it->value.IsArray()) return std::nullopt;
  for (const auto& entry : it->value.GetArray()) {
    const rapidjson::Value* url = StringMember(entry, "url");
    if (url == nullptr) continue;
    auto parsed = ParseUrl(StringOf(*url));
    if (!parsed) continue;
    Region r;
    if (const rapidjson::Value* name = StringMember(entry, "region")) r.name = StringOf(*name);
    r.listed_url = StringOf(*url);
    r.url = *parsed;
    r.host_key = parsed->HostKey();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace livekit::internal
