#pragma once
// Which event loop backend an engine runs on (see event_loop.h).

namespace livekit::internal {

enum class EventLoopKind {
  kDefault,  ///< LIVEKIT_EVENT_LOOP if set ("epoll" or "poll"), else the best one built
  kEpoll,    ///< Linux only
  kPoll,     ///< portable: needs only libcurl
};

}  // namespace livekit::internal
