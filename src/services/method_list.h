#pragma once
// Every method of LiveKit's server API (LiveKit Cloud's three agent services last), once,
// grouped by service: the client class that has it, its Twirp service and method names, its
// request and response messages (package livekit), the least grant it needs, how it may be
// replayed (R read, W idempotent write, S side effect) and its timeout rule. method_table.cc
// makes the method table of it, and api_methods.cc the definitions of the client methods; each
// client's public header declares them (LIVEKIT_API_METHOD) with their documentation.
//
// X(Client, service, Name, Request, Response, grant, kind, timeout_rule)

#define LIVEKIT_FOR_EACH_API_METHOD(X)                                                                                                                                                             \
  /* CreateRoom returns the existing room when it exists: safe to replay. */                                                                                                                       \
  X(RoomServiceClient, "RoomService", CreateRoom, CreateRoomRequest, Room, kRoomCreate, W, kDefault)                                                                                               \
  X(RoomServiceClient, "RoomService", ListRooms, ListRoomsRequest, ListRoomsResponse, kRoomList, R, kDefault)                                                                                      \
  X(RoomServiceClient, "RoomService", DeleteRoom, DeleteRoomRequest, DeleteRoomResponse, kRoomCreate, W, kDefault)                                                                                 \
  X(RoomServiceClient, "RoomService", ListParticipants, ListParticipantsRequest, ListParticipantsResponse, kRoomAdmin, R, kDefault)                                                                \
  X(RoomServiceClient, "RoomService", GetParticipant, RoomParticipantIdentity, ParticipantInfo, kRoomAdmin, R, kDefault)                                                                           \
  X(RoomServiceClient, "RoomService", RemoveParticipant, RoomParticipantIdentity, RemoveParticipantResponse, kRoomAdmin, W, kDefault)                                                              \
  X(RoomServiceClient, "RoomService", MutePublishedTrack, MuteRoomTrackRequest, MuteRoomTrackResponse, kRoomAdmin, W, kDefault)                                                                    \
  X(RoomServiceClient, "RoomService", UpdateParticipant, UpdateParticipantRequest, ParticipantInfo, kRoomAdmin, W, kDefault)                                                                       \
  X(RoomServiceClient, "RoomService", UpdateSubscriptions, UpdateSubscriptionsRequest, UpdateSubscriptionsResponse, kRoomAdmin, W, kDefault)                                                       \
  X(RoomServiceClient, "RoomService", SendData, SendDataRequest, SendDataResponse, kRoomAdmin, S, kDefault)                                                                                        \
  X(RoomServiceClient, "RoomService", UpdateRoomMetadata, UpdateRoomMetadataRequest, Room, kRoomAdmin, W, kDefault)                                                                                \
  X(RoomServiceClient, "RoomService", ForwardParticipant, ForwardParticipantRequest, ForwardParticipantResponse, kRoomAdminDest, S, kDefault)                                                      \
  X(RoomServiceClient, "RoomService", MoveParticipant, MoveParticipantRequest, MoveParticipantResponse, kRoomAdminDest, S, kDefault)                                                               \
  X(RoomServiceClient, "RoomService", PerformRpc, PerformRpcRequest, PerformRpcResponse, kRoomAdmin, S, kDefault)                                                                                  \
  X(EgressClient, "Egress", StartEgress, StartEgressRequest, EgressInfo, kRoomRecord, S, kDefault)                                                                                                 \
  X(EgressClient, "Egress", StartRoomCompositeEgress, RoomCompositeEgressRequest, EgressInfo, kRoomRecord, S, kDefault)                                                                            \
  X(EgressClient, "Egress", StartWebEgress, WebEgressRequest, EgressInfo, kRoomRecord, S, kDefault)                                                                                                \
  X(EgressClient, "Egress", StartParticipantEgress, ParticipantEgressRequest, EgressInfo, kRoomRecord, S, kDefault)                                                                                \
  X(EgressClient, "Egress", StartTrackCompositeEgress, TrackCompositeEgressRequest, EgressInfo, kRoomRecord, S, kDefault)                                                                          \
  X(EgressClient, "Egress", StartTrackEgress, TrackEgressRequest, EgressInfo, kRoomRecord, S, kDefault)                                                                                            \
  X(EgressClient, "Egress", UpdateLayout, UpdateLayoutRequest, EgressInfo, kRoomRecord, W, kDefault)                                                                                               \
  X(EgressClient, "Egress", UpdateStream, UpdateStreamRequest, EgressInfo, kRoomRecord, W, kDefault)                                                                                               \
  X(EgressClient, "Egress", ListEgress, ListEgressRequest, ListEgressResponse, kRoomRecord, R, kDefault)                                                                                           \
  X(EgressClient, "Egress", StopEgress, StopEgressRequest, EgressInfo, kRoomRecord, W, kDefault)                                                                                                   \
  X(IngressClient, "Ingress", CreateIngress, CreateIngressRequest, IngressInfo, kIngressAdmin, S, kDefault)                                                                                        \
  X(IngressClient, "Ingress", UpdateIngress, UpdateIngressRequest, IngressInfo, kIngressAdmin, W, kDefault)                                                                                        \
  X(IngressClient, "Ingress", ListIngress, ListIngressRequest, ListIngressResponse, kIngressAdmin, R, kDefault)                                                                                    \
  X(IngressClient, "Ingress", DeleteIngress, DeleteIngressRequest, IngressInfo, kIngressAdmin, W, kDefault)                                                                                        \
  X(SipClient, "SIP", ListSIPTrunk, ListSIPTrunkRequest, ListSIPTrunkResponse, kSipAdmin, R, kDefault)                                                                                             \
  X(SipClient, "SIP", CreateSIPInboundTrunk, CreateSIPInboundTrunkRequest, SIPInboundTrunkInfo, kSipAdmin, S, kDefault)                                                                            \
  X(SipClient, "SIP", CreateSIPOutboundTrunk, CreateSIPOutboundTrunkRequest, SIPOutboundTrunkInfo, kSipAdmin, S, kDefault)                                                                         \
  X(SipClient, "SIP", UpdateSIPInboundTrunk, UpdateSIPInboundTrunkRequest, SIPInboundTrunkInfo, kSipAdmin, W, kDefault)                                                                            \
  X(SipClient, "SIP", UpdateSIPOutboundTrunk, UpdateSIPOutboundTrunkRequest, SIPOutboundTrunkInfo, kSipAdmin, W, kDefault)                                                                         \
  X(SipClient, "SIP", GetSIPInboundTrunk, GetSIPInboundTrunkRequest, GetSIPInboundTrunkResponse, kSipAdmin, R, kDefault)                                                                           \
  X(SipClient, "SIP", GetSIPOutboundTrunk, GetSIPOutboundTrunkRequest, GetSIPOutboundTrunkResponse, kSipAdmin, R, kDefault)                                                                        \
  X(SipClient, "SIP", ListSIPInboundTrunk, ListSIPInboundTrunkRequest, ListSIPInboundTrunkResponse, kSipAdmin, R, kDefault)                                                                        \
  X(SipClient, "SIP", ListSIPOutboundTrunk, ListSIPOutboundTrunkRequest, ListSIPOutboundTrunkResponse, kSipAdmin, R, kDefault)                                                                     \
  X(SipClient, "SIP", DeleteSIPTrunk, DeleteSIPTrunkRequest, SIPTrunkInfo, kSipAdmin, W, kDefault)                                                                                                 \
  X(SipClient, "SIP", CreateSIPDispatchRule, CreateSIPDispatchRuleRequest, SIPDispatchRuleInfo, kSipAdmin, S, kDefault)                                                                            \
  X(SipClient, "SIP", UpdateSIPDispatchRule, UpdateSIPDispatchRuleRequest, SIPDispatchRuleInfo, kSipAdmin, W, kDefault)                                                                            \
  X(SipClient, "SIP", ListSIPDispatchRule, ListSIPDispatchRuleRequest, ListSIPDispatchRuleResponse, kSipAdmin, R, kDefault)                                                                        \
  X(SipClient, "SIP", DeleteSIPDispatchRule, DeleteSIPDispatchRuleRequest, SIPDispatchRuleInfo, kSipAdmin, W, kDefault)                                                                            \
  X(SipClient, "SIP", CreateSIPParticipant, CreateSIPParticipantRequest, SIPParticipantInfo, kSipCall, S, kDialingIfWaitAnswered)                                                                  \
  X(SipClient, "SIP", TransferSIPParticipant, TransferSIPParticipantRequest, TransferSIPParticipantResponse, kSipCallRoomAdmin, S, kDialing)                                                       \
  X(AgentDispatchClient, "AgentDispatchService", CreateDispatch, CreateAgentDispatchRequest, AgentDispatch, kRoomAdmin, S, kDefault)                                                               \
  X(AgentDispatchClient, "AgentDispatchService", DeleteDispatch, DeleteAgentDispatchRequest, AgentDispatch, kRoomAdmin, W, kDefault)                                                               \
  X(AgentDispatchClient, "AgentDispatchService", ListDispatch, ListAgentDispatchRequest, ListAgentDispatchResponse, kRoomAdmin, R, kDefault)                                                       \
  X(ConnectorClient, "Connector", DialWhatsAppCall, DialWhatsAppCallRequest, DialWhatsAppCallResponse, kRoomCreate, S, kDefault)                                                                   \
  X(ConnectorClient, "Connector", DisconnectWhatsAppCall, DisconnectWhatsAppCallRequest, DisconnectWhatsAppCallResponse, kRoomCreate, S, kDefault)                                                 \
  X(ConnectorClient, "Connector", ConnectWhatsAppCall, ConnectWhatsAppCallRequest, ConnectWhatsAppCallResponse, kRoomCreate, S, kDefault)                                                          \
  X(ConnectorClient, "Connector", AcceptWhatsAppCall, AcceptWhatsAppCallRequest, AcceptWhatsAppCallResponse, kRoomCreate, S, kDialing)                                                             \
  X(ConnectorClient, "Connector", ConnectTwilioCall, ConnectTwilioCallRequest, ConnectTwilioCallResponse, kRoomCreate, S, kDefault)                                                                \
  X(PhoneNumberClient, "PhoneNumberService", SearchPhoneNumbers, SearchPhoneNumbersRequest, SearchPhoneNumbersResponse, kSipAdmin, R, kDefault)                                                    \
  X(PhoneNumberClient, "PhoneNumberService", PurchasePhoneNumber, PurchasePhoneNumberRequest, PurchasePhoneNumberResponse, kSipAdmin, S, kDefault)                                                 \
  X(PhoneNumberClient, "PhoneNumberService", ListPhoneNumbers, ListPhoneNumbersRequest, ListPhoneNumbersResponse, kSipAdmin, R, kDefault)                                                          \
  X(PhoneNumberClient, "PhoneNumberService", GetPhoneNumber, GetPhoneNumberRequest, GetPhoneNumberResponse, kSipAdmin, R, kDefault)                                                                \
  X(PhoneNumberClient, "PhoneNumberService", UpdatePhoneNumber, UpdatePhoneNumberRequest, UpdatePhoneNumberResponse, kSipAdmin, W, kDefault)                                                       \
  X(PhoneNumberClient, "PhoneNumberService", ReleasePhoneNumbers, ReleasePhoneNumbersRequest, ReleasePhoneNumbersResponse, kSipAdmin, W, kDefault)                                                 \
  /* Creating or deploying makes a new agent or version (and upload URL) each time: S. */                                                                                                          \
  X(CloudAgentClient, "CloudAgent", CreateAgent, CreateAgentRequest, CreateAgentResponse, kAgentAdmin, S, kDefault)                                                                                \
  X(CloudAgentClient, "CloudAgent", CreateAgentV2, CreateAgentV2Request, CreateAgentV2Response, kAgentAdmin, S, kDefault)                                                                          \
  X(CloudAgentClient, "CloudAgent", PromoteAgent, PromoteAgentRequest, PromoteAgentResponse, kAgentAdmin, W, kDefault)                                                                             \
  X(CloudAgentClient, "CloudAgent", ListAgents, ListAgentsRequest, ListAgentsResponse, kAgentAdmin, R, kDefault)                                                                                   \
  X(CloudAgentClient, "CloudAgent", ListAgentVersions, ListAgentVersionsRequest, ListAgentVersionsResponse, kAgentAdmin, R, kDefault)                                                              \
  X(CloudAgentClient, "CloudAgent", ListAgentSecrets, ListAgentSecretsRequest, ListAgentSecretsResponse, kAgentAdmin, R, kDefault)                                                                 \
  X(CloudAgentClient, "CloudAgent", UpdateAgent, UpdateAgentRequest, UpdateAgentResponse, kAgentAdmin, W, kDefault)                                                                                \
  /* A replayed restart restarts the agent again, which leaves it where one restart would. */                                                                                                      \
  X(CloudAgentClient, "CloudAgent", RestartAgent, RestartAgentRequest, RestartAgentResponse, kAgentAdmin, W, kDefault)                                                                             \
  X(CloudAgentClient, "CloudAgent", DeployAgent, DeployAgentRequest, DeployAgentResponse, kAgentAdmin, S, kDefault)                                                                                \
  X(CloudAgentClient, "CloudAgent", DeployAgentV2, DeployAgentV2Request, DeployAgentV2Response, kAgentAdmin, S, kDefault)                                                                          \
  /* Secrets are set or removed by name: safe to replay. */                                                                                                                                        \
  X(CloudAgentClient, "CloudAgent", UpdateAgentSecrets, UpdateAgentSecretsRequest, UpdateAgentSecretsResponse, kAgentAdmin, W, kDefault)                                                           \
  /* A rollback names the version it goes back to: safe to replay. */                                                                                                                              \
  X(CloudAgentClient, "CloudAgent", RollbackAgent, RollbackAgentRequest, RollbackAgentResponse, kAgentAdmin, W, kDefault)                                                                          \
  X(CloudAgentClient, "CloudAgent", DeleteAgent, DeleteAgentRequest, DeleteAgentResponse, kAgentAdmin, W, kDefault)                                                                                \
  X(CloudAgentClient, "CloudAgent", CreatePrivateLink, CreatePrivateLinkRequest, CreatePrivateLinkResponse, kAgentAdmin, S, kDefault)                                                              \
  X(CloudAgentClient, "CloudAgent", DestroyPrivateLink, DestroyPrivateLinkRequest, DestroyPrivateLinkResponse, kAgentAdmin, W, kDefault)                                                           \
  X(CloudAgentClient, "CloudAgent", ListPrivateLinks, ListPrivateLinksRequest, ListPrivateLinksResponse, kAgentAdmin, R, kDefault)                                                                 \
  X(CloudAgentClient, "CloudAgent", GetPrivateLinkStatus, GetPrivateLinkStatusRequest, GetPrivateLinkStatusResponse, kAgentAdmin, R, kDefault)                                                     \
  X(CloudAgentClient, "CloudAgent", GetClientSettings, ClientSettingsRequest, ClientSettingsResponse, kAgentAdmin, R, kDefault)                                                                    \
  /* Confirming an upload moves the one run it names on; a second confirm changes nothing. */                                                                                                      \
  X(AgentSimulationClient, "AgentSimulation", CreateSimulationRun, SimulationRun_Create_Request, SimulationRun_Create_Response, kSimulationAdmin, S, kDefault)                                     \
  X(AgentSimulationClient, "AgentSimulation", ConfirmSimulationSourceUpload, SimulationRun_ConfirmSourceUpload_Request, SimulationRun_ConfirmSourceUpload_Response, kSimulationAdmin, W, kDefault) \
  X(AgentSimulationClient, "AgentSimulation", GetSimulationRun, SimulationRun_Get_Request, SimulationRun_Get_Response, kSimulationAdmin, R, kDefault)                                              \
  X(AgentSimulationClient, "AgentSimulation", ListSimulationRuns, SimulationRun_List_Request, SimulationRun_List_Response, kSimulationAdmin, R, kDefault)                                          \
  X(AgentSimulationClient, "AgentSimulation", CountSimulationRuns, SimulationRun_Counts_Request, SimulationRun_Counts_Response, kSimulationAdmin, R, kDefault)                                     \
  X(AgentSimulationClient, "AgentSimulation", CancelSimulationRun, SimulationRun_Cancel_Request, SimulationRun_Cancel_Response, kSimulationAdmin, W, kDefault)                                     \
  X(AgentSimulationClient, "AgentSimulation", CreateScenarioFromSession, Scenario_CreateFromSession_Request, Scenario_CreateFromSession_Response, kSimulationAdmin, S, kDefault)                   \
  X(AgentDBClient, "AgentDBService", CreateDatabase, AgentDB_CreateRequest, AgentDB_CreateResponse, kDatabaseAdmin, S, kDefault)                                                                   \
  X(AgentDBClient, "AgentDBService", GetDatabase, AgentDB_GetRequest, AgentDB_AgentDatabase, kDatabaseAdmin, R, kDefault)                                                                          \
  X(AgentDBClient, "AgentDBService", ListDatabases, AgentDB_ListRequest, AgentDB_ListResponse, kDatabaseAdmin, R, kDefault)                                                                        \
  X(AgentDBClient, "AgentDBService", DeleteDatabase, AgentDB_DeleteRequest, AgentDB_DeleteResponse, kDatabaseAdmin, W, kDefault)                                                                   \
  X(AgentDBClient, "AgentDBService", DumpDatabase, AgentDB_DumpRequest, AgentDB_DumpResponse, kDatabaseAdmin, R, kDefault)
