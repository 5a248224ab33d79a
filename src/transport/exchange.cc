#include "transport/exchange.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "common/text.h"
#include "transport/event_loop.h"
#include "transport/exchange_stream.h"
#include "transport/open_file_limit.h"

namespace livekit::internal {
namespace {

constexpr char kNoExpect[] = "Expect:";
// Room for the headers an API answer usually has, so collecting them allocates once.
constexpr std::size_t kUsualHeaderCount = 8;

// Failures where libcurl never handed a request to a server.
bool NeverReachedServer(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return true;
    default:
      return false;
  }
}

// CURLOPT_OPENSOCKETFUNCTION: the backend opens the socket; a failure's errno is kept (libcurl
// reports only "Couldn't connect to server").
curl_socket_t OnOpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* ex = static_cast<Exchange*>(user);
  const curl_socket_t s = ex->loop->OpenSocket(purpose, address);
  if (s == CURL_SOCKET_BAD) ex->socket_errno = errno;
  return s;
}

std::string OutOfFilesMessage(int os_errno) {
  const std::uint64_t limit = OpenFileLimit();
  std::string m = os_errno == ENFILE ? "no connection could be opened: the system's open-file table is full"
                                     : "no connection could be opened: the process is out of file descriptors";
  if (os_errno == EMFILE && limit > 0) m += " (open-file limit " + std::to_string(limit) + ", RLIMIT_NOFILE)";
  m += "; the request was not sent";
  return m;
}

size_t OnBody(char* data, size_t size, size_t nmemb, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = size * nmemb;
  if (ex->response.body.size() + n > ex->request.max_response_bytes) {
    ex->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  ex->response.body.append(data, n);
  return n;
}

// The streaming mode (exchange_stream.h): each piece goes to the stream as it arrives.
size_t OnStreamBody(char* data, size_t size, size_t nmemb, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = size * nmemb;
  long status = 0;
  curl_easy_getinfo(ex->handle.easy, CURLINFO_RESPONSE_CODE, &status);
  return ex->request.stream->OnBodyChunk(static_cast<int>(status), std::string_view(data, n)) ? n : 0;
}

size_t OnStreamRead(char* buffer, size_t size, size_t nitems, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = ex->request.stream->ReadBody(buffer, size * nitems);
  return n == ExchangeStream::kReadFailed ? CURL_READFUNC_ABORT : n;
}

// The options a streamed exchange sets over the ordinary ones; Release undoes what the next
// exchange on the handle would not set again.
void PrepareStream(CURL* e, Exchange* ex) {
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &OnStreamBody);
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(0));  // no limit: read as it comes
  const std::int64_t upload = ex->request.stream->UploadSize();
  if (upload < 0) return;
  curl_easy_setopt(e, CURLOPT_READFUNCTION, &OnStreamRead);
  curl_easy_setopt(e, CURLOPT_READDATA, ex);
  if (ex->request.verb == HttpRequest::Verb::kPost) {
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, nullptr);  // the body comes from the read function
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(upload));
  } else {
    curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(upload));
  }
}

// libcurl silently resends a request that got no answer on a reused connection. One attempt
// must be one request at most (attempt cap, strict idempotency policy): the second send is
// refused and the attempt fails as a dropped connection, which the failover layer handles.
int OnPrereq(void* user, char*, char*, int, int) {
  auto* ex = static_cast<Exchange*>(user);
  if (++ex->sends > 1) {
    ex->replay_refused = true;
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

size_t OnHeader(char* data, size_t size, size_t nmemb, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = size * nmemb;
  std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    ex->response.headers.clear();  // a new response (after 100 Continue, say) starts over
    ex->response.headers.reserve(kUsualHeaderCount);
    return n;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    ex->response.headers.emplace_back(std::string(TrimSpace(line.substr(0, colon))),
                                      std::string(TrimSpace(line.substr(colon + 1))));
  }
  return n;
}

}  // namespace

void HeaderLines::Build(const HeaderList* first, const HeaderList& then) {
  static const HeaderList kNone;
  const std::array<const HeaderList*, 2> lists = {first != nullptr ? first : &kNone, &then};
  std::size_t size = sizeof(kNoExpect);
  std::size_t count = 1;
  for (const HeaderList* list : lists) {
    for (const auto& [name, value] : *list) {
      if (value.empty()) continue;
      size += name.size() + 2 + value.size() + 1;
      ++count;
    }
  }
  text_.clear();
  text_.reserve(size);
  for (const HeaderList* list : lists) {
    for (const auto& [name, value] : *list) {
      if (value.empty()) continue;
      text_.append(name).append(": ").append(value).push_back('\0');
    }
  }
  // No "Expect: 100-continue" round trip for larger bodies.
  text_.append(kNoExpect, sizeof(kNoExpect));
  // Every line ends with its NUL: the nodes point at each line in turn.
  nodes_.assign(count, curl_slist{});
  char* line = text_.data();
  for (std::size_t k = 0; k < count; ++k) {
    nodes_[k].data = line;
    nodes_[k].next = k + 1 < count ? &nodes_[k + 1] : nullptr;
    line += std::char_traits<char>::length(line) + 1;
  }
}

void Exchange::Prepare() {
  CURL* e = handle.easy;
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, this);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);  // libcurl writes there: set per exchange
  if (handle.hooked != this) {
    // The callbacks and the data pointers they are given. A handle between exchanges is in no
    // multi handle, so libcurl calls none of them until the next Prepare (or curl_easy_reset)
    // replaces them.
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, &OnPrereq);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(e, CURLOPT_PREREQDATA, this);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, this);
    handle.hooked = this;
  }
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, request.url.rfind("https:", 0) == 0 ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max<std::int64_t>(1, (request.timeout - waited).count())));
  if (request.verb == HttpRequest::Verb::kPost) {
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  header_lines.Build(request.shared_headers.get(), request.headers);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, header_lines.list());
  // An announced Content-Length over the limit fails before any of the body is read.
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_response_bytes));
  // With no idle connection anywhere, a cleartext (so HTTP/1.1) exchange skips libcurl's
  // search for one to reuse: it scans every connection to the host, which with thousands of
  // calls in flight costs more than the calls. Over TLS a busy HTTP/2 connection may still
  // take the stream, so the search stays.
  const bool nothing_to_reuse =
      loop != nullptr && !loop->MayHaveIdleConnection() && request.url.compare(0, 5, "http:") == 0;
  curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, nothing_to_reuse ? 1L : 0L);
  // Such a connection opened while the kept ones are all busy closes when its exchange ends.
  // Kept, it would go idle with thousands of others once a burst drains, and libcurl 7.x
  // then scans every connection of its cache at each exchange's end (to close the oldest
  // idle one, and again in curl_multi_remove_handle): a 10,000-call burst spent seconds of
  // CPU there. The connections kept stay within max_cached_connections either way.
  curl_easy_setopt(e, CURLOPT_FORBID_REUSE, nothing_to_reuse && kept_connections_busy ? 1L : 0L);
  if (request.stream) PrepareStream(e, this);
}

void Exchange::Release() {
  CURL* e = handle.easy;
  if (e == nullptr) return;
  // What the next exchange on the handle may not set again, and the one buffer libcurl writes
  // to (see Prepare for the rest).
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(e, CURLOPT_PRIVATE, nullptr);
  if (handle.verb == HttpRequest::Verb::kPost) curl_easy_setopt(e, CURLOPT_POSTFIELDS, nullptr);
  if (request.stream) {
    // A streamed exchange replaced the write function (and set a reader): the next one sets
    // every hook again.
    curl_easy_setopt(e, CURLOPT_READFUNCTION, nullptr);
    curl_easy_setopt(e, CURLOPT_READDATA, nullptr);
    handle.hooked = nullptr;
  }
}

void Exchange::Reset() {
  id = 0;
  loop = nullptr;
  handle = PooledHandle{};
  request = HttpRequest{};
  done = nullptr;
  response = HttpResponse{};
  too_large = false;
  sends = 0;
  replay_refused = false;
  errbuf[0] = '\0';
  socket_errno = 0;
  ticket = LimitTicket{};
  queued_at = {};
  waited = std::chrono::milliseconds(0);
  wait_timer = 0;
}

ExchangeResult Exchange::ResultOf(CURLcode code) {
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(handle.easy, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    ExchangeResult r;
    r.response = std::move(response);
    return r;
  }
  if (too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return Failure(ErrorCode::kBadResponse,
                   "response larger than " + std::to_string(request.max_response_bytes) + " bytes", true);
  }
  if (replay_refused) {
    return Failure(ErrorCode::kTransport, "connection closed before an answer (the request is not resent)", true);
  }
  long request_bytes = 0;
  curl_easy_getinfo(handle.easy, CURLINFO_REQUEST_SIZE, &request_bytes);
  const bool reached = !NeverReachedServer(code) && request_bytes > 0;
  std::string detail = errbuf[0] != '\0' ? std::string(errbuf) : std::string(curl_easy_strerror(code));
  if (code == CURLE_OPERATION_TIMEDOUT) {
    if (waited.count() > 0) detail += "; waited " + std::to_string(waited.count()) + " ms for a free connection first";
    return Failure(ErrorCode::kTimeout,
                   "no answer within " + std::to_string(request.timeout.count()) + " ms (" + detail + ")", reached);
  }
  // socket() failed for want of a file descriptor: a limit of this process, not of the host,
  // so no other region would do better.
  if (code == CURLE_COULDNT_CONNECT && (socket_errno == EMFILE || socket_errno == ENFILE)) {
    return Failure(ErrorCode::kConnectionLimit, OutOfFilesMessage(socket_errno), false);
  }
  return Failure(ErrorCode::kTransport, detail, reached);
}

ExchangeResult NoPlaceFree(const WaitFacts& facts, std::chrono::milliseconds timeout) {
  return Failure(ErrorCode::kConnectionLimit,
                 "no connection to " + facts.host + " was free within " + std::to_string(timeout.count()) +
                     " ms (limit " + std::to_string(facts.limit) + " requests per host" +
                     (facts.engine_wide ? " for the engine" : "") + "; " + std::to_string(facts.waiting) +
                     " waiting); the request was not sent",
                 false);
}

ExchangeResult Failure(ErrorCode code, std::string message, bool may_have_reached_server) {
  ExchangeResult r;
  r.error = Error(code, std::move(message));
  r.may_have_reached_server = may_have_reached_server;
  return r;
}

}  // namespace livekit::internal
