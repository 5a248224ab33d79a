#pragma once
// The portable event loop: curl_multi_perform, curl_multi_poll and curl_multi_wakeup, nothing
// else, so it builds wherever libcurl (7.68 or later) does (see event_loop.h).

#include <memory>
#include <string>

#include "transport/event_loop.h"

namespace livekit::internal {

std::unique_ptr<EventLoop> MakePollEventLoop(std::string* error);

}  // namespace livekit::internal
