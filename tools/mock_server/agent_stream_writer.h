#pragma once
// Sends a StreamPlan on a connection (plain or TLS): the head, the pieces after their waits,
// then the end (final chunk, cut, or silence). A read runs all along, so a client that closes
// (cancelled, timed out) ends the stream at once. Runs on the connection's executor; keeps
// the session alive until it ends.

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <functional>
#include <memory>
#include <utility>

#include "agent_endpoints.h"

namespace livekit::mock {

template <class Stream>
class StreamWriter : public std::enable_shared_from_this<StreamWriter<Stream>> {
 public:
  StreamWriter(Stream& socket, std::shared_ptr<StreamPlan> plan, std::shared_ptr<void> session,
               std::function<void()> close)
      : socket_(socket), plan_(std::move(plan)), session_(std::move(session)), close_(std::move(close)),
        timer_(socket.get_executor()) {}

  void Start() {
    Drain();
    Write(plan_->head, [](StreamWriter& w) { w.Next(0); });
  }

 private:
  using Then = void (*)(StreamWriter&);

  void Write(const std::string& bytes, Then then) {
    boost::asio::async_write(socket_, boost::asio::buffer(bytes),
                             [self = this->shared_from_this(), then](boost::system::error_code ec, std::size_t) {
                               if (ec || self->done_) return self->Finish(self->ending_ ? "clientClosed" : nullptr);
                               then(*self);
                             });
  }

  void Next(std::size_t i) {
    next_ = i;
    if (i == plan_->hold_after && StreamReleases() <= plan_->release_seen) {
      UpdateStreamRecord(*plan_->record, sent_, "holding");
      return Wait(std::chrono::milliseconds(5), [](StreamWriter& w) { w.Next(w.next_); });
    }
    if (i == plan_->pieces.size()) return End();
    Wait(plan_->pieces[i].wait, [](StreamWriter& w) {
      const auto& piece = w.plan_->pieces[w.next_];
      w.Write(piece.bytes, [](StreamWriter& v) {
        if (v.plan_->pieces[v.next_].line) ++v.sent_;
        UpdateStreamRecord(*v.plan_->record, v.sent_, "streaming");
        v.Next(v.next_ + 1);
      });
    });
  }

  void Wait(std::chrono::milliseconds wait, Then then) {
    timer_.expires_after(wait);
    timer_.async_wait([self = this->shared_from_this(), then](boost::system::error_code ec) {
      if (ec || self->done_) return;
      then(*self);
    });
  }

  void End() {
    switch (plan_->end) {
      case StreamPlan::End::kFinish:
        ending_ = true;
        return Write(kLastChunk, [](StreamWriter& w) { w.Finish("finished"); });
      case StreamPlan::End::kDrop:
        return Finish("dropped");
      case StreamPlan::End::kHang:
        UpdateStreamRecord(*plan_->record, sent_, "hanging");
        return;  // the drain read ends it when the client gives up
    }
  }

  // Reads (and discards) until the client closes; that ends the stream if still running.
  void Drain() {
    socket_.async_read_some(boost::asio::buffer(drain_), [self = this->shared_from_this()](boost::system::error_code ec,
                                                                                           std::size_t) {
      // A client that has read the last chunk may close before that write's completion runs:
      // then the write's outcome, not the close, says how the stream ended.
      if (ec && self->ending_) return;
      if (ec) return self->Finish("clientClosed");
      self->Drain();
    });
  }

  // Ends the stream once: records how (null: keep the state), closes the connection.
  void Finish(const char* state) {
    if (done_) return;
    done_ = true;
    UpdateStreamRecord(*plan_->record, sent_, state);
    timer_.cancel();
    close_();
  }

  static inline const std::string kLastChunk = "0\r\n\r\n";

  Stream& socket_;
  std::shared_ptr<StreamPlan> plan_;
  std::shared_ptr<void> session_;  // the socket's owner
  std::function<void()> close_;
  boost::asio::steady_timer timer_;
  std::size_t next_ = 0;
  std::size_t sent_ = 0;
  bool done_ = false;
  bool ending_ = false;  // the last chunk is being written
  char drain_[512];
};

/// Starts sending `plan` on `socket`, owned by `session`; `close` closes the connection.
template <class Stream>
void StartStreamWriter(Stream& socket, std::shared_ptr<StreamPlan> plan, std::shared_ptr<void> session,
                       std::function<void()> close) {
  std::make_shared<StreamWriter<Stream>>(socket, std::move(plan), std::move(session), std::move(close))->Start();
}

}  // namespace livekit::mock
