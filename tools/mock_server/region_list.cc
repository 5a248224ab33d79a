#include "region_list.h"

#include <google/protobuf/util/json_util.h>

#include "livekit_rtc.pb.h"

namespace livekit::mock {

std::string RegionName(std::size_t index) { return "region-" + std::to_string(index); }

std::string RegionSettingsJson(const std::string& advertise_host, const std::vector<std::uint16_t>& ports,
                               const std::vector<std::string>& region_urls, const MockControl& control) {
  livekit::RegionSettings settings;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    const std::string name = RegionName(i);
    if (!control.AllowsRegion(name)) continue;
    auto* region = settings.add_regions();
    region->set_region(name);
    region->set_url(i < region_urls.size() ? region_urls[i] : advertise_host + ":" + std::to_string(ports[i]));
    region->set_distance(static_cast<std::int64_t>(i));
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(settings, &json, print);
  return json;
}

}  // namespace livekit::mock
