#include "livekit/connector_client.h"

#include "services/typed_call.h"

namespace livekit {

ConnectorClient::ConnectorClient(ClientOptions options)
    : connection_(std::make_shared<internal::ApiConnection>(std::move(options))) {}

ConnectorClient::ConnectorClient(std::shared_ptr<internal::ApiConnection> connection) : connection_(std::move(connection)) {}

const Status& ConnectorClient::status() const { return connection_->status(); }

LIVEKIT_DEFINE_API_METHOD(ConnectorClient, "Connector", DialWhatsAppCall, DialWhatsAppCallRequest, DialWhatsAppCallResponse)
LIVEKIT_DEFINE_API_METHOD(ConnectorClient, "Connector", DisconnectWhatsAppCall, DisconnectWhatsAppCallRequest, DisconnectWhatsAppCallResponse)
LIVEKIT_DEFINE_API_METHOD(ConnectorClient, "Connector", ConnectWhatsAppCall, ConnectWhatsAppCallRequest, ConnectWhatsAppCallResponse)
LIVEKIT_DEFINE_API_METHOD(ConnectorClient, "Connector", AcceptWhatsAppCall, AcceptWhatsAppCallRequest, AcceptWhatsAppCallResponse)
LIVEKIT_DEFINE_API_METHOD(ConnectorClient, "Connector", ConnectTwilioCall, ConnectTwilioCallRequest, ConnectTwilioCallResponse)

}  // namespace livekit
