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

// Each control value the mock could not read, for the X-Lk-Mock-Ignored answer header.
class Ignored {
 public:
  explicit Ignored(std::vector<std::string>* out) : out_(out) {}
  void Add(std::string what) {
    if (out_ != nullptr) out_->push_back(std::move(what));
  }

 private:
  std::vector<std::string>* out_;
};

void ApplyLegacy(const boost::beast::http::fields& h, MockControl* c, Ignored* ignored) {
  long long n = 0;
  if (auto v = Header(h, "X-Lk-Mock-Fail-Regions")) {
    std::vector<int> regions;
    std::string_view rest = *v;
    bool ok = true;
    while (ok && !internal::TrimSpace(rest).empty()) {
      const std::size_t comma = rest.find(',');
      ok = ParseInt(rest.substr(0, comma), &n);
      if (ok) regions.push_back(static_cast<int>(std::clamp<long long>(n, -1, 1 << 20)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (ok) c->fail_regions = std::move(regions);
    else ignored->Add("X-Lk-Mock-Fail-Regions: expected comma-separated region indices");
  }
  if (auto v = Header(h, "X-Lk-Mock-Fail-Mode")) {
    FailMode mode = FailMode::kStatus;
    if (ParseFailMode(internal::TrimSpace(*v), &mode)) c->fail_mode = mode;
    else ignored->Add("X-Lk-Mock-Fail-Mode: expected status, drop, hang or delay");
  }
  if (auto v = Header(h, "X-Lk-Mock-Fail-Status")) {
    if (ParseInt(*v, &n)) c->fail_status = static_cast<int>(std::clamp<long long>(n, -1, 100000));
    else ignored->Add("X-Lk-Mock-Fail-Status: expected an HTTP status");
  }
  if (auto v = Header(h, "X-Lk-Mock-Fail-Twirp-Code")) c->fail_twirp_code = std::string(internal::TrimSpace(*v));
  if (auto v = Header(h, "X-Lk-Mock-Delay-Ms")) {
    if (ParseInt(*v, &n) && n >= 0) c->delay_ms = std::min(n, kMaxDelayMs);
    else ignored->Add("X-Lk-Mock-Delay-Ms: expected milliseconds");
  }
  if (auto v = Header(h, "X-Lk-Mock-Regions-Status")) {
    if (ParseInt(*v, &n)) c->regions_status = static_cast<int>(std::clamp<long long>(n, -1, 100000));
    else ignored->Add("X-Lk-Mock-Regions-Status: expected an HTTP status");
  }
  if (auto v = Header(h, "X-Lk-Mock-Response")) c->response = std::string(*v);
  if (auto v = Header(h, "X-Lk-Mock-Skip-Auth")) c->skip_auth = internal::TrimSpace(*v) == "true" || internal::TrimSpace(*v) == "1";
}

// Reads each field on its own: a field of the wrong type is dropped (the request behaves as
// without it) and the others still apply.
void ApplyJson(std::string_view text, MockControl* c, Ignored* ignored) {
  const json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return ignored->Add("X-Lk-Mock: not valid JSON");
  if (!doc.is_object()) return ignored->Add("X-Lk-Mock: expected a JSON object");
  auto drop = [ignored](const char* why) { ignored->Add(std::string("X-Lk-Mock: ") + why); };
  long long n = 0;
  if (auto it = doc.find("failRegions"); it != doc.end() && !it->is_null()) {
    std::vector<int> regions;
    bool ok = it->is_array();
    if (ok) {
      for (const auto& item : *it) {
        if (!(ok = JsonInt(item, &n))) break;
        regions.push_back(static_cast<int>(std::clamp<long long>(n, -1, 1 << 20)));
      }
    }
    if (ok) c->fail_regions = std::move(regions);
    else drop("failRegions must be an array of region indices");
  }
  if (auto it = doc.find("failMode"); it != doc.end() && !it->is_null()) {
    FailMode mode = FailMode::kStatus;
    if (it->is_string() && ParseFailMode(it->get_ref<const std::string&>(), &mode)) c->fail_mode = mode;
    else drop("failMode must be \"status\", \"drop\", \"hang\" or \"delay\"");
  }
  if (auto it = doc.find("failStatus"); it != doc.end() && !it->is_null()) {
    if (JsonInt(*it, &n)) c->fail_status = static_cast<int>(std::clamp<long long>(n, -1, 100000));
    else drop("failStatus must be a number");
  }
  if (auto it = doc.find("failTwirpCode"); it != doc.end() && !it->is_null()) {
    if (it->is_string()) c->fail_twirp_code = it->get<std::string>();
    else drop("failTwirpCode must be a string");
  }
  if (auto it = doc.find("delayMs"); it != doc.end() && !it->is_null()) {
    if (JsonInt(*it, &n) && n >= 0) c->delay_ms = std::min(n, kMaxDelayMs);
    else drop("delayMs must be a non-negative number");
  }
  if (auto it = doc.find("regionsStatus"); it != doc.end() && !it->is_null()) {
    if (JsonInt(*it, &n)) c->regions_status = static_cast<int>(std::clamp<long long>(n, -1, 100000));
    else drop("regionsStatus must be a number");
  }
  if (auto it = doc.find("response"); it != doc.end() && !it->is_null()) {
    // Either the response object itself or a string holding its JSON.
    c->response = it->is_string() ? it->get<std::string>()
                                  : it->dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (auto it = doc.find("skipAuth"); it != doc.end() && !it->is_null()) {
    if (it->is_boolean()) c->skip_auth = it->get<bool>();
    else drop("skipAuth must be true or false");
  }
  if (auto it = doc.find("sipStatus"); it != doc.end() && !it->is_null()) {
    SipStatusControl sip;
    const char* bad = nullptr;
    if (!it->is_object()) {
      bad = "sipStatus must be an object like {\"code\":486,\"status\":\"Busy Here\"}";
    } else if (const auto code = it->find("code"); code == it->end() || !JsonInt(*code, &n)) {
      bad = "sipStatus.code must be a number";
    } else {
      sip.code = static_cast<int>(std::clamp<long long>(n, 0, 100000));
      if (const auto status = it->find("status"); status != it->end() && !status->is_null()) {
        if (status->is_string()) sip.status = status->get<std::string>();
        else bad = "sipStatus.status must be a string";
      }
    }
    if (bad == nullptr) c->sip_status = std::move(sip);
    else drop(bad);
  }
  if (auto it = doc.find("pinnedRegions"); it != doc.end() && !it->is_null()) {
    std::vector<std::string> names;
    bool ok = it->is_array();
    if (ok) {
      for (const auto& item : *it) {
        if (!(ok = item.is_string())) break;
        names.push_back(item.get<std::string>());
      }
    }
    if (ok) c->pinned_regions = std::move(names);
    else drop("pinnedRegions must be an array of region names");
  }
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

MockControl ParseControl(const boost::beast::http::fields& headers, std::vector<std::string>* ignored) {
  MockControl control;
  Ignored sink(ignored);
  ApplyLegacy(headers, &control, &sink);
  if (auto v = Header(headers, "X-Lk-Mock")) ApplyJson(*v, &control, &sink);
  return control;
}

}  // namespace livekit::mock
