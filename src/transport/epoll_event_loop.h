#pragma once
// The Linux event loop: libcurl's socket API on epoll, with an eventfd for wake-ups (see
// event_loop.h). Built only where <sys/epoll.h> exists.

#include <memory>
#include <string>

#include "transport/event_loop.h"

namespace livekit::internal {

/// Null, with the reason in `error`, when epoll or the eventfd cannot be created.
std::unique_ptr<EventLoop> MakeEpollEventLoop(std::string* error);

}  // namespace livekit::internal
