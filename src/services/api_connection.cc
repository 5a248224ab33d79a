#include "services/api_connection.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <future>

#include "common/error_builder.h"
#include "common/text.h"
#include "livekit/version.h"
#include "services/dialing_timeout.h"
#include "services/request_id.h"
#include "transport/user_transport.h"
#include "twirp/codec.h"
#include "twirp/twirp_error.h"

namespace livekit::internal {
namespace {

constexpr const char* kRequestIdHeader = "X-Livekit-Request-Id";

bool SameName(std::string_view a, std::string_view b) { return EqualsIgnoreCase(a, b); }

const std::string& UserAgent() {
  static const std::string ua = std::string(kSdkName) + "/" + kSdkVersion;
  return ua;
}

}  // namespace

void InflightCalls::Add(std::uint64_t id, CallHandle handle) {
  std::lock_guard<std::mutex> lock(mu_);
  if (finished_early_.erase(id) > 0) return;
  calls_.emplace(id, std::move(handle));
}

void InflightCalls::Remove(std::uint64_t id) {
  CallHandle dropped;  // released outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  auto it = calls_.find(id);
  if (it == calls_.end()) {
    finished_early_.insert(id);
    return;
  }
  dropped = std::move(it->second);
  calls_.erase(it);
}

void InflightCalls::CancelAll() {
  std::unordered_map<std::uint64_t, CallHandle> calls;
  {
    std::lock_guard<std::mutex> lock(mu_);
    calls.swap(calls_);
  }
  for (auto& [id, handle] : calls) handle.Cancel();
}

const MethodInfo& RequireMethod(std::string_view service, std::string_view method) {
  const MethodInfo* m = FindMethod(service, method);
  if (m == nullptr) {
    std::fprintf(stderr, "livekit: method %.*s/%.*s missing from the method table\n", static_cast<int>(service.size()),
                 service.data(), static_cast<int>(method.size()), method.data());
    std::abort();
  }
  return *m;
}

ApiConnection::ApiConnection(ClientOptions options) : ApiConnection(std::move(options), nullptr, nullptr) {}

ApiConnection::ApiConnection(ClientOptions options, std::shared_ptr<Transport> transport,
                             std::shared_ptr<Scheduler> scheduler)
    : status_(OkStatus()), inflight_(std::make_shared<InflightCalls>()) {
  static std::atomic<std::uint64_t> last_client_id{0};
  client_id_ = ++last_client_id;
  auto resolved = ResolveClientOptions(std::move(options));
  if (!resolved.ok()) {
    status_ = std::move(resolved).error();
    return;
  }
  resolved_ = std::move(*resolved);
  parsed_origin_ = std::make_shared<const ParsedOrigin>(ParsedOrigin{resolved_.url, resolved_.url.HostKey()});
  if (resolved_.agents.ok()) {
    parsed_agents_origin_ =
        std::make_shared<const ParsedOrigin>(ParsedOrigin{resolved_.agents->url, resolved_.agents->url.HostKey()});
  }
  if (resolved_.signs_tokens()) tokens_ = std::make_unique<TokenCache>(resolved_.api_key, resolved_.api_secret);
  if (!transport) {
    engine_ = resolved_.options.dedicated_engine ? std::make_shared<CurlEngine>() : SharedCurlEngine();
    scheduler = engine_;
    // A user's transport replaces the sockets only: the engine's thread still runs the timers.
    if (resolved_.options.transport) {
      transport = UserTransport::Create(resolved_.options.transport, engine_);
    } else {
      transport = engine_;
    }
  }
  runner_ = std::make_unique<CallRunner>(std::move(transport), std::move(scheduler));
}

ApiConnection::~ApiConnection() {
  inflight_->CancelAll();
  // A call that just completed releases its reference to the engine on the I/O thread, after
  // its callback has returned. Waiting for that thread to finish what it is running makes the
  // last reference, in the usual case, this one: the engine is then destroyed here and its
  // thread joined, rather than detached by its own thread, which a process exiting right
  // after a blocking call would race (its thread-local TLS state then shows as leaked).
  if (engine_ && !engine_->OnIoThread()) {
    std::promise<void> drained;
    std::future<void> done = drained.get_future();
    engine_->Post([&drained] { drained.set_value(); });
    done.wait();
  }
}

bool ApiConnection::OnIoThread() const { return engine_ && engine_->OnIoThread(); }

Result<CallSpec> ApiConnection::BuildSpec(const MethodInfo& method, const google::protobuf::Message& request,
                                          const RequestFacts& facts, const CallOptions& options) const {
  if (!status_.ok()) return status_.error();
  if (auto s = CheckCallOptions(options); !s.ok()) return std::move(s).error();
  // The host of the method's service: the project URL or the agents host. Failover then
  // treats that host as the call's origin (its own region list, health and trust boundary).
  const bool agents_host = method.host == ServiceHost::kAgents;
  if (agents_host && !resolved_.agents.ok()) return resolved_.agents.error();
  const std::string& origin = agents_host ? resolved_.agents->origin : resolved_.origin;
  const std::string& path_prefix = agents_host ? resolved_.agents->path_prefix : resolved_.path_prefix;
  const ClientOptions& o = resolved_.options;
  CallSpec spec;
  auto body = EncodeMessage(request, o.encoding);
  if (!body.ok()) return std::move(body).error();
  spec.body = std::move(*body);

  std::string authorization;
  if (tokens_) {
    auto signed_token = tokens_->Authorization(method, facts);
    if (!signed_token.ok()) return std::move(signed_token).error();
    authorization = std::move(*signed_token);
  } else {
    authorization = "Bearer " + resolved_.token;
  }

  // A header of this call replaces the client's headers of the same name: a per-call control
  // header (X-Lk-Mock, a request id) must be the one the server reads, not a second copy.
  auto set_by_call = [&options](std::string_view name) {
    for (const auto& h : options.headers) {
      if (SameName(h.first, name)) return true;
    }
    return false;
  };

  // A request id given by the caller (option, then the call's header, then the client's) wins
  // over a generated one.
  std::string request_id = options.request_id.value_or("");
  for (const HeaderList* list : {&options.headers, &o.headers}) {
    for (const auto& [k, v] : *list) {
      if (request_id.empty() && SameName(k, kRequestIdHeader)) request_id = v;
    }
  }
  if (request_id.empty()) request_id = NewRequestId();

  spec.headers.reserve(5 + o.headers.size() + options.headers.size());
  spec.headers.emplace_back("Authorization", std::move(authorization));
  spec.headers.emplace_back("Content-Type", ContentTypeOf(o.encoding));
  spec.headers.emplace_back("User-Agent", UserAgent());
  spec.headers.emplace_back(kRequestIdHeader, std::move(request_id));
  for (const auto& h : o.headers) {
    if (SameName(h.first, kRequestIdHeader) || set_by_call(h.first)) continue;  // request id: sent once, above
    spec.headers.push_back(h);
  }
  for (const auto& h : options.headers) {
    if (SameName(h.first, kRequestIdHeader)) continue;
    spec.headers.push_back(h);
  }

  spec.origin = origin;
  spec.parsed_origin = agents_host ? parsed_agents_origin_ : parsed_origin_;
  spec.path.reserve(path_prefix.size() + method.service.size() + method.method.size() + 10);
  spec.path.append(path_prefix).append("/livekit.").append(method.service).append("/").append(method.method);
  spec.method_name.append(method.service).append("/").append(method.method);
  spec.kind = method.kind;
  spec.attempt_timeout = AttemptTimeout(method, facts, options.timeout.value_or(o.timeout));
  spec.max_response_bytes = o.max_response_bytes;
  spec.tls = o.tls;
  spec.host_limit.client = client_id_;
  spec.host_limit.max_per_host = o.max_requests_per_host;
  spec.host_limit.long_wait = WaitsForAnswer(method, facts);
  spec.failover = options.failover.value_or(o.failover);
  if (options.hedge_after) spec.failover.hedge_after = options.hedge_after;
  return spec;
}

livekit::CallHandle ApiConnection::Start(const MethodInfo& method, const google::protobuf::Message& request,
                                         const RequestFacts& facts, const CallOptions& options,
                                         std::shared_ptr<CallSink> sink) {
  auto spec = BuildSpec(method, request, facts, options);
  if (!spec.ok()) {
    Error e = std::move(spec).error();
    ErrorBuilder(e).set_method(std::string(method.service) + "/" + std::string(method.method));
    sink->Done(std::move(e));
    return livekit::CallHandle();
  }
  const std::uint64_t id = inflight_->NextId();
  std::weak_ptr<InflightCalls> inflight = inflight_;
  auto on_outcome = [inflight = std::move(inflight), id, sink = std::move(sink)](CallOutcome out) {
    if (auto calls = inflight.lock()) calls->Remove(id);
    Status status = OkStatus();
    if (out.response && out.response->status >= 200 && out.response->status < 300) {
      status = sink->Parse(*out.response);
    } else if (out.response) {
      status = ErrorFromResponse(*out.response);
    } else {
      status = std::move(out.error);
    }
    if (!status.ok()) {
      Error e = std::move(status).error();
      if (const CallSpec* call = out.spec) {
        ErrorBuilder(e)
            .set_method(call->method_name)
            .set_url(call->origin + call->path)
            .set_request_id(std::string(out.request_id));
      }
      if (!out.attempts.empty()) ErrorBuilder(e).set_attempts(std::move(out.attempts));
      sink->Done(std::move(e));
      return;
    }
    sink->Done(std::move(status));
  };
  CallHandle handle = runner_->Start(std::move(*spec), std::move(on_outcome));
  inflight_->Add(id, handle);
  return handle;
}

}  // namespace livekit::internal
