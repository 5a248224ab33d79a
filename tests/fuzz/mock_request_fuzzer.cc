// Fuzzes the mock server's request decoding (tools/mock_server/request_handler.cc and
// permissions.cc) through HandleRequest, with no I/O. Input:
//   byte 0: the method (index into the method table);
//   byte 1: bit 0 = JSON (else protobuf); bits 1-2 = authorization: 0 skipAuth, 1 a valid
//           token with every grant, 2 none, 3 the first line of the rest is the header;
//   rest:   the request body.
// Invariants: a body protobuf can decode is never refused as malformed and one it cannot is;
// a 200 answer decodes as the method's response type in the request's encoding.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "fuzz_check.h"
#include "livekit/access_token.h"
#include "request_handler.h"
#include "services/method_table.h"
#include "signed_token.h"
#include "stats.h"

namespace {

namespace http = boost::beast::http;
using google::protobuf::Message;

std::unique_ptr<Message> NewMessage(std::string_view full_name) {
  const auto* d = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(std::string(full_name));
  FUZZ_CHECK(d != nullptr);
  return std::unique_ptr<Message>(google::protobuf::MessageFactory::generated_factory()->GetPrototype(d)->New());
}

bool Decodes(std::string_view body, bool json, Message* m) {
  if (!json) return m->ParseFromArray(body.data(), static_cast<int>(body.size()));
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return true;  // empty JSON: an empty message
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  return google::protobuf::util::JsonStringToMessage(google::protobuf::StringPiece(body.data(), body.size()), m,
                                                     options)
      .ok();
}

const std::string& ValidAuthorization() {
  static const std::string header = [] {
    livekit::VideoGrant video;
    video.room_create = video.room_list = video.room_record = video.room_admin = video.ingress_admin = true;
    video.room = "fuzz-room";
    livekit::SipGrant sip;
    sip.admin = sip.call = true;
    livekit::AccessToken token(livekit::fuzz::kApiKey, livekit::fuzz::kApiSecret);
    token.set_video_grant(video).set_sip_grant(sip).set_ttl(std::chrono::hours(24));
    auto jwt = token.ToJwt();
    FUZZ_CHECK(jwt.ok());
    return "Bearer " + *jwt;
  }();
  return header;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  static livekit::mock::Stats stats(3);
  static const livekit::mock::ServerContext context = [] {
    livekit::mock::ServerContext c;
    c.ports = {7880, 7881, 7882};
    c.advertise_host = "http://127.0.0.1";
    c.twirp_prefix = "/twirp";
    c.api_secret = livekit::fuzz::kApiSecret;
    c.stats = &stats;
    return c;
  }();
  std::size_t count = 0;
  const livekit::internal::MethodInfo* methods = livekit::internal::AllMethods(&count);
  FUZZ_CHECK(count > 0);
  const livekit::internal::MethodInfo& method = methods[data[0] % count];
  const bool json = (data[1] & 1) != 0;
  const int auth = (data[1] >> 1) & 3;
  std::string_view body = livekit::fuzz::AsText(data + 2, size - 2);

  livekit::mock::HttpRequest request{http::verb::post,
                                     "/twirp/livekit." + std::string(method.service) + "/" + std::string(method.method),
                                     11};
  request.set(http::field::host, "127.0.0.1:7880");
  request.set(http::field::content_type, json ? "application/json" : "application/protobuf");
  if (auth == 0) request.set("X-Lk-Mock", R"({"skipAuth":true})");
  if (auth == 1) request.set(http::field::authorization, ValidAuthorization());
  if (auth == 3) {
    std::string_view header;
    body = livekit::fuzz::SplitFirstLine(body, &header);
    request.set(http::field::authorization, boost::beast::string_view(header.data(), header.size()));
  }
  request.body().assign(body);
  request.prepare_payload();

  const livekit::mock::Outcome outcome = livekit::mock::HandleRequest(context, 0, request);
  FUZZ_CHECK(outcome.action == livekit::mock::Outcome::Action::kAnswer);
  const unsigned status = outcome.response.result_int();
  const bool decodes = Decodes(body, json, NewMessage(method.request).get());
  FUZZ_CHECK(decodes == (status != 400));
  FUZZ_CHECK(status == 200 || status == 400 || status == 401 || status == 403);
  if (auth == 2) FUZZ_CHECK(status == 400 || status == 401);
  if (status == 200) {
    const auto& answer = outcome.response.body();
    FUZZ_CHECK(Decodes(answer, json, NewMessage(method.response).get()));
  }
  return 0;
}
