#include "transport/http_types.h"

#include "common/text.h"

namespace livekit::internal {

std::string_view FindHeader(const HeaderList& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

}  // namespace livekit::internal
