#pragma once
// The per-request control protocol: the X-Lk-Mock JSON header and the older one-setting
// X-Lk-Mock-* headers (spec/mock-server.md, "The control header"). X-Lk-Mock wins field by
// field. Like LiveKit's test server, the mock reads what it can and ignores the rest: unknown
// JSON fields, a known field of the wrong type (dropped alone; the other fields apply), a
// header that is not a JSON object (ignored whole), a legacy header it cannot read. The
// request is then served normally; what was ignored, and why, is reported back in the
// X-Lk-Mock-Ignored answer header so a typo in a test still shows.

#include <boost/beast/http/fields.hpp>

#include <optional>
#include <string>
#include <vector>

namespace livekit::mock {

/// Delays are capped at one day (a longer one is a hang in all but name).
inline constexpr long long kMaxDelayMs = 24LL * 3600 * 1000;

enum class FailMode { kStatus, kDrop, kHang, kDelay };

struct SipStatusControl {
  int code = 0;
  std::string status;  // empty: the code's enum name
};

struct MockControl {
  std::optional<std::vector<int>> fail_regions;
  FailMode fail_mode = FailMode::kStatus;
  std::optional<int> fail_status;          // as sent; see EffectiveFailStatus()
  std::optional<std::string> fail_twirp_code;
  std::optional<long long> delay_ms;
  std::optional<int> regions_status;
  std::optional<std::string> response;      // proto3 JSON text of the response message
  bool skip_auth = false;
  std::optional<SipStatusControl> sip_status;
  std::optional<std::vector<std::string>> pinned_regions;

  /// Whether the listener with this region index fails the request.
  bool FailsRegion(int index) const;
  /// failStatus, or 503 when absent or outside 100..599.
  int EffectiveFailStatus() const;
  /// Whether the region named `name` (region-N) may serve the project.
  bool AllowsRegion(const std::string& name) const;
};

/// The answer header listing what ParseControl ignored ("; "-separated reasons).
inline constexpr const char* kIgnoredControlHeader = "X-Lk-Mock-Ignored";

/// Reads the control headers of one request. Every value it cannot read is left at its
/// default and a reason such as "X-Lk-Mock: delayMs must be a non-negative number" is
/// appended to `ignored` (may be null).
MockControl ParseControl(const boost::beast::http::fields& headers, std::vector<std::string>* ignored);

}  // namespace livekit::mock
