#include "transport/user_transport.h"

#include <atomic>
#include <string>
#include <utility>

namespace livekit::internal {
namespace {

// Ids unique in the process: one HttpTransport may serve several clients.
std::atomic<Transport::ExchangeId> last_id{0};

ExchangeResult Failure(ErrorCode code, std::string message, bool may_have_reached_server) {
  ExchangeResult r;
  r.error = Error(code, std::move(message));
  r.may_have_reached_server = may_have_reached_server;
  return r;
}

}  // namespace

std::shared_ptr<UserTransport> UserTransport::Create(std::shared_ptr<HttpTransport> user,
                                                     std::shared_ptr<Scheduler> scheduler) {
  return std::shared_ptr<UserTransport>(new UserTransport(std::move(user), std::move(scheduler)));
}

UserTransport::UserTransport(std::shared_ptr<HttpTransport> user, std::shared_ptr<Scheduler> scheduler)
    : user_(std::move(user)), scheduler_(std::move(scheduler)) {}

Transport::ExchangeId UserTransport::Send(HttpRequest request, ExchangeCallback done) {
  std::weak_ptr<UserTransport> weak = weak_from_this();
  ExchangeId id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    id = ++last_id;
    Open& open = open_[id];
    open.done = std::move(done);
    open.max_response_bytes = request.max_response_bytes;
  }
  const auto timeout = request.timeout;
  const Scheduler::TimerId timer = scheduler_->RunAfter(timeout, [weak, id, timeout] {
    auto self = weak.lock();
    if (!self) return;
    // The user's transport lets go first: the call's outcome is then its last word.
    self->user_->Cancel(id);
    self->Finish(id, Failure(ErrorCode::kTimeout, "no answer within " + std::to_string(timeout.count()) + " ms", true));
  });
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = open_.find(id);
    if (it != open_.end()) it->second.timer = timer;
  }

  HttpTransportRequest out;
  out.method = request.verb == HttpRequest::Verb::kGet ? "GET" : request.verb == HttpRequest::Verb::kPut ? "PUT" : "POST";
  out.url = std::move(request.url);
  out.headers = request.shared_headers ? request.AllHeaders() : std::move(request.headers);
  out.body = std::move(request.body);
  out.timeout = timeout;
  user_->Send(id, std::move(out), [weak, id](HttpTransportResult result) {
    auto self = weak.lock();
    if (!self) return;
    // The rest of the call runs on the scheduler's thread, never inside the user's Send.
    auto shared = std::make_shared<HttpTransportResult>(std::move(result));
    self->scheduler_->Post([weak, id, shared] {
      if (auto alive = weak.lock()) alive->Finish(id, std::move(*shared));
    });
  });
  return id;
}

void UserTransport::Cancel(ExchangeId id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (open_.find(id) == open_.end()) return;
  }
  user_->Cancel(id);
  std::weak_ptr<UserTransport> weak = weak_from_this();
  scheduler_->Post([weak, id] {
    if (auto self = weak.lock()) self->Finish(id, Failure(ErrorCode::kCancelled, "cancelled", true));
  });
}

void UserTransport::Finish(ExchangeId id, HttpTransportResult result) {
  std::size_t limit = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = open_.find(id);
    if (it == open_.end()) return;  // already ended (timeout, cancel)
    limit = it->second.max_response_bytes;
  }
  ExchangeResult r;
  if (result.response) {
    if (limit > 0 && result.response->body.size() > limit) {
      r = Failure(ErrorCode::kBadResponse, "response larger than " + std::to_string(limit) + " bytes", true);
    } else {
      HttpResponse response;
      response.status = result.response->status;
      response.headers = std::move(result.response->headers);
      response.body = std::move(result.response->body);
      r.response = std::move(response);
    }
  } else {
    r.error = std::move(result.error);
    if (r.error.code() == ErrorCode::kOk) {
      r.error = Error(ErrorCode::kInternal, "the HTTP transport ended an exchange without an answer or an error");
    }
    r.may_have_reached_server = result.may_have_reached_server;
  }
  Finish(id, std::move(r));
}

void UserTransport::Finish(ExchangeId id, ExchangeResult result) {
  Open open;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = open_.find(id);
    if (it == open_.end()) return;
    open = std::move(it->second);
    open_.erase(it);
  }
  scheduler_->CancelTimer(open.timer);
  open.done(std::move(result));
}

}  // namespace livekit::internal
