#pragma once
// The internal Transport over a user's HttpTransport (ClientOptions::transport): the failover
// layer sees the same exchanges, answers and failures as with the libcurl engine. What the
// engine does below the HTTP exchange is done here instead: the exchange's timeout (an
// exchange still open then ends with kTimeout), the answer size limit, and completion on the
// scheduler's thread (never inside Send), whichever thread the user's transport answers on.

#include <memory>
#include <mutex>
#include <unordered_map>

#include "livekit/http_transport.h"
#include "transport/transport.h"

namespace livekit::internal {

class UserTransport final : public Transport, public std::enable_shared_from_this<UserTransport> {
 public:
  static std::shared_ptr<UserTransport> Create(std::shared_ptr<HttpTransport> user,
                                               std::shared_ptr<Scheduler> scheduler);

  ExchangeId Send(HttpRequest request, ExchangeCallback done) override;
  void Cancel(ExchangeId id) override;
  bool BoundsExchangeTime() const override { return true; }

 private:
  struct Open {
    ExchangeCallback done;
    Scheduler::TimerId timer = 0;
    std::size_t max_response_bytes = 0;
  };

  UserTransport(std::shared_ptr<HttpTransport> user, std::shared_ptr<Scheduler> scheduler);
  // Ends an exchange once (the first of answer, timeout and cancel); on the scheduler's thread.
  void Finish(ExchangeId id, HttpTransportResult result);
  void Finish(ExchangeId id, ExchangeResult result);

  std::shared_ptr<HttpTransport> user_;
  std::shared_ptr<Scheduler> scheduler_;
  std::mutex mu_;
  std::unordered_map<ExchangeId, Open> open_;
};

}  // namespace livekit::internal
