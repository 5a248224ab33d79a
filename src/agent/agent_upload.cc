// The presigned uploads of livekit/agent_upload.h: a PUT of the archive, or a multipart POST
// whose framing is written here (field parts, then the file part), both streamed from
// memory or disk by UploadBody on the engine's streaming mode.

#include "livekit/agent_upload.h"

#include <openssl/rand.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>

#include "agent/secret_values.h"
#include "agent/streamed_call.h"
#include "agent/upload_body.h"
#include "common/error_builder.h"
#include "common/text.h"
#include "common/url.h"
#include "livekit/version.h"
#include "services/resolved_options.h"
#include "twirp/body_summary.h"
#include "twirp/twirp_error.h"

namespace livekit {
namespace {

using internal::ErrorBuilder;
using internal::HttpRequest;
using internal::SecretValues;
using internal::UploadBody;

constexpr std::size_t kMaxSummaryBytes = 300;

// 32 random hex digits: a boundary no file is expected to contain (checked against the
// field values, which are small; a file is never scanned).
std::string RandomBoundary() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    std::random_device rd;
    for (auto& b : bytes) b = static_cast<unsigned char>(rd());
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "lk-upload-";
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

// A form-data name or filename inside its quotes: `"` and `\` escaped, as browsers and Go do.
std::string Quoted(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// What one upload needs besides its body: where, how, and what to hide.
struct UploadPlan {
  HttpRequest request;
  std::shared_ptr<UploadBody> body;
  SecretValues secrets;
  std::string shown_url;  // no query string
  std::vector<int> success;
};

Status Invalid(std::string message) { return Error(ErrorCode::kInvalidArgument, std::move(message)); }

Status CheckOptions(const UploadOptions& o) {
  if (o.timeout.count() <= 0) return Invalid("upload timeout must be positive");
  if (o.timeout > internal::kMaxOptionDuration) return Invalid("upload timeout must be at most 24 h");
  for (const auto& [name, value] : o.headers) {
    if (internal::EqualsIgnoreCase(name, "Authorization")) {
      return Invalid("an upload sends no Authorization header: the presigned URL is the credential");
    }
  }
  return OkStatus();
}

// The request, its URL checked; the body is the caller's to attach.
Status BasePlan(const std::string& url, const UploadSource& source, const UploadOptions& options, UploadPlan* plan) {
  if (auto s = CheckOptions(options); !s.ok()) return s;
  std::string why;
  auto parts = internal::ParseUrl(url, &why);
  if (!parts) return Invalid("invalid upload URL: " + why);
  plan->secrets.AddQuery(parts->query_and_fragment);
  plan->shown_url = internal::UrlWithoutQuery(url);
  if (source.is_file()) {
    auto body = UploadBody::FromFile(source.data());
    if (!body.ok()) return std::move(body).error();
    plan->body = std::move(*body);
  } else {
    plan->body = UploadBody::FromBytes(source.data());
  }
  HttpRequest& r = plan->request;
  r.url = url;
  r.timeout = options.timeout;
  r.tls = options.tls;
  r.headers.emplace_back("User-Agent", std::string(kSdkName) + "/" + kSdkVersion);
  return OkStatus();
}

Status PutPlan(const std::string& url, const UploadSource& source, const UploadOptions& options, UploadPlan* plan) {
  if (auto s = BasePlan(url, source, options, plan); !s.ok()) return s;
  plan->request.verb = HttpRequest::Verb::kPut;
  plan->request.headers.emplace_back("Content-Type", options.content_type);
  for (const auto& h : options.headers) plan->request.headers.push_back(h);
  plan->success = {200};
  return OkStatus();
}

Status PostPlan(const PresignedPostRequest& post, const UploadSource& source, const UploadOptions& options,
                UploadPlan* plan) {
  if (auto s = BasePlan(post.url(), source, options, plan); !s.ok()) return s;
  const std::map<std::string, std::string> fields(post.values().begin(), post.values().end());  // key order
  std::string boundary = RandomBoundary();
  for (const auto& [name, value] : fields) {
    if (HasLineBreak(name)) return Invalid("a presigned POST field name holds a line break");
    plan->secrets.Add(value);
    if (value.find(boundary) != std::string::npos) boundary = RandomBoundary();  // (never in practice)
  }
  const auto key = fields.find("key");
  const std::string filename = key != fields.end() && !key->second.empty() ? key->second : "upload.tar.gz";
  if (HasLineBreak(filename)) return Invalid("the presigned POST's key (the filename) holds a line break");

  std::string head;
  for (const auto& [name, value] : fields) {
    head += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + Quoted(name) + "\"\r\n\r\n";
    head += value;
    head += "\r\n";
  }
  head += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + Quoted(filename) +
          "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
  plan->body->Wrap(std::move(head), "\r\n--" + boundary + "--\r\n");
  plan->request.verb = HttpRequest::Verb::kPost;
  plan->request.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
  for (const auto& h : options.headers) plan->request.headers.push_back(h);
  plan->success = {200, 201, 204};
  return OkStatus();
}

// The answer or failure of the exchange as the caller sees it, secrets redacted.
Status Outcome(const UploadPlan& plan, internal::ExchangeResult result) {
  const std::string what = (plan.request.verb == HttpRequest::Verb::kPut ? "upload (PUT " : "upload (POST ") +
                           plan.secrets.Redact(plan.shown_url) + ")";
  if (result.response) {
    const internal::HttpResponse& r = *result.response;
    if (std::find(plan.success.begin(), plan.success.end(), r.status) != plan.success.end()) return OkStatus();
    const std::string body = plan.secrets.Redact(plan.body->answer_body());
    std::string_view type = r.header("Content-Type");
    type = type.substr(0, type.find(';'));
    std::string message = what + " failed: HTTP " + std::to_string(r.status);
    message += " (" + (type.empty() ? std::string("no Content-Type") : internal::CutUtf8(internal::OneLine(type), 80));
    message += body.empty() ? ", empty body)" : ", " + std::to_string(body.size()) + " bytes)";
    const std::string line = internal::CutUtf8(internal::FirstTextLine(body, type), kMaxSummaryBytes);
    if (!line.empty()) message += ": " + line;
    Error e(r.status >= 500 && r.status < 600 ? ErrorCode::kServerFailure
            : r.status >= 400 && r.status < 500 ? ErrorCode::kServerRejection
                                                : ErrorCode::kBadResponse,
            plan.secrets.Redact(message));
    ErrorBuilder(e).set_http_status(r.status).set_response_body(body).set_url(plan.secrets.Redact(plan.shown_url));
    return e;
  }
  Error e = std::move(result.error);
  std::string message = plan.body->read_error().empty() ? what + " failed: " + e.message() : plan.body->read_error();
  ErrorBuilder(e)
      .set_code(plan.body->read_error().empty() ? e.code() : ErrorCode::kInvalidArgument)
      .set_message(plan.secrets.Redact(std::move(message)))
      .set_url(plan.secrets.Redact(plan.shown_url));
  return e;
}

CallHandle Start(Status planned, std::shared_ptr<UploadPlan> plan, std::function<void(Status)> done) {
  if (!planned.ok()) {
    if (done) done(std::move(planned));
    return CallHandle();
  }
  HttpRequest request = plan->request;
  auto body = plan->body;
  return internal::StartStreamedCall(internal::SharedCurlEngine(), std::move(request), std::move(body),
                                     std::chrono::milliseconds(0),
                                     [plan, done = std::move(done)](internal::ExchangeResult r) {
                                       Status s = Outcome(*plan, std::move(r));
                                       if (done) done(std::move(s));
                                     });
}

std::future<Status> AsFuture(const std::function<CallHandle(std::function<void(Status)>)>& start) {
  auto promise = std::make_shared<std::promise<Status>>();
  auto future = promise->get_future();
  start([promise](Status s) { promise->set_value(std::move(s)); });
  return future;
}

Status Blocking(const std::function<CallHandle(std::function<void(Status)>)>& start) {
  if (internal::SharedCurlEngine()->OnIoThread()) {
    return Error(ErrorCode::kInternal, "a blocking upload from an SDK callback would wait for itself; use the Async form");
  }
  return AsFuture(start).get();
}

}  // namespace

CallHandle UploadToPresignedUrlAsync(const std::string& presigned_url, const UploadSource& source,
                                     std::function<void(Status)> done, const UploadOptions& options) {
  auto plan = std::make_shared<UploadPlan>();
  Status planned = PutPlan(presigned_url, source, options, plan.get());
  return Start(std::move(planned), std::move(plan), std::move(done));
}

std::future<Status> UploadToPresignedUrlAsync(const std::string& presigned_url, const UploadSource& source,
                                              const UploadOptions& options) {
  return AsFuture([&](std::function<void(Status)> done) {
    return UploadToPresignedUrlAsync(presigned_url, source, std::move(done), options);
  });
}

Status UploadToPresignedUrl(const std::string& presigned_url, const UploadSource& source, const UploadOptions& options) {
  return Blocking([&](std::function<void(Status)> done) {
    return UploadToPresignedUrlAsync(presigned_url, source, std::move(done), options);
  });
}

CallHandle UploadToPresignedPostAsync(const PresignedPostRequest& post, const UploadSource& source,
                                      std::function<void(Status)> done, const UploadOptions& options) {
  auto plan = std::make_shared<UploadPlan>();
  Status planned = PostPlan(post, source, options, plan.get());
  return Start(std::move(planned), std::move(plan), std::move(done));
}

std::future<Status> UploadToPresignedPostAsync(const PresignedPostRequest& post, const UploadSource& source,
                                               const UploadOptions& options) {
  return AsFuture([&](std::function<void(Status)> done) {
    return UploadToPresignedPostAsync(post, source, std::move(done), options);
  });
}

Status UploadToPresignedPost(const PresignedPostRequest& post, const UploadSource& source,
                             const UploadOptions& options) {
  return Blocking([&](std::function<void(Status)> done) {
    return UploadToPresignedPostAsync(post, source, std::move(done), options);
  });
}

}  // namespace livekit
