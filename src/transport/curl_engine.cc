#include "transport/curl_engine.h"

#include <curl/curl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace livekit::internal {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

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

// A pooled easy handle and what it was last set up for. Options that depend on the TLS
// settings or the verb stay on the handle between exchanges; only when they change is the
// handle reset (curl_easy_reset and a full set-up cost more than the rest of an exchange's
// options together).
struct PooledHandle {
  CURL* easy = nullptr;
  bool configured = false;
  HttpRequest::Verb verb = HttpRequest::Verb::kPost;
  TlsSettings tls;
};

// The request's header lines in one buffer, linked as the curl_slist libcurl reads: two
// allocations per exchange instead of three per header (curl_slist_append).
class HeaderLines {
 public:
  void Build(const Headers& headers) {
    std::size_t size = sizeof(kNoExpect);
    std::size_t count = 1;
    for (const auto& [name, value] : headers) {
      if (value.empty()) continue;
      size += name.size() + 2 + value.size() + 1;
      ++count;
    }
    text_.clear();
    text_.reserve(size);
    std::vector<std::size_t> starts;
    starts.reserve(count);
    for (const auto& [name, value] : headers) {
      if (value.empty()) continue;
      starts.push_back(text_.size());
      text_.append(name).append(": ").append(value).push_back('\0');
    }
    // No "Expect: 100-continue" round trip for larger bodies.
    starts.push_back(text_.size());
    text_.append(kNoExpect, sizeof(kNoExpect));
    nodes_.assign(starts.size(), curl_slist{});
    for (std::size_t i = 0; i < starts.size(); ++i) {
      nodes_[i].data = text_.data() + starts[i];
      nodes_[i].next = i + 1 < starts.size() ? &nodes_[i + 1] : nullptr;
    }
  }
  curl_slist* list() { return nodes_.empty() ? nullptr : nodes_.data(); }

 private:
  static constexpr char kNoExpect[] = "Expect:";
  std::string text_;
  std::vector<curl_slist> nodes_;
};

// One exchange in flight; owned by the I/O thread.
struct Exchange {
  Transport::ExchangeId id = 0;
  PooledHandle handle;
  HeaderLines header_lines;
  HttpRequest request;
  ExchangeCallback done;
  HttpResponse response;
  bool too_large = false;
  int sends = 0;                 // requests libcurl started for this exchange
  bool replay_refused = false;  // libcurl tried to send it a second time
  char errbuf[CURL_ERROR_SIZE] = {};
};

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

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t OnHeader(char* data, size_t size, size_t nmemb, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = size * nmemb;
  std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    ex->response.headers.clear();  // a new response (after 100 Continue, say) starts over
    return n;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    ex->response.headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                      std::string(Trim(line.substr(colon + 1))));
  }
  return n;
}

struct SendCommand {
  Transport::ExchangeId id;
  HttpRequest request;
  ExchangeCallback done;
};
struct CancelCommand {
  Transport::ExchangeId id;
};
using PostCommand = std::function<void()>;
using Command = std::variant<SendCommand, CancelCommand, PostCommand>;

ExchangeResult Failure(ErrorCode code, std::string message, bool may_have_reached_server) {
  ExchangeResult r;
  r.error = Error(code, std::move(message));
  r.may_have_reached_server = may_have_reached_server;
  return r;
}

}  // namespace

class CurlEngine::Impl : public std::enable_shared_from_this<Impl> {
 public:
  explicit Impl(CurlEngineOptions options) {
    GlobalInitOnce();
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, options.max_cached_connections);
    // libcurl tells us which sockets to watch and when to call it back; we wait on them with
    // epoll and hand it each ready socket. That saves the poll() calls curl_multi_perform and
    // curl_multi_poll make on every round (about three per exchange on a kept-alive connection).
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Impl::OnSocket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Impl::OnCurlTimer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd_ < 0) setup_error_ = std::string("epoll_create1: ") + std::strerror(errno);
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_fd_ < 0 && setup_error_.empty()) setup_error_ = std::string("eventfd: ") + std::strerror(errno);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake_fd_;
    if (setup_error_.empty() && epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev) != 0) {
      setup_error_ = std::string("epoll_ctl: ") + std::strerror(errno);
    }
  }

  ~Impl() {
    for (PooledHandle& h : spare_) curl_easy_cleanup(h.easy);
    curl_multi_cleanup(multi_);
    if (wake_fd_ >= 0) close(wake_fd_);
    if (epoll_fd_ >= 0) close(epoll_fd_);
  }

  void Start() {
    thread_ = std::thread([self = shared_from_this()] { self->Loop(); });
    io_thread_id_ = thread_.get_id();
  }

  void Stop() {
    stop_.store(true);
    Wake(/*force=*/true);
    if (std::this_thread::get_id() == thread_.get_id()) {
      thread_.detach();  // the loop holds its own reference and ends on its own
    } else {
      thread_.join();
    }
  }

  bool OnIoThread() const { return std::this_thread::get_id() == io_thread_id_; }

  ExchangeId Send(HttpRequest request, ExchangeCallback done) {
    const ExchangeId id = next_id_.fetch_add(1) + 1;
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.emplace_back(SendCommand{id, std::move(request), std::move(done)});
    }
    Wake(false);
    return id;
  }

  void Cancel(ExchangeId id) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.emplace_back(CancelCommand{id});
    }
    Wake(false);
  }

  void Post(std::function<void()> fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.emplace_back(std::move(fn));
    }
    Wake(false);
  }

  TimerId RunAfter(std::chrono::nanoseconds delay, std::function<void()> fn) {
    const TimerId id = next_id_.fetch_add(1) + 1;
    const auto when = SteadyClock::now() + std::max(delay, std::chrono::nanoseconds(0));
    {
      std::lock_guard<std::mutex> lock(mu_);
      timers_.emplace(std::make_pair(when, id), std::move(fn));
      timer_when_.emplace(id, when);
    }
    Wake(false);
    return id;
  }

  void CancelTimer(TimerId id) {
    std::function<void()> dropped;  // destroyed outside the lock: it may own anything
    std::lock_guard<std::mutex> lock(mu_);
    auto it = timer_when_.find(id);
    if (it == timer_when_.end()) return;
    auto t = timers_.find(std::make_pair(it->second, id));
    if (t != timers_.end()) {
      dropped = std::move(t->second);
      timers_.erase(t);
    }
    timer_when_.erase(it);
  }

 private:
  // One wake-up per batch of commands: the loop clears the flag before draining the queue.
  // None from the I/O thread itself: the loop looks at the queue and timers before it waits.
  void Wake(bool force) {
    if (!force && OnIoThread()) return;
    if ((force || !wake_pending_.exchange(true)) && wake_fd_ >= 0) {
      const std::uint64_t one = 1;
      // EAGAIN means the counter is already non-zero: the loop wakes up anyway.
      [[maybe_unused]] const ssize_t n = write(wake_fd_, &one, sizeof(one));
    }
  }

  // CURLMOPT_SOCKETFUNCTION: start, change or stop watching one socket.
  //
  // libcurl stops watching a kept-alive connection when its exchange ends and watches it
  // again when the next exchange reuses it: two epoll_ctl calls per exchange. A connection
  // socket we opened ourselves (OnOpenSocket) and will see closed (OnCloseSocket) instead
  // stays in epoll, "parked", while it waits for reuse; it leaves epoll only if it becomes
  // readable meanwhile (the server closed it), which the loop handles.
  static int OnSocket(CURL*, curl_socket_t s, int what, void* user, void* socket_data) {
    auto* self = static_cast<Impl*>(user);
    auto owned = self->owned_.find(s);
    if (what == CURL_POLL_REMOVE) {
      if (owned != self->owned_.end() && owned->second.events == EPOLLIN) {
        owned->second.parked = true;
        return 0;
      }
      // The socket may already be closed (epoll forgot it then): the error is expected.
      epoll_ctl(self->epoll_fd_, EPOLL_CTL_DEL, s, nullptr);
      if (owned != self->owned_.end()) owned->second = WatchedSocket{};
      return 0;
    }
    epoll_event ev{};
    ev.events = ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0u);
    ev.data.fd = s;
    if (owned != self->owned_.end()) {
      WatchedSocket& w = owned->second;
      w.parked = false;
      if (w.events == ev.events) return 0;
      epoll_ctl(self->epoll_fd_, w.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, s, &ev);
      w.events = ev.events;
      return 0;
    }
    // libcurl keeps the pointer we assign per socket: non-null means epoll already knows it.
    if (socket_data == nullptr) {
      if (epoll_ctl(self->epoll_fd_, EPOLL_CTL_ADD, s, &ev) != 0 && errno == EEXIST) {
        epoll_ctl(self->epoll_fd_, EPOLL_CTL_MOD, s, &ev);
      }
      curl_multi_assign(self->multi_, s, self);
    } else if (epoll_ctl(self->epoll_fd_, EPOLL_CTL_MOD, s, &ev) != 0 && errno == ENOENT) {
      epoll_ctl(self->epoll_fd_, EPOLL_CTL_ADD, s, &ev);
    }
    return 0;
  }

  // CURLOPT_OPENSOCKETFUNCTION: connection sockets are opened here, so their lifetime is
  // known (see OnSocket). Sockets libcurl opens otherwise (its resolver's) are not parked.
  static curl_socket_t OnOpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
    auto* self = static_cast<Impl*>(user);
    const curl_socket_t s = socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (s != CURL_SOCKET_BAD && purpose == CURLSOCKTYPE_IPCXN) self->owned_[s] = WatchedSocket{};
    return s;
  }

  // CURLOPT_CLOSESOCKETFUNCTION: closing a socket also takes it out of epoll.
  static int OnCloseSocket(void* user, curl_socket_t s) {
    static_cast<Impl*>(user)->owned_.erase(s);
    return close(s);
  }

  // An event on a parked connection: its server closed it or sent something unasked. epoll
  // would report it on every wait, so it leaves epoll; libcurl finds it dead before reuse.
  bool UnparkIfParked(int fd) {
    auto owned = owned_.find(fd);
    if (owned == owned_.end() || !owned->second.parked) return false;
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    owned->second = WatchedSocket{};
    return true;
  }

  // CURLMOPT_TIMERFUNCTION: when libcurl wants to be called back without socket activity
  // (timeouts, a handle just added). -1 removes the timer.
  static int OnCurlTimer(CURLM*, long timeout_ms, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (timeout_ms < 0) {
      self->curl_deadline_.reset();
    } else {
      self->curl_deadline_ = SteadyClock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
  }

  void CurlTimeoutIfDue() {
    if (!curl_deadline_ || *curl_deadline_ > SteadyClock::now()) return;
    curl_deadline_.reset();
    int running = 0;
    curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    CollectFinished();
  }

  void Loop() {
    std::array<epoll_event, 64> events{};
    while (!stop_.load()) {
      wake_pending_.store(false);
      RunDueTimers(false);  // first: what they send goes out in this same round
      DrainQueue();
      CurlTimeoutIfDue();
      if (stop_.load()) break;
      if (HasQueuedCommands()) continue;  // completions queued more work: no need to wait
      if (!setup_error_.empty()) {
        // No epoll or eventfd (out of file descriptors): every exchange fails at once; only
        // timers and the queue are served, by polling them.
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(WaitMs(), 10)));
        continue;
      }
      const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), WaitMs());
      for (int i = 0; i < n; ++i) {
        const epoll_event& ev = events[static_cast<std::size_t>(i)];
        if (ev.data.fd == wake_fd_) {
          std::uint64_t count = 0;
          [[maybe_unused]] const ssize_t r = read(wake_fd_, &count, sizeof(count));
          continue;
        }
        if (UnparkIfParked(ev.data.fd)) continue;
        int mask = 0;
        if ((ev.events & EPOLLIN) != 0) mask |= CURL_CSELECT_IN;
        if ((ev.events & EPOLLOUT) != 0) mask |= CURL_CSELECT_OUT;
        // An error or hang-up: let libcurl read or write and find out for itself.
        if ((ev.events & (EPOLLERR | EPOLLHUP)) != 0) mask |= CURL_CSELECT_IN | CURL_CSELECT_OUT;
        int running = 0;
        curl_multi_socket_action(multi_, ev.data.fd, mask, &running);
      }
      CollectFinished();
    }
    Shutdown();
  }

  bool HasQueuedCommands() {
    std::lock_guard<std::mutex> lock(mu_);
    return !queue_.empty();
  }

  // How long epoll may sleep: until libcurl's next timeout or our next timer, at most 1 s.
  int WaitMs() {
    const auto now = SteadyClock::now();
    auto until = now + std::chrono::seconds(1);
    if (curl_deadline_) until = std::min(until, *curl_deadline_);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!queue_.empty()) return 0;
      if (!timers_.empty()) until = std::min(until, timers_.begin()->first.first);
    }
    if (until <= now) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(until - now).count());
  }

  std::vector<Command> TakeQueue() {
    std::vector<Command> batch;
    std::lock_guard<std::mutex> lock(mu_);
    batch.swap(queue_);
    return batch;
  }

  void DrainQueue() {
    for (auto& cmd : TakeQueue()) {
      if (auto* send = std::get_if<SendCommand>(&cmd)) {
        Start(std::move(*send));
      } else if (auto* post = std::get_if<PostCommand>(&cmd)) {
        if (*post) (*post)();
      } else {
        const ExchangeId id = std::get<CancelCommand>(cmd).id;
        auto it = active_.find(id);
        if (it == active_.end()) continue;  // already finished
        std::unique_ptr<Exchange> ex = std::move(it->second);
        active_.erase(it);
        curl_multi_remove_handle(multi_, ex->handle.easy);
        Finish(std::move(ex), Failure(ErrorCode::kCancelled, "cancelled", true));
      }
    }
  }

  PooledHandle TakeHandle() {
    if (!spare_.empty()) {
      PooledHandle h = std::move(spare_.back());
      spare_.pop_back();
      return h;
    }
    PooledHandle h;
    h.easy = curl_easy_init();
    return h;
  }

  // The options that stay on a handle: set once, or again after a reset.
  void ConfigureHandle(PooledHandle& h, const HttpRequest& req) {
    CURL* e = h.easy;
    if (h.configured) curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &Impl::OnOpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &Impl::OnCloseSocket);
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, this);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, req.tls.verify ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, req.tls.verify ? 2L : 0L);
    if (!req.tls.ca_bundle_path.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, req.tls.ca_bundle_path.c_str());
    if (req.verb == HttpRequest::Verb::kPost) {
      curl_easy_setopt(e, CURLOPT_POST, 1L);
    } else {
      curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, &OnPrereq);
    h.configured = true;
    h.verb = req.verb;
    h.tls = req.tls;
  }

  void Start(SendCommand send) {
    auto ex = std::make_unique<Exchange>();
    ex->id = send.id;
    ex->request = std::move(send.request);
    ex->done = std::move(send.done);
    if (!setup_error_.empty()) {
      ex->done(Failure(ErrorCode::kInternal, "the HTTP engine could not start (" + setup_error_ + ")", false));
      return;
    }
    ex->handle = TakeHandle();
    if (ex->handle.easy == nullptr) {
      ex->done(Failure(ErrorCode::kInternal, "curl_easy_init failed", false));
      return;
    }
    const HttpRequest& req = ex->request;
    PooledHandle& h = ex->handle;
    if (!h.configured || h.verb != req.verb || h.tls != req.tls) ConfigureHandle(h, req);
    // What changes with every exchange.
    CURL* e = h.easy;
    curl_easy_setopt(e, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, ex.get());
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, ex->errbuf);
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, req.url.rfind("https:", 0) == 0 ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(1, req.timeout.count())));
    if (req.verb == HttpRequest::Verb::kPost) {
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, req.body.data());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
    }
    ex->header_lines.Build(req.headers);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, ex->header_lines.list());
    // An announced Content-Length over the limit fails before any of the body is read.
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_response_bytes));
    curl_easy_setopt(e, CURLOPT_WRITEDATA, ex.get());
    curl_easy_setopt(e, CURLOPT_HEADERDATA, ex.get());
    curl_easy_setopt(e, CURLOPT_PREREQDATA, ex.get());

    if (curl_multi_add_handle(multi_, e) != CURLM_OK) {
      Finish(std::move(ex), Failure(ErrorCode::kInternal, "curl_multi_add_handle failed", false));
      return;
    }
    active_.emplace(ex->id, std::move(ex));
  }

  void CollectFinished() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Exchange* raw = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &raw);
      const CURLcode code = msg->data.result;
      curl_multi_remove_handle(multi_, msg->easy_handle);
      auto it = active_.find(raw->id);
      if (it == active_.end()) continue;
      std::unique_ptr<Exchange> ex = std::move(it->second);
      active_.erase(it);
      ExchangeResult result = ResultOf(*ex, code);
      Finish(std::move(ex), std::move(result));
    }
  }

  static ExchangeResult ResultOf(Exchange& ex, CURLcode code) {
    const std::string where = ex.request.url;
    if (code == CURLE_OK) {
      long status = 0;
      curl_easy_getinfo(ex.handle.easy, CURLINFO_RESPONSE_CODE, &status);
      ex.response.status = static_cast<int>(status);
      ExchangeResult r;
      r.response = std::move(ex.response);
      return r;
    }
    if (ex.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      return Failure(ErrorCode::kBadResponse,
                     "response larger than " + std::to_string(ex.request.max_response_bytes) + " bytes", true);
    }
    if (ex.replay_refused) {
      return Failure(ErrorCode::kTransport, "connection closed before an answer (the request is not resent)", true);
    }
    long request_bytes = 0;
    curl_easy_getinfo(ex.handle.easy, CURLINFO_REQUEST_SIZE, &request_bytes);
    const bool reached = !NeverReachedServer(code) && request_bytes > 0;
    std::string detail = ex.errbuf[0] != '\0' ? std::string(ex.errbuf) : std::string(curl_easy_strerror(code));
    if (code == CURLE_OPERATION_TIMEDOUT) {
      return Failure(ErrorCode::kTimeout,
                     "no answer within " + std::to_string(ex.request.timeout.count()) + " ms (" + detail + ")",
                     reached);
    }
    return Failure(ErrorCode::kTransport, detail, reached);
  }

  void Finish(std::unique_ptr<Exchange> ex, ExchangeResult result) {
    ExchangeCallback done = std::move(ex->done);
    PooledHandle h = std::move(ex->handle);
    if (h.easy != nullptr) {
      // Nothing on a pooled handle may point into the exchange about to be freed.
      curl_easy_setopt(h.easy, CURLOPT_ERRORBUFFER, nullptr);
      curl_easy_setopt(h.easy, CURLOPT_HTTPHEADER, nullptr);
      curl_easy_setopt(h.easy, CURLOPT_PRIVATE, nullptr);
      curl_easy_setopt(h.easy, CURLOPT_WRITEDATA, nullptr);
      curl_easy_setopt(h.easy, CURLOPT_HEADERDATA, nullptr);
      curl_easy_setopt(h.easy, CURLOPT_PREREQDATA, nullptr);
      if (h.verb == HttpRequest::Verb::kPost) curl_easy_setopt(h.easy, CURLOPT_POSTFIELDS, nullptr);
      if (spare_.size() < 256) {
        spare_.push_back(std::move(h));
      } else {
        curl_easy_cleanup(h.easy);
      }
    }
    ex.reset();
    if (done) done(std::move(result));
  }

  void RunDueTimers(bool all) {
    std::vector<std::function<void()>> due;
    {
      std::lock_guard<std::mutex> lock(mu_);
      const auto now = SteadyClock::now();
      while (!timers_.empty() && (all || timers_.begin()->first.first <= now)) {
        auto it = timers_.begin();
        timer_when_.erase(it->first.second);
        due.push_back(std::move(it->second));
        timers_.erase(it);
      }
    }
    for (auto& fn : due) fn();
  }

  // Completes everything still pending so no caller waits forever. Timers run at once:
  // a retry loop then tries to send, and that send completes as cancelled.
  void Shutdown() {
    for (int round = 0; round < 1000; ++round) {
      bool idle = true;
      for (auto& cmd : TakeQueue()) {
        idle = false;
        if (auto* send = std::get_if<SendCommand>(&cmd)) {
          if (send->done) send->done(Failure(ErrorCode::kCancelled, "cancelled: the HTTP engine is shutting down", false));
        } else if (auto* post = std::get_if<PostCommand>(&cmd)) {
          if (*post) (*post)();  // a call's next step: it then finds the engine stopping
        }
      }
      while (!active_.empty()) {
        idle = false;
        auto it = active_.begin();
        std::unique_ptr<Exchange> ex = std::move(it->second);
        active_.erase(it);
        curl_multi_remove_handle(multi_, ex->handle.easy);
        Finish(std::move(ex), Failure(ErrorCode::kCancelled, "cancelled: the HTTP engine is shutting down", true));
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!timers_.empty()) idle = false;
      }
      RunDueTimers(true);
      if (idle) break;
    }
  }

  CURLM* multi_ = nullptr;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::string setup_error_;  // why epoll or the eventfd could not be created; empty when fine
  std::thread thread_;
  std::thread::id io_thread_id_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> wake_pending_{false};
  std::atomic<std::uint64_t> next_id_{0};

  std::mutex mu_;
  std::vector<Command> queue_;
  std::map<std::pair<SteadyClock::time_point, TimerId>, std::function<void()>> timers_;
  std::unordered_map<TimerId, SteadyClock::time_point> timer_when_;

  // I/O thread only (and the destructor, after the thread ended).
  struct WatchedSocket {
    std::uint32_t events = 0;  // what epoll watches for it; 0: not in epoll
    bool parked = false;       // in epoll while libcurl keeps the connection for reuse
  };
  std::unordered_map<curl_socket_t, WatchedSocket> owned_;  // connection sockets opened here
  std::optional<SteadyClock::time_point> curl_deadline_;  // when libcurl wants a timeout call
  std::unordered_map<ExchangeId, std::unique_ptr<Exchange>> active_;
  std::vector<PooledHandle> spare_;
};

CurlEngine::CurlEngine(CurlEngineOptions options) : impl_(std::make_shared<Impl>(options)) { impl_->Start(); }

CurlEngine::~CurlEngine() { impl_->Stop(); }

Transport::ExchangeId CurlEngine::Send(HttpRequest request, ExchangeCallback done) {
  return impl_->Send(std::move(request), std::move(done));
}

void CurlEngine::Cancel(ExchangeId id) { impl_->Cancel(id); }

SteadyClock::time_point CurlEngine::Now() const { return SteadyClock::now(); }

Scheduler::TimerId CurlEngine::RunAfter(std::chrono::nanoseconds delay, std::function<void()> fn) {
  return impl_->RunAfter(delay, std::move(fn));
}

void CurlEngine::CancelTimer(TimerId id) { impl_->CancelTimer(id); }

void CurlEngine::Post(std::function<void()> fn) { impl_->Post(std::move(fn)); }

bool CurlEngine::OnIoThread() const { return impl_->OnIoThread(); }

std::shared_ptr<CurlEngine> SharedCurlEngine() {
  static std::mutex mu;
  static std::weak_ptr<CurlEngine> shared;
  std::lock_guard<std::mutex> lock(mu);
  auto engine = shared.lock();
  if (!engine) {
    engine = std::make_shared<CurlEngine>();
    shared = engine;
  }
  return engine;
}

}  // namespace livekit::internal
