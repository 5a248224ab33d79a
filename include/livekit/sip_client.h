#pragma once
/// @file
/// SipClient: SIP telephony: trunks, dispatch rules, outbound calls and transfers.

#include <memory>
#include <string>
#include <vector>

#include "livekit_sip.pb.h"

#include "livekit/api_method.h"
#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// SIP telephony: trunks, dispatch rules, outbound calls and transfers.
///
/// Calls `livekit.SIP`. Every method exists in the three forms of
/// livekit/api_method.h. Each call signs a 10-minute token with the least grant the method
/// needs (or sends the configured token verbatim).
///
/// Thread safety: a copyable handle over a shared connection; copies and concurrent calls from
/// any threads are safe. When the last copy (and the last LiveKitAPI sharing its connection) is
/// destroyed, calls still in flight complete with ErrorCode::kCancelled.
class SipClient {
 public:
  /// Builds the client from options; empty members fall back to LIVEKIT_URL, LIVEKIT_API_KEY,
  /// LIVEKIT_API_SECRET and LIVEKIT_TOKEN. Unusable options do not throw: status() tells, and
  /// every call fails with that error (ErrorCode::kInvalidArgument).
  explicit SipClient(ClientOptions options = {});
  /// Shares an existing connection (LiveKitAPI builds its clients this way).
  explicit SipClient(std::shared_ptr<internal::ApiConnection> connection);
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// `SIP/ListSIPTrunk`: ListSIPTrunkRequest -> ListSIPTrunkResponse.
  LIVEKIT_API_METHOD(ListSIPTrunk, ListSIPTrunkRequest, ListSIPTrunkResponse)
  /// `SIP/CreateSIPInboundTrunk`: CreateSIPInboundTrunkRequest -> SIPInboundTrunkInfo.
  LIVEKIT_API_METHOD(CreateSIPInboundTrunk, CreateSIPInboundTrunkRequest, SIPInboundTrunkInfo)
  /// `SIP/CreateSIPOutboundTrunk`: CreateSIPOutboundTrunkRequest -> SIPOutboundTrunkInfo.
  LIVEKIT_API_METHOD(CreateSIPOutboundTrunk, CreateSIPOutboundTrunkRequest, SIPOutboundTrunkInfo)
  /// `SIP/UpdateSIPInboundTrunk`: UpdateSIPInboundTrunkRequest -> SIPInboundTrunkInfo.
  LIVEKIT_API_METHOD(UpdateSIPInboundTrunk, UpdateSIPInboundTrunkRequest, SIPInboundTrunkInfo)
  /// `SIP/UpdateSIPOutboundTrunk`: UpdateSIPOutboundTrunkRequest -> SIPOutboundTrunkInfo.
  LIVEKIT_API_METHOD(UpdateSIPOutboundTrunk, UpdateSIPOutboundTrunkRequest, SIPOutboundTrunkInfo)
  /// `SIP/GetSIPInboundTrunk`: GetSIPInboundTrunkRequest -> GetSIPInboundTrunkResponse.
  LIVEKIT_API_METHOD(GetSIPInboundTrunk, GetSIPInboundTrunkRequest, GetSIPInboundTrunkResponse)
  /// `SIP/GetSIPOutboundTrunk`: GetSIPOutboundTrunkRequest -> GetSIPOutboundTrunkResponse.
  LIVEKIT_API_METHOD(GetSIPOutboundTrunk, GetSIPOutboundTrunkRequest, GetSIPOutboundTrunkResponse)
  /// `SIP/ListSIPInboundTrunk`: ListSIPInboundTrunkRequest -> ListSIPInboundTrunkResponse.
  LIVEKIT_API_METHOD(ListSIPInboundTrunk, ListSIPInboundTrunkRequest, ListSIPInboundTrunkResponse)
  /// `SIP/ListSIPOutboundTrunk`: ListSIPOutboundTrunkRequest -> ListSIPOutboundTrunkResponse.
  LIVEKIT_API_METHOD(ListSIPOutboundTrunk, ListSIPOutboundTrunkRequest, ListSIPOutboundTrunkResponse)
  /// `SIP/DeleteSIPTrunk`: DeleteSIPTrunkRequest -> SIPTrunkInfo.
  LIVEKIT_API_METHOD(DeleteSIPTrunk, DeleteSIPTrunkRequest, SIPTrunkInfo)
  /// `SIP/CreateSIPDispatchRule`: CreateSIPDispatchRuleRequest -> SIPDispatchRuleInfo.
  LIVEKIT_API_METHOD(CreateSIPDispatchRule, CreateSIPDispatchRuleRequest, SIPDispatchRuleInfo)
  /// `SIP/UpdateSIPDispatchRule`: UpdateSIPDispatchRuleRequest -> SIPDispatchRuleInfo.
  LIVEKIT_API_METHOD(UpdateSIPDispatchRule, UpdateSIPDispatchRuleRequest, SIPDispatchRuleInfo)
  /// `SIP/ListSIPDispatchRule`: ListSIPDispatchRuleRequest -> ListSIPDispatchRuleResponse.
  LIVEKIT_API_METHOD(ListSIPDispatchRule, ListSIPDispatchRuleRequest, ListSIPDispatchRuleResponse)
  /// `SIP/DeleteSIPDispatchRule`: DeleteSIPDispatchRuleRequest -> SIPDispatchRuleInfo.
  LIVEKIT_API_METHOD(DeleteSIPDispatchRule, DeleteSIPDispatchRuleRequest, SIPDispatchRuleInfo)
  /// `SIP/CreateSIPParticipant`: CreateSIPParticipantRequest -> SIPParticipantInfo.
  LIVEKIT_API_METHOD(CreateSIPParticipant, CreateSIPParticipantRequest, SIPParticipantInfo)
  /// `SIP/TransferSIPParticipant`: TransferSIPParticipantRequest -> TransferSIPParticipantResponse.
  LIVEKIT_API_METHOD(TransferSIPParticipant, TransferSIPParticipantRequest, TransferSIPParticipantResponse)

  // Convenience forms (blocking), as in the official SDKs.

  /// Deletes trunk `sip_trunk_id` (inbound or outbound).
  Result<SIPTrunkInfo> DeleteSIPTrunk(const std::string& sip_trunk_id, const CallOptions& options = {}) const;
  /// Deletes dispatch rule `sip_dispatch_rule_id`.
  Result<SIPDispatchRuleInfo> DeleteSIPDispatchRule(const std::string& sip_dispatch_rule_id,
                                                    const CallOptions& options = {}) const;
  /// Dials `sip_call_to` through `sip_trunk_id` into `room_name`; `settings` carries the rest
  /// (identity, wait_until_answered, ringing_timeout, ...). With wait_until_answered the call
  /// waits for the answer (timeout: max(timeout, ringing_timeout + 2 s)).
  Result<SIPParticipantInfo> CreateSIPParticipant(const std::string& sip_trunk_id, const std::string& sip_call_to,
                                                  const std::string& room_name,
                                                  CreateSIPParticipantRequest settings = {},
                                                  const CallOptions& options = {}) const;
  /// CreateSIPParticipant without settings, with options for this call.
  template <typename Options, EnableIfCallOptions<Options> = 0>
  Result<SIPParticipantInfo> CreateSIPParticipant(const std::string& sip_trunk_id, const std::string& sip_call_to,
                                                  const std::string& room_name, const Options& options) const {
    return CreateSIPParticipant(sip_trunk_id, sip_call_to, room_name, CreateSIPParticipantRequest{}, options);
  }
  /// Transfers participant `participant_identity` of `room_name` to `transfer_to` (a SIP URI or tel:).
  Result<TransferSIPParticipantResponse> TransferSIPParticipant(const std::string& room_name,
                                                                const std::string& participant_identity,
                                                                const std::string& transfer_to,
                                                                bool play_dialtone = false,
                                                                const CallOptions& options = {}) const;
  /// TransferSIPParticipant without a dial tone, with options for this call.
  template <typename Options, EnableIfCallOptions<Options> = 0>
  Result<TransferSIPParticipantResponse> TransferSIPParticipant(const std::string& room_name,
                                                                const std::string& participant_identity,
                                                                const std::string& transfer_to,
                                                                const Options& options) const {
    return TransferSIPParticipant(room_name, participant_identity, transfer_to, false, options);
  }

 private:
  std::shared_ptr<internal::ApiConnection> connection_;
};

}  // namespace livekit
