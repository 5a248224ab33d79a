// Fuzzes the Cache-Control parser of the region list cache: any header value gives a max-age
// within [0, one year], and appending unrelated directives after it changes nothing.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "failover/cache_control.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view value = livekit::fuzz::AsText(data, size);
  const std::chrono::seconds age = livekit::internal::ParseMaxAge(value);
  FUZZ_CHECK(age.count() >= 0);
  FUZZ_CHECK(age.count() <= 365LL * 24 * 3600);
  // The first max-age decides: a later directive cannot change the result.
  const std::string extended = std::string(value) + ", no-store, max-age=99";
  if (value.find(',') == std::string_view::npos && age.count() > 0) {
    FUZZ_CHECK(livekit::internal::ParseMaxAge(extended) == age);
  }
  return 0;
}
