#pragma once
// The 88 methods of LiveKit's server API (the seven core services and LiveKit Cloud's three
// agent services): wire names, message types, the least grant each needs, the host it goes
// to, and how it may be replayed. One table, made of the one list of methods
// (method_list.h) and read by the service clients (which token to sign) and the failover
// layer (idempotency). The mock server keeps a table of its own (which token to accept),
// written from the server's permission rules; a test compares the two.

#include <cstdint>
#include <string_view>

#include "failover/call.h"

namespace livekit::internal {

/// The grant a method needs. `room_scoped`: the video grant's `room` must equal the request's
/// room (field `room` or `room_name`); `dest_scoped`: `destinationRoom` must equal the request's
/// `destination_room`. The `agent_*` members are members of the token's `agent` claim.
struct RequiredGrant {
  bool room_create = false;
  bool room_list = false;
  bool room_record = false;
  bool room_admin = false;
  bool ingress_admin = false;
  bool sip_admin = false;
  bool sip_call = false;
  bool room_scoped = false;
  bool dest_scoped = false;
  bool agent_admin = false;       // agent.admin: Cloud Agents
  bool simulation_admin = false;  // agent.simulationAdmin: simulations and scenarios
  bool database_admin = false;    // agent.databaseAdmin: AgentDB databases
};

/// How long a call may take: the default rule, or the phone-dialing rule
/// max(timeout, ringing_timeout + 2 s) with ringing_timeout 30 s when unset.
enum class TimeoutRule {
  kDefault,
  kDialing,                 // always waits for the far end
  kDialingIfWaitAnswered,   // only when the request's wait_until_answered is true
};

/// Where a method's calls go: the project URL, or LiveKit Cloud's agents host (the project
/// URL with its first label replaced by `agents`, or LK_AGENTS_URL / ClientOptions::agents_url;
/// resolved_options.h).
enum class ServiceHost { kProject, kAgents };

struct MethodInfo {
  std::string_view service;   // Twirp service, e.g. "RoomService" (path: /livekit.RoomService/...)
  std::string_view method;    // e.g. "CreateRoom"
  std::string_view request;   // full protobuf name of the request message
  std::string_view response;  // full protobuf name of the response message
  RequiredGrant grant;
  MethodKind kind;
  TimeoutRule timeout_rule = TimeoutRule::kDefault;
  ServiceHost host = ServiceHost::kProject;
};

/// All methods: the core services in the order of api-surface.md, then the agent services.
const MethodInfo* AllMethods(std::size_t* count);

/// Looks a method up by its Twirp service and method name; null when unknown.
const MethodInfo* FindMethod(std::string_view service, std::string_view method);

}  // namespace livekit::internal
