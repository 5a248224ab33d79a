#include "libcurl_burst.h"

#include <curl/curl.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "../common/baseline_request.h"

namespace bench {
namespace {

// One multi handle driven by epoll and the socket API, as the SDK's engine drives its own.
class EpollMulti {
 public:
  EpollMulti() {
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &EpollMulti::OnSocket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &EpollMulti::OnTimer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  }
  ~EpollMulti() {
    curl_multi_cleanup(multi_);
    close(epoll_fd_);
  }
  EpollMulti(const EpollMulti&) = delete;
  EpollMulti& operator=(const EpollMulti&) = delete;

  void Add(const std::string& target, curl_slist* headers, bool close_connection) {
    CURL* e = curl_easy_init();
    SetBaselineRequest(e, target, headers, 60000L);
    // The SDK skips libcurl's idle-connection search when no connection is idle; the baseline
    // skips it too, so both pay for the same work.
    curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
    if (close_connection) curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    curl_multi_add_handle(multi_, e);
  }

  // Runs until every transfer is done, removing and freeing each as it ends (as an
  // application does to reuse or free it); returns how many got a 200.
  int Run() {
    int running = 1;
    int ok = 0;
    std::vector<epoll_event> events(256);
    curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    while (running > 0) {
      const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()),
                               timeout_ms_ < 0 ? 1000 : static_cast<int>(timeout_ms_));
      if (n == 0) curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
      for (int i = 0; i < n; ++i) {
        int mask = 0;
        if ((events[i].events & EPOLLIN) != 0) mask |= CURL_CSELECT_IN;
        if ((events[i].events & EPOLLOUT) != 0) mask |= CURL_CSELECT_OUT;
        if ((events[i].events & (EPOLLERR | EPOLLHUP)) != 0) mask |= CURL_CSELECT_ERR;
        curl_multi_socket_action(multi_, events[i].data.fd, mask, &running);
      }
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
        CURL* e = msg->easy_handle;
        long status = 0;
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
        if (msg->data.result == CURLE_OK && status == 200) ++ok;
        curl_multi_remove_handle(multi_, e);
        curl_easy_cleanup(e);
      }
    }
    return ok;
  }

 private:
  static int OnSocket(CURL*, curl_socket_t s, int what, void* self_ptr, void* registered) {
    auto* self = static_cast<EpollMulti*>(self_ptr);
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(self->epoll_fd_, EPOLL_CTL_DEL, s, nullptr);
      curl_multi_assign(self->multi_, s, nullptr);
      return 0;
    }
    epoll_event ev{};
    ev.data.fd = s;
    ev.events = ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0u);
    if (registered != nullptr) {
      epoll_ctl(self->epoll_fd_, EPOLL_CTL_MOD, s, &ev);
    } else {
      epoll_ctl(self->epoll_fd_, EPOLL_CTL_ADD, s, &ev);
      curl_multi_assign(self->multi_, s, self);
    }
    return 0;
  }
  static int OnTimer(CURLM*, long timeout_ms, void* self_ptr) {
    static_cast<EpollMulti*>(self_ptr)->timeout_ms_ = timeout_ms;
    return 0;
  }

  CURLM* multi_ = curl_multi_init();
  int epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  long timeout_ms_ = -1;
};

}  // namespace

BurstResult LibcurlBurst(const std::string& url, int calls, int delay_ms, BurstShape shape) {
  rlimit files{};  // one descriptor per call in flight, as the SDK raises its own limit
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);  // before the loops' threads make handles
  const std::string target = url + "/twirp/livekit.RoomService/ListRooms";
  const std::string auth = "Authorization: Bearer " + ListRoomsToken();
  const std::string held = "X-Lk-Mock: {\"delayMs\":" + std::to_string(delay_ms) + "}";
  curl_slist* headers = curl_slist_append(nullptr, auth.c_str());
  headers = curl_slist_append(headers, "Content-Type: application/protobuf");
  headers = curl_slist_append(headers, held.c_str());
  headers = curl_slist_append(headers, "Expect:");
  const int loops = std::max(1, shape.loops);
  std::vector<int> ok(static_cast<std::size_t>(loops), 0);
  const auto t0 = std::chrono::steady_clock::now();
  {
    std::vector<std::thread> threads;
    for (int l = 0; l < loops; ++l) {
      threads.emplace_back([&, l] {
        EpollMulti multi;
        for (int i = l; i < calls; i += loops) multi.Add(target, headers, shape.close_connections);
        ok[static_cast<std::size_t>(l)] = multi.Run();
      });
    }
    for (std::thread& t : threads) t.join();
  }
  BurstResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (int n : ok) result.ok += n;
  curl_slist_free_all(headers);
  return result;
}

}  // namespace bench
