#pragma once
// The one template every client method goes through: typed request in, typed result out, in
// the three forms of livekit/api_method.h.

#include <future>
#include <memory>
#include <vector>

#include <google/protobuf/repeated_ptr_field.h>

#include "common/error_builder.h"
#include "services/api_connection.h"
#include "services/request_facts.h"
#include "twirp/codec.h"

namespace livekit::internal {

/// A call's typed response and the caller's callback, in the one object the call holds.
template <typename Resp>
class TypedSink final : public CallSink {
 public:
  TypedSink(Encoding encoding, std::function<void(Result<Resp>)> done) : encoding_(encoding), done_(std::move(done)) {}
  Status Parse(const HttpResponse& http) override { return DecodeMessage(http, encoding_, &response_); }
  void Done(Status status) override {
    if (status.ok()) {
      done_(Result<Resp>(std::move(response_)));
    } else {
      done_(Result<Resp>(std::move(status).error()));
    }
  }

 private:
  const Encoding encoding_;
  std::function<void(Result<Resp>)> done_;
  Resp response_;
};

/// The callback form: every other form is built on it.
template <typename Resp, typename Req>
livekit::CallHandle StartTypedCall(const std::shared_ptr<ApiConnection>& connection, const MethodInfo& method,
                                   const Req& request, const CallOptions& options,
                                   std::function<void(Result<Resp>)> done) {
  auto sink = std::make_shared<TypedSink<Resp>>(connection->encoding(), std::move(done));
  return connection->Start(method, request, FactsOf(request), options, std::move(sink));
}

template <typename Resp, typename Req>
std::future<Result<Resp>> FutureTypedCall(const std::shared_ptr<ApiConnection>& connection, const MethodInfo& method,
                                          const Req& request, const CallOptions& options) {
  auto promise = std::make_shared<std::promise<Result<Resp>>>();
  auto future = promise->get_future();
  StartTypedCall<Resp>(connection, method, request, options,
                       [promise](Result<Resp> r) { promise->set_value(std::move(r)); });
  return future;
}

template <typename Resp, typename Req>
Result<Resp> BlockingTypedCall(const std::shared_ptr<ApiConnection>& connection, const MethodInfo& method,
                               const Req& request, const CallOptions& options) {
  if (connection->OnIoThread()) {
    Error e(ErrorCode::kInternal,
            "a blocking API call from an SDK callback would wait for itself; use the Async form");
    ErrorBuilder(e).set_method(std::string(method.service) + "/" + std::string(method.method));
    return e;
  }
  return FutureTypedCall<Resp>(connection, method, request, options).get();
}

/// The items of a list answer (`field` names them, e.g. &ListRoomsResponse::rooms), or the
/// call's error: what the convenience forms of the List methods return.
template <typename Resp, typename Item>
Result<std::vector<Item>> ListItems(Result<Resp> r,
                                    const google::protobuf::RepeatedPtrField<Item>& (Resp::*field)() const) {
  if (!r.ok()) return std::move(r).error();
  const auto& items = ((*r).*field)();
  return std::vector<Item>(items.begin(), items.end());
}

}  // namespace livekit::internal

/// Defines what every client class has besides its methods: the two constructors (own
/// connection from options, or a connection shared with LiveKitAPI) and status().
#define LIVEKIT_DEFINE_CLIENT(Client)                                                                        \
  Client::Client(ClientOptions options)                                                                      \
      : connection_(std::make_shared<internal::ApiConnection>(std::move(options))) {}                        \
  Client::Client(std::shared_ptr<internal::ApiConnection> connection)                                        \
      : connection_(std::move(connection)) {}                                                                \
  const Status& Client::status() const { return connection_->status(); }

/// Defines the three forms of LIVEKIT_API_METHOD for `Client::Name` (service `Service`).
#define LIVEKIT_DEFINE_API_METHOD(Client, Service, Name, Req, Resp)                                          \
  Result<Resp> Client::Name(const Req& request, const CallOptions& options) const {                         \
    static const internal::MethodInfo& method = internal::RequireMethod(Service, #Name);                    \
    return internal::BlockingTypedCall<Resp>(connection_, method, request, options);                       \
  }                                                                                                         \
  std::future<Result<Resp>> Client::Name##Async(const Req& request, const CallOptions& options) const {    \
    static const internal::MethodInfo& method = internal::RequireMethod(Service, #Name);                    \
    return internal::FutureTypedCall<Resp>(connection_, method, request, options);                         \
  }                                                                                                         \
  CallHandle Client::Name##Async(const Req& request, std::function<void(Result<Resp>)> done,               \
                                 const CallOptions& options) const {                                        \
    static const internal::MethodInfo& method = internal::RequireMethod(Service, #Name);                    \
    return internal::StartTypedCall<Resp>(connection_, method, request, options, std::move(done));         \
  }
