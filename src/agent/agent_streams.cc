// AgentStreamClient (livekit/agent_streams.h): the build and log streams as streamed
// exchanges (agent/streamed_call.h) whose bodies LineStream cuts into lines.

#include "livekit/agent_streams.h"

#include <utility>

#include "agent/line_stream.h"
#include "agent/streamed_call.h"
#include "common/base64.h"
#include "common/error_builder.h"
#include "common/json_document.h"
#include "common/json_writer.h"
#include "common/text.h"
#include "livekit/access_token.h"
#include "livekit/grants.h"
#include "livekit/version.h"
#include "services/resolved_options.h"
#include "twirp/body_summary.h"
#include "twirp/twirp_error.h"

namespace livekit {

using internal::ErrorBuilder;
using internal::HttpRequest;
using internal::LineStream;

namespace {

constexpr std::chrono::seconds kStreamTokenTtl{600};

// A query value: unreserved characters as they are, the rest %XX.
std::string QueryEscaped(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string AttributesHeader(const std::map<std::string, std::string>& attributes) {
  std::string json = "{";
  for (const auto& [k, v] : attributes) {
    if (json.size() > 1) json.push_back(',');
    internal::AppendJsonString(&json, k);
    json.push_back(':');
    internal::AppendJsonString(&json, v);
  }
  json.push_back('}');
  return internal::Base64Encode(json);
}

Status Invalid(std::string m) { return Error(ErrorCode::kInvalidArgument, std::move(m)); }

Status CheckStreamOptions(const StreamOptions& o) {
  if (o.deadline.count() <= 0) return Invalid("stream deadline must be positive");
  if (o.deadline > internal::kMaxOptionDuration) return Invalid("stream deadline must be at most 24 h");
  if (o.idle_timeout.count() < 0) return Invalid("stream idle_timeout must not be negative");
  if (o.idle_timeout > internal::kMaxOptionDuration) return Invalid("stream idle_timeout must be at most 24 h");
  if (o.max_line_bytes == 0) return Invalid("stream max_line_bytes must be positive");
  return OkStatus();
}

// The Error of a non-2xx answer: {"msg","meta"} JSON when the server sent it, else the
// summary every other non-Twirp answer gets.
Error AnswerError(int status, const internal::HttpResponse& head, const std::string& body) {
  internal::HttpResponse r = head;
  r.body = body;
  Error e = internal::ErrorFromResponse(r);
  rapidjson::Document doc;
  if (internal::ParseJsonDocument(body, &doc) && doc.IsObject()) {
    auto msg = doc.FindMember("msg");
    if (msg != doc.MemberEnd() && msg->value.IsString()) {
      ErrorBuilder b(e);
      b.set_message("HTTP " + std::to_string(status) + ": " +
                    internal::CutUtf8(internal::OneLine(std::string_view(msg->value.GetString(),
                                                                         msg->value.GetStringLength())),
                                      1024));
      auto meta = doc.FindMember("meta");
      if (meta != doc.MemberEnd() && meta->value.IsObject()) {
        std::map<std::string, std::string> m;
        for (const auto& kv : meta->value.GetObject()) {
          if (kv.value.IsString()) {
            m[std::string(kv.name.GetString(), kv.name.GetStringLength())] =
                std::string(kv.value.GetString(), kv.value.GetStringLength());
          }
        }
        b.set_metadata(std::move(m));
      }
    }
  }
  return e;
}

std::string Delivered(const LineStream& s) {
  std::string out = std::to_string(s.lines_delivered()) + (s.lines_delivered() == 1 ? " line" : " lines") +
                    " delivered";
  if (s.partial_bytes() > 0) out += ", a partial line of " + std::to_string(s.partial_bytes()) + " bytes dropped";
  return out;
}

// What the stream's end means for the caller.
Status StreamOutcome(const std::string& what, const std::string& url, std::chrono::milliseconds deadline,
                     LineStream& stream, internal::ExchangeResult result) {
  Error e;
  if (stream.build_error()) {
    e = Error(ErrorCode::kServerFailure, "build failed: " + internal::OneLine(*stream.build_error()));
    ErrorBuilder(e).set_http_status(200);
  } else if (stream.stopped()) {
    e = *stream.stopped();
  } else if (stream.delivery_stopped()) {
    e = Error(ErrorCode::kCancelled, what + " cancelled (" + Delivered(stream) + ")");
  } else if (result.response) {
    const int status = result.response->status;
    if (status >= 200 && status <= 299) {
      stream.FinishLastLine();
      if (!stream.stopped()) return OkStatus();
      e = *stream.stopped();
    } else {
      e = AnswerError(status, *result.response, stream.error_body());
    }
  } else {
    e = std::move(result.error);
    std::string message = what + (e.code() == ErrorCode::kTransport ? " broke: " : " ended: ") + e.message();
    if (e.code() == ErrorCode::kTimeout && !stream.idle_expired()) {
      // libcurl's timeout is the whole stream's deadline, not a wait for an answer.
      message = what + " did not end within its deadline of " + std::to_string(deadline.count()) + " ms";
    }
    ErrorBuilder(e).set_message(message + " (" + Delivered(stream) + ")");
  }
  ErrorBuilder(e).set_url(url).set_method(what);
  return e;
}

}  // namespace

class AgentStreamClient::Impl {
 public:
  explicit Impl(ClientOptions options) {
    auto resolved = internal::ResolveClientOptions(std::move(options));
    if (!resolved.ok()) {
      status_ = std::move(resolved).error();
      return;
    }
    if (!resolved->agents.ok()) {
      status_ = resolved->agents.error();
      return;
    }
    std::string path = resolved->agents->url.path;
    while (!path.empty() && path.back() == '/') path.pop_back();
    base_url_ = resolved->agents->origin + path;
    resolved_ = std::move(*resolved);
    engine_ = resolved_.options.dedicated_engine ? std::make_shared<internal::CurlEngine>()
                                                 : internal::SharedCurlEngine();
  }

  const Status& status() const { return status_; }
  bool OnIoThread() const { return engine_ != nullptr && engine_->OnIoThread(); }

  CallHandle Start(HttpRequest::Verb verb, std::string what, std::string path_and_query, HeaderList extra,
                   bool build, LineCallback on_line, std::function<void(Status)> done,
                   const StreamOptions& options) const {
    auto fail = [&done](Status s) {
      if (done) done(std::move(s));
      return CallHandle();
    };
    if (!status_.ok()) return fail(status_);
    if (auto s = CheckStreamOptions(options); !s.ok()) return fail(std::move(s));
    std::string token = resolved_.token;
    if (resolved_.signs_tokens()) {
      AccessToken t(resolved_.api_key, resolved_.api_secret);
      AgentGrant grant;
      grant.admin = true;
      t.set_ttl(kStreamTokenTtl).set_agent_grant(grant);
      auto jwt = t.ToJwt();
      if (!jwt.ok()) return fail(std::move(jwt).error());
      token = std::move(*jwt);
    }
    HttpRequest r;
    r.verb = verb;
    r.url = base_url_ + path_and_query;
    r.timeout = options.deadline;
    r.tls = resolved_.options.tls;
    r.headers = {{"Authorization", "Bearer " + token},
                 {"User-Agent", std::string(kSdkName) + "/" + kSdkVersion},
                 {"X-LIVEKIT-CLI-VERSION", kSdkVersion}};
    for (auto& h : extra) r.headers.push_back(std::move(h));
    // The client's headers, then the stream's; a later one replaces an earlier of its name.
    for (const HeaderList* list : {&resolved_.options.headers, &options.headers}) {
      for (const auto& [name, value] : *list) {
        bool replaced = false;
        for (auto& h : r.headers) {
          if (internal::EqualsIgnoreCase(h.first, name)) {
            h.second = value;
            replaced = true;
          }
        }
        if (!replaced) r.headers.emplace_back(name, value);
      }
    }
    const std::string shown_url = r.url;
    auto stream = std::make_shared<LineStream>(std::move(on_line), options.max_line_bytes, build);
    CallHandle call = internal::StartStreamedCall(
        engine_, std::move(r), stream, options.idle_timeout,
        [what = std::move(what), shown_url, deadline = options.deadline, stream,
         done = std::move(done)](internal::ExchangeResult result) {
          Status s = StreamOutcome(what, shown_url, deadline, *stream, std::move(result));
          if (done) done(std::move(s));
        });
    return CallHandle([stream, call] {
      stream->StopDelivering();
      call.Cancel();
    });
  }

  std::string base_url_;

 private:
  Status status_;
  internal::ResolvedOptions resolved_;
  std::shared_ptr<internal::CurlEngine> engine_;
};

namespace {

template <typename Start>
std::future<Status> FutureOf(Start start) {
  auto promise = std::make_shared<std::promise<Status>>();
  auto future = promise->get_future();
  start([promise](Status s) { promise->set_value(std::move(s)); });
  return future;
}

Status BlockedOnIoThread() {
  return Error(ErrorCode::kInternal, "a blocking stream from an SDK callback would wait for itself; use the Async form");
}

}  // namespace

AgentStreamClient::AgentStreamClient(ClientOptions options) : impl_(std::make_shared<Impl>(std::move(options))) {}

const Status& AgentStreamClient::status() const { return impl_->status(); }

CallHandle AgentStreamClient::StreamBuildAsync(const AgentBuildRequest& request, LineCallback on_line,
                                               std::function<void(Status)> done, const StreamOptions& options) const {
  if (request.agent_id.empty()) {
    if (done) done(Invalid("AgentBuildRequest::agent_id is required"));
    return CallHandle();
  }
  std::string path = "/build?agent_id=" + QueryEscaped(request.agent_id);
  if (!request.deployment.empty()) path += "&deployment=" + QueryEscaped(request.deployment);
  HeaderList extra;
  if (!request.version_attributes.empty()) {
    extra.emplace_back("X-LIVEKIT-AGENT-VERSION-ATTRIBUTES", AttributesHeader(request.version_attributes));
  }
  return impl_->Start(HttpRequest::Verb::kPost, "agents/build", std::move(path), std::move(extra), true,
                      std::move(on_line), std::move(done), options);
}

std::future<Status> AgentStreamClient::StreamBuildAsync(const AgentBuildRequest& request, LineCallback on_line,
                                                        const StreamOptions& options) const {
  return FutureOf([&](std::function<void(Status)> done) {
    return StreamBuildAsync(request, std::move(on_line), std::move(done), options);
  });
}

Status AgentStreamClient::StreamBuild(const AgentBuildRequest& request, LineCallback on_line,
                                      const StreamOptions& options) const {
  if (impl_->OnIoThread()) return BlockedOnIoThread();
  return StreamBuildAsync(request, std::move(on_line), options).get();
}

CallHandle AgentStreamClient::StreamLogsAsync(const AgentLogsRequest& request, LineCallback on_line,
                                              std::function<void(Status)> done, const StreamOptions& options) const {
  if (request.agent_id.empty()) {
    if (done) done(Invalid("AgentLogsRequest::agent_id is required"));
    return CallHandle();
  }
  std::string path = "/logs?agent_id=" + QueryEscaped(request.agent_id) +
                     "&log_type=" + (request.log_type == AgentLogType::kBuild ? "build" : "deploy");
  if (!request.deployment.empty()) path += "&deployment=" + QueryEscaped(request.deployment);
  return impl_->Start(HttpRequest::Verb::kGet, "agents/logs", std::move(path), {}, false, std::move(on_line),
                      std::move(done), options);
}

std::future<Status> AgentStreamClient::StreamLogsAsync(const AgentLogsRequest& request, LineCallback on_line,
                                                       const StreamOptions& options) const {
  return FutureOf([&](std::function<void(Status)> done) {
    return StreamLogsAsync(request, std::move(on_line), std::move(done), options);
  });
}

Status AgentStreamClient::StreamLogs(const AgentLogsRequest& request, LineCallback on_line,
                                     const StreamOptions& options) const {
  if (impl_->OnIoThread()) return BlockedOnIoThread();
  return StreamLogsAsync(request, std::move(on_line), options).get();
}

}  // namespace livekit
