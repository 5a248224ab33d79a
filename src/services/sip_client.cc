#include "livekit/sip_client.h"

#include "services/typed_call.h"

namespace livekit {

LIVEKIT_DEFINE_CLIENT(SipClient)

Result<SIPTrunkInfo> SipClient::DeleteSIPTrunk(const std::string& sip_trunk_id, const CallOptions& options) const {
  DeleteSIPTrunkRequest req;
  req.set_sip_trunk_id(sip_trunk_id);
  return DeleteSIPTrunk(req, options);
}

Result<SIPDispatchRuleInfo> SipClient::DeleteSIPDispatchRule(const std::string& sip_dispatch_rule_id,
                                                             const CallOptions& options) const {
  DeleteSIPDispatchRuleRequest req;
  req.set_sip_dispatch_rule_id(sip_dispatch_rule_id);
  return DeleteSIPDispatchRule(req, options);
}

Result<SIPParticipantInfo> SipClient::CreateSIPParticipant(const std::string& sip_trunk_id,
                                                           const std::string& sip_call_to,
                                                           const std::string& room_name,
                                                           CreateSIPParticipantRequest settings,
                                                           const CallOptions& options) const {
  settings.set_sip_trunk_id(sip_trunk_id);
  settings.set_sip_call_to(sip_call_to);
  settings.set_room_name(room_name);
  return CreateSIPParticipant(settings, options);
}

Result<TransferSIPParticipantResponse> SipClient::TransferSIPParticipant(const std::string& room_name,
                                                                         const std::string& participant_identity,
                                                                         const std::string& transfer_to,
                                                                         bool play_dialtone,
                                                                         const CallOptions& options) const {
  TransferSIPParticipantRequest req;
  req.set_room_name(room_name);
  req.set_participant_identity(participant_identity);
  req.set_transfer_to(transfer_to);
  req.set_play_dialtone(play_dialtone);
  return TransferSIPParticipant(req, options);
}

}  // namespace livekit
