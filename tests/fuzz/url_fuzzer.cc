// Fuzzes URL handling of the failover layer: origin parsing, host keys and the trust boundary
// (where the bearer token may go). The input is two URLs, "origin\ncandidate".

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/url.h"
#include "failover/trust_boundary.h"
#include "fuzz_check.h"

namespace {

using livekit::internal::UrlParts;

bool IsLower(const std::string& s) {
  for (char c : s) {
    if (std::isupper(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// What common/url.h promises of every parsed URL.
void CheckParts(const UrlParts& p) {
  FUZZ_CHECK(p.scheme == "http" || p.scheme == "https");
  FUZZ_CHECK(!p.host.empty());
  FUZZ_CHECK(IsLower(p.host));
  FUZZ_CHECK(p.port >= 0 && p.port <= 65535);
  FUZZ_CHECK(p.port != (p.https() ? 443 : 80));  // the default port is stored as 0
  for (char c : p.host) {
    const auto u = static_cast<unsigned char>(c);
    FUZZ_CHECK(!std::isspace(u) && !std::iscntrl(u) && c != '/' && c != '@' && c != '?' && c != '#');
  }
  FUZZ_CHECK(p.path.empty() || p.path.front() == '/');
  FUZZ_CHECK(p.path.find_first_of("?#") == std::string::npos);
  FUZZ_CHECK(p.query_and_fragment.empty() || p.query_and_fragment.front() == '?' || p.query_and_fragment.front() == '#');
  const std::string key = p.HostKey();
  FUZZ_CHECK(key.compare(0, p.host.size(), p.host) == 0);
  FUZZ_CHECK(p.Origin() == p.scheme + "://" + key);
  // An origin may always send its token to itself.
  FUZZ_CHECK(!livekit::internal::TrustViolation(p, p));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view origin_text;
  const std::string_view candidate_text =
      livekit::fuzz::SplitFirstLine(livekit::fuzz::AsText(data, size), &origin_text);

  const auto origin = livekit::internal::ParseUrl(origin_text);
  const auto candidate = livekit::internal::ParseUrl(candidate_text);
  const std::string key = livekit::internal::HostKeyOf(candidate_text);
  FUZZ_CHECK(IsLower(key));
  if (candidate) {
    CheckParts(*candidate);
    FUZZ_CHECK(key == candidate->HostKey());
    // Any path, query or fragment is ignored.
    const auto with_path = livekit::internal::ParseUrl(std::string(candidate_text) + "/twirp?x=1#f");
    if (candidate_text.find_first_of("/?#", candidate_text.find("://") + 3) == std::string_view::npos) {
      FUZZ_CHECK(with_path && with_path->HostKey() == candidate->HostKey() && with_path->scheme == candidate->scheme);
    }
  }
  if (origin) CheckParts(*origin);
  if (origin && candidate) {
    const auto violation = livekit::internal::TrustViolation(*origin, *candidate);
    // Never downgrade: an https origin's token never goes over http.
    if (origin->https() && !candidate->https()) FUZZ_CHECK(violation.has_value());
    // Outside livekit.cloud, only the origin's own host name is trusted.
    const bool cloud = origin->host.size() >= 14 &&
                       origin->host.compare(origin->host.size() - 14, 14, ".livekit.cloud") == 0;
    if (!violation && !cloud) FUZZ_CHECK(candidate->host == origin->host);
    if (!violation && cloud) {
      const std::string& h = candidate->host;
      FUZZ_CHECK(h == "livekit.cloud" || (h.size() >= 14 && h.compare(h.size() - 14, 14, ".livekit.cloud") == 0));
    }
  }
  return 0;
}
