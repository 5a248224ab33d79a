#pragma once
/// @file
/// LiveKitAPI: every service client of the server API, built from one set of options.

#include <memory>

#include "livekit/agent_dispatch_client.h"
#include "livekit/agent_simulation_client.h"
#include "livekit/agentdb_client.h"
#include "livekit/client_options.h"
#include "livekit/cloud_agent_client.h"
#include "livekit/connector_client.h"
#include "livekit/egress_client.h"
#include "livekit/ingress_client.h"
#include "livekit/phone_number_client.h"
#include "livekit/result.h"
#include "livekit/room_service_client.h"
#include "livekit/sip_client.h"

namespace livekit {

/// The entry point of the server API: ten clients over one connection (one token signer,
/// one connection pool, one failover state). The three LiveKit Cloud agent clients
/// (cloud_agent(), agent_simulation(), agentdb()) share it too; cloud_agent() calls go to the
/// agents host (see CloudAgentClient).
///
///     auto api = livekit::LiveKitAPI::Create({});  // LIVEKIT_URL, LIVEKIT_API_KEY, ...
///     if (!api.ok()) { /* api.error().message() */ }
///     auto rooms = api->room().ListRooms();
///
/// Thread safety: copyable; copies and concurrent calls from any threads are safe. Calls still
/// in flight when the last copy (and the last client taken from it) goes away complete with
/// ErrorCode::kCancelled.
class LiveKitAPI {
 public:
  /// Builds the clients; unusable options (bad URL, no credentials) -> kInvalidArgument.
  static Result<LiveKitAPI> Create(ClientOptions options);

  /// Builds the clients without checking: an error is reported by status() and by every call.
  explicit LiveKitAPI(ClientOptions options = {});

  /// OK, or why the options are unusable.
  const Status& status() const;

  /// The RoomService client.
  RoomServiceClient& room() { return room_; }
  /// The Egress client.
  EgressClient& egress() { return egress_; }
  /// The Ingress client.
  IngressClient& ingress() { return ingress_; }
  /// The SIP client.
  SipClient& sip() { return sip_; }
  /// The AgentDispatchService client.
  AgentDispatchClient& agent_dispatch() { return agent_dispatch_; }
  /// The Connector client (WhatsApp, Twilio).
  ConnectorClient& connector() { return connector_; }
  /// The PhoneNumberService client.
  PhoneNumberClient& phone_number() { return phone_number_; }
  /// The CloudAgent client (LiveKit Cloud agents).
  CloudAgentClient& cloud_agent() { return cloud_agent_; }
  /// The AgentSimulation client (LiveKit Cloud agent simulations).
  AgentSimulationClient& agent_simulation() { return agent_simulation_; }
  /// The AgentDBService client (LiveKit Cloud AgentDB).
  AgentDBClient& agentdb() { return agentdb_; }
  /// The RoomService client.
  const RoomServiceClient& room() const { return room_; }
  /// The Egress client.
  const EgressClient& egress() const { return egress_; }
  /// The Ingress client.
  const IngressClient& ingress() const { return ingress_; }
  /// The SIP client.
  const SipClient& sip() const { return sip_; }
  /// The AgentDispatchService client.
  const AgentDispatchClient& agent_dispatch() const { return agent_dispatch_; }
  /// The Connector client (WhatsApp, Twilio).
  const ConnectorClient& connector() const { return connector_; }
  /// The PhoneNumberService client.
  const PhoneNumberClient& phone_number() const { return phone_number_; }
  /// The CloudAgent client (LiveKit Cloud agents).
  const CloudAgentClient& cloud_agent() const { return cloud_agent_; }
  /// The AgentSimulation client (LiveKit Cloud agent simulations).
  const AgentSimulationClient& agent_simulation() const { return agent_simulation_; }
  /// The AgentDBService client (LiveKit Cloud AgentDB).
  const AgentDBClient& agentdb() const { return agentdb_; }

 private:
  explicit LiveKitAPI(std::shared_ptr<internal::ApiConnection> connection);

  std::shared_ptr<internal::ApiConnection> connection_;
  RoomServiceClient room_;
  EgressClient egress_;
  IngressClient ingress_;
  SipClient sip_;
  AgentDispatchClient agent_dispatch_;
  ConnectorClient connector_;
  PhoneNumberClient phone_number_;
  CloudAgentClient cloud_agent_;
  AgentSimulationClient agent_simulation_;
  AgentDBClient agentdb_;
};

}  // namespace livekit
