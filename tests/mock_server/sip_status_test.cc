// sipStatus: the two dialing methods fail as a SIP call would, with the code table, message
// and metadata of spec/mock-server.md.

#include <google/protobuf/any.pb.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/base64.h"
#include "support/http_client.h"
#include "livekit_sip.pb.h"
#include "support/mock_server_process.h"
#include "sip_failure.h"
#include "support/mock_credentials.h"
#include "support/proto_json.h"

namespace livekit::test {
namespace {

using nlohmann::json;

// google.rpc.Status, decoded by hand like the server encoded it (fields 1, 2, 3).
struct RpcStatus {
  int code = 0;
  std::string message;
  std::vector<std::string> details;  // serialized google.protobuf.Any
};

bool DecodeRpcStatus(const std::string& bytes, RpcStatus* out) {
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                            static_cast<int>(bytes.size()));
  while (std::uint32_t tag = in.ReadTag()) {
    const int field = static_cast<int>(tag >> 3);
    if (field == 1) {
      std::uint64_t v = 0;
      if (!in.ReadVarint64(&v)) return false;
      out->code = static_cast<int>(v);
    } else if (field == 2 || field == 3) {
      std::uint32_t len = 0;
      std::string s;
      if (!in.ReadVarint32(&len) || !in.ReadString(&s, static_cast<int>(len))) return false;
      if (field == 2) out->message = s;
      else out->details.push_back(s);
    } else {
      return false;
    }
  }
  return true;
}

std::string StdBase64Decode(const std::string& in) {
  std::string url = in;
  for (char& c : url) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!url.empty() && url.back() == '=') url.pop_back();
  std::string out;
  EXPECT_TRUE(livekit::internal::Base64UrlDecode(url, &out));
  return out;
}

TEST(SipStatusTest, BusyHereOnCreateSIPParticipant) {
  MockServerProcess server(4);
  const HttpResult r = Twirp(server.url(0), "SIP", "CreateSIPParticipant", R"({"room_name":"r1"})", true,
                             {R"(X-Lk-Mock: {"skipAuth":true,"sipStatus":{"code":486,"status":"Busy Here"}})"});
  ASSERT_EQ(r.curl, CURLE_OK);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.Header("x-lk-mock-region"), "");
  const json body = json::parse(r.body);
  EXPECT_EQ(body["code"], "resource_exhausted");
  EXPECT_EQ(body["msg"], "sip status 486: Busy Here");
  EXPECT_EQ(body["meta"]["sip_status_code"], "486");
  EXPECT_EQ(body["meta"]["sip_status"], "Busy Here");

  RpcStatus status;
  ASSERT_TRUE(DecodeRpcStatus(StdBase64Decode(body["meta"]["error_details"]), &status));
  EXPECT_EQ(status.code, 8);  // RESOURCE_EXHAUSTED
  EXPECT_EQ(status.message, "sip status 486: Busy Here");
  ASSERT_EQ(status.details.size(), 1u);
  google::protobuf::Any any;
  ASSERT_TRUE(any.ParseFromString(status.details[0]));
  EXPECT_EQ(any.type_url(), "type.googleapis.com/livekit.SIPStatus");
  SIPStatus sip;
  ASSERT_TRUE(any.UnpackTo(&sip));
  EXPECT_EQ(sip.code(), SIPStatusCode::SIP_STATUS_BUSY_HERE);
  EXPECT_EQ(sip.status(), "Busy Here");
}

TEST(SipStatusTest, WithoutStatusTextTheEnumNameIsUsed) {
  MockServerProcess server(1);
  const HttpResult r = Twirp(server.url(0), "SIP", "TransferSIPParticipant", "{}", true,
                             {R"(X-Lk-Mock: {"skipAuth":true,"delayMs":0,"sipStatus":{"code":404}})"});
  EXPECT_EQ(r.status, 404);
  const json body = json::parse(r.body);
  EXPECT_EQ(body["code"], "not_found");
  // The name comes from livekit.SIPStatusCode (SIP_STATUS_NOTFOUND in protocol 1.52.1).
  EXPECT_EQ(body["msg"], "sip status 404: NOTFOUND");
  EXPECT_EQ(body["meta"]["sip_status"], "SIP_STATUS_NOTFOUND");
  EXPECT_EQ(body["meta"]["sip_status_code"], "404");
}

TEST(SipStatusTest, OnlyTheDialingMethodsAndAfterTheDelay) {
  MockServerProcess server(2);
  const std::string control = R"(X-Lk-Mock: {"skipAuth":true,"sipStatus":{"code":486},"failRegions":[0]})";
  // Other methods ignore sipStatus (and here fail by failRegions in region 0 only).
  EXPECT_EQ(Twirp(server.url(1), "SIP", "ListSIPInboundTrunk", "{}", true, {control}).status, 200);
  // sipStatus comes before failRegions.
  EXPECT_EQ(Twirp(server.url(0), "SIP", "CreateSIPParticipant", "{}", true, {control}).status, 429);
  // And after the delay: the client gives up first.
  const HttpResult slow = Twirp(server.url(0), "SIP", "CreateSIPParticipant", "{}", true,
                                {R"(X-Lk-Mock: {"skipAuth":true,"sipStatus":{"code":486},"delayMs":5000})"}, 200);
  EXPECT_EQ(slow.curl, CURLE_OPERATION_TIMEDOUT);
  // A 2xx SIP status is a successful call.
  EXPECT_EQ(Twirp(server.url(1), "SIP", "CreateSIPParticipant", "{}", true,
                  {R"(X-Lk-Mock: {"skipAuth":true,"sipStatus":{"code":200}})"}).status,
            200);
}

TEST(SipCodeTableTest, EveryRow) {
  const std::pair<std::vector<int>, const char*> rows[] = {
      {{300, 305, 380, 400, 405, 406, 411, 413, 414, 415, 417, 420, 421, 422, 423, 424, 425, 429, 430, 439, 469,
        484, 485, 488, 489, 493, 505, 513, 606},
       "invalid_argument"},
      {{301, 302, 404, 410, 481, 604}, "not_found"},
      {{401, 402, 403, 433, 470, 603, 607, 608}, "permission_denied"},
      {{407, 428, 436, 437, 438, 494}, "unauthenticated"},
      {{408, 504}, "deadline_exceeded"},
      {{409, 412, 482, 483, 500, 501, 502, 503}, "failed_precondition"},
      {{416}, "out_of_range"},
      {{440, 480, 486, 600}, "resource_exhausted"},
      {{487, 491}, "aborted"},
      {{303, 399, 418, 499}, "invalid_argument"},   // other 3xx/4xx
      {{506, 580, 599}, "failed_precondition"},     // other 5xx
      {{601, 699}, "invalid_argument"},             // other 6xx
      {{100, 180, 0}, "unknown"},                   // below 200
  };
  for (const auto& [codes, twirp] : rows) {
    for (int code : codes) EXPECT_EQ(livekit::mock::TwirpCodeForSipCode(code), twirp) << code;
  }
}

}  // namespace
}  // namespace livekit::test
