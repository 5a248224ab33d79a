#pragma once
/// @file
/// CloudAgentClient: LiveKit Cloud agents: create, deploy, version, roll back, restart, secrets, private links.

#include <memory>

#include "livekit_cloud_agent.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// LiveKit Cloud agents: create, deploy, version, roll back, restart, secrets, private links.
///
/// Calls `livekit.CloudAgent`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token whose only grant is `agent.admin`
/// (or sends the configured token verbatim).
///
/// Host: LiveKit Cloud's agents host, not the project URL. ClientOptions::agents_url, else the
/// LK_AGENTS_URL environment variable, else the project URL with its first label replaced by
/// `agents` over https (`wss://proj.livekit.cloud` -> `https://agents.livekit.cloud`); a
/// project URL on `localhost` or an IP address is used as it is. Failover (region discovery
/// included) runs against that host.
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class CloudAgentClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit CloudAgentClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit CloudAgentClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `CloudAgent/CreateAgent`: CreateAgentRequest -> CreateAgentResponse. Creates an agent; the answer holds where to upload its source.
  LIVEKIT_API_METHOD(CreateAgent, CreateAgentRequest, CreateAgentResponse)
  /// `CloudAgent/CreateAgentV2`: CreateAgentV2Request -> CreateAgentV2Response. Creates an agent without an upload.
  LIVEKIT_API_METHOD(CreateAgentV2, CreateAgentV2Request, CreateAgentV2Response)
  /// `CloudAgent/PromoteAgent`: PromoteAgentRequest -> PromoteAgentResponse. Promotes one deployment of an agent to another.
  LIVEKIT_API_METHOD(PromoteAgent, PromoteAgentRequest, PromoteAgentResponse)
  /// `CloudAgent/ListAgents`: ListAgentsRequest -> ListAgentsResponse.
  LIVEKIT_API_METHOD(ListAgents, ListAgentsRequest, ListAgentsResponse)
  /// `CloudAgent/ListAgentVersions`: ListAgentVersionsRequest -> ListAgentVersionsResponse.
  LIVEKIT_API_METHOD(ListAgentVersions, ListAgentVersionsRequest, ListAgentVersionsResponse)
  /// `CloudAgent/ListAgentSecrets`: ListAgentSecretsRequest -> ListAgentSecretsResponse.
  LIVEKIT_API_METHOD(ListAgentSecrets, ListAgentSecretsRequest, ListAgentSecretsResponse)
  /// `CloudAgent/UpdateAgent`: UpdateAgentRequest -> UpdateAgentResponse.
  LIVEKIT_API_METHOD(UpdateAgent, UpdateAgentRequest, UpdateAgentResponse)
  /// `CloudAgent/RestartAgent`: RestartAgentRequest -> RestartAgentResponse.
  LIVEKIT_API_METHOD(RestartAgent, RestartAgentRequest, RestartAgentResponse)
  /// `CloudAgent/DeployAgent`: DeployAgentRequest -> DeployAgentResponse. Starts a new version; the answer holds where to upload its source.
  LIVEKIT_API_METHOD(DeployAgent, DeployAgentRequest, DeployAgentResponse)
  /// `CloudAgent/DeployAgentV2`: DeployAgentV2Request -> DeployAgentV2Response.
  LIVEKIT_API_METHOD(DeployAgentV2, DeployAgentV2Request, DeployAgentV2Response)
  /// `CloudAgent/UpdateAgentSecrets`: UpdateAgentSecretsRequest -> UpdateAgentSecretsResponse.
  LIVEKIT_API_METHOD(UpdateAgentSecrets, UpdateAgentSecretsRequest, UpdateAgentSecretsResponse)
  /// `CloudAgent/RollbackAgent`: RollbackAgentRequest -> RollbackAgentResponse. Goes back to the version the request names.
  LIVEKIT_API_METHOD(RollbackAgent, RollbackAgentRequest, RollbackAgentResponse)
  /// `CloudAgent/DeleteAgent`: DeleteAgentRequest -> DeleteAgentResponse.
  LIVEKIT_API_METHOD(DeleteAgent, DeleteAgentRequest, DeleteAgentResponse)
  /// `CloudAgent/CreatePrivateLink`: CreatePrivateLinkRequest -> CreatePrivateLinkResponse.
  LIVEKIT_API_METHOD(CreatePrivateLink, CreatePrivateLinkRequest, CreatePrivateLinkResponse)
  /// `CloudAgent/DestroyPrivateLink`: DestroyPrivateLinkRequest -> DestroyPrivateLinkResponse.
  LIVEKIT_API_METHOD(DestroyPrivateLink, DestroyPrivateLinkRequest, DestroyPrivateLinkResponse)
  /// `CloudAgent/ListPrivateLinks`: ListPrivateLinksRequest -> ListPrivateLinksResponse.
  LIVEKIT_API_METHOD(ListPrivateLinks, ListPrivateLinksRequest, ListPrivateLinksResponse)
  /// `CloudAgent/GetPrivateLinkStatus`: GetPrivateLinkStatusRequest -> GetPrivateLinkStatusResponse.
  LIVEKIT_API_METHOD(GetPrivateLinkStatus, GetPrivateLinkStatusRequest, GetPrivateLinkStatusResponse)
  /// `CloudAgent/GetClientSettings`: ClientSettingsRequest -> ClientSettingsResponse.
  LIVEKIT_API_METHOD(GetClientSettings, ClientSettingsRequest, ClientSettingsResponse)

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
