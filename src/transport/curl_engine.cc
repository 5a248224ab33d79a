// The libcurl driver: a command queue filled from any thread, and the I/O thread's loop that
// starts exchanges, runs timers, lets the event loop backend wait, and completes what
// libcurl finished. Exchanges are in exchange.*, easy handles in easy_handle_pool.*, timers
// in timer_queue.*, the waiting in the backends of event_loop.h.

#include "transport/curl_engine.h"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "transport/easy_handle_pool.h"
#include "transport/event_loop.h"
#include "transport/exchange.h"
#include "transport/host_limiter.h"
#include "transport/open_file_limit.h"
#include "transport/timer_queue.h"

namespace livekit::internal {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
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

// The longest the loop sleeps without a reason to wake: it bounds the cost of any missed
// wake-up and lets a stop request be noticed even then.
constexpr std::chrono::milliseconds kMaxSleep{1000};

// Finished exchanges kept for reuse (about 1 KiB each).
constexpr std::size_t kSpareExchanges = 64;

}  // namespace

class CurlEngine::Impl : public std::enable_shared_from_this<Impl> {
 public:
  explicit Impl(CurlEngineOptions options) : limiter_(options.max_requests_per_host) {
    GlobalInitOnce();
    RaiseOpenFileLimitOnce();
    loop_ = MakeEventLoop(options.event_loop, &setup_error_);
    multi_ = curl_multi_init();
    if (multi_ == nullptr && setup_error_.empty()) setup_error_ = "curl_multi_init failed";
    if (loop_ == nullptr || multi_ == nullptr) {
      loop_.reset();  // the loop then serves only timers and the queue (see Loop)
      return;
    }
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    // No per-host connection cap in libcurl (its default; Go's net/http and Node's undici have
    // none either): limits are the engine's own (host_limiter.h). Over HTTP/2 libcurl puts
    // streams beyond a server's concurrent-stream setting on further connections.
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
    max_idle_connections_ = options.max_cached_connections;
    SizeConnectionCache();
    loop_->Attach(multi_);
    handles_ = std::make_unique<EasyHandlePool>(*loop_);
  }

  ~Impl() {
    handles_.reset();
    if (multi_ != nullptr) curl_multi_cleanup(multi_);
    loop_.reset();
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

  std::string_view event_loop_name() const { return loop_ != nullptr ? loop_->name() : std::string_view(); }

  ExchangeId Send(HttpRequest request, ExchangeCallback done) {
    const ExchangeId id = next_id_.fetch_add(1) + 1;
    // On the I/O thread (a completion or timer sending the next request) the exchange starts
    // at once: no queue hop, no extra round of the loop. Its failure to start is still
    // reported later, never from inside Send.
    if (OnIoThread() && !stop_.load() && setup_error_.empty()) {
      Start(SendCommand{id, std::move(request), std::move(done)}, /*report_failure_later=*/true);
    } else {
      Enqueue(SendCommand{id, std::move(request), std::move(done)});
    }
    return id;
  }

  void Cancel(ExchangeId id) { Enqueue(CancelCommand{id}); }

  void Post(std::function<void()> fn) { Enqueue(std::move(fn)); }

  TimerId RunAfter(std::chrono::nanoseconds delay, std::function<void()> fn) {
    const TimerId id = next_id_.fetch_add(1) + 1;
    timers_.Add(id, SteadyClock::now() + std::max(delay, std::chrono::nanoseconds(0)), std::move(fn));
    Wake(false);
    return id;
  }

  void CancelTimer(TimerId id) { timers_.Cancel(id); }

 private:
  void Enqueue(Command command) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(command));
    }
    Wake(false);
  }

  // One wake-up per batch of commands: the loop clears the flag before draining the queue.
  // None from the I/O thread itself: the loop looks at the queue and timers before it waits.
  void Wake(bool force) {
    if (!force && OnIoThread()) return;
    if ((force || !wake_pending_.exchange(true)) && loop_ != nullptr) loop_->Wake();
  }

  void Loop() {
    while (!stop_.load()) {
      wake_pending_.store(false);
      RunDueTimers(false);  // first: what they send goes out in this same round
      DrainQueue();
      if (stop_.load()) break;
      if (loop_ == nullptr) {
        // No event loop (out of file descriptors, say): every exchange fails at once; only
        // timers and the queue are served, by polling them.
        std::this_thread::sleep_for(std::min(WaitTime(), std::chrono::milliseconds(10)));
        continue;
      }
      loop_->Progress();  // start what was just added before sleeping
      CollectFinished();
      if (HasQueuedCommands()) continue;  // completions queued more work: no need to wait
      loop_->Wait(WaitTime());
      CollectFinished();
    }
    Shutdown();
  }

  bool HasQueuedCommands() {
    std::lock_guard<std::mutex> lock(mu_);
    return !queue_.empty();
  }

  // How long the backend may sleep: until our next timer, at most kMaxSleep (libcurl's own
  // timeouts are the backend's to honour).
  std::chrono::milliseconds WaitTime() {
    if (HasQueuedCommands()) return std::chrono::milliseconds(0);
    const auto now = SteadyClock::now();
    auto until = now + kMaxSleep;
    if (auto next = timers_.Next()) until = std::min(until, *next);
    if (until <= now) return std::chrono::milliseconds(0);
    return std::chrono::ceil<std::chrono::milliseconds>(until - now);
  }

  // The commands queued so far. The two vectors trade places, so neither allocates once grown.
  std::vector<Command>& TakeQueue() {
    batch_.clear();
    std::lock_guard<std::mutex> lock(mu_);
    batch_.swap(queue_);
    return batch_;
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
        const bool started = ex->handle.easy != nullptr;  // else still waiting for a place
        if (started) RemoveFromLibcurl(ex->handle.easy);
        Finish(std::move(ex), Failure(ErrorCode::kCancelled, "cancelled", started));
      }
    }
  }

  void Start(SendCommand send, bool report_failure_later = false) {
    if (!setup_error_.empty()) {
      if (send.done) {
        send.done(Failure(ErrorCode::kInternal, "the HTTP engine could not start (" + setup_error_ + ")", false));
      }
      return;
    }
    std::unique_ptr<Exchange> ex = NewExchange();
    ex->id = send.id;
    ex->request = std::move(send.request);
    ex->done = std::move(send.done);
    ex->ticket.id = ex->id;
    limiter_.Describe(ex->request, ex->ticket);
    if (!limiter_.Acquire(ex->ticket)) {
      Queue(std::move(ex));
      return;
    }
    Launch(std::move(ex), report_failure_later);
  }

  // Waits for a place under a per-host limit, no longer than the attempt timeout. Neither a
  // handle nor a connection is taken meanwhile.
  void Queue(std::unique_ptr<Exchange> ex) {
    const ExchangeId id = ex->id;
    ex->queued_at = SteadyClock::now();
    ex->wait_timer = next_id_.fetch_add(1) + 1;
    timers_.Add(ex->wait_timer, ex->queued_at + ex->request.timeout, [this, id] { OnWaitExpired(id); });
    active_.emplace(id, std::move(ex));
  }

  void OnWaitExpired(ExchangeId id) {
    auto it = active_.find(id);
    if (it == active_.end() || !it->second->ticket.waiting) return;
    std::unique_ptr<Exchange> ex = std::move(it->second);
    active_.erase(it);
    ex->wait_timer = 0;
    ExchangeResult result = NoPlaceFree(limiter_.Facts(ex->ticket), ex->request.timeout);
    Finish(std::move(ex), std::move(result));
  }

  // Starts the exchanges that just got their places (see Finish). Their failure to start is
  // reported later: this may run inside a Send on the I/O thread.
  void LaunchAdmitted(const std::vector<ExchangeId>& admitted) {
    for (const ExchangeId id : admitted) {
      auto it = active_.find(id);
      if (it == active_.end()) continue;
      if (stop_.load()) continue;  // Shutdown cancels it with the others
      std::unique_ptr<Exchange> ex = std::move(it->second);
      active_.erase(it);
      timers_.Cancel(ex->wait_timer);
      ex->wait_timer = 0;
      ex->waited = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - ex->queued_at);
      Launch(std::move(ex), /*report_failure_later=*/true);
    }
  }

  void Launch(std::unique_ptr<Exchange> ex, bool report_failure_later) {
    ex->loop = loop_.get();
    ex->handle = handles_->Take(ex->request);
    const char* failed = nullptr;
    if (ex->handle.easy == nullptr) {
      failed = "curl_easy_init failed";
    } else {
      ex->kept_connections_busy = in_libcurl_ >= max_idle_connections_;
      ex->Prepare();
      if (curl_multi_add_handle(multi_, ex->handle.easy) != CURLM_OK) {
        failed = "curl_multi_add_handle failed";
      } else {
        ++in_libcurl_;
        SizeConnectionCache();
      }
    }
    if (failed != nullptr) {
      ExchangeCallback done = std::move(ex->done);
      ex->done = nullptr;
      Finish(std::move(ex), ExchangeResult{});  // returns the handle; `done` is called below
      ExchangeResult result = Failure(ErrorCode::kInternal, failed, false);
      if (!report_failure_later) {
        if (done) done(std::move(result));
        return;
      }
      Enqueue([done = std::move(done), result = std::move(result)]() mutable {
        if (done) done(std::move(result));
      });
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
      RemoveFromLibcurl(msg->easy_handle);
      if (raw == nullptr) continue;
      auto it = active_.find(raw->id);
      if (it == active_.end()) continue;
      std::unique_ptr<Exchange> ex = std::move(it->second);
      active_.erase(it);
      ExchangeResult result = ex->ResultOf(code);
      Finish(std::move(ex), std::move(result));
    }
  }

  void RemoveFromLibcurl(CURL* easy) {
    curl_multi_remove_handle(multi_, easy);
    --in_libcurl_;
    SizeConnectionCache();
  }

  // libcurl's cache limit (CURLMOPT_MAXCONNECTS) counts the connections in use too, and each
  // time it is exceeded libcurl scans every connection for the oldest idle one: with thousands
  // in flight, once per exchange. So the limit follows the exchanges in flight, which keeps
  // max_cached_connections idle ones at most without the scans.
  void SizeConnectionCache() {
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, max_idle_connections_ + in_libcurl_);
  }

  // Its places go to the next ones waiting; they start after `done` ran, which may send on
  // the I/O thread (and then queues behind them: they hold their places already).
  void Finish(std::unique_ptr<Exchange> ex, ExchangeResult result) {
    std::vector<ExchangeId> admitted;
    limiter_.Release(ex->ticket, &admitted);
    if (ex->wait_timer != 0) timers_.Cancel(ex->wait_timer);
    ExchangeCallback done = std::move(ex->done);
    ex->Release();
    handles_->Give(std::move(ex->handle));
    Recycle(std::move(ex));
    if (done) done(std::move(result));
    if (!admitted.empty()) LaunchAdmitted(admitted);
  }

  // Finished exchanges are kept for the next ones (what they own is freed, their header
  // buffer's capacity is kept): an exchange then costs no allocation of its own.
  std::unique_ptr<Exchange> NewExchange() {
    if (spare_exchanges_.empty()) return std::make_unique<Exchange>();
    std::unique_ptr<Exchange> ex = std::move(spare_exchanges_.back());
    spare_exchanges_.pop_back();
    return ex;
  }

  void Recycle(std::unique_ptr<Exchange> ex) {
    ex->Reset();
    if (spare_exchanges_.size() < kSpareExchanges) spare_exchanges_.push_back(std::move(ex));
  }

  void RunDueTimers(bool all) {
    for (auto& fn : timers_.TakeDue(SteadyClock::now(), all)) fn();
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
        const bool started = ex->handle.easy != nullptr;
        if (started) RemoveFromLibcurl(ex->handle.easy);
        Finish(std::move(ex), Failure(ErrorCode::kCancelled, "cancelled: the HTTP engine is shutting down", started));
      }
      if (!timers_.empty()) idle = false;
      RunDueTimers(true);
      if (idle) break;
    }
  }

  std::unique_ptr<EventLoop> loop_;
  CURLM* multi_ = nullptr;
  std::string setup_error_;  // why the engine cannot send; empty when fine
  std::thread thread_;
  std::thread::id io_thread_id_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> wake_pending_{false};
  std::atomic<std::uint64_t> next_id_{0};

  std::mutex mu_;
  std::vector<Command> queue_;
  TimerQueue timers_;
  std::vector<Command> batch_;  // I/O thread: the commands being run (see TakeQueue)

  // I/O thread only (and the destructor, after the thread ended).
  std::unique_ptr<EasyHandlePool> handles_;
  HostLimiter limiter_;
  long in_libcurl_ = 0;            // exchanges added to the multi handle
  long max_idle_connections_ = 0;  // CurlEngineOptions::max_cached_connections
  // Exchanges in flight, and those waiting for a place under a limit (no handle yet).
  std::unordered_map<ExchangeId, std::unique_ptr<Exchange>> active_;
  std::vector<std::unique_ptr<Exchange>> spare_exchanges_;  // see NewExchange
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

std::string_view CurlEngine::event_loop_name() const { return impl_->event_loop_name(); }

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
