#pragma once
// One case per API method for the tests that run every method against lk-mock-server in all
// three call forms (methods_test.cc: the 58 core methods; agent_methods_test.cc: the 30 of
// LiveKit Cloud's agent services).

#include <functional>
#include <future>
#include <string>

#include "livekit/livekit_api.h"
#include "populated_response_check.h"

namespace livekit::test {

enum class Form { kBlocking, kFuture, kCallback };

struct MethodCase {
  const char* name;
  /// Runs the method in `form` with a request of populated scalars; "" when the populated
  /// answer decoded, else what went wrong.
  std::function<std::string(LiveKitAPI&, Form)> run;
};

/// A MethodCase calling api.client().Name (and NameAsync) with a Req; `precheck` is a
/// statement run on `req` first (it may return a failure text).
#define LK_METHOD_CASE(client, Name, Req, Resp, precheck)                                     \
  MethodCase {                                                                                \
    #Name, [](LiveKitAPI& api, Form form) -> std::string {                                    \
      Req req;                                                                                \
      FillScalars(&req);                                                                      \
      precheck                                                                                \
      Result<Resp> r = Error(ErrorCode::kInternal, "not run");                                \
      if (form == Form::kBlocking) {                                                          \
        r = api.client().Name(req);                                                           \
      } else if (form == Form::kFuture) {                                                     \
        r = api.client().Name##Async(req).get();                                              \
      } else {                                                                                \
        std::promise<Result<Resp>> p;                                                         \
        auto f = p.get_future();                                                              \
        api.client().Name##Async(req, [&p](Result<Resp> x) { p.set_value(std::move(x)); });  \
        r = f.get();                                                                          \
      }                                                                                       \
      if (!r.ok()) return "call failed: " + r.error().ToString();                             \
      return CheckPopulated(req, *r);                                                         \
    }                                                                                         \
  }

}  // namespace livekit::test
