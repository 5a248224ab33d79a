#include "sip_failure.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/wire_format_lite.h>

#include <algorithm>
#include <initializer_list>

#include "common/base64.h"
#include "livekit_sip.pb.h"

namespace livekit::mock {
namespace {

bool In(int code, std::initializer_list<int> codes) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// One length-delimited field, written by hand: google.rpc.Status and google.protobuf.Any
// are three and two fields, not worth a .proto of their own.
void WriteBytesField(google::protobuf::io::CodedOutputStream* out, int field, const std::string& bytes) {
  out->WriteTag(google::protobuf::internal::WireFormatLite::MakeTag(
      field, google::protobuf::internal::WireFormatLite::WIRETYPE_LENGTH_DELIMITED));
  out->WriteVarint32(static_cast<std::uint32_t>(bytes.size()));
  out->WriteString(bytes);
}

}  // namespace

std::string TwirpCodeForSipCode(int c) {
  if (c < 200) return "unknown";
  if (In(c, {300, 305, 380, 400, 405, 406, 411, 413, 414, 415, 417, 420, 421, 422, 423, 424, 425, 429, 430,
             439, 469, 484, 485, 488, 489, 493, 505, 513, 606})) {
    return "invalid_argument";
  }
  if (In(c, {301, 302, 404, 410, 481, 604})) return "not_found";
  if (In(c, {401, 402, 403, 433, 470, 603, 607, 608})) return "permission_denied";
  if (In(c, {407, 428, 436, 437, 438, 494})) return "unauthenticated";
  if (In(c, {408, 504})) return "deadline_exceeded";
  if (In(c, {409, 412, 482, 483, 500, 501, 502, 503})) return "failed_precondition";
  if (c == 416) return "out_of_range";
  if (In(c, {440, 480, 486, 600})) return "resource_exhausted";
  if (In(c, {487, 491})) return "aborted";
  if (c >= 500 && c < 600) return "failed_precondition";
  return "invalid_argument";  // any other 3xx, 4xx, 6xx (and beyond)
}

std::string SipStatusEnumName(int sip_code) {
  const auto* value = livekit::SIPStatusCode_descriptor()->FindValueByNumber(sip_code);
  return value != nullptr ? value->name() : std::string();
}

std::string EncodeRpcStatus(int grpc_code, const std::string& message, int sip_code, const std::string& sip_status) {
  livekit::SIPStatus sip;
  sip.set_code(static_cast<livekit::SIPStatusCode>(sip_code));  // open enum: any number is kept
  sip.set_status(sip_status);

  std::string any;
  {
    google::protobuf::io::StringOutputStream stream(&any);
    google::protobuf::io::CodedOutputStream out(&stream);
    WriteBytesField(&out, 1, "type.googleapis.com/livekit.SIPStatus");
    WriteBytesField(&out, 2, sip.SerializeAsString());
  }
  std::string status;
  {
    google::protobuf::io::StringOutputStream stream(&status);
    google::protobuf::io::CodedOutputStream out(&stream);
    if (grpc_code != 0) {
      out.WriteTag(google::protobuf::internal::WireFormatLite::MakeTag(
          1, google::protobuf::internal::WireFormatLite::WIRETYPE_VARINT));
      out.WriteVarint64(static_cast<std::uint64_t>(static_cast<std::int64_t>(grpc_code)));
    }
    if (!message.empty()) WriteBytesField(&out, 2, message);
    WriteBytesField(&out, 3, any);
  }
  return status;
}

TwirpError SipFailure(int sip_code, const std::string& status) {
  const std::string enum_name = SipStatusEnumName(sip_code);
  std::string shown = status;
  if (shown.empty()) {
    shown = enum_name.rfind("SIP_STATUS_", 0) == 0 ? enum_name.substr(11) : enum_name;
    if (shown.empty()) shown = std::to_string(sip_code);  // a code the enum does not name
  }
  TwirpError e;
  e.code = TwirpCodeForSipCode(sip_code);
  e.http_status = HttpStatusForTwirpCode(e.code);
  e.msg = "sip status " + std::to_string(sip_code) + ": " + shown;
  const std::string meta_status = !status.empty() ? status : (!enum_name.empty() ? enum_name : shown);
  e.meta["sip_status_code"] = std::to_string(sip_code);
  e.meta["sip_status"] = meta_status;
  e.meta["error_details"] = livekit::internal::Base64Encode(
      EncodeRpcStatus(GrpcCodeForTwirpCode(e.code), e.msg, sip_code, meta_status));
  return e;
}

}  // namespace livekit::mock
