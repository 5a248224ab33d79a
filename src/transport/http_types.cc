#include "transport/http_types.h"

#include <strings.h>

namespace livekit::internal {

std::string_view FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), name.size()) == 0) return v;
  }
  return {};
}

}  // namespace livekit::internal
