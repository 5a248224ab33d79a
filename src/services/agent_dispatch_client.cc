#include "livekit/agent_dispatch_client.h"

#include "common/error_builder.h"
#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(AgentDispatchClient)

Result<AgentDispatch> AgentDispatchClient::CreateDispatch(const std::string& room, const std::string& agent_name,
                                                          const std::string& metadata,
                                                          const CallOptions& options) const {
  CreateAgentDispatchRequest req;
  req.set_room(room);
  req.set_agent_name(agent_name);
  req.set_metadata(metadata);
  return CreateDispatch(req, options);
}

Result<AgentDispatch> AgentDispatchClient::DeleteDispatch(const std::string& dispatch_id, const std::string& room,
                                                          const CallOptions& options) const {
  DeleteAgentDispatchRequest req;
  req.set_dispatch_id(dispatch_id);
  req.set_room(room);
  return DeleteDispatch(req, options);
}

Result<std::vector<AgentDispatch>> AgentDispatchClient::ListDispatch(const std::string& room,
                                                                     const CallOptions& options) const {
  ListAgentDispatchRequest req;
  req.set_room(room);
  return internal::ListItems(ListDispatch(req, options), &ListAgentDispatchResponse::agent_dispatches);
}

Result<AgentDispatch> AgentDispatchClient::GetDispatch(const std::string& dispatch_id, const std::string& room,
                                                       const CallOptions& options) const {
  ListAgentDispatchRequest req;
  req.set_dispatch_id(dispatch_id);
  req.set_room(room);
  auto r = ListDispatch(req, options);
  if (!r.ok()) return std::move(r).error();
  if (r->agent_dispatches_size() == 0) {
    Error e(ErrorCode::kServerRejection, "no dispatch " + dispatch_id + " in room " + room);
    internal::ErrorBuilder(e).set_twirp_code("not_found").set_method("AgentDispatchService/ListDispatch");
    return e;
  }
  return r->agent_dispatches(0);
}

}  // namespace livekit
