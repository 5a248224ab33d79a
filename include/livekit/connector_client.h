#pragma once
/// @file
/// ConnectorClient: Connectors to phone networks: WhatsApp and Twilio calls.

#include <memory>
#include <string>
#include <vector>

#include "livekit_connector_whatsapp.pb.h"
#include "livekit_connector_twilio.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// Connectors to phone networks: WhatsApp and Twilio calls.
///
/// Calls `livekit.Connector`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token with the least grant the method
/// needs (or sends the configured token verbatim).
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class ConnectorClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit ConnectorClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit ConnectorClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `Connector/DialWhatsAppCall`: DialWhatsAppCallRequest -> DialWhatsAppCallResponse.
  LIVEKIT_API_METHOD(DialWhatsAppCall, DialWhatsAppCallRequest, DialWhatsAppCallResponse)
  /// `Connector/DisconnectWhatsAppCall`: DisconnectWhatsAppCallRequest -> DisconnectWhatsAppCallResponse.
  LIVEKIT_API_METHOD(DisconnectWhatsAppCall, DisconnectWhatsAppCallRequest, DisconnectWhatsAppCallResponse)
  /// `Connector/ConnectWhatsAppCall`: ConnectWhatsAppCallRequest -> ConnectWhatsAppCallResponse.
  LIVEKIT_API_METHOD(ConnectWhatsAppCall, ConnectWhatsAppCallRequest, ConnectWhatsAppCallResponse)
  /// `Connector/AcceptWhatsAppCall`: AcceptWhatsAppCallRequest -> AcceptWhatsAppCallResponse.
  LIVEKIT_API_METHOD(AcceptWhatsAppCall, AcceptWhatsAppCallRequest, AcceptWhatsAppCallResponse)
  /// `Connector/ConnectTwilioCall`: ConnectTwilioCallRequest -> ConnectTwilioCallResponse.
  LIVEKIT_API_METHOD(ConnectTwilioCall, ConnectTwilioCallRequest, ConnectTwilioCallResponse)

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
