#include "control_header.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "common/text.h"

namespace livekit::mock {
namespace {

using nlohmann::json;

std::optional<std::string_view> Header(const boost::beast::http::fields& headers, std::string_view name) {
  const auto it = headers.find(boost::beast::string_view(name.data(), name.size()));
  if (it == headers.end()) return std::nullopt;
  const auto v = it->value();
  return std::string_view(v.data(), v.size());
}

bool ParseInt(std::string_view text, long long* out) {
  text = internal::TrimSpace(text);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

bool ParseFailMode(std::string_view text, FailMode* out) {
  if (text == "status") *out = FailMode::kStatus;
  else if (text == "drop") *out = FailMode::kDrop;
  else if (text == "hang") *out = FailMode::kHang;
  else if (text == "delay") *out = FailMode::kDelay;
  else return false;
  return true;
}

// An int from a JSON number or a numeric string.
bool JsonInt(const json& v, long long* out) {
  if (v.is_number_integer()) {
    *out = v.get<long long>();
    return true;
  }
  if (v.is_number_float()) {
    // Clamped first: casting a double outside long long's range is undefined (e.g. 1e300).
    const double d = v.get<double>();
    if (std::isnan(d)) return false;
    *out = static_cast<long long>(std::clamp(d, -9.0e18, 9.0e18));
    return true;
  }
  if (v.is_string()) return ParseInt(v.get_ref<const std::string&>(), out);
  return false;
}

bool Fail(std::string* error, const std::string& what) {
  *error = "malformed X-Lk-Mock header: " + what;
  return false;
}

bool ApplyLegacy(const boost::beast::http::fields& h, MockControl* c, std::string* error) {
  long long n = 0;
  if (auto v = Header(h, "X-Lk-Mock-Fail-Regions")) {
    std::vector<int> regions;
    std::string_view rest = *v;
    while (!internal::TrimSpace(rest).empty()) {
      const std::size_t comma = rest.find(',');
      if (!ParseInt(rest.substr(0, comma), &n)) {
        *error = "malformed X-Lk-Mock-Fail-Regions header: expected comma-separated region indices";
        return false;
      }
      regions.push_back(static_cast<int>(n));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    c->fail_regions = std::move(regions);
  }
  if (auto v = Header(h, "X-Lk-Mock-Fail-Mode")) {
    if (!ParseFailMode(internal::TrimSpace(*v), &c->fail_mode)) {
      *error = "malformed X-Lk-Mock-Fail-Mode header: expected status, drop, hang or delay";
      return false;
    }
  }
  if (auto v = Header(h, "X-Lk-Mock-Fail-Status")) {
    if (!ParseInt(*v, &n)) {
      *error = "malformed X-Lk-Mock-Fail-Status header: expected an HTTP status";
      return false;
    }
    c->fail_status = static_cast<int>(std::clamp<long long>(n, -1, 100000));
  }
  if (auto v = Header(h, "X-Lk-Mock-Fail-Twirp-Code")) c->fail_twirp_code = std::string(internal::TrimSpace(*v));
  if (auto v = Header(h, "X-Lk-Mock-Delay-Ms")) {
    if (!ParseInt(*v, &n) || n < 0) {
      *error = "malformed X-Lk-Mock-Delay-Ms header: expected milliseconds";
      return false;
    }
    c->delay_ms = std::min(n, kMaxDelayMs);
  }
  if (auto v = Header(h, "X-Lk-Mock-Regions-Status")) {
    if (!ParseInt(*v, &n)) {
      *error = "malformed X-Lk-Mock-Regions-Status header: expected an HTTP status";
      return false;
    }
    c->regions_status = static_cast<int>(std::clamp<long long>(n, -1, 100000));
  }
  if (auto v = Header(h, "X-Lk-Mock-Response")) c->response = std::string(*v);
  if (auto v = Header(h, "X-Lk-Mock-Skip-Auth")) c->skip_auth = internal::TrimSpace(*v) == "true" || internal::TrimSpace(*v) == "1";
  return true;
}

bool ApplyJson(std::string_view text, MockControl* c, std::string* error) {
  const json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Fail(error, "not valid JSON");
  if (!doc.is_object()) return Fail(error, "expected a JSON object");
  long long n = 0;
  if (auto it = doc.find("failRegions"); it != doc.end() && !it->is_null()) {
    if (!it->is_array()) return Fail(error, "failRegions must be an array of region indices");
    std::vector<int> regions;
    for (const auto& item : *it) {
      if (!JsonInt(item, &n)) return Fail(error, "failRegions must be an array of region indices");
      regions.push_back(static_cast<int>(std::clamp<long long>(n, -1, 1 << 20)));
    }
    c->fail_regions = std::move(regions);
  }
  if (auto it = doc.find("failMode"); it != doc.end() && !it->is_null()) {
    if (!it->is_string() || !ParseFailMode(it->get_ref<const std::string&>(), &c->fail_mode)) {
      return Fail(error, "failMode must be \"status\", \"drop\", \"hang\" or \"delay\"");
    }
  }
  if (auto it = doc.find("failStatus"); it != doc.end() && !it->is_null()) {
    if (!JsonInt(*it, &n)) return Fail(error, "failStatus must be a number");
    c->fail_status = static_cast<int>(std::clamp<long long>(n, -1, 100000));
  }
  if (auto it = doc.find("failTwirpCode"); it != doc.end() && !it->is_null()) {
    if (!it->is_string()) return Fail(error, "failTwirpCode must be a string");
    c->fail_twirp_code = it->get<std::string>();
  }
  if (auto it = doc.find("delayMs"); it != doc.end() && !it->is_null()) {
    if (!JsonInt(*it, &n) || n < 0) return Fail(error, "delayMs must be a non-negative number");
    c->delay_ms = std::min(n, kMaxDelayMs);
  }
  if (auto it = doc.find("regionsStatus"); it != doc.end() && !it->is_null()) {
    if (!JsonInt(*it, &n)) return Fail(error, "regionsStatus must be a number");
    c->regions_status = static_cast<int>(std::clamp<long long>(n, -1, 100000));
  }
  if (auto it = doc.find("response"); it != doc.end() && !it->is_null()) {
    // Either the response object itself or a string holding its JSON.
    c->response = it->is_string() ? it->get<std::string>()
                                  : it->dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (auto it = doc.find("skipAuth"); it != doc.end() && !it->is_null()) {
    if (!it->is_boolean()) return Fail(error, "skipAuth must be true or false");
    c->skip_auth = it->get<bool>();
  }
  if (auto it = doc.find("sipStatus"); it != doc.end() && !it->is_null()) {
    if (!it->is_object()) return Fail(error, "sipStatus must be an object like {\"code\":486,\"status\":\"Busy Here\"}");
    SipStatusControl sip;
    const auto code = it->find("code");
    if (code == it->end() || !JsonInt(*code, &n)) return Fail(error, "sipStatus.code must be a number");
    sip.code = static_cast<int>(std::clamp<long long>(n, 0, 100000));
    if (const auto status = it->find("status"); status != it->end() && !status->is_null()) {
      if (!status->is_string()) return Fail(error, "sipStatus.status must be a string");
      sip.status = status->get<std::string>();
    }
    c->sip_status = std::move(sip);
  }
  if (auto it = doc.find("pinnedRegions"); it != doc.end() && !it->is_null()) {
    if (!it->is_array()) return Fail(error, "pinnedRegions must be an array of region names");
    std::vector<std::string> names;
    for (const auto& item : *it) {
      if (!item.is_string()) return Fail(error, "pinnedRegions must be an array of region names");
      names.push_back(item.get<std::string>());
    }
    c->pinned_regions = std::move(names);
  }
  return true;
}

}  // namespace

bool MockControl::FailsRegion(int index) const {
  return fail_regions && std::find(fail_regions->begin(), fail_regions->end(), index) != fail_regions->end();
}

int MockControl::EffectiveFailStatus() const {
  if (!fail_status || *fail_status < 100 || *fail_status > 599) return 503;
  return *fail_status;
}

bool MockControl::AllowsRegion(const std::string& name) const {
  return !pinned_regions || std::find(pinned_regions->begin(), pinned_regions->end(), name) != pinned_regions->end();
}

bool ParseControl(const boost::beast::http::fields& headers, MockControl* out, std::string* error) {
  *out = MockControl();
  if (!ApplyLegacy(headers, out, error)) return false;
  if (auto v = Header(headers, "X-Lk-Mock")) {
    if (!ApplyJson(*v, out, error)) return false;
  }
  return true;
}

}  // namespace livekit::mock
