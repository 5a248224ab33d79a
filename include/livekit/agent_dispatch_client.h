#pragma once
/// @file
/// AgentDispatchClient: Explicit dispatch of agents to rooms.

#include <memory>
#include <string>
#include <vector>

#include "livekit_agent_dispatch.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// Explicit dispatch of agents to rooms.
///
/// Calls `livekit.AgentDispatchService`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token with the least grant the method
/// needs (or sends the configured token verbatim).
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class AgentDispatchClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit AgentDispatchClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit AgentDispatchClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `AgentDispatchService/CreateDispatch`: CreateAgentDispatchRequest -> AgentDispatch.
  LIVEKIT_API_METHOD(CreateDispatch, CreateAgentDispatchRequest, AgentDispatch)
  /// `AgentDispatchService/DeleteDispatch`: DeleteAgentDispatchRequest -> AgentDispatch.
  LIVEKIT_API_METHOD(DeleteDispatch, DeleteAgentDispatchRequest, AgentDispatch)
  /// `AgentDispatchService/ListDispatch`: ListAgentDispatchRequest -> ListAgentDispatchResponse.
  LIVEKIT_API_METHOD(ListDispatch, ListAgentDispatchRequest, ListAgentDispatchResponse)

  // Convenience forms (blocking), as in the official SDKs.

  /// Dispatches agent `agent_name` to `room` with optional job `metadata`.
  Result<AgentDispatch> CreateDispatch(const std::string& room, const std::string& agent_name,
                                       const std::string& metadata = {}, const CallOptions& options = {}) const;
  /// CreateDispatch without metadata, with options for this call.
  template <typename Options, EnableIfCallOptions<Options> = 0>
  Result<AgentDispatch> CreateDispatch(const std::string& room, const std::string& agent_name,
                                       const Options& options) const {
    return CreateDispatch(room, agent_name, std::string(), options);
  }
  /// Deletes dispatch `dispatch_id` of `room`.
  Result<AgentDispatch> DeleteDispatch(const std::string& dispatch_id, const std::string& room,
                                       const CallOptions& options = {}) const;
  /// Lists the dispatches of `room`.
  Result<std::vector<AgentDispatch>> ListDispatch(const std::string& room, const CallOptions& options = {}) const;
  /// Gets dispatch `dispatch_id` of `room`; kServerRejection (not_found) when absent.
  Result<AgentDispatch> GetDispatch(const std::string& dispatch_id, const std::string& room,
                                    const CallOptions& options = {}) const;

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
