#include "request_handler.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>

#include <memory>
#include <string_view>

#include "agent_endpoints.h"
#include "agent_responses.h"
#include "control_header.h"
#include "method_grants.h"
#include "permissions.h"
#include "populated_response.h"
#include "region_list.h"
#include "sip_failure.h"
#include "twirp_error.h"

namespace livekit::mock {
namespace {

namespace http = boost::beast::http;
using google::protobuf::Message;

std::string_view View(boost::beast::string_view v) { return {v.data(), v.size()}; }

// The request's message type for a known method; null when the generated code lacks it.
std::unique_ptr<Message> NewMessage(std::string_view full_name) {
  const auto* d = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(std::string(full_name));
  if (d == nullptr) return nullptr;
  const Message* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(d);
  return prototype != nullptr ? std::unique_ptr<Message>(prototype->New()) : nullptr;
}

bool ParseJson(std::string_view text, Message* m) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  return google::protobuf::util::JsonStringToMessage(google::protobuf::StringPiece(text.data(), text.size()), m,
                                                     options)
      .ok();
}

bool IsEmptyJson(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Parses a Twirp path "{prefix}/livekit.{Service}/{Method}"; false when it is not one.
bool SplitTwirpPath(std::string_view path, std::string_view prefix, std::string_view* service,
                    std::string_view* method) {
  if (path.substr(0, prefix.size()) != prefix) return false;
  path.remove_prefix(prefix.size());
  constexpr std::string_view kPackage = "/livekit.";
  if (path.substr(0, kPackage.size()) != kPackage) return false;
  path.remove_prefix(kPackage.size());
  const std::size_t slash = path.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 == path.size()) return false;
  *service = path.substr(0, slash);
  *method = path.substr(slash + 1);
  return method->find('/') == std::string_view::npos;
}

class Handler {
 public:
  Handler(const ServerContext& context, std::size_t index, const HttpRequest& request)
      : ctx_(context), index_(index), req_(request) {}

  Outcome Run() {
    std::string_view path = View(req_.target());
    if (const std::size_t q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
    const bool get = req_.method() == http::verb::get;

    if (get && (path == "/" || path == "/_test/health")) return Text(200, "ok");
    if (path == "/_test/stats" && get) return Answer(200, "application/json", ctx_.stats->ToJson());
    if (path == "/_test/stats/reset" && req_.method() == http::verb::post) {
      ctx_.stats->Reset();
      return Answer(200, "application/json", ctx_.stats->ToJson());
    }
    if (path == "/settings/regions" && get) return Regions();
    std::string_view service, method;
    if (SplitTwirpPath(path, ctx_.twirp_prefix, &service, &method)) return Api(service, method);
    if (path.substr(0, ctx_.twirp_prefix.size() + 1) == ctx_.twirp_prefix + "/") {
      return Error(MockError(404, "bad_route"));
    }
    if (auto agent = HandleAgentEndpoint(ctx_, index_, req_)) return std::move(*agent);  // uploads, build, logs
    return Text(404, "404 page not found");
  }

 private:
  Outcome Answer(unsigned status, std::string content_type, std::string body) {
    Outcome o;
    o.response = MakeResponse(status, std::move(content_type), std::move(body), index_, req_.version(),
                              req_.keep_alive());
    if (!ignored_.empty()) o.response.set(kIgnoredControlHeader, ignored_);
    return o;
  }
  Outcome Text(unsigned status, std::string body) { return Answer(status, "text/plain; charset=utf-8", std::move(body)); }
  Outcome Error(const TwirpError& e) {
    return Answer(static_cast<unsigned>(e.http_status), "application/json", e.ToJson());
  }
  Outcome End(CallEnd end, Outcome o) {
    ctx_.stats->CountApiEnd(index_, end);
    return o;
  }

  // A control value the mock cannot read is ignored, not refused; the answer says which.
  void ReadControl() {
    std::vector<std::string> ignored;
    control_ = ParseControl(req_.base(), &ignored);
    ignored_.clear();
    for (const auto& why : ignored) ignored_.append(ignored_.empty() ? "" : "; ").append(why);
  }

  Outcome Regions() {
    ctx_.stats->CountDiscovery(index_);
    ReadControl();
    const int status = control_.regions_status.value_or(200);
    if (status != 200) {
      const unsigned s = status >= 100 && status <= 599 ? static_cast<unsigned>(status) : 500u;
      return Answer(s, "text/plain; charset=utf-8", std::string());
    }
    Outcome o = Answer(200, "application/json", RegionSettingsJson(ctx_.advertise_host, ctx_.ports, ctx_.region_urls, control_));
    o.response.set(http::field::cache_control, "max-age=0");
    return o;
  }

  Outcome Api(std::string_view service, std::string_view method_name) {
    std::string route;
    route.reserve(service.size() + method_name.size() + 1);
    route.append(service).append("/").append(method_name);
    ctx_.stats->CountApiCall(index_, route);
    if (req_.method() != http::verb::post) return End(CallEnd::kRejected, Error(MockError(404, "bad_route")));
    ReadControl();

    // 1. Decode the request.
    const bool json = View(req_[http::field::content_type]).find("json") != std::string_view::npos;
    const auto* info = FindApiMethod(service, method_name);
    if (info != nullptr && !Serves(ctx_.services, info->host)) {
      // --services: this mock plays one host only; the other host's methods are not routes here.
      TwirpError e = MockError(404, "bad_route");
      e.msg = std::string("mock: ") + std::string(service) + " is served on the " +
              (info->host == Host::kAgents ? "agents" : "project") + " host (--services)";
      return End(CallEnd::kRejected, Error(e));
    }
    std::unique_ptr<Message> request = info != nullptr ? NewMessage(info->request) : nullptr;
    if (request != nullptr) {
      const std::string& body = req_.body();
      const bool decoded = json ? (IsEmptyJson(body) || ParseJson(body, request.get()))
                                : request->ParseFromString(body);
      if (!decoded) {
        TwirpError e = MockError(400, "malformed");
        e.msg = std::string("mock: the request body is not a valid ") + (json ? "JSON " : "protobuf ") +
                std::string(info->request);
        return End(CallEnd::kRejected, Error(e));
      }
    }

    // 2. Permissions.
    if (!control_.skip_auth) {
      if (auto denied = CheckPermission(View(req_[http::field::authorization]), ctx_.api_secret, info,
                                        request.get())) {
        return End(CallEnd::kRejected, Error(*denied));
      }
    }

    // 3. Region pin: immediate, plain text.
    if (!control_.AllowsRegion(RegionName(index_))) {
      return End(CallEnd::kPinned, Text(451, "project not allowed in this region."));
    }

    // 4. Delay: delayMs, else the natural latency of a ringing phone.
    const bool fails_here = control_.FailsRegion(static_cast<int>(index_));
    const bool legacy_delay = control_.fail_mode == FailMode::kDelay;
    std::chrono::milliseconds delay{0};
    if (legacy_delay) {
      // Only the failing region stalls; the others answer at their natural pace.
      if (fails_here) delay = std::chrono::milliseconds(control_.delay_ms.value_or(kLegacyFailDelay.count()));
      else delay = NaturalLatency(info, request.get());
    } else if (control_.delay_ms) {
      delay = std::chrono::milliseconds(*control_.delay_ms);
    } else {
      delay = NaturalLatency(info, request.get());
    }

    // 5. SIP failure of the two dialing methods (a 2xx SIP code is a successful call).
    if (control_.sip_status && IsDialMethod(info) && (control_.sip_status->code < 200 || control_.sip_status->code > 299)) {
      Outcome o = Error(SipFailure(control_.sip_status->code, control_.sip_status->status));
      o.delay = delay;
      return End(CallEnd::kInjected, std::move(o));
    }

    // 6. Injected failure of this region.
    if (fails_here) {
      Outcome o;
      switch (control_.fail_mode) {
        case FailMode::kDrop:
          o.action = Outcome::Action::kDrop;
          o.delay = delay;
          return End(CallEnd::kDropped, std::move(o));
        case FailMode::kHang:
          o.action = Outcome::Action::kHang;
          return End(CallEnd::kHung, std::move(o));
        case FailMode::kStatus:
        case FailMode::kDelay: {
          const int status = control_.EffectiveFailStatus();
          const std::string code = control_.fail_twirp_code.value_or(TwirpCodeForHttpStatus(status));
          TwirpError e = MockError(status, code);
          o = Error(e);
          o.delay = delay;
          return End(CallEnd::kInjected, std::move(o));
        }
      }
    }

    // 7. Success.
    Outcome o = Success(info, request.get(), json);
    o.delay = delay;
    return End(CallEnd::kSuccess, std::move(o));
  }

  static bool IsDialMethod(const ApiMethod* info) {
    return info != nullptr && info->service == "SIP" &&
           (info->method == "CreateSIPParticipant" || info->method == "TransferSIPParticipant");
  }

  static std::chrono::milliseconds NaturalLatency(const ApiMethod* info, const Message* request) {
    if (info == nullptr || request == nullptr) return std::chrono::milliseconds(0);
    if (info->ringing == Ringing::kAlways) return kNaturalDialLatency;
    if (info->ringing == Ringing::kIfWaitUntilAnswered) {
      const auto* f = request->GetDescriptor()->FindFieldByName("wait_until_answered");
      if (f != nullptr && f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_BOOL &&
          request->GetReflection()->GetBool(*request, f)) {
        return kNaturalDialLatency;
      }
    }
    return std::chrono::milliseconds(0);
  }

  Outcome Success(const ApiMethod* info, const Message* request, bool json) {
    std::unique_ptr<Message> response = info != nullptr ? NewMessage(info->response) : nullptr;
    std::string body;
    if (response != nullptr) {
      const bool overridden = control_.response && ParseJson(*control_.response, response.get());
      if (!overridden) {
        response->Clear();  // a half-parsed override must not leak into the default
        if (request == nullptr || !PopulateAgentResponse(*info, *request, response.get())) {
          PopulateResponse(request, response.get());
        }
      }
      if (json) {
        google::protobuf::util::JsonPrintOptions print;
        print.preserve_proto_field_names = true;
        (void)google::protobuf::util::MessageToJsonString(*response, &body, print);
      } else {
        body = response->SerializeAsString();
      }
    } else if (json) {
      body = "{}";  // unknown method: an empty message
    }
    return Answer(200, json ? "application/json" : "application/protobuf", std::move(body));
  }

  const ServerContext& ctx_;
  const std::size_t index_;
  const HttpRequest& req_;
  MockControl control_;
  std::string ignored_;  // the X-Lk-Mock-Ignored value; empty: every control value was read
};

}  // namespace

HttpResponse MakeResponse(unsigned status, std::string content_type, std::string body, std::size_t region_index,
                          unsigned version, bool keep_alive) {
  HttpResponse res{static_cast<http::status>(status), version};
  res.set(http::field::content_type, content_type);
  res.set("X-Lk-Mock-Region", status >= 200 && status < 300 ? std::to_string(region_index) : std::string());
  res.body() = std::move(body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

Outcome HandleRequest(const ServerContext& context, std::size_t region_index, const HttpRequest& request) {
  return Handler(context, region_index, request).Run();
}

}  // namespace livekit::mock
