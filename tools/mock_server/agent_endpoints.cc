#include "agent_endpoints.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <string_view>
#include <utility>

#include "common/base64.h"
#include "control_header.h"
#include "method_grants.h"
#include "permissions.h"

namespace livekit::mock {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

std::string_view View(boost::beast::string_view v) { return {v.data(), v.size()}; }

// One upload as received.
struct UploadRecord {
  std::string method;
  std::string target;  // path and query, as sent
  std::string content_type;
  std::string content_length;  // the header, as sent
  bool authorization = false;
  std::vector<std::pair<std::string, std::string>> fields;  // multipart: the fields before `file`
  std::string filename;
  std::string file_content_type;
  std::string file;  // the PUT body, or the `file` part
};

// What every listener of the process shares: uploads and streams, for the test endpoints.
struct Registry {
  std::mutex mu;
  std::deque<UploadRecord> uploads;
  std::vector<std::shared_ptr<StreamRecord>> streams;
  std::uint64_t releases = 0;
};

Registry& Shared() {
  static Registry* r = new Registry();  // never destroyed: sessions may outlive main's locals
  return *r;
}

// The X-Lk-Mock fields only these endpoints read (ParseControl ignores unknown fields).
struct StreamShape {
  long long lines = 5;
  long long interval_ms = 10;
  long long fail_after = 2;
  std::optional<long long> hold_after;
  long long line_bytes = 0;
  std::optional<std::string> build_error;
};

StreamShape ReadShape(const HttpRequest& req) {
  StreamShape s;
  const auto it = req.find("X-Lk-Mock");
  if (it == req.end()) return s;
  const json doc = json::parse(View(it->value()), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return s;
  auto number = [&doc](const char* name, long long lo, long long hi, long long* out) {
    const auto v = doc.find(name);
    if (v == doc.end() || !v->is_number_integer()) return false;
    *out = std::clamp(v->get<long long>(), lo, hi);
    return true;
  };
  number("streamLines", 0, 100000, &s.lines);
  number("streamIntervalMs", 0, 60000, &s.interval_ms);
  number("streamFailAfter", 0, 100000, &s.fail_after);
  long long hold = 0;
  if (number("streamHoldAfter", 0, 100000, &hold)) s.hold_after = hold;
  number("streamLineBytes", 0, 64LL * 1024 * 1024, &s.line_bytes);
  if (const auto v = doc.find("buildError"); v != doc.end() && v->is_string()) s.build_error = v->get<std::string>();
  return s;
}

// A query parameter's raw value; empty when absent.
std::string QueryValue(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (pair.substr(0, name.size()) == name && pair.size() > name.size() && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

std::string Chunk(std::string_view bytes) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", bytes.size());
  std::string out = size;
  out.append(bytes).append("\r\n");
  return out;
}

std::string ErrorJson(const std::string& msg, const std::string& reason) {
  return json{{"msg", msg}, {"meta", {{"reason", reason}}}}.dump();
}

// "name" or "name; filename" from a Content-Disposition value of form-data; false when malformed.
bool ParseDisposition(std::string_view v, std::string* name, std::string* filename, bool* has_filename) {
  constexpr std::string_view kFormData = "form-data";
  if (v.substr(0, kFormData.size()) != kFormData) return false;
  v.remove_prefix(kFormData.size());
  *has_filename = false;
  while (!v.empty()) {
    if (v.substr(0, 2) != "; ") return false;
    v.remove_prefix(2);
    const std::size_t eq = v.find("=\"");
    if (eq == std::string_view::npos) return false;
    const std::string_view key = v.substr(0, eq);
    v.remove_prefix(eq + 2);
    std::string value;
    bool closed = false;
    while (!v.empty()) {
      const char c = v.front();
      v.remove_prefix(1);
      if (c == '\\' && !v.empty()) {
        value.push_back(v.front());
        v.remove_prefix(1);
      } else if (c == '"') {
        closed = true;
        break;
      } else {
        value.push_back(c);
      }
    }
    if (!closed) return false;
    if (key == "name") *name = std::move(value);
    else if (key == "filename") *filename = std::move(value), *has_filename = true;
    else return false;
  }
  return true;
}

// Reads a multipart/form-data body strictly (CRLF framing, each part's disposition); the
// fields come in order, then the `file` part, which must be last. An error says what is wrong.
bool ParseMultipart(std::string_view content_type, std::string_view body, UploadRecord* out, std::string* error) {
  const std::size_t b = content_type.find("boundary=");
  if (content_type.substr(0, 19) != "multipart/form-data" || b == std::string_view::npos) {
    *error = "not multipart/form-data with a boundary";
    return false;
  }
  const std::string delimiter = "--" + std::string(content_type.substr(b + 9));
  if (body.substr(0, delimiter.size() + 2) != delimiter + "\r\n") {
    *error = "the body does not start with the boundary line";
    return false;
  }
  std::size_t at = delimiter.size() + 2;
  const std::string next = "\r\n" + delimiter;
  bool have_file = false;
  while (true) {
    const std::size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return *error = "a part without a blank line after its headers", false;
    std::string_view headers = body.substr(at, headers_end - at);
    std::string name, filename, part_type;
    bool has_filename = false, disposition = false;
    while (!headers.empty()) {
      const std::size_t eol = headers.find("\r\n");
      const std::string_view line = headers.substr(0, eol);
      const std::size_t colon = line.find(": ");
      if (colon == std::string_view::npos) return *error = "a part header without ': '", false;
      const std::string_view key = line.substr(0, colon);
      const std::string_view value = line.substr(colon + 2);
      if (key == "Content-Disposition") {
        if (!ParseDisposition(value, &name, &filename, &has_filename)) return *error = "a malformed Content-Disposition", false;
        disposition = true;
      } else if (key == "Content-Type") {
        part_type = std::string(value);
      } else {
        return *error = "an unexpected part header " + std::string(key), false;
      }
      if (eol == std::string_view::npos) break;
      headers.remove_prefix(eol + 2);
    }
    if (!disposition) return *error = "a part without Content-Disposition", false;
    const std::size_t content = headers_end + 4;
    const std::size_t end = body.find(next, content);
    if (end == std::string_view::npos) return *error = "a part without a closing boundary", false;
    const std::string_view value = body.substr(content, end - content);
    if (have_file) return *error = "a part after the file part", false;
    if (name == "file" && has_filename) {
      have_file = true;
      out->filename = filename;
      out->file_content_type = part_type;
      out->file = std::string(value);
    } else {
      if (has_filename) return *error = "a field part with a filename", false;
      out->fields.emplace_back(name, std::string(value));
    }
    at = end + next.size();
    if (body.substr(at) == "--\r\n") break;
    if (body.substr(at, 2) != "\r\n") return *error = "a boundary followed by neither CRLF nor --CRLF", false;
    at += 2;
  }
  if (!have_file) return *error = "no file part", false;
  return true;
}

class Endpoint {
 public:
  Endpoint(const ServerContext& context, std::size_t index, const HttpRequest& request)
      : ctx_(context), index_(index), req_(request) {
    target_ = View(req_.target());
    const std::size_t q = target_.find('?');
    path_ = target_.substr(0, q);
    query_ = q == std::string_view::npos ? std::string_view() : target_.substr(q + 1);
  }

  std::optional<Outcome> Run() {
    const auto verb = req_.method();
    if (path_.substr(0, 14) == "/_test/upload/") {
      if (verb == http::verb::put || verb == http::verb::post) return Upload();
    }
    if (path_ == "/_test/uploads" && verb == http::verb::get) return Answer(200, "application/json", UploadsJson());
    if (path_.substr(0, 15) == "/_test/uploads/" && verb == http::verb::get) return UploadFile();
    if (path_ == "/_test/agent-streams" && verb == http::verb::get) return Answer(200, "application/json", StreamsJson());
    if (path_ == "/_test/agent-streams/release" && verb == http::verb::post) {
      std::lock_guard<std::mutex> lock(Shared().mu);
      ++Shared().releases;
      return Answer(200, "application/json", "{}");
    }
    if (!Serves(ctx_.services, Host::kAgents)) return std::nullopt;
    if (path_ == "/build" && verb == http::verb::post) return Stream(true);
    if (path_ == "/logs" && verb == http::verb::get) return Stream(false);
    return std::nullopt;
  }

 private:
  Outcome Answer(unsigned status, std::string type, std::string body) {
    Outcome o;
    o.response = MakeResponse(status, std::move(type), std::move(body), index_, req_.version(), req_.keep_alive());
    return o;
  }

  // The injected failure of this region, if any: an answer, a drop or a hang.
  std::optional<Outcome> Injected(const std::string& status_body, const std::string& type) {
    if (!control_.FailsRegion(static_cast<int>(index_))) return std::nullopt;
    Outcome o;
    switch (control_.fail_mode) {
      case FailMode::kDrop: o.action = Outcome::Action::kDrop; return o;
      case FailMode::kHang: o.action = Outcome::Action::kHang; return o;
      case FailMode::kStatus:
      case FailMode::kDelay:
        o = Answer(static_cast<unsigned>(control_.EffectiveFailStatus()), type, status_body);
        o.delay = std::chrono::milliseconds(control_.delay_ms.value_or(0));
        return o;
    }
    return std::nullopt;
  }

  Outcome Upload() {
    control_ = ParseControl(req_.base(), nullptr);
    UploadRecord r;
    const bool put = req_.method() == http::verb::put;
    r.method = put ? "PUT" : "POST";
    r.target = std::string(target_);
    r.content_type = std::string(View(req_[http::field::content_type]));
    r.content_length = std::string(View(req_[http::field::content_length]));
    r.authorization = req_.find(http::field::authorization) != req_.end();
    // An S3-like error that echoes the resource with its query (the signature), as S3 does.
    const std::string s3_error = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                                 "<Message>mock: injected failure</Message><Resource>" + r.target +
                                 "</Resource></Error>";
    if (auto o = Injected(s3_error, "application/xml")) return std::move(*o);
    if (put) {
      r.file = req_.body();
    } else {
      std::string error;
      if (!ParseMultipart(r.content_type, req_.body(), &r, &error)) {
        return Answer(400, "application/xml",
                      "<Error><Code>MalformedPOSTRequest</Code><Message>mock: " + error + "</Message></Error>");
      }
    }
    {
      std::lock_guard<std::mutex> lock(Shared().mu);
      Shared().uploads.push_back(std::move(r));
    }
    return Answer(put ? 200 : 204, "text/plain; charset=utf-8", "");
  }

  std::string UploadsJson() {
    std::lock_guard<std::mutex> lock(Shared().mu);
    json list = json::array();
    for (const UploadRecord& u : Shared().uploads) {
      json fields = json::array();
      for (const auto& [k, v] : u.fields) fields.push_back(json::array({k, v}));
      list.push_back({{"method", u.method}, {"target", u.target}, {"contentType", u.content_type},
                      {"contentLength", u.content_length}, {"authorization", u.authorization}, {"fields", fields},
                      {"filename", u.filename}, {"fileContentType", u.file_content_type},
                      {"fileBytes", u.file.size()}});
    }
    return json{{"uploads", list}}.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  Outcome UploadFile() {
    std::string_view rest = path_.substr(15);
    const std::size_t slash = rest.find('/');
    std::size_t n = 0;
    bool ok = slash != std::string_view::npos && rest.substr(slash) == "/file" && slash > 0;
    for (char c : rest.substr(0, ok ? slash : 0)) {
      if (c < '0' || c > '9') ok = false;
      else n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    std::lock_guard<std::mutex> lock(Shared().mu);
    if (!ok || n >= Shared().uploads.size()) return Answer(404, "text/plain; charset=utf-8", "no such upload");
    return Answer(200, "application/octet-stream", Shared().uploads[n].file);
  }

  std::string StreamsJson() {
    std::lock_guard<std::mutex> lock(Shared().mu);
    json list = json::array();
    for (const auto& s : Shared().streams) {
      list.push_back({{"path", s->path}, {"query", s->query}, {"cliVersion", s->cli_version},
                      {"versionAttributes", s->version_attributes}, {"linesPlanned", s->lines_planned},
                      {"linesSent", s->lines_sent}, {"state", s->state}});
    }
    return json{{"streams", list}}.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  // The admin check of the agents host: 401 without a valid token, 403 without agent.admin.
  std::optional<Outcome> Denied() {
    if (control_.skip_auth) return std::nullopt;
    const std::string_view auth = View(req_[http::field::authorization]);
    if (CheckPermission(auth, ctx_.api_secret, nullptr, nullptr)) {
      return Answer(401, "application/json", ErrorJson("mock: a valid token is required", "unauthenticated"));
    }
    const std::string_view jwt = auth.substr(7);
    const std::size_t a = jwt.find('.');
    const std::size_t b = jwt.find('.', a + 1);
    std::string payload;
    bool admin = false;
    if (livekit::internal::Base64UrlDecode(jwt.substr(a + 1, b - a - 1), &payload)) {
      const json doc = json::parse(payload, nullptr, false);
      const auto agent = doc.is_object() ? doc.find("agent") : doc.end();
      if (agent != doc.end() && agent->is_object()) {
        const auto flag = agent->find("admin");
        admin = flag != agent->end() && flag->is_boolean() && flag->get<bool>();
      }
    }
    if (!admin) return Answer(403, "application/json", ErrorJson("mock: the agent.admin grant is required", "permission_denied"));
    return std::nullopt;
  }

  Outcome Stream(bool build) {
    control_ = ParseControl(req_.base(), nullptr);
    if (auto denied = Denied()) return std::move(*denied);
    const std::string agent_id = QueryValue(query_, "agent_id");
    if (agent_id.empty()) return Answer(400, "application/json", ErrorJson("mock: agent_id is required", "invalid_argument"));
    const std::string log_type = QueryValue(query_, "log_type");
    if (!build && log_type != "deploy" && log_type != "build") {
      return Answer(400, "application/json", ErrorJson("mock: log_type must be deploy or build", "invalid_argument"));
    }
    const bool fails = control_.FailsRegion(static_cast<int>(index_));
    if (fails && (control_.fail_mode == FailMode::kStatus || control_.fail_mode == FailMode::kDelay)) {
      Outcome o = Answer(static_cast<unsigned>(control_.EffectiveFailStatus()), "application/json",
                         ErrorJson("mock: injected failure", "injected"));
      o.delay = std::chrono::milliseconds(control_.delay_ms.value_or(0));
      return o;
    }
    const StreamShape shape = ReadShape(req_);
    auto plan = std::make_shared<StreamPlan>();
    auto record = std::make_shared<StreamRecord>();
    record->path = std::string(path_);
    record->query = std::string(query_);
    record->cli_version = std::string(View(req_["X-LIVEKIT-CLI-VERSION"]));
    record->version_attributes = std::string(View(req_["X-LIVEKIT-AGENT-VERSION-ATTRIBUTES"]));
    const std::size_t lines = fails ? static_cast<std::size_t>(shape.fail_after) : static_cast<std::size_t>(shape.lines);
    record->lines_planned = lines + (shape.build_error && !fails ? 1 : 0);
    plan->record = record;
    plan->head = "HTTP/1.1 200 OK\r\nContent-Type: " +
                 std::string(build ? "application/x-ndjson" : "text/plain; charset=utf-8") +
                 "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\nX-Lk-Mock-Region: " + std::to_string(index_) +
                 "\r\n\r\n";
    const auto interval = std::chrono::milliseconds(shape.interval_ms);
    for (std::size_t k = 1; k <= lines; ++k) {
      std::string line = build ? "{\"vertexes\":[{\"digest\":\"sha256:mock" + std::to_string(k) + "\",\"name\":\"[" +
                                     std::to_string(k) + "/" + std::to_string(lines) + "] mock step\"}],"
                                     "\"statuses\":[],\"logs\":[],\"warnings\":[]}"
                               : "mock " + log_type + " log line " + std::to_string(k) + " of " + agent_id;
      if (shape.line_bytes > 0 && line.size() < static_cast<std::size_t>(shape.line_bytes)) {
        line.append(static_cast<std::size_t>(shape.line_bytes) - line.size(), 'x');
      }
      line += build ? "\n" : "\r\n";
      plan->pieces.push_back({k == 1 ? std::chrono::milliseconds(0) : interval, Chunk(line), true});
    }
    if (shape.build_error && !fails) {
      plan->pieces.push_back({interval, Chunk("BUILD ERROR: " + *shape.build_error + "\n"), true});
    }
    if (fails && control_.fail_mode == FailMode::kDrop) {
      plan->pieces.push_back({interval, Chunk("a line cut in the mid"), false});
      plan->end = StreamPlan::End::kDrop;
    } else if (fails) {
      plan->end = StreamPlan::End::kHang;
    }
    {
      std::lock_guard<std::mutex> lock(Shared().mu);
      if (shape.hold_after) plan->hold_after = static_cast<std::size_t>(*shape.hold_after);
      plan->release_seen = Shared().releases;
      Shared().streams.push_back(record);
    }
    Outcome o;
    o.action = Outcome::Action::kStream;
    o.stream = std::move(plan);
    return o;
  }

  const ServerContext& ctx_;
  const std::size_t index_;
  const HttpRequest& req_;
  std::string_view target_, path_, query_;
  MockControl control_;
};

}  // namespace

std::optional<Outcome> HandleAgentEndpoint(const ServerContext& context, std::size_t region_index,
                                           const HttpRequest& request) {
  return Endpoint(context, region_index, request).Run();
}

std::uint64_t StreamReleases() {
  std::lock_guard<std::mutex> lock(Shared().mu);
  return Shared().releases;
}

void UpdateStreamRecord(StreamRecord& record, std::size_t lines_sent, const char* state) {
  std::lock_guard<std::mutex> lock(Shared().mu);
  record.lines_sent = lines_sent;
  if (state != nullptr) record.state = state;
}

}  // namespace livekit::mock
