// Fuzzes the mock server's control headers (tools/mock_server/control_header.cc): the
// X-Lk-Mock JSON header and the one-setting X-Lk-Mock-* headers. The input is header lines,
// "Name: value\n..." (CR and LF cannot occur inside a header an HTTP parser accepted).

#include <boost/beast/http/fields.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "control_header.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::beast::http::fields headers;
  const std::string_view text = livekit::fuzz::AsText(data, size);
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || colon > 256) continue;
    std::string_view value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers.insert(boost::beast::string_view(line.data(), colon), boost::beast::string_view(value.data(), value.size()));
  }

  std::vector<std::string> ignored;
  const livekit::mock::MockControl control = livekit::mock::ParseControl(headers, &ignored);
  for (const auto& why : ignored) FUZZ_CHECK(!why.empty());
  const int status = control.EffectiveFailStatus();
  FUZZ_CHECK(status >= 100 && status <= 599);
  FUZZ_CHECK(!control.delay_ms || (*control.delay_ms >= 0 && *control.delay_ms <= livekit::mock::kMaxDelayMs));
  if (!control.fail_regions) FUZZ_CHECK(!control.FailsRegion(0));
  if (!control.pinned_regions) FUZZ_CHECK(control.AllowsRegion("region-0"));
  for (int i = 0; i < 4; ++i) (void)control.FailsRegion(i);
  return 0;
}
