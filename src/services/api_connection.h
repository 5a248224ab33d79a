#pragma once
// What every service client shares: the resolved options, the HTTP engine and the failover
// runner, and the list of calls in flight (cancelled when the last client lets go of it).
// Turns one (method, request) into a CallSpec with its token and headers, and the outcome
// back into a Status with the method, URL and request id filled in.
//
// Thread-safe: Start may be called from any thread.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <google/protobuf/message.h>

#include "failover/call_runner.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"
#include "services/method_table.h"
#include "services/request_facts.h"
#include "services/resolved_options.h"
#include "services/token_cache.h"
#include "transport/curl_engine.h"

namespace livekit::internal {

/// Calls of one connection that have not finished yet.
class InflightCalls {
 public:
  std::uint64_t NextId() { return next_.fetch_add(1, std::memory_order_relaxed) + 1; }
  void Add(std::uint64_t id, CallHandle handle);
  void Remove(std::uint64_t id);
  void CancelAll();

 private:
  std::atomic<std::uint64_t> next_{0};
  std::mutex mu_;
  std::unordered_map<std::uint64_t, CallHandle> calls_;
  std::unordered_set<std::uint64_t> finished_early_;  // Remove() came before Add()
};

/// Where a call's answer goes: one object per call (the typed response and the caller's
/// callback together, typed_call.h), so a call allocates one holder, not one per step.
class CallSink {
 public:
  virtual ~CallSink() = default;
  /// Parses a 2xx answer into the response message.
  virtual Status Parse(const HttpResponse& http) = 0;
  /// The call's end: OK after a successful Parse, else the error. Called once.
  virtual void Done(Status status) = 0;
};

class ApiConnection {
 public:
  /// Resolves the options (environment fallbacks); a failure is kept and returned by every call.
  explicit ApiConnection(ClientOptions options);
  /// With a given transport and scheduler (tests).
  ApiConnection(ClientOptions options, std::shared_ptr<Transport> transport, std::shared_ptr<Scheduler> scheduler);
  /// Cancels every call still in flight: their callbacks run with kCancelled.
  ~ApiConnection();
  ApiConnection(const ApiConnection&) = delete;
  ApiConnection& operator=(const ApiConnection&) = delete;

  /// OK, or why the options are unusable.
  const Status& status() const { return status_; }
  Encoding encoding() const { return resolved_.options.encoding; }

  /// Starts a call. `sink` parses a 2xx answer, then gets the call's status once: on the
  /// engine's thread, or on the calling thread when the call fails before anything is sent
  /// (bad options, unencodable request). `facts` are the request's fields the SDK reads
  /// (FactsOf(request)).
  livekit::CallHandle Start(const MethodInfo& method, const google::protobuf::Message& request,
                            const RequestFacts& facts, const CallOptions& options, std::shared_ptr<CallSink> sink);

  /// True on the engine's I/O thread, where a blocking call would wait for itself.
  bool OnIoThread() const;

  /// Builds the CallSpec of a call (exposed for unit tests of headers, timeouts and tokens).
  Result<CallSpec> BuildSpec(const MethodInfo& method, const google::protobuf::Message& request,
                             const RequestFacts& facts, const CallOptions& options) const;

 private:
  Status status_;
  ResolvedOptions resolved_;
  std::shared_ptr<const ParsedOrigin> parsed_origin_;  // resolved_.origin, parsed once
  std::shared_ptr<const ParsedOrigin> parsed_agents_origin_;  // resolved_.agents, when usable
  std::shared_ptr<CurlEngine> engine_;  // null when a transport was injected
  std::unique_ptr<CallRunner> runner_;
  std::shared_ptr<InflightCalls> inflight_;
  std::uint64_t client_id_ = 0;  // its own queues under ClientOptions::max_requests_per_host
  std::unique_ptr<TokenCache> tokens_;  // null when a pre-signed token is used
};

/// Looks a method up in the table; aborts on a name that is not there (a bug in the SDK).
const MethodInfo& RequireMethod(std::string_view service, std::string_view method);

}  // namespace livekit::internal
