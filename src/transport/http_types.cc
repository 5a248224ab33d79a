#include "transport/http_types.h"

#include "common/text.h"

namespace livekit::internal {

std::string_view FindHeader(const HeaderList& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

HeaderList HttpRequest::AllHeaders() const {
  HeaderList all;
  all.reserve((shared_headers ? shared_headers->size() : 0) + headers.size());
  if (shared_headers) all = *shared_headers;
  all.insert(all.end(), headers.begin(), headers.end());
  return all;
}

}  // namespace livekit::internal
