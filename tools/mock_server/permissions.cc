#include "permissions.h"

#include <nlohmann/json.hpp>

#include <google/protobuf/descriptor.h>

#include "common/base64.h"
#include "livekit/token_verifier.h"

namespace livekit::mock {
namespace {

// A JWT's payload as JSON, unverified (a discarded value when it is not an object).
nlohmann::json UnverifiedPayload(std::string_view jwt) {
  const std::size_t a = jwt.find('.');
  if (a == std::string_view::npos) return nlohmann::json::value_t::discarded;
  const std::size_t b = jwt.find('.', a + 1);
  if (b == std::string_view::npos) return nlohmann::json::value_t::discarded;
  std::string payload;
  if (!livekit::internal::Base64UrlDecode(jwt.substr(a + 1, b - a - 1), &payload)) {
    return nlohmann::json::value_t::discarded;
  }
  auto doc = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return nlohmann::json::value_t::discarded;
  return doc;
}

// The payload's `iss`: the mock accepts any API key, so the verifier is built with the
// token's own issuer and only the signature and lifetime decide.
std::string Issuer(const nlohmann::json& payload) {
  if (!payload.is_object()) return {};
  const auto iss = payload.find("iss");
  if (iss == payload.end() || !iss->is_string()) return {};
  return iss->get<std::string>();
}

// Whether the `agent` claim's `member` is true. Read from the payload here rather than from
// the SDK's parsed claims, so the mock's check stays its own.
bool AgentMember(const nlohmann::json& payload, const char* member) {
  const auto agent = payload.find("agent");
  if (agent == payload.end() || !agent->is_object()) return false;
  const auto value = agent->find(member);
  return value != agent->end() && value->is_boolean() && value->get<bool>();
}

// The request's value of the first string field among `names`; nullopt when it has none.
std::optional<std::string> StringField(const google::protobuf::Message& m, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto* f = m.GetDescriptor()->FindFieldByName(name);
    if (f != nullptr && !f->is_repeated() && f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
      return m.GetReflection()->GetString(m, f);
    }
  }
  return std::nullopt;
}

bool Flag(const std::optional<bool>& b) { return b.value_or(false); }

}  // namespace

std::optional<TwirpError> CheckPermission(std::string_view authorization, const std::string& api_secret,
                                          const ApiMethod* method,
                                          const google::protobuf::Message* request) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() || authorization.substr(0, kBearer.size()) != kBearer) {
    return MockError(401, "unauthenticated");
  }
  const std::string_view jwt = authorization.substr(kBearer.size());
  const nlohmann::json payload = UnverifiedPayload(jwt);
  const std::string issuer = Issuer(payload);
  if (issuer.empty()) return MockError(401, "unauthenticated");
  auto claims = livekit::TokenVerifier(issuer, api_secret).Verify(jwt);
  if (!claims.ok()) return MockError(401, "unauthenticated");
  if (method == nullptr) return std::nullopt;

  const auto& need = method->grant;
  const livekit::VideoGrant video = claims->video.value_or(livekit::VideoGrant{});
  const livekit::SipGrant sip = claims->sip.value_or(livekit::SipGrant{});
  bool ok = true;
  if (need.room_create) ok = ok && Flag(video.room_create);
  if (need.room_list) ok = ok && Flag(video.room_list);
  if (need.room_record) ok = ok && Flag(video.room_record);
  if (need.room_admin) ok = ok && Flag(video.room_admin);
  if (need.ingress_admin) ok = ok && Flag(video.ingress_admin);
  if (need.sip_admin) ok = ok && Flag(sip.admin);
  if (need.sip_call) ok = ok && Flag(sip.call);
  if (need.agent_admin) ok = ok && AgentMember(payload, "admin");
  if (need.agent_simulation_admin) ok = ok && AgentMember(payload, "simulationAdmin");
  if (need.agent_database_admin) ok = ok && AgentMember(payload, "databaseAdmin");
  if (ok && need.room && request != nullptr) {
    // Like the server: an absent room in the grant equals only an empty request room.
    const auto room = StringField(*request, {"room", "room_name"});
    if (room && *room != video.room.value_or("")) ok = false;
  }
  if (ok && need.destination_room && request != nullptr) {
    const auto dest = StringField(*request, {"destination_room"});
    if (dest && *dest != video.destination_room.value_or("")) ok = false;
  }
  if (!ok) return MockError(403, "permission_denied");
  return std::nullopt;
}

}  // namespace livekit::mock
