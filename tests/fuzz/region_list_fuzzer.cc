// Fuzzes the region list parser (the body of {origin}/settings/regions, failover.md A5): any
// body gives nullopt or regions whose URLs parse, with consistent host keys.

#include <cstddef>
#include <cstdint>

#include "failover/region_list.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = livekit::fuzz::AsText(data, size);
  const auto regions = livekit::internal::ParseRegionSettings(body);
  if (!regions) return 0;
  for (const auto& r : *regions) {
    const auto reparsed = livekit::internal::ParseUrl(r.listed_url);
    FUZZ_CHECK(reparsed.has_value());
    FUZZ_CHECK(reparsed->scheme == r.url.scheme && reparsed->host == r.url.host && reparsed->port == r.url.port);
    FUZZ_CHECK(r.host_key == r.url.HostKey());
    FUZZ_CHECK(!r.url.host.empty());
  }
  return 0;
}
