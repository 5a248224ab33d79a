#pragma once
// A dial that fails the way a SIP call does (`sipStatus` in the control header): the Twirp
// code from the SIP code table of spec/mock-server.md, the message, and the metadata
// sip_status_code, sip_status and error_details (base64 of a google.rpc.Status carrying a
// livekit.SIPStatus).

#include <string>

#include "twirp_error.h"

namespace livekit::mock {

/// The Twirp code for a SIP status code.
std::string TwirpCodeForSipCode(int sip_code);

/// The livekit.SIPStatusCode enum name of a code (e.g. "SIP_STATUS_BUSY_HERE"), or empty.
std::string SipStatusEnumName(int sip_code);

/// The whole error answer for `sipStatus: {code, status}`.
TwirpError SipFailure(int sip_code, const std::string& status);

/// The serialized google.rpc.Status {code, message, details: [Any(livekit.SIPStatus)]}.
std::string EncodeRpcStatus(int grpc_code, const std::string& message, int sip_code, const std::string& sip_status);

}  // namespace livekit::mock
