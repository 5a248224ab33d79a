#pragma once
// The body of GET /settings/regions: livekit.RegionSettings in proto3 JSON, one entry per
// listener in index order (distance = index, so zero is omitted and int64 is a string).

#include <cstdint>
#include <string>
#include <vector>

#include "control_header.h"

namespace livekit::mock {

/// "region-<index>", the name of a listener's region.
std::string RegionName(std::size_t index);

/// The JSON listing the regions of `ports` at `advertise_host` (or at `region_urls`, one per
/// port, when not empty), without those `control` does not allow (pinnedRegions).
std::string RegionSettingsJson(const std::string& advertise_host, const std::vector<std::uint16_t>& ports,
                               const std::vector<std::string>& region_urls, const MockControl& control);

}  // namespace livekit::mock
