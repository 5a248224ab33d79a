#include "livekit/testing/fake_livekit.h"

#include <google/protobuf/util/json_util.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "fake_url.h"
#include "livekit/token_verifier.h"
#include "livekit_rtc.pb.h"
#include "services/method_table.h"
#include "twirp_answer.h"

namespace livekit::testing {
namespace {

bool ContainsJson(std::string_view content_type) {
  for (std::size_t i = 0; i + 4 <= content_type.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(content_type[i])) == 'j' &&
        std::tolower(static_cast<unsigned char>(content_type[i + 1])) == 's' &&
        std::tolower(static_cast<unsigned char>(content_type[i + 2])) == 'o' &&
        std::tolower(static_cast<unsigned char>(content_type[i + 3])) == 'n') {
      return true;
    }
  }
  return false;
}

[[noreturn]] void Misuse(const std::string& what) {
  std::fprintf(stderr, "FakeLiveKit: %s\n", what.c_str());
  std::abort();
}

std::string MethodKey(std::string_view service, std::string_view method) {
  return std::string(service) + "/" + std::string(method);
}

struct RegionFailure {
  FakeFailure failure;
  int times = -1;  // negative: until healed
};

// Takes one use of a failure; true when it applies to this request.
bool TakeFailure(std::optional<RegionFailure>* slot, FakeFailure* out) {
  if (!*slot) return false;
  *out = (*slot)->failure;
  if ((*slot)->times > 0 && --(*slot)->times == 0) slot->reset();
  return true;
}

HttpTransportResponse Answer(const google::protobuf::Message& message, Encoding encoding) {
  HttpTransportResponse r;
  r.status = 200;
  if (encoding == Encoding::kJson) {
    r.headers = {{"Content-Type", "application/json"}};
    (void)google::protobuf::util::MessageToJsonString(message, &r.body);
  } else {
    r.headers = {{"Content-Type", "application/protobuf"}};
    message.SerializeToString(&r.body);
  }
  return r;
}

bool Decode(std::string_view body, Encoding encoding, google::protobuf::Message* out) {
  if (encoding == Encoding::kJson) {
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    return google::protobuf::util::JsonStringToMessage(std::string(body), out, options).ok();
  }
  return out->ParseFromString(std::string(body));
}

}  // namespace

std::string_view FakeRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < k.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(k[i])) == std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return v;
  }
  return {};
}

// The server: a transport that answers on the caller's thread (the SDK moves the rest of the
// call to its I/O thread). Handlers run outside the lock, so they may read the record.
class FakeLiveKit::Impl final : public HttpTransport {
 public:
  explicit Impl(FakeLiveKitOptions options) : options_(std::move(options)), verifier_(options_.api_key, options_.api_secret) {
    if (options_.api_key.empty() || options_.api_secret.empty()) Misuse("api_key and api_secret must not be empty");
    if (options_.regions.empty()) {
      for (int i = 0; i < 3; ++i) {
        const std::string name = "region-" + std::to_string(i);
        options_.regions.push_back({name, "https://" + name + ".fake.livekit.cloud"});
      }
    }
    for (const auto& r : options_.regions) {
      auto parts = detail::SplitUrl(r.url);
      if (!parts) Misuse("region " + r.name + ": not an absolute http(s) URL: " + r.url);
      origins_.push_back(parts->origin);
    }
    failures_.resize(options_.regions.size());
  }

  void Send(ExchangeId id, HttpTransportRequest request, Done done) override {
    if (closed_) {
      done(HttpTransportResult::ConnectionFailed("the FakeLiveKit was destroyed", true));
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      serving_.insert(id);
    }
    Serve(id, std::move(request), std::move(done));
    std::lock_guard<std::mutex> lock(mu_);
    serving_.erase(id);
    cancelled_while_serving_.erase(id);
  }

  void Serve(ExchangeId id, HttpTransportRequest request, Done done) {
    FakeRequest record;
    record.url = request.url;
    record.http_method = request.method;
    record.headers = request.headers;
    auto parts = detail::SplitUrl(request.url);
    std::size_t region = options_.regions.size();
    if (parts) {
      for (std::size_t i = 0; i < origins_.size(); ++i) {
        if (origins_[i] == parts->origin) region = i;
      }
    }
    if (region == options_.regions.size()) {
      done(HttpTransportResult::ConnectionFailed("FakeLiveKit has no region at " + request.url, true));
      return;
    }
    record.region = region;
    record.region_name = options_.regions[region].name;
    record.host = parts->authority;
    record.encoding = ContainsJson(request.header("Content-Type")) ? Encoding::kJson : Encoding::kProtobuf;
    VerifyToken(request, &record);

    if (request.method == "GET" && parts->path == "/settings/regions") {
      record.discovery = true;
      FakeFailure failure;
      bool failed;
      {
        std::lock_guard<std::mutex> lock(mu_);
        failed = TakeFailure(&discovery_failure_, &failure);
        if (failed) record.injected_failure = failure.Describe();
        discoveries_.push_back(record);
      }
      if (failed) return Fail(id, failure, std::move(done));
      return done(HttpTransportResult::Answer(RegionsAnswer()));
    }

    // A Twirp path: [prefix]/livekit.<Service>/<Method>.
    const auto at = parts->path.rfind("/livekit.");
    const auto slash = at == std::string::npos ? std::string::npos : parts->path.find('/', at + 1);
    if (request.method != "POST" || slash == std::string::npos) {
      return done(HttpTransportResult::Answer(
          detail::TwirpErrorAnswer("bad_route", "FakeLiveKit: no route for " + request.method + " " + parts->path, {}, 0)));
    }
    record.service = parts->path.substr(at + 9, slash - at - 9);
    record.method = parts->path.substr(slash + 1);

    Route route;
    FakeFailure failure;
    bool failed;
    {
      std::lock_guard<std::mutex> lock(mu_);
      failed = TakeFailure(&failures_[region], &failure);
      auto it = routes_.find(MethodKey(record.service, record.method));
      if (it != routes_.end()) route = it->second;
    }
    std::unique_ptr<google::protobuf::Message> message;
    bool decoded = false;
    if (route.handler) {
      message.reset(route.request_type->New());
      decoded = Decode(request.body, record.encoding, message.get());
      if (decoded) record.message = std::shared_ptr<const google::protobuf::Message>(message.release());
    }
    if (failed) record.injected_failure = failure.Describe();
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(record);
    }
    if (failed) return Fail(id, failure, std::move(done));
    if (!record.claims) {
      return done(HttpTransportResult::Answer(detail::TwirpErrorAnswer("unauthenticated", record.token_error, {}, 0)));
    }
    if (!route.handler) {
      return done(HttpTransportResult::Answer(detail::TwirpErrorAnswer(
          "bad_route", "FakeLiveKit has no handler for " + MethodKey(record.service, record.method), {}, 0)));
    }
    if (!decoded) {
      return done(HttpTransportResult::Answer(detail::TwirpErrorAnswer(
          "malformed", "the request body is not a " + std::string(route.request_type->GetTypeName()), {}, 0)));
    }
    std::unique_ptr<google::protobuf::Message> response(route.response_type->New());
    Status status = route.handler(*record.message, record, response.get());
    if (!status.ok()) return done(HttpTransportResult::Answer(detail::ErrorAnswer(status.error())));
    done(HttpTransportResult::Answer(Answer(*response, record.encoding)));
  }

  void Cancel(ExchangeId id) override {
    Done dropped;  // released outside the lock
    std::lock_guard<std::mutex> lock(mu_);
    auto it = hung_.find(id);
    if (it == hung_.end()) {
      // Still being served (a timeout or cancel racing a handler): a hang must not stay behind.
      if (serving_.count(id) > 0) cancelled_while_serving_.insert(id);
      return;
    }
    dropped = std::move(it->second);
    hung_.erase(it);
  }

  // The fake is going away: what hangs ends, and later requests find no server (the clients
  // may outlive it; its handlers may not).
  void Close() {
    std::unordered_map<ExchangeId, Done> hung;
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
      hung.swap(hung_);
      routes_.clear();
    }
    for (auto& [id, done] : hung) done(HttpTransportResult::ConnectionFailed("the FakeLiveKit was destroyed"));
  }

  struct Route {
    const google::protobuf::Message* request_type = nullptr;
    const google::protobuf::Message* response_type = nullptr;
    Handler handler;
  };

  FakeLiveKitOptions options_;
  TokenVerifier verifier_;
  std::vector<std::string> origins_;  // of each region, as SplitUrl gives it
  std::shared_ptr<RegionState> region_state_ = std::make_shared<RegionState>();

  mutable std::mutex mu_;
  std::unordered_map<std::string, Route> routes_;
  std::vector<std::optional<RegionFailure>> failures_;
  std::optional<RegionFailure> discovery_failure_;
  std::vector<FakeRequest> requests_;
  std::vector<FakeRequest> discoveries_;
  std::unordered_map<ExchangeId, Done> hung_;
  std::unordered_set<ExchangeId> serving_;                  // inside Send now
  std::unordered_set<ExchangeId> cancelled_while_serving_;  // of those, the cancelled ones
  std::atomic<bool> closed_{false};

 private:
  void VerifyToken(const HttpTransportRequest& request, FakeRequest* record) const {
    const std::string_view auth = request.header("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.substr(0, kBearer.size()) != kBearer) {
      record->token_error = "no bearer token";
      return;
    }
    auto claims = verifier_.Verify(auth.substr(kBearer.size()));
    if (claims.ok()) {
      record->claims = std::move(*claims);
    } else {
      record->token_error = claims.error().message();
    }
  }

  void Fail(ExchangeId id, const FakeFailure& failure, Done done) {
    switch (failure.kind) {
      case FakeFailure::Kind::kHttpStatus: {
        HttpTransportResponse r;
        r.status = failure.http_status;
        r.headers = {{"Content-Type", "text/plain"}};
        r.body = failure.message;
        return done(HttpTransportResult::Answer(std::move(r)));
      }
      case FakeFailure::Kind::kTwirpError:
        return done(HttpTransportResult::Answer(
            detail::TwirpErrorAnswer(failure.twirp_code, failure.message, {}, failure.http_status)));
      case FakeFailure::Kind::kDrop:
        return done(HttpTransportResult::ConnectionFailed("connection closed by the fake before an answer"));
      case FakeFailure::Kind::kRefuse:
        return done(HttpTransportResult::ConnectionFailed("connection refused by the fake", true));
      case FakeFailure::Kind::kHang: {
        std::lock_guard<std::mutex> lock(mu_);
        if (cancelled_while_serving_.count(id) == 0) hung_.emplace(id, std::move(done));
        return;
      }
    }
  }

  HttpTransportResponse RegionsAnswer() const {
    livekit::RegionSettings settings;
    for (std::size_t i = 0; i < options_.regions.size(); ++i) {
      auto* region = settings.add_regions();
      region->set_region(options_.regions[i].name);
      region->set_url(options_.regions[i].url);
      region->set_distance(static_cast<std::int64_t>(i));
    }
    HttpTransportResponse r;
    r.headers = {{"Content-Type", "application/json"}};
    google::protobuf::util::JsonPrintOptions print;
    print.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(settings, &r.body, print);
    return r;
  }
};

FakeLiveKit::FakeLiveKit() : FakeLiveKit(FakeLiveKitOptions{}) {}

FakeLiveKit::FakeLiveKit(FakeLiveKitOptions options) : impl_(std::make_shared<Impl>(std::move(options))) {}

FakeLiveKit::~FakeLiveKit() { impl_->Close(); }

ClientOptions FakeLiveKit::client_options() const {
  ClientOptions o;
  o.url = impl_->options_.regions[0].url;
  o.api_key = impl_->options_.api_key;
  o.api_secret = impl_->options_.api_secret;
  o.transport = impl_;
  o.failover.region_state = impl_->region_state_;
  return o;
}

std::shared_ptr<HttpTransport> FakeLiveKit::transport() const { return impl_; }

std::shared_ptr<RegionState> FakeLiveKit::region_state() const { return impl_->region_state_; }

std::string FakeLiveKit::url(std::size_t region) const {
  if (region >= impl_->options_.regions.size()) Misuse("url(): no region " + std::to_string(region));
  return impl_->options_.regions[region].url;
}

std::size_t FakeLiveKit::region_count() const { return impl_->options_.regions.size(); }

void FakeLiveKit::OnMethod(std::string_view service, std::string_view method,
                           const google::protobuf::Message& request_type,
                           const google::protobuf::Message& response_type, Handler handler) {
  const internal::MethodInfo* info = internal::FindMethod(service, method);
  if (info == nullptr) Misuse("On(): LiveKit has no method " + MethodKey(service, method));
  const std::string req = std::string(request_type.GetDescriptor()->full_name());
  const std::string resp = std::string(response_type.GetDescriptor()->full_name());
  if (req != info->request || resp != info->response) {
    Misuse("On(" + MethodKey(service, method) + "): its types are " + std::string(info->request) + " -> " +
           std::string(info->response) + ", not " + req + " -> " + resp);
  }
  if (!handler) Misuse("On(" + MethodKey(service, method) + "): empty handler");
  std::lock_guard<std::mutex> lock(impl_->mu_);
  impl_->routes_[MethodKey(service, method)] = Impl::Route{&request_type, &response_type, std::move(handler)};
}

void FakeLiveKit::FailRegion(std::size_t region, FakeFailure failure, int times) {
  if (region >= impl_->options_.regions.size()) Misuse("FailRegion(): no region " + std::to_string(region));
  std::lock_guard<std::mutex> lock(impl_->mu_);
  if (times == 0) {
    impl_->failures_[region].reset();
  } else {
    impl_->failures_[region] = RegionFailure{std::move(failure), times};
  }
}

void FakeLiveKit::HealRegion(std::size_t region) {
  if (region >= impl_->options_.regions.size()) Misuse("HealRegion(): no region " + std::to_string(region));
  std::lock_guard<std::mutex> lock(impl_->mu_);
  impl_->failures_[region].reset();
}

void FakeLiveKit::FailDiscovery(FakeFailure failure, int times) {
  std::lock_guard<std::mutex> lock(impl_->mu_);
  if (times == 0) {
    impl_->discovery_failure_.reset();
  } else {
    impl_->discovery_failure_ = RegionFailure{std::move(failure), times};
  }
}

void FakeLiveKit::HealDiscovery() {
  std::lock_guard<std::mutex> lock(impl_->mu_);
  impl_->discovery_failure_.reset();
}

std::vector<FakeRequest> FakeLiveKit::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mu_);
  return impl_->requests_;
}

std::vector<FakeRequest> FakeLiveKit::requests(std::string_view service, std::string_view method) const {
  std::vector<FakeRequest> out;
  std::lock_guard<std::mutex> lock(impl_->mu_);
  for (const auto& r : impl_->requests_) {
    if (r.service == service && r.method == method) out.push_back(r);
  }
  return out;
}

std::vector<FakeRequest> FakeLiveKit::discoveries() const {
  std::lock_guard<std::mutex> lock(impl_->mu_);
  return impl_->discoveries_;
}

void FakeLiveKit::ClearRequests() {
  std::lock_guard<std::mutex> lock(impl_->mu_);
  impl_->requests_.clear();
  impl_->discoveries_.clear();
}

std::size_t FakeLiveKit::hanging() const {
  std::lock_guard<std::mutex> lock(impl_->mu_);
  return impl_->hung_.size();
}

}  // namespace livekit::testing
