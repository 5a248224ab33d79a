#include "transport/epoll_event_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <unordered_map>

namespace livekit::internal {
namespace {

using Clock = std::chrono::steady_clock;

class EpollEventLoop final : public EventLoop {
 public:
  EpollEventLoop(int epoll_fd, int wake_fd) : epoll_fd_(epoll_fd), wake_fd_(wake_fd) {}
  ~EpollEventLoop() override {
    close(wake_fd_);
    close(epoll_fd_);
  }
  EpollEventLoop(const EpollEventLoop&) = delete;
  EpollEventLoop& operator=(const EpollEventLoop&) = delete;

  std::string_view name() const override { return "epoll"; }

  void Attach(CURLM* multi) override {
    multi_ = multi;
    // libcurl tells us which sockets to watch and when to call it back; we wait on them with
    // epoll and hand it each ready socket. That saves the poll() calls curl_multi_perform and
    // curl_multi_poll make on every round.
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &EpollEventLoop::OnSocket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &EpollEventLoop::OnCurlTimer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  }

  void ConfigureEasy(CURL* easy) override {
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &EpollEventLoop::OnCloseSocket);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
  }

  bool MayHaveIdleConnection() const override { return idle_connections_ > 0; }

  void Progress() override { FireCurlTimerIfDue(); }

  void Wait(std::chrono::milliseconds max_wait) override {
    // A transfer added since Progress (a completion callback sent the next request) wants
    // libcurl now: run it, and let the driver collect what that finished before sleeping.
    if (FireCurlTimerIfDue()) return;
    const int n = epoll_wait(epoll_fd_, events_.data(), static_cast<int>(events_.size()), WaitMs(max_wait));
    for (int i = 0; i < n; ++i) {
      const epoll_event& ev = events_[static_cast<std::size_t>(i)];
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
    FireCurlTimerIfDue();
  }

  void Wake() override {
    const std::uint64_t one = 1;
    // EAGAIN means the counter is already non-zero: the loop wakes up anyway.
    [[maybe_unused]] const ssize_t n = write(wake_fd_, &one, sizeof(one));
  }

 private:
  struct WatchedSocket {
    bool registered = false;   // in epoll
    std::uint32_t events = 0;  // what epoll watches for it while registered
    bool parked = false;       // in epoll while libcurl keeps the connection for reuse
    bool idle = false;         // libcurl watches it for no exchange: kept for reuse (or dead)
  };

  // Marks an owned connection idle or in use, keeping idle_connections_ the number of idle ones.
  void SetIdle(WatchedSocket& w, bool idle) {
    if (w.idle == idle) return;
    w.idle = idle;
    if (idle) {
      ++idle_connections_;
    } else {
      --idle_connections_;
    }
  }

  int WaitMs(std::chrono::milliseconds max_wait) const {
    const auto now = Clock::now();
    auto until = now + std::max(max_wait, std::chrono::milliseconds(0));
    if (curl_deadline_) until = std::min(until, *curl_deadline_);
    if (until <= now) return 0;
    return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(until - now).count());
  }

  // libcurl's timer is due: let it run its timeouts. (libcurl accepts being called early, as
  // happens when it reports a timeout rounded down to whole milliseconds: it then calls the
  // timer function again with what is left.)
  bool FireCurlTimerIfDue() {
    if (!curl_deadline_ || *curl_deadline_ > Clock::now()) return false;
    curl_deadline_.reset();
    int running = 0;
    curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    return true;
  }

  // CURLMOPT_TIMERFUNCTION: when libcurl wants to be called back without socket activity
  // (timeouts, a handle just added). -1 removes the timer.
  static int OnCurlTimer(CURLM*, long timeout_ms, void* user) {
    auto* self = static_cast<EpollEventLoop*>(user);
    if (timeout_ms < 0) {
      self->curl_deadline_.reset();
    } else {
      self->curl_deadline_ = Clock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
  }

  // CURLMOPT_SOCKETFUNCTION: start, change or stop watching one socket.
  //
  // libcurl stops watching a kept-alive connection when its exchange ends and watches it
  // again when the next exchange reuses it: two epoll_ctl calls per exchange. A connection
  // socket we opened ourselves (OpenSocket) and will see closed (OnCloseSocket) instead
  // stays in epoll, "parked", while it waits for reuse; it leaves epoll only if it becomes
  // readable meanwhile (the server closed it), which Wait handles.
  static int OnSocket(CURL*, curl_socket_t s, int what, void* user, void* socket_data) {
    auto* self = static_cast<EpollEventLoop*>(user);
    auto owned = self->owned_.find(s);
    if (what == CURL_POLL_REMOVE) {
      if (owned != self->owned_.end()) self->SetIdle(owned->second, true);
      if (owned != self->owned_.end() && owned->second.registered && owned->second.events == EPOLLIN) {
        owned->second.parked = true;
        return 0;
      }
      // The socket may already be closed (epoll forgot it then): the error is expected.
      epoll_ctl(self->epoll_fd_, EPOLL_CTL_DEL, s, nullptr);
      if (owned != self->owned_.end()) ForgetRegistration(owned->second);
      return 0;
    }
    // CURL_POLL_NONE (0) is a valid request too: registered, but waiting for nothing.
    const std::uint32_t events =
        ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0u);
    if (owned != self->owned_.end()) {
      WatchedSocket& w = owned->second;
      w.parked = false;
      self->SetIdle(w, false);
      if (w.registered && w.events == events) return 0;
      self->Watch(s, events, w.registered);
      w.registered = true;
      w.events = events;
      return 0;
    }
    // libcurl keeps the pointer we assign per socket: non-null means epoll already knows it.
    self->Watch(s, events, socket_data != nullptr);
    if (socket_data == nullptr) curl_multi_assign(self->multi_, s, self);
    return 0;
  }

  // Adds or changes a socket in epoll. What we believe about its registration is checked by
  // epoll itself: a wrong belief must never lose an interest change (a lost EPOLLIN is a call
  // that waits for its whole timeout).
  void Watch(curl_socket_t s, std::uint32_t events, bool believed_registered) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = s;
    if (believed_registered) {
      if (epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, s, &ev) != 0 && errno == ENOENT) epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, s, &ev);
    } else if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, s, &ev) != 0 && errno == EEXIST) {
      epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, s, &ev);
    }
  }

  // Connection sockets are opened here (through each exchange's CURLOPT_OPENSOCKETFUNCTION),
  // so their lifetime is known (see OnSocket). Sockets libcurl opens otherwise (its
  // resolver's) are not parked.
  curl_socket_t OpenSocket(curlsocktype purpose, curl_sockaddr* address) override {
    const curl_socket_t s = socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (s != CURL_SOCKET_BAD && purpose == CURLSOCKTYPE_IPCXN) {
      WatchedSocket& w = owned_[s];
      SetIdle(w, false);  // a number reused after a close we did not see
      w = WatchedSocket{};
    }
    return s;
  }

  // CURLOPT_CLOSESOCKETFUNCTION: closing a socket also takes it out of epoll.
  static int OnCloseSocket(void* user, curl_socket_t s) {
    auto* self = static_cast<EpollEventLoop*>(user);
    auto owned = self->owned_.find(s);
    if (owned != self->owned_.end()) {
      self->SetIdle(owned->second, false);
      self->owned_.erase(owned);
    }
    return close(s);
  }

  // Out of epoll; still idle or in use as before.
  static void ForgetRegistration(WatchedSocket& w) {
    w.registered = false;
    w.events = 0;
    w.parked = false;
  }

  // An event on a parked connection: its server closed it or sent something unasked. epoll
  // would report it on every wait, so it leaves epoll; libcurl finds it dead before reuse.
  bool UnparkIfParked(int fd) {
    auto owned = owned_.find(fd);
    if (owned == owned_.end() || !owned->second.parked) return false;
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    ForgetRegistration(owned->second);
    return true;
  }

  const int epoll_fd_;
  const int wake_fd_;
  CURLM* multi_ = nullptr;
  std::array<epoll_event, 64> events_{};
  std::unordered_map<curl_socket_t, WatchedSocket> owned_;  // connection sockets opened here
  std::size_t idle_connections_ = 0;                        // owned_ entries with idle set
  std::optional<Clock::time_point> curl_deadline_;         // when libcurl wants a timeout call
};

}  // namespace

std::unique_ptr<EventLoop> MakeEpollEventLoop(std::string* error) {
  const int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) {
    *error = std::string("epoll_create1: ") + std::strerror(errno);
    return nullptr;
  }
  const int wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd < 0) {
    *error = std::string("eventfd: ") + std::strerror(errno);
    close(epoll_fd);
    return nullptr;
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wake_fd;
  if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &ev) != 0) {
    *error = std::string("epoll_ctl: ") + std::strerror(errno);
    close(wake_fd);
    close(epoll_fd);
    return nullptr;
  }
  return std::make_unique<EpollEventLoop>(epoll_fd, wake_fd);
}

}  // namespace livekit::internal
