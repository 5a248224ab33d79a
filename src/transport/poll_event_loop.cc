#include "transport/poll_event_loop.h"

#include <algorithm>

namespace livekit::internal {
namespace {

class PollEventLoop final : public EventLoop {
 public:
  std::string_view name() const override { return "poll"; }

  void Attach(CURLM* multi) override { multi_ = multi; }

  void ConfigureEasy(CURL*) override {}

  void Progress() override {
    int running = 0;
    curl_multi_perform(multi_, &running);
  }

  // curl_multi_poll waits on every socket libcurl uses, no longer than libcurl's own next
  // timeout, and returns early on curl_multi_wakeup.
  void Wait(std::chrono::milliseconds max_wait) override {
    const int ms = static_cast<int>(std::max<std::chrono::milliseconds::rep>(0, max_wait.count()));
    int ready = 0;
    curl_multi_poll(multi_, nullptr, 0, ms, &ready);
    Progress();
  }

  void Wake() override { curl_multi_wakeup(multi_); }

 private:
  CURLM* multi_ = nullptr;
};

}  // namespace

std::unique_ptr<EventLoop> MakePollEventLoop(std::string*) { return std::make_unique<PollEventLoop>(); }

}  // namespace livekit::internal
