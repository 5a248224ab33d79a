#include "agent/streamed_call.h"

#include <atomic>
#include <string>
#include <utility>

#include "transport/exchange.h"

namespace livekit::internal {
namespace {

class StreamedCall : public std::enable_shared_from_this<StreamedCall> {
 public:
  StreamedCall(std::shared_ptr<CurlEngine> engine, std::shared_ptr<ActivityStream> stream,
               std::chrono::milliseconds idle, StreamedDone done)
      : engine_(std::move(engine)), stream_(std::move(stream)), idle_(idle), done_(std::move(done)) {}

  void Start(HttpRequest request) {
    if (idle_.count() > 0) ArmIdle(idle_);
    const Transport::ExchangeId id = engine_->Send(std::move(request), [self = shared_from_this()](ExchangeResult r) {
      self->Finish(std::move(r));
    });
    id_.store(id);
    if (cancel_requested_.load()) engine_->Cancel(id);
  }

  void Cancel() {
    cancel_requested_.store(true);
    if (const auto id = id_.load(); id != 0) engine_->Cancel(id);
  }

 private:
  void ArmIdle(std::chrono::nanoseconds after) {
    std::weak_ptr<StreamedCall> weak = weak_from_this();
    timer_.store(engine_->RunAfter(after, [weak] {
      if (auto self = weak.lock()) self->CheckIdle();
    }));
  }

  // On the I/O thread, as every member of the stream.
  void CheckIdle() {
    if (finished_.load()) return;
    const auto quiet = SteadyClock::now() - stream_->last_activity();
    const auto id = id_.load();
    if (quiet < idle_ || id == 0) {
      ArmIdle(id == 0 ? std::chrono::milliseconds(1) : idle_ - quiet);
      return;
    }
    stream_->MarkIdleExpired();
    engine_->Cancel(id);
  }

  void Finish(ExchangeResult result) {
    finished_.store(true);
    if (const auto t = timer_.load(); t != 0) engine_->CancelTimer(t);
    if (stream_->idle_expired() && !result.response && result.error.code() == ErrorCode::kCancelled) {
      result = Failure(ErrorCode::kTimeout,
                       "no data moved for " + std::to_string(idle_.count()) + " ms (the idle timeout)", true);
    }
    StreamedDone done = std::move(done_);
    done_ = nullptr;
    if (done) done(std::move(result));
  }

  std::shared_ptr<CurlEngine> engine_;
  std::shared_ptr<ActivityStream> stream_;
  const std::chrono::milliseconds idle_;
  StreamedDone done_;
  std::atomic<Transport::ExchangeId> id_{0};
  std::atomic<Scheduler::TimerId> timer_{0};
  std::atomic<bool> cancel_requested_{false};
  std::atomic<bool> finished_{false};
};

}  // namespace

CallHandle StartStreamedCall(std::shared_ptr<CurlEngine> engine, HttpRequest request,
                             std::shared_ptr<ActivityStream> stream, std::chrono::milliseconds idle_timeout,
                             StreamedDone done) {
  request.stream = stream;
  auto call = std::make_shared<StreamedCall>(std::move(engine), std::move(stream), idle_timeout, std::move(done));
  call->Start(std::move(request));
  std::weak_ptr<StreamedCall> weak = call;
  return CallHandle([weak] {
    if (auto c = weak.lock()) c->Cancel();
  });
}

}  // namespace livekit::internal
