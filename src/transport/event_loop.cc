#include "transport/event_loop.h"

#include <cstdlib>

#if !defined(_WIN32)
#include <sys/socket.h>
#endif

#include "transport/poll_event_loop.h"
#if defined(LIVEKIT_HAVE_EPOLL)
#include "transport/epoll_event_loop.h"
#endif

namespace livekit::internal {

curl_socket_t EventLoop::OpenSocket(curlsocktype, curl_sockaddr* address) {
  return socket(address->family, address->socktype, address->protocol);
}

std::string_view BuiltEventLoops() {
#if defined(LIVEKIT_HAVE_EPOLL)
  return "epoll, poll";
#else
  return "poll";
#endif
}

std::unique_ptr<EventLoop> MakeEventLoop(EventLoopKind kind, std::string* error) {
  if (kind == EventLoopKind::kDefault) {
    const char* env = std::getenv("LIVEKIT_EVENT_LOOP");
    const std::string_view chosen = env != nullptr ? env : "";
    if (chosen == "epoll") {
      kind = EventLoopKind::kEpoll;
    } else if (chosen == "poll") {
      kind = EventLoopKind::kPoll;
    } else if (chosen.empty()) {
#if defined(LIVEKIT_HAVE_EPOLL)
      kind = EventLoopKind::kEpoll;
#else
      kind = EventLoopKind::kPoll;
#endif
    } else {
      *error = "LIVEKIT_EVENT_LOOP=" + std::string(chosen) + " is not an event loop of this build (" +
               std::string(BuiltEventLoops()) + ")";
      return nullptr;
    }
  }
  if (kind == EventLoopKind::kPoll) return MakePollEventLoop(error);
#if defined(LIVEKIT_HAVE_EPOLL)
  return MakeEpollEventLoop(error);
#else
  *error = "the epoll event loop is not built on this platform (built: " + std::string(BuiltEventLoops()) + ")";
  return nullptr;
#endif
}

}  // namespace livekit::internal
